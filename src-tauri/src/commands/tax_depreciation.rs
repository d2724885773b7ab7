//! The tax schedule (税务折旧, issue 21): thin commands over `api::tax_depreciation`.

use std::sync::atomic::Ordering;

use api::tax_depreciation::{self as tax, TaxReportDto, TaxReportRequestDto, TaxSettingDto, TaxSettingRequestDto};
use api::ExportDto;
use tauri::{AppHandle, Emitter, State};

use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Clone, serde::Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

#[tauri::command]
pub async fn tax_settings(state: State<'_, AppState>) -> ApiResult<Vec<TaxSettingDto>> {
    state.call(tax::settings)
}

/// Sets (an empty method: clears) a category's or an asset's tax method and life.
#[tauri::command]
pub async fn set_tax_setting(state: State<'_, AppState>, request: TaxSettingRequestDto) -> ApiResult<()> {
    state.call(|cx| tax::set(cx, &request))
}

#[tauri::command]
pub async fn tax_report(state: State<'_, AppState>, request: TaxReportRequestDto) -> ApiResult<TaxReportDto> {
    state.call(|cx| tax::report(cx, &request))
}

/// The report as a workbook in the export folder, with `export-progress` events;
/// `cancel_export` stops it.
#[tauri::command]
pub async fn export_tax_report(app: AppHandle, state: State<'_, AppState>, request: TaxReportRequestDto) -> ApiResult<ExportDto> {
    let stem = tax::stem(state.lang());
    let file = state.export_dir.join(format!("{stem}-{}-{}.xlsx", request.to.trim(), chrono::Local::now().format("%Y%m%d-%H%M%S")));
    state.cancel_export.store(false, Ordering::SeqCst);
    state.call(|cx| {
        std::fs::create_dir_all(&state.export_dir)?;
        tax::export(cx, &request, &file, &mut |done, total| {
            let _ = app.emit("export-progress", Progress { done, total });
            !state.cancel_export.load(Ordering::SeqCst)
        })
    })
}
