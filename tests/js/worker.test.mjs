// The import worker's entry point (ImportSession) in Node, as web/import-worker.js drives it:
// typed requests in, typed responses out, the file read from a Blob.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const PKG = fileURLToPath(new URL("../../dist/pkg/", import.meta.url));
let api;
let dts;

before(async () => {
  api = await import(pathToFileURL(path.join(PKG, "retention_core.js")));
  await api.default({ module_or_path: fs.readFileSync(path.join(PKG, "retention_core_bg.wasm")) });
  dts = fs.readFileSync(path.join(PKG, "retention_core.d.ts"), "utf8");
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
  const [preview] = await s.ask("preview", file);
  const mapping = preview.preview.mapping;
  assert.deepEqual([mapping.customer, mapping.date, mapping.amount], [0, 1, 2]);

  const answers = await s.ask({ import: { mapping, summary: { inactiveLimit: 2 }, forecast: { top: 3 } } }, file);
  const order = kinds(answers).filter((k, i, all) => k !== "progress" || all[i - 1] !== "progress");
  assert.deepEqual(order, ["progress", "stats", "progress", "summary", "progress", "forecast", "done"]);
  const stats = answers.find((r) => r.stats).stats;
  assert.equal(stats.stats.customers, 30);
  assert.equal(stats.windows1252, false);
  const summary = answers.find((r) => r.summary).summary;
  assert.equal(summary.inactive.length, 2);
  assert.ok(summary.inactiveCount > 2);
  const forecast = answers.find((r) => r.forecast).forecast;
  assert.equal(forecast.Ok.top.length, 3);
  const done = answers.at(-1).done;
  assert.equal(done.bytes, file.size);
  assert.ok(done.timings.parse >= 0 && done.timings.forecast >= 0);

  const [again] = await s.ask({ summarise: { period: "quarter" } });
  assert.equal(again.summary.period, "quarter");

  // The win-back file lists every inactive customer, whatever the list on screen shows.
  const [download] = await s.ask({ download: { file: "winBack", options: { inactiveLimit: 2 }, locale: "nl" } });
  assert.equal(download.file.file, "winBack");
  const rows = download.file.text.split("\r\n").filter(Boolean);
  assert.equal(rows[0], "customer;last_order;days_inactive;orders;spend");
  assert.equal(rows.length - 1, summary.inactiveCount);
  const [forecastCsv] = await s.ask({ download: { file: "forecast", options: {}, locale: "en" } });
  assert.equal(forecastCsv.file.text.split("\r\n").filter(Boolean).length, 31);
});

test("every failure is a typed answer, never a throw", async () => {
  const s = session();
  assert.deepEqual(await s.ask({ summarise: {} }), [{ failed: "nothingImported" }]);
  assert.deepEqual(await s.ask({ bogus: 1 }), [{ failed: "badRequest" }]);
  assert.deepEqual(await s.ask("preview", new Blob([])), [{ failed: "empty" }]);
  const zip = new Blob([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0])]);
  assert.deepEqual(await s.ask("preview", zip), [{ failed: "notText" }]);
  const oneColumn = new Blob(["ann@example.com\nbob@example.com\n"]);
  assert.deepEqual(await s.ask("preview", oneColumn), [{ failed: { tooFewColumns: { found: 1 } } }]);
  const wide = new Blob([Array.from({ length: 2000 }, (_, i) => `c${i}`).join(",") + "\n"]);
  assert.deepEqual(await s.ask("preview", wide), [{ failed: { tooManyColumns: { found: 2000 } } }]);
  const mapping = { delimiter: "comma", hasHeader: true, columns: 3, customer: 0, date: 0, amount: 2, dateFormat: "iso", locale: "en" };
  const answers = await s.ask({ import: { mapping, summary: {}, forecast: {} } }, new Blob([shopExport()]));
  assert.deepEqual(kinds(answers).filter((k) => k !== "progress"), ["failed"]);
  assert.equal(answers.at(-1).failed.mapping.code, "sameColumn");
});

test("a preview reads only the start of a big file, and no row cut in half", async () => {
  const s = session();
  const row = "customer-with-a-long-name,2024-01-01,12.50\n";
  const big = new Blob(["customer,date,amount\n", row.repeat(200_000)]);
  const [preview] = await s.ask("preview", big);
  assert.equal(preview.preview.columns.length, 3);
  assert.ok(preview.preview.rows.every((r) => r.length === 3 && r[2] === "12.50"));
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
