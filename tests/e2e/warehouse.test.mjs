// The warehouse path in the page: the "Use your data warehouse" panel (SQL per dialect, a
// hostile name refused next to its field in the page's language, the scoring SQL of the fit)
// and a dropped per-customer summary going straight to the forecast and the calculator fill.
// Expected values come from the JS API run here on the same data (another path through the
// core than the page's worker) and from summaries counted by hand below.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { DIST, plain, servePage } from "./harness.mjs";

let api;
before(async () => {
  api = await import(pathToFileURL(path.join(DIST, "pkg", "retention_core.js")));
  await api.default({ module_or_path: fs.readFileSync(path.join(DIST, "pkg", "retention_core_bg.wasm")) });
});

const DAY = 864e5;
const START = Date.UTC(2023, 0, 2);
const iso = (day) => new Date(START + day * DAY).toISOString().slice(0, 10);

/** 240 customers with known histories: customer k buys on 1 + k % 6 days, 9 + 3 (k % 17) days
 * apart; every tenth also buys twice on their first day (one purchase day, two orders). */
function orders() {
  const lines = ["customer,date,amount"];
  const days = new Map();
  for (let k = 0; k < 240; k++) {
    const id = `C${k}`;
    const first = (k * 13) % 300;
    const bought = new Map();
    for (let i = 0; i < 1 + (k % 6); i++) {
      const day = first + i * (9 + 3 * (k % 17));
      const amount = 12 + ((k * 7 + i * 3) % 50);
      lines.push(`${id},${iso(day)},${amount}.00`);
      bought.set(day, (bought.get(day) ?? 0) + amount);
      if (i === 0 && k % 10 === 0) {
        lines.push(`${id},${iso(day)},5.00`);
        bought.set(day, bought.get(day) + 5);
      }
    }
    days.set(id, bought);
  }
  return { text: lines.join("\n") + "\n", days };
}

/** The same customers as a summary in days, counted here: purchase days − 1, first to last,
 * first to the log's last day, mean spend of the repeat purchase days. */
function summaryOf(days) {
  const end = Math.max(...[...days.values()].flatMap((b) => [...b.keys()]));
  const rows = [];
  for (const [id, bought] of days) {
    const sorted = [...bought].sort((a, b) => a[0] - b[0]);
    const repeats = sorted.slice(1);
    const mean = repeats.length ? repeats.reduce((s, [, v]) => s + v, 0) / repeats.length : 0;
    rows.push({ id, frequency: repeats.length, recency: sorted.at(-1)[0] - sorted[0][0], T: end - sorted[0][0], mean });
  }
  const text = ["customer,frequency,recency,T,monetary_value", ...rows.map((r) => `${r.id},${r.frequency},${r.recency},${r.T},${r.mean}`)].join("\n") + "\n";
  return { text, rows };
}

async function choose(page, name, text) {
  await page.locator("#rc-import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.locator(".rc-file-name", { hasText: name }).waitFor();
}

/** The fitted parameters and the top customers' predicted CLV, as the page shows them. */
async function forecastShown(page) {
  await page.locator("[data-parameters]").waitFor({ state: "attached" });
  return {
    parameters: plain(await page.locator("[data-parameters]").textContent()),
    top: await page.locator("[data-forecast] tbody tr").evaluateAll((rows) =>
      rows.map((r) => [r.querySelector("th").textContent, r.querySelector("[data-clv]").dataset.clv]),
    ),
  };
}

const BASE = { table: "orders", customer: "customer_id", date: "order_date", amount: "total" };

async function openWarehouse(page) {
  await page.locator("[data-section=warehouse] > summary").click();
  await page.locator("#rc-wh-sql").waitFor();
}

for (const [locale, refused] of [
  ["nl-NL", /Deze naam bevat het teken `, dat BigQuery niet veilig kan citeren/],
  ["en-GB", /This name holds the character `, which BigQuery cannot quote safely/],
]) {
  test(`the warehouse panel writes the core's SQL and words a refused name (${locale})`, async (t) => {
    const { page, errors, c } = await servePage(t, "/", { locale });
    await c.ready();
    await openWarehouse(page);
    const sql = () => page.locator("#rc-wh-sql").inputValue();
    assert.equal(await sql(), api.warehouseSql({ dialect: "postgres", ...BASE }).sql);
    await page.locator("#rc-wh-dialect").selectOption("bigquery");
    await page.locator("#rc-wh-sql[data-sql=bigquery]").waitFor();
    assert.equal(await sql(), api.warehouseSql({ dialect: "bigquery", ...BASE }).sql);
    assert.match(await sql(), /FROM `orders`/);

    // A name with BigQuery's quote character cannot be quoted: refused at its field, no SQL.
    await page.locator("#rc-wh-table").fill("orders`; drop table x");
    const error = page.locator("[data-wh-field=table] [data-sql-error=character]");
    await error.waitFor();
    assert.match(plain(await error.innerText()), refused);
    assert.equal(await page.locator("#rc-wh-table").getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator("#rc-wh-sql").count(), 0);
    // The same name in PostgreSQL is one quoted name, never code.
    await page.locator("#rc-wh-dialect").selectOption("postgres");
    await page.locator("#rc-wh-sql[data-sql=postgres]").waitFor();
    assert.match(await sql(), /FROM "orders`; drop table x"/);
    assert.equal(await sql(), api.warehouseSql({ dialect: "postgres", ...BASE, table: "orders`; drop table x" }).sql);
    assert.deepEqual(errors, []);
  });
}

test("a summary file goes straight to the forecast the orders give, and the scoring SQL carries the fit", async (t) => {
  const { text, days } = orders();
  const summary = summaryOf(days);
  const { page, errors, c } = await servePage(t, "/", { locale: "en-GB" });
  await c.ready();

  // The raw order log through the page.
  await choose(page, "orders.csv", text);
  await page.locator("[data-preview]").waitFor();
  await page.locator("[data-action=analyse]").click();
  await page.locator("[data-import-results]").waitFor();
  const fromOrders = await forecastShown(page);
  assert.equal(fromOrders.top.length, 20);

  // The scoring SQL after the fit: the JS API's fit of the same log, its SQL.
  const analyzer = new api.Analyzer(new TextEncoder().encode(text), api.sniffOrders(text).mapping);
  const { forecast } = analyzer.forecast({ top: 20 }, null);
  const expected = api.warehouseSql({
    dialect: "postgres",
    ...BASE,
    output: "scoring",
    models: { purchases: forecast.purchases, spend: forecast.spend },
    horizonWeeks: forecast.options.horizonWeeks,
  });
  assert.equal(expected.error, null);
  await openWarehouse(page);
  await page.locator("#rc-wh-output").selectOption("scoring");
  await page.locator("[data-scoring-hint]").waitFor();
  await page.waitForFunction(
    (want) => {
      const host = document.querySelector("[data-retention-calculator]");
      const area = (host?.shadowRoot || document).querySelector("#rc-wh-sql");
      return area && area.value === want;
    },
    expected.sql,
    { timeout: 10_000 },
  );
  assert.ok(expected.sql.includes(String(forecast.purchases.r).slice(0, 8)), "the fitted r is in the SQL");

  // The summary, counted by hand, dropped instead: the same forecast, and what it cannot give.
  await page.locator("[data-action=another]").click();
  await choose(page, "summary.csv", summary.text);
  await page.locator("[data-summary-file]").waitFor();
  assert.equal(await page.locator("[data-summary-file]").getAttribute("data-customers"), "240");
  assert.match(plain(await page.locator("[data-summary-read]").innerText()), /240 customers, of whom 200 bought on more than one day/);
  assert.match(plain(await page.locator("[data-summary-cannot]").innerText()), /no S, E and N per period, no cohorts/);
  assert.equal(await page.locator("[data-preview]").count(), 0);
  assert.deepEqual(await forecastShown(page), fromOrders);

  // Spend and frequency into the calculator, counted here.
  const repeats = summary.rows.reduce((s, r) => s + r.frequency, 0);
  const spend = summary.rows.reduce((s, r) => s + r.frequency * r.mean, 0) / repeats;
  const years = Math.max(...summary.rows.map((r) => r.T)) / 365.25;
  const frequency = summary.rows.reduce((s, r) => s + r.frequency + 1, 0) / summary.rows.length / years;
  await page.locator("[data-summary-file] [data-action=fill]").click();
  const keep = page.locator("[data-action=keep-example]");
  if (await keep.count()) await keep.click();
  const number = async (name) => Number((await c.field(name).inputValue()).replace(",", "."));
  assert.equal(await number("spend"), Math.round(spend));
  assert.equal(await number("frequency"), Math.round(frequency * 10) / 10);
  assert.deepEqual(errors, []);
});
