#!/usr/bin/env bash
# Runs the generated warehouse SQL for real: DuckDB in process, PostgreSQL started here in a
# temporary directory on a Unix socket (no TCP) and stopped on exit, and BigQuery, Snowflake
# and Spark SQL parsed by sqlglot and run in DuckDB. Needs scripts/setup.sh's Python packages
# and PostgreSQL server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

cargo build -q -p retention-cli
export RETENTION_BIN="$ROOT/target/debug/retention"

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PG_BIN" ]; then
  echo "warehouse: no PostgreSQL server found: run scripts/setup.sh" >&2
  exit 1
fi
PG_DIR="$(mktemp -d /tmp/retention-pg.XXXXXX)"
cleanup() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

# initdb and the server refuse to run as root: run them as the postgres user then.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$PG_DIR"
fi
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-k $PG_DIR -c listen_addresses='' -c fsync=off" start >/dev/null \
  || { cat "$PG_DIR/server.log" >&2; exit 1; }
export RETENTION_PG_HOST="$PG_DIR"

python3 -m unittest -v tests/warehouse/test_warehouse.py
