//! Putting calculators on a page: each one inside its own shadow root, so the host page's
//! styles cannot break it and its styles cannot leak out.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::app::{App, AppProps};
use crate::config::{name, Config};

/// The calculator's own styles, compiled in: no extra request, and no inline `<style>` that a
/// strict Content-Security-Policy would block.
const STYLES: &str = include_str!("../styles/calculator.css");

/// The attribute that marks where a calculator goes.
pub const MARKER: &str = "data-retention-calculator";

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    static MOUNTED: RefCell<Vec<AppHandle<App>>> = const { RefCell::new(Vec::new()) };
}

/// Every element on the page marked for a calculator, in document order.
fn marked_elements() -> Vec<Element> {
    let Ok(nodes) = gloo::utils::document().query_selector_all(&format!("[{MARKER}]")) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Mounts a calculator on every element with `data-retention-calculator` that has none yet.
/// Returns how many were mounted.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> usize {
    let hosts = marked_elements();
    let names = names(&hosts);
    hosts
        .iter()
        .enumerate()
        .filter(|(_, host)| host.shadow_root().is_none())
        .filter(|(i, host)| mount_with(host, Config::from_element(host, *i, &names)).is_ok())
        .count()
}

/// The share-link names of the calculators on the page.
fn names(hosts: &[Element]) -> Vec<String> {
    hosts.iter().enumerate().map(|(i, h)| name(h, i)).collect()
}

/// Mounts one calculator on `host`, configured by its `data-*` attributes (and by the page
/// URL when it is the calculator the URL is for). For elements added after the page loaded.
///
/// Fails when `host` already holds a calculator or cannot hold a shadow root.
#[wasm_bindgen]
pub fn mount(host: &Element) -> Result<(), JsValue> {
    let hosts = marked_elements();
    let index = hosts.iter().position(|h| h == host).unwrap_or(hosts.len());
    let names = names(&hosts);
    mount_with(host, Config::from_element(host, index, &names))
}

/// Mounts one calculator on `host` with `config`.
pub fn mount_with(host: &Element, config: Config) -> Result<(), JsValue> {
    if host.shadow_root().is_some() {
        return Err("this element already holds a calculator".into());
    }
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init)?;
    let sheet = SHEET.with(|cell| -> Result<CssStyleSheet, JsValue> {
        let mut cell = cell.borrow_mut();
        if let Some(sheet) = cell.as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(STYLES)?;
        *cell = Some(sheet.clone());
        Ok(sheet)
    })?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let document = host
        .owner_document()
        .ok_or("the element is not in a document")?;
    let root = document.create_element("div")?;
    root.set_class_name("rc-root");
    shadow.append_child(&root)?;
    let handle = yew::Renderer::<App>::with_root_and_props(root, AppProps { config }).render();
    MOUNTED.with(|m| m.borrow_mut().push(handle));
    Ok(())
}
