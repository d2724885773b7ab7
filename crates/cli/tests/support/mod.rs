//! What every CLI test file needs: the built `assetdesk` run on a ledger folder with the
//! test password, its JSON answers and refusals, and a fresh ledger. Each file uses its
//! own subset, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

pub const PASSWORD: &str = "secret-123";
/// The password `user add` gives new users in these tests.
pub const NEW_USER_PASSWORD: &str = "clerk-pass";

/// `assetdesk --data-dir DIR ARGS...` with the test passwords and no language from the
/// environment (messages in the ledger's language).
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_assetdesk"));
    c.arg("--data-dir").arg(dir).args(args).env("ASSETDESK_PASSWORD", PASSWORD).env("ASSETDESK_NEW_PASSWORD", NEW_USER_PASSWORD).env_remove("LANG").env_remove("ASSETDESK_LANG");
    c
}

pub fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("run assetdesk")
}

/// As `run`, with messages and headers in `lang` ("en", "zh-CN").
pub fn run_in(dir: &Path, lang: &str, args: &[&str]) -> Output {
    command(dir, args).env("ASSETDESK_LANG", lang).output().expect("run assetdesk")
}

fn with_json<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    all
}

fn parse_success(args: &[&str], out: Output) -> Value {
    assert!(out.status.success(), "assetdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The JSON answer of a command that must succeed.
pub fn json(dir: &Path, args: &[&str]) -> Value {
    parse_success(args, run(dir, &with_json(args)))
}

pub fn json_in(dir: &Path, lang: &str, args: &[&str]) -> Value {
    parse_success(args, run_in(dir, lang, &with_json(args)))
}

/// A refused command: exit 1, the JSON error document on stdout and a one-line message
/// on stderr; returns both.
pub fn refused(dir: &Path, args: &[&str]) -> (Value, String) {
    let out = run(dir, &with_json(args));
    assert_eq!(out.status.code(), Some(1), "assetdesk {args:?} should be refused: {}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.trim().is_empty(), "a one-line message on stderr");
    (serde_json::from_slice(&out.stdout).expect("a JSON error on stdout"), stderr)
}

/// The `{"code","message"}` of a refused command.
pub fn refused_error(dir: &Path, args: &[&str]) -> Value {
    refused(dir, args).0["error"].clone()
}

/// A new ledger (admin "admin", organisation 示例单位) in a temporary folder.
pub fn init() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--admin", "admin", "--company", "示例单位"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}
