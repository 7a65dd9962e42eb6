// Importing a member file on the members side, in Dutch and English: the sniffed mapping, the
// worker, bad rows by line in the page's language, and the figures against a hand count and a
// simulation whose churn is known. Nothing may leave 127.0.0.1.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inEachLanguage, plain, screenshot } from "./harness.mjs";

// Hand-counted, reference day 2024-07-15 (the last date in the file):
//   A1–A10 start 2024-01-01: A1, A2 leave in their 1st month, A3 in its 2nd, 7 stay;
//   J1–J4 start 2024-06-01 and stay: followed through month 1 only (month 2 ends 2024-08-01);
//   Z1 starts on the reference day: followed through no month;
//   line 16 ends before it starts, line 17 starts on 30 February.
// Kaplan–Meier: month 1: 14 followed, 2 left, 12/14 = 85.7 % still there;
//   month 2: 8 followed (A4–A10 and A3), 1 left, 12/14 × 7/8 = 75.0 %;
//   months 3–6: 7 followed, none left, 75.0 %.
const HAND = [
  "member,start,end",
  ...Array.from({ length: 10 }, (_, i) => `A${i + 1},2024-01-01,${i < 2 ? "2024-01-15" : i === 2 ? "2024-02-10" : ""}`),
  ...Array.from({ length: 4 }, (_, i) => `J${i + 1},2024-06-01,`),
  "B1,2024-03-01,2024-02-01",
  "B2,2024-02-30,",
  "Z1,2024-07-15,",
].join("\n") + "\n";

/** 1,000 members who join on 2023-01-01, of whom 10 % of those left leave in each of 12
 * months (on the 15th), and one who joins later to set the reference day: every month of
 * the first year is followed to its end. Returns the file and who is left after each month. */
function simulated() {
  const lines = ["lid;startdatum;opzegdatum"];
  const remaining = [1000];
  let id = 0;
  for (let k = 1; k <= 12; k++) {
    const leave = Math.round(remaining[k - 1] * 0.1);
    for (let i = 0; i < leave; i++) lines.push(`L${id++};01-01-2023;15-${String(k).padStart(2, "0")}-2023`);
    remaining.push(remaining[k - 1] - leave);
  }
  for (let i = 0; i < remaining[12]; i++) lines.push(`L${id++};01-01-2023;`);
  lines.push("LATE;20-01-2024;");
  return { text: lines.join("\n") + "\n", remaining };
}

const LANGUAGES = [
  {
    locale: "nl-NL",
    code: "nl",
    count: (n) => n.toLocaleString("nl-NL"),
    members: "Leden: abonnementen",
    percent: (x) => `${x.toFixed(1).replace(".", ",")} %`,
    endBeforeStart: /eindigt op 2024-02-01, vóór de start op 2024-03-01/,
    startDate: /startdatum “2024-02-30” is geen datum/,
    read: /^17 regels gelezen/,
  },
  {
    locale: "en-US",
    code: "en",
    count: (n) => n.toLocaleString("en-US"),
    members: "Members: subscriptions",
    percent: (x) => `${x.toFixed(1)}%`,
    endBeforeStart: /ends on 2024-02-01, before it starts on 2024-03-01/,
    startDate: /start date “2024-02-30” is not a date/,
    read: /^17 rows read/,
  },
];

async function choose(page, name, text) {
  await page.locator("#rc-mi-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.locator(".rc-member-import .rc-file-name", { hasText: name }).waitFor();
  await page.locator("[data-member-mapping]").waitFor();
}

async function analyse(page) {
  await page.locator("[data-action=analyse-members]").click();
  await page.locator("[data-member-summary]").waitFor();
}

const cell = async (page, month, n) =>
  plain(await page.locator(`[data-table=member-survival] tr[data-month="${month}"] td`).nth(n).innerText());

test("importing a member file", (t) =>
  inEachLanguage(t, LANGUAGES, async (t, lang, { page }) => {
    await page.locator("label", { hasText: lang.members }).click();
    await page.locator("[data-members=calculator]").waitFor();

    await t.test("the columns are guessed and can be changed", async () => {
      await choose(page, "leden.csv", HAND);
      assert.equal(await page.locator("#rc-mi-member").inputValue(), "0");
      assert.equal(await page.locator("#rc-mi-start").inputValue(), "1");
      assert.equal(await page.locator("#rc-mi-end").inputValue(), "2");
      assert.equal(await page.locator("#rc-mi-fee").inputValue(), "");
      // Without the end column everyone is still a member; then back.
      await page.locator("#rc-mi-end").selectOption("");
      await analyse(page);
      assert.equal(plain(await page.locator("[data-member-figure=cancelled] .rc-value").innerText()), "0");
      await page.locator("#rc-mi-end").selectOption("2");
    });

    await t.test("a hand-counted file: members, Kaplan–Meier and bad rows by line", async () => {
      await analyse(page);
      const figure = async (name) => plain(await page.locator(`[data-member-figure=${name}] .rc-value`).innerText());
      assert.equal(await figure("members"), "15");
      assert.equal(await figure("active"), "12");
      assert.equal(await figure("cancelled"), "3");
      assert.equal(await cell(page, 1, 0), "14");
      assert.equal(await cell(page, 1, 1), "2");
      assert.equal(await cell(page, 1, 2), lang.percent((12 / 14) * 100));
      assert.equal(await cell(page, 2, 0), "8");
      assert.equal(await cell(page, 2, 1), "1");
      assert.equal(await cell(page, 2, 2), lang.percent(75));
      for (const month of [3, 4, 5, 6]) {
        assert.equal(await cell(page, month, 0), "7", `month ${month}`);
        assert.equal(await cell(page, month, 2), lang.percent(75), `month ${month}`);
      }
      const read = page.locator("[data-member-read]");
      assert.equal(await read.getAttribute("data-rows"), "17");
      assert.equal(await read.getAttribute("data-bad-rows"), "2");
      assert.match(plain(await read.innerText()), lang.read);
      const bad = (line) => page.locator(`[data-table=member-bad-rows] tr[data-line="${line}"] td`);
      assert.match(plain(await bad(16).innerText()), lang.endBeforeStart);
      assert.match(plain(await bad(17).innerText()), lang.startDate);
      await screenshot(page, `member-import-${lang.code}`);
    });

    await t.test("a simulation with 10 % churn a month", async () => {
      const { text, remaining } = simulated();
      await page.locator("[data-action=another-members]").click();
      await choose(page, "simulatie.csv", text);
      assert.match(plain(await page.locator("#rc-mi-date-format option:checked").innerText()), /dd-mm/);
      await analyse(page);
      for (const month of [1, 6, 12]) {
        assert.equal(await cell(page, month, 0), lang.count(remaining[month - 1]), `followed in month ${month}`);
        assert.equal(await cell(page, month, 2), lang.percent((remaining[month] / 10)), `survival after month ${month}`);
      }
      // Constant churn over the members followed: about the 10 % simulated.
      const theta = Number(await page.locator("[data-member-summary] .rc-fit").getAttribute("data-theta"));
      assert.ok(Math.abs(theta - 0.1) < 0.005, `θ ${theta}`);
    });
  }));
