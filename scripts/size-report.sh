#!/usr/bin/env bash
# What a visitor downloads from dist/, per way of using it: raw, gzip -9 and brotli -q 11
# bytes. Figures only, no pass/fail.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

row() { printf '| %-58s | %9s | %9s | %9s |\n' "$@"; }

# bundle NAME FILE...: one row per file, then the total.
bundle() {
  local name=$1 raw gz br sum_raw=0 sum_gz=0 sum_br=0 f
  shift
  for f in "$@"; do
    [ -f "$f" ] || continue
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    br=$(brotli -q 11 -c "$f" | wc -c)
    row "${f#dist/}" "$raw" "$gz" "$br"
    sum_raw=$((sum_raw + raw)) sum_gz=$((sum_gz + gz)) sum_br=$((sum_br + br))
  done
  row "**$name**" "**$sum_raw**" "**$sum_gz**" "**$sum_br**"
}

echo "== size report (bytes)"
row "file" "raw" "gzip -9" "brotli -11"
row "---" "---:" "---:" "---:"
app=(dist/embed.js dist/retention-calculator.js dist/retention-calculator_bg.wasm)
bundle "the page (index.html)" dist/index.html "${app[@]}" dist/page.css
bundle "an embed on a blog (script + element)" "${app[@]}"
bundle "added when a calculator shows its details (every figure, charts, what-if, share)" dist/retention-details.js dist/retention-details_bg.wasm
bundle "added when a calculator shows its tools (import, members, NPS)" dist/retention-tools.js dist/retention-tools_bg.wasm
bundle "iframe helper on the host page" dist/frame.js
bundle "stand-alone script (file://)" dist/retention-calculator.standalone.js
bundle "added when someone imports a file (worker + core)" dist/import-worker.js dist/pkg/retention_core.js dist/pkg/retention_core_bg.wasm
bundle "JS API of the core on its own (dist/pkg)" dist/pkg/retention_core.js dist/pkg/retention_core_bg.wasm
