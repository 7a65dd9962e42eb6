// The warehouse through the JS API, as a "Use your data warehouse" panel would use it: SQL out
// of a query, mistakes as data, and a summary file straight to the forecast.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadPkg } from "./pkg.mjs";

let api;
let dts;

before(async () => {
  ({ api, dts } = await loadPkg());
});

const query = { dialect: "snowflake", table: "shop.orders", customer: "Customer ID", date: "order_date", amount: "total" };

test("a query gives one statement, its names quoted and folded as the dialect does", () => {
  const { sql, error, message } = api.warehouseSql({ ...query, status: "status", order: '"Order"' });
  assert.equal(error, null);
  assert.equal(message, null);
  assert.match(sql, /FROM "SHOP"\."ORDERS"/);
  assert.match(sql, /"Customer ID"/);
  assert.match(sql, /CAST\("Order" AS VARCHAR\)/);
  assert.match(sql, /'geannuleerd'/);
  const code = sql.split("\n").filter((l) => !l.startsWith("--")).join("\n");
  assert.equal(code.trim().split(";").filter((s) => s.trim()).length, 1, "one statement");
});

test("mistakes in the query are data with a code, the field and a message", () => {
  const bad = api.warehouseSql({ ...query, dialect: "bigquery", customer: "a`b" });
  assert.equal(bad.sql, null);
  assert.deepEqual(bad.error, { code: "character", column: "customer", character: "`", dialect: "bigquery" });
  assert.equal(bad.message, "the customer name holds '`', which BigQuery cannot quote");
  assert.deepEqual(api.warehouseSql({ ...query, amount: null }).error, { code: "amount" });
  assert.deepEqual(api.warehouseSql({ ...query, output: "scoring" }).error, { code: "noModels" });
  assert.deepEqual(api.warehouseSql({ ...query, table: "a..b" }).error, { code: "emptyName", column: "table" });
  // A malformed call still throws.
  assert.throws(() => api.warehouseSql({ ...query, dialect: "oracle" }), /oracle/);
});

/** Customers simulated from BG/NBD's story (seeded), as a summary file in days. */
function simulatedSummary() {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const age = 100 + Math.floor(random() * 500);
    const rate = -Math.log(1 - random()) / 40;
    let day = 0;
    const days = [0];
    while (true) {
      day += Math.ceil(-Math.log(1 - random()) / rate);
      if (day > age || random() < 0.2) break;
      days.push(day);
    }
    const frequency = days.length - 1;
    const recency = days[days.length - 1];
    const spend = frequency ? Math.round((20 + random() * 40) * 100) / 100 : 0;
    rows.push([`c${i}`, frequency, recency, age, spend]);
  }
  return rows;
}

test("a summary file goes straight to the fit; its compact form fits the same", () => {
  const rows = simulatedSummary();
  const text = ["customer,frequency,recency,T,monetary_value", ...rows.map((r) => r.join(","))].join("\n");
  const read = api.readSummaryFile(new TextEncoder().encode(text));
  assert.equal(read.error, null);
  const stats = read.analyzer.stats();
  assert.equal(stats.customers, 400);
  assert.equal(stats.repeatCustomers, rows.filter((r) => r[1] > 0).length);
  assert.ok(stats.hasIds && stats.hasSpend && !stats.compact);
  const { forecast, error } = read.analyzer.forecast({ horizonWeeks: 52, top: 5 });
  assert.equal(error, null);
  assert.equal(forecast.calibrationEnd, null);
  assert.equal(forecast.top[0].spent, null);
  assert.equal(forecast.customers, 400);

  const groups = new Map();
  for (const [, f, r, t, m] of rows) {
    const key = [f, r, t, m].join(",");
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const compact = ["frequency,recency,T,monetary_value,count", ...[...groups].map(([k, n]) => `${k},${n}`)].join("\n");
  const grouped = api.readSummaryFile(new TextEncoder().encode(compact));
  assert.ok(grouped.analyzer.stats().compact);
  assert.ok(grouped.analyzer.stats().rows < 400);
  const again = grouped.analyzer.forecast({ horizonWeeks: 52, top: 5 }).forecast;
  assert.deepEqual(again.purchases, forecast.purchases);
  assert.deepEqual(again.spend, forecast.spend);
  assert.match(read.analyzer.forecastCsv("en"), /^customer,repeat_purchases/);

  // The fitted models score the warehouse.
  const scoring = api.warehouseSql({ ...query, output: "scoring", models: forecast, margin: 30 });
  assert.equal(scoring.error, null);
  assert.match(scoring.sql, /AS p_alive/);
});

test("an order export is no summary file: the error says so", () => {
  const read = api.readSummaryFile(new TextEncoder().encode("customer,date,amount\na,2024-01-01,5\n"));
  assert.equal(read.analyzer, null);
  assert.deepEqual(read.error, { code: "missingColumn", column: "frequency" });
  assert.match(read.message, /not a summary file/);
});

test("the TypeScript types name the warehouse API", () => {
  for (const name of ["WarehouseQuery", "WarehouseSql", "SummaryFileStats", "SummaryFileRead"]) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
  assert.match(dts, /export function warehouseSql\(query: WarehouseQuery\): WarehouseSql;/);
  assert.match(dts, /export function readSummaryFile\(bytes: Uint8Array \| number\[\], unit\?: TimeUnit\): SummaryFileRead;/);
  assert.match(dts, /forecast\(options: ForecastOptions\): Forecasted;/);
});
