//! The benchmark binary refuses to time a debug build (issue 25). `cargo test` builds it
//! with the dev profile, so here it must stop at once, say why, and write nothing.
#![cfg(debug_assertions)]

use std::process::Command;

#[test]
fn a_debug_build_refuses_to_run_and_says_how_to_run_the_release_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.json");
    let output = Command::new(env!("CARGO_BIN_EXE_assetdesk-bench"))
        .args(["--assets", "10", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("this is a debug build"), "{stderr}");
    assert!(stderr.contains("cargo run --release -p assetdesk-bench"), "{stderr}");
    assert!(!stderr.contains("seeding"), "it started seeding: {stderr}");
    assert!(!out.exists());
}
