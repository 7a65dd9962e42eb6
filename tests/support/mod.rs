//! Small helpers for driving a mounted calculator the way a person would.
#![allow(dead_code)]

use retention_app::config::Config;
use retention_core::{Field, Figure, Locale};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlSelectElement, InputEvent, InputEventInit,
    ShadowRoot,
};

/// A calculator mounted in its own element on the test page, removed when dropped.
pub struct Calculator {
    pub host: Element,
}

impl Calculator {
    /// Mounts a calculator in `locale` with the example inputs and waits for it to render.
    pub async fn mount(locale: Locale) -> Calculator {
        let config = Config {
            locale,
            ..Config::default()
        };
        Calculator::mount_with(config).await
    }

    pub async fn mount_with(config: Config) -> Calculator {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        retention_app::parts::inline();
        retention_app::mount_with(&host, config).unwrap();
        yew::scheduler::flush().await;
        // The details are drawn once the answer has been painted (`use_painted`): after the
        // app's own after-paint work, which was asked for first, then a moment for what they
        // start.
        painted().await;
        yew::scheduler::flush().await;
        sleep(100).await;
        yew::scheduler::flush().await;
        Calculator { host }
    }

    pub fn root(&self) -> ShadowRoot {
        self.host
            .shadow_root()
            .expect("a calculator renders in a shadow root")
    }

    #[track_caller]
    pub fn find(&self, selector: &str) -> Element {
        self.try_find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    pub fn try_find(&self, selector: &str) -> Option<Element> {
        self.root().query_selector(selector).unwrap()
    }

    /// How many elements match `selector`.
    pub fn count(&self, selector: &str) -> u32 {
        self.root().query_selector_all(selector).unwrap().length()
    }

    pub fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    /// Everything the calculator shows, as text: its root and the parts beside it.
    pub fn all_text(&self) -> String {
        self.root().text_content().unwrap_or_default()
    }

    pub fn input(&self, field: Field) -> HtmlInputElement {
        self.find(&format!("#rc-{}", field.name())).unchecked_into()
    }

    /// Types `text` into `field`, replacing what was there, as a keyboard would.
    pub async fn type_in(&self, field: Field, text: &str) {
        let input = self.input(field);
        input.set_value(text);
        let init = InputEventInit::new();
        init.set_bubbles(true);
        let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
        input.dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
    }

    pub async fn choose(&self, id: &str, value: &str) {
        let select: HtmlSelectElement = self.find(&format!("#{id}")).unchecked_into();
        select.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
        select.dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
    }

    pub async fn click(&self, selector: &str) {
        self.find(selector).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    /// Unfolds an embed's details and waits for them: they are a part of their own, mounted
    /// once they are first opened.
    pub async fn unfold(&self) {
        self.click("details.rc-details > summary").await;
        sleep(100).await;
        yew::scheduler::flush().await;
    }

    /// The value shown for a figure, in the answer or in the table, with no-break spaces as
    /// plain spaces.
    pub fn figure(&self, figure: Figure) -> Option<String> {
        self.try_find(&format!("[data-figure={}] .rc-value", figure.name()))
            .map(|e| plain(&e.text_content().unwrap_or_default()))
    }

    /// The message next to a field, if any.
    pub fn error(&self, field: Field) -> Option<String> {
        self.try_find(&format!("[data-error-for={}]", field.name()))
            .map(|e| plain(&e.text_content().unwrap_or_default()))
    }

    pub fn value(&self, field: Field) -> String {
        self.input(field).value()
    }
}

/// A test's calculator leaves the page when the test ends, passed or failed, so the next
/// test finds only its own.
impl Drop for Calculator {
    fn drop(&mut self) {
        self.host.remove();
    }
}

/// Text with no-break spaces as plain spaces, so tests can be written plainly.
pub fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

/// Waits `ms` milliseconds: long enough for the browser to paint a frame.
/// Resolves once the page has been painted and the after-paint work asked for before this
/// call has run ([`retention_app::painted::after_paint`] runs such work in order).
pub async fn painted() {
    let mut done = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| done = Some(resolve));
    let done = done.unwrap();
    retention_app::painted::after_paint(move || {
        done.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
