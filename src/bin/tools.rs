//! The second module: the tools (order import, members, NPS) a calculator loads once its first
//! screen is drawn. `web/embed.js` loads it; the seam is `retention_app::tools`.

use retention_app::tools::ToolsApp;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Mounts the tools of the calculator on `outer` at `host`, the empty element beside the
/// calculator's root.
#[wasm_bindgen(js_name = mountTools)]
pub fn mount_tools(outer: &Element, host: &Element) -> Tools {
    Tools(ToolsApp::mount(outer, host))
}

/// The tools under one calculator.
#[wasm_bindgen]
pub struct Tools(ToolsApp);

#[wasm_bindgen]
impl Tools {
    /// Shows the tools as the calculator's view says (`retention_app::tools::View`).
    pub fn show(&self, view: &str) {
        self.0.show(view);
    }
}

fn main() {}
