// The order import, off the main thread. The calculator starts this worker when someone
// chooses an export, and ends it (worker.terminate()) to cancel. Each message from the page is
// [request, file?]: this shim hands it to the core's ImportSession (pkg/), which reads the
// file, answers with postMessage and keeps the imported orders for the next request. The
// messages are typed once, in Rust (retention_core::worker::{Request, Response}); nothing here
// reads them. If the core cannot start (the page's Content-Security-Policy refuses its wasm, or
// the host sends no CORS header for it), the one other message, { blocked: ... }, says why
// (src/worker.rs reads it); a later crash is rethrown outside the promise, so the page hears
// of it as the Worker's "error" event.
import init, { ImportSession } from "./pkg/retention_core.js";

let refused = null;
self.addEventListener("securitypolicyviolation", (e) => { refused ??= e; });
const wasm = new URL("pkg/retention_core_bg.wasm", import.meta.url).href;
const blocked = () =>
  self.postMessage({
    blocked: refused
      ? { reason: "policy", directive: refused.effectiveDirective, what: refused.blockedURI }
      : { reason: "load", url: wasm },
  });

const crash = (error) => setTimeout(() => { throw error; });
const session = init({ module_or_path: wasm }).then(
  () => new ImportSession((response) => self.postMessage(response)),
);
session.catch((error) => (refused || error instanceof TypeError ? blocked() : crash(error)));

// While no request waits (before a file comes, while the page shows a preview that leaves the
// user something to decide; one that leaves nothing is imported in the same request), the core
// takes the steps of a made-up import one at a time, a few rounds over: the browser compiles a
// wasm function when it first runs, and optimised once it has run a while, so the file then
// finds the code compiled and optimised. The steps done and still no file, the core reads a
// small made-up file as it reads a dropped one (warmUpFile), which the steps leave out.
let waiting = 0;
let step = 0;
let fileRead = false; // a file came, or the made-up one was read
const warm = (s) =>
  setTimeout(() => {
    if (waiting > 0) return;
    if (s.warmUp(step++)) return warm(s);
    if (!fileRead) {
      fileRead = true;
      // Only a warm-up: a failure here changes nothing for the file to come.
      s.warmUpFile().catch(() => {});
    }
  });
session.then(warm, () => {});

// A core that did not start was told of once, above; requests then go unanswered.
self.onmessage = ({ data }) => {
  waiting++;
  fileRead = true;
  session
    .then((s) => s.handle(...data).finally(() => --waiting || warm(s)), () => {})
    .catch(crash);
};
