//! Native file, folder and save choosers (issue 27: the clerk never types a path).
//!
//! The dialog is opened here, from Rust (tauri-plugin-dialog's `DialogExt`), not from the
//! window: the WebView is granted no dialog or file-system permission (see
//! src-tauri/capabilities/main.json) and learns only the one path the clerk chose, which
//! it shows read-only and hands back to the command that uses it. `None`: cancelled.

use std::path::{Path, PathBuf};

use tauri::{State, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

use api::ErrorCode;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// What a chooser asks: the kind of dialog, the folder it opens in, the name it proposes.
#[derive(serde::Serialize)]
struct Question<'a> {
    kind: &'a str,
    directory: Option<&'a Path>,
    file_name: Option<&'a str>,
}

/// `ASSETDESK_TEST_CHOOSER_ANSWER_FILE=FILE` (tests/e2e only: WebDriver cannot drive a
/// native dialog): no dialog opens; the chooser writes its question as JSON to
/// `FILE.asked` and answers with the path written in FILE (empty: cancelled). Unset (or
/// empty) in normal use.
fn test_answer(question: &Question) -> Option<Option<PathBuf>> {
    let file = PathBuf::from(std::env::var_os("ASSETDESK_TEST_CHOOSER_ANSWER_FILE").filter(|f| !f.is_empty())?);
    let mut asked = file.clone().into_os_string();
    asked.push(".asked");
    let _ = std::fs::write(asked, serde_json::to_string(question).unwrap_or_default());
    let answer = std::fs::read_to_string(&file).unwrap_or_default();
    Some((!answer.trim().is_empty()).then(|| PathBuf::from(answer.trim())))
}

fn dialog(window: &WebviewWindow, title: &str, directory: Option<&Path>) -> FileDialogBuilder<tauri::Wry> {
    let mut builder = window.dialog().file().set_parent(window).set_title(title);
    if let Some(dir) = directory.filter(|d| d.is_dir()) {
        builder = builder.set_directory(dir);
    }
    builder
}

/// The chosen path as the window shows it (a desktop dialog always answers with a path).
fn shown(path: Option<tauri_plugin_dialog::FilePath>, state: &AppState) -> ApiResult<Option<String>> {
    path.map(|p| p.into_path().map(|p| p.display().to_string())).transpose().map_err(|e| {
        let error = api::Error::new(ErrorCode::Io, format!("the chosen item is not a file on this computer ({e})"), format!("所选的不是本机上的文件（{e}）"));
        ApiError::from_core(error, state.lang())
    })
}

fn answered(answer: Option<PathBuf>) -> ApiResult<Option<String>> {
    Ok(answer.map(|p| p.display().to_string()))
}

/// An AssetDesk backup to restore (`assetdesk-*.sqlite3`), starting in `start` (the
/// backup folder the page shows).
#[tauri::command]
pub async fn choose_backup_file(window: WebviewWindow, state: State<'_, AppState>, title: String, start: Option<String>) -> ApiResult<Option<String>> {
    let directory = start.map(PathBuf::from);
    if let Some(answer) = test_answer(&Question { kind: "backup_file", directory: directory.as_deref(), file_name: None }) {
        return answered(answer);
    }
    shown(dialog(&window, &title, directory.as_deref()).add_filter("AssetDesk", &["sqlite3"]).blocking_pick_file(), &state)
}

/// A folder (where backups go), starting in `start`.
#[tauri::command]
pub async fn choose_folder(window: WebviewWindow, state: State<'_, AppState>, title: String, start: Option<String>) -> ApiResult<Option<String>> {
    let directory = start.map(PathBuf::from);
    if let Some(answer) = test_answer(&Question { kind: "folder", directory: directory.as_deref(), file_name: None }) {
        return answered(answer);
    }
    shown(dialog(&window, &title, directory.as_deref()).set_can_create_directories(true).blocking_pick_folder(), &state)
}

/// Where to save a file the app writes, proposing `file_name` in the export folder; the
/// file type offered is the proposed name's extension.
#[tauri::command]
pub async fn choose_save_file(window: WebviewWindow, state: State<'_, AppState>, title: String, file_name: String) -> ApiResult<Option<String>> {
    let directory = state.export_dir.clone();
    if let Some(answer) = test_answer(&Question { kind: "save_file", directory: Some(&directory), file_name: Some(&file_name) }) {
        return answered(answer);
    }
    let _ = std::fs::create_dir_all(&directory);
    let mut builder = dialog(&window, &title, Some(&directory)).set_file_name(&file_name).set_can_create_directories(true);
    if let Some(ext) = Path::new(&file_name).extension().and_then(|e| e.to_str()) {
        builder = builder.add_filter(ext.to_uppercase(), &[ext]);
    }
    shown(builder.blocking_save_file(), &state)
}
