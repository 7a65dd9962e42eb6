// What a member file shows beyond survival, in Dutch and English: the retention heatmap by
// start month, members in and out per month, the sBG per start month, and the members at
// risk by plan, tenure and cluster month — each against a hand count of a generated file —
// and the sheet picker reading a member workbook's second sheet (a checked-in workbook written
// by a real xlsx writer from the same members: crates/retention-core/examples/member_xlsx_fixture.rs).
// Nothing may leave 127.0.0.1.
import assert from "node:assert/strict";
import { test } from "node:test";
import fs from "node:fs";
import path from "node:path";
import { launch, openPage, plain, screenshot, serveDist } from "./harness.mjs";

// Everyone starts on the 1st and leaves on the 15th, so each leaves in a whole month of
// membership. Counted on 2025-06-30, the last date in the file (Z starts then).
//   A: 60 on plan "jaar" from 2024-01-01: 6 leave in month 1 (2024-01-15), 20 in month 13
//      (2025-01-15), 34 stay (followed 17 months);
//   B: 40 on "maand" from 2024-02-01: 2 leave in each of months 1–8, 24 stay (16 months);
//   C: 20 on "maand" from 2024-03-01: 4 leave in month 1, 1 in each of months 2–5, 12 stay;
//   Z: 1 on "maand" from 2025-06-30, followed through no month.
const COHORTS = [
  { id: "A", start: [2024, 1], size: 60, plan: "jaar", left: { 1: 6, 13: 20 } },
  { id: "B", start: [2024, 2], size: 40, plan: "maand", left: { 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 2 } },
  { id: "C", start: [2024, 3], size: 20, plan: "maand", left: { 1: 4, 2: 1, 3: 1, 4: 1, 5: 1 } },
];

const ym = (y, m) => `${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, "0")}`;

function rows() {
  const out = [["lid", "plan", "start", "einde"]];
  for (const c of COHORTS) {
    let n = 0;
    const [y, m] = c.start;
    for (const [month, count] of Object.entries(c.left)) {
      for (let i = 0; i < count; i++) out.push([`${c.id}${n++}`, c.plan, `${ym(y, m)}-01`, `${ym(y, m + Number(month) - 1)}-15`]);
    }
    while (n < c.size) out.push([`${c.id}${n++}`, c.plan, `${ym(y, m)}-01`, ""]);
  }
  out.push(["Z0", "maand", "2025-06-30", ""]);
  return out;
}
const CSV = rows().map((r) => r.join(",")).join("\n") + "\n";
const FIXTURES = path.join(import.meta.dirname, "../../crates/retention-core/tests/fixtures");

// The heatmap by hand: the share of each start month still there k months later, k = 0–12.
const HEATMAP = {
  "2024-01": [100, ...Array(12).fill(90)], // 54 of 60 after month 1, until month 13
  "2024-02": [100, 95, 90, 85, 80, 75, 70, 65, 60, 60, 60, 60, 60], // 2 of 40 a month, 8 months
  "2024-03": [100, 80, 75, 70, 65, 60, 60, 60, 60, 60, 60, 60, 60], // 4, then 1 a month of 20
  "2025-06": [100],
};
// Members in and out by month, by hand: [start, new, cancelled, end, churn of those at the
// start (new members who left in their first month not counted)].
const FLOWS = {
  "2024-01": [0, 60, 6, 54, null],
  "2024-02": [54, 40, 2, 92, 0], // B's first-month leavers are new
  "2024-03": [92, 20, 6, 106, (2 / 92) * 100], // B month 2 (2), C month 1 (4, new)
  "2024-07": [97, 0, 3, 94, (3 / 97) * 100], // B month 6, C month 5
  "2025-01": [90, 0, 20, 70, (20 / 90) * 100], // A month 13
  "2025-06": [70, 1, 0, 71, 0],
};
// The last 12 complete months, 2024-07 to 2025-06: from 97 to 71, 1 joined, 27 cancelled
// (3 + 2 + 2 in July–September, 20 in January); churn 3/97, 2/94, 2/92, 20/90, else 0.
const MEAN_CHURN = ((3 / 97 + 2 / 94 + 2 / 92 + 20 / 90) / 12) * 100;
const NEEDED = Math.round((71 * MEAN_CHURN) / 100);
// Constant churn by plan: members who left over member-months followed.
//   jaar: 26 left over 60 + 12 × 54 + 4 × 34 = 844 months;
//   maand: 24 left over (40 + 38 + … + 26) + 8 × 24 + (20 + 16 + 15 + 14 + 13) + 10 × 12 = 654.
const CHURN_JAAR = (26 / 844) * 100;
const CHURN_MAAND = (24 / 654) * 100;
// Kaplan–Meier by month of membership: month 1 followed 120, 12 left; months 2–4 followed
// 108, 105, 102 with 3 leaving each (the median around month 1: 3/105); month 13 followed 90
// (34 + 24 + 12 + the 20 who leave), 20 left, none in the months around it.
const BASELINE_1 = (3 / 105) * 100;
const EXCESS_1 = Math.round(12 - 120 * (3 / 105));
// Today's members by tenure: Z (0 months) in 0–3; 34 + 24 + 12 in 12–24. Churn at tenure
// months 1–3: (12 + 3 + 3) / (120 + 108 + 105). Z's coming month: churn 12/120 = 0.1 expected.
const CHURN_0_3 = (18 / 333) * 100;

const LANGUAGES = [
  {
    locale: "nl-NL",
    code: "nl",
    members: "Leden: abonnementen",
    pct: (x) => `${x.toFixed(1).replace(".", ",")} %`,
    spread: `Na 3 maanden was van de leden die in 2024-01 begonnen nog 90,0 % lid (54 van 60), van 2024-03 maar 70,0 % (14 van 20); vergeleken zijn 3 startmaanden`,
    trend: (churn) => `Over de laatste 12 afgesloten maanden (2024-07 tot en met 2025-06) kwam er 1 lid bij en zegden er 27 op: van 97 naar 71 leden. De churn was gemiddeld ${churn} per periode`,
    shrink: `Je ledenbestand krimpt`,
    needed: `Om bij deze churn op 71 leden te blijven, heb je zo'n ${NEEDED} nieuwe leden per periode nodig`,
    plan: (m, j) => `Leden met “maand” zeggen het snelst op: ${m} per maand (24 van 61 opgezegd). Met “jaar” is dat ${j} (26 van 60).`,
    tenure: (c) => `Van de zo'n 0,1 leden die naar verwachting in hun volgende maand opzeggen, komen er 0,1 uit de groep die 0–3 maanden lid is (1 lid nu, ${c} churn per maand bij die duur).`,
    cluster13: `In maand 13 van het lidmaatschap zegden 20 van de 90 leden op (22,2 %), tegen 0,0 % in de maanden eromheen: zo'n 20 meer dan gewoonlijk.`,
    year: /eind van een jaarabonnement/,
    cluster1: (b) => `In maand 1 van het lidmaatschap zegden 12 van de 120 leden op (10,0 %), tegen ${b} in de maanden eromheen: zo'n ${EXCESS_1} meer dan gewoonlijk. 1 van je huidige leden komen nu in die maand.`,
    first: /na hun eerste maand/,
    tooSmall: "te weinig leden voor een eigen model",
    sheet: "Blad",
  },
  {
    locale: "en-US",
    code: "en",
    members: "Members: subscriptions",
    pct: (x) => `${x.toFixed(1)}%`,
    spread: "After 3 months, 90.0% of the members who started in 2024-01 were still members (54 of 60), of 2024-03 only 70.0% (14 of 20); 3 start months",
    trend: (churn) => `Over the last 12 complete months (2024-07 to 2025-06) 1 member joined and 27 cancelled: from 97 to 71 members. Churn averaged ${churn} a period`,
    shrink: "Your membership shrinks",
    needed: `To stay at 71 members at this churn you need about ${NEEDED} new members a period`,
    plan: (m, j) => `Members on “maand” cancel fastest: ${m} a month (24 of 61 cancelled). On “jaar” it is ${j} (26 of 60).`,
    tenure: (c) => `Of the about 0.1 members expected to cancel in their coming month, 0.1 are among those who have been members for 0–3 months (1 member now, ${c} churn a month at that tenure).`,
    cluster13: "In month 13 of membership 20 of the 90 members cancelled (22.2%), against 0.0% in the months around it: about 20 more than usual.",
    year: /end of an annual plan/,
    cluster1: (b) => `In month 1 of membership 12 of the 120 members cancelled (10.0%), against ${b} in the months around it: about ${EXCESS_1} more than usual. 1 of today's members are entering that month now.`,
    first: /after their first month/,
    tooSmall: "too few members for a model of its own",
    sheet: "Sheet",
  },
];

async function choose(page, name, buffer, mimeType = "text/csv") {
  await page.locator("#rc-mi-file").setInputFiles({ name, mimeType, buffer });
  await page.locator(".rc-member-import .rc-file-name", { hasText: name }).waitFor();
  await page.locator("[data-member-mapping]").waitFor();
}

async function analyse(page) {
  await page.locator("[data-action=analyse-members]").click();
  await page.locator("[data-member-view=risk]").waitFor();
}

const text = async (locator) => plain(await locator.innerText()).replace(/\s+/g, " ");
const close = (actual, expected, what) => assert.ok(Math.abs(Number(actual) - expected) < 1e-3, `${what}: ${actual} is not ${expected}`);

test("what a member file shows: cohorts, flows, fits per start month, members at risk", async (t) => {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());

  for (const lang of LANGUAGES) {
    await t.test(`in ${lang.code}`, async (t) => {
      const { page, errors, requests, c } = await openPage(browser, `${server.url}/`, { locale: lang.locale });
      await c.ready();
      await page.locator("label", { hasText: lang.members }).click();
      await page.locator("[data-members=calculator]").waitFor();
      await choose(page, "leden.csv", Buffer.from(CSV));
      assert.notEqual(await page.locator("#rc-mi-plan").inputValue(), "", "the plan column found");
      await analyse(page);

      await t.test("the retention heatmap by start month", async () => {
        const table = page.locator("[data-cohorts=members]");
        assert.deepEqual(await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.cohort)), Object.keys(HEATMAP));
        for (const [label, shares] of Object.entries(HEATMAP)) {
          const cells = await table.locator(`tr[data-cohort="${label}"] td[data-share]`).evaluateAll((tds) => tds.map((td) => Number(td.dataset.share)));
          assert.equal(cells.length, shares.length, label);
          cells.forEach((s, k) => close(s, shares[k], `${label} month ${k}`));
        }
        const spread = await text(page.locator("[data-cohort-spread]"));
        assert.ok(spread.startsWith(lang.spread), spread);
        assert.equal(await page.locator("[data-cohort-spread]").getAttribute("data-cohort-spread"), "2024-01");
      });

      await t.test("members in and out, churn per month and net growth", async () => {
        for (const [label, [start, added, cancelled, end, churn]] of Object.entries(FLOWS)) {
          const row = page.locator(`[data-table=member-flows] tr[data-period="${label}"]`);
          assert.deepEqual(
            [await row.getAttribute("data-start"), await row.getAttribute("data-new"), await row.getAttribute("data-cancelled"), await row.getAttribute("data-end")],
            [start, added, cancelled, end].map(String),
            label,
          );
          if (churn === null) assert.equal(await row.getAttribute("data-churn"), null);
          else close(await row.getAttribute("data-churn"), churn, `churn ${label}`);
        }
        // 18 months, 2024-01 to 2025-06; the churn chart has the 17 with members at the start.
        assert.equal(await page.locator("[data-table=member-flows] tbody tr").count(), 18);
        assert.equal(await page.locator("[data-chart=rc-mi-churn] .rc-series circle").count(), 17);
        close(await page.locator('[data-chart=rc-mi-churn] circle[data-label="2025-01"]').getAttribute("data-value"), (20 / 90) * 100, "chart");
        const trend = await text(page.locator("[data-flow-trend]"));
        assert.equal(await page.locator("[data-flow-trend]").getAttribute("data-flow-trend"), "-26");
        assert.ok(trend.includes(lang.trend(lang.pct(MEAN_CHURN))), trend);
        assert.ok(trend.includes(lang.shrink), trend);
        assert.ok(trend.includes(lang.needed), trend);
      });

      await t.test("the sBG per start month and pooled", async () => {
        const fit = (label) => page.locator(`[data-table=member-fits] tr[data-cohort="${label}"]`);
        // 60 and 40 members: a fit each; 20 and 1: too few (30 needed).
        for (const label of ["2024-01", "2024-02"]) {
          assert.equal(await fit(label).getAttribute("data-fit"), "true", label);
          const del = Number(await fit(label).getAttribute("data-del"));
          const clv = Number(await fit(label).getAttribute("data-clv"));
          assert.ok(del > 1, `${label} DEL ${del}`);
          assert.ok(Number(await fit(label).getAttribute("data-residual")) > 0, label);
          // The calculator's € 30 a month at 70 % margin.
          close(clv, 30 * 0.7 * del, `${label} CLV`);
        }
        for (const label of ["2024-03", "2025-06"]) {
          assert.equal(await fit(label).getAttribute("data-fit"), "false", label);
          assert.equal(await text(fit(label).locator("td[colspan]")), lang.tooSmall);
        }
        assert.ok(await fit("pooled").getAttribute("data-alpha"));
        assert.equal(await page.locator("[data-chart=rc-mi-projection] .rc-series").count(), 2);
      });

      await t.test("members at risk: plan, tenure and the months cancellations cluster", async () => {
        const plan = (name) => page.locator(`[data-table=member-plans] tr[data-plan="${name}"]`);
        assert.equal(await plan("maand").getAttribute("data-members"), "61");
        assert.equal(await plan("maand").getAttribute("data-cancelled"), "24");
        close(await plan("maand").getAttribute("data-churn"), CHURN_MAAND, "maand");
        assert.equal(await plan("jaar").getAttribute("data-members"), "60");
        close(await plan("jaar").getAttribute("data-churn"), CHURN_JAAR, "jaar");
        const plans = await text(page.locator("[data-plan-risk]"));
        assert.ok(plans.startsWith(lang.plan(lang.pct(CHURN_MAAND), lang.pct(CHURN_JAAR))), plans);

        const band = (from) => page.locator(`[data-table=member-tenure] tr[data-from="${from}"]`);
        assert.equal(await band(0).getAttribute("data-active"), "1");
        assert.equal(await band(12).getAttribute("data-active"), "70");
        close(await band(0).getAttribute("data-churn"), CHURN_0_3, "churn 0–3");
        close(await band(0).getAttribute("data-leaving"), 0.1, "Z's coming month");
        const focus = await text(page.locator("[data-tenure-focus]"));
        assert.ok(focus.startsWith(lang.tenure(lang.pct(CHURN_0_3))), focus);

        assert.deepEqual(await page.locator("[data-cluster]").evaluateAll((li) => li.map((l) => l.dataset.cluster)), ["13", "1"]);
        const [c13, c1] = [await text(page.locator('[data-cluster="13"]')), await text(page.locator('[data-cluster="1"]'))];
        assert.ok(c13.startsWith(lang.cluster13), c13);
        assert.match(c13, lang.year);
        assert.ok(c1.startsWith(lang.cluster1(lang.pct(BASELINE_1))), c1);
        assert.match(c1, lang.first);
        await page.locator("[data-member-view=cohorts]").scrollIntoViewIfNeeded();
        await screenshot(page, `member-views-${lang.code}`);
      });

      await t.test("the sheet picker reads a workbook's second sheet", async () => {
        await page.locator("[data-action=another-members]").click();
        // The workbook holds the members generated here: its source CSV must be this file.
        assert.equal(fs.readFileSync(path.join(FIXTURES, "member_views.csv"), "utf8"), CSV);
        const book = fs.readFileSync(path.join(FIXTURES, "member_views.xlsx"));
        await choose(page, "leden.xlsx", book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        const picker = page.locator("#rc-mi-sheet");
        assert.deepEqual(await picker.locator("option").allInnerTexts(), ["Notes", "Leden"]);
        assert.equal(await picker.inputValue(), "Notes");
        assert.equal(await text(page.locator("label[for=rc-mi-sheet]")), lang.sheet);
        await picker.selectOption("Leden");
        await page.locator("#rc-mi-plan option:checked", { hasText: "plan" }).waitFor({ state: "attached" });
        assert.equal(await picker.inputValue(), "Leden");
        await analyse(page);
        assert.equal(plain(await page.locator("[data-member-figure=members] .rc-value").innerText()), "121");
        assert.equal(await page.locator("[data-cohorts=members] tbody tr").count(), 4);
        assert.equal(await page.locator('[data-table=member-flows] tr[data-period="2025-01"]').getAttribute("data-cancelled"), "20");
      });

      assert.deepEqual(errors, []);
      requests.assertAllLocal();
      await page.context().close();
    });
  }
});
