"""Figures for the warehouse path (not a test): the generated SQL run in DuckDB on a generated
order table of N rows, and on CDNOW_master when ../shared/data has it; the summary and compact
row counts; and the calculator reading the summary file instead of the raw file.

Usage: python3 bench/warehouse.py [ROWS] (default 5,000,000); RETENTION_BIN points at a
release build of the CLI.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
BIN = os.environ.get("RETENTION_BIN", str(ROOT / "target/release/retention"))
TMP = Path(tempfile.mkdtemp(prefix="retention-bench-"))


def cli(*args):
    return subprocess.run([BIN, *map(str, args)], check=True, capture_output=True, text=True).stdout


def timed(label, con, sql):
    start = time.perf_counter()
    rows = con.execute(sql).fetchall()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:7.2f} s  {len(rows):>10,} rows")
    return rows


def run(con, table_args, model=None):
    sql = lambda *what: cli("sql", "--dialect", "duckdb", *table_args, *what)  # noqa: E731
    summary = timed("summary (one row per customer)", con, sql())
    timed("compact (one row per distinct history)", con, sql("--what", "compact"))
    timed("periods (S, E, N per month)", con, sql("--what", "periods"))
    timed("cohorts", con, sql("--what", "cohorts"))
    if model:
        timed("scoring (P(alive), expected purchases, CLV)", con,
              sql("--what", "scoring", "--model", model))
    return summary


def generated(con, rows):
    customers = max(rows // 12, 10)
    print(f"== DuckDB {duckdb.__version__}, generated: {rows:,} order rows, about {customers:,} customers")
    start = time.perf_counter()
    con.execute(f"""
        CREATE TABLE orders AS
        SELECT
          'C' || CAST(hash(i) % {customers} AS VARCHAR) AS customer_id,
          DATE '2021-01-01' + CAST(hash(i * 7 + 1) % 1000 AS INTEGER) AS order_date,
          'O' || CAST(i AS VARCHAR) AS order_id,
          CASE WHEN hash(i * 3) % 50 = 0 THEN 'Cancelled' ELSE 'paid' END AS status,
          ROUND(CAST(hash(i * 5) % 20000 AS DOUBLE) / 100 - 5, 2) AS total
        FROM range({rows}) AS t(i)""")
    print(f"  {'table made':<44} {time.perf_counter() - start:7.2f} s")
    args = ["--table", "orders", "--customer", "customer_id", "--date", "order_date",
            "--amount", "total", "--order", "order_id", "--status", "status"]
    summary = run(con, args)
    path = TMP / "generated-summary.csv"
    con.execute(f"COPY ({cli('sql', '--dialect', 'duckdb', *args).rstrip().rstrip(';')}) "
                f"TO '{path}' (HEADER)")
    fit(path, args, con)


def fit(path, args, con):
    start = time.perf_counter()
    out = json.loads(cli("analyze", path, "--json"))
    seconds = time.perf_counter() - start
    size = path.stat().st_size
    print(f"  {'retention analyze summary.csv (fit + forecast)':<44} {seconds:7.2f} s  "
          f"{size / 1e6:8.1f} MB file")
    if out["forecast"]:
        model = TMP / "model.json"
        model.write_text(json.dumps(out))
        timed("scoring (P(alive), expected purchases, CLV)", con,
              cli("sql", "--dialect", "duckdb", *args, "--what", "scoring", "--model", model))
    else:
        print(f"  no fit: {out['forecastError']}")


def cdnow(con):
    for base in (ROOT.parent / "shared/data", ROOT.parent.parent / "shared/data"):
        raw = base / "CDNOW_master.txt"
        if raw.exists():
            break
    else:
        print("== CDNOW_master: ../shared/data/CDNOW_master.txt is not here, skipped")
        return
    print("== CDNOW_master (69,659 rows, 23,570 customers) in DuckDB")
    lines = raw.read_text().splitlines()[1:]
    csv = TMP / "cdnow.csv"
    csv.write_text("customer_id,order_date,dollar_value\n" + "".join(
        f"{c},{d[:4]}-{d[4:6]}-{d[6:]},{v}\n" for c, d, _, v in (line.split() for line in lines)))
    con.execute(f"CREATE TABLE cdnow AS SELECT customer_id, CAST(order_date AS DATE) AS order_date, "
                f"CAST(dollar_value AS DOUBLE) AS dollar_value FROM read_csv('{csv}', all_varchar = true)")
    args = ["--table", "cdnow", "--customer", "customer_id", "--date", "order_date",
            "--amount", "dollar_value"]
    run(con, args)
    path = TMP / "cdnow-summary.csv"
    con.execute(f"COPY ({cli('sql', '--dialect', 'duckdb', *args).rstrip().rstrip(';')}) TO '{path}' (HEADER)")
    start = time.perf_counter()
    cli("analyze", raw, "--json")
    print(f"  {'retention analyze CDNOW_master.txt (raw file)':<44} {time.perf_counter() - start:7.2f} s  "
          f"{raw.stat().st_size / 1e6:8.1f} MB file")
    fit(path, args, con)


if __name__ == "__main__":
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
    con = duckdb.connect()
    cdnow(con)
    generated(con, rows)
