#!/usr/bin/env bash
# Benchmarks, figures only: the order import natively (70 thousand and 1 million generated
# transactions), the BG/NBD fit on the CDNOW sample when ../shared/data has it, the same
# import in headless Chromium through the calculator's worker, and the warehouse SQL in DuckDB.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

ensure_setup
echo "== native: sniff + parse + summarise (release build)"
cargo run -q -p retention-core --release --example import_bench
echo
echo "== native: BG/NBD + Gamma-Gamma on CDNOW (published: r 0.243, alpha 4.414, a 0.793, b 2.426)"
cargo run -q -p retention-core --release --example cdnow
echo
bash scripts/build.sh >/dev/null
node bench/browser-import.mjs
echo
echo "== warehouse SQL in DuckDB: CDNOW_master and 2 million generated order rows"
cargo build -q --release -p retention-cli
python3 bench/warehouse.py 2000000
