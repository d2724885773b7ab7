//! A damaged ledger at start (`app_status` answers `damaged_ledger`): the verified
//! backups to choose from, and the restore. No login: a damaged ledger cannot be logged
//! in to; the core only replaces a ledger that is damaged (or missing), only with a
//! verified backup, and keeps the damaged file beside it (crates/api/src/backups.rs).

use std::path::{Path, PathBuf};

use api::backups::BackupDto;
use api::Lang;
use tauri::{AppHandle, Emitter, State};

use crate::error::ApiResult;
use crate::state::AppState;

/// Checks every page of the ledger (`quick_check`: it reads the whole file, ~2 s cold at
/// 100,000 assets) without holding up the start; a damaged ledger sends the window to
/// the recovery screen (`ledger-damaged`, with the message naming the file).
pub fn check_in_background(app: AppHandle, dir: PathBuf, lang: Lang) {
    std::thread::spawn(move || {
        if let Some(damage) = api::backups::damage(&dir) {
            let _ = app.emit("ledger-damaged", damage.message(lang).to_string());
        }
    });
}

/// Backups found in the ledger's backup folder and restore points, newest first, plus
/// those in `dir` when the clerk names another folder (the configured backup folder is
/// inside the damaged ledger, so it cannot be read).
#[tauri::command]
pub async fn recovery_backups(state: State<'_, AppState>, dir: Option<String>) -> ApiResult<Vec<BackupDto>> {
    let extra: Vec<PathBuf> = dir.filter(|d| !d.trim().is_empty()).map(|d| PathBuf::from(d.trim())).into_iter().collect();
    Ok(api::backups::recovery_backups(&state.data_dir, &extra))
}

/// Puts the backup `file` in place of the damaged ledger; returns where the damaged
/// file was kept. The ledger is open again afterwards, waiting for a login.
#[tauri::command]
pub async fn restore_damaged(state: State<'_, AppState>, file: String) -> ApiResult<Option<String>> {
    state.with_session(|desk| Ok(desk.restore_damaged(&state.data_dir, Path::new(file.trim()))?.map(|p| p.display().to_string())))
}
