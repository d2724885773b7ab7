//! The PDA / offline-collector round trip (issue 19): the expected list written to the
//! export folder for a PDA or a hand count, and a results file the clerk picked with the
//! file chooser (its bytes: nothing is typed, nothing is read from a path) imported.

use api::stocktake::{ScanFile, ScanImportDto};
use api::{ExportDto, Lang, StocktakeId};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Writes the expected list (`format`: "csv" or "xlsx"), optionally one location's or
/// department's share, into the export folder.
#[tauri::command]
pub async fn export_stocktake_expected(state: State<'_, AppState>, id: StocktakeId, location: String, dept: String, format: String) -> ApiResult<ExportDto> {
    let ext = if format == "csv" { "csv" } else { "xlsx" };
    let stem = if state.lang() == Lang::En { "expected" } else { "应盘清单" };
    let share = [location.trim(), dept.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    let share = if share.is_empty() { String::new() } else { format!("-{}", share.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")) };
    let file = state.export_dir.join(format!("{stem}-{}{share}-{}.{ext}", id.0, chrono::Local::now().format("%Y%m%d-%H%M%S")));
    state.call(|cx| {
        std::fs::create_dir_all(&state.export_dir)?;
        api::stocktake::export_expected(cx, id, &location, &dept, &file)
    })
}

/// Imports a PDA / batch results file chosen in the file chooser: CSV/TXT (UTF-8 or
/// GBK) or a workbook, per-line location and time when it has them (else `location`),
/// or the expected list with 实盘 ticked.
#[tauri::command]
pub async fn stocktake_import_file(state: State<'_, AppState>, id: StocktakeId, name: String, bytes: Vec<u8>, location: String) -> ApiResult<ScanImportDto> {
    state.call(|cx| api::stocktake::import_scans(cx, id, ScanFile::Bytes { name: &name, bytes }, &location))
}
