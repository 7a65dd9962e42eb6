//! How the page's URL reaches a calculator, in a real browser: a share link opens the
//! calculator it names, a host page can turn the URL off, and a link for a calculator that is
//! not on the page says so.
#![cfg(target_arch = "wasm32")]

use retention_app::config::Config;
use retention_app::settings::Notice;
use retention_core::Inputs;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Puts `hash` in the test page's address, runs `f`, and takes it out again.
fn with_hash<T>(hash: &str, f: impl FnOnce() -> T) -> T {
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        .unwrap();
    let out = f();
    let path = window.location().pathname().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    out
}

fn element(attributes: &[(&str, &str)]) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    element
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[wasm_bindgen_test]
fn a_share_link_opens_the_calculator_it_names() {
    let config = with_hash("#v=1&start=5&calc=second", || {
        let first = Config::from_element(
            &element(&[("id", "first")]),
            0,
            &names(&["first", "second"]),
        );
        let second = Config::from_element(
            &element(&[("id", "second")]),
            1,
            &names(&["first", "second"]),
        );
        (first, second)
    });
    assert_eq!(config.0.inputs, Inputs::example());
    assert_eq!(config.1.inputs.start, Some(5.0));
    assert_eq!(config.1.notices, vec![]);
}

#[wasm_bindgen_test]
fn a_host_page_can_turn_the_url_off() {
    let config = with_hash("#v=1&start=5&title=Gewonnen", || {
        Config::from_element(&element(&[("data-url", "off")]), 0, &names(&["1"]))
    });
    assert_eq!(config.inputs, Inputs::example());
    assert_eq!((config.title, config.notices), (None, vec![]));
    let config = with_hash("#v=1&start=5", || {
        Config::from_element(&element(&[]), 0, &names(&["1"]))
    });
    assert_eq!(config.inputs.start, Some(5.0));
}

#[wasm_bindgen_test]
fn a_link_for_a_calculator_not_on_the_page_says_so() {
    let config = with_hash("#v=1&start=5&calc=gone", || {
        Config::from_element(&element(&[]), 0, &names(&["1", "2"]))
    });
    assert_eq!(config.inputs, Inputs::example());
    assert_eq!(
        config.notices,
        vec![Notice::NoSuchCalculator("gone".into())]
    );
}

#[wasm_bindgen_test]
fn a_link_with_thousands_of_unknown_names_shows_a_few_notices() {
    let keys: Vec<String> = (0..5000).map(|i| format!("x{i}=1")).collect();
    let config = with_hash(&format!("#v=1&start=5&{}", keys.join("&")), || {
        Config::from_element(&element(&[]), 0, &names(&["1"]))
    });
    // Longer than a share link can be: ignored with one notice.
    assert_eq!(config.inputs, Inputs::example());
    assert_eq!(config.notices.len(), 1, "{:?}", config.notices);
}
