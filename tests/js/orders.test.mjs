// The order import through the JS API, as the calculator's worker uses it.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadPkg } from "./pkg.mjs";

let api;
let dts;

before(async () => {
  ({ api, dts } = await loadPkg());
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
  assert.match(analyzer.inactiveCsv({ inactiveDays: 30 }, "en"), /^customer,last_order,days_inactive,orders,spend,segment\r\n/);
  analyzer.free();
});

test("RFM segments with the forecast, and a file per segment", () => {
  const text = dutchExport();
  const analyzer = new api.Analyzer(new TextEncoder().encode(text), api.sniffOrders(text).mapping);
  const before = analyzer.segments({});
  assert.equal(before.forecast, false);
  assert.ok(before.segments.every((s) => s.meanPAlive === null && s.meanPredictedClv === null));
  analyzer.forecast({}, null);
  const seg = analyzer.segments({ reference: "2024-12-31" });
  assert.equal(seg.forecast, true);
  assert.equal(seg.reference, "2024-12-31");
  assert.equal(seg.customers, 40);
  assert.deepEqual(seg.segments.map((s) => s.segment), [
    "champions", "loyal", "potentialLoyalists", "new", "promising", "needsAttention",
    "aboutToSleep", "atRisk", "cantLose", "hibernating", "lost",
  ]);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum(seg.segments.map((s) => s.customerShare)) - 100) < 1e-9);
  assert.ok(Math.abs(sum(seg.segments.map((s) => s.revenueShare)) - 100) < 1e-9);
  assert.equal(seg.grid.length, 25);
  assert.equal(sum(seg.grid.map((c) => c.customers)), 40);
  assert.deepEqual(seg.segments.find((s) => s.segment === "atRisk").actions, ["winBackMail", "recommend", "askWhy"]);
  for (const s of seg.segments.filter((s) => s.customers > 0)) {
    assert.ok(s.meanPAlive > 0 && s.meanPAlive <= 1, JSON.stringify(s));
  }
  const biggest = seg.segments.reduce((a, b) => (b.customers > a.customers ? b : a));
  const csv = analyzer.segmentCsv(biggest.segment, { reference: "2024-12-31" }, "nl");
  const rows = csv.split("\r\n").filter(Boolean);
  assert.equal(rows[0], "customer;last_order;orders;purchase_days;spend;predicted_clv;p_alive;segment;recency_score;frequency_score;monetary_score");
  assert.equal(rows.length, biggest.customers + 1);
  assert.equal(analyzer.segmentCsv(null, {}, "en").split("\r\n").filter(Boolean).length, 41);
  assert.throws(() => analyzer.segmentCsv("vip", {}, "en"), /segment/);
  // The win-back list names each customer's segment, and counts them.
  const summary = analyzer.summarise({ reference: "2024-12-31", inactiveDays: 30 });
  assert.equal(sum(summary.inactiveSegments.map((s) => s.customers)), summary.inactiveCount);
  assert.ok(summary.inactive.every((c) => seg.segments.some((s) => s.segment === c.segment)));
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
  assert.match(dts, /segments\(options: SummaryOptions\): Segmentation;/);
  assert.match(dts, /segmentCsv\(segment: Segment \| null, options: SummaryOptions, locale: Locale\): string;/);
  for (const name of ["Segmentation", "SegmentSummary", "GridCell", "ScoreRange", "SegmentCount"]) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
});

/** A Shopify-style export: order fields on the first row of an order only. */
const SHOPIFY = [
  "Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem price,Refunded Amount,Cancelled at",
  "#1001,ann@example.com,paid,59.90,2023-01-02 20:04:00 +0100,1,29.95,0.00,",
  "#1001,ann@example.com,,,2023-01-02 20:04:00 +0100,1,25.00,,",
  "#1002,BOB@example.com,paid,25.00,2023-01-05 10:59:00 +0100,1,25.00,0.00,",
  "#1003,ann@example.com,refunded,30.00,2023-02-01 07:58:00 +0100,2,15.00,30.00,",
  "#1004,bob@example.com,partially_refunded,40.00,2023-02-10 14:58:00 +0100,1,40.00,10.00,",
  "#1005,cat@example.com,voided,12.00,2023-03-01 09:00:00 +0100,1,12.00,0.00,2023-03-01 12:00:00 +0100",
].join("\n") + "\n";

test("sniffing bytes names the format, the roles and the statuses left out", () => {
  const preview = api.sniffOrders(new TextEncoder().encode(SHOPIFY));
  assert.equal(preview.format, "shopify");
  assert.equal(preview.encoding, "utf8");
  const m = preview.mapping;
  assert.deepEqual([m.order, m.email, m.total, m.refunded, m.status, m.cancelledAt], [0, 1, 3, 7, 2, 8]);
  assert.deepEqual(
    preview.statuses.map((s) => [s.status, s.leftOut]),
    [["paid", false], ["refunded", true], ["partially_refunded", false], ["voided", true]],
  );
  assert.ok(m.leftOut.includes("cancelled"));
  // UTF-16 is decoded by the core.
  const utf16 = new Uint8Array(2 + SHOPIFY.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < SHOPIFY.length; i++) utf16[2 + 2 * i] = SHOPIFY.charCodeAt(i);
  assert.equal(api.sniffOrders(utf16).encoding, "utf16Le");
});

test("a file streamed in chunks of any size gives the same figures", () => {
  const bytes = new TextEncoder().encode(SHOPIFY);
  const mapping = api.sniffOrders(bytes).mapping;
  const results = [1, 7, 64, bytes.length].map((size) => {
    const reader = new api.OrderReader(mapping, { seed: Math.random() });
    for (let at = 0; at < bytes.length; at += size) reader.feed(bytes.subarray(at, at + size));
    const analyzer = reader.finish();
    assert.throws(() => reader.feed(bytes), /finished/);
    const stats = analyzer.stats();
    const summary = analyzer.summarise({});
    analyzer.free();
    return [stats.orders, stats.leftOut, stats.customers, summary.revenue + summary.refunded];
  });
  // #1001 ann 59.90, #1002 bob 25.00, #1004 bob 40.00 - 10.00; #1003 and #1005 left out.
  for (const r of results) assert.deepEqual(r, [3, 2, 2, 114.9]);
});

test("sniff errors carry a code; a row that never ends stops the reader", () => {
  const wide = new TextEncoder().encode((",".repeat(5000) + "\n").repeat(5));
  assert.throws(() => api.sniffOrders(wide), (e) => e.code === "tooManyColumns" && e.message.length < 200);
  const long = new Uint8Array(300 * 1024).fill(0x78);
  assert.throws(() => api.sniffOrders(long, { partial: true }), (e) => e.code === "rowTooLong");
  const reader = new api.OrderReader({ delimiter: "comma", hasHeader: false, columns: 3, customer: 0, date: 1, amount: 2, dateFormat: "iso", locale: "en" });
  assert.throws(() => {
    for (let i = 0; i < 40; i++) reader.feed(new Uint8Array(64 * 1024).fill(0x78));
  }, /longer than 1024 KB/);
});

test("an exception in onProgress is thrown, not swallowed; non-finite options are errors", () => {
  const text = "customer,date,amount\n" + "c1,2024-01-01,1\n".repeat(20_000);
  const mapping = api.sniffOrders(text).mapping;
  assert.throws(
    () => new api.Analyzer(new TextEncoder().encode(text), mapping, () => {
      throw new Error("from the callback");
    }),
    /from the callback/,
  );
  const analyzer = new api.Analyzer(new TextEncoder().encode(text), mapping);
  assert.throws(() => analyzer.forecast({ horizonWeeks: NaN }, null), /horizonWeeks must be/);
  assert.throws(() => analyzer.forecast({ horizonWeeks: Infinity }, null), /horizonWeeks must be/);
  assert.throws(() => analyzer.forecast({ margin: 250 }, null), /margin must be/);
  assert.throws(() => new api.OrderReader(mapping, { seed: NaN }), /seed/);
  analyzer.free();
});

test("the .d.ts types the streaming and workbook API", () => {
  for (const name of ["Preview", "Mapping", "ImportStats", "StatusChoice", "SniffOptions", "ReadOptions"]) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
  assert.match(dts, /export type ExportFormat =/);
  assert.match(dts, /export class OrderReader/);
  assert.match(dts, /feed\(chunk: Uint8Array\): void;/);
  assert.match(dts, /finish\(\): Analyzer;/);
  assert.match(dts, /static fromWorkbook\(bytes: Uint8Array, mapping: Mapping\): Analyzer;/);
  assert.match(dts, /export function sheetNames\(bytes: Uint8Array\): string\[\];/);
});
