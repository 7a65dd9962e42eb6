//! Waiting for the first screen: what the answer does not need is drawn, and loaded, once the
//! answer is on screen.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// False until the component's first render has been painted, then true.
#[hook]
pub fn use_painted() -> bool {
    let painted = use_state(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |_| after_paint(move || painted.set(true)));
    }
    *painted
}

/// Runs `f` once the browser has painted what is on the page now, after the tasks queued by
/// then: an animation frame runs just before a paint, and a message posted from it arrives
/// after that paint; that message posts one more, which queues behind whatever else came in
/// meanwhile (input, a worker's answer, the page's own tasks, their own after-paint work).
/// Only then does `f` run, as a task of its own, and what it draws goes into the next frame.
/// Run in the next animation frame instead, `f` and its layout would hold up that frame and
/// every task waiting behind it.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let next = Closure::once_into_js(move || {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            // No channel (a browser without one): right after the paint's frame.
            return f();
        };
        let (port, back) = (channel.port1(), channel.port2());
        let hop = Closure::once_into_js(move |_: JsValue| {
            let run = Closure::once_into_js(move |_: JsValue| f());
            port.set_onmessage(Some(run.unchecked_ref()));
            // Posting fails only for a message that cannot be copied, and null can.
            let _ = back.post_message(&JsValue::NULL);
        });
        channel.port1().set_onmessage(Some(hop.unchecked_ref()));
        let _ = channel.port2().post_message(&JsValue::NULL);
    });
    // Fails only without a window, where nothing is painted anyway.
    let _ = gloo::utils::window().request_animation_frame(next.unchecked_ref());
}
