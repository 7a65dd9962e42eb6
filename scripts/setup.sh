#!/usr/bin/env bash
# Installs what the build and tests need. Idempotent: every step checks the version first
# and skips when it already matches, so it is cheap to run before every build.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

TRUNK_VERSION=0.21.14 # 0.22.x needs a newer rustc than 1.95
# The CLI must equal the library in Cargo.lock, or the generated glue is rejected.
WASM_BINDGEN_VERSION="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
APT_PACKAGES=(chromium chromium-driver brotli postgresql)
# The warehouse SQL tests (tests/warehouse): DuckDB runs the SQL, sqlglot parses BigQuery,
# Snowflake and Spark SQL and turns them into DuckDB's.
PYTHON_PACKAGES=(duckdb==2.0.0 sqlglot==30.30.0)

say() { printf 'setup: %s\n' "$*"; }

rust_target() {
  if rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
    say "skip wasm32-unknown-unknown target (installed)"
  else
    rustup target add wasm32-unknown-unknown
    say "added wasm32-unknown-unknown target"
  fi
  local c
  for c in rustfmt clippy; do
    if rustup component list --installed | grep "^$c" >/dev/null; then
      say "skip rustup component $c (installed)"
    else
      rustup component add "$c"
      say "added rustup component $c"
    fi
  done
}

trunk_cli() {
  # Another process may be building trunk already; a second build would race it.
  while pgrep -f "cargo install trunk" >/dev/null; do
    say "waiting for a running 'cargo install trunk' to finish..."
    sleep 15
  done
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
    say "skip trunk $TRUNK_VERSION (installed)"
  else
    cargo install trunk --version "$TRUNK_VERSION" --locked
    say "installed trunk $TRUNK_VERSION"
  fi
}

wasm_bindgen_cli() {
  if [ -z "$WASM_BINDGEN_VERSION" ]; then
    echo "setup: no wasm-bindgen entry in Cargo.lock" >&2
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "skip wasm-bindgen-cli $WASM_BINDGEN_VERSION (installed)"
  else
    # No --locked: its lockfile pins a webpki-roots release this registry lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
    say "installed wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  fi
}

apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "skip apt packages ${APT_PACKAGES[*]} (installed)"
    return
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  say "installed apt packages ${missing[*]}"
}

npm_packages() {
  if [ -d node_modules ] && [ node_modules -nt package-lock.json ]; then
    say "skip npm ci (node_modules newer than package-lock.json)"
  else
    npm ci --no-audit --no-fund
    touch node_modules # npm ci may leave the folder's mtime older than the lockfile
    say "installed npm packages (npm ci)"
  fi
  # Trunk takes the first wasm-opt on PATH; make sure it is binaryen's from npm.
  local wasm_opt
  wasm_opt="$(command -v wasm-opt || true)"
  if [ "$wasm_opt" != "$ROOT/node_modules/.bin/wasm-opt" ]; then
    echo "setup: wasm-opt on PATH is '$wasm_opt', expected node_modules/.bin/wasm-opt" >&2
    exit 1
  fi
  say "using $(wasm-opt --version) from node_modules/.bin"
}

python_packages() {
  local missing=() p
  for p in "${PYTHON_PACKAGES[@]}"; do
    [ "$(python3 -c "import importlib.metadata as m; print(m.version('${p%%==*}'))" 2>/dev/null)" = "${p#*==}" ] \
      || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "skip python packages ${PYTHON_PACKAGES[*]} (installed)"
  else
    python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
    say "installed python packages ${missing[*]}"
  fi
}

rust_target
apt_packages
python_packages
npm_packages
wasm_bindgen_cli
trunk_cli
