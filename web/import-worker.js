// The order import, off the main thread. The calculator starts this worker when someone
// chooses an export, and ends it (worker.terminate()) to cancel. Each message from the page is
// [request, file?]: this shim hands it to the core's ImportSession (pkg/), which reads the
// file, answers with postMessage and keeps the imported orders for the next request. The
// messages are typed once, in Rust (retention_core::worker::{Request, Response}); nothing here
// reads them. A failure to start or a crash is rethrown outside the promise, so the page hears
// of it as the Worker's "error" event.
import init, { ImportSession } from "./pkg/retention_core.js";

const crash = (error) => setTimeout(() => { throw error; });
const session = init().then(() => new ImportSession((response) => self.postMessage(response)));
session.catch(crash);

self.onmessage = ({ data }) => session.then((s) => s.handle(...data)).catch(crash);
