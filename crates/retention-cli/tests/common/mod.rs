//! The built `retention` binary, run as a user would: what every CLI test shares
//! (`mod common;`), so each check is written once.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `retention` with `args` and nothing on standard input.
pub fn retention(args: &[&str]) -> Output {
    retention_with(args, "")
}

/// Runs `retention` with `args` and `stdin` on standard input.
pub fn retention_with(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_retention"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("a stdin");
    input.write_all(stdin.as_bytes()).expect("stdin is written");
    drop(input);
    child.wait_with_output().expect("the binary ends")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What `retention` wrote to standard output.
pub fn stdout(output: &Output) -> String {
    text(&output.stdout)
}

/// What `retention` wrote to standard error.
pub fn stderr(output: &Output) -> String {
    text(&output.stderr)
}

/// A command line written as one string, split at spaces: `words("nps --promoters 5")`.
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// Succeeds (exit status 0) and returns standard output.
#[track_caller]
pub fn succeeds(args: &[&str]) -> String {
    succeeds_with(args, "")
}

/// [`succeeds`], with `stdin` on standard input.
#[track_caller]
pub fn succeeds_with(args: &[&str], stdin: &str) -> String {
    let output = retention_with(args, stdin);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}\nstdout: {}\nstderr: {}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// Fails with exit status `code` and `message` on standard error.
#[track_caller]
pub fn fails(args: &[&str], code: i32, message: &str) -> Output {
    fails_with(args, "", code, message)
}

/// [`fails`], with `stdin` on standard input.
#[track_caller]
pub fn fails_with(args: &[&str], stdin: &str, code: i32, message: &str) -> Output {
    let output = retention_with(args, stdin);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}: {}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains(message),
        "{args:?}: {:?} does not say {message:?}",
        stderr(&output)
    );
    output
}

/// `text` read as JSON.
#[track_caller]
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The line of `out` starting with `label`.
#[track_caller]
pub fn line<'a>(out: &'a str, label: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no line {label:?} in\n{out}"))
}

/// A fresh directory for one test's files, removed when the test ends.
pub struct TempDir(PathBuf);

impl TempDir {
    /// An empty directory named after `test`.
    pub fn new(test: &str) -> TempDir {
        TempDir(temp_dir(test))
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh directory for one test's files, kept after the test.
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("retention-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

/// Writes `content` to `name` in `dir` and returns the path as text.
pub fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("the fixture is written");
    path.to_string_lossy().into_owned()
}

/// `out` says `needed`; else the whole of `out` is shown.
#[track_caller]
pub fn assert_says(out: &str, needed: &str) {
    assert!(out.contains(needed), "{needed:?} is not in\n{out}");
}
