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

/** Serves dist/ (or `root`) on a free loopback port. Resolves to { url, port, close }. */
export function serveDist({ csp, root = DIST } = {}) {
  assert.ok(
    fs.existsSync(path.join(root, "index.html")),
    `${path.join(root, "index.html")} is missing: run scripts/build.sh first`,
  );
  return startServer({ root, port: 0, csp });
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

/** Saves a full-page screenshot to target/screenshots/NAME.png and returns its path. */
export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
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
    async figure(name) {
      const value = scope.locator(`[data-figure=${name}] .rc-card-value`);
      return (await value.count()) ? plain(await value.innerText()) : null;
    },
    async error(name) {
      const message = scope.locator(`[data-error-for=${name}]`);
      return (await message.count()) ? plain(await message.innerText()) : null;
    },
    async ready() {
      await scope.locator("[data-figure]").first().waitFor({ state: "attached", timeout: 20_000 });
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
