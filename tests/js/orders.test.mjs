// The order import through the JS API, as the calculator's worker uses it.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const PKG = fileURLToPath(new URL("../../dist/pkg/", import.meta.url));
let api;
let dts;

before(async () => {
  const wasm = path.join(PKG, "retention_core_bg.wasm");
  api = await import(pathToFileURL(path.join(PKG, "retention_core.js")));
  await api.default({ module_or_path: fs.readFileSync(wasm) });
  dts = fs.readFileSync(path.join(PKG, "retention_core.d.ts"), "utf8");
});

/** A Dutch export: 40 customers over 2024, every one buying a few times; two bad rows. */
function dutchExport() {
  const lines = ["klant;datum;bedrag"];
  for (let k = 0; k < 40; k++) {
    for (let m = 1 + (k % 3); m <= 12; m += 2 + (k % 4)) {
      lines.push(`K-${k};${String(5 + (k % 20)).padStart(2, "0")}-${String(m).padStart(2, "0")}-2024;${20 + k},50`);
    }
  }
  lines.splice(5, 0, "K-99;31-02-2024;10,00", "K-98;01-03-2024;veel");
  return lines.join("\n") + "\n";
}

test("sniff, import, summarise and forecast an export", () => {
  const text = dutchExport();
  const preview = api.sniffOrders(text);
  assert.equal(preview.delimiter, "semicolon");
  assert.deepEqual(
    [preview.mapping.customer, preview.mapping.date, preview.mapping.amount, preview.mapping.dateFormat, preview.mapping.locale],
    [0, 1, 2, "dayMonthYear", "nl"],
  );
  const steps = [];
  const analyzer = new api.Analyzer(new TextEncoder().encode(text), preview.mapping, (done, total) => {
    steps.push([done, total]);
  });
  const stats = analyzer.stats();
  assert.equal(stats.badRowCount, 2);
  assert.deepEqual(stats.badRows.map((r) => [r.line, r.reason.code]), [[6, "date"], [7, "amount"]]);
  assert.equal(stats.customers, 40);
  assert.equal(stats.windows1252, false);

  const summary = analyzer.summarise({ period: "quarter", inactiveDays: 30, inactiveLimit: 5 });
  const inactiveCount = summary.inactiveCount;
  assert.equal(summary.customers, 40);
  assert.ok(summary.periods.length >= 4);
  for (const p of summary.periods.filter((p) => p.retention)) {
    assert.ok(p.end - p.new <= p.start, JSON.stringify(p));
  }
  assert.equal(summary.inactive.length, Math.min(5, inactiveCount));
  assert.equal(summary.fill.period, "quarter");

  const { forecast, error } = analyzer.forecast({ horizonWeeks: 52, top: 3 }, null);
  assert.equal(error, null);
  assert.equal(forecast.top.length, 3);
  assert.ok(forecast.top[0].clv >= forecast.top[1].clv);
  assert.ok(forecast.purchases.r > 0 && forecast.spend.p > 0);

  const csv = analyzer.forecastCsv("nl");
  assert.equal(csv.split("\r\n").filter(Boolean).length, 41);
  assert.match(analyzer.inactiveCsv({ inactiveDays: 30 }, "en"), /^customer,last_order,days_inactive,orders,spend\r\n/);
  analyzer.free();
});

test("progress can cancel an import, and a mapping that does not fit throws", () => {
  const text = "customer,date,amount\n" + "c1,2024-01-01,1\n".repeat(20_000);
  const mapping = api.sniffOrders(text).mapping;
  assert.throws(() => new api.Analyzer(new TextEncoder().encode(text), mapping, () => false), /cancel/i);
  assert.throws(() => new api.Analyzer(new Uint8Array(), { ...mapping, amount: 7 }), /column/i);
});

test("too little history is an error as data", () => {
  const text = "c,d,a\na,2024-01-01,1\nb,2024-01-02,2\n";
  const analyzer = new api.Analyzer(new TextEncoder().encode(text), api.sniffOrders(text).mapping);
  const { forecast, error } = analyzer.forecast({}, null);
  assert.equal(forecast, null);
  assert.equal(error.code, "tooFewCustomers");
  assert.equal(analyzer.forecastCsv("en"), "");
});

test("a Windows-1252 file is read too", () => {
  const bytes = Uint8Array.from([...new TextEncoder().encode("klant;datum;bedrag\nk1;01-01-2024;"), 0x80, ...new TextEncoder().encode(" 12,50\n")]);
  const analyzer = new api.Analyzer(bytes, { delimiter: "semicolon", hasHeader: true, columns: 3, customer: 0, date: 1, amount: 2, dateFormat: "dayMonthYear", locale: "nl" });
  const stats = analyzer.stats();
  assert.equal(stats.windows1252, true);
  assert.equal(stats.orders, 1);
});

test("the .d.ts types the import API", () => {
  for (const name of ["Preview", "Mapping", "ImportStats", "Summary", "Forecast", "Forecasted"]) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
  assert.match(dts, /stats\(\): ImportStats;/);
  assert.match(dts, /summarise\(options: SummaryOptions\): Summary;/);
});
