//! The import worker (web/import-worker.js, which hands everything to the core's
//! `ImportSession`): started per file, ended to cancel. The messages are the core's typed
//! [`Request`] and [`Response`], the same definitions the worker uses.

use retention_core::worker::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// What the page hears from its worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// An answer.
    Response(Box<Response>),
    /// The worker failed to start or crashed, or said something this page cannot read.
    Stopped,
}

/// A running import worker; dropping it ends the worker.
pub struct ImportWorker {
    worker: Worker,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl ImportWorker {
    /// Starts `import-worker.js` next to the calculator's files. Fails where a worker cannot
    /// start at once, such as a page opened from file://; a worker that fails later is heard
    /// as [`Heard::Stopped`].
    pub fn start(on_heard: Callback<Heard>) -> Result<ImportWorker, JsValue> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker =
            Worker::new_with_options(&format!("{}import-worker.js", base_url()), &options)?;
        let heard = on_heard.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            heard.emit(match serde_wasm_bindgen::from_value(event.data()) {
                Ok(response) => Heard::Response(Box::new(response)),
                Err(_) => Heard::Stopped,
            });
        });
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            on_heard.emit(Heard::Stopped);
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(ImportWorker {
            worker,
            _onmessage: onmessage,
            _onerror: onerror,
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
