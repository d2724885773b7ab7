//! Label printer setup beyond the settings file: the test page, the print history and
//! retrying a failed job. Thin: the rules are crates/label-jobs' and the ledger's.

use label_jobs::Job;
use tauri::State;

use crate::commands::labels::{send_recorded, with_user};
use crate::dto_labels::{LabelJobDto, PrintResultDto};
use crate::error::ApiResult;
use crate::state::AppState;

/// Prints printer `name`'s calibration page (ruler, offsets, dpi, language, a sample
/// label); returns the bytes sent. Nothing is recorded: it prints no asset.
#[tauri::command]
pub async fn label_printer_test(state: State<'_, AppState>, name: String) -> ApiResult<usize> {
    let (ledger_bytes, entry) = with_user(&state, |ledger, _, store| {
        let entry = store.printer(Some(&name))?;
        Ok((label_jobs::test_page(ledger, store, &entry)?, entry))
    })?;
    // Sent outside the session lock, like a print job.
    with_user(&state, |_, _, _| {
        labels::send(&entry.printer_uri()?, &ledger_bytes, labels::DEFAULT_TIMEOUT)?;
        Ok(ledger_bytes.len())
    })
}

/// The print history, newest first.
#[tauri::command]
pub async fn label_jobs(state: State<'_, AppState>, limit: Option<usize>) -> ApiResult<Vec<LabelJobDto>> {
    with_user(&state, |ledger, actor, _| Ok(ledger.label_jobs(actor, limit.unwrap_or(200))?.into_iter().map(Into::into).collect()))
}

/// Prints failed job `id` again (same assets, template, reason, printer).
#[tauri::command]
pub async fn retry_label_job(state: State<'_, AppState>, id: i64) -> ApiResult<PrintResultDto> {
    let job = with_user(&state, |ledger, actor, store| {
        let req = Job::retry_request(ledger, actor, store, id)?;
        let job = Job::prepare(ledger, actor, store, &req)?;
        let id = job.begin(ledger, actor)?;
        Ok((job, id))
    })?;
    send_recorded(&state, job)
}
