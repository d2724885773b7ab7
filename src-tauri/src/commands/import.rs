//! The import wizard: the clerk's file is uploaded once and kept in memory; the plan
//! (header, column mapping, errors) is shown and can be re-planned with another sheet
//! or mapping; then the valid rows are stored. Issue 20: the import batches are listed
//! and a whole batch can be voided.

use std::sync::atomic::Ordering;

use api::import::{ApplyOptions, BatchQueryDto, ImportBatchDto, ImportFile, ImportResultDto, PlanDto, PlanRequestDto};
use api::{DocNo, ExportDto};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The uploaded file, or why there is none yet.
fn uploaded(state: &AppState) -> ApiResult<ImportFile> {
    let lang = state.lang();
    let upload = state.import_upload.lock().map_err(|_| ApiError::from_core(api::Error::new(api::ErrorCode::Internal, "busy", "忙"), lang))?;
    let (name, bytes) = upload.clone().ok_or_else(|| ApiError::from_core(api::Error::invalid("file", "choose a file to import first", "请先选择要导入的文件"), lang))?;
    Ok(ImportFile { name, bytes })
}

/// Keeps the chosen file's bytes for the following plan and apply calls.
#[tauri::command]
pub async fn upload_import_file(state: State<'_, AppState>, name: String, bytes: Vec<u8>) -> ApiResult<()> {
    if let Ok(mut upload) = state.import_upload.lock() {
        *upload = Some((name, bytes));
    }
    Ok(())
}

#[tauri::command]
pub async fn plan_import(state: State<'_, AppState>, request: PlanRequestDto) -> ApiResult<PlanDto> {
    let file = uploaded(&state)?;
    state.call(|cx| api::import::plan(cx, &file, &request))
}

#[tauri::command]
pub async fn apply_import(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PlanRequestDto,
    skip_invalid: bool,
    dry_run: bool,
    confirm_new_registers: bool,
) -> ApiResult<ImportResultDto> {
    let file = uploaded(&state)?;
    state.cancel_import.store(false, Ordering::SeqCst);
    let options = ApplyOptions { skip_invalid, dry_run, confirm_new_registers };
    state.call(|cx| {
        api::import::apply(cx, &file, &request, options, &mut |done, total| {
            let _ = app.emit("import-progress", ImportProgress { done, total });
            !state.cancel_import.load(Ordering::SeqCst)
        })
    })
}

#[derive(Clone, Serialize)]
struct ImportProgress {
    done: usize,
    total: usize,
}

/// Stops a running import between rows; it rolls back, so nothing is imported.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> ApiResult<()> {
    state.cancel_import.store(true, Ordering::SeqCst);
    Ok(())
}

/// The import batches, newest first (issue 20).
#[tauri::command]
pub async fn import_batches(state: State<'_, AppState>, query: BatchQueryDto) -> ApiResult<Vec<ImportBatchDto>> {
    state.call(|cx| api::import::batches(cx, &query))
}

/// Voids a whole import batch, or refuses naming the rows that block it.
#[tauri::command]
pub async fn void_import(state: State<'_, AppState>, batch: DocNo, reason: String) -> ApiResult<DocNo> {
    state.call(|cx| api::import::void_batch(cx, &batch, &reason))
}

/// The import batches as listed on screen, exported (every list exports).
#[tauri::command]
pub async fn export_import_batches(app: AppHandle, state: State<'_, AppState>, query: BatchQueryDto) -> ApiResult<ExportDto> {
    let table = state.call(|cx| api::import::batches_table(cx, &query))?;
    crate::commands::export::write_table(&app, &state, table)
}
