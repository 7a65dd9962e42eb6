//! README.md's "Code layout" stays true: every path it lists exists, and every module of the
//! app, the core and the CLI, and every component, is listed.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

/// Where a line's description starts; a line indented this far continues the one above.
const DESCRIPTION: usize = 24;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The lines of the code block under "## Code layout".
fn layout() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let section = readme
        .split("## Code layout")
        .nth(1)
        .expect("a Code layout section");
    let block = section.split("```").nth(1).expect("a code block in it");
    block.lines().skip(1).map(str::to_string).collect()
}

/// Every path the layout lists, directories ending in `/`, nested by indentation.
fn listed() -> Vec<String> {
    let mut parents: Vec<String> = Vec::new();
    let mut paths = Vec::new();
    for line in layout() {
        let indent = line.len() - line.trim_start().len();
        let Some(token) = line.split_whitespace().next() else {
            continue;
        };
        if indent >= DESCRIPTION {
            continue;
        }
        assert_eq!(indent % 2, 0, "indent by two spaces: {line:?}");
        let level = indent / 2;
        assert!(level <= parents.len(), "nested under nothing: {line:?}");
        parents.truncate(level);
        let path = format!("{}{token}", parents.concat());
        if token.ends_with('/') {
            parents.push(token.to_string());
        }
        paths.push(path);
    }
    paths
}

/// The components named after "one component a file:".
fn components() -> Vec<String> {
    let lines = layout();
    let start = lines
        .iter()
        .position(|l| l.contains("one component a file:"))
        .expect("the components line");
    let mut text = lines[start]
        .split("one component a file:")
        .nth(1)
        .unwrap()
        .to_string();
    for line in &lines[start + 1..] {
        let indent = line.len() - line.trim_start().len();
        if indent < DESCRIPTION {
            break;
        }
        text.push(' ');
        text.push_str(line.trim());
    }
    text.split(',').map(|n| n.trim().to_string()).collect()
}

/// The `.rs` files and folders directly in `dir`, as `dir/name`.
fn entries(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            match e.file_type().ok()?.is_dir() {
                true => Some(format!("{dir}{name}/")),
                false => name.ends_with(".rs").then(|| format!("{dir}{name}")),
            }
        })
        .collect()
}

#[test]
fn every_listed_path_exists() {
    let paths = listed();
    assert!(paths.len() > 40, "{paths:?}");
    let missing: Vec<&String> = paths.iter().filter(|p| !root().join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "README lists paths that do not exist: {missing:?}"
    );
}

#[test]
fn every_module_is_listed() {
    let paths: BTreeSet<String> = listed().into_iter().collect();
    for dir in [
        "src/",
        "src/i18n/",
        "crates/retention-core/src/",
        "crates/retention-core/src/wasm/",
        "crates/retention-cli/src/",
    ] {
        let unlisted: Vec<String> = entries(dir).difference(&paths).cloned().collect();
        assert!(
            unlisted.is_empty(),
            "README's Code layout leaves out {unlisted:?}"
        );
    }
}

#[test]
fn every_component_is_listed() {
    let named: BTreeSet<String> = components()
        .iter()
        .map(|name| format!("src/components/{name}.rs"))
        .collect();
    let mut files = entries("src/components/");
    files.remove("src/components/mod.rs");
    assert_eq!(
        named, files,
        "README's components and src/components differ"
    );
}
