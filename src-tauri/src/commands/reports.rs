//! Standard reports (issue 9): the register with values and the changes in a period,
//! previewed, exported to Excel through the one export path, and printed to PDF
//! (crates/api/src/reports.rs builds them).

use api::reports::{ReportColumnDto, ReportRequestDto, ReportTableDto};
use api::ExportDto;
use tauri::{AppHandle, State};

use crate::commands::export::write_table;
use crate::error::ApiResult;
use crate::state::AppState;

/// The columns a clerk may choose for the register, in the UI language.
#[tauri::command]
pub async fn report_columns(state: State<'_, AppState>) -> ApiResult<Vec<ReportColumnDto>> {
    state.call(api::reports::columns)
}

/// The report's preview: the first rows of each section, every subtotal and the total.
#[tauri::command]
pub async fn preview_report(state: State<'_, AppState>, request: ReportRequestDto) -> ApiResult<ReportTableDto> {
    state.call(|cx| api::reports::preview(cx, request))
}

/// The report as a workbook (subtotal rows in bold), with `export-progress` and cancel.
#[tauri::command]
pub async fn export_report(app: AppHandle, state: State<'_, AppState>, request: ReportRequestDto) -> ApiResult<ExportDto> {
    let table = state.call(|cx| api::reports::table(cx, request))?;
    write_table(&app, &state, table)
}
