//! Depreciation and value (issues 6, 21): thin commands over `api::valuation` — the
//! monthly run, schedules, re-opening, revisions, reports and their exports, disposal
//! gain/loss, category defaults and the accounting regime.

use std::sync::atomic::Ordering;

use api::valuation::{
    self as valuation, CategoryDefaultsDto, DepreciationStatusDto, DisposalDto, NewAssetDefaultsDto, RegimeDto, ReportKind, RevisionInputDto, RunDto, ScheduleDto,
    SummaryDto, RUN_LINES_SHOWN,
};
use api::{AssetCode, ExportDto};
use tauri::{AppHandle, Emitter, State};

use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Clone, serde::Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

#[tauri::command]
pub async fn depreciation_status(state: State<'_, AppState>) -> ApiResult<DepreciationStatusDto> {
    state.call(valuation::status)
}

/// Computes a period without posting it; progress arrives as `depreciation-progress`.
#[tauri::command]
pub async fn preview_depreciation(app: AppHandle, state: State<'_, AppState>, period: String) -> ApiResult<RunDto> {
    state.call(|cx| {
        valuation::run(cx, &period, false, Some(RUN_LINES_SHOWN), &mut |done, total| {
            let _ = app.emit("depreciation-progress", Progress { done, total });
            true
        })
    })
}

/// 计提折旧: posts a period (idempotent).
#[tauri::command]
pub async fn run_depreciation(app: AppHandle, state: State<'_, AppState>, period: String) -> ApiResult<RunDto> {
    state.call(|cx| {
        valuation::run(cx, &period, true, Some(RUN_LINES_SHOWN), &mut |done, total| {
            let _ = app.emit("depreciation-progress", Progress { done, total });
            true
        })
    })
}

#[tauri::command]
pub async fn reopen_period(state: State<'_, AppState>, period: String, reason: String) -> ApiResult<()> {
    state.call(|cx| valuation::reopen(cx, &period, &reason))
}

#[tauri::command]
pub async fn depreciation_detail(state: State<'_, AppState>, period: String) -> ApiResult<RunDto> {
    state.call(|cx| valuation::detail(cx, &period, Some(RUN_LINES_SHOWN)))
}

#[tauri::command]
pub async fn depreciation_summary(state: State<'_, AppState>, period: String, by: String) -> ApiResult<Vec<SummaryDto>> {
    state.call(|cx| valuation::summary(cx, &period, &by))
}

#[tauri::command]
pub async fn asset_schedule(state: State<'_, AppState>, code: AssetCode) -> ApiResult<ScheduleDto> {
    state.call(|cx| valuation::schedule(cx, &code))
}

/// A CAS 19 revision; returns the period it applies from.
#[tauri::command]
pub async fn revise_depreciation(state: State<'_, AppState>, code: AssetCode, input: RevisionInputDto) -> ApiResult<String> {
    state.call(|cx| valuation::revise(cx, &code, input))
}

#[tauri::command]
pub async fn disposal_valuation(state: State<'_, AppState>, doc_no: String) -> ApiResult<DisposalDto> {
    state.call(|cx| valuation::disposal(cx, &doc_no))
}

/// 处置费用 of a disposal document; returns its gain or loss again.
#[tauri::command]
pub async fn set_disposal_costs(state: State<'_, AppState>, doc_no: String, costs: String) -> ApiResult<DisposalDto> {
    state.call(|cx| valuation::set_disposal_costs(cx, &doc_no, &costs))
}

/// 处置损益 of every disposal dated in `from..=to` (months).
#[tauri::command]
pub async fn disposal_report(state: State<'_, AppState>, from: String, to: String) -> ApiResult<Vec<DisposalDto>> {
    state.call(|cx| valuation::disposal_report(cx, &from, &to))
}

/// Units-of-production: units used in a period.
#[tauri::command]
pub async fn set_units_used(state: State<'_, AppState>, code: AssetCode, period: String, units: String) -> ApiResult<()> {
    state.call(|cx| valuation::set_units_used(cx, &code, &period, &units).map(drop))
}

/// Units-of-production: the total expected units.
#[tauri::command]
pub async fn set_total_units(state: State<'_, AppState>, code: AssetCode, units: String) -> ApiResult<()> {
    state.call(|cx| valuation::set_total_units(cx, &code, &units).map(drop))
}

#[tauri::command]
pub async fn category_defaults(state: State<'_, AppState>) -> ApiResult<Vec<CategoryDefaultsDto>> {
    state.call(valuation::category_defaults)
}

#[tauri::command]
pub async fn set_category_defaults(state: State<'_, AppState>, category: String, method: String, life_years: String, salvage_rate: String) -> ApiResult<()> {
    state.call(|cx| valuation::set_category_defaults(cx, &category, &method, &life_years, &salvage_rate))
}

/// Exports a period's 折旧明细表 (`kind` = detail), 折旧汇总 (category | dept) or the
/// register at its month end (register) into the export folder, with `export-progress`
/// events; `cancel_export` stops it.
#[tauri::command]
pub async fn export_depreciation(app: AppHandle, state: State<'_, AppState>, period: String, kind: String) -> ApiResult<ExportDto> {
    let kind = state.call(|_| ReportKind::parse(&kind))?;
    let stem = kind.stem(state.lang());
    let file = state.export_dir.join(format!("{stem}-{period}-{}.xlsx", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    state.cancel_export.store(false, Ordering::SeqCst);
    state.call(|cx| {
        std::fs::create_dir_all(&state.export_dir)?;
        valuation::export(cx, &period, kind, &file, &mut |done, total| {
            let _ = app.emit("export-progress", Progress { done, total });
            !state.cancel_export.load(Ordering::SeqCst)
        })
    })
}

/// The method, life and salvage a new asset of `category` gets (issue 27).
#[tauri::command]
pub async fn new_asset_defaults(state: State<'_, AppState>, category: String) -> ApiResult<NewAssetDefaultsDto> {
    state.call(|cx| valuation::new_asset_defaults(cx, &category))
}

/// The ledger's accounting regime (issue 21) and whether it may still change.
#[tauri::command]
pub async fn accounting_regime(state: State<'_, AppState>) -> ApiResult<RegimeDto> {
    state.call(valuation::regime)
}

/// Sets the regime; refused once depreciation has been run.
#[tauri::command]
pub async fn set_accounting_regime(state: State<'_, AppState>, regime: String) -> ApiResult<RegimeDto> {
    state.call(|cx| valuation::set_regime(cx, &regime))
}

/// A category's minimum life in years (empty clears it).
#[tauri::command]
pub async fn set_category_min_life(state: State<'_, AppState>, category: String, years: String) -> ApiResult<()> {
    state.call(|cx| valuation::set_category_min_life(cx, &category, &years))
}
