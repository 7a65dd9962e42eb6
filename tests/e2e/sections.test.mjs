// Charts, what-if, several periods and export, on the built page.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { lowContrast, plain, screenshot, servePage } from "./harness.mjs";

test("charts, what-if, periods and export", async (t) => {
  const { page, requests, errors, c } = await servePage(t);
  await c.ready();

  await t.test("the charts are drawn with the figures", async () => {
    const bars = await page.locator("[data-chart=waterfall] [data-bar]").evaluateAll((els) =>
      els.map((el) => [el.getAttribute("data-bar"), Number(el.getAttribute("data-value"))]),
    );
    assert.deepEqual(bars, [["start", 1000], ["lost", 150], ["new", 200], ["end", 1050]]);
    assert.equal(await page.locator("[data-chart=rc-survival] circle").count(), 11);
    await page.locator("[data-section=charts]").screenshot({ path: "target/screenshots/charts.png" });
  });

  await t.test("the what-if slider works with the keyboard", async () => {
    const slider = page.locator("#rc-what-if-points");
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.equal(await slider.inputValue(), "7");
    assert.match(plain(await page.locator("[data-gain=whatIf]").innerText()), /Met 7 procentpunt meer retentie/);
    assert.match(plain(await page.locator("[data-gain=answer]").innerText()), /Met 7 procentpunt/, "the answer follows the slider");
  });

  await t.test("a pasted table gives a row per period and reports bad lines", async () => {
    await page.locator("[data-section=periods] > summary").click();
    await page.locator("#rc-periods-input").fill("jan\t1000\t1050\t200\nfeb\t1050\tx\t10\nmrt\t1050\t1100\t150\n");
    assert.equal(await page.locator("[data-periods-table] tbody tr").count(), 2);
    assert.match(plain(await page.locator("[data-row-errors]").innerText()), /Regel 2: E: Dit is geen getal/);
    assert.equal(await page.locator("[data-chart=rc-trend] .rc-series-1 circle").count(), 2);
    assert.deepEqual(await lowContrast(page), [], "every open section stays readable");
  });

  await t.test("the CSV download holds the inputs and figures", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-action=download-csv]").click(),
    ]);
    assert.equal(download.suggestedFilename(), "retentie-calculator.csv");
    const csv = fs.readFileSync(await download.path(), "utf8");
    assert.ok(csv.startsWith("\ufeffNaam;Waarde;Eenheid\r\n"), csv.slice(0, 80));
    assert.match(csv, /\r\nKlantretentie \(CRR\);85;%\r\n/);
    assert.match(csv, /\r\nVerdisconteerde CLV;459;EUR\r\n/);
  });

  await t.test("the print stylesheet hides the controls and unfolds how each figure is worked out", async () => {
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".rc-share").isVisible(), false);
    assert.equal(await page.locator(".rc-actions").isVisible(), false);
    const how = page.locator("[data-how=lost] .rc-formula");
    assert.equal(await how.isVisible(), true, "formulas inside <details> print");
    assert.equal(await page.locator(".rc-advice li").first().isVisible(), true);
    await page.pdf({ path: "target/screenshots/print.pdf" });
    await page.emulateMedia({ media: "screen" });
    assert.equal(await how.isVisible(), false, "on screen it stays folded");
  });

  await screenshot(page, "sections");
  assert.deepEqual(errors, []);
  requests.assertAllLocal();
});
