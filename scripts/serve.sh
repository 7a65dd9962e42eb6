#!/usr/bin/env bash
# Builds the app, then serves dist/ on http://127.0.0.1:${PORT:-8080} until Ctrl-C.
# Set CSP to serve every response with that Content-Security-Policy header. Every response
# carries Access-Control-Allow-Origin: *, so a page on another origin can embed the calculator.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

bash scripts/build.sh
args=(--root dist --port "${PORT:-8080}")
[ -z "${CSP:-}" ] || args+=(--csp "$CSP")
echo "== serve: open http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop)"
exec node scripts/static-server.mjs "${args[@]}"
