//! The import worker (web/import-worker.js, which hands everything to the core's
//! `ImportSession`): started per file, ended to cancel. The messages are the core's typed
//! [`Request`] and [`Response`], the same definitions the worker uses.
//!
//! A worker cannot be started from another origin's URL, so when the calculator's files live
//! on another host than the page (a blog embedding it), the worker starts from a tiny
//! same-origin `blob:` script that imports the real one with CORS. Whatever stops it from
//! starting (the page's Content-Security-Policy, a host without CORS headers) is heard as
//! [`Heard::Blocked`], to be told as it is.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use retention_core::worker::{ImportOptions, Request, Response};
use retention_core::{FitError, Forecast};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, ErrorEvent, File, MessageEvent, SecurityPolicyViolationEvent, Url,
    Worker, WorkerOptions, WorkerType,
};
use yew::{hook, use_memo, use_mut_ref, Callback};

use crate::import::Problem;

/// What the page hears from its worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// An answer.
    Response(Box<Response>),
    /// The worker could not start: see [`Blocked`].
    Blocked(Blocked),
    /// The worker crashed, or said something this page cannot read.
    Stopped,
}

/// Why the worker could not start. Said by the worker's own scripts (`{ blocked: ... }`, the
/// only message besides [`Response`]s) or seen by the page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "reason", rename_all = "camelCase")]
pub enum Blocked {
    /// The page's Content-Security-Policy refused it: `directive` is the rule that did
    /// (`worker-src`, `script-src-elem`, `connect-src`, ...), `what` the browser's name for
    /// what it refused (a URL, `blob`, or `wasm-eval` for compiling WebAssembly).
    Policy {
        directive: String,
        #[serde(default)]
        what: String,
    },
    /// The calculator's files at `url` could not be loaded: the host is unreachable or does
    /// not allow this page's origin (no CORS header).
    Load { url: String },
}

#[derive(Deserialize)]
struct Said {
    blocked: Blocked,
}

/// Runs in a `blob:` worker of the page's origin: imports the real worker script (the
/// placeholder is its URL as a JSON string) and keeps the page's messages until it has
/// loaded. A failure to import is told, not thrown, naming the policy rule if one refused it.
const BOOTSTRAP: &str = r#"const url = URL_JSON;
let refused = null;
self.addEventListener("securitypolicyviolation", (e) => { refused ??= e; });
const early = [];
self.onmessage = (e) => early.push(e);
import(url).then(
  () => early.forEach((e) => self.onmessage(e)),
  () => self.postMessage({ blocked: refused
    ? { reason: "policy", directive: refused.effectiveDirective, what: refused.blockedURI }
    : { reason: "load", url } }),
);
"#;

/// A running import worker; dropping it ends the worker.
pub struct ImportWorker {
    worker: Worker,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
    _policy: EventListener,
    _wait: Rc<RefCell<Option<Timeout>>>,
}

/// Runs the readers of the worker's answers once, on an answer of no kind, while the worker
/// starts. Each is one large function (the shapes of every answer, of a forecast or why there
/// is none) that the browser compiles when it first runs; left to the first answer, that
/// compiling held up the preview by 19–30 ms (Chrome traces of CDNOW_master dropped).
fn compile_readers() {
    let nothing = JsValue::from_str("");
    let _ = serde_wasm_bindgen::from_value::<Response>(nothing.clone());
    let _ = serde_wasm_bindgen::from_value::<Result<Box<Forecast>, FitError>>(nothing);
}

impl ImportWorker {
    /// Starts `import-worker.js` next to the calculator's files. Fails where a worker cannot
    /// start at once, such as a page opened from file://; a worker that fails later is heard
    /// as [`Heard::Blocked`] or [`Heard::Stopped`].
    pub fn start(on_heard: Callback<Heard>) -> Result<ImportWorker, JsValue> {
        let script = format!("{}import-worker.js", base_url());
        // The first rule of the page's policy that refuses something while the worker starts.
        let refused: Rc<RefCell<Option<Blocked>>> = Rc::default();
        let policy = {
            let refused = refused.clone();
            EventListener::new(
                &gloo::utils::document(),
                "securitypolicyviolation",
                move |e| {
                    let Some(e) = e.dyn_ref::<SecurityPolicyViolationEvent>() else {
                        return;
                    };
                    let directive = e.effective_directive();
                    if directive != "worker-src" && !directive.starts_with("script-src") {
                        return;
                    }
                    refused.borrow_mut().get_or_insert(Blocked::Policy {
                        directive,
                        what: e.blocked_uri(),
                    });
                },
            )
        };
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = if same_origin(&script) {
            Worker::new_with_options(&script, &options)?
        } else {
            let code = BOOTSTRAP.replace("URL_JSON", &json_string(&script));
            let kind = BlobPropertyBag::new();
            kind.set_type("text/javascript");
            let blob =
                Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&code.into()), &kind)?;
            let url = Url::create_object_url_with_blob(&blob)?;
            let worker = Worker::new_with_options(&url, &options);
            // The worker holds on to the script it was given; the URL is no longer needed.
            let _ = Url::revoke_object_url(&url);
            worker?
        };
        let heard = on_heard.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            heard.emit(
                match serde_wasm_bindgen::from_value::<Response>(data.clone()) {
                    Ok(response) => Heard::Response(Box::new(response)),
                    Err(_) => match serde_wasm_bindgen::from_value::<Said>(data) {
                        Ok(said) => Heard::Blocked(said.blocked),
                        Err(_) => Heard::Stopped,
                    },
                },
            );
        });
        // A script that did not load gives a plain Event, a crash an ErrorEvent. The policy's
        // violation event may come just after the error: wait a moment before saying which.
        let wait: Rc<RefCell<Option<Timeout>>> = Rc::default();
        let onerror = {
            let wait = wait.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                if event.is_instance_of::<ErrorEvent>() {
                    return on_heard.emit(Heard::Stopped);
                }
                let (on_heard, refused, url) = (on_heard.clone(), refused.clone(), script.clone());
                *wait.borrow_mut() = Some(Timeout::new(100, move || {
                    let blocked = refused.borrow_mut().take();
                    on_heard.emit(Heard::Blocked(blocked.unwrap_or(Blocked::Load { url })));
                }));
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        compile_readers();
        Ok(ImportWorker {
            worker,
            _onmessage: onmessage,
            _onerror: onerror,
            _policy: policy,
            _wait: wait,
        })
    }

    /// Sends `request`, with `file` beside it when the request reads one (a File is shared
    /// with the worker, not copied).
    pub fn send(&self, request: &Request, file: Option<&Blob>) {
        let request = serde_wasm_bindgen::to_value(request).unwrap_or(JsValue::NULL);
        let message = match file {
            Some(file) => js_sys::Array::of2(&request, file),
            None => js_sys::Array::of1(&request),
        };
        // Fails only for values that cannot be cloned, which these never are.
        let _ = self.worker.post_message(&message);
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Where the calculator's files are: set by embed.js, else the page's own folder.
fn base_url() -> String {
    js_sys::Reflect::get(&js_sys::global(), &"retentionCalculatorBase".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./".to_string())
}

/// Whether `url` (absolute or relative to the page) has the page's origin.
fn same_origin(url: &str) -> bool {
    let location = gloo::utils::window().location();
    let page = location.href().unwrap_or_default();
    match (Url::new_with_base(url, &page), location.origin()) {
        (Ok(url), Ok(origin)) => url.origin() == origin,
        _ => true,
    }
}

/// `text` as a JavaScript string literal.
fn json_string(text: &str) -> String {
    js_sys::JSON::stringify(&text.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "\"\"".to_string())
}

/// The worker of one import panel, from [`use_import_worker`]: started by the first request,
/// fresh for every file, ended to cancel.
#[derive(Clone)]
pub struct ImportRunner {
    worker: Rc<RefCell<Option<ImportWorker>>>,
    /// The worker was started ahead ([`ImportRunner::warm`]) and has been sent nothing yet.
    ahead: Rc<Cell<bool>>,
    /// The import the worker started before it was asked for (see [`ImportRunner::choose`]).
    early: Rc<RefCell<Option<Early>>>,
    /// What the worker imports with if the preview it is answering leaves nothing to decide.
    then: Rc<RefCell<Option<ImportOptions>>>,
    file: Rc<RefCell<Option<File>>>,
    heard: Callback<Heard>,
    stopped: Callback<Problem>,
}

/// An import the worker started before anyone asked for it: what the worker says of it is kept
/// here, unheard, until the same request is sent ([`ImportRunner::send`] then hands it all on
/// at once); any other request drops it.
struct Early {
    request: Request,
    heard: Vec<Heard>,
    /// Its last answer came ([`Response::Done`] or [`Response::Failed`]), or the worker
    /// stopped.
    finished: bool,
}

impl Early {
    fn new(request: Request) -> Early {
        Early {
            request,
            heard: Vec::new(),
            finished: false,
        }
    }

    /// Keeps `said`; progress is left out (an import that is handed on while it runs goes on
    /// saying how far it is).
    fn keep(&mut self, said: Heard) {
        match &said {
            Heard::Response(r) => match r.as_ref() {
                Response::Progress { .. } => return,
                Response::Done { .. } | Response::Failed(_) => self.finished = true,
                _ => {}
            },
            Heard::Blocked(_) | Heard::Stopped => self.finished = true,
        }
        self.heard.push(said);
    }

    /// Whether the worker stopped (crashed or could not start) while it ran.
    fn stopped(&self) -> bool {
        self.heard
            .iter()
            .any(|said| matches!(said, Heard::Blocked(_) | Heard::Stopped))
    }
}

impl ImportRunner {
    /// Sends `request` (with the chosen file when it reads one) to the running worker,
    /// starting one if none runs; where none can start, `stopped` hears
    /// [`Problem::NeedsServer`].
    ///
    /// An import sent early with the same request is not sent again: what it said so far is
    /// heard now, the rest as it comes. After an early import of another request, its answers
    /// are never heard: a worker still busy with it is ended and a fresh one started.
    pub fn send(&self, request: Request) {
        self.ahead.set(false);
        let early = self.early.borrow_mut().take();
        if let Some(early) = early {
            let stopped = early.stopped();
            if early.request == request && !stopped {
                for said in early.heard {
                    self.heard.emit(said);
                }
                return;
            }
            // Still busy with it, or stopped while at it: a fresh worker takes the request.
            if !early.finished || stopped {
                self.worker.borrow_mut().take();
            }
        }
        let mut running = self.worker.borrow_mut();
        if running.is_none() {
            match ImportWorker::start(self.listener()) {
                Ok(w) => *running = Some(w),
                Err(_) => return self.stopped.emit(Problem::NeedsServer),
            }
        }
        let file = self.file.borrow();
        let file = file.as_ref().filter(|_| request.reads_file());
        if let Some(w) = running.as_ref() {
            if let Request::Preview { then, .. } = &request {
                *self.then.borrow_mut() = *then;
            }
            w.send(&request, file.map(|f| &**f));
        }
    }

    /// Keeps `file` and asks a fresh worker for its `preview`: the one started ahead, if any.
    /// A preview with `then` that leaves nothing to decide ([`Preview::sure_mapping`], the
    /// worker's rule too) is followed by the worker's import of its mapping with those
    /// options; its answers are kept unheard until [`ImportRunner::send`] asks for that same
    /// import.
    ///
    /// [`Preview::sure_mapping`]: retention_core::Preview::sure_mapping
    pub fn choose(&self, file: File, preview: Request) {
        self.early.borrow_mut().take();
        if !self.ahead.get() {
            self.worker.borrow_mut().take();
        }
        *self.file.borrow_mut() = Some(file);
        self.send(preview);
    }

    /// Starts a worker before a file is chosen, if none runs, so that it has loaded and
    /// compiled the core (and warmed it up on a made-up import, see web/import-worker.js) by
    /// the time one is. A worker started ahead that cannot start or stops says nothing: it is
    /// replaced when a file is chosen, and that one says why.
    pub fn warm(&self) {
        let mut running = self.worker.borrow_mut();
        if running.is_some() {
            return;
        }
        if let Ok(w) = ImportWorker::start(self.listener()) {
            *running = Some(w);
            self.ahead.set(true);
        }
    }

    /// What every worker of this runner says goes here: a worker started ahead that stops
    /// before it was sent anything says nothing (it is replaced when a file is chosen, and
    /// that one says why), an early import's answers are kept, the rest goes to `heard`.
    fn listener(&self) -> Callback<Heard> {
        let (ahead, early) = (self.ahead.clone(), self.early.clone());
        let (then, heard) = (self.then.clone(), self.heard.clone());
        Callback::from(move |said: Heard| {
            if matches!(said, Heard::Blocked(_) | Heard::Stopped) && ahead.get() {
                return ahead.set(false);
            }
            if let Some(early) = early.borrow_mut().as_mut().filter(|e| !e.finished) {
                return early.keep(said);
            }
            // The answer to a preview sent with `then`: if it leaves nothing to decide, the
            // worker is importing already, and what it says of that is kept from now on.
            if let Some(options) = then.borrow_mut().take() {
                if let Some(mapping) = sure_mapping(&said) {
                    *early.borrow_mut() = Some(Early::new(options.import(mapping.clone())));
                }
            }
            heard.emit(said)
        })
    }

    /// Ends the worker (the file stays, for another try).
    pub fn cancel(&self) {
        self.ahead.set(false);
        self.early.borrow_mut().take();
        self.then.borrow_mut().take();
        self.worker.borrow_mut().take();
    }

    /// Ends the worker and forgets the file.
    pub fn reset(&self) {
        self.cancel();
        self.file.borrow_mut().take();
    }
}

/// The mapping of a preview heard that leaves nothing to decide.
fn sure_mapping(said: &Heard) -> Option<&retention_core::Mapping> {
    match said {
        Heard::Response(response) => match response.as_ref() {
            Response::Preview(preview) => preview.sure_mapping(),
            _ => None,
        },
        _ => None,
    }
}

/// An import panel's worker: what it hears goes to `heard`, a worker that cannot start to
/// `stopped`.
#[hook]
pub fn use_import_worker(heard: Callback<Heard>, stopped: Callback<Problem>) -> ImportRunner {
    ImportRunner {
        worker: use_mut_ref(|| None),
        ahead: use_memo((), |_| Cell::new(false)),
        early: use_mut_ref(|| None),
        then: use_mut_ref(|| None),
        file: use_mut_ref(|| None),
        heard,
        stopped,
    }
}

#[cfg(test)]
mod tests {
    use retention_core::worker::{Download, Stage, Timings};
    use retention_core::SummaryOptions;

    use super::*;

    fn said(response: Response) -> Heard {
        Heard::Response(Box::new(response))
    }

    fn early() -> Early {
        Early::new(Request::Summarise(SummaryOptions::default()))
    }

    #[test]
    fn an_early_import_keeps_its_answers_in_order_but_not_its_progress() {
        let mut e = early();
        let file = said(Response::File {
            file: Download::Forecast,
            text: "x".into(),
        });
        e.keep(said(Response::Progress {
            stage: Stage::Parse,
            done: 1.0,
            total: 2.0,
        }));
        e.keep(file.clone());
        assert!(!e.finished);
        let done = said(Response::Done {
            timings: Timings::default(),
            bytes: 1.0,
        });
        e.keep(done.clone());
        assert!(e.finished && !e.stopped());
        assert_eq!(e.heard, [file, done]);
    }

    #[test]
    fn an_early_import_ends_with_a_failure_or_a_stopped_worker() {
        let mut e = early();
        e.keep(said(Response::Failed(
            retention_core::worker::Problem::Unreadable,
        )));
        assert!(e.finished && !e.stopped());
        let mut e = early();
        e.keep(Heard::Stopped);
        assert!(e.finished && e.stopped());
    }

    /// A runner with no worker, whose `heard` goes to the list returned.
    fn without_worker() -> (ImportRunner, Rc<RefCell<Vec<Heard>>>) {
        let heard: Rc<RefCell<Vec<Heard>>> = Rc::default();
        let to = heard.clone();
        let runner = ImportRunner {
            worker: Rc::default(),
            ahead: Rc::default(),
            early: Rc::default(),
            then: Rc::default(),
            file: Rc::default(),
            heard: Callback::from(move |said| to.borrow_mut().push(said)),
            stopped: Callback::noop(),
        };
        (runner, heard)
    }

    #[test]
    fn a_preview_that_leaves_nothing_to_decide_is_followed_by_an_import_kept_for_analyse() {
        let options = ImportOptions::default();
        let (runner, heard) = without_worker();
        *runner.then.borrow_mut() = Some(options);
        let listener = runner.listener();
        // ISO dates: nothing to decide.
        let text = "customer,date,amount\nann,2024-01-10,10\nbob,2024-02-20,20\n";
        let preview = retention_core::sniff_orders(text);
        let mapping = preview.sure_mapping().expect("nothing to decide").clone();
        listener.emit(said(Response::Preview(Box::new(preview.clone()))));
        let stats = said(Response::Stats(Box::default()));
        listener.emit(stats.clone());
        // The preview is heard; the worker's import is kept.
        assert_eq!(heard.borrow().len(), 1);
        // "analyse" with the same import hears it without asking the worker (there is none).
        runner.send(options.import(mapping));
        assert_eq!(&heard.borrow()[1..], std::slice::from_ref(&stats));
        // Once asked for, the rest of it is heard as it comes.
        let done = said(Response::Done {
            timings: Timings::default(),
            bytes: 1.0,
        });
        listener.emit(done.clone());
        assert_eq!(heard.borrow()[1..], [stats.clone(), done]);

        // 03/04/2024: the 3rd of April or March the 4th? Nothing is imported: what comes
        // next is heard.
        let (runner, heard) = without_worker();
        *runner.then.borrow_mut() = Some(options);
        let listener = runner.listener();
        let unsure = retention_core::sniff_orders("customer,date,amount\nc1,03/04/2024,10\n");
        assert!(unsure.mapping.is_some() && unsure.sure_mapping().is_none());
        listener.emit(said(Response::Preview(Box::new(unsure))));
        listener.emit(stats.clone());
        assert!(runner.early.borrow().is_none());
        assert_eq!(heard.borrow().len(), 2);
    }
}
