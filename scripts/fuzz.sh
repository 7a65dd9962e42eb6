#!/usr/bin/env bash
# The long fuzz run (not in CI; `cargo test` runs a short seeded one): INPUTS inputs in all
# (default 1,000,000), split over JOBS processes (default: the processors) with seeds
# SEED, SEED+1, ...; then the scaling check (time and memory at n and 4n bytes for each
# hostile shape). Findings are saved in target/fuzz-findings; replay one with
#   target/fuzz/retention-fuzz replay TARGET FILE
# Stable Rust, no download: see README "Security".
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

INPUTS="${INPUTS:-1000000}"
JOBS="${JOBS:-$(nproc)}"
SEED="${SEED:-1}"
cargo build -q --profile fuzz -p retention-fuzz
bin="$ROOT/target/fuzz/retention-fuzz"

start=$(date +%s)
pids=()
for ((j = 0; j < JOBS; j++)); do
  n=$((INPUTS / JOBS + (j < INPUTS % JOBS ? 1 : 0)))
  "$bin" run --inputs "$n" --seed $((SEED + j)) >"target/fuzz-$j.log" 2>&1 &
  pids+=($!)
done
status=0
for ((j = 0; j < JOBS; j++)); do
  wait "${pids[$j]}" || status=1
  sed -n '/^target /,$p;/^FINDING/,+2p' "target/fuzz-$j.log"
done
echo "fuzz: $INPUTS inputs in $(($(date +%s) - start)) s over $JOBS job(s)"
"$bin" scaling || status=1
exit "$status"
