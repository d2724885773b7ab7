//! Excel exports of the lists. The rows are read under the session lock; the workbook
//! is written after it is released, with progress events, and can be cancelled.

use std::sync::atomic::Ordering;

use tauri::{AppHandle, Emitter, State};

use crate::dto::{AssetQueryDto, DocQueryDto, ExportDto};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Clone, serde::Serialize)]
struct ExportProgress {
    done: usize,
    total: usize,
}

/// Writes one table to `<export dir>/<stem>-<time>.xlsx` with progress events and
/// cancel, then records the export; every list's export goes through here.
pub(crate) fn write(app: &AppHandle, state: &AppState, stem: &str, sheet: &str, table: (Vec<exchange::Column>, Vec<Vec<exchange::Cell>>)) -> ApiResult<ExportDto> {
    write_bold(app, state, stem, sheet, table, &[])
}

/// [`write`] with the rows at the `bold` indices (subtotals, totals) in bold.
pub(crate) fn write_bold(app: &AppHandle, state: &AppState, stem: &str, sheet: &str, table: (Vec<exchange::Column>, Vec<Vec<exchange::Cell>>), bold: &[usize]) -> ApiResult<ExportDto> {
    let lang = state.lang();
    let dir = state.export_dir.clone();
    let file = dir.join(format!("{stem}-{}.xlsx", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    state.cancel_export.store(false, Ordering::SeqCst);
    let (columns, cells) = table;
    let rows = cells.len();
    std::fs::create_dir_all(&dir)
        .map_err(ledger::Error::from)
        .and_then(|_| {
            exchange::write_xlsx_bold(&file, sheet, &columns, &cells, bold, &mut |done, total| {
                let _ = app.emit("export-progress", ExportProgress { done, total });
                !state.cancel_export.load(Ordering::SeqCst)
            })
            .map_err(ledger::Error::from)
        })
        .map_err(|e| ApiError::from_core(e, lang))?;
    state.as_user(|ledger, actor| ledger.record_export(actor, &file.display().to_string(), rows))?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}

/// Exports the asset list exactly as filtered on screen.
#[tauri::command]
pub async fn export_assets(app: AppHandle, state: State<'_, AppState>, query: AssetQueryDto) -> ApiResult<ExportDto> {
    let lang = state.lang();
    let rows = state.as_user(|ledger, actor| {
        let mut q = query.into_query()?;
        q.offset = 0;
        q.limit = 0;
        Ok(ledger.list_assets(actor, &q)?.rows)
    })?;
    let (stem, sheet) = if lang == ledger::Lang::En { ("asset-ledger", "Ledger") } else { ("资产台账", "资产台账") };
    write(&app, &state, stem, sheet, exchange::asset_table(&rows, lang))
}

/// Exports a document list exactly as filtered on screen.
#[tauri::command]
pub async fn export_documents(app: AppHandle, state: State<'_, AppState>, query: DocQueryDto) -> ApiResult<ExportDto> {
    let lang = state.lang();
    let rows = state.as_user(|ledger, actor| {
        let mut q = query.into_query()?;
        q.offset = 0;
        q.limit = 0;
        Ok(ledger.list_documents(actor, &q)?.rows)
    })?;
    let (stem, sheet) = if lang == ledger::Lang::En { ("documents", "Documents") } else { ("单据", "单据") };
    write(&app, &state, stem, sheet, exchange::document_table(&rows, lang))
}

#[tauri::command]
pub async fn cancel_export(state: State<'_, AppState>) -> ApiResult<()> {
    state.cancel_export.store(true, Ordering::SeqCst);
    Ok(())
}

/// Exports the audit log (newest first); itself an audited special operation.
#[tauri::command]
pub async fn export_audit(app: AppHandle, state: State<'_, AppState>, limit: i64) -> ApiResult<ExportDto> {
    let lang = state.lang();
    let entries = state.as_user(|ledger, actor| ledger.audit_entries(actor, if limit > 0 { limit } else { i64::MAX }))?;
    let (stem, sheet) = if lang == ledger::Lang::En { ("audit-log", "Audit log") } else { ("审计日志", "审计日志") };
    write(&app, &state, stem, sheet, exchange::audit_table(&entries, lang))
}
