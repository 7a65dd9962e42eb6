//! The import worker (web/import-worker.js): started per import, ended to cancel. It speaks
//! plain JS objects; this module turns its messages into typed ones.

use retention_core::{FitError, Forecast, ImportStats, Summary};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// A step of an import, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    Read,
    Parse,
    Summarise,
    Forecast,
}

/// What the import read, and whether it had to fall back to Windows-1252.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub stats: ImportStats,
    pub windows1252: bool,
}

/// A forecast, or why there is none.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Forecasted {
    pub forecast: Option<Forecast>,
    pub error: Option<FitError>,
}

/// Milliseconds each step took.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Timings {
    pub read: f64,
    pub parse: f64,
    pub summarise: f64,
    pub forecast: f64,
}

/// A message from the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Progress { stage: Stage, done: f64, total: f64 },
    Stats { stats: Box<Stats> },
    Summary { summary: Box<Summary> },
    Forecast { forecasted: Box<Forecasted> },
    Csv { what: String, text: String },
    Done { timings: Timings, bytes: f64 },
    Error { message: String },
}

/// A running import worker; dropping it ends the worker.
pub struct ImportWorker {
    worker: Worker,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
}

impl ImportWorker {
    /// Starts `import-worker.js` next to the calculator's files. Fails where a worker cannot
    /// start, such as a page opened from file://.
    pub fn start(on_message: Callback<Message>) -> Result<ImportWorker, JsValue> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker =
            Worker::new_with_options(&format!("{}import-worker.js", base_url()), &options)?;
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = read(&event.data()).unwrap_or_else(|e| Message::Error {
                message: format!("unreadable message from the import worker: {e}"),
            });
            on_message.emit(message);
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        Ok(ImportWorker {
            worker,
            _onmessage: onmessage,
        })
    }

    /// Sends `message` (a plain JS object; a File inside it is shared, not copied).
    pub fn post(&self, message: &JsValue) {
        // Fails only for values that cannot be cloned, which the calculator never sends.
        let _ = self.worker.post_message(message);
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Reads a message: its `type` picks the payload's type. (Read field by field rather than as
/// a tagged enum, which would make serde buffer every message and cost the page's download.)
fn read(data: &JsValue) -> Result<Message, serde_wasm_bindgen::Error> {
    let field = |name: &str| js_sys::Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED);
    use serde_wasm_bindgen::from_value as from;
    Ok(match field("type").as_string().as_deref() {
        Some("progress") => Message::Progress {
            stage: from(field("stage"))?,
            done: field("done").as_f64().unwrap_or(0.0),
            total: field("total").as_f64().unwrap_or(0.0),
        },
        Some("stats") => {
            let stats = field("stats");
            let windows1252 = js_sys::Reflect::get(&stats, &"windows1252".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            Message::Stats {
                stats: Box::new(Stats {
                    stats: from(stats)?,
                    windows1252,
                }),
            }
        }
        Some("summary") => Message::Summary {
            summary: from(field("summary"))?,
        },
        Some("forecast") => Message::Forecast {
            forecasted: from(field("forecasted"))?,
        },
        Some("csv") => Message::Csv {
            what: field("what").as_string().unwrap_or_default(),
            text: field("text").as_string().unwrap_or_default(),
        },
        Some("done") => Message::Done {
            timings: from(field("timings"))?,
            bytes: field("bytes").as_f64().unwrap_or(0.0),
        },
        _ => Message::Error {
            message: field("message")
                .as_string()
                .unwrap_or_else(|| "the import worker failed".into()),
        },
    })
}

/// Where the calculator's files are: set by embed.js, else the page's own folder.
fn base_url() -> String {
    js_sys::Reflect::get(&js_sys::global(), &"retentionCalculatorBase".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./".to_string())
}

/// A plain JS object from key/value pairs, for messages to the worker.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}
