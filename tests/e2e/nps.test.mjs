// The Net Promoter Score section, in Dutch and English, against hand computations from the
// formulas in issue 11: NPS = % promoters − % detractors; SE = √((p + d − (p − d)²) / n);
// the 95 % margin by the adjusted Wald method (3 extra respondents, ¾ promoter and ¾
// detractor); two surveys by a z test on the difference; respondents for a change of Δ.
import assert from "node:assert/strict";
import { test } from "node:test";
import { calculator, lowContrast, openPage, plain, screenshot, servePage } from "./harness.mjs";

const Z95 = 1.959963984540054;

/** The standard normal CDF by numerical integration (Simpson, 2,000 steps): independent of the app. */
function phi(z) {
  const steps = 2000;
  const a = 0;
  const b = Math.abs(z);
  const h = (b - a) / steps;
  const f = (x) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let sum = f(a) + f(b);
  for (let i = 1; i < steps; i++) sum += f(a + i * h) * (i % 2 ? 4 : 2);
  const half = (sum * h) / 3;
  return z >= 0 ? 0.5 + half : 0.5 - half;
}

/** Everything the tests expect of a survey, worked out by hand from the formulas. */
function survey(p, a, d) {
  const n = p + a + d;
  const ps = p / n;
  const ds = d / n;
  const nt = n + 3;
  const pt = (p + 0.75) / nt;
  const dt = (d + 0.75) / nt;
  return {
    n,
    score: (ps - ds) * 100,
    se: Math.sqrt((ps + ds - (ps - ds) ** 2) / n) * 100,
    variance: ps + ds - (ps - ds) ** 2,
    margin: Z95 * Math.sqrt((pt + dt - (pt - dt) ** 2) / nt) * 100,
    centre: (pt - dt) * 100,
  };
}

/** A number as the page writes it: Dutch decimal comma, no grouping under 1,000. */
function num(value, decimals, lang) {
  const text = value.toFixed(decimals);
  return lang === "nl" ? text.replace(".", ",") : text;
}

/** A change as the page writes it: with its sign, a real minus for a fall. */
function signed(value, decimals, lang) {
  return (value < 0 ? "−" : "+") + num(Math.abs(value), decimals, lang);
}

const WORDS = {
  nl: {
    negative: "Een aantal respondenten kan niet negatief zijn.",
    notANumber: /Dit is geen getal/,
    outOfRange: "Regel 2: “11” ligt niet tussen 0 en 10",
    letter: "Regel 3: “x” is geen getal",
    up: "Gestegen (significant)",
    notSignificant: "Niet significant",
    tooSmall: /Te weinig respondenten/,
    closeTheLoop: /binnen 48 uur contact op met elke criticaster/,
    reviews: /promotors om een review/,
    columnFromOne: /Kolommen tel je vanaf 1/,
    noRespondents: /Alle drie de aantallen zijn 0/,
    group: ".",
  },
  en: {
    negative: "A number of respondents cannot be negative.",
    notANumber: /This is not a number/,
    outOfRange: "Line 2: “11” is not from 0 to 10",
    letter: "Line 3: “x” is not a number",
    up: "Up (significant)",
    notSignificant: "Not significant",
    tooSmall: /Too few respondents/,
    closeTheLoop: /Contact every detractor within 48 hours/,
    reviews: /Ask promoters for a review/,
    columnFromOne: /Columns count from 1/,
    noRespondents: /All three counts are 0/,
    group: ",",
  },
};

for (const lang of ["nl", "en"]) {
  const w = WORDS[lang];

  test(`NPS section (${lang})`, async (t) => {
    const { page, requests, errors, c } = await servePage(t, "/", { locale: lang === "nl" ? "nl-NL" : "en-US" });
    await c.ready();
    const section = page.locator("[data-section=nps]");
    const text = async (selector) => plain(await section.locator(selector).first().innerText());

    await t.test("the section is folded below the calculator and opens with the keyboard", async () => {
      assert.equal(await section.getAttribute("open"), null, "folded: the first screen stays as it was");
      const summary = section.locator("summary").first();
      await summary.focus();
      await page.keyboard.press("Enter");
      assert.equal(await section.getAttribute("open"), "");
    });

    await t.test("50 / 30 / 20 gives the NPS and margin of the hand computation", async () => {
      const h = survey(50, 30, 20);
      assert.equal(h.score, 30);
      // The example opens with these counts; type them anyway, as a user would.
      await c.type("nps1-promoters", "50");
      await c.type("nps1-passives", "30");
      await c.type("nps1-detractors", "20");
      assert.equal(await text("[data-nps-figure=score]"), `+30 ± ${Math.round(h.margin)}`);
      await section.locator("[data-nps-result] .rc-nps-how > summary").click();
      assert.equal(await text("[data-nps-value=marginOfError]"), `±${num(h.margin, 1, lang)}`);
      assert.equal(await text("[data-nps-value=standardError]"), num(h.se, 1, lang));
      const interval = await text("[data-nps-figure=interval]");
      assert.ok(interval.includes(num(h.centre - h.margin, 1, lang)), interval);
      assert.ok(interval.includes(num(h.centre + h.margin, 1, lang)), interval);
      assert.equal(await section.locator("[data-band]").getAttribute("data-band"), "great", "30 is in 30 to 70");
      const meaning = await text("[data-nps-meaning]");
      assert.match(meaning, /50/);
      assert.match(meaning, /20/);
      assert.match(meaning, lang === "nl" ? /een NPS van 30/ : /an NPS of 30/);
      assert.match(await text("[data-nps-advice]"), w.reviews);
      assert.match(await text("[data-nps-advice]"), w.closeTheLoop);
      assert.equal(await section.locator("[data-nps-too-small]").count(), 0);
      // Respondents a survey for a 10-point change: 2 × 1.96² × Var / 0.1², rounded up.
      const needed = Math.ceil((2 * Z95 ** 2 * h.variance) / 0.01);
      const power = Math.ceil((2 * (Z95 + 0.8416212335729144) ** 2 * h.variance) / 0.01);
      const sentence = await text("[data-nps-sample-sentence]");
      assert.ok(sentence.includes(` ${needed} `), sentence);
      assert.ok(sentence.includes(` ${power} `), sentence);
    });

    await t.test("the calculator's retention stands beside the NPS, without a formula", async () => {
      const retention = plain(await page.locator("[data-figure=retentionRate] .rc-value").first().innerText());
      assert.equal(await text("[data-beside=retention]"), retention);
      assert.equal(await text("[data-beside=nps]"), await text("[data-nps-figure=score]"));
      await c.type("start", "");
      assert.equal(await section.locator("[data-nps-beside]").count(), 0, "no retention, nothing beside");
      await c.type("start", "1000");
      assert.equal(await section.locator("[data-nps-beside]").count(), 1);
    });

    await t.test("a bad count is reported next to its field in the page's language", async () => {
      await c.type("nps1-promoters", "-5");
      assert.equal(await c.error("nps1-promoters"), w.negative);
      assert.equal(await c.field("nps1-promoters").getAttribute("aria-invalid"), "true");
      await c.type("nps1-passives", "abc");
      assert.match(await c.error("nps1-passives"), w.notANumber);
      assert.equal(await section.locator("[data-nps-result]").count(), 0, "no figure from bad counts");
      await c.type("nps1-promoters", "0");
      await c.type("nps1-passives", "0");
      await c.type("nps1-detractors", "0");
      assert.match(await c.error("nps1"), w.noRespondents);
    });

    await t.test("pasted answers are counted, bad ones listed by line (keyboard only)", async () => {
      // Tab into the mode radios and switch with an arrow key, as a keyboard user does.
      await c.field("nps1-promoters").focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("ArrowRight");
      assert.equal(await c.field("nps1-mode-answers").isChecked(), true);
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.id ?? document.activeElement.id), "rc-nps1-answers");
      // 6 promoters (10, 9, 10, 9, 9, 10), 2 passives (8, 7), 4 detractors (6, 0, 3, 4):
      // (6 − 4) / 12 × 100 = 16.7, under 30 respondents: too small to read.
      await page.keyboard.insertText("10\n9\n8\n7\n6\n0\n10 9 9\n3;4;10");
      const h = survey(6, 2, 4);
      assert.equal(await text("[data-nps-figure=score]"), `+${Math.round(h.score)} ± ${Math.round(h.margin)}`);
      assert.match(await text("[data-answers-read]"), /12/);
      assert.match(await text("[data-nps-too-small]"), w.tooSmall);
      assert.equal(await section.locator("[data-band]").getAttribute("data-band"), "good");

      await c.type("nps1-answers", "9\n11\nx\n10");
      const bad = await section.locator("[data-bad-answers=nps1] li").allInnerTexts();
      assert.deepEqual(bad.map(plain), [w.outOfRange, w.letter]);
      assert.equal(await text("[data-nps-figure=score]"), `+100 ± ${Math.round(survey(2, 0, 0).margin)}`);

      await c.type("nps1-column", "0");
      assert.match(await c.error("nps1-column"), w.columnFromOne);
      await c.type("nps1-column", "");
    });

    await t.test("a survey export's column is read by name", async () => {
      const csv = 'id,How likely are you to recommend us?,comment\n1,10,"great, thanks"\n2,9,\n3,2,"slow, late"\n4,,\n';
      await c.type("nps1-answers", csv);
      await c.type("nps1-column", "recommend");
      const h = survey(2, 0, 1);
      assert.equal(await text("[data-nps-figure=score]"), `+${Math.round(h.score)} ± ${Math.round(h.margin)}`);
      assert.match(await text("[data-answers-read]"), lang === "nl" ? /kolom 2/ : /column 2/);
    });

    await t.test("a CSV file is imported", async () => {
      const rows = ["score"].concat(Array.from({ length: 40 }, (_, i) => String([10, 9, 8, 3][i % 4])));
      await c.type("nps1-column", "");
      await c.field("nps1-file").setInputFiles({ name: "survey.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
      await section.locator("[data-file=nps1]").waitFor();
      // 20 promoters, 10 passives, 10 detractors.
      const h = survey(20, 10, 10);
      assert.equal(await text("[data-nps-figure=score]"), `+${Math.round(h.score)} ± ${Math.round(h.margin)}`);
      assert.equal(await c.field("nps1-answers").isDisabled(), true, "the file is read, not the pasted text");
      await section.locator("[data-file=nps1] button").click();
      assert.equal(await section.locator("[data-file=nps1]").count(), 0);
    });

    await t.test("two surveys: not significant and significant as the hand computation says", async () => {
      await c.field("nps1-mode-counts").check();
      await section.locator("#rc-nps-compare").focus();
      await page.keyboard.press("Space");
      assert.equal(await section.locator("#rc-nps-compare").isChecked(), true);
      const compare = async (before, after) => {
        for (const [i, counts] of [[1, before], [2, after]]) {
          await c.type(`nps${i}-promoters`, String(counts[0]));
          await c.type(`nps${i}-passives`, String(counts[1]));
          await c.type(`nps${i}-detractors`, String(counts[2]));
        }
        const b = survey(...before);
        const a = survey(...after);
        const diff = a.score - b.score;
        const se = Math.sqrt(b.se ** 2 + a.se ** 2);
        const z = diff / se;
        return { diff, se, z, p: 2 * (1 - phi(Math.abs(z))), after: a };
      };

      // 40/30/30 → 50/30/20 of 100 each: +20 points, SE 11.40, z 1.75, p 0.079.
      let h = await compare([40, 30, 30], [50, 30, 20]);
      assert.ok(h.p > 0.05 && h.p < 0.1, `p = ${h.p}`);
      const verdict = section.locator("[data-nps-compare] [data-nps-verdict]");
      assert.equal(await verdict.getAttribute("data-nps-verdict"), "notSignificant");
      assert.equal(plain(await verdict.innerText()), w.notSignificant);
      await section.locator("[data-nps-compare] .rc-nps-how > summary").click();
      assert.equal(await text("[data-nps-value=change]"), `+${num(h.diff, 0, lang)}`);
      assert.equal(await text("[data-nps-value=zScore]"), num(h.z, 2, lang));
      assert.equal(await text("[data-nps-value=pValue]"), `= ${num(h.p, 4, lang)}`);
      const sentence = await text("[data-nps-change]");
      // 20 ± 1.96 × 11.40: the interval holds 0, as it must when p > 5 %.
      assert.ok(sentence.includes(`${signed(h.diff - Z95 * h.se, 1, lang)} `), sentence);
      assert.ok(sentence.includes(`${signed(h.diff + Z95 * h.se, 1, lang)},`), sentence);
      // A 20-point change is significant from 2 × 1.96² × Var / 0.2² respondents a survey.
      const needed = Math.ceil((2 * Z95 ** 2 * h.after.variance) / 0.04);
      assert.ok((await text("[data-nps-change-sample]")).includes(` ${needed} `));
      await section.locator("[data-nps-compare]").screenshot({ path: `target/screenshots/nps-compare-${lang}.png` });

      // The same shares of 1,000 each: z 5.55, p < 0.0001.
      h = await compare([400, 300, 300], [500, 300, 200]);
      assert.ok(h.p < 0.0001, `p = ${h.p}`);
      assert.equal(await verdict.getAttribute("data-nps-verdict"), "up");
      assert.equal(plain(await verdict.innerText()), w.up);
      assert.equal(await text("[data-nps-value=pValue]"), `< ${num(0.0001, 4, lang)}`);
      assert.equal(await section.locator("[data-nps-change-sample]").count(), 0);

      // The other way round is a significant fall, and the advice turns to the detractors.
      await compare([500, 300, 200], [400, 300, 300]);
      assert.equal(await verdict.getAttribute("data-nps-verdict"), "down");
      assert.match(await text("[data-nps-compare] [data-nps-advice]"), w.closeTheLoop);
    });

    await t.test("readable, and screenshots", async () => {
      assert.deepEqual(await lowContrast(page), []);
      await section.screenshot({ path: `target/screenshots/nps-${lang}.png` });
      await screenshot(page, `nps-page-${lang}`);
    });

    assert.deepEqual(errors, []);
    requests.assertAllLocal();
  });
}

test("an embed shows the NPS only when data-outputs asks for it", async (t) => {
  const { page, browser, server, errors } = await servePage(t, "/examples/blog-post.html");
  const nl = calculator(page.locator("#calc-nl"));
  await nl.ready();
  assert.equal(await page.locator("[data-section=nps]").count(), 0, "no embed on the blog names nps");
  const asked = await openPage(browser, `${server.url}/examples/blog-post.html?outputs=retentionRate,nps`);
  const first = calculator(asked.page.locator("#calc-nl"));
  await first.ready();
  // The NPS comes with the embed's details, and loads when someone unfolds them.
  assert.equal(await asked.page.locator("#calc-nl [data-section=nps]").count(), 0);
  await asked.page.locator("#calc-nl .rc-details > summary").click();
  await asked.page.locator("#calc-nl [data-section=nps]").waitFor();
  assert.equal(await asked.page.locator("#calc-nl [data-section=nps]").count(), 1);
  // Folded again, the NPS hides but keeps what was done in it (here: the compare switch on).
  const nps = asked.page.locator("#calc-nl [data-section=nps]");
  await nps.locator("summary").first().click();
  const compare = nps.locator("#rc-nps-compare");
  await compare.check();
  await asked.page.locator("#calc-nl .rc-details > summary").click();
  await nps.waitFor({ state: "hidden" });
  await asked.page.locator("#calc-nl .rc-details > summary").click();
  await nps.waitFor();
  assert.equal(await compare.isChecked(), true);
  assert.equal(await asked.page.locator("#calc-en [data-section=nps]").count(), 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(asked.errors, []);
});
