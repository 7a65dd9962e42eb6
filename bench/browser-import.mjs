// Browser benchmark of the order import: generated exports of 70 thousand and 1 million
// transactions, run through the calculator's own worker (dist/import-worker.js) in headless
// Chromium. Prints the time of each step and the throughput. Figures only, no pass/fail.
//
//   node bench/browser-import.mjs          (after scripts/build.sh; run by scripts/bench.sh)
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, launch, serveDist } from "../tests/e2e/harness.mjs";

/** About 2.1 orders per customer over 18 months, English amounts: like a shop export. */
function generate(transactions) {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ["order_id,customer,date,amount"];
  const start = Date.UTC(2023, 0, 1);
  let customer = 0;
  for (let n = 0; n < transactions; ) {
    const orders = 1 + Math.floor(-Math.log(1 - random()) * 1.1);
    let day = Math.floor(random() * 540);
    for (let k = 0; k < orders && n < transactions && day < 548; k++, n++) {
      const date = new Date(start + day * 864e5).toISOString().slice(0, 10);
      lines.push(`${n},C${customer},${date},${(5 + random() * 120).toFixed(2)}`);
      day += 7 + Math.floor(random() * 120);
    }
    customer++;
  }
  return lines.join("\n") + "\n";
}

const api = await import(pathToFileURL(path.join(DIST, "pkg", "retention_core.js")));
await api.default({ module_or_path: fs.readFileSync(path.join(DIST, "pkg", "retention_core_bg.wasm")) });
const server = await serveDist();
const browser = await launch();
const page = await browser.newPage();
await page.goto(`${server.url}/`);

console.log("== browser import benchmark (headless Chromium, the calculator's import worker)");
console.log("| transactions | MB | read ms | parse ms | summarise ms | forecast ms | total ms | M transactions/s | customers |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const transactions of [70_000, 1_000_000]) {
  const text = generate(transactions);
  const mapping = api.sniffOrders(text.slice(0, 65536)).mapping;
  const result = await page.evaluate(
    async ({ text, mapping }) => {
      const worker = new Worker("./import-worker.js", { type: "module" });
      const file = new File([text], "bench.csv", { type: "text/csv" });
      const done = new Promise((resolve, reject) => {
        let customers = 0;
        // The messages are the core's worker::Request and Response (see Request in the .d.ts).
        worker.onmessage = ({ data }) => {
          if (data.stats) customers = data.stats.stats.customers;
          if (data.done) resolve({ ...data.done, customers });
          if (data.failed) reject(new Error(JSON.stringify(data.failed)));
        };
      });
      worker.postMessage([{ import: { mapping, summary: { inactiveLimit: 20 }, forecast: { top: 20 } } }, file]);
      const outcome = await done;
      worker.terminate();
      return outcome;
    },
    { text, mapping },
  );
  const t = result.timings;
  const total = t.read + t.parse + t.summarise + t.forecast;
  const f = (ms) => ms.toFixed(0);
  console.log(
    `| ${transactions.toLocaleString("en")} | ${(result.bytes / 1e6).toFixed(1)} | ${f(t.read)} | ${f(t.parse)} | ${f(t.summarise)} | ${f(t.forecast)} | ${f(total)} | ${(transactions / total / 1000).toFixed(2)} | ${result.customers.toLocaleString("en")} |`,
  );
}
await browser.close();
await server.close();
