// Timing the calculator in headless Chromium, for the benchmark (bench/table.mjs). Figures only.
//
// A script added before any of the page's own (INSTRUMENT) watches every document and shadow
// root for the elements that matter (the first result figure, the import preview, the
// forecast) and notes when each enters the DOM and when it is on screen: after the next
// animation frame's style, layout and paint, seen as a message posted from inside that
// requestAnimationFrame (it runs once the frame is drawn). It also times each wasm's compiling
// and instantiating (WebAssembly.instantiateStreaming split into the two), and notes
// when a file is chosen, when "analyse" is clicked and the step times the import worker
// reports. Times are epoch milliseconds (timeOrigin + now), so frames of one page compare;
// subtract the page's timeOrigin to get milliseconds from navigation start.

/** What to wait for: name → selector, searched in the document and every shadow root. */
export const TARGETS = {
  figure: "[data-figure]",
  preview: "[data-preview]",
  forecast: "[data-forecast] tbody tr, [data-forecast-error]",
};

const INSTRUMENT = (targets) => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = (window.__bench = { origin: performance.timeOrigin, seen: {}, painted: {}, events: {}, wasm: [] });
  const roots = [];
  const afterFrame = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(null);
    });
  const check = () => {
    for (const [name, selector] of Object.entries(targets)) {
      if (bench.seen[name] || !roots.some((root) => root.querySelector(selector))) continue;
      bench.seen[name] = now();
      afterFrame(() => (bench.painted[name] = now()));
    }
  };
  const mark = (name, event) => (bench.events[name] ??= performance.timeOrigin + event.timeStamp);
  const watch = (root) => {
    roots.push(root);
    new MutationObserver(check).observe(root, { childList: true, subtree: true });
    // `change` does not leave a shadow root, so listen in each one.
    root.addEventListener("change", (e) => e.target?.type === "file" && mark("chosen", e), true);
    check();
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    watch(root);
    return root;
  };
  watch(document);
  window.addEventListener(
    "click",
    (e) => e.composedPath().some((n) => n.matches?.("[data-action=analyse]")) && mark("analyse", e),
    true,
  );
  // The import worker reports how long each of its steps took when it is done
  // (core worker.rs `Response::Done`, serialised as `{ done: { timings, bytes } }`).
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => e.data?.done?.timings && (bench.worker = e.data.done.timings));
    }
  };
  // The page's loader compiles its wasm as it streams in (compileStreaming) and the glue then
  // instantiates the compiled module; the parts' glue calls instantiateStreaming. Both ways
  // are timed: when compiling started, when it was done, when the instance was made.
  const wasm = WebAssembly;
  const compileStreaming = wasm.compileStreaming;
  const instantiate = wasm.instantiate;
  const compiled = new WeakMap();
  wasm.compileStreaming = async (source) => {
    const entry = { start: now() };
    bench.wasm.push(entry);
    const module = await compileStreaming.call(wasm, source);
    entry.compiled = now();
    compiled.set(module, entry);
    return module;
  };
  wasm.instantiate = async (source, imports) => {
    const result = await instantiate.call(wasm, source, imports);
    const entry = compiled.get(source);
    if (entry) entry.instantiated = now();
    return result;
  };
  if (wasm.instantiateStreaming) {
    wasm.instantiateStreaming = async (source, imports) => {
      const module = await wasm.compileStreaming(source);
      const instance = await wasm.instantiate(module, imports);
      return { module, instance };
    };
  }
};

/** A fresh context and page with the instrument in every frame, CPU slowed `throttle` times. */
export async function instrumentedPage(browser, { throttle = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INSTRUMENT, TARGETS);
  const page = await context.newPage();
  if (throttle !== 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  return { context, page };
}

/** Waits until `name` is on screen in any frame; its time in ms from the page's navigation. */
export async function onScreen(page, name, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const times = [];
    for (const frame of page.frames()) {
      // A frame may navigate or close meanwhile: it then has nothing to say.
      times.push(await frame.evaluate((n) => window.__bench?.painted[n] ?? null, name).catch(() => null));
    }
    const first = Math.min(...times.filter((t) => t !== null));
    if (Number.isFinite(first)) return first - (await origin(page));
    if (Date.now() > deadline) throw new Error(`${name} did not appear within ${timeout} ms`);
    await page.waitForTimeout(20);
  }
}

const origin = (page) => page.evaluate(() => window.__bench.origin);

/** The instrument's record of the top frame, with times in ms from navigation start. */
export async function record(page) {
  return page.evaluate(() => {
    const b = window.__bench;
    const since = (t) => (t == null ? null : t - b.origin);
    const resources = performance.getEntriesByType("resource").map((r) => ({ name: r.name, startTime: r.startTime, responseEnd: r.responseEnd }));
    const [nav] = performance.getEntriesByType("navigation");
    return {
      html: nav?.responseEnd ?? null,
      resources,
      wasm: b.wasm.map((w) => ({ start: since(w.start), compiled: since(w.compiled), instantiated: since(w.instantiated) })),
      seen: Object.fromEntries(Object.entries(b.seen).map(([k, t]) => [k, since(t)])),
      painted: Object.fromEntries(Object.entries(b.painted).map(([k, t]) => [k, since(t)])),
      events: Object.fromEntries(Object.entries(b.events).map(([k, t]) => [k, since(t)])),
      worker: b.worker ?? null,
    };
  });
}

/**
 * One load's way to the first figure as phases that add up to it: navigation and html, fetching
 * the js and wasm, compiling what was not compiled while it streamed in, instantiating, the
 * first render (the wasm's start function builds the calculator), and style, layout and paint.
 */
export function phases(r) {
  const wasmFile = r.resources.find((x) => x.name.endsWith(".wasm"));
  const [w] = r.wasm;
  const milestones = [
    ["navigation, html", r.html],
    ["fetch js + wasm", wasmFile?.responseEnd],
    ["compile (after the download)", w?.compiled],
    ["instantiate", w?.instantiated],
    ["first render (wasm start: mount + render)", r.seen.figure],
    ["style, layout, paint", r.painted.figure],
  ];
  const out = [];
  let last = 0;
  for (const [name, at] of milestones) {
    if (at == null) continue;
    out.push({ name, ms: Math.max(0, at - last), at });
    last = Math.max(last, at);
  }
  return out;
}

/** Chrome trace categories: what DevTools' performance panel records, plus wasm compiling. */
export const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.wasm", "blink.user_timing", "loading", "v8"];

/** Kind of main-thread work of a trace event, or null for events that only wrap others. */
function kind(e) {
  const n = e.name;
  if (n === "ParseHTML" || n === "ParseAuthorStyleSheet") return "parse html + css";
  if (n.startsWith("wasm.") || n.startsWith("v8.wasm.")) return "wasm compile";
  if (n === "UpdateLayoutTree") return "style";
  if (n === "Layout") return "layout";
  if (["PrePaint", "Paint", "Layerize", "UpdateLayer", "Commit", "CompositeLayers"].includes(n)) return "paint";
  if (n === "MinorGC" || n === "MajorGC" || n.startsWith("V8.GC")) return "garbage collection";
  if (["EvaluateScript", "v8.evaluateModule", "v8.compileModule", "v8.compile", "FunctionCall", "EventDispatch", "TimerFire", "FireAnimationFrame", "RunMicrotasks"].includes(n))
    return "script + wasm running";
  if (n === "RunTask") return "other";
  return null;
}

/**
 * Main-thread time of a traced load by kind, from navigation start to `until` ms: each moment
 * goes to the innermost event that has a kind; moments in no task are "idle (waiting for the
 * network or for compiling on other threads)". Also the wasm compiling on other threads.
 */
export function traceBreakdown(trace, until) {
  const events = trace.traceEvents ?? trace;
  const nav = events.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame);
  if (!nav) return null;
  const start = nav.ts;
  const end = start + until * 1000;
  const onMain = (e) => e.pid === nav.pid && e.tid === nav.tid;
  const spans = events
    .filter((e) => e.ph === "X" && onMain(e) && e.ts < end && e.ts + (e.dur ?? 0) > start && kind(e))
    .map((e) => ({ ts: e.ts, end: e.ts + e.dur, kind: kind(e) }))
    .sort((a, b) => a.ts - b.ts || b.end - a.end);
  const totals = {};
  let t = start;
  const add = (k, until) => {
    const a = Math.max(t, start);
    const b = Math.min(until, end);
    if (b > a) totals[k] = (totals[k] ?? 0) + (b - a) / 1000;
    t = Math.max(t, until);
  };
  const idle = "idle (waiting for the network or for other threads)";
  // Nested spans: time before a span starts belongs to the innermost one still open.
  const stack = [];
  for (const s of spans) {
    while (stack.length && stack.at(-1).end <= s.ts) {
      const top = stack.pop();
      add(top.kind, top.end);
    }
    add(stack.at(-1)?.kind ?? idle, s.ts);
    stack.push(s);
  }
  while (stack.length) {
    const top = stack.pop();
    add(top.kind, top.end);
  }
  add(idle, end);
  // Compiling on other threads, nested events counted once.
  const compiling = events
    .filter((e) => e.ph === "X" && e.pid === nav.pid && !onMain(e) && e.ts < end && e.ts + e.dur > start && kind(e) === "wasm compile")
    .sort((a, b) => a.tid - b.tid || a.ts - b.ts);
  let elsewhere = 0;
  let reach = { tid: null, end: 0 };
  for (const e of compiling) {
    const from = Math.max(e.ts, start, e.tid === reach.tid ? reach.end : 0);
    const to = Math.min(e.ts + e.dur, end);
    if (to > from) elsewhere += (to - from) / 1000;
    reach = { tid: e.tid, end: Math.max(e.tid === reach.tid ? reach.end : 0, e.ts + e.dur) };
  }
  return { mainThread: totals, wasmCompileOtherThreads: elsewhere };
}

export const median = (values) => {
  const v = values.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
