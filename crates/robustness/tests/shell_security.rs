//! The desktop shell's security settings, read from the files that set them, so a
//! change that widens them fails here: the window may call only AssetDesk's own
//! commands (no plugin permissions: no file system, shell, HTTP or dialog plugin), the
//! CSP lets nothing load from anywhere but the app itself, and the UI names no remote URL.
//! Files reach the backend only as the bytes of the one file the clerk picked in the
//! WebView's own file chooser (`<input type="file">`), never as file-system access.
//!
//! One plugin is linked (issue 27: no typed paths): tauri-plugin-dialog, for native
//! folder and save choosers the WebView's `<input type="file">` cannot offer. It is opened
//! only by the backend (src-tauri/src/commands/choose.rs, through `DialogExt`); the
//! window is granted none of its permissions and has no npm binding for it, so a script
//! in the window cannot open a dialog or browse the disk — it learns only the path the
//! clerk chose (tests/e2e/test_choosers.py checks that the window's own call is refused).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_window_may_use_only_core_events_and_no_plugin() {
    let dir = root().join("src-tauri/capabilities");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let cap: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(cap["permissions"], serde_json::json!(["core:event:default"]));
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "no remote URL may call the backend");
    let cargo = read("src-tauri/Cargo.toml");
    let plugins: Vec<&str> = cargo.lines().filter(|l| l.trim_start().starts_with("tauri-plugin")).map(|l| l.split('=').next().unwrap().trim()).collect();
    assert_eq!(plugins, vec!["tauri-plugin-dialog"], "the only Tauri plugin linked is the dialog, for the backend's choosers");
    let main = read("src-tauri/src/main.rs");
    assert_eq!(main.matches(".plugin(").count(), 1, "one plugin is registered");
    assert!(main.contains(".plugin(tauri_plugin_dialog::init())"));
    // Only the chooser module opens dialogs.
    let mut shell = Vec::new();
    rust_sources(&root().join("src-tauri/src"), &mut shell);
    for file in &shell {
        let uses_dialog = std::fs::read_to_string(file).unwrap().contains("tauri_plugin_dialog");
        let allowed = file.ends_with("commands/choose.rs") || file.ends_with("src/main.rs");
        assert!(!uses_dialog || allowed, "{} opens dialogs; keep them in commands/choose.rs", file.display());
    }
    let package: serde_json::Value = serde_json::from_str(&read("ui/package.json")).unwrap();
    let deps: Vec<&String> = package["dependencies"].as_object().unwrap().keys().collect();
    assert_eq!(deps, vec!["@tauri-apps/api"], "the UI's only runtime dependency is the Tauri API");
}

#[test]
fn the_csp_loads_nothing_from_outside_the_app() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace();
            (words.next().unwrap(), words.collect())
        })
        .collect();
    let get = |name: &str| directives.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
    assert_eq!(get("default-src"), Some(vec!["'self'"]));
    assert_eq!(get("script-src"), Some(vec!["'self'"]), "no inline or eval'd script, no remote script");
    for (name, sources) in &directives {
        for s in sources {
            let allowed = matches!(*s, "'self'" | "data:" | "blob:" | "ipc:" | "http://ipc.localhost" | "'unsafe-inline'");
            assert!(allowed, "{name} allows {s}");
            assert!(*s != "'unsafe-inline'" || *name == "style-src", "only styles may be inline ({name})");
        }
    }
    assert!(conf["app"]["security"].get("dangerousDisableAssetCspModification").is_none());
}

fn rust_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "ts" || e == "svelte" || e == "html" || e == "css") {
            out.push(path);
        }
    }
}

#[test]
fn the_ui_names_no_remote_url_and_opens_no_file_itself() {
    let mut files = vec![root().join("ui/index.html")];
    sources(&root().join("ui/src"), &mut files);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for bad in ["http://", "https://", "//cdn", "@tauri-apps/plugin-"] {
                let ok = bad == "http://" && line.contains("http://www.w3.org/2000/svg");
                assert!(ok || !line.contains(bad), "{}:{}: {bad} in {line:?}", file.display(), n + 1);
            }
        }
    }
    // Only api.ts talks to the backend.
    let invoking: Vec<String> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("@tauri-apps/api/core"))
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(invoking, vec!["api.ts".to_string()]);
}
