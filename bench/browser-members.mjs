// Browser benchmark of the member import: generated exports of 100 thousand and 1 million
// members, read by the core's JS API (dist/pkg) in a module Web Worker in headless Chromium:
// the file's bytes, sniffMembers on the first 64 KB, new MemberAnalyzer (parse) and
// analyse() (cohorts, Kaplan–Meier, periods, the sBG pooled and per cohort, members at risk).
// Then the page's own path for 1 million: its import worker's memberPreview and memberImport.
// Figures only, no pass/fail.
//
//   node bench/browser-members.mjs          (after scripts/build.sh; run by scripts/bench.sh)
import { launch, serveDist } from "../tests/e2e/harness.mjs";

/** Members joining over five years; churn a month varies by member; three plans. */
function generate(members) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const day = 864e5;
  const first = Date.UTC(2020, 0, 1);
  const last = Date.UTC(2024, 11, 31);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const lines = ["member_id,plan,start_date,cancel_date,monthly_fee"];
  for (let i = 0; i < members; i++) {
    const start = first + Math.floor(random() * (last - first) / day) * day;
    const plan = random() < 0.7 ? 0 : random() < 0.67 ? 1 : 2;
    const theta = random() ** 2.5 * 0.35;
    let end = "";
    for (let month = 1, t = start; t <= last; month++, t += 30 * day) {
      const p = plan === 1 ? (month % 12 === 0 ? 0.4 : 0) : theta;
      if (random() < p) {
        const e = t + Math.floor(random() * 29) * day;
        if (e <= last) end = iso(e);
        break;
      }
    }
    lines.push(`M${i + 1},${["monthly", "annual", "student"][plan]},${iso(start)},${end},${["29.95", "24.95", "19.95"][plan]}`);
  }
  return lines.join("\n") + "\n";
}

const server = await serveDist();
const browser = await launch();
const page = await browser.newPage();
await page.goto(`${server.url}/`);

console.log("== browser member benchmark (headless Chromium, the core's JS API in a module worker)");
console.log("| members | MB | read ms | sniff ms | parse ms | analyse ms | total ms | M members/s | active |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const members of [100_000, 1_000_000]) {
  const text = generate(members);
  const result = await page.evaluate(async ({ text, origin }) => {
    const source = `
      import init, { MemberAnalyzer, sniffMembers } from "${origin}/pkg/retention_core.js";
      self.onmessage = async ({ data }) => {
        await init();
        const t = [performance.now()];
        const bytes = new Uint8Array(await data.file.arrayBuffer());
        t.push(performance.now());
        const head = new TextDecoder().decode(bytes.subarray(0, 65536));
        const mapping = sniffMembers(head.slice(0, head.lastIndexOf("\\n") + 1)).mapping;
        t.push(performance.now());
        const analyzer = new MemberAnalyzer(bytes, mapping, () => true);
        t.push(performance.now());
        const summary = analyzer.analyse({});
        t.push(performance.now());
        self.postMessage({ t, bytes: bytes.length, active: summary.active, members: summary.members });
      };`;
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const worker = new Worker(url, { type: "module" });
    const done = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => resolve(data);
      worker.onerror = (e) => reject(new Error(e.message));
    });
    worker.postMessage({ file: new File([text], "members.csv", { type: "text/csv" }) });
    const outcome = await done;
    worker.terminate();
    return outcome;
  }, { text, origin: server.url });
  const [t0, read, sniff, parse, analyse] = result.t;
  const f = (ms) => ms.toFixed(0);
  const total = analyse - t0;
  console.log(
    `| ${members.toLocaleString("en")} | ${(result.bytes / 1e6).toFixed(1)} | ${f(read - t0)} | ${f(sniff - read)} | ${f(parse - sniff)} | ${f(analyse - parse)} | ${f(total)} | ${(members / total / 1000).toFixed(2)} | ${result.active.toLocaleString("en")} |`,
  );
}

// The page's own path: the calculator's import worker (import-worker.js, the core's
// ImportSession) asked for a memberPreview and a memberImport, the file shared, not copied.
console.log();
console.log("== the page's import worker (memberPreview + memberImport), 1 million members");
console.log("| members | MB | preview ms | read ms | parse ms | analyse ms | total ms | active |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
{
  const members = 1_000_000;
  const text = generate(members);
  const r = await page.evaluate(async ({ text, origin }) => {
    const worker = new Worker(`${origin}/import-worker.js`, { type: "module" });
    const file = new File([text], "members.csv", { type: "text/csv" });
    const ask = (request, until) =>
      new Promise((resolve, reject) => {
        const said = [];
        worker.onmessage = ({ data }) => {
          said.push(data);
          if (Object.keys(data)[0] === until || data.failed) resolve(said);
        };
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage([request, file]);
      });
    await ask({ memberPreview: {} }, "memberPreview"); // starts the worker and its wasm
    const t0 = performance.now();
    const [{ memberPreview }] = await ask({ memberPreview: {} }, "memberPreview");
    const t1 = performance.now();
    const said = await ask({ memberImport: { mapping: memberPreview.mapping, options: {} } }, "done");
    const t2 = performance.now();
    worker.terminate();
    const done = said.find((m) => m.done).done;
    const summary = said.find((m) => m.memberSummary).memberSummary;
    return { preview: t1 - t0, total: t2 - t1, timings: done.timings, bytes: done.bytes, active: summary.active };
  }, { text, origin: server.url });
  const f = (ms) => ms.toFixed(0);
  console.log(
    `| ${members.toLocaleString("en")} | ${(r.bytes / 1e6).toFixed(1)} | ${f(r.preview)} | ${f(r.timings.read)} | ${f(r.timings.parse)} | ${f(r.timings.summarise)} | ${f(r.total)} | ${r.active.toLocaleString("en")} |`,
  );
}
await browser.close();
await server.close();
