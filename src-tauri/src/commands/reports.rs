//! Standard reports (issue 9): the register with values and the changes in a period,
//! previewed, exported to Excel through the one export path, and printed to PDF.

use tauri::{AppHandle, State};

use crate::dto::reports::{ReportColumnDto, ReportRequestDto, ReportTableDto};
use crate::dto::ExportDto;
use crate::error::ApiResult;
use crate::state::AppState;

/// The report asked for, as titled sections: (title, sheet and file stem, sections).
pub(crate) fn build(ledger: &ledger::Ledger, actor: &ledger::Actor, request: ReportRequestDto, lang: ledger::Lang) -> ledger::Result<(String, &'static str, Vec<exchange::ReportSection>)> {
    let en = lang == ledger::Lang::En;
    if request.is_changes() {
        let (from, to, kinds) = request.changes_query()?;
        let report = ledger.changes_report(actor, from, to, &kinds)?;
        Ok((exchange::changes_report_title(&report, lang), if en { "asset-changes" } else { "资产变动" }, exchange::changes_report_sections(&report, lang)))
    } else {
        let report = ledger.register_report(actor, &request.register_query()?)?;
        Ok((exchange::register_report_title(&report, lang), if en { "asset-register" } else { "资产台账" }, exchange::register_report_sections(&report, lang)))
    }
}

/// The columns a clerk may choose for the register, in the UI language.
#[tauri::command]
pub async fn report_columns(state: State<'_, AppState>) -> ApiResult<Vec<ReportColumnDto>> {
    let lang = state.lang();
    let defaults = ledger::ReportColumn::defaults();
    Ok(ledger::ReportColumn::all().into_iter().map(|c| ReportColumnDto { key: c.as_str(), label: c.label(lang), default: defaults.contains(&c) }).collect())
}

/// The report's preview: the first rows of each section, every subtotal and the total.
#[tauri::command]
pub async fn preview_report(state: State<'_, AppState>, request: ReportRequestDto) -> ApiResult<ReportTableDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        let (title, _, sections) = build(ledger, actor, request, lang)?;
        Ok(ReportTableDto::new(title, &sections))
    })
}

/// The report as a workbook (subtotal rows in bold), with `export-progress` and cancel.
#[tauri::command]
pub async fn export_report(app: AppHandle, state: State<'_, AppState>, request: ReportRequestDto) -> ApiResult<ExportDto> {
    let lang = state.lang();
    let (_, stem, sections) = state.as_user(|ledger, actor| build(ledger, actor, request, lang))?;
    let flat = exchange::flatten_sections(&sections);
    crate::commands::export::write_bold(&app, &state, stem, stem, (flat.columns, flat.rows), &flat.bold)
}

