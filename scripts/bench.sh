#!/usr/bin/env bash
# Benchmarks, figures only: the order import natively (70 thousand and 1 million generated
# transactions), the BG/NBD fit on the CDNOW sample when ../shared/data has it, and the same
# import in headless Chromium through the calculator's worker; the member import natively and
# in a browser worker (1 million generated members).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

ensure_setup
echo "== native: sniff + parse + summarise (release build)"
cargo run -q -p retention-core --release --example import_bench
echo
echo "== native: NPS answers pasted or imported (release build)"
cargo run -q -p retention-core --release --example nps_bench
echo
echo "== native: BG/NBD + Gamma-Gamma on CDNOW (published: r 0.243, alpha 4.414, a 0.793, b 2.426)"
cargo run -q -p retention-core --release --example cdnow
echo
echo "== native: member import, sniff + parse + analyse (release build)"
cargo run -q -p retention-core --release --example members_bench
echo
bash scripts/build.sh >/dev/null
node bench/browser-import.mjs
node bench/browser-members.mjs
