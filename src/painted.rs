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

/// Runs `f` once the browser has painted what is on the page now: an animation frame runs
/// just before a paint, so `f` runs in the frame after the next one. Unlike a timeout set in
/// the first frame, this leaves every task that waits for that paint (the page's own, a
/// second calculator's turn) to run first, and what `f` draws is in the very next frame.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let next = Closure::once_into_js(move || {
        let then = Closure::once_into_js(f);
        // Fails only without a window, where nothing is painted anyway.
        let _ = gloo::utils::window().request_animation_frame(then.unchecked_ref());
    });
    let _ = gloo::utils::window().request_animation_frame(next.unchecked_ref());
}
