//! ui/src/generated/api.ts is what the Rust types say now: it is regenerated into a
//! temporary folder and compared with the checked-in file.

#[test]
fn the_checked_in_typescript_is_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let fresh_root = tempfile::tempdir().unwrap();
    let fresh = api::typescript::write(fresh_root.path()).unwrap();
    let checked_in = root.join(api::typescript::GENERATED_FILE);
    let fresh = std::fs::read_to_string(fresh).unwrap();
    let current = std::fs::read_to_string(&checked_in).unwrap_or_default();
    assert!(
        fresh == current,
        "{} is stale: run `cargo run -p assetdesk-api --bin assetdesk-gen-ts` and commit the result",
        checked_in.display()
    );
}

#[test]
fn the_generated_file_declares_what_the_ui_imports() {
    let text = api::typescript::typescript();
    for name in ["AssetRow", "AssetDetail", "AssetInput", "AssetQuery", "Page<T>", "DocRequest", "DocumentDetail", "Dashboard", "Status", "DocKind", "FieldSpec"] {
        assert!(text.contains(&format!("export type {name} =")), "{name} is declared");
    }
    assert!(!text.contains("bigint"), "every integer crosses as a JS number");
    assert!(text.contains("export const DOC_FORMS"));
}
