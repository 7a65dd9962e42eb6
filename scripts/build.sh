#!/usr/bin/env bash
# Builds every shipped artifact. One function per artifact: add new ones to main().
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# The web app: dist/index.html, embed.js, retention-calculator.js, its _bg.wasm and css.
# index.html gives wasm-opt `--low-memory-unused` (Rust never uses the first KB of memory) and
# `--converge` besides -Oz: a KB less; the parts below get the same.
# Trunk.toml sets offline = true, so a missing or wrong tool fails instead of downloading.
build_app() {
  echo "== build: app (trunk build --release -> dist/)"
  trunk build --release
}

# The parts a calculator loads after its first screen (src/parts.rs), each a module of its
# own, size-optimised like the page's first module: dist/retention-details.js (every other
# figure, charts, what-if, periods, share) and dist/retention-tools.js (the order import, the
# members side and the NPS), each with its _bg.wasm.
build_parts() {
  local part
  for part in details tools; do
    echo "== build: $part module (dist/retention-$part.js)"
    cargo build --release --target wasm32-unknown-unknown --bin "retention-$part"
    wasm-bindgen --target web --no-typescript --out-dir dist --out-name "retention-$part" \
      "target/wasm32-unknown-unknown/release/retention-$part.wasm"
    wasm-opt -Oz --low-memory-unused --converge "dist/retention-${part}_bg.wasm" -o "dist/retention-${part}_bg.wasm"
  done
}

# The page's modules and scripts as a browser gets them, 5.5 KB smaller for the first
# download: short names for what each module's wasm and glue call each other, and no custom
# sections (scripts/short-names.mjs), then terser drops comments and white space and shortens local
# names (names other code uses, such as `mountPart`, stay). The sources in web/ stay readable.
shrink_scripts() {
  echo "== build: short wasm import/export names, minified scripts (terser)"
  node scripts/short-names.mjs dist/retention-calculator.js dist/retention-details.js dist/retention-tools.js
  local file
  for file in dist/embed.js dist/import-worker.js dist/retention-calculator.js \
    dist/retention-details.js dist/retention-tools.js; do
    terser "$file" --module --compress --mangle --output "$file"
  done
  # A classic script: its top level is the page's.
  terser dist/frame.js --compress --mangle --output dist/frame.js
}

# One classic script with the wasm inside, for pages opened from file:// (no ES modules or
# fetch there, so no second module): dist/retention-calculator.standalone.js, the calculator
# and its tools in one module (src/bin/standalone.rs).
build_standalone() {
  echo "== build: stand-alone script (dist/retention-calculator.standalone.js)"
  local out=target/standalone
  mkdir -p "$out"
  cargo build --release --target wasm32-unknown-unknown --bin retention-standalone
  wasm-bindgen --target no-modules --no-typescript --out-dir "$out" --out-name retention-calculator \
    target/wasm32-unknown-unknown/release/retention-standalone.wasm
  wasm-opt -Oz "$out/retention-calculator_bg.wasm" -o "$out/retention-calculator.opt.wasm"
  node scripts/standalone.mjs "$out/retention-calculator.js" "$out/retention-calculator.opt.wasm" \
    dist/retention-calculator.standalone.js
}

# The JS API of the core crate (feature `wasm`): dist/pkg/retention_core.js (ES module),
# its _bg.wasm and .d.ts, package.json and README.md. A page imports it with no bundler:
#   import init, { calculate } from "./pkg/retention_core.js"; await init();
# Runs after build_app, since Trunk empties dist/. Built for speed (profile `fast`, opt-level
# 3, wasm-opt -O3): the import worker fits its models with it, and it loads only after a click.
build_pkg() {
  echo "== build: JS API of the core (dist/pkg/)"
  local out=dist/pkg version
  # A cdylib only here, so the app's rlib build of the core is not rebuilt or overwritten.
  # Feature xlsx: the worker reads Excel workbooks; the app itself never does.
  cargo rustc -p retention-core --features wasm,xlsx --target wasm32-unknown-unknown --profile fast --crate-type cdylib
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" --out-name retention_core \
    target/wasm32-unknown-unknown/fast/retention_core.wasm
  wasm-opt -O3 "$out/retention_core_bg.wasm" -o "$out/retention_core_bg.wasm"
  version="$(cargo pkgid -p retention-core | sed 's/.*[#@]//')"
  cat >"$out/package.json" <<JSON
{
  "name": "retention-core",
  "version": "$version",
  "description": "Customer retention, churn and lifetime value, computed by the retention-core crate in WebAssembly.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "retention_core.js",
  "module": "retention_core.js",
  "types": "retention_core.d.ts",
  "exports": {
    ".": {
      "types": "./retention_core.d.ts",
      "default": "./retention_core.js"
    },
    "./retention_core_bg.wasm": "./retention_core_bg.wasm"
  },
  "files": ["retention_core.js", "retention_core.d.ts", "retention_core_bg.wasm", "retention_core_bg.wasm.d.ts"]
}
JSON
  cat >"$out/README.md" <<'MD'
# retention-core (JS API)

Customer retention, churn and lifetime value from the `retention-core` Rust crate, compiled to
WebAssembly. An ES module: no bundler, no dependencies. Types are in `retention_core.d.ts`.

```html
<script type="module">
  import init, { calculate, formatPercent } from "./pkg/retention_core.js";
  await init(); // fetches retention_core_bg.wasm next to the module

  const report = calculate({ start: "1.000", end: 1050, new: 200, locale: "nl" });
  if (report.retention) {
    console.log(formatPercent(report.retention.retentionRate, 1, "nl")); // "85,0 %"
  }
  for (const e of report.errors) console.log(e.field, e.code, e.message);
</script>
```

In Node: `await init({ module_or_path: fs.readFileSync("pkg/retention_core_bg.wasm") })`.
Under a Content-Security-Policy, `script-src` needs `'wasm-unsafe-eval'`.

- `calculate(input)`: every figure (`retention`, `value`, `discounted`, `acquisition`, each
  `null` when its inputs have a mistake), the mistakes as data in `errors`
  (`{ code, field, message }`) and what each figure means in `explanations`. Numbers may be JS
  numbers or text as typed (`"1.234,56"` with `locale: "nl"`; default `"en"`).
- `retention(start, end, newCustomers, period?)`, `annualise(churnRate, period)`,
  `clv(spend, frequency, lifespanYears)`.
- `parseNumber(text, locale?)`, `formatNumber(value, decimals, locale?)`,
  `formatPercent(value, decimals, locale?)`, `formatMoney(value, currency, locale?)`.
- `version()`.
- Net Promoter Score: `nps({ promoters, passives, detractors })`, `npsFromAnswers(text,
  options)`, `compareNps(before, after)`.
- Order exports: `sniffOrders(bytes, { partial?, sheet? })` guesses the layout (encoding,
  columns, known formats such as Shopify's, statuses); `new OrderReader(mapping, { seed })`
  reads a file streamed in chunks (`.feed(chunk)`, `.finish()` gives an `Analyzer`);
  `Analyzer.fromWorkbook(bytes, mapping)` and `sheetNames(bytes)` read Excel workbooks;
  `analyzer.summarise(options)`, `.forecast(options, end)`, `.inactiveCsv(...)`,
  `.forecastCsv(locale)` count; `.segments(options)` and `.segmentCsv(segment, options,
  locale)` give the RFM segments and a file per segment. `new ImportSession(post)` with `.handle(request, file)` is
  the calculator's import worker, in the typed messages `Request` and `Response`.

Only a malformed call (`calculate(42)`, an unknown period, locale or currency, a field that is
an object) throws an `Error`.
MD
}

main() {
  ensure_setup
  build_app
  build_parts
  shrink_scripts
  build_standalone
  build_pkg
}

main "$@"
