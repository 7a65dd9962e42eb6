// The import worker's session (the core's ImportSession from dist/pkg, as web/import-worker.js
// runs it) on one export in node: V8's wasm, as in Chromium's worker, without the page or the
// browser, so that old and new builds of the core compare closely. Warms up as the worker
// does, then times RUNS imports (preview, then import) and prints the median of the worker's
// own step timings (ms) and of the whole import request. The import asks what the page asks
// (src/components/import_panel.rs, import_options): 20 inactive and 20 forecast customers
// listed. Figures only.
//
//   node bench/import-node.mjs FILE [RUNS] [PKG]     (after scripts/build.sh; PKG: dist/pkg)
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DIST } from "../tests/e2e/harness.mjs";

const [file, runs = "15", pkg = path.join(DIST, "pkg")] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/import-node.mjs FILE [RUNS] [PKG]");
const { default: init, ImportSession } = await import(pathToFileURL(path.join(pkg, "retention_core.js")).href);
await init({ module_or_path: fs.readFileSync(path.join(pkg, "retention_core_bg.wasm")) });
const blob = new Blob([fs.readFileSync(file)]);
let said = [];
const session = new ImportSession((response) => said.push(response));
for (let round = 0; round < 3; round++) for (let step = 0; session.warmUp(step); step++);

const times = { read: [], parse: [], forecast: [], summarise: [], request: [] };
for (let i = 0; i < Number(runs); i++) {
  said = [];
  await session.handle({ preview: { sheet: null } }, blob);
  const mapping = said.find((r) => r.preview)?.preview?.mapping;
  if (!mapping) throw new Error(`no mapping: ${JSON.stringify(said).slice(0, 300)}`);
  said = [];
  const t0 = performance.now();
  await session.handle({ import: { mapping, summary: { inactiveLimit: 20 }, forecast: { top: 20 } } }, blob);
  times.request.push(performance.now() - t0);
  const done = said.find((r) => r.done)?.done;
  if (!done) throw new Error(`no import: ${JSON.stringify(said).slice(0, 300)}`);
  for (const step of ["read", "parse", "forecast", "summarise"]) times[step].push(done.timings[step]);
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`${path.basename(file)}, median of ${runs}: ` +
  Object.entries(times).map(([step, v]) => `${step} ${median(v).toFixed(1)} ms`).join(", "));
