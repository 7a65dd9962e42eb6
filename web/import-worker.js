// The order import, off the main thread. The calculator starts this worker when someone
// drops an export on it, and ends it (worker.terminate()) to cancel. It runs the core's JS
// API (pkg/), keeps the imported log in memory, and answers:
//   { type: "import", file, mapping, summaryOptions, forecastOptions }
//   { type: "summarise", summaryOptions }                 (other period, window or threshold)
//   { type: "csv", what: "inactive" | "forecast", summaryOptions, locale }
// with { type: "progress", stage, done, total }, "stats", "summary", "forecast", "csv", "done"
// and "error" messages. Every step's time goes into "done", for the benchmark.
import init, { Analyzer } from "./pkg/retention_core.js";

const ready = init();
let analyzer = null;

const post = (message) => self.postMessage(message);
const time = (f) => {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
};

async function importFile({ file, mapping, summaryOptions, forecastOptions }) {
  const timings = {};
  const t0 = performance.now();
  post({ type: "progress", stage: "read", done: 0, total: file.size });
  const bytes = new Uint8Array(await file.arrayBuffer());
  timings.read = performance.now() - t0;
  analyzer?.free();
  analyzer = null;
  [analyzer, timings.parse] = time(
    () => new Analyzer(bytes, mapping, (done, total) => post({ type: "progress", stage: "parse", done, total })),
  );
  post({ type: "stats", stats: analyzer.stats() });
  post({ type: "progress", stage: "summarise", done: 0, total: 1 });
  let summary, forecasted;
  [summary, timings.summarise] = time(() => analyzer.summarise(summaryOptions));
  post({ type: "summary", summary });
  post({ type: "progress", stage: "forecast", done: 0, total: 1 });
  [forecasted, timings.forecast] = time(() => analyzer.forecast(forecastOptions, null));
  post({ type: "forecast", forecasted });
  post({ type: "done", timings, bytes: bytes.length });
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
    if (data.type === "import") {
      await importFile(data);
    } else if (!analyzer) {
      throw new Error("nothing imported yet");
    } else if (data.type === "summarise") {
      post({ type: "summary", summary: analyzer.summarise(data.summaryOptions) });
    } else if (data.type === "csv") {
      const text =
        data.what === "inactive"
          ? analyzer.inactiveCsv({ ...data.summaryOptions, inactiveLimit: null }, data.locale)
          : analyzer.forecastCsv(data.locale);
      post({ type: "csv", what: data.what, text });
    }
  } catch (error) {
    post({ type: "error", message: error?.message ?? String(error) });
  }
};
