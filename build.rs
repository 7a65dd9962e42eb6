//! The calculator's style sheets as its wasm carries them (`src/mount.rs`, `src/tools.rs`):
//! `styles/*.css` stay commented for people to read; the modules get them minified.

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for name in ["calculator", "tools"] {
        let source = format!("styles/{name}.css");
        println!("cargo::rerun-if-changed={source}");
        let css = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let minified = minifier::css::minify(&css).unwrap_or_else(|e| panic!("{source}: {e}"));
        std::fs::write(format!("{out}/{name}.css"), minified.to_string())
            .unwrap_or_else(|e| panic!("{out}/{name}.css: {e}"));
    }
}
