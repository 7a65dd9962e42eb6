// Embedding on someone else's page: the example blog post with two element embeds and an
// iframe, share links, a strict Content-Security-Policy, and a second origin.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { startServer } from "../../scripts/static-server.mjs";
import { DIST, calculator, launch, lowContrast, openPage, plain, screenshot, serveDist } from "./harness.mjs";

// Exactly the policy README promises, nothing loosened: the test checks README says it.
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Orders of four customers, hand-counted (active = bought in the last 12 months): Q1 a, b, d;
 * Q2 a, b, c, d with c new, so CRR = (4 − 1) / 3 = 100 %.
 */
const ORDERS = [
  "klant;datum;bedrag",
  "a;10-01-2024;20,00",
  "b;20-01-2024;30,00",
  "d;01-02-2024;10,00",
  "a;10-04-2024;20,00",
  "c;05-05-2024;40,00",
  "d;01-07-2024;50,00",
].join("\n") + "\n";

function open(browser, url, { locale = "nl-NL" } = {}) {
  return openPage(browser, url, { locale, width: 1100, clipboard: true, violations: true });
}

/** The iframe's height as set by frame.js, and the height of the page inside it. */
async function frameHeights(page) {
  const frame = page.locator("iframe[data-retention-calculator-frame]");
  const outer = await frame.evaluate((f) => f.clientHeight);
  const inner = await page.frameLocator("iframe[data-retention-calculator-frame]").locator("html")
    .evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
  return { outer, inner };
}

async function settle(page, check) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  assert.fail("the page did not settle");
}

test("embedding on a blog post", async (t) => {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const blog = `${server.url}/examples/blog-post.html`;

  await t.test("two element embeds and an iframe, each working on its own", async () => {
    const { page, requests, errors } = await open(browser, blog);
    const nl = calculator(page.locator("#calc-nl"));
    const en = calculator(page.locator("#calc-en"));
    await nl.ready();
    await en.ready();
    assert.equal(plain(await page.locator("#calc-nl .rc-title").innerText()), "Reken het zelf uit");
    assert.equal(await nl.figure("retentionRate"), "85,0 %");
    assert.equal(await en.figure("retentionRate"), "88.0%", "500 at the start, 520 at the end, 80 new");
    assert.equal(await en.figure("clv"), null, "outputs limited to retention figures");
    assert.equal(await en.figure("annualRetention"), "60.0%");
    assert.equal(await page.locator("#calc-en #rc-spend").isVisible(), false, "value fields hidden");

    await nl.type("start", "2000");
    assert.equal(await nl.figure("retentionRate"), "42,5 %");
    assert.equal(await en.figure("retentionRate"), "88.0%", "the other calculator is untouched");

    const frame = calculator(page.frameLocator("iframe[data-retention-calculator-frame]"));
    await frame.ready();
    assert.equal(await frame.figure("clv"), "€1,500");
    assert.equal(await frame.figure("retentionRate"), null);
    await screenshot(page, "blog-post");
    assert.deepEqual(errors, []);
    requests.assertAllLocal();
    await page.context().close();
  });

  await t.test("the blog's styles do not reach in, the calculator's do not leak out", async () => {
    const { page } = await open(browser, blog);
    await calculator(page.locator("#calc-nl")).ready();
    const input = page.locator("#calc-nl #rc-start");
    assert.equal(await input.isVisible(), true, "blog.css hides inputs, but not ours");
    const style = (locator, prop) => locator.evaluate((el, p) => getComputedStyle(el)[p], prop);
    const label = page.locator("#calc-nl label[for=rc-start]");
    assert.equal(await style(label, "textTransform"), "none");
    assert.equal(await style(label, "letterSpacing"), "normal");
    assert.match(await style(label, "fontFamily"), /Georgia/, "the host's font, by default");
    assert.equal(await style(page.locator("#calc-nl .rc-root"), "backgroundColor"), "rgba(0, 0, 0, 0)", "transparent");
    const button = page.locator("#calc-nl .rc-actions button").first();
    assert.notEqual(await style(button, "backgroundColor"), "rgb(255, 105, 180)", "not hotpink");
    const own = page.locator("article > p.rc-card");
    assert.equal(await style(own, "borderTopStyle"), "dotted", "the blog's own .rc-card keeps its style");
    await page.context().close();
  });

  await t.test("the host themes a calculator through custom properties", async () => {
    const { page } = await open(browser, blog);
    await calculator(page.locator("#calc-en")).ready();
    const toggle = page.locator("#calc-en .rc-details > summary");
    const css = await toggle.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, border: s.borderTopColor, radius: s.borderTopLeftRadius, font: s.fontFamily };
    });
    assert.equal(css.color, "rgb(154, 52, 18)");
    assert.equal(css.border, "rgb(154, 52, 18)");
    assert.equal(css.radius, "0px");
    assert.match(css.font, /Georgia/);
    await page.context().close();
  });

  await t.test("the iframe's height follows its content, and only its content", async () => {
    const { page } = await open(browser, blog);
    await calculator(page.frameLocator("iframe[data-retention-calculator-frame]")).ready();
    await settle(page, async () => {
      const { outer, inner } = await frameHeights(page);
      return Math.abs(outer - inner) <= 2;
    });
    const before = (await frameHeights(page)).outer;
    assert.ok(before > 600, `sized to the calculator (${before}px), not the 400px default`);

    // Content grows: a mistake adds a message and hides figures; the frame follows.
    const frame = calculator(page.frameLocator("iframe[data-retention-calculator-frame]"));
    await frame.type("spend", "");
    await settle(page, async () => {
      const { outer, inner } = await frameHeights(page);
      return outer !== before && Math.abs(outer - inner) <= 2;
    });

    // A message from anywhere but the iframe is ignored.
    const current = (await frameHeights(page)).outer;
    await page.evaluate(() => window.postMessage({ type: "retention-calculator:height", height: 50 }, "*"));
    await page.waitForTimeout(200);
    assert.equal((await frameHeights(page)).outer, current);

    // Heights are clamped to data-max-height.
    await page.locator("iframe").evaluate((f) => f.setAttribute("data-max-height", "300"));
    await frame.type("spend", "75");
    await settle(page, async () => (await frameHeights(page)).outer === 300);
    await page.context().close();
  });

  await t.test("a copied link reopens the same figures in the same calculator", async () => {
    const { page } = await open(browser, blog, { locale: "en-US" });
    const en = calculator(page.locator("#calc-en"));
    await en.ready();
    await en.type("start", "600");
    await page.locator("#calc-en .rc-details > summary").click();
    await page.locator("#calc-en [data-action=copy-link]").click();
    await settle(page, async () => (await page.locator("#calc-en .rc-share-status").innerText()).length > 0);
    assert.match(await page.locator("#calc-en .rc-share-status").innerText(), /Link copied/);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /examples\/blog-post\.html#v=1&/);
    assert.match(link, /calc=calc-en/);

    await page.locator("#calc-en [data-action=copy-results]").click();
    const results = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(results, /Quarterly retention/);
    assert.match(results, /Customer retention rate \(CRR\): 73\.3%/);
    assert.match(results, /CRR = \(E − N\) \/ S × 100 = \(520 − 80\) \/ 600 × 100 = 73\.3%/);

    const reopened = await open(browser, link, { locale: "en-US" });
    const again = calculator(reopened.page.locator("#calc-en"));
    await again.ready();
    assert.equal(await again.field("start").inputValue(), "600");
    assert.equal(await again.figure("retentionRate"), "73.3%");
    const other = calculator(reopened.page.locator("#calc-nl"));
    assert.equal(await other.field("start").inputValue(), "1000", "the link is for calc-en only");
    await reopened.page.context().close();
    await page.context().close();
  });

  await t.test("broken or foreign links fall back to defaults with a notice", async () => {
    const { page, errors } = await open(browser, `${server.url}/#v=1&start=abc&end=1100&colour=red`, { locale: "en-US" });
    const c = calculator(page);
    await c.ready();
    const notices = plain(await page.locator(".rc-notices").innerText());
    assert.match(notices, /Could not read “abc” as start/);
    assert.match(notices, /unknown setting “colour”/);
    assert.equal(await c.field("start").inputValue(), "1000");
    assert.equal(await c.field("end").inputValue(), "1100");

    await page.goto(`${server.url}/#v=99&start=5`);
    await page.reload();
    await c.ready();
    assert.match(plain(await page.locator(".rc-notices").innerText()), /another version/);
    assert.equal(await c.field("start").inputValue(), "1000");
    await page.locator(".rc-notices button").click();
    assert.equal(await page.locator(".rc-notices").count(), 0, "dismissed");
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  await t.test("the blog's line for when the calculator cannot load stays hidden while it loads", async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    const page = await context.newPage();
    // A slow connection: embed.js is held back until the line has been looked at.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route("**/embed.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(blog, { waitUntil: "commit" });
    const line = page.locator("#calc-nl .calculator-fallback");
    await line.waitFor({ state: "attached" });
    const state = () => line.evaluate((el) => ({ at: document.timeline.currentTime, shown: el.checkVisibility({ visibilityProperty: true }) }));
    const loading = await state();
    release();
    assert.ok(loading.at < 3500, `looked at before the four seconds were up (at ${loading.at} ms)`);
    assert.equal(loading.shown, false, "hidden while the calculator loads");
    await calculator(page.locator("#calc-nl")).ready();
    // Past the four seconds after which it would show had the calculator not replaced it.
    await page.waitForFunction(() => document.timeline.currentTime > 4500);
    assert.equal((await state()).shown, false, "replaced by the calculator");
    await context.close();
  });

  await t.test("calculators added later mount with RetentionCalculator.mount", async () => {
    const { page } = await open(browser, blog);
    await calculator(page.locator("#calc-nl")).ready();
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.id = "late";
      div.setAttribute("data-locale", "en");
      div.setAttribute("data-start", "900");
      document.querySelector("article").append(div);
      window.RetentionCalculator.mount(div);
    });
    const late = calculator(page.locator("#late"));
    await late.ready();
    assert.equal(await late.field("start").inputValue(), "900");
    assert.equal(await late.figure("retentionRate"), "94.4%");
    await page.context().close();
  });
});

test("the blog embed is compact", async (t) => {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  // The targets with details folded: at most 900 px tall in the blog's 736 px column on
  // a desktop, at most 1,400 px on a 375 × 812 phone.
  for (const [width, height, most] of [[1280, 900, 900], [375, 812, 1400]]) {
    await t.test(`${width} × ${height}`, async () => {
      const { page, errors, requests } = await openPage(browser, `${server.url}/examples/blog-post.html`, { width, height });
      const details = () => requests.urls.filter((u) => u.includes("retention-details")).length;
      const nl = calculator(page.locator("#calc-nl"));
      await nl.ready();
      const box = await page.locator("#calc-nl").boundingBox();
      if (width === 1280) assert.equal(box.width, 736, "the blog's column");
      assert.ok(box.height <= most, `${box.height} px tall, more than ${most}`);
      // The four inputs, the answer and one toggle; no language switch or intro, since the
      // host set data-locale; import, periods and sharing are opt-in.
      assert.equal(await page.locator("#calc-nl .rc-locale").count(), 0);
      assert.equal(await page.locator("#calc-nl .rc-intro").count(), 0);
      for (const section of ["import", "periods"]) {
        assert.equal(await page.locator(`#calc-nl [data-section=${section}]`).count(), 0, section);
      }
      assert.equal(await page.locator("#calc-nl .rc-share").count(), 0);
      assert.equal(await page.locator("#calc-nl [data-section=charts]").isVisible(), false, "folded");
      assert.equal(await page.locator("#calc-nl .rc-answer").isVisible(), true);
      assert.deepEqual(await lowContrast(page), [], "readable on the blog's own background");
      await screenshot(page, `blog-embed-${width}`);
      // Folded details are not even loaded; unfolded, everything else follows.
      assert.equal(await page.locator("#calc-nl [data-details]").count(), 0, "folded details are not drawn");
      assert.equal(details(), 0, "nor loaded");
      await nl.unfold();
      assert.ok(details() > 0, "the details' own module, not the tools'");
      assert.equal(await nl.figure("lost"), "150", "the other figures");
      assert.equal(await page.locator("#calc-nl [data-section=charts]").isVisible(), true);
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }
});

test("unfolded details say they are loading, and say so if they cannot load", async (t) => {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const blog = `${server.url}/examples/blog-post.html`;

  await t.test("a slow connection: loading, then the details", async () => {
    const { page, errors } = await openPage(browser, blog);
    const nl = calculator(page.locator("#calc-nl"));
    await nl.ready();
    // The details' module is held back until the loading line has been seen.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route("**/retention-details*", async (route) => {
      await held;
      await route.continue();
    });
    const loading = page.locator("#calc-nl [data-part=details][data-loading=loading]");
    assert.equal(await loading.count(), 0, "nothing is said while folded");
    await page.locator("#calc-nl .rc-details > summary").click();
    await loading.waitFor({ timeout: 20_000 });
    assert.equal(await loading.getAttribute("role"), "status");
    assert.equal(plain(await loading.innerText()), "Even laden…");
    release();
    await page.locator("#calc-nl [data-details]").waitFor({ state: "visible", timeout: 20_000 });
    assert.equal(await loading.count(), 0, "gone once they are there");
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  await t.test("the connection drops: a message in the page's language", async () => {
    const { page } = await openPage(browser, blog);
    const nl = calculator(page.locator("#calc-nl"));
    await nl.ready();
    await page.route("**/retention-details*", (route) => route.abort());
    await page.locator("#calc-nl .rc-details > summary").click();
    const alert = page.locator("#calc-nl [data-part=details][data-loading=failed]");
    await alert.waitFor({ timeout: 20_000 });
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.match(plain(await alert.innerText()), /^De details \(alle cijfers, grafieken, wat-als, delen\) konden niet laden\./);
    assert.equal(await page.locator("#calc-nl [data-loading=loading]").count(), 0);
    assert.equal(await nl.figure("retentionRate"), "85,0 %", "the answer stays");
    await page.context().close();
  });
});

test("under a strict Content-Security-Policy", async (t) => {
  const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
  assert.ok(readme.includes(`Content-Security-Policy: ${STRICT_CSP}`), "README promises this policy");
  const server = await serveDist({ csp: STRICT_CSP });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  for (const url of [`${server.url}/`, `${server.url}/examples/blog-post.html`]) {
    await t.test(url.replace(server.url, ""), async () => {
      const { page, errors, requests } = await open(browser, url);
      const c = calculator(page.locator("[data-retention-calculator]").first());
      await c.ready();
      await c.type("start", "2000");
      assert.equal(await c.figure("retentionRate"), "42,5 %");
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(errors, []);
      requests.assertAllLocal();
      await page.context().close();
    });
  }
  await t.test("the import worker runs under it", async () => {
    const { page, errors } = await open(browser, `${server.url}/`);
    await calculator(page).ready();
    await page.locator("#rc-import-file").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(ORDERS) });
    await page.locator("[data-preview]").waitFor();
    await page.locator("[data-action=analyse]").click();
    await page.locator("#rc-import-period").selectOption("quarter");
    await page.locator("[data-period='2024-Q2']").waitFor();
    assert.equal(plain(await page.locator("[data-period='2024-Q2'] [data-crr]").innerText()), "100,0 %");
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

test("an iframe from another origin", async (t) => {
  const calc = await serveDist();
  t.after(() => calc.close());
  // The host page lives on a second server: a different origin (another port).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-host-"));
  fs.writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>host</title>
     <link rel="icon" href="${calc.url}/favicon.svg">
     <iframe data-retention-calculator-frame src="${calc.url}/index.html?locale=en" title="calc"></iframe>
     <script src="${calc.url}/frame.js"></script>`,
  );
  const host = await startServer({ root: dir, port: 0 });
  t.after(() => host.close());
  const browser = await launch();
  t.after(() => browser.close());
  const { page, errors } = await open(browser, `${host.url}/`);
  await calculator(page.frameLocator("iframe")).ready();
  await settle(page, async () => {
    const { outer, inner } = await frameHeights(page);
    return inner > 600 && Math.abs(outer - inner) <= 2;
  });
  assert.deepEqual(errors, []);
});

/**
 * The example blog post on a host of its own: the calculator's files come from `calc` (another
 * origin, another port), as when a marketer pastes the snippet into a blog. A fourth
 * calculator offers the import. Serves it with `csp` (CALC in it stands for the calculator's
 * origin) and returns the host server, which closes (removing the page) when the test `t` ends,
 * passed or not: a server left open would keep the test file running.
 */
async function blogElsewhere(t, calc, csp) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-blog-"));
  const post = fs
    .readFileSync(path.join(DIST, "examples", "blog-post.html"), "utf8")
    .replaceAll('"../', `"${calc.url}/`)
    .replace(
      "</article>",
      `<div id="calc-import" data-retention-calculator data-locale="en" data-outputs="retentionRate,import">
         <p class="calculator-fallback">This calculator did not load. Open it on its own page.</p></div></article>`,
    );
  fs.writeFileSync(path.join(dir, "index.html"), post);
  fs.copyFileSync(path.join(DIST, "examples", "blog.css"), path.join(dir, "blog.css"));
  const host = await startServer({ root: dir, cors: false, csp: csp?.replaceAll("CALC", calc.url) });
  t.after(() => host.close().then(() => fs.rmSync(dir, { recursive: true })));
  return host;
}

/** Imports ORDERS in the embedded calculator `scope` and waits for a preview or a problem. */
async function importOrders(scope) {
  // In an embed the import sits with the details, folded.
  await scope.locator(".rc-details > summary").click();
  await scope.locator("#rc-import-file").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(ORDERS) });
  await scope.locator("[data-preview], .rc-import-problem").first().waitFor({ timeout: 20_000 });
}

// What a blog on another origin needs to allow, besides its own 'self': README states it.
const HOST_CSP =
  "default-src 'self'; script-src 'self' CALC 'wasm-unsafe-eval'; connect-src 'self' CALC; " +
  "worker-src blob:; frame-src CALC; img-src 'self' CALC; style-src 'self'";

test("the snippet on a blog of another origin", async (t) => {
  const calc = await serveDist();
  t.after(() => calc.close());
  const browser = await launch();
  t.after(() => browser.close());

  for (const [name, csp] of [["no policy", undefined], ["the README's host policy", HOST_CSP]]) {
    await t.test(`renders, computes and imports through the worker (${name})`, async (t) => {
      const host = await blogElsewhere(t, calc, csp);
      const { page, requests, errors } = await open(browser, `${host.url}/`, { locale: "en-US" });
      const nl = calculator(page.locator("#calc-nl"));
      await nl.ready();
      await nl.type("start", "2000");
      assert.equal(await nl.figure("retentionRate"), "42,5 %");
      assert.equal(await calculator(page.locator("#calc-en")).figure("retentionRate"), "88.0%");
      // Unfolded, the details come in their own module, from the calculator's host too.
      await nl.unfold();
      assert.equal(await nl.figure("lost"), "1.150");
      assert.ok(requests.urls.includes(`${calc.url}/retention-details_bg.wasm`), "the details' wasm");
      await calculator(page.frameLocator("iframe[data-retention-calculator-frame]")).ready();

      const imp = page.locator("#calc-import");
      await calculator(imp).ready();
      await importOrders(imp);
      assert.equal(await imp.locator(".rc-import-problem").count(), 0);
      await imp.locator("[data-action=analyse]").click();
      await imp.locator("#rc-import-period").selectOption("quarter");
      await imp.locator("[data-period='2024-Q2']").waitFor();
      assert.equal(plain(await imp.locator("[data-period='2024-Q2'] [data-crr]").innerText()), "100.0%");

      assert.equal(await page.locator("#calc-import").evaluate((el) => el.checkVisibility()), true);
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(errors, []);
      // Only the blog and the calculator's host: no third host, not even for the worker.
      const origins = new Set(requests.urls.filter((u) => !/^(blob|data):/.test(u)).map((u) => new URL(u).origin));
      assert.deepEqual([...origins].sort(), [calc.url, host.url].sort());
      assert.ok(requests.urls.some((u) => u.endsWith("/pkg/retention_core_bg.wasm")), "the worker's wasm came from the calculator's host");
      await page.context().close();
    });
  }

  // The blog's stylesheet sets its paragraphs in capitals: textContent reads the words.
  for (const [rule, csp] of [
    ["script-src 'wasm-unsafe-eval'", HOST_CSP.replace(" 'wasm-unsafe-eval'", "")],
    ["connect-src", HOST_CSP.replace("connect-src 'self' CALC", "connect-src 'self'")],
  ]) {
    await t.test(`a policy without ${rule} is named on every calculator, in its language`, async (t) => {
      const host = await blogElsewhere(t, calc, csp);
      const { page } = await open(browser, `${host.url}/`);
      const said = (id) => page.locator(`#${id} [data-retention-calculator-failed]`).textContent();
      await page.locator("#calc-nl [data-retention-calculator-failed]").waitFor();
      assert.equal(
        await said("calc-nl"),
        `De calculator kan niet starten: het beveiligingsbeleid van deze pagina (Content-Security-Policy) blokkeert hem met de regel ${rule}. De beheerder van de site kan hem toestaan, zoals de handleiding van de calculator beschrijft.`,
      );
      assert.match(await said("calc-en"), new RegExp(`^The calculator cannot start: this page's security policy \\(Content-Security-Policy\\) blocks it with the rule ${rule}\\.`));
      assert.equal(await page.locator("[data-figure]").count(), 0);
      await page.context().close();
    });
  }

  await t.test("a policy that refuses the worker is named in the import", async (t) => {
    const host = await blogElsewhere(t, calc, HOST_CSP.replace("worker-src blob:; ", ""));
    const { page } = await open(browser, `${host.url}/`);
    const imp = page.locator("#calc-import");
    await calculator(imp).ready();
    await importOrders(imp);
    assert.match(
      plain(await imp.locator(".rc-import-problem").innerText()),
      /^Importing cannot run on this page: its security policy \(Content-Security-Policy\) blocks the import worker with the rule worker-src\./,
    );
    await page.context().close();
  });
});

test("a calculator host without CORS headers", async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const cases = [
    // Nothing of ours can run: the host's own words inside the element stay in view.
    ["none at all", false],
    ["none for the calculator's wasm", (p) => p !== "/retention-calculator_bg.wasm"],
    ["none for the import's wasm", (p) => p !== "/pkg/retention_core_bg.wasm"],
    ["none for the import worker", (p) => p !== "/import-worker.js"],
  ];
  for (const [name, cors] of cases) {
    await t.test(name, async (t) => {
      const calc = await serveDist({ cors });
      t.after(() => calc.close());
      const host = await blogElsewhere(t, calc);
      const { page } = await open(browser, `${host.url}/`);
      const imp = page.locator("#calc-import");
      if (cors === false) {
        await page.waitForLoadState("networkidle");
        assert.equal(await page.locator("[data-figure]").count(), 0);
        assert.equal(plain(await imp.textContent()), "This calculator did not load. Open it on its own page.");
        // The blog's own line shows once the calculator has not replaced it for four seconds.
        const line = imp.locator(".calculator-fallback");
        await page.waitForFunction((el) => el.checkVisibility({ visibilityProperty: true }), await line.elementHandle(), { timeout: 10_000 });
        assert.ok(await line.evaluate(() => document.timeline.currentTime >= 4000), "not before four seconds");
      } else if (name.includes("calculator's wasm")) {
        await page.locator("#calc-nl [data-retention-calculator-failed]").waitFor();
        assert.equal(
          await page.locator("#calc-nl [data-retention-calculator-failed]").textContent(),
          `De calculator kan niet starten: zijn bestanden op ${calc.url} konden niet worden geladen. Die server is onbereikbaar, of staat deze site niet toe (hij stuurt geen CORS-header Access-Control-Allow-Origin).`,
        );
        assert.match(await page.locator("#calc-import [data-retention-calculator-failed]").textContent(), /^The calculator cannot start: its files on /);
      } else {
        await calculator(imp).ready();
        await importOrders(imp);
        const file = name.includes("worker") ? "import-worker.js" : "pkg/retention_core_bg.wasm";
        assert.equal(
          plain(await imp.locator(".rc-import-problem").innerText()),
          `Importing cannot start: ${calc.url}/${file} could not be loaded. That server is unreachable, or does not allow this site (it sends no CORS header Access-Control-Allow-Origin).`,
        );
      }
      await page.context().close();
    });
  }
});

test("a calculator host that serves the wasm as another type than application/wasm", async (t) => {
  // Common on shared hosting. The loader then reads the whole file before compiling it,
  // instead of compiling it as it streams in (which the browser refuses for such a type).
  const calc = await serveDist({ types: { ".wasm": "application/octet-stream" } });
  t.after(() => calc.close());
  const browser = await launch();
  t.after(() => browser.close());
  const host = await hostPage(t, calc, "", `<div id="calc" data-retention-calculator data-locale="en"></div>`);
  const { page, errors } = await open(browser, "about:blank", { locale: "en-GB" });
  const sent = page.waitForResponse((r) => r.url().endsWith("/retention-calculator_bg.wasm"));
  await page.goto(`${host.url}/`);
  assert.equal((await sent).headers()["content-type"], "application/octet-stream");
  const figure = page.locator("#calc [data-figure=retentionRate]");
  await figure.waitFor();
  assert.equal(plain(await figure.innerText()), "85.0%");
  assert.equal(await page.locator("[data-retention-calculator-failed]").count(), 0);
  assert.deepEqual(errors, []);
});

test("a calculator host whose wasm is damaged says so, whatever type it is served as", async (t) => {
  // An upload cut short, or an FTP client in text mode: the file is there, but does not compile.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rc-damaged-"));
  fs.cpSync(DIST, root, { recursive: true });
  const file = path.join(root, "retention-calculator_bg.wasm");
  fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 50_000));
  t.after(() => fs.rmSync(root, { recursive: true }));
  const browser = await launch();
  t.after(() => browser.close());
  for (const types of [undefined, { ".wasm": "application/octet-stream" }]) {
    const calc = await serveDist({ root, types });
    t.after(() => calc.close());
    const host = await hostPage(t, calc, "", `<div id="nl" data-retention-calculator data-locale="nl"></div><div id="en" data-retention-calculator data-locale="en"></div>`);
    const { page } = await open(browser, `${host.url}/`, { locale: "en-GB" });
    const said = (id) => page.locator(`#${id} [data-retention-calculator-failed]`).textContent();
    await page.locator("#en [data-retention-calculator-failed]").waitFor();
    assert.equal(
      await said("nl"),
      `De calculator kan niet starten: zijn bestand retention-calculator_bg.wasm op ${calc.url} is beschadigd of onvolledig. Zet het opnieuw op de server (met FTP: binair).`,
    );
    assert.equal(
      await said("en"),
      `The calculator cannot start: its file retention-calculator_bg.wasm on ${calc.url} is damaged or incomplete. Upload it again (by FTP: in binary mode).`,
    );
    await page.context().close();
  }
});

/** A page of `body` with `style`, loading the calculator from `calc`, served from a host of its own. */
async function hostPage(t, calc, style, body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-host-"));
  fs.writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>${style}</style>
     <script type="module" src="${calc.url}/embed.js"></script></head><body>${body}</body></html>`,
  );
  const host = await startServer({ root: dir, cors: false });
  t.after(() => host.close().then(() => fs.rmSync(dir, { recursive: true })));
  return host;
}

test("the page around the calculator: a dark background, a small root font size", async (t) => {
  const calc = await serveDist();
  t.after(() => calc.close());
  const browser = await launch();
  t.after(() => browser.close());
  const surface = (page, id) => page.locator(`#${id}`).getAttribute("data-surface");

  await t.test("a dark blog: readable, on a surface of its own; a themed one is left as themed", async () => {
    const host = await hostPage(
      t,
      calc,
      "body { background: #121212; color: #e5e5e5; } .themed { --rc-bg: #1e1e1e; --rc-text: #e5e5e5; }",
      `<h1>A dark blog</h1><div id="plain" data-retention-calculator data-locale="en"></div>
       <div id="themed" class="themed" data-retention-calculator data-locale="en" data-outputs="retentionRate"></div>`,
    );
    const { page, errors } = await open(browser, `${host.url}/`, { locale: "en-GB" });
    await page.locator("#themed .rc-big-value").first().waitFor();
    // Before: dark text on #121212, 1.28 : 1 for the labels.
    assert.equal(await surface(page, "plain"), "paper");
    assert.equal(await page.locator("#plain").evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(255, 255, 255)");
    assert.equal(await surface(page, "themed"), null, "the page's own theme is kept");
    // Every text of the plain calculator reads at 4.5 : 1 or more (3 : 1 when large); the
    // themed one's contrast is the page's own business.
    await page.locator("#themed").evaluate((el) => el.remove());
    assert.deepEqual(await lowContrast(page), []);
    await screenshot(page, "embed-dark-page");
    // A calculator added later gets it too.
    await page.evaluate(() => {
      const el = Object.assign(document.createElement("div"), { id: "later" });
      el.setAttribute("data-retention-calculator", "");
      document.body.append(el);
      window.RetentionCalculator.mount(el);
    });
    await page.locator("#later .rc-big-value").first().waitFor();
    assert.equal(await surface(page, "later"), "paper");
    assert.deepEqual(errors, []);
  });

  await t.test("the surface and the size are set before the calculator's first frame", async () => {
    const host = await hostPage(t, calc, "html { font-size: 10px; } body { background: #121212; }", `<div id="calc" data-retention-calculator></div>`);
    const context = await browser.newContext();
    t.after(() => context.close());
    // In every animation frame until the one that draws the figure: what the element has.
    await context.addInitScript(() => {
      window.__frames = [];
      const tick = () => {
        const el = document.getElementById("calc");
        const drawn = Boolean(el?.shadowRoot?.querySelector("[data-figure]"));
        window.__frames.push({ drawn, surface: el?.getAttribute("data-surface"), zoom: el?.style.zoom });
        if (!drawn) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const page = await context.newPage();
    await page.goto(`${host.url}/`);
    await page.locator("#calc .rc-big-value").first().waitFor();
    const first = (await page.evaluate(() => window.__frames)).find((f) => f.drawn);
    assert.deepEqual(first, { drawn: true, surface: "paper", zoom: "1.6" }, "no frame without them");
  });

  await t.test("a page asking for a dark colour scheme, with no background of its own", async () => {
    const host = await hostPage(t, calc, ":root { color-scheme: dark; }", `<div id="calc" data-retention-calculator></div>`);
    const { page } = await open(browser, `${host.url}/`);
    await page.locator("#calc .rc-big-value").first().waitFor();
    assert.equal(await surface(page, "calc"), "paper");
    assert.deepEqual(await lowContrast(page), []);
  });

  await t.test("a light page keeps its own background behind the calculator", async () => {
    const host = await hostPage(t, calc, "body { background: #fafaf5; }", `<div id="calc" data-retention-calculator></div>`);
    const { page } = await open(browser, `${host.url}/`);
    await page.locator("#calc .rc-big-value").first().waitFor();
    assert.equal(await surface(page, "calc"), null);
    assert.equal(await page.locator("#calc").evaluate((el) => getComputedStyle(el).backgroundColor), "rgba(0, 0, 0, 0)");
    assert.deepEqual(await lowContrast(page), []);
  });

  // The calculator's sizes are in rem. Drawn on a page with the reader's default root size,
  // its figure and first field are the reference; a page that shrinks the root to 10px
  // (Bootstrap 3, 62.5 %) must draw them the same size, one that enlarges it, larger.
  const sizes = async (style) => {
    const host = await hostPage(t, calc, style, `<div id="calc" data-retention-calculator data-locale="en"></div>`);
    const { page, errors } = await open(browser, `${host.url}/`, { locale: "en-GB" });
    await page.locator("#calc .rc-big-value").first().waitFor();
    const box = async (selector) => page.locator(`#calc ${selector}`).first().boundingBox();
    const [figure, field] = [await box(".rc-big-value"), await box("input")];
    assert.deepEqual(errors, []);
    await page.context().close();
    return { figure: figure.height, field: field.height };
  };
  await t.test("a root of 10px or 62.5 % draws the calculator at the reader's size", async () => {
    const reference = await sizes("");
    for (const root of ["62.5%", "10px"]) {
      const small = await sizes(`html { font-size: ${root}; }`);
      for (const what of ["figure", "field"]) {
        assert.ok(Math.abs(small[what] - reference[what]) <= 1, `${root}: ${what} ${small[what]} px against ${reference[what]} px`);
      }
    }
    const large = await sizes("html { font-size: 20px; }");
    assert.ok(large.figure > reference.figure * 1.2, `a 20px root is followed: ${large.figure} against ${reference.figure} px`);
  });
});
