//! Putting calculators on a page: each one inside its own shadow root, so the host page's
//! styles cannot break it and its styles cannot leak out.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::app::{App, AppProps};
use crate::config::{name, Config};
use crate::painted::after_paint;
use crate::parts::Place;

/// The calculator's own styles (`styles/calculator.css`, minified by `build.rs`), compiled
/// in: no extra request, and no inline `<style>` that a strict Content-Security-Policy would
/// block. The tools bring theirs (`crate::tools`).
const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/calculator.css"));

/// Adds `css` to the styles of `shadow`, after those it has. The sheet is made once per module
/// (kept in `cell`) and shared by every calculator on the page.
pub(crate) fn adopt(
    shadow: &ShadowRoot,
    cell: &'static std::thread::LocalKey<RefCell<Option<CssStyleSheet>>>,
    css: &str,
) -> Result<(), JsValue> {
    let sheet = cell.with(|cell| -> Result<CssStyleSheet, JsValue> {
        let mut cell = cell.borrow_mut();
        if let Some(sheet) = cell.as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(css)?;
        *cell = Some(sheet.clone());
        Ok(sheet)
    })?;
    let sheets = js_sys::Array::from(&shadow.adopted_style_sheets());
    if !sheets.includes(&sheet, 0) {
        sheets.push(&sheet);
        shadow.set_adopted_style_sheets(&sheets);
    }
    Ok(())
}

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

/// Mounts a calculator on every element with `data-retention-calculator` that has none yet:
/// the first at once, each next one once the one before is on screen, so that the first
/// answer does not wait for the others. Returns how many it mounts.
pub fn mount_all() -> usize {
    let hosts = marked_elements();
    let names = names(&hosts);
    let todo: Vec<(Element, Config)> = hosts
        .iter()
        .enumerate()
        .filter(|(_, host)| host.shadow_root().is_none())
        .map(|(i, host)| (host.clone(), Config::from_element(host, i, &names)))
        .collect();
    let count = todo.len();
    mount_in_turn(todo.into_iter());
    count
}

fn mount_in_turn(mut todo: impl Iterator<Item = (Element, Config)> + 'static) {
    if let Some((host, config)) = todo.next() {
        // An element that cannot hold a calculator is left as it is.
        let _ = mount_with(&host, config);
        after_paint(move || mount_in_turn(todo));
    }
}

/// The share-link names of the calculators on the page.
fn names(hosts: &[Element]) -> Vec<String> {
    hosts.iter().enumerate().map(|(i, h)| name(h, i)).collect()
}

/// Mounts one calculator on `host`, configured by its `data-*` attributes (and by the page
/// URL when it is the calculator the URL is for). For elements added after the page loaded.
///
/// Fails when `host` already holds a calculator or cannot hold a shadow root.
pub fn mount(host: &Element) -> Result<(), JsValue> {
    mount_with(host, config_of(host))
}

/// The configuration of the calculator on `host`: its attributes, its place among the
/// page's calculators, and the page's address.
pub fn config_of(host: &Element) -> Config {
    let hosts = marked_elements();
    let index = hosts.iter().position(|h| h == host).unwrap_or(hosts.len());
    Config::from_element(host, index, &names(&hosts))
}

/// The JS exports of a module that mounts calculators, `mount(element)` and `mountAll()`:
/// in the module's own bin, so that a module that only holds the tools does not carry the
/// calculator.
#[macro_export]
macro_rules! export_mount {
    () => {
        /// Mounts a calculator on `host` (see `retention_app::mount`).
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn mount(host: &web_sys::Element) -> Result<(), wasm_bindgen::JsValue> {
            $crate::mount(host)
        }

        /// Mounts a calculator on every marked element (see `retention_app::mount_all`).
        #[wasm_bindgen::prelude::wasm_bindgen(js_name = mountAll)]
        pub fn mount_all() -> usize {
            $crate::mount_all()
        }
    };
}

/// Mounts one calculator on `host` with `config`.
pub fn mount_with(host: &Element, config: Config) -> Result<(), JsValue> {
    if host.shadow_root().is_some() {
        return Err("this element already holds a calculator".into());
    }
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init)?;
    adopt(&shadow, &SHEET, STYLES)?;
    let document = host
        .owner_document()
        .ok_or("the element is not in a document")?;
    let sibling = |class: &str| -> Result<Element, JsValue> {
        let element = document.create_element("div")?;
        element.set_class_name(class);
        shadow.append_child(&element)?;
        Ok(element)
    };
    let root = sibling("rc-root")?;
    // The parts' own roots, beside the calculator's and not in it (see `crate::parts`), then
    // the calculator's footnote, so that it comes last.
    let place = Place {
        outer: host.clone(),
        details: sibling("rc-details-root")?,
        tools: sibling("rc-tools-root")?,
        footnote: sibling("rc-footnote-root")?,
        config: config.clone(),
    };
    let props = AppProps {
        config,
        place: Some(place),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root, props).render();
    MOUNTED.with(|m| m.borrow_mut().push(handle));
    Ok(())
}
