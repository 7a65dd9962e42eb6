//! Waiting for the first screen: what the answer does not need is drawn, and loaded, once the
//! answer is on screen.

use yew::prelude::*;

/// False until the component's first render has been painted, then true.
#[hook]
pub fn use_painted() -> bool {
    let painted = use_state(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |_| {
            // An animation frame runs just before the browser paints; a timeout set in it runs
            // after that paint.
            let frame = gloo::render::request_animation_frame(move |_| {
                gloo::timers::callback::Timeout::new(0, move || painted.set(true)).forget();
            });
            move || drop(frame)
        });
    }
    *painted
}
