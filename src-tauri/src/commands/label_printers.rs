//! Label printer setup beyond the settings file: the test page, the print history and
//! retrying a failed job. Thin: the rules are api::labels' (crates/label-jobs, the ledger).

use api::labels::{LabelJobDto, PrintResultDto};
use tauri::{AppHandle, State};

use crate::commands::labels::{call_labels, run_gathered, LabelPrints};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Prints printer `name`'s calibration page (ruler, offsets, dpi, language, a sample
/// label); returns the bytes sent. Nothing is recorded: it prints no asset.
#[tauri::command]
pub async fn label_printer_test(state: State<'_, AppState>, name: String) -> ApiResult<usize> {
    let page = call_labels(&state, |cx| api::labels::test_page(cx, &name))?;
    let lang = state.lang();
    // Sent outside the session lock and off the async runtime, like a print job.
    let sent = tauri::async_runtime::spawn_blocking(move || page.send().map_err(|e| (e.code(), e.message(lang), e.fields())))
        .await
        .map_err(|e| ApiError { code: "internal", message: e.to_string(), fields: vec![] })?;
    sent.map_err(|(code, message, fields)| ApiError { code, message: api::clip_quotes(&message), fields })
}

/// The print history, newest first.
#[tauri::command]
pub async fn label_jobs(state: State<'_, AppState>, limit: Option<usize>) -> ApiResult<Vec<LabelJobDto>> {
    call_labels(&state, |cx| api::labels::jobs(cx, limit.unwrap_or(200)))
}

/// Prints failed job `id` again (same assets, template, reason, printer), with progress.
#[tauri::command]
pub async fn retry_label_job(app: AppHandle, state: State<'_, AppState>, prints: State<'_, LabelPrints>, id: i64) -> ApiResult<PrintResultDto> {
    let gathered = call_labels(&state, |cx| api::labels::gather_retry(cx, id))?;
    run_gathered(app, &state, &prints, gathered).await
}
