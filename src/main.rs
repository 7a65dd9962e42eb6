//! The first module: the calculator alone. The tools (import, members, NPS) load after its
//! first screen, from the second module (`src/bin/tools.rs`).

retention_app::export_mount!();

fn main() {
    retention_app::mount_all();
}
