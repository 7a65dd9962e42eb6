// The release build, served on 127.0.0.1 and used as a person would: type, read, switch
// language, make mistakes. Nothing may leave 127.0.0.1.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { DIST, launch, lowContrast, openPage, plain, screenshot, servePage } from "./harness.mjs";

test("the calculator page, end to end", async (t) => {
  const { page, requests, errors, c } = await servePage(t);
  await c.ready();

  await t.test("the first download holds the calculator; the rest comes in one more module", async () => {
    // The page shows its details and its tools at once: both come in the tools' module, one
    // download and one copy of yew, not the details' module as well.
    const names = requests.urls.map((u) => new URL(u).pathname.split("/").pop());
    assert.ok(names.includes("retention-tools_bg.wasm"), names.join(" "));
    assert.ok(!names.some((n) => n.startsWith("retention-details")), names.join(" "));
  });

  await t.test("opens in the browser's language with a worked example", async () => {
    assert.equal(await c.figure("retentionRate"), "85,0 %");
    assert.equal(await c.figure("clv"), "€ 1.500");
    assert.equal(plain(await page.locator(".rc-title").innerText()), "Klantretentie-calculator");
  });

  await t.test("figures follow typing", async () => {
    await c.type("new", "1500");
    await c.type("end", "2000");
    assert.equal(await c.figure("retentionRate"), "50,0 %");
    assert.equal(await c.figure("lost"), "500");
    const how = plain(await page.locator("[data-how=retentionRate]").textContent());
    assert.match(how, /\(2\.000 − 1\.500\) \/ 1\.000 × 100/);
    assert.equal(plain(await page.locator("[data-verdict]").innerText()), "Onder de 85%-norm");
    await screenshot(page, "app-nl");
  });

  await t.test("the address bar holds a link to these figures", async () => {
    assert.match(page.url(), /#v=1&locale=nl&.*start=1000&end=2000&new=1500/);
  });

  await t.test("switching to English rewrites words and numbers", async () => {
    await c.type("spend", "1.234,5");
    await page.locator("[data-locale=en]").click();
    assert.equal(await c.field("spend").inputValue(), "1234.5");
    assert.equal(await c.figure("retentionRate"), "50.0%");
    assert.match(await c.figure("clv"), /^\$/);
    assert.equal(plain(await page.locator("label[for=rc-start]").innerText()), "Customers at the start (S)");
    await screenshot(page, "app-en");
  });

  await t.test("mistakes get a message next to their field", async () => {
    await c.type("start", "0");
    assert.match(await c.error("start"), /With 0 customers at the start/);
    await c.type("start", "abc");
    assert.match(await c.error("start"), /not a number/);
    await c.type("start", "10.5");
    assert.match(await c.error("start"), /whole numbers/);
    assert.equal(await c.field("end").inputValue(), "2000", "other fields keep their values");
    await c.type("start", "1000");
    assert.equal(await c.error("start"), null);
    const text = await page.locator(".rc-app").innerText();
    assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  });

  await t.test("every text has a contrast of at least 4.5:1, error messages included", async () => {
    await c.type("start", "0");
    await c.error("start");
    assert.deepEqual(await lowContrast(page), []);
    await c.type("start", "1000");
    // The check itself sees pale text inside the calculator's shadow root.
    const app = () => document.querySelector("[data-retention-calculator]").shadowRoot.querySelector(".rc-app");
    await page.evaluate(`(${app})().insertAdjacentHTML("beforeend", '<p id="pale" style="color:#aaa">pale</p>')`);
    assert.match((await lowContrast(page)).join(), /"pale": 2\.\d\d:1/);
    await page.evaluate(`(${app})().querySelector("#pale").remove()`);
  });

  await t.test("works with the keyboard alone", async () => {
    await page.locator("#rc-period").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const host = document.querySelector("[data-retention-calculator]");
      return host.shadowRoot.activeElement?.id;
    });
    assert.equal(focused, "rc-start");
    const outline = await page.locator("#rc-start").evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, "none", "focus is visible");
  });

  await t.test("fits a 320 px wide phone without sideways scrolling", async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await screenshot(page, "app-320px");
  });

  assert.deepEqual(errors, []);
  requests.assertAllLocal();
});

test("a British browser gets pounds in English and euros in Dutch", async (t) => {
  const { page, requests, errors, c } = await servePage(t, "/", { locale: "en-GB" });
  await c.ready();
  assert.equal(await c.figure("clv"), "£1,500");
  await page.locator("[data-locale=nl]").click();
  assert.equal(await c.figure("clv"), "€ 1.500");
  await page.locator("[data-locale=en]").click();
  assert.equal(await c.figure("clv"), "£1,500");
  // The link carries the currency shown, so whoever opens it sees pounds too.
  assert.match(page.url(), /#v=1&locale=en&currency=GBP&/);
  assert.deepEqual(errors, []);
  requests.assertAllLocal();
});

test("the stand-alone script works from file://", async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const { page, requests, errors, c } = await openPage(browser, pathToFileURL(path.join(DIST, "examples", "offline.html")).href);
  await c.ready();
  assert.equal(await c.figure("retentionRate"), "85,0 %");
  await c.type("start", "2000");
  assert.equal(await c.figure("retentionRate"), "42,5 %");
  // The tools (here the members side) come from the same script: a file:// page cannot load
  // a second module.
  await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "members";
    el.setAttribute("data-mode", "members");
    el.setAttribute("data-locale", "en");
    document.body.append(el);
    window.RetentionCalculator.mount(el);
  });
  await page.locator("#members [data-members=calculator]").waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.urls.filter((u) => !u.startsWith("file://")), [], "everything came from the disk");
});
