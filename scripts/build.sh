#!/usr/bin/env bash
# Builds every shipped artifact. One function per artifact: add new ones to main().
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# The web app: dist/index.html, embed.js, retention-calculator.js, its _bg.wasm and css.
# Trunk.toml sets offline = true, so a missing or wrong tool fails instead of downloading.
build_app() {
  echo "== build: app (trunk build --release -> dist/)"
  trunk build --release
}

# One classic script with the wasm inside, for pages opened from file:// (no ES modules or
# fetch there): dist/retention-calculator.standalone.js. Reuses the wasm Trunk just built.
build_standalone() {
  echo "== build: stand-alone script (dist/retention-calculator.standalone.js)"
  local out=target/standalone
  mkdir -p "$out"
  wasm-bindgen --target no-modules --no-typescript --out-dir "$out" --out-name retention-calculator \
    target/wasm32-unknown-unknown/release/retention-calculator.wasm
  wasm-opt -Oz "$out/retention-calculator_bg.wasm" -o "$out/retention-calculator.opt.wasm"
  node scripts/standalone.mjs "$out/retention-calculator.js" "$out/retention-calculator.opt.wasm" \
    dist/retention-calculator.standalone.js
}

main() {
  ensure_setup
  build_app
  build_standalone
}

main "$@"
