//! The PDA / offline-collector round trip (issue 19): the expected list written to the
//! export folder for a PDA or a hand count, and a results file the clerk picked with the
//! file chooser (its bytes: nothing is typed, nothing is read from a path) imported.

use ledger::{Lang, ScanSource};
use tauri::State;

use crate::dto::ExportDto;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::stocktake_dto::{ImportDto, ScanOutcomeDto};

/// Writes the expected list (`format`: "csv" or "xlsx"), optionally one location's or
/// department's share, into the export folder.
#[tauri::command]
pub async fn export_stocktake_expected(state: State<'_, AppState>, id: i64, location: String, dept: String, format: String) -> ApiResult<ExportDto> {
    let lang = state.lang();
    let lines = state.as_user(|l, a| l.stocktake_expected(a, id, &location, &dept))?;
    let ext = if format == "csv" { "csv" } else { "xlsx" };
    let stem = if lang == Lang::En { "expected" } else { "应盘清单" };
    let share = [location.trim(), dept.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    let share = if share.is_empty() { String::new() } else { format!("-{}", share.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")) };
    let file = state.export_dir.join(format!("{stem}-{id}{share}-{}.{ext}", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    let rows = std::fs::create_dir_all(&state.export_dir)
        .map_err(ledger::Error::from)
        .and_then(|_| exchange::write_expected(&file, &lines, lang).map_err(ledger::Error::from))
        .map_err(|e| ApiError::from_core(e, lang))?;
    state.as_user(|l, a| l.record_export(a, &file.display().to_string(), rows))?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}

/// Imports a PDA / batch results file chosen in the file chooser: CSV/TXT (UTF-8 or
/// GBK) or a workbook, per-line location and time when it has them (else `location`),
/// or the expected list with 实盘 ticked.
#[tauri::command]
pub async fn stocktake_import_file(state: State<'_, AppState>, id: i64, name: String, bytes: Vec<u8>, location: String) -> ApiResult<ImportDto> {
    let lang = state.lang();
    let batch = exchange::parse_scan_file(bytes, &name).map_err(|e| ApiError::from_core(e.into(), lang))?;
    state.as_user(|l, a| {
        let session = Some(l.begin_scan_session(a, id, ScanSource::Batch, &name)?);
        let result = l.import_scans(a, id, &exchange::scans_of(&batch, &location, session))?;
        let errors = exchange::import_errors(&batch, &result.errors, lang);
        Ok(ImportDto {
            imported: result.outcomes.len(),
            not_counted: batch.not_counted,
            outcomes: result.outcomes.into_iter().map(|o| ScanOutcomeDto::new(id, o, ScanSource::Batch, lang)).collect(),
            errors: errors.into_iter().map(|(_, m)| m).collect(),
        })
    })
}
