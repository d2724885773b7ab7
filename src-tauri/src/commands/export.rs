//! Excel exports of the lists. The table is read under the session lock (a use case of
//! crates/api); the workbook is written after it is released, with progress events,
//! and can be cancelled; then the export is recorded.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use api::assets::AssetQueryDto;
use api::documents::DocQueryDto;
use api::export::Table;
use api::ExportDto;
use tauri::{AppHandle, Emitter, State};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Clone, serde::Serialize)]
struct ExportProgress {
    done: usize,
    total: usize,
}

/// `<export dir>/<stem>-<time>.<ext>`: where the desktop writes what the clerk exports.
pub(crate) fn export_file(state: &AppState, stem: &str, ext: &str) -> PathBuf {
    state.export_dir.join(format!("{stem}-{}.{ext}", chrono::Local::now().format("%Y%m%d-%H%M%S")))
}

/// Writes `table` to the export folder with progress events and cancel, then records
/// the export; every list's export goes through here.
pub(crate) fn write_table(app: &AppHandle, state: &AppState, table: Table) -> ApiResult<ExportDto> {
    let file = export_file(state, &table.stem, "xlsx");
    state.cancel_export.store(false, Ordering::SeqCst);
    std::fs::create_dir_all(&state.export_dir)
        .map_err(api::Error::from)
        .and_then(|_| {
            api::export::write_xlsx(&table, &file, &mut |done, total| {
                let _ = app.emit("export-progress", ExportProgress { done, total });
                !state.cancel_export.load(Ordering::SeqCst)
            })
        })
        .map_err(|e| ApiError::from_core(e, state.lang()))?;
    state.call(|cx| api::export::recorded(cx, &file.display().to_string(), table.rows()))
}


/// Exports the asset list exactly as filtered on screen (every page), streamed.
#[tauri::command]
pub async fn export_assets(app: AppHandle, state: State<'_, AppState>, query: AssetQueryDto) -> ApiResult<ExportDto> {
    let file = export_file(&state, api::assets::export_stem(state.lang()), "xlsx");
    state.cancel_export.store(false, Ordering::SeqCst);
    std::fs::create_dir_all(&state.export_dir).map_err(|e| ApiError::from_core(e.into(), state.lang()))?;
    // Streamed: each chunk of rows is read under the session lock, written outside it.
    api::assets::export(&mut |step| state.step(step), query, &file, &mut |done, total| {
        let _ = app.emit("export-progress", ExportProgress { done, total });
        !state.cancel_export.load(Ordering::SeqCst)
    })
    .map_err(|e| ApiError::from_core(e, state.lang()))
}

/// Exports a document list exactly as filtered on screen (every page).
#[tauri::command]
pub async fn export_documents(app: AppHandle, state: State<'_, AppState>, query: DocQueryDto) -> ApiResult<ExportDto> {
    let table = state.call(|cx| api::documents::table(cx, DocQueryDto { offset: 0, limit: 0, ..query }))?;
    write_table(&app, &state, table)
}

#[tauri::command]
pub async fn cancel_export(state: State<'_, AppState>) -> ApiResult<()> {
    state.cancel_export.store(true, Ordering::SeqCst);
    Ok(())
}

/// Exports the audit log (newest first; `limit` 0: all); itself an audited special operation.
#[tauri::command]
pub async fn export_audit(app: AppHandle, state: State<'_, AppState>, limit: i64) -> ApiResult<ExportDto> {
    let table = state.call(|cx| api::audit::table(cx, limit))?;
    write_table(&app, &state, table)
}
