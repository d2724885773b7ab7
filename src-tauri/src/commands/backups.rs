//! Backups on the system page: the backup folder's backups, taking one, checking a
//! file before restoring it, and the restore (crates/api/src/backups.rs).

use std::path::Path;

use api::backups::{BackupDto, BackupStatusDto};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> ApiResult<BackupStatusDto> {
    state.call(api::backups::status)
}

/// Writes a backup into `dir` (None: the backup folder); returns its file.
#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>, dir: Option<String>) -> ApiResult<String> {
    state.call(|cx| api::backups::create(cx, dir.as_deref().map(|d| Path::new(d.trim())), 30)).map(|f| f.display().to_string())
}

/// What a backup file holds, before restoring it.
#[tauri::command]
pub async fn inspect_backup(state: State<'_, AppState>, file: String) -> ApiResult<BackupDto> {
    Ok(api::backups::inspect(Path::new(&file), state.lang()))
}

/// Restores the backup `file`; returns the restore point the ledger as it was is kept in.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file: String) -> ApiResult<String> {
    state.call(|cx| api::backups::restore(cx, Path::new(&file))).map(|f| f.display().to_string())
}
