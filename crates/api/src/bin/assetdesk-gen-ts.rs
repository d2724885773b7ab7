//! Regenerates ui/src/generated/api.ts from the Rust types (run from anywhere).

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match api::typescript::write(&root) {
        Ok(file) => println!("wrote {}", file.display()),
        Err(e) => {
            eprintln!("assetdesk-gen-ts: {e}");
            std::process::exit(1);
        }
    }
}
