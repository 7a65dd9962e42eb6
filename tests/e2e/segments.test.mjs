// The RFM segments of an imported export, in Dutch and English: the R × F grid, the table,
// the win-back list's links to it, and one segment's file checked against the generator's
// truth, all by keyboard.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { lowContrast, plain, SCREENSHOTS, servePage } from "./harness.mjs";

/** The published R × F map: rows R 5 down to R 1, columns F 1 to F 5, as the page's slugs. */
const MAP = [
  ["new", "potential-loyalists", "potential-loyalists", "champions", "champions"],
  ["promising", "potential-loyalists", "potential-loyalists", "loyal", "loyal"],
  ["about-to-sleep", "about-to-sleep", "needs-attention", "loyal", "loyal"],
  ["hibernating", "hibernating", "at-risk", "at-risk", "cant-lose"],
  ["lost", "hibernating", "at-risk", "at-risk", "cant-lose"],
];
const segmentOf = (r, f) => MAP[5 - r][f - 1];
const DAY = 864e5;
const LAST = Date.UTC(2024, 5, 30);
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * 125 customers, five for each cell of the grid. With 125 distinct values a score is
 * 1 + ⌊b / 25⌋ (b: customers with a worse value), so customer k (0–4) meant for R r and F f
 * gets recency place 25(r − 1) + 5(f − 1) + k and frequency place 25(f − 1) + 5(r − 1) + k,
 * both permutations of 0–124. Place p from the worst: last bought 2(124 − p) days before
 * 2024-06-30, on p + 1 days three days apart; spend 200 + 10 × (7 × recency place mod 125).
 * Returns the file and each customer's truth.
 */
function generated() {
  const lines = ["customer,email,name,date,amount"];
  const truth = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let k = 0; k < 5; k++) {
        const rp = 25 * (r - 1) + 5 * (f - 1) + k;
        const fp = 25 * (f - 1) + 5 * (r - 1) + k;
        const id = `r${r}f${f}k${k}`;
        const email = `${id}@example.com`;
        const name = k === 0 ? `=HYPERLINK("x","${id}")` : `Klant ${id}`;
        const last = LAST - 2 * (124 - rp) * DAY;
        const days = fp + 1;
        const spend = 200 + 10 * ((7 * rp) % 125);
        for (let d = days - 1; d >= 0; d--) {
          const amount = d === 0 ? spend - (days - 1) : 1;
          lines.push(`${id},${email},"${name.replace(/"/g, '""')}",${iso(last - 3 * d * DAY)},${amount}.00`);
        }
        truth.push({ id, email, name, last: iso(last), days, spend, segment: segmentOf(r, f) });
      }
    }
  }
  return { text: lines.join("\n") + "\n", truth };
}

/** Splits a CSV line on `sep`, reading quoted cells. */
function cells(line, sep) {
  const out = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) out.push(cell), (cell = "");
    else cell += ch;
  }
  out.push(cell);
  return out;
}

const LANGUAGES = [
  { code: "nl", path: "/", locale: "nl-NL", sep: ";", champions: "Kampioenen", decimal: "," },
  { code: "en", path: "/?locale=en", locale: "en-US", sep: ",", champions: "Champions", decimal: "." },
];

for (const lang of LANGUAGES) {
  test(`customer segments of an import (${lang.code})`, async (t) => {
    const { page, errors, requests, c } = await servePage(t, lang.path, { locale: lang.locale });
    await c.ready();
    const { text, truth } = generated();
    await page.locator("#rc-import-file").setInputFiles({ name: "shop.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await page.locator("[data-preview]").waitFor();
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-segments]").waitFor({ timeout: 30_000 });
    assert.deepEqual(await lowContrast(page), [], "the grid, swatches and table stay readable");

    await t.test("the grid holds five customers a cell, each in the map's segment", async () => {
      assert.equal(await page.locator("[data-segments]").getAttribute("data-segments"), "125");
      const grid = await page.locator("[data-chart=segments] [data-cell]").evaluateAll((els) =>
        els.map((e) => [e.dataset.cell, e.dataset.segment, e.dataset.customers]),
      );
      assert.equal(grid.length, 25);
      for (const [cell, segment, customers] of grid) {
        assert.equal(segment, segmentOf(Number(cell[0]), Number(cell[1])), cell);
        assert.equal(customers, "5", cell);
      }
    });

    await t.test("the table counts each segment, with shares, forecast and actions", async () => {
      const rows = await page.locator("[data-segment-row]").evaluateAll((els) =>
        els.map((e) => [e.dataset.segmentRow, Number(e.dataset.customers)]),
      );
      const expected = {};
      for (const x of truth) expected[x.segment] = (expected[x.segment] ?? 0) + 1;
      assert.deepEqual(Object.fromEntries(rows), expected);
      // Champions: 10 of 125 customers.
      const champions = page.locator("[data-segment-row=champions]");
      assert.equal(await champions.locator("[data-customer-share]").getAttribute("data-customer-share"), "8.0000");
      const revenue = truth.filter((x) => x.segment === "champions").reduce((a, x) => a + x.spend, 0);
      const total = truth.reduce((a, x) => a + x.spend, 0);
      const share = Number(await champions.locator("[data-revenue-share]").getAttribute("data-revenue-share"));
      assert.ok(Math.abs(share - (100 * revenue) / total) < 1e-4, `${share}`);
      // The import's forecast fills predicted CLV and P(alive) in.
      const pAlive = Number(await champions.locator("[data-mean-p-alive]").getAttribute("data-mean-p-alive"));
      assert.ok(pAlive > 0 && pAlive <= 1, `${pAlive}`);
      assert.ok(Number(await champions.locator("[data-mean-clv]").getAttribute("data-mean-clv")) > 0);
      const actions = await page.locator("[data-segment-row=at-risk] .rc-segment-actions li").count();
      assert.ok(actions >= 2 && actions <= 3, `${actions}`);
      assert.match(plain(await champions.locator("th").innerText()), new RegExp(lang.champions));
    });

    await t.test("the win-back list links to each customer's segment, by keyboard", async () => {
      const first = page.locator("[data-inactive] tbody tr").first();
      const id = plain(await first.locator("th").innerText());
      const customer = truth.find((x) => x.id === id);
      assert.ok(customer, id);
      const link = first.locator("[data-segment-link]");
      assert.equal(await link.getAttribute("data-segment-link"), customer.segment);
      await link.focus();
      await page.keyboard.press("Enter");
      const focused = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.closest("[data-segment-row]")?.dataset.segmentRow;
      });
      assert.equal(focused, customer.segment);
      // The next Tab reaches that segment's download.
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return [el?.dataset.action, el?.dataset.segment];
      });
      assert.deepEqual(next, ["download-segment", customer.segment]);
    });

    await t.test("a segment's file, downloaded by keyboard, holds its customers as generated", async () => {
      const button = page.locator("[data-action=download-segment][data-segment=champions]");
      await button.focus();
      const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
      assert.equal(download.suggestedFilename(), "segment-champions.csv");
      const lines = fs.readFileSync(await download.path(), "utf8").replace(/^\ufeff/, "").trim().split("\r\n");
      const header = cells(lines[0], lang.sep);
      assert.deepEqual(header.slice(0, 7), ["customer", "email", "name", "last_order", "orders", "purchase_days", "spend"]);
      assert.deepEqual(header.slice(7, 10), ["predicted_clv", "p_alive", "segment"]);
      const meant = truth.filter((x) => x.segment === "champions").sort((a, b) => b.spend - a.spend);
      assert.equal(lines.length - 1, meant.length);
      for (const [i, x] of meant.entries()) {
        const row = cells(lines[i + 1], lang.sep);
        // A name that would run as a formula starts with an apostrophe.
        const name = x.name.startsWith("=") ? `'${x.name}` : x.name;
        assert.deepEqual(row.slice(0, 4), [x.id, x.email, name, x.last]);
        assert.deepEqual(row.slice(4, 7), [String(x.days), String(x.days), `${x.spend}${lang.decimal}00`]);
        assert.ok(Number(row[7].replace(",", ".")) > 0, row[7]);
        assert.equal(row[9], lang.champions);
      }
    });

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator("[data-segments]").screenshot({ path: `${SCREENSHOTS}/segments-${lang.code}.png` });
    assert.deepEqual(errors, []);
    requests.assertAllLocal();
  });
}
