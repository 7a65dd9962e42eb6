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
    // CRR and churn first (they matter most on a phone), then S, E and N.
    const row = (await page.locator("[data-period='2024-Q2'] td").allInnerTexts()).map(plain);
    assert.deepEqual(row.slice(0, 5), ["100,0 %", "0,0 %", "3", "4", "1"], row.join(" "));
    // Six months of data and a 12-month window: every period still flagged, no trend drawn.
    assert.equal(await page.locator("[data-period='2024-Q2']").getAttribute("data-window-full"), "false");
    assert.equal(await page.locator("[data-chart=rc-import-trend]").count(), 0);
    assert.match(plain(await page.locator("[data-window-note]").innerText()), /venster van 12 maanden vol is/);
    assert.match(plain(await page.locator("[data-counting-rule]").last().innerText()), /elke dag waarop een klant kocht/);
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

  await t.test("no quarter with a full window: nothing is offered to the calculator", async () => {
    // Half a year of data and a 12-month window: Q2's 100 % only means that nobody could
    // drop out of the window yet, so it does not fill the calculator; the page says why.
    assert.equal(await page.locator("[data-action=fill]").count(), 0);
    assert.match(plain(await page.locator("[data-no-fill]").innerText()), /vol venster van 12 maanden\. Kies hieronder een korter venster/);
    // The longest window that fills: Q2's, back to January, 3 months (4 would start on
    // 1 December, before the first purchase).
    assert.equal(plain(await page.locator("[data-action=longest-window]").innerText()), "Gebruik een venster van 3 maanden");
  });

  await t.test("one click fills the calculator, rounded, after asking about the example", async () => {
    // A 3-month window is full from Q2 (the one ending 31 March starts 1 January). Q2:
    // active on 31 March (bought 1 Jan – 31 Mar) a, b, d: S 3; on 30 June (1 Apr – 30 Jun)
    // a, c: E 2; c is new: N 1. CRR (2 − 1) / 3 = 33.3 %. No year before: Q2 fills.
    await page.locator("[data-action=longest-window]").click();
    await page.locator("[data-action=fill]").click();
    assert.equal(await page.locator("#rc-import-window").inputValue(), "3");
    assert.equal(await page.locator("[data-no-fill]").count(), 0);
    assert.equal(await page.locator("[data-action=longest-window]").count(), 0);
    assert.match(plain(await page.locator("[data-action=fill]").innerText()), /\(2024-Q2\)/);
    // The example's margin and CAC are still there: asked before anything changes.
    assert.match(plain(await page.locator("[data-question=example]").innerText()), /marge \(60(,0)? %\).*\(€ 300\).*voorbeeld/);
    assert.equal(await c.field("start").inputValue(), "1000", "nothing filled before the answer");
    await page.locator("[data-action=keep-example]").click();
    assert.equal(await c.field("start").inputValue(), "3");
    assert.equal(await c.field("end").inputValue(), "2");
    assert.equal(await c.field("new").inputValue(), "1");
    // 170 / 6 = 28.33, typed as 28.
    assert.equal(await c.field("spend").inputValue(), "28");
    assert.equal(await c.field("margin").inputValue(), "60", "kept, as asked");
    assert.equal(await page.locator("#rc-period").inputValue(), "quarter");
    assert.equal(await c.figure("retentionRate"), "33,3 %");
    // Back to the default window for what follows.
    await page.locator("#rc-import-window").fill("12");
    await page.locator("#rc-import-window").press("Tab");
    await page.locator("[data-no-fill]").waitFor();
  });

  await t.test("the win-back list starts from the shop's purchase cycle", async () => {
    // Gaps between purchase days: a 10 Jan → 10 Apr = 91, d 1 Feb → 1 Jul = 151; median
    // 121, cut-off 242 days: b (163 days) is not at risk yet.
    assert.equal(await page.locator("#rc-import-inactive").inputValue(), "242");
    assert.match(plain(await page.locator("[data-todo-line=winBack]").innerText()), /Geen klant kocht 242 dagen .*121 dagen/);
    await page.locator("#rc-import-inactive").fill("30");
    await page.locator("#rc-import-inactive").press("Tab");
    await page.locator("[data-inactive]").waitFor();
    // 30 days: a (82 days, 40.00), b (163, 30.00), c (57, 40.00): forecast too small, so at
    // stake is the spend: a and c (40) before b (30).
    assert.equal(await page.locator("[data-inactive]").getAttribute("data-inactive-count"), "3");
    const ids = await page.locator("[data-inactive] tbody th").allInnerTexts();
    assert.deepEqual(ids, ["a", "c", "b"]);
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
    // The model's parameters face the analyst, not the marketer: folded under technical details.
    assert.equal(await page.locator("[data-parameters]").isVisible(), false);
    await page.locator("[data-tech] summary").click();
    assert.match(plain(await page.locator("[data-parameters]").innerText()), /r = [\d,]+, α = [\d,]+/);
    // The results open with what to do: who to win back first, and the best customers ahead.
    assert.match(plain(await page.locator("[data-todo-line=winBack]").innerText()), /klanten dreigen af te haken.*begin met deze 20/);
    assert.match(plain(await page.locator("[data-todo-line=best]").innerText()), /Je 20 waardevolste klanten/);
    const stakes = await page.locator("[data-inactive] [data-at-stake]").evaluateAll((els) => els.map((e) => Number(e.dataset.atStake)));
    assert.ok(stakes.length > 0 && stakes.every((v, i) => i === 0 || stakes[i - 1] >= v), `most at stake first: ${stakes}`);
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
    assert.match(plain(await page.locator("[data-import-stats] [data-counting-rule]").innerText()), /hetzelfde ordernummer/);
    // Only bob bought on two days: 1 of 2.
    assert.equal(plain(await page.locator("[data-key=repeatRate] .rc-key-value").innerText()), "50,0 %");
  });

  await t.test("a status counted again changes the figures", async () => {
    // The statuses found, with their orders; refunded and voided are off by default.
    const refunded = page.locator("[data-status=refunded]");
    assert.match(plain(await refunded.innerText()), /refunded \(1 order, standaard uit\)/);
    assert.equal(await page.locator("#rc-status-refunded").isChecked(), false);
    assert.equal(await page.locator("#rc-status-paid").isChecked(), true);
    await page.locator("#rc-status-refunded").check();
    // #1003 counts now: 30.00 less its 30.00 refund is a purchase of 0 on 1 February, so ann
    // bought on two days too. #1005 stays out: it has a cancellation date.
    await page.locator("[data-import-stats] p", { hasText: "4 orders" }).waitFor({ timeout: 20_000 });
    assert.equal(plain(await page.locator("[data-import-stats] p").first().innerText()), "6 regels gelezen: 4 orders van 2 klanten.");
    assert.equal(plain(await page.locator("[data-key=repeatRate] .rc-key-value").innerText()), "100,0 %");
  });

  await t.test("a Dutch line-item export: quantity × unit price per order, cancelled left out", async () => {
    // Counted by hand: 1001 (2 × 12,50 + 5,00), 1002, 1004 and 1005 are purchases; 1003 is
    // Geannuleerd. Ann bought on 15-01 and 25-03, Bob on 20-01 and 21-02: both repeat.
    const dutch = [
      "Ordernummer;Besteldatum;Klantnummer;Klantnaam;Status;Artikel;Aantal;Prijs per stuk;Btw %",
      "1001;15-01-2023;K1;Ann;Betaald;Mok;2;12,50;21",
      "1001;15-01-2023;K1;Ann;Betaald;Thee;1;5,00;9",
      "1002;20-01-2023;K2;Bob;Betaald;Pot;3;10,00;21",
      "1003;16-02-2023;K1;Ann;Geannuleerd;Mok;1;12,50;21",
      "1004;21-02-2023;K2;Bob;Verzonden;Pot;1;10,00;21",
      "1005;25-03-2023;K1;Ann;Betaald;Thee;4;5,00;9",
    ].join("\n") + "\n";
    await page.locator("[data-action=another]").click();
    await choose(page, "bestellingen.csv", dutch);
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-import-stats] p", { hasText: "6 regels" }).waitFor({ timeout: 20_000 });
    assert.equal(plain(await page.locator("[data-import-stats] p").first().innerText()), "6 regels gelezen: 4 orders van 2 klanten.");
    const notes = (await page.locator("[data-import-note]").allInnerTexts()).map(plain);
    assert.ok(notes.some((n) => /^1 order telt niet mee: 1 geannuleerd\.$/i.test(n)), notes.join(" | "));
    assert.equal(plain(await page.locator("[data-key=repeatRate] .rc-key-value").innerText()), "100,0 %");
  });

  await t.test("an Online Retail export: invoices, a C-invoice as refund, a guest row", async () => {
    // Counted by hand: invoices 536365, 536366, 536367 and 536370 are 4 orders of 2 customers;
    // C536368 (−2 × 2,55) is a refund; line 7 has no customer. 17850 bought on 1 and 14
    // December, 13047 once: 1 of 2 repeat. 12/13 makes the dates month first.
    const retail = [
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
      "536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom",
      "536365,71053,WHITE METAL LANTERN,2,12/1/2010 8:26,3.39,17850,United Kingdom",
      "536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,17850,United Kingdom",
      "536367,84879,ASSORTED BIRD,10,12/13/2010 9:00,1.00,13047,United Kingdom",
      "C536368,85123A,WHITE HANGING HEART,-2,12/3/2010 10:00,2.55,17850,United Kingdom",
      "536369,22960,JAM MAKING SET,4,12/5/2010 11:00,2.00,,United Kingdom",
      "536370,21730,GLASS STAR,1,12/14/2010 12:00,5.00,17850,United Kingdom",
    ].join("\n") + "\n";
    await page.locator("[data-action=another]").click();
    await choose(page, "Online Retail.csv", retail);
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-import-stats] p", { hasText: "7 regels" }).waitFor({ timeout: 20_000 });
    assert.equal(plain(await page.locator("[data-import-stats] p").first().innerText()), "7 regels gelezen: 4 orders van 2 klanten.");
    const notes = (await page.locator("[data-import-note]").allInnerTexts()).map(plain).join(" | ");
    assert.match(notes, /creditnota/);
    assert.match(notes, /\(regel 7\)/);
    assert.equal(plain(await page.locator("[data-key=repeatRate] .rc-key-value").innerText()), "50,0 %");
  });

  assert.deepEqual(errors, []);
  requests.assertAllLocal();
});

/**
 * Two years of a small shop, counted by hand (window 12 months). The year to fill is 2024,
 * complete on its last day, 31 December.
 *   Active on 31 Dec 2023 (bought from 1 Jan 2023): a, b          -> S 2
 *   Active on 31 Dec 2024 (bought from 1 Jan 2024): a, d, e       -> E 3
 *   Active at the end, not at the start: d (new), e (back)        -> N 2
 *   CRR per year (3 − 2) / 2 = 50 %.
 *   Purchases in 2024: 70 + 20 + 40 + 25 = 155 in 4: 38.75, typed 39; by 3 buyers: 1.3 a year.
 */
const TWO_YEARS = [
  "customer,date,amount",
  "c,2022-06-01,10.00",
  "e,2022-11-11,15.00",
  "b,2023-01-01,30.00",
  "a,2023-03-10,50.00",
  "a,2024-02-01,70.00",
  "d,2024-05-05,20.00",
  "d,2024-06-06,40.00",
  "e,2024-12-31,25.00",
].join("\n") + "\n";

/** Whether any two of the boxes overlap. */
function overlapping(boxes) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) return true;
    }
  }
  return false;
}

for (const { locale, width, height, name } of [
  { locale: "nl-NL", width: 1280, height: 900, name: "desktop" },
  { locale: "en-GB", width: 375, height: 812, name: "phone" },
]) {
  test(`a monthly import fills a year, rounded, and shows the answer (${locale}, ${name})`, async (t) => {
    const { page, errors, c } = await servePage(t, "/", { locale, width, height });
    await c.ready();
    const nl = locale === "nl-NL";
    await choose(page, "two-years.csv", TWO_YEARS);
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-todo-line=year]").waitFor({ timeout: 20_000 });
    assert.match(
      plain(await page.locator("[data-todo-line=year]").innerText()),
      nl ? /Van 2024-01-01 tot 2024-12-31 hield je 50,0 % van je klanten vast/ : /From 2024-01-01 to 2024-12-31 you kept 50.0% of your customers/,
    );
    // The trend starts once the 12-month window is full: from June 2023 (data from June
    // 2022), 19 months to December 2024.
    const points = await page.locator("[data-chart=rc-import-trend] .rc-series-1 circle").count();
    assert.equal(points, 19);
    const labels = page.locator("[data-chart=rc-import-trend] text.rc-x");
    const boxes = (await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))).filter((b) => b.width > 0);
    assert.ok(boxes.length >= 3, `labels shown: ${boxes.length}`);
    assert.equal(overlapping(boxes), false, `x labels overlap: ${JSON.stringify(boxes)}`);
    // Readable on a phone too: the axis text is drawn at least 10 px high.
    assert.ok(boxes.every((b) => b.height >= 10), `label heights ${boxes.map((b) => b.height)}`);
    await page.locator("[data-action=fill]").click();
    await page.locator("[data-action=clear-example]").click();
    assert.equal(await c.field("start").inputValue(), "2");
    assert.equal(await c.field("end").inputValue(), "3");
    assert.equal(await c.field("new").inputValue(), "2");
    assert.equal(await c.field("spend").inputValue(), "39");
    assert.equal(await c.field("frequency").inputValue(), nl ? "1,3" : "1.3");
    assert.equal(await c.field("margin").inputValue(), "", "the example's margin cleared, as asked");
    assert.equal(await c.field("cac").inputValue(), "");
    assert.equal(await page.locator("#rc-period").inputValue(), "year");
    // The yearly figure is the headline, in view, and what changed is marked.
    assert.equal(await c.figure("retentionRate"), nl ? "50,0 %" : "50.0%");
    const headline = page.locator(".rc-big-value[data-figure=retentionRate]").first();
    await page.waitForTimeout(600);
    const box = await headline.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= height, `headline in view: ${JSON.stringify(box)}`);
    assert.equal(await page.locator("[data-field=start][data-changed]").count(), 1);
    assert.equal(await page.locator("[data-field=spend][data-changed]").count(), 1);
    await screenshot(page, `import-fill-${name}-${locale}`, { fullPage: false });
    assert.deepEqual(errors, []);
  });
}

/**
 * 60,000 orders, each 10.00 in "amount" and 99.00 in "other": the preview suggests "amount"
 * and leaves nothing to decide, so the worker imports with it before "analyse".
 */
function twoAmounts() {
  const lines = ["customer,date,amount,other"];
  for (let k = 0; k < 60_000; k++) {
    // 200 customers, each buying on 300 days: every row an order of its own.
    lines.push(`C${k % 200},${new Date(Date.UTC(2024, 0, 1) + Math.floor(k / 200) * 864e5).toISOString().slice(0, 10)},10.00,99.00`);
  }
  return lines.join("\n") + "\n";
}

test("an import started before 'analyse' is shown only for the mapping confirmed", async (t) => {
  const { page, errors, c } = await servePage(t);
  await c.ready();
  const text = twoAmounts();
  // Every average order value the page ever shows, from before the click on.
  const watch = () =>
    page.locator("#rc-import-file").evaluate((input) => {
      const root = input.getRootNode();
      window.__orderValues = [];
      new MutationObserver(() => {
        for (const el of root.querySelectorAll("[data-key=orderValue] .rc-key-value")) window.__orderValues.push(el.textContent);
      }).observe(root, { childList: true, subtree: true, characterData: true });
    });
  const shown = () => page.evaluate(() => window.__orderValues);

  // Another amount column chosen at once, while the early import (of "amount") still runs.
  await choose(page, "two-amounts.csv", text);
  assert.equal(await page.locator("#rc-map-amount").inputValue(), "2");
  await watch();
  await page.locator("#rc-map-amount").selectOption("3");
  await page.locator("[data-action=analyse]").click();
  await page.locator("[data-key=orderValue]").waitFor({ timeout: 30_000 });
  const other = await shown();
  assert.ok(other.length > 0 && other.every((v) => /€\s*99,00/.test(v)), `shown: ${other}`);

  // The same file again, the suggestion kept: the early import is what "analyse" shows.
  await page.locator("[data-action=another]").click();
  await choose(page, "two-amounts.csv", text);
  await watch();
  await page.waitForTimeout(1500);
  await page.locator("[data-action=analyse]").click();
  await page.locator("[data-key=orderValue]").waitFor({ timeout: 30_000 });
  const own = await shown();
  assert.ok(own.length > 0 && own.every((v) => /€\s*10,00/.test(v)), `shown: ${own}`);
  assert.deepEqual(errors, []);
});

/** Notes what the page asks of its import worker and what the worker says, by kind. */
async function watchWorker(page) {
  await page.addInitScript(() => {
    const kind = (m) => (m && typeof m === "object" ? Object.keys(m)[0] : String(m));
    window.__asked = [];
    window.__said = [];
    window.Worker = class extends window.Worker {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (e) => window.__said.push(kind(e.data)));
      }
      postMessage(message, ...rest) {
        window.__asked.push(message[0]);
        return super.postMessage(message, ...rest);
      }
    };
  });
  await page.reload();
  return {
    asked: () => page.evaluate(() => window.__asked),
    said: () => page.evaluate(() => window.__said.filter((k) => k !== "progress")),
  };
}

test("a preview that leaves nothing to decide is imported by the worker at once, another waits for 'analyse'", async (t) => {
  const { page, errors, c } = await servePage(t);
  const worker = await watchWorker(page);
  await c.ready();
  const keys = async () => ({
    orderValue: plain(await page.locator("[data-key=orderValue] .rc-key-value").innerText()),
    repeatRate: plain(await page.locator("[data-key=repeatRate] .rc-key-value").innerText()),
    stats: plain(await page.locator("[data-import-stats]").innerText()),
  });

  // ISO dates: nothing to decide. Hand-counted: 6 orders of 4 customers, 170.00 spent
  // (28.33 an order), a and d bought twice (50 %).
  const sure = ["customer,date,amount", "a,2024-01-10,20.00", "b,2024-01-20,30.00", "d,2024-02-01,10.00",
    "a,2024-04-10,20.00", "c,2024-05-05,40.00", "d,2024-07-01,50.00"].join("\n") + "\n";
  await choose(page, "sure.csv", sure);
  // The worker imports it before anyone clicks, asked for nothing but the preview.
  await page.waitForFunction(() => window.__said.includes("done"));
  assert.deepEqual(await worker.said(), ["preview", "stats", "forecast", "summary", "segments", "winBack", "done"]);
  const [preview] = await worker.asked();
  assert.deepEqual(Object.keys(preview), ["preview"]);
  assert.ok(preview.preview.then, "the preview carries what to import");
  assert.equal(await page.locator("[data-import-results] [data-key]").count(), 0, "nothing shown before 'analyse'");
  await page.locator("[data-action=analyse]").click();
  await page.locator("[data-key=orderValue]").waitFor();
  const shown = await keys();
  assert.equal(shown.orderValue, "€ 28,33");
  assert.equal(shown.repeatRate, "50,0 %");
  assert.match(shown.stats, /6 orders van 4 klanten/);
  assert.equal((await worker.asked()).length, 1, "'analyse' showed the import the worker had done");

  // The same file, another amount column chosen after that import was done: the worker
  // imports again, with the column chosen (every order 1.00).
  await page.locator("[data-action=another]").click();
  const other = sure.split("\n").map((line, i) => (i === 0 ? `${line},other` : line && `${line},1.00`)).join("\n");
  await choose(page, "other.csv", other);
  await page.waitForFunction(() => window.__said.filter((k) => k === "done").length === 2);
  await page.locator("#rc-map-amount").selectOption("3");
  await page.locator("[data-action=analyse]").click();
  await page.locator("[data-key=orderValue]").waitFor();
  await page.waitForFunction(() => window.__said.filter((k) => k === "done").length === 3);
  assert.equal((await keys()).orderValue, "€ 1,00");
  const asked = await worker.asked();
  assert.deepEqual(asked.map((m) => Object.keys(m)[0]), ["preview", "preview", "import"]);
  assert.equal(asked[2].import.mapping.amount, 3);

  // 03/04/2024: the 3rd of April or March the 4th? Nothing is imported until "analyse".
  // Hand-counted: 3 orders of 2 customers, 60.00 spent (20.00 an order), a bought twice.
  await page.locator("[data-action=another]").click();
  const unsure = "customer,date,amount\na,03/04/2024,10\nb,04/05/2024,20\na,05/06/2024,30\n";
  await choose(page, "unsure.csv", unsure);
  await page.waitForTimeout(1000);
  assert.deepEqual((await worker.said()).slice(-1), ["preview"], "the preview alone");
  await page.locator("[data-action=analyse]").click();
  await page.waitForFunction(() => window.__said.filter((k) => k === "done").length === 4);
  await page.locator("[data-key=orderValue]").waitFor();
  assert.equal((await keys()).orderValue, "€ 20,00");
  assert.equal((await keys()).repeatRate, "50,0 %");
  assert.deepEqual((await worker.asked()).map((m) => Object.keys(m)[0]).slice(-2), ["preview", "import"]);
  assert.deepEqual(errors, []);
});
