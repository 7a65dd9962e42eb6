// The order import, off the main thread. The calculator starts this worker when someone
// drops an export on it, and ends it (worker.terminate()) to cancel. It runs the core's JS
// API (pkg/), keeps the imported log in memory, and answers:
//   { type: "sniff", file, sheet? }                        (the preview, decoded by the core)
//   { type: "import", file, mapping, summaryOptions, forecastOptions }
//   { type: "summarise", summaryOptions }                 (other period, window or threshold)
//   { type: "csv", what: "inactive" | "forecast", summaryOptions, locale }
// with { type: "preview", preview }, { type: "progress", stage, done, total }, "stats",
// "summary", "forecast", "csv", "done" and "error" (with the core's `code`) messages. A text
// file is streamed through the core's OrderReader, never held whole; a workbook (.xlsx, .xls)
// is read whole. Every step's time goes into "done", for the benchmark.
import init, { Analyzer, OrderReader, sniffOrders } from "./pkg/retention_core.js";

const ready = init();
let analyzer = null;

const post = (message) => self.postMessage(message);
const time = (f) => {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
};

/** The first 256 KB are enough to sniff a text file; a workbook is needed whole. */
const SNIFF_BYTES = 256 * 1024;

/** Zip (.xlsx) or OLE (.xls) magic. */
async function isWorkbook(file) {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) ||
    (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0);
}

async function sniff({ file, sheet }) {
  const whole = (await isWorkbook(file)) || file.size <= SNIFF_BYTES;
  const bytes = new Uint8Array(await (whole ? file : file.slice(0, SNIFF_BYTES)).arrayBuffer());
  post({ type: "preview", preview: sniffOrders(bytes, { partial: !whole, sheet: sheet ?? null }) });
}

/** A seed for the core's id tables: RandomState is not random in wasm. */
const seed = () => crypto.getRandomValues(new Uint32Array(1))[0] / 2 ** 32 + Math.random();

/** Streams a text file through an OrderReader: time waiting for bytes and time reading them. */
async function stream(file, mapping, timings) {
  const reader = new OrderReader(mapping, { seed: seed() });
  const chunks = file.stream().getReader();
  let done = 0;
  let t = performance.now();
  for (;;) {
    const { value, done: end } = await chunks.read();
    const t1 = performance.now();
    timings.read += t1 - t;
    if (end) break;
    reader.feed(value);
    done += value.length;
    post({ type: "progress", stage: "parse", done, total: file.size });
    t = performance.now();
    timings.parse += t - t1;
  }
  const t2 = performance.now();
  const result = reader.finish();
  timings.parse += performance.now() - t2;
  reader.free();
  return result;
}

async function importFile({ file, mapping, summaryOptions, forecastOptions }) {
  const timings = { read: 0, parse: 0 };
  post({ type: "progress", stage: "read", done: 0, total: file.size });
  analyzer?.free();
  analyzer = null;
  if (await isWorkbook(file)) {
    const t0 = performance.now();
    const bytes = new Uint8Array(await file.arrayBuffer());
    timings.read = performance.now() - t0;
    [analyzer, timings.parse] = time(() => Analyzer.fromWorkbook(bytes, mapping));
  } else {
    analyzer = await stream(file, mapping, timings);
  }
  post({ type: "stats", stats: analyzer.stats() });
  post({ type: "progress", stage: "summarise", done: 0, total: 1 });
  let summary, forecasted;
  [summary, timings.summarise] = time(() => analyzer.summarise(summaryOptions));
  post({ type: "summary", summary });
  post({ type: "progress", stage: "forecast", done: 0, total: 1 });
  [forecasted, timings.forecast] = time(() => analyzer.forecast(forecastOptions, null));
  post({ type: "forecast", forecasted });
  post({ type: "done", timings, bytes: file.size });
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
    if (data.type === "sniff") {
      await sniff(data);
    } else if (data.type === "import") {
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
    post({ type: "error", message: error?.message ?? String(error), code: error?.code ?? null });
  }
};
