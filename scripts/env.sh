# shellcheck shell=bash
# Sourced by every script: one PATH for all of them, and the repo root as cwd.
# node_modules/.bin comes first because Debian's wasm-opt is too old to read current rustc output.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# We drive Debian's /usr/bin/chromium; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$ROOT" || return 1

# Scripts call each other (test.sh -> build.sh); run setup once per top-level command.
ensure_setup() {
  if [ -z "${RETENTION_SETUP_DONE:-}" ]; then
    bash "$ROOT/scripts/setup.sh"
    export RETENTION_SETUP_DONE=1
  fi
}
