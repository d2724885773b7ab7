//! The import wizard: the clerk's file is uploaded once and kept in memory; the plan
//! (header, column mapping, errors) is shown and can be re-planned with another sheet
//! or mapping; then the valid rows are stored.

use exchange::{ColumnMapping, ImportOptions, ImportPlan};
use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;

use tauri::{AppHandle, Emitter, State};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PlanRequest {
    pub sheet: Option<String>,
    pub mapping: Option<ColumnMapping>,
}

#[derive(Serialize)]
pub struct PlanDto {
    pub file: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    pub header_row: u32,
    pub columns: Vec<exchange::SourceColumn>,
    pub fields: Vec<FieldDto>,
    pub mapping: ColumnMapping,
    pub rows_read: usize,
    pub valid_rows: usize,
    pub skipped: usize,
    pub errors: Vec<exchange::ErrorLine>,
    /// The first rows as they will be stored, for a preview.
    pub sample: Vec<exchange::ImportRow>,
    /// Registers the import would create; the clerk confirms them.
    pub new_registers: exchange::NewRegisters,
}

#[derive(Serialize)]
pub struct FieldDto {
    pub key: &'static str,
    pub label: &'static str,
}

fn plan_of(state: &AppState, request: &PlanRequest) -> ApiResult<(String, ImportPlan)> {
    let lang = state.lang();
    let upload = state.import_upload.lock().map_err(|_| ApiError::from_core(ledger::Error::new(ledger::ErrorCode::Internal, "busy", "忙"), lang))?;
    let (name, bytes) = upload.clone().ok_or_else(|| {
        ApiError::from_core(ledger::Error::invalid("file", "choose a file to import first", "请先选择要导入的文件"), lang)
    })?;
    drop(upload);
    let words = state.as_user(|ledger, actor| ledger.import_header_words(actor))?;
    let learned = exchange::LearnedHeaders::from_words(&words);
    let options = ImportOptions { sheet: request.sheet.clone(), mapping: request.mapping.clone(), learned, ..ImportOptions::default() };
    let plan = exchange::plan_import_bytes(bytes, &name, &options).map_err(|e| ApiError::from_core(e.into(), lang))?;
    Ok((name, plan))
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
pub async fn plan_import(state: State<'_, AppState>, request: PlanRequest) -> ApiResult<PlanDto> {
    let lang = state.lang();
    let (file, plan) = plan_of(&state, &request)?;
    let summary = plan.report.summary(lang);
    let new_registers = state.as_user(|ledger, actor| exchange::new_registers(ledger, actor, &plan))?;
    Ok(PlanDto {
        file,
        sheets: plan.sheets.clone(),
        sheet: plan.sheet.clone(),
        header_row: plan.header_row,
        fields: exchange::ImportField::ALL
            .iter()
            .map(|f| FieldDto { key: f.as_key(), label: if lang == ledger::Lang::En { f.label().0 } else { f.label().1 } })
            .collect(),
        columns: plan.columns.clone(),
        mapping: plan.mapping.clone(),
        rows_read: plan.report.rows_read,
        valid_rows: plan.report.valid_rows,
        skipped: plan.report.skipped,
        errors: summary.errors,
        sample: plan.rows.iter().take(20).cloned().collect(),
        new_registers,
    })
}

#[tauri::command]
pub async fn apply_import(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PlanRequest,
    skip_invalid: bool,
    dry_run: bool,
    confirm_new_registers: bool,
) -> ApiResult<exchange::ImportResult> {
    let lang = state.lang();
    let (_, plan) = plan_of(&state, &request)?;
    state.as_user(|ledger, actor| {
        // New categories, departments, locations and people are created only once the
        // clerk has seen and confirmed them.
        let new = exchange::new_registers(ledger, actor, &plan)?;
        if !dry_run && !new.is_empty() && !confirm_new_registers {
            let names: Vec<&str> = [&new.category, &new.dept, &new.location, &new.person].into_iter().flatten().take(5).map(String::as_str).collect();
            return Err(ledger::Error::invalid(
                "new_registers",
                format!("the import would add {} new registers ({}...); confirm them first", new.count(), names.join(", ")),
                format!("导入将新建 {} 个登记项（如 {}），请先确认", new.count(), names.join("、")),
            ));
        }
        state.cancel_import.store(false, Ordering::SeqCst);
        let result = exchange::apply_plan(ledger, actor, &plan, lang, skip_invalid, dry_run, &mut |done, total| {
            let _ = app.emit("import-progress", ImportProgress { done, total });
            !state.cancel_import.load(Ordering::SeqCst)
        })?;
        // A mapping the clerk edited is remembered once it was used for a real import.
        let refused = !result.errors.is_empty() && !skip_invalid;
        if request.mapping.is_some() && !dry_run && !refused {
            ledger.remember_import_headers(actor, &exchange::lessons(&plan))?;
        }
        Ok(result)
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
