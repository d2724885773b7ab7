//! Depreciation (issue 6): thin commands over the core's monthly run, schedules,
//! re-opening, revisions, reports, disposal gain/loss and exports.


use tauri::{AppHandle, Emitter, State};

use crate::dto::valuation::{CategoryDefaultsDto, NewAssetDefaultsDto, DepreciationStatusDto, DisposalDto, RevisionInputDto, RunDto, ScheduleDto, SummaryDto};
use crate::dto::ExportDto;
use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Clone, serde::Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

fn period(text: &str) -> ledger::Result<ledger::Period> {
    ledger::parse_period("period", text)
}

#[tauri::command]
pub async fn depreciation_status(state: State<'_, AppState>) -> ApiResult<DepreciationStatusDto> {
    state.as_user(|ledger, actor| Ok(ledger.depreciation_status(actor)?.into()))
}

/// Computes a period without posting it; progress arrives as `depreciation-progress`.
#[tauri::command]
pub async fn preview_depreciation(app: AppHandle, state: State<'_, AppState>, period: String) -> ApiResult<RunDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        let run = ledger.preview_depreciation(actor, self::period(&period)?, &mut |done, total| {
            let _ = app.emit("depreciation-progress", Progress { done, total });
            true
        })?;
        Ok(RunDto::new(&run, lang))
    })
}

/// 计提折旧: posts a period (idempotent).
#[tauri::command]
pub async fn run_depreciation(app: AppHandle, state: State<'_, AppState>, period: String) -> ApiResult<RunDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        let run = ledger.run_depreciation(actor, self::period(&period)?, &mut |done, total| {
            let _ = app.emit("depreciation-progress", Progress { done, total });
            true
        })?;
        Ok(RunDto::new(&run, lang))
    })
}

#[tauri::command]
pub async fn reopen_period(state: State<'_, AppState>, period: String, reason: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.reopen_period(actor, self::period(&period)?, &reason))
}

#[tauri::command]
pub async fn depreciation_detail(state: State<'_, AppState>, period: String) -> ApiResult<RunDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| Ok(RunDto::new(&ledger.depreciation_detail(actor, self::period(&period)?)?, lang)))
}

#[tauri::command]
pub async fn depreciation_summary(state: State<'_, AppState>, period: String, by: String) -> ApiResult<Vec<SummaryDto>> {
    state.as_user(|ledger, actor| {
        let rows = ledger.depreciation_summary(actor, self::period(&period)?, ledger::SummaryBy::parse(&by)?)?;
        Ok(rows.iter().map(SummaryDto::from).collect())
    })
}

#[tauri::command]
pub async fn asset_schedule(state: State<'_, AppState>, code: String) -> ApiResult<ScheduleDto> {
    state.as_user(|ledger, actor| Ok(ledger.depreciation_schedule(actor, &code)?.into()))
}

/// A CAS 19 revision; returns the period it applies from.
#[tauri::command]
pub async fn revise_depreciation(state: State<'_, AppState>, code: String, input: RevisionInputDto) -> ApiResult<String> {
    state.as_user(|ledger, actor| Ok(ledger.revise_depreciation(actor, &code, &input.into())?.to_string()))
}

#[tauri::command]
pub async fn disposal_valuation(state: State<'_, AppState>, doc_no: String) -> ApiResult<DisposalDto> {
    state.as_user(|ledger, actor| Ok(ledger.disposal_valuation(actor, &doc_no)?.into()))
}

/// 处置费用 of a disposal document; returns its gain or loss again.
#[tauri::command]
pub async fn set_disposal_costs(state: State<'_, AppState>, doc_no: String, costs: String) -> ApiResult<DisposalDto> {
    state.as_user(|ledger, actor| {
        ledger.set_disposal_costs(actor, &doc_no, ledger::parse_money("cost", &costs)?)?;
        Ok(ledger.disposal_valuation(actor, &doc_no)?.into())
    })
}

/// 处置损益 of every disposal dated in `from..=to` (months).
#[tauri::command]
pub async fn disposal_report(state: State<'_, AppState>, from: String, to: String) -> ApiResult<Vec<DisposalDto>> {
    state.as_user(|ledger, actor| {
        let rows = ledger.disposal_report(actor, ledger::parse_period("from", &from)?, ledger::parse_period("to", &to)?)?;
        Ok(rows.into_iter().map(Into::into).collect())
    })
}

fn units(field: &str, text: &str) -> ledger::Result<ledger::Decimal> {
    text.trim().parse::<ledger::Decimal>().map_err(|_| {
        ledger::Error::invalid(field, format!("'{text}' is not a number of units"), format!("「{text}」不是有效的工作量"))
    })
}

/// Units-of-production: units used in a period.
#[tauri::command]
pub async fn set_units_used(state: State<'_, AppState>, code: String, period: String, units: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_units_used(actor, &code, self::period(&period)?, self::units("units", &units)?))
}

/// Units-of-production: the total expected units.
#[tauri::command]
pub async fn set_total_units(state: State<'_, AppState>, code: String, units: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_total_units(actor, &code, self::units("total_units", &units)?))
}

#[tauri::command]
pub async fn category_defaults(state: State<'_, AppState>) -> ApiResult<Vec<CategoryDefaultsDto>> {
    state.as_user(|ledger, actor| Ok(ledger.category_defaults(actor)?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub async fn set_category_defaults(state: State<'_, AppState>, category: String, method: String, life_years: String, salvage_rate: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_category_defaults(actor, &category, &method, &life_years, &salvage_rate))
}

/// Exports a period's 折旧明细表 (`kind` = detail), 折旧汇总 (category | dept) or the
/// register at its month end (register), with `export-progress` events.
#[tauri::command]
pub async fn export_depreciation(app: AppHandle, state: State<'_, AppState>, period: String, kind: String) -> ApiResult<ExportDto> {
    let lang = state.lang();
    let en = lang == ledger::Lang::En;
    let (stem, table) = state.as_user(|ledger, actor| {
        let p = self::period(&period)?;
        Ok(match kind.as_str() {
            "category" | "dept" => {
                let by = ledger::SummaryBy::parse(&kind)?;
                let rows = ledger.depreciation_summary(actor, p, by)?;
                (if en { "depreciation-summary" } else { "折旧汇总" }, exchange::depreciation_summary_table(&rows, by, lang))
            }
            "register" => (if en { "asset-register" } else { "资产明细账" }, exchange::asset_register_table(&ledger.asset_register_at(actor, p)?, lang)),
            _ => (if en { "depreciation" } else { "折旧明细表" }, exchange::depreciation_detail_table(&ledger.depreciation_detail(actor, p)?, lang)),
        })
    })?;
    crate::commands::export::write(&app, &state, &format!("{stem}-{period}"), stem, table)
}

/// The method, life and salvage a new asset of `category` gets (issue 27).
#[tauri::command]
pub async fn new_asset_defaults(state: State<'_, AppState>, category: String) -> ApiResult<NewAssetDefaultsDto> {
    state.as_user(|ledger, actor| Ok(ledger.new_asset_defaults(actor, &category)?.into()))
}
