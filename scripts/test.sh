#!/usr/bin/env bash
# Every gate, in order, stopping at the first failure. CI runs exactly this (.ci/run).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

current=setup
step() {
  current="$1"
  printf '\n==== %s\n' "$current"
}
trap 'echo; echo "==== FAILED: $current" >&2' ERR

step "setup"
ensure_setup

step "rustfmt"
cargo fmt --all -- --check

step "clippy (host)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy (wasm32, retention-app)"
cargo clippy -p retention-app --target wasm32-unknown-unknown --all-targets -- -D warnings

step "clippy (wasm32, retention-core --features wasm,xlsx: the JS API)"
cargo clippy -p retention-core --features wasm,xlsx --target wasm32-unknown-unknown -- -D warnings

step "cargo test (native: unit, integration, doc, proptest)"
cargo test --workspace

step "warehouse SQL run in DuckDB, PostgreSQL and (via sqlglot) BigQuery, Snowflake, Spark"
bash tests/warehouse/run.sh

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS=-Dwarnings cargo doc --workspace --no-deps

step "browser tests (wasm-bindgen-test in headless chromium)"
# webdriver.json adds the no-network flags to the runner's chromium.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/webdriver.json" \
  cargo test -p retention-app --target wasm32-unknown-unknown

step "build"
bash scripts/build.sh

step "size report"
bash scripts/size-report.sh

step "JS API in node (node --test tests/js/, loads dist/pkg)"
node --test tests/js/

step "end-to-end (node --test tests/e2e/)"
node --test tests/e2e/

printf '\n==== all gates passed\n'
