// The JS API of the core (dist/pkg) in Chromium with no bundler: a plain page whose module
// script imports ./pkg/retention_core.js, under a strict Content-Security-Policy, and a
// dynamic import from the served dist/.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { DIST, launch, plain, serveDist, watchErrors, watchRequests } from "./harness.mjs";

// What a page needs for the package: its own scripts and wasm compilation ('wasm-unsafe-eval');
// data: is only for the test page's empty icon.
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; " +
  "base-uri 'self'";

const PAGE = `<!doctype html>
<html lang="nl">
<meta charset="utf-8">
<title>retention-core JS API</title>
<link rel="icon" href="data:,">
<p>Retentie: <output id="rate"></output></p>
<script type="module" src="./main.js"></script>
</html>
`;

// The README's usage, verbatim apart from the element it writes to.
const MAIN = `import init, { calculate, formatPercent } from "./pkg/retention_core.js";
await init();
const report = calculate({ start: "1.000", end: 1050, new: 200, locale: "nl" });
document.getElementById("rate").textContent =
  formatPercent(report.retention.retentionRate, 1, "nl");
`;

test("the JS API in the browser, without a bundler", async (t) => {
  const pkg = path.join(DIST, "pkg", "retention_core.js");
  assert.ok(fs.existsSync(pkg), `${pkg} is missing: run scripts/build.sh first`);
  const browser = await launch();
  t.after(() => browser.close());

  await t.test("a page's module script imports ./pkg/retention_core.js", async (t) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "retention-js-api-"));
    t.after(() => fs.rmSync(root, { recursive: true, force: true }));
    fs.cpSync(path.join(DIST, "pkg"), path.join(root, "pkg"), { recursive: true });
    fs.writeFileSync(path.join(root, "index.html"), PAGE);
    fs.writeFileSync(path.join(root, "main.js"), MAIN);
    const server = await serveDist({ root, csp: STRICT_CSP });
    t.after(() => server.close());

    const page = await browser.newPage();
    t.after(() => page.close());
    const requests = watchRequests(page);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    const rate = page.locator("#rate");
    await page.waitForFunction(() => document.getElementById("rate").textContent !== "", null, {
      timeout: 20_000,
    });
    assert.equal(plain(await rate.innerText()), "85,0 %");
    assert.deepEqual(errors, []);
    requests.assertAllLocal();
    assert.ok(
      requests.urls.some((url) => url.endsWith("/pkg/retention_core_bg.wasm")),
      `the wasm was not fetched:\n  ${requests.urls.join("\n  ")}`,
    );
  });

  await t.test("dynamic import from the served dist/", async (t) => {
    const server = await serveDist();
    t.after(() => server.close());
    const page = await browser.newPage();
    t.after(() => page.close());
    const errors = watchErrors(page);
    // dist/ has no favicon.ico, and Chromium asks for one for a document without an icon.
    await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
    // Any same-origin document will do; the package's own package.json is small.
    await page.goto(`${server.url}/pkg/package.json`);
    const result = await page.evaluate(async () => {
      const api = await import("/pkg/retention_core.js");
      await api.default();
      const report = api.calculate({
        start: 1000, new: 200, end: 1050, spend: 75, frequency: 3, lifespan: 2.5, margin: 60,
      });
      let thrown;
      try {
        api.calculate(42);
      } catch (err) {
        thrown = { isError: err instanceof Error, message: err.message };
      }
      return {
        retentionRate: report.retention.retentionRate,
        lost: report.retention.lost,
        profitClv: report.value.profitClv,
        mistake: api.calculate({ start: 1000, new: 300, end: 200 }).errors[0],
        money: api.formatMoney(1234.56, "EUR", "nl"),
        thrown,
      };
    });
    assert.deepEqual(result, {
      retentionRate: 85,
      lost: 150,
      profitClv: 337.5,
      mistake: {
        code: "newExceedsEnd",
        field: "new",
        message: "new customers cannot exceed customers at the end",
      },
      money: "€\u00a01.234,56",
      thrown: {
        isError: true,
        message:
          "invalid type: floating point `42.0`, expected an object of inputs, such as " +
          "{ start: 1000, end: 1050, new: 200 }",
      },
    });
    assert.deepEqual(errors, []);
  });
});
