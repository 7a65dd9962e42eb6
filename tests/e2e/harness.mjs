// Shared helpers for the end-to-end tests (node:test + playwright-core + Debian's chromium).
// Not a test file itself: node --test only picks up *.test.mjs here.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/static-server.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST = path.join(ROOT, "dist");
export const SCREENSHOTS = path.join(ROOT, "target", "screenshots");

// Chromium still phones home on its own; these flags cut most of it, and the tests check the
// page's own requests (watchRequests), which is what the app controls.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/**
 * Starts Debian's chromium. Playwright's launch() gives every browser a fresh temporary
 * user-data dir and removes it on close, so no state leaks between tests.
 */
export function launch() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Serves dist/ (or `root`) on a free loopback port, with CORS headers unless `cors` says
 * otherwise (see startServer). Resolves to { url, port, close }.
 */
export function serveDist({ csp, cors, types, root = DIST } = {}) {
  assert.ok(
    fs.existsSync(path.join(root, "index.html")),
    `${path.join(root, "index.html")} is missing: run scripts/build.sh first`,
  );
  return startServer({ root, port: 0, csp, cors, types });
}

/** True for URLs that stay on this machine's loopback server (or never hit the network). */
export function isLocal(url) {
  const u = new URL(url);
  if (["data:", "blob:", "about:"].includes(u.protocol)) return true;
  return u.hostname === "127.0.0.1";
}

/** Asserts every URL went to 127.0.0.1; the message lists the ones that did not. */
export function assertAllLocal(urls) {
  const outside = urls.filter((url) => !isLocal(url));
  assert.deepEqual(outside, [], `requests left 127.0.0.1:\n  ${outside.join("\n  ")}`);
}

/**
 * Records every request the page makes. Call before page.goto().
 * Returns { urls, assertAllLocal() }.
 */
export function watchRequests(page) {
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  return { urls, assertAllLocal: () => assertAllLocal(urls) };
}

/**
 * Opens `url` in a fresh browser context (its own storage, downloads allowed) and watches the
 * page's requests and errors from the first one. Options: `locale` (default "nl-NL"), `width`
 * and `height` of the viewport (default 1280 × 900), `clipboard` to grant clipboard access, `violations` to collect
 * Content-Security-Policy violations in `window.__violations`.
 * Resolves to { page, requests, errors, c }, `c` being the page's first calculator.
 */
export async function openPage(browser, url, { locale = "nl-NL", width = 1280, height = 900, clipboard = false, violations = false } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height }, acceptDownloads: true });
  if (clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  if (violations) {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
  }
  const requests = watchRequests(page);
  const errors = watchErrors(page);
  await page.goto(url);
  return { page, requests, errors, c: calculator(page) };
}

/**
 * Serves dist/, starts a browser and opens `path` on it with `openPage`'s `options`; both
 * close when the test `t` ends. Resolves to openPage's { page, requests, errors, c } with
 * `server` and `browser`.
 */
export async function servePage(t, path = "/", options = {}) {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  return { server, browser, ...(await openPage(browser, `${server.url}${path}`, options)) };
}

/**
 * Runs `body(t, lang, opened)` as a subtest of `t` for each of `languages` (each with `code`
 * and `locale`), on one server and one browser that close when `t` ends. `opened` is
 * openPage's { page, requests, errors, c } with `server` and `browser`, the calculator
 * ready; after `body` the page must have had no errors and asked nothing of another host.
 */
export async function inEachLanguage(t, languages, body) {
  const server = await serveDist();
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  for (const lang of languages) {
    await t.test(`in ${lang.code}`, async (t) => {
      const opened = await openPage(browser, `${server.url}/`, { locale: lang.locale });
      await opened.c.ready();
      await body(t, lang, { server, browser, ...opened });
      assert.deepEqual(opened.errors, []);
      opened.requests.assertAllLocal();
      await opened.page.context().close();
    });
  }
}

/**
 * Saves a screenshot to target/screenshots/NAME.png, of the whole page unless `fullPage` is
 * false (then of the first screen), and returns its path.
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Text with no-break spaces as plain spaces, so expectations can be written plainly. */
export function plain(text) {
  return text.replace(/\u00a0/g, " ").trim();
}

/**
 * A calculator on a page, found inside `scope` (a Playwright page, frame or locator).
 * Playwright's CSS selectors pierce the calculator's open shadow root.
 */
export function calculator(scope) {
  return {
    field: (name) => scope.locator(`#rc-${name}`),
    async type(name, text) {
      await scope.locator(`#rc-${name}`).fill(text);
    },
    /** The value shown for a figure, in the answer or in the table (folded or not). */
    async figure(name) {
      const value = scope.locator(`[data-figure=${name}] .rc-value`);
      return (await value.count()) ? plain(await value.textContent()) : null;
    },
    async error(name) {
      const message = scope.locator(`[data-error-for=${name}]`);
      return (await message.count()) ? plain(await message.innerText()) : null;
    },
    /** Waits for the answer and, where they are open, the details (a part that loads once
     * the answer is painted): the shop calculator on its own page. */
    async ready() {
      await scope.locator("[data-figure]").first().waitFor({ state: "attached", timeout: 20_000 });
      const shop = (await scope.locator("#rc-start").count()) > 0;
      const folded = (await scope.locator("details.rc-details").count()) > 0;
      if (shop && !folded) await scope.locator("[data-details]").waitFor({ state: "visible", timeout: 20_000 });
    },
    /** Unfolds an embed's details and waits until they are on screen. */
    async unfold() {
      await scope.locator(".rc-details > summary").click();
      await scope.locator("[data-details]").waitFor({ state: "visible", timeout: 20_000 });
    },
  };
}

/** Collects uncaught page errors and console errors; assert it stays empty. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

/**
 * Text on the page (shadow roots included, SVG left out) whose contrast with its effective
 * background is under WCAG AA: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
 * Returns one line per failure; backgrounds are composited up the tree over white.
 */
export function lowContrast(page) {
  return page.evaluate(() => {
    const rgba = (css) => {
      const srgb = css.match(/^color\(srgb ([^)]+)\)/);
      const parts = (srgb ? srgb[1] : (css.match(/^rgba?\(([^)]+)\)/) || [])[1] || "")
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      if (parts.length < 3) return null;
      const [r, g, b] = srgb ? parts.slice(0, 3).map((v) => v * 255) : parts;
      return [r, g, b, parts[3] ?? 1];
    };
    const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const luminance = (c) =>
      c.slice(0, 3).reduce((sum, v, i) => {
        const s = v / 255;
        const linear = s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        return sum + linear * [0.2126, 0.7152, 0.0722][i];
      }, 0);
    const parentOf = (el) => el.parentElement || el.getRootNode().host || null;
    // null when an image or gradient sits behind the text: not measurable this way.
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = parentOf(e)) {
        const style = getComputedStyle(e);
        if (style.backgroundImage !== "none") return null;
        const c = rgba(style.backgroundColor);
        if (c && c[3] > 0) layers.push(c);
        if (c && c[3] === 1) break;
      }
      return layers.reduceRight((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
    };
    const failures = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (el.closest("svg") || !el.checkVisibility({ visibilityProperty: true })) continue;
        const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        const field = /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && el.type !== "range" && el.type !== "file";
        if (!ownText && !field) continue;
        const style = getComputedStyle(el);
        const back = background(el);
        const fore = rgba(style.color);
        if (!back || !fore) continue;
        const text = over(fore, back);
        const [hi, lo] = [luminance(text), luminance(back)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) {
          const label = (el.textContent || el.value || "").trim().slice(0, 40);
          failures.push(`${el.tagName.toLowerCase()}.${el.className} "${label}": ${ratio.toFixed(2)}:1`);
        }
      }
    };
    visit(document);
    return failures;
  });
}
