//! `after_paint`: what waits for the first screen runs after the frame that draws it, and
//! after what others queued from that frame, in a real browser.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use retention_app::painted::after_paint;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Log = Rc<RefCell<Vec<&'static str>>>;

/// Another script's work on the same frame: an animation frame callback (noted as "frame")
/// that posts a message (noted as "message" when it arrives), as a page or a measuring tool
/// does to learn that the frame was painted.
fn another_script_on_the_frame(log: &Log) {
    let log = log.clone();
    let frame = Closure::once_into_js(move || {
        log.borrow_mut().push("frame");
        let channel = web_sys::MessageChannel::new().unwrap();
        let arrived = Closure::once_into_js(move |_: JsValue| log.borrow_mut().push("message"));
        channel.port1().set_onmessage(Some(arrived.unchecked_ref()));
        channel.port2().post_message(&JsValue::NULL).unwrap();
    });
    gloo::utils::window()
        .request_animation_frame(frame.unchecked_ref())
        .unwrap();
}

#[wasm_bindgen_test]
async fn what_waits_for_the_paint_runs_after_what_others_queued_from_that_frame() {
    let log: Log = Rc::default();
    let mut done = None;
    let finished = js_sys::Promise::new(&mut |resolve, _| done = Some(resolve));
    let done = done.unwrap();
    {
        let log = log.clone();
        after_paint(move || {
            log.borrow_mut().push("after paint");
            done.call0(&JsValue::NULL).unwrap();
        });
    }
    // Asked for after `after_paint`, so its frame callback runs after ours in the same frame.
    another_script_on_the_frame(&log);
    assert!(log.borrow().is_empty(), "nothing runs before the frame");
    JsFuture::from(finished).await.unwrap();
    assert_eq!(*log.borrow(), ["frame", "message", "after paint"]);
}
