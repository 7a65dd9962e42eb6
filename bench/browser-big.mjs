// Browser benchmark of a big order export: a generated ~2 GB, 20-million-row line-item export
// (order, customer, e-mail, timestamp, product, quantity, unit price, status) chosen in the
// calculator's own page (the file input, as a user would), read by its import worker a slice
// at a time in headless Chromium. Prints the time, rows/s, the peak memory of Chromium (RSS of
// every process, and of the largest: the page's renderer, which holds the worker), the most the
// page's main thread was late while the worker ran, and how quickly the calculator answered a
// typed number in the middle of the import. Figures only, no pass/fail.
//
// The file goes to a fresh temporary directory (RETENTION_BIG_DIR, default the OS's) and is
// deleted afterwards, also when the run fails; with less than 3 × its size free, the run is
// left out with a notice.
//
//   node bench/browser-big.mjs [rows]       (after scripts/build.sh; run by scripts/bench.sh)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, openPage, serveDist } from "../tests/e2e/harness.mjs";

const ROWS = Number(process.argv[2] || 20_000_000);
const CUSTOMERS = Math.max(1, Math.round(ROWS / 10));

/** Writes ROWS line items: customers buying about four orders of 2.5 lines each over two
 * years, every tenth order cancelled. About 100 bytes a row. */
async function generate(file) {
  const out = fs.createWriteStream(file);
  const write = (text) => (out.write(text) ? null : new Promise((r) => out.once("drain", r)));
  await write("order_id,customer_id,email,created_at,sku,product,quantity,unit_price,status\n");
  // mulberry32: a seeded generator whose integer steps stay exact in JS numbers.
  let seed = 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const start = Date.UTC(2023, 0, 1);
  const products = ["Blue widget, large", "Green gadget", "Red gizmo (set of 3)", "Spare part", "Gift card"];
  let batch = [];
  let order = 0;
  for (let n = 0; n < ROWS; ) {
    const customer = Math.floor(random() * CUSTOMERS);
    const id = `CUST${String(customer).padStart(8, "0")}`;
    const when = new Date(start + Math.floor(random() * 730 * 86400) * 1000).toISOString().slice(0, 19) + "Z";
    const status = random() < 0.1 ? "cancelled" : "paid";
    order++;
    const lines = 1 + Math.floor(random() * 4);
    for (let i = 0; i < lines && n < ROWS; i++, n++) {
      const product = products[Math.floor(random() * products.length)];
      const sku = `SKU-${String(Math.floor(random() * 99999)).padStart(5, "0")}`;
      batch.push(
        `SO${String(order).padStart(10, "0")},${id},${id.toLowerCase()}@example.com,${when},${sku},"${product}",${1 + Math.floor(random() * 3)},${(2 + random() * 60).toFixed(2)},${status}`,
      );
    }
    if (batch.length >= 20_000) {
      await write(batch.join("\n") + "\n");
      batch = [];
    }
  }
  await write(batch.join("\n") + (batch.length ? "\n" : ""));
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
}

/** Resident memory in bytes of every process below this one (Chromium's), and the largest. */
function chromiumRss() {
  const children = new Map();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  let largest = 0;
  const visit = (pid) => {
    for (const child of children.get(pid) || []) {
      try {
        const status = fs.readFileSync(`/proc/${child}/status`, "utf8");
        const kb = Number((status.match(/VmRSS:\s+(\d+)/) || [0, 0])[1]);
        total += kb * 1024;
        largest = Math.max(largest, kb * 1024);
      } catch {
        // Gone meanwhile.
      }
      visit(child);
    }
  };
  visit(process.pid);
  return { total, largest };
}

const mb = (bytes) => (bytes / 1048576).toFixed(0);
const dir = fs.mkdtempSync(path.join(process.env.RETENTION_BIG_DIR || os.tmpdir(), "retention-big-"));
const file = path.join(dir, "orders.csv");
console.log(`== a big export in the browser: ${ROWS.toLocaleString("en")} generated rows through the page's import worker (headless Chromium)`);
try {
  const free = fs.statfsSync(dir);
  const freeBytes = free.bavail * free.bsize;
  if (freeBytes < ROWS * 100 * 3) {
    console.log(`left out: ${mb(freeBytes)} MB free in ${dir}, want ${mb(ROWS * 300)} MB`);
    process.exit(0);
  }
  let t0 = performance.now();
  await generate(file);
  const bytes = fs.statSync(file).size;
  console.log(`generated ${mb(bytes)} MB in ${((performance.now() - t0) / 1000).toFixed(0)} s (${dir}, deleted after)`);

  const server = await serveDist();
  const browser = await launch();
  try {
    const { page } = await openPage(browser, `${server.url}/`, { locale: "en-GB" });
    await page.locator("[data-figure]").first().waitFor({ state: "attached", timeout: 20_000 });
    const idle = chromiumRss();
    await page.locator("#rc-import-file").setInputFiles(file);
    await page.locator("[data-preview]").waitFor({ timeout: 120_000 });
    // The main thread's lateness while the worker runs: a 50 ms timer, its worst delay.
    await page.evaluate(() => {
      window.__lag = 0;
      window.__lagReading = 0;
      const host = document.querySelector("[data-retention-calculator]");
      const root = host?.shadowRoot || document;
      let last = performance.now();
      window.__timer = setInterval(() => {
        const now = performance.now();
        window.__lag = Math.max(window.__lag, now - last - 50);
        // While the worker reads, before the results are drawn.
        if (!root.querySelector("[data-import-stats]")) window.__lagReading = Math.max(window.__lagReading, now - last - 50);
        last = now;
      }, 50);
    });
    let peak = { total: 0, largest: 0 };
    const sampler = setInterval(() => {
      const now = chromiumRss();
      peak = { total: Math.max(peak.total, now.total), largest: Math.max(peak.largest, now.largest) };
    }, 200);
    t0 = performance.now();
    await page.locator("[data-action=analyse]").click();
    // Halfway through the parse, type a number into the calculator and time its answer.
    const progress = page.locator("#rc-import-progress");
    await page.waitForFunction(
      () => {
        const host = document.querySelector("[data-retention-calculator]");
        const root = host?.shadowRoot || document;
        const bar = root.querySelector("#rc-import-progress");
        return (bar && Number(bar.value) >= 40) || root.querySelector("[data-import-stats]");
      },
      null,
      { timeout: 3_600_000, polling: 500 },
    );
    const before = await page.locator("[data-figure] .rc-value").first().textContent();
    const typed = performance.now();
    await page.locator("#rc-start").fill("1234");
    await page.waitForFunction(
      (old) => {
        const host = document.querySelector("[data-retention-calculator]");
        const v = (host?.shadowRoot || document).querySelector("[data-figure] .rc-value");
        return v && v.textContent !== old;
      },
      before,
      { timeout: 60_000 },
    );
    const answered = performance.now() - typed;
    const stillRunning = await progress.count();
    await page.locator("[data-import-stats]").waitFor({ timeout: 3_600_000 });
    await page.locator("[data-import-results], [data-import-problem], .rc-import-problem").first().waitFor({ timeout: 3_600_000 });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const [lagReading, lag] = await page.evaluate(() => (clearInterval(window.__timer), [window.__lagReading, window.__lag]));
    const stats = await page.locator("[data-import-stats] p").first().innerText();
    console.log(`| rows | MB | s | rows/s | MB/s | Chromium RSS idle → peak (all processes) | largest process peak | main thread late at most: reading / drawing the results | calculator answered in |`);
    console.log(`|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
    console.log(
      `| ${ROWS.toLocaleString("en")} | ${mb(bytes)} | ${seconds.toFixed(1)} | ${Math.round(ROWS / seconds).toLocaleString("en")} | ${(bytes / 1048576 / seconds).toFixed(1)} | ${mb(idle.total)} → ${mb(peak.total)} MB | ${mb(peak.largest)} MB | ${lagReading.toFixed(0)} / ${lag.toFixed(0)} ms | ${answered.toFixed(0)} ms${stillRunning ? " (import still running)" : ""} |`,
    );
    console.log(`the page said: ${stats.replace(/\s+/g, " ")}`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
