fn main() {
    // The config lives at the repository root (see DESIGN.md), not beside this crate.
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json")).expect("tauri build script");
}
