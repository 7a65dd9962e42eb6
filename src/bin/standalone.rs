//! The stand-alone build for pages opened from file:// (`scripts/standalone.mjs` wraps it in
//! one classic script): the calculator with its details and tools in one module, since such a
//! page cannot load a second one.

retention_app::export_mount!();

fn main() {
    retention_app::parts::inline();
    retention_app::mount_all();
}
