// The import worker's entry point (ImportSession) in Node, as web/import-worker.js drives it:
// typed requests in, typed responses out, the file read from a Blob.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadPkg } from "./pkg.mjs";

let api;
let dts;

before(async () => {
  ({ api, dts } = await loadPkg());
});

/** 30 customers over 2024, most buying a few times. */
function shopExport() {
  const lines = ["customer,date,amount"];
  for (let k = 0; k < 30; k++) {
    for (let m = 1 + (k % 4); m <= 12; m += 2 + (k % 3)) {
      lines.push(`c${k},2024-${String(m).padStart(2, "0")}-${String(3 + (k % 25)).padStart(2, "0")},${10 + k}.50`);
    }
  }
  return lines.join("\n") + "\n";
}

/** A session and what it posted, with `ask(request, blob)` to send one message. */
function session() {
  const said = [];
  const s = new api.ImportSession((response) => said.push(response));
  return {
    said,
    async ask(request, blob) {
      said.length = 0;
      await s.handle(request, blob);
      return [...said];
    },
  };
}

const kinds = (responses) => responses.map((r) => (typeof r === "string" ? r : Object.keys(r)[0]));

test("preview, import, count again and download, in typed messages", async () => {
  const s = session();
  const file = new Blob([shopExport()]);
  const [preview] = await s.ask({ preview: {} }, file);
  const mapping = preview.preview.mapping;
  assert.deepEqual([mapping.customer, mapping.date, mapping.amount], [0, 1, 2]);

  const answers = await s.ask({ import: { mapping, summary: { inactiveLimit: 2 }, forecast: { top: 3 } } }, file);
  const order = kinds(answers).filter((k, i, all) => k !== "progress" || all[i - 1] !== "progress");
  assert.deepEqual(order, ["progress", "stats", "progress", "forecast", "progress", "summary", "segments", "winBack", "done"]);
  const stats = answers.find((r) => r.stats).stats;
  assert.equal(stats.customers, 30);
  assert.equal(stats.encoding, "utf8");
  const summary = answers.find((r) => r.summary).summary;
  assert.equal(summary.inactive.length, 2);
  assert.ok(summary.inactiveCount > 2);
  const forecast = answers.find((r) => r.forecast).forecast;
  assert.equal(forecast.Ok.top.length, 3);
  const done = answers.at(-1).done;
  assert.equal(done.bytes, file.size);
  assert.ok(done.timings.parse >= 0 && done.timings.forecast >= 0);

  const [again, list] = await s.ask({ summarise: { period: "quarter", inactiveDays: 45 } });
  assert.equal(again.summary.period, "quarter");
  // A recount answers the win-back list too, at the cut-off asked.
  assert.equal(list.winBack.cutoffDays, 45);

  // The win-back file lists every inactive customer, whatever the list on screen shows.
  const [download] = await s.ask({ download: { file: "winBack", options: { inactiveLimit: 2 }, locale: "nl" } });
  assert.equal(download.file.file, "winBack");
  const rows = download.file.text.split("\r\n").filter(Boolean);
  assert.equal(rows[0], "customer;last_order;days_inactive;orders;spend;segment");
  assert.equal(rows.length - 1, summary.inactiveCount);
  const [forecastCsv] = await s.ask({ download: { file: "forecast", options: {}, locale: "en" } });
  assert.equal(forecastCsv.file.text.split("\r\n").filter(Boolean).length, 31);

  // The segments, with the import's forecast, and one segment's customers as a file.
  // The import answered with them already; asking again gives the same.
  const [segments] = await s.ask({ segments: {} });
  assert.deepEqual(segments.segments, answers.find((r) => r.segments).segments);
  assert.equal(segments.segments.customers, 30);
  assert.equal(segments.segments.forecast, true);
  const champions = segments.segments.segments.find((x) => x.segment === "champions");
  // Each customer to win back carries their segment, one of the segments answered.
  const names = new Set(segments.segments.segments.map((x) => x.segment));
  const toWinBack = list.winBack.customers;
  assert.ok(toWinBack.length > 0);
  for (const c of toWinBack) assert.ok(names.has(c.segment), c.segment);
  const [one] = await s.ask({ download: { file: { segment: "champions" }, options: {}, locale: "en" } });
  assert.deepEqual(one.file.file, { segment: "champions" });
  assert.equal(one.file.text.split("\r\n").filter(Boolean).length, champions.customers + 1);
  const [all] = await s.ask({ download: { file: "segments", options: {}, locale: "en" } });
  assert.equal(all.file.text.split("\r\n").filter(Boolean).length, 31);
});

test("a preview with `then` that leaves nothing to decide is followed by that import", async () => {
  const file = new Blob([shopExport()]);
  const then = { summary: { inactiveLimit: 2 }, forecast: { top: 3 } };
  const chained = await session().ask({ preview: { then } }, file);
  assert.equal(kinds(chained)[0], "preview");
  const { mapping } = chained[0].preview;
  // The answers an import of the preview's mapping gives, the time each step took aside.
  const asked = await session().ask({ import: { mapping, ...then } }, file);
  const steps = (answers) => answers.map((r) => (r.done ? { done: { bytes: r.done.bytes } } : r));
  assert.deepEqual(steps(chained.slice(1)), steps(asked));
  assert.equal(asked.find((r) => r.stats).stats.customers, 30);
  // 03/04/2024: the 3rd of April or March the 4th? The preview alone.
  const unsure = new Blob(["customer,date,amount\na,03/04/2024,10\nb,04/05/2024,20\n"]);
  assert.deepEqual(kinds(await session().ask({ preview: { then } }, unsure)), ["preview"]);
});

test("every failure is a typed answer, never a throw", async () => {
  const s = session();
  const preview = { preview: {} };
  assert.deepEqual(await s.ask({ summarise: {} }), [{ failed: "nothingImported" }]);
  assert.deepEqual(await s.ask({ bogus: 1 }), [{ failed: "badRequest" }]);
  assert.deepEqual(await s.ask(preview, new Blob([])), [{ failed: { sniff: { code: "empty" } } }]);
  assert.deepEqual(await s.ask(preview, new Blob(["a,b,c\n\0\0\0\n"])), [{ failed: { sniff: { code: "binary" } } }]);
  const zip = new Blob([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0])]);
  const [broken] = await s.ask(preview, zip);
  assert.equal(broken.failed.sniff.code, "badWorkbook");
  const oneColumn = new Blob(["ann@example.com\nbob@example.com\n"]);
  assert.deepEqual(await s.ask(preview, oneColumn), [
    { failed: { sniff: { code: "tooFewColumns", found: 1, needed: 3 } } },
  ]);
  const wide = new Blob([Array.from({ length: 2000 }, (_, i) => `c${i}`).join(",") + "\n"]);
  assert.deepEqual(await s.ask(preview, wide), [
    { failed: { sniff: { code: "tooManyColumns", found: 2000, limit: 1000 } } },
  ]);
  const mapping = { delimiter: "comma", hasHeader: true, columns: 3, customer: 0, date: 0, amount: 2, dateFormat: "iso", locale: "en" };
  const answers = await s.ask({ import: { mapping, summary: {}, forecast: {} } }, new Blob([shopExport()]));
  assert.deepEqual(kinds(answers).filter((k) => k !== "progress"), ["failed"]);
  assert.equal(answers.at(-1).failed.mapping.code, "sameColumn");
  const lines = { ...mapping, date: 1, amount: null, unitPrice: 2 };
  const [noAmount] = await s.ask({ import: { mapping: lines, summary: {}, forecast: {} } }, new Blob([shopExport()]));
  assert.equal(noAmount.failed.mapping.code, "noAmountColumn");
});

test("requests sent at once are answered one at a time, in order", async () => {
  const said = [];
  const s = new api.ImportSession((response) => said.push(response));
  const file = new Blob([shopExport()]);
  const mapping = { delimiter: "comma", hasHeader: true, columns: 3, customer: 0, date: 1, amount: 2, dateFormat: "iso", locale: "en" };
  // Not awaited one by one: the summary must still come after the import it counts.
  await Promise.all([
    s.handle({ import: { mapping, summary: {}, forecast: {} } }, file),
    s.handle({ summarise: { period: "quarter" } }),
  ]);
  const order = kinds(said).filter((k) => k !== "progress");
  assert.deepEqual(order, ["stats", "forecast", "summary", "segments", "winBack", "done", "summary", "winBack"]);
  assert.equal(said.at(-2).summary.period, "quarter");
});

test("an import streams a text file in slices, with progress, and reads Windows-1252 and UTF-16", async () => {
  const s = session();
  const row = "customer-with-a-long-name,2024-01-01,12.50\n";
  const big = new Blob(["customer,date,amount\n", row.repeat(60_000)]);
  const [preview] = await s.ask({ preview: {} }, big);
  const answers = await s.ask({ import: { mapping: preview.preview.mapping, summary: {}, forecast: {} } }, big);
  const parsed = answers.filter((r) => r.progress?.stage === "parse").map((r) => r.progress);
  assert.equal(parsed.length, Math.ceil(big.size / (1 << 20)));
  assert.deepEqual(parsed.at(-1), { stage: "parse", done: big.size, total: big.size });
  assert.equal(answers.find((r) => r.stats).stats.orders, 1);

  const euro = Uint8Array.from([...new TextEncoder().encode("klant;datum;bedrag\nk1;01-01-2024;"), 0x80, ...new TextEncoder().encode(" 12,50\nk2;02-01-2024;3,00\n")]);
  const [sniffed] = await s.ask({ preview: {} }, new Blob([euro]));
  assert.equal(sniffed.preview.encoding, "windows1252");
  assert.equal(sniffed.preview.rows[0][2], "€ 12,50");
  const text = "customer,date,amount\nann,2024-01-01,5\n";
  const utf16 = new Uint8Array(2 + text.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
  const [wide] = await s.ask({ preview: {} }, new Blob([utf16]));
  assert.equal(wide.preview.encoding, "utf16Le");
  assert.deepEqual(wide.preview.rows[0], ["ann", "2024-01-01", "5"]);
});

test("a preview reads only the start of a big file, and no row cut in half", async () => {
  const s = session();
  const row = "customer-with-a-long-name,2024-01-01,12.50\n";
  const big = new Blob(["customer,date,amount\n", row.repeat(200_000)]);
  const [preview] = await s.ask({ preview: {} }, big);
  assert.equal(preview.preview.columns.length, 3);
  assert.ok(preview.preview.rows.every((r) => r.length === 3 && r[2] === "12.50"));
});

test("the warm-up's made-up file says nothing to the page and leaves the session's imports alone", async () => {
  const said = [];
  const s = new api.ImportSession((response) => said.push(response));
  const file = new Blob([shopExport()]);
  const mapping = { delimiter: "comma", hasHeader: true, columns: 3, customer: 0, date: 1, amount: 2, dateFormat: "iso", locale: "en" };
  await s.handle({ import: { mapping, summary: {}, forecast: {} } }, file);
  const customers = said.find((r) => r.stats).stats.customers;
  said.length = 0;
  for (let step = 0; s.warmUp(step); step++);
  await s.warmUpFile();
  assert.deepEqual(said, []);
  // Counting again counts the file sent, not the made-up one.
  await s.handle({ summarise: {} });
  assert.equal(said.find((r) => r.summary).summary.customers, customers);
  assert.equal(customers, 30);

  // Before any file: still nothing said, and nothing imported.
  const fresh = [];
  const t = new api.ImportSession((response) => fresh.push(response));
  await t.warmUpFile();
  assert.deepEqual(fresh, []);
  await t.handle({ summarise: {} });
  assert.equal(fresh.at(-1).failed, "nothingImported");
});

test("the Analyzer's win-back CSV lists everyone, as its doc says", () => {
  const text = shopExport();
  const analyzer = new api.Analyzer(new TextEncoder().encode(text), api.sniffOrders(text).mapping);
  const { inactiveCount } = analyzer.summarise({ inactiveLimit: 1 });
  const csv = analyzer.inactiveCsv({ inactiveLimit: 1 }, "en");
  assert.equal(csv.split("\r\n").filter(Boolean).length - 1, inactiveCount);
  analyzer.free();
});

test("the .d.ts types the worker's messages", () => {
  for (const name of ["Request", "Response", "Problem"]) {
    assert.match(dts, new RegExp(`export type ${name} =`), name);
  }
  assert.match(dts, /export class ImportSession/);
  assert.match(dts, /handle\(request: Request, file\?: Blob \| null\): Promise<void>;/);
});

test("a member file: preview, import with bad rows by line, analyse again", async () => {
  // Hand-counted: m1 and m2 stay, m3 leaves in its second month, line 5 ends before it starts.
  const text = "member,start,end\nm1,2024-01-01,\nm2,2024-01-01,\nm3,2024-01-01,2024-02-10\nm4,2024-03-01,2024-02-01\n";
  const s = session();
  const file = new Blob([text]);
  const [preview] = await s.ask({ memberPreview: {} }, file);
  const mapping = preview.memberPreview.mapping;
  assert.deepEqual([mapping.member, mapping.start, mapping.end], [0, 1, 2]);

  const answers = await s.ask({ memberImport: { mapping, options: {} } }, file);
  const order = kinds(answers).filter((k, i, all) => k !== "progress" || all[i - 1] !== "progress");
  assert.deepEqual(order, ["progress", "memberStats", "progress", "memberSummary", "done"]);
  const stats = answers.find((r) => r.memberStats).memberStats;
  assert.deepEqual([stats.rows, stats.subscriptions, stats.badRowCount], [4, 3, 1]);
  assert.equal(stats.badRows[0].line, 5);
  assert.equal(stats.badRows[0].reason.code, "endBeforeStart");
  const summary = answers.find((r) => r.memberSummary).memberSummary;
  assert.deepEqual([summary.members, summary.active, summary.cancelled], [3, 2, 1]);

  const [again] = await s.ask({ memberAnalyse: { period: "quarter" } });
  assert.equal(again.memberSummary.options.period, "quarter");

  const failed = (await s.ask({ memberImport: { mapping: { ...mapping, end: 7 }, options: {} } }, file)).at(-1);
  assert.equal(failed.failed.memberMapping.code, "noSuchColumn");
  assert.match(dts, /\{ memberImport: \{ mapping: MemberMapping; options: MemberOptions; sheet\?: string \| null \} \}/);
  assert.match(dts, /\{ memberSummary: MemberSummary \}/);
});
