//! The import worker's entry point: `web/import-worker.js` hands every message from the page
//! to an `ImportSession`, which lets the core's [`Session`] answer and read the file sent
//! along a slice at a time. The messages are [`Request`] and [`Response`], typed once in
//! `crate::worker` for the page and the worker alike.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::Blob;

use super::{random_seed, to_js};
use crate::worker::{warm_up_export, ImportOptions, Problem, Request, Response, Session, Source};

/// How many orders the made-up file of [`ImportSession::warm_up_file`] has: few, since it is
/// there to compile the code that reads a file, not to optimise it.
const WARM_UP_FILE_ORDERS: usize = 300;

/// The order import of one page, kept in the worker between messages.
///
/// ```js
/// const session = new ImportSession((response) => self.postMessage(response));
/// self.onmessage = ({ data: [request, file] }) => session.handle(request, file);
/// ```
#[wasm_bindgen]
pub struct ImportSession {
    /// Out of its cell while it answers a request.
    session: Rc<RefCell<Option<Session>>>,
    post: js_sys::Function,
    /// The answer to the last request: the next one starts when it is done, so requests are
    /// answered one at a time, in order.
    last: RefCell<js_sys::Promise>,
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
            session: Rc::new(RefCell::new(Some(Session::new(random_seed())))),
            post,
            last: RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED)),
        }
    }

    /// Step `step` (from 0) of a warm-up on a small made-up import (see
    /// [`Session::warm_up`]), its answers turned into JavaScript as the page's would be and
    /// dropped; whether a step is left. The worker takes these steps while it waits for a
    /// request, so that a file finds the code compiled.
    #[wasm_bindgen(js_name = warmUp)]
    pub fn warm_up(&self, step: usize) -> bool {
        // Busy with a request: no warm-up now.
        let Ok(mut session) = self.session.try_borrow_mut() else {
            return true;
        };
        match session.as_mut() {
            Some(session) => session.warm_up(step, &mut |response| drop(to_js(&response))),
            None => true,
        }
    }

    /// After the steps of [`ImportSession::warm_up`], before any file came: a small made-up
    /// export (`WARM_UP_FILE_ORDERS` orders) read from a `Blob` as a dropped file is,
    /// previewed and imported by a session of its own whose answers are dropped. The steps
    /// leave out reading a file; without this, the first real preview also waits for that
    /// code to be compiled (README, "Your own data", has the figures).
    #[wasm_bindgen(js_name = warmUpFile, unchecked_return_type = "Promise<void>")]
    pub fn warm_up_file(&self) -> js_sys::Promise {
        future_to_promise(async {
            let text = JsValue::from(warm_up_export(WARM_UP_FILE_ORDERS));
            let blob = Blob::new_with_str_sequence(&js_sys::Array::of1(&text))?;
            let request = Request::Preview {
                sheet: None,
                then: Some(ImportOptions::default()),
            };
            let mut session = Session::new(random_seed());
            let mut drop_answer = |response: Response| drop(to_js(&response));
            let mut file = BlobSource(blob);
            session
                .handle(
                    request,
                    Some(&mut file),
                    &mut drop_answer,
                    &js_sys::Date::now,
                )
                .await;
            Ok(JsValue::UNDEFINED)
        })
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
        let before = self.last.borrow().clone();
        let answered = future_to_promise(async move {
            // The last request's outcome is its own; this one only waits for it.
            let _ = JsFuture::from(before).await;
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
            let mut file = file.filter(|_| request.reads_file()).map(BlobSource);
            // Taken out for the request, so no borrow is held while it waits for the file;
            // the next request waits for it to be put back.
            let mut current = session
                .take()
                .unwrap_or_else(|| Session::new(random_seed()));
            current
                .handle(request, file.as_mut(), &mut send, &js_sys::Date::now)
                .await;
            *session.borrow_mut() = Some(current);
            Ok(JsValue::UNDEFINED)
        });
        *self.last.borrow_mut() = answered.clone();
        answered
    }
}

/// A `Blob` (a dropped `File`) read a slice at a time.
struct BlobSource(Blob);

impl Source for BlobSource {
    type Read = BlobRead;

    fn size(&self) -> u64 {
        self.0.size() as u64
    }

    fn read(&mut self, start: u64, end: u64) -> BlobRead {
        // Asked for now: the browser reads while the caller goes on.
        BlobRead(
            self.0
                .slice_with_f64_and_f64(start as f64, end as f64)
                .ok()
                .map(|slice| JsFuture::from(slice.array_buffer())),
        )
    }
}

/// A slice of a `Blob` on its way (`None`: the slice could not be asked for).
struct BlobRead(Option<JsFuture>);

impl Future for BlobRead {
    type Output = Result<Vec<u8>, Problem>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Some(read) = self.0.as_mut() else {
            return Poll::Ready(Err(Problem::Unreadable));
        };
        Pin::new(read).poll(cx).map(|buffer| {
            buffer
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(|_| Problem::Unreadable)
        })
    }
}
