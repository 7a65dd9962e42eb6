// An Excel workbook imported in the browser, through the calculator's own worker
// (dist/import-worker.js with the core's pkg/ built with feature xlsx) and its typed messages:
// the worker previews the sheet chosen and reads it. The workbook is a checked-in fixture written by a real xlsx
// writer (crates/retention-core/examples/xlsx_fixture.rs).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT, launch, plain, serveDist, servePage } from "./harness.mjs";

const XLSX = path.join(ROOT, "crates/retention-core/tests/fixtures/line_items.xlsx");

test("an .xlsx export imports in the browser worker", async (t) => {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  const bytes = [...fs.readFileSync(XLSX)];
  const result = await page.evaluate(async (bytes) => {
    const file = new File([new Uint8Array(bytes)], "orders.xlsx");
    const worker = new Worker("./import-worker.js", { type: "module" });
    // The core's typed messages (Request and Response in the .d.ts); answers until `until`.
    const ask = (request, until) =>
      new Promise((resolve, reject) => {
        const said = {};
        worker.onmessage = ({ data }) => {
          Object.assign(said, data);
          if (data.failed) reject(new Error(JSON.stringify(data.failed)));
          if (data[until]) resolve(said);
        };
        worker.postMessage([request, file]);
      });
    const first = (await ask({ preview: {} }, "preview")).preview;
    const { preview } = await ask({ preview: { sheet: "Orders" } }, "preview");
    const imported = await ask({ import: { mapping: preview.mapping, summary: {}, forecast: {} } }, "done");
    worker.terminate();
    return { first, preview, read: imported.stats, summary: imported.summary };
  }, bytes);
  // The first sheet holds a note, not orders.
  assert.deepEqual(result.first.sheets, ["Notes", "Orders"]);
  assert.equal(result.first.mapping, null);
  assert.equal(result.preview.format, "lineItems");
  assert.equal(result.preview.mapping.sheet, "Orders");
  // A-1 ann 2 x 3.00 + 1 x 4.50 = 10.50 on 2024-01-05; A-2 bob 3 x 2.00; A-3 ann 12.00.
  assert.equal(result.read.orders, 3);
  assert.equal(result.read.customers, 2);
  assert.equal(result.summary.revenue, 28.5);
  assert.equal(result.summary.firstOrder, "2024-01-05");
  assert.equal(result.summary.repeatCustomers, 1);
});

for (const locale of ["nl-NL", "en-GB"]) {
  test(`the page lets the user pick the sheet of a workbook (${locale})`, async (t) => {
    const { page, errors, c } = await servePage(t, "/", { locale });
    await c.ready();
    const nl = locale === "nl-NL";
    await page.locator("#rc-import-file").setInputFiles({
      name: "orders.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: fs.readFileSync(XLSX),
    });
    await page.locator("#rc-map-sheet").waitFor({ timeout: 20_000 });
    // The first sheet holds a note: no mapping, and the analysis waits for a choice.
    assert.deepEqual(await page.locator("#rc-map-sheet option").allInnerTexts(), ["Notes", "Orders"]);
    assert.equal(await page.locator("#rc-map-sheet").inputValue(), "Notes");
    assert.equal(await page.locator("[data-action=analyse]").isDisabled(), true);
    await page.locator("#rc-map-sheet").selectOption("Orders");
    await page.locator("[data-format=LineItems]").waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("#rc-map-sheet").inputValue(), "Orders");
    assert.notEqual(await page.locator("#rc-map-order").inputValue(), "", "the order number found");
    assert.match(plain(await page.locator("[data-counting-rule]").first().innerText()), nl ? /hetzelfde ordernummer/ : /same order number/);
    await page.locator("[data-action=analyse]").click();
    // A-1 ann 10.50, A-2 bob 6.00, A-3 ann 12.00: 3 orders of 2 customers.
    const read = page.locator("[data-import-stats] p").first();
    await read.waitFor({ timeout: 20_000 });
    assert.match(plain(await read.innerText()), nl ? /3 orders van 2 klanten/ : /3 orders from 2 customers/);
    assert.deepEqual(errors, []);
  });
}
