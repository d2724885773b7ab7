//! Printable PDFs of the reports, written to the export folder: the same tables the
//! Excel exports hold, laid out by the reports crate.

use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

pub(crate) fn save(state: &AppState, stem: &str, bytes: Vec<u8>) -> ledger::Result<String> {
    std::fs::create_dir_all(&state.export_dir)?;
    let file = state.export_dir.join(format!("{stem}-{}.pdf", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    std::fs::write(&file, bytes)?;
    Ok(file.display().to_string())
}

/// The stocktake's statistics and difference details as a PDF; returns its path.
#[tauri::command]
pub async fn print_stocktake_report(state: State<'_, AppState>, id: i64) -> ApiResult<String> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        let report = ledger.stocktake_report(actor, id)?;
        let title = format!("{} {}", report.task.name, if lang == ledger::Lang::En { "stocktake report" } else { "盘点报告" });
        let bytes = reports::render_tables(&ledger.settings()?.org_name, &title, &exchange::stocktake_sheets(&report, lang), lang);
        let file = save(&state, if lang == ledger::Lang::En { "stocktake-report" } else { "盘点报告" }, bytes)?;
        ledger.record_export(actor, &file, report.surplus.len() + report.missing.len() + report.misplaced.len())?;
        Ok(file)
    })
}

/// A depreciation report (detail, summary by category or dept, or register) as a PDF.
#[tauri::command]
pub async fn print_depreciation_report(state: State<'_, AppState>, period: String, kind: String) -> ApiResult<String> {
    let lang = state.lang();
    let en = lang == ledger::Lang::En;
    state.as_user(|ledger, actor| {
        let p = ledger::parse_period("period", &period)?;
        let (title, table) = match kind.as_str() {
            "category" | "dept" => {
                let by = ledger::SummaryBy::parse(&kind)?;
                (if en { "Depreciation summary" } else { "折旧汇总表" }, exchange::depreciation_summary_table(&ledger.depreciation_summary(actor, p, by)?, by, lang))
            }
            "register" => (if en { "Asset register" } else { "资产明细账" }, exchange::asset_register_table(&ledger.asset_register_at(actor, p)?, lang)),
            _ => (if en { "Depreciation detail" } else { "折旧明细表" }, exchange::depreciation_detail_table(&ledger.depreciation_detail(actor, p)?, lang)),
        };
        let heading = format!("{title} {period}");
        let rows = table.1.len();
        let bytes = reports::render_tables_fingerprinted(&ledger.settings()?.org_name, &heading, &[(heading.clone(), table.0, table.1)], lang, &Default::default(), &ledger.audit_fingerprint()?);
        let file = save(&state, &format!("{title}-{period}"), bytes)?;
        ledger.record_export(actor, &file, rows)?;
        Ok(file)
    })
}
