// Importing an order export in the browser: preview and mapping, the worker with progress and
// cancel, the derived figures, downloads and filling the calculator.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { lowContrast, plain, screenshot, servePage } from "./harness.mjs";

/** A small Dutch export, hand-counted below, with one bad row (line 5). */
const SMALL = [
  "klant;datum;bedrag",
  "a;10-01-2024;20,00",
  "b;20-01-2024;30,00",
  "d;01-02-2024;10,00",
  "x;31-02-2024;5,00",
  "a;10-04-2024;20,00",
  "c;05-05-2024;40,00",
  "d;01-07-2024;50,00",
].join("\n") + "\n";
// Quarters, active = bought in the last 12 months:
//   Q1: active a, b, d                    -> E 3 (first period, no CRR)
//   Q2: active a, b, c, d; new c          -> S 3, E 4, N 1, CRR (4 - 1) / 3 = 100 %
//   Q3 (running at 2024-07-01): a b c d   -> S 4, E 4, N 0

/** A generated export: `customers` customers buying every few weeks through 2024. */
function generated(customers) {
  const lines = ["customer,date,amount"];
  for (let k = 0; k < customers; k++) {
    const every = 14 + (k % 9) * 7;
    const lasts = 40 + ((k * 37) % 300);
    let day = Date.UTC(2024, 0, 1) + (k % 90) * 864e5;
    const end = day + lasts * 864e5;
    for (; day <= end; day += every * 864e5) {
      lines.push(`C${k},${new Date(day).toISOString().slice(0, 10)},${(15 + (k % 40)).toFixed(2)}`);
    }
  }
  return lines.join("\n") + "\n";
}

async function choose(page, name, text) {
  await page.locator("#rc-import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.locator(".rc-file-name", { hasText: name }).waitFor();
  await page.locator("[data-preview]").waitFor();
}

test("importing an order export", async (t) => {
  const { page, requests, errors, c } = await servePage(t);
  await c.ready();

  await t.test("the preview suggests how to read the file", async () => {
    await choose(page, "orders.csv", SMALL);
    assert.equal(await page.locator("#rc-map-customer").inputValue(), "0");
    assert.equal(await page.locator("#rc-map-date").inputValue(), "1");
    assert.equal(await page.locator("#rc-map-amount").inputValue(), "2");
    assert.equal(await page.locator("#rc-map-amounts").inputValue(), "nl");
    assert.match(plain(await page.locator("#rc-map-date-format option:checked").innerText()), /dd-mm-jjjj/);
  });

  await t.test("the worker reads it and the figures follow", async () => {
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-import-results]").waitFor();
    await page.locator("[data-period]").first().waitFor();
    // Quarters, not months, for this check.
    await page.locator("#rc-import-period").selectOption("quarter");
    await page.locator("[data-period='2024-Q2']").waitFor();
    const row = plain(await page.locator("[data-period='2024-Q2']").innerText()).split(/\s+/);
    assert.deepEqual(row.slice(0, 4), ["2024-Q2", "3", "4", "1"], row.join(" "));
    assert.equal(plain(await page.locator("[data-period='2024-Q2'] [data-crr]").innerText()), "100,0 %");
    const stats = plain(await page.locator("[data-import-stats]").innerText());
    assert.match(stats, /7 regels gelezen: 6 orders van 4 klanten/);
    assert.match(stats, /Regel 5: „31-02-2024” is geen datum/);
    assert.equal(plain(await page.locator("[data-key=orderValue] .rc-key-value").innerText()), "€ 28,33");
    // a and d bought twice: 2 of 4 customers.
    assert.equal(plain(await page.locator("[data-key=repeatRate] .rc-key-value").innerText()), "50,0 %");
    // Cohorts by first purchase: January (a, b), February (d), May (c); a bought again in April.
    assert.equal(await page.locator("[data-cohorts] tbody tr").count(), 3);
    const january = await page.locator("[data-cohorts] tbody tr").first().locator("td").allInnerTexts();
    assert.deepEqual(january.slice(0, 5).map(plain), ["2", "100 %", "0 %", "0 %", "50 %"]);
    assert.match(plain(await page.locator("[data-forecast-error]").innerText()), /Te weinig klanten/);
  });

  await t.test("one click fills the calculator", async () => {
    await page.locator("[data-action=fill]").click();
    assert.equal(await c.field("start").inputValue(), "3");
    assert.equal(await c.field("end").inputValue(), "4");
    assert.equal(await c.field("new").inputValue(), "1");
    assert.equal(await c.field("spend").inputValue(), "28,333333");
    assert.equal(await page.locator("#rc-period").inputValue(), "quarter");
    assert.equal(await c.figure("retentionRate"), "100,0 %");
  });

  await t.test("the win-back list downloads as CSV", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-action=download-inactive]").click(),
    ]);
    const csv = fs.readFileSync(await download.path(), "utf8");
    assert.match(csv, /^\ufeffcustomer;last_order;days_inactive;orders;spend;segment\r\n/);
    // b bought first (R 1 of 4) and once (F 1): lost.
    assert.match(csv, /\nb;2024-01-20;163;1;30,00;Verloren\r\n/);
  });

  await t.test("a bigger export gets a forecast per customer", async () => {
    await choose(page, "shop.csv", generated(400));
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-forecast] tbody tr").first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator("[data-forecast] tbody tr").count(), 20);
    const clvs = await page.locator("[data-forecast] [data-clv]").evaluateAll((els) => els.map((e) => Number(e.dataset.clv)));
    assert.ok(clvs.every((v, i) => i === 0 || clvs[i - 1] >= v), "best first");
    const spent = await page.locator("[data-forecast] [data-spent]").evaluateAll((els) => els.map((e) => Number(e.dataset.spent)));
    assert.equal(spent.length, 20);
    assert.ok(spent.every((v) => v > 0), `historical CLV per customer: ${spent}`);
    assert.match(plain(await page.locator("[data-parameters]").innerText()), /r = [\d,]+, α = [\d,]+/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-action=download-forecast]").click(),
    ]);
    const lines = fs.readFileSync(await download.path(), "utf8").trim().split("\r\n");
    assert.equal(lines.length, 401);
    assert.match(lines[0], /;historical_clv;p_alive;/);
    assert.deepEqual(await lowContrast(page), [], "heatmap, tables and forecast stay readable");
    await screenshot(page, "import");
  });

  await t.test("a long import shows progress, keeps the page working and can be cancelled", async () => {
    // Big enough (1.1 million rows, 29 MB) to still be reading while the calculator is used.
    await choose(page, "big.csv", generated(200_000));
    await page.locator("[data-action=analyse]").click();
    await page.locator("#rc-import-progress").waitFor();
    // The calculator still answers while the worker reads.
    await c.type("start", "2000");
    await c.type("end", "1050");
    await c.type("new", "200");
    assert.equal(await c.figure("retentionRate"), "42,5 %", "figures follow typing during an import");
    assert.equal(await page.locator("#rc-import-progress").count(), 1, "still importing");
    await page.locator("[data-action=cancel]").click();
    assert.match(plain(await page.locator(".rc-import-problem").innerText()), /Geannuleerd/);
    assert.equal(await page.locator("#rc-import-progress").count(), 0);
  });

  await t.test("files can be dropped on the page", async () => {
    await page.locator("[data-action=another]").click();
    await page.locator(".rc-drop").evaluate((zone, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, SMALL);
    await page.locator("[data-preview]").waitFor();
    assert.match(await page.locator(".rc-file-name").innerText(), /dropped\.csv/);
  });

  await t.test("a Shopify export: orders, not rows, and what was left out", async () => {
    // Order fields on an order's first row only; #1003 refunded and #1005 voided are left out.
    const shopify = [
      "Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem price,Refunded Amount,Cancelled at",
      "#1001,ann@example.com,paid,59.90,2023-01-02 20:04:00 +0100,1,29.95,0.00,",
      "#1001,ann@example.com,,,2023-01-02 20:04:00 +0100,1,29.95,,",
      "#1002,BOB@example.com,paid,25.00,2023-01-05 10:59:00 +0100,1,25.00,0.00,",
      "#1003,ann@example.com,refunded,30.00,2023-02-01 07:58:00 +0100,2,15.00,30.00,",
      "#1004,bob@example.com,partially_refunded,40.00,2023-02-10 14:58:00 +0100,1,40.00,10.00,",
      "#1005,cat@example.com,voided,12.00,2023-03-01 09:00:00 +0100,1,12.00,0.00,2023-03-01 12:00:00 +0100",
    ].join("\n") + "\n";
    await page.locator("[data-action=another]").click();
    await choose(page, "orders_export.csv", shopify);
    assert.equal(plain(await page.locator("[data-format]").innerText()), "Dit lijkt een orderexport van Shopify.");
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-import-results]").waitFor({ timeout: 20_000 });
    const read = plain(await page.locator("[data-import-stats] p").first().innerText());
    // 6 rows: ann #1001 (59.90), bob #1002 and #1004 (25.00; 40.00 - 10.00): 3 orders of 2.
    assert.equal(read, "6 regels gelezen: 3 orders van 2 klanten.");
    const notes = (await page.locator("[data-import-note]").allInnerTexts()).map(plain);
    assert.deepEqual(notes, ["2 orders tellen niet mee: 1 refunded, 1 voided."]);
  });

  assert.deepEqual(errors, []);
  requests.assertAllLocal();
});
