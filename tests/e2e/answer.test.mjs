// The first screen answers: on a desktop (1280 × 900) and two phones (375 × 812 and the smaller
// 360 × 740 of many Android phones), in Dutch and English, retention per year, CLV and the
// verdict lie inside the first viewport, the verdict badge and "what to do" appear once, and a
// monthly period leads with its yearly figure.
import assert from "node:assert/strict";
import { test } from "node:test";
import { launch, lowContrast, openPage, plain, screenshot, serveDist } from "./harness.mjs";

const SCREENS = [
  [1280, 900],
  [375, 812],
  [360, 740],
];
const LANGUAGES = [
  { locale: "nl-NL", code: "nl", verdict: "Op de 85%-norm", whatNow: "Wat kun je doen?", perMonth: "per maand" },
  { locale: "en-US", code: "en", verdict: "On the 85% target", whatNow: "What to do next", perMonth: "a month" },
];

/** Asserts the element lies wholly inside the first `width` × `height` of the page. */
async function aboveTheFold(locator, width, height, what) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is not on screen`);
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
  assert.ok(inside, `${what} at ${JSON.stringify(box)} is not inside ${width} × ${height}`);
  return box;
}

test("the answer comes first", async (t) => {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());

  for (const lang of LANGUAGES) {
    for (const [width, height] of SCREENS) {
      await t.test(`${lang.code} at ${width} × ${height}`, async () => {
        const { page, errors, requests, c } = await openPage(browser, `${server.url}/`, { locale: lang.locale, width, height });
        await c.ready();
        const retention = page.locator(".rc-big-value[data-figure=retentionRate]");
        const clv = page.locator(".rc-big-value[data-figure=clv]");
        const verdict = page.locator("[data-verdict]");
        await aboveTheFold(retention, width, height, "retention per year");
        await aboveTheFold(clv, width, height, "CLV");
        await aboveTheFold(verdict, width, height, "the verdict");
        assert.equal(plain(await retention.innerText()), lang.code === "nl" ? "85,0 %" : "85.0%");
        assert.equal(plain(await clv.innerText()), lang.code === "nl" ? "€ 1.500" : "$1,500");
        // Exactly 85.0 % is on the target, not above it.
        assert.equal(plain(await verdict.innerText()), lang.verdict);
        await screenshot(page, `answer-${lang.code}-${width}`, { fullPage: false });

        // One badge, one "what to do", however many figures the page shows.
        assert.equal(await page.locator(".rc-badge").count(), 1);
        assert.equal(await verdict.count(), 1);
        assert.equal(await page.locator(".rc-advice").count(), 1);
        const all = await page.locator(".rc-app").textContent();
        assert.equal(all.split(lang.whatNow).length - 1, 1, `"${lang.whatNow}" once`);
        assert.ok((await page.locator("[data-figure]").count()) >= 10, "the other figures are in the table");
        assert.deepEqual(await lowContrast(page), []);

        // A month: 944 of 1,000 kept is 94.4 % a month and 0.944¹² a year.
        await page.locator("#rc-period").selectOption("month");
        await c.type("end", "944");
        await c.type("new", "0");
        const yearly = (0.944 ** 12 * 100).toFixed(1); // 50.1, worked out here
        const shown = lang.code === "nl" ? `${yearly.replace(".", ",")} %` : `${yearly}%`;
        const lead = page.locator(".rc-big-value").first();
        assert.equal(await lead.getAttribute("data-figure"), "annualRetention", "the yearly figure leads");
        assert.equal(plain(await lead.innerText()), shown);
        const monthly = page.locator(".rc-big-sub[data-figure=retentionRate]");
        assert.match(plain(await monthly.innerText()), new RegExp(`^94[.,]4 ?% ${lang.perMonth}$`));
        const leadBox = await aboveTheFold(lead, width, height, "the yearly figure");
        const monthlyBox = await monthly.boundingBox();
        assert.ok(monthlyBox.y > leadBox.y, "the month's rate is the secondary line, under the year's");
        assert.equal(await verdict.getAttribute("data-verdict"), "below", "judged on the yearly figure");
        await aboveTheFold(verdict, width, height, "the verdict");
        await screenshot(page, `answer-month-${lang.code}-${width}`, { fullPage: false });

        // Unfolded too: the optional settings, how the answer is worked out, a table row.
        await page.locator(".rc-more > summary").click();
        await page.locator(".rc-how > summary").click();
        await page.locator("[data-figure=clvCacRatio] > summary").click();
        assert.equal(await page.locator("#rc-cac").isVisible(), true);
        assert.deepEqual(await lowContrast(page), []);

        assert.deepEqual(errors, []);
        requests.assertAllLocal();
        await page.context().close();
      });
    }
  }
});
