#!/usr/bin/env bash
# Benchmarks, figures only (not a test: nothing here fails on a slow result). First the table of
# issue 12 (transfer, first figure, CDNOW_master in the browser and in the CLI, lifetimes for
# comparison) with the first figure broken down into phases; then the order import natively
# (generated exports), the fits on the CDNOW sample, the import in the browser's worker, and
# the member import natively and in a browser worker (1 million generated members), a 2 GB
# export through the page's worker, and the warehouse SQL in DuckDB.
#
# The CDNOW files are looked for in ../shared/data next to the repository (or next to its main
# worktree); RETENTION_DATA=DIR points elsewhere. Rows that need them are left out without.
# lifetimes (Python) is installed into target/bench-venv from PyPI when python3 is there and
# PyPI answers; without it the comparison is left out.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

LIFETIMES_VERSION=0.11.3

note() { printf 'bench: %s\n' "$*" >&2; }

find_data() {
  local main dir
  main="$(dirname "$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo "$ROOT/.git")")"
  for dir in "${RETENTION_DATA:-}" "$ROOT/../shared/data" "$main/../shared/data"; do
    if [ -n "$dir" ] && [ -f "$dir/CDNOW_master.txt" ]; then
      (cd "$dir" && pwd)
      return
    fi
  done
}

# Prints the venv's python once lifetimes imports there; installs it on first use.
lifetimes_python() {
  local venv="$ROOT/target/bench-venv"
  local python="$venv/bin/python"
  if [ -x "$python" ] && "$python" -c "import lifetimes" 2>/dev/null; then
    echo "$python"
    return
  fi
  if ! command -v python3 >/dev/null; then
    note "no python3: lifetimes left out"
    return
  fi
  note "installing lifetimes $LIFETIMES_VERSION into target/bench-venv (once)"
  if python3 -m venv "$venv" >&2 &&
    timeout 600 "$venv/bin/pip" install -q --disable-pip-version-check "lifetimes==$LIFETIMES_VERSION" >&2 &&
    "$python" -c "import lifetimes" 2>/dev/null; then
    echo "$python"
  else
    note "could not install lifetimes: left out"
  fi
}

ensure_setup
bash scripts/build.sh >/dev/null
cargo build -q -p retention-cli --profile fast
DATA="$(find_data || true)"
[ -n "$DATA" ] || note "no CDNOW data (../shared/data or RETENTION_DATA): CDNOW rows left out"
PYTHON=""
[ -z "$DATA" ] || PYTHON="$(lifetimes_python || true)"

echo "== issue 12: light and fast ($(nproc) cores; headless Chromium, release build from 127.0.0.1)"
RETENTION_DATA="$DATA" RETENTION_PYTHON="$PYTHON" RETENTION_CLI="$ROOT/target/fast/retention" \
  node bench/table.mjs || note "the table stopped early"
echo
echo "== native: sniff + parse + summarise (profile fast, as the CLI)"
cargo run -q -p retention-core --profile fast --example import_bench
echo
echo "== native: NPS answers pasted or imported (profile fast, as the CLI)"
cargo run -q -p retention-core --profile fast --example nps_bench
echo
echo "== native: BG/NBD + Gamma-Gamma on the CDNOW sample (published: r 0.243, alpha 4.414, a 0.793, b 2.426)"
cargo run -q -p retention-core --profile fast --example cdnow -- "${DATA:-none}/CDNOW_sample.txt"
echo
echo "== native: member import, sniff + parse + analyse (profile fast, as the CLI)"
cargo run -q -p retention-core --profile fast --example members_bench
echo
node bench/browser-import.mjs
node bench/browser-members.mjs
echo
# A generated ~2 GB, 20-million-row export through the page's worker (written to a temp dir,
# deleted after; left out with a notice when the disk is short). BIG_ROWS=0 leaves it out.
[ "${BIG_ROWS:-20000000}" = 0 ] || node bench/browser-big.mjs "${BIG_ROWS:-20000000}"
echo
echo "== warehouse SQL in DuckDB: CDNOW_master and 2 million generated order rows"
if command -v python3 >/dev/null; then
  RETENTION_BIN="$ROOT/target/fast/retention" python3 bench/warehouse.py 2000000
else
  note "no python3: the warehouse SQL is left out"
fi
