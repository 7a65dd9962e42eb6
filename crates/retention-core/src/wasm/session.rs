//! The import worker's entry point: `web/import-worker.js` hands every message from the page
//! to an `ImportSession`, which reads the file sent along and lets the core's
//! [`Session`] answer. The messages are [`Request`] and [`Response`], typed once in
//! `crate::worker` for the page and the worker alike.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::Blob;

use super::to_js;
use crate::worker::{Problem, Request, Response, Session, Stage};

/// How much of a file is read at a time; the progress bar moves once per slice.
const SLICE: usize = 4 << 20;

/// The order import of one page, kept in the worker between messages.
///
/// ```js
/// const session = new ImportSession((response) => self.postMessage(response));
/// self.onmessage = ({ data: [request, file] }) => session.handle(request, file);
/// ```
#[wasm_bindgen]
pub struct ImportSession {
    session: Rc<RefCell<Session>>,
    post: js_sys::Function,
}

#[wasm_bindgen]
impl ImportSession {
    /// A session that answers through `post(response)`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "(response: Response) => void")]
        post: js_sys::Function,
    ) -> ImportSession {
        ImportSession {
            session: Rc::default(),
            post,
        }
    }

    /// Answers `request`, reading what it needs of `file`; resolves once every answer is
    /// posted. Never rejects for the file or the request: those problems are answers too.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn handle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
        file: Option<Blob>,
    ) -> js_sys::Promise {
        let (session, post) = (self.session.clone(), self.post.clone());
        future_to_promise(async move {
            let mut send = |response: Response| {
                if let Ok(value) = to_js(&response) {
                    // A throwing `post` is the page's bug; the answer is lost either way.
                    let _ = post.call1(&JsValue::NULL, &value);
                }
            };
            let Ok(request) = serde_wasm_bindgen::from_value::<Request>(request) else {
                send(Response::Failed(Problem::BadRequest));
                return Ok(JsValue::UNDEFINED);
            };
            let started = js_sys::Date::now();
            let bytes = match (request.reads(), file) {
                (0, _) | (_, None) => None,
                (limit, Some(file)) => match read(&file, limit, &mut send).await {
                    Ok(bytes) => Some(bytes),
                    Err(problem) => {
                        send(Response::Failed(problem));
                        return Ok(JsValue::UNDEFINED);
                    }
                },
            };
            let read_ms = js_sys::Date::now() - started;
            session
                .borrow_mut()
                .handle(request, bytes, read_ms, &mut send, &js_sys::Date::now);
            Ok(JsValue::UNDEFINED)
        })
    }
}

/// Up to `limit` bytes of `file`, a slice at a time; progress is posted when reading a whole
/// file.
async fn read(
    file: &Blob,
    limit: usize,
    send: &mut dyn FnMut(Response),
) -> Result<Vec<u8>, Problem> {
    let whole = limit == usize::MAX;
    let size = (file.size() as usize).min(limit);
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(size)
        .map_err(|_| Problem::TooLarge)?;
    while bytes.len() < size {
        let at = bytes.len();
        let end = (at + SLICE).min(size);
        let slice = file
            .slice_with_f64_and_f64(at as f64, end as f64)
            .map_err(|_| Problem::Unreadable)?;
        let buffer = JsFuture::from(slice.array_buffer())
            .await
            .map_err(|_| Problem::Unreadable)?;
        let chunk = js_sys::Uint8Array::new(&buffer);
        if chunk.length() == 0 {
            break;
        }
        bytes.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[at..]);
        if whole {
            send(Response::Progress {
                stage: Stage::Read,
                done: bytes.len() as f64,
                total: size as f64,
            });
        }
    }
    Ok(bytes)
}
