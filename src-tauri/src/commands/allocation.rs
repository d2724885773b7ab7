//! The category tree and its seed, the voucher accounts and the depreciation voucher
//! (issue 21): thin commands over `api::registers` and `api::allocation`.

use std::sync::atomic::Ordering;

use api::allocation::{self, AccountDefaultsDto, AccountsDto, VoucherDto};
use api::registers::{CategoryNodeDto, SeedOutcomeDto};
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
pub async fn category_tree(state: State<'_, AppState>) -> ApiResult<Vec<CategoryNodeDto>> {
    state.call(api::registers::category_tree)
}

#[tauri::command]
pub async fn add_category(state: State<'_, AppState>, name: String, parent: Option<String>) -> ApiResult<()> {
    state.call(|cx| api::registers::add_category(cx, &name, parent.as_deref()))
}

#[tauri::command]
pub async fn move_category(state: State<'_, AppState>, name: String, parent: Option<String>) -> ApiResult<()> {
    state.call(|cx| api::registers::move_category(cx, &name, parent.as_deref()))
}

#[tauri::command]
pub async fn seed_categories(state: State<'_, AppState>, seed: String) -> ApiResult<SeedOutcomeDto> {
    state.call(|cx| api::registers::seed_categories(cx, &seed))
}

#[tauri::command]
pub async fn voucher_accounts(state: State<'_, AppState>) -> ApiResult<AccountsDto> {
    state.call(allocation::accounts)
}

#[tauri::command]
pub async fn set_account_defaults(state: State<'_, AppState>, defaults: AccountDefaultsDto) -> ApiResult<AccountDefaultsDto> {
    state.call(|cx| allocation::set_defaults(cx, defaults))
}

#[tauri::command]
pub async fn set_category_accounts(state: State<'_, AppState>, category: String, asset_account: String, depreciation_account: String) -> ApiResult<()> {
    state.call(|cx| allocation::set_category_accounts(cx, &category, &asset_account, &depreciation_account))
}

#[tauri::command]
pub async fn set_dept_accounts(state: State<'_, AppState>, dept: String, expense_account: String, cost_centre: String) -> ApiResult<()> {
    state.call(|cx| allocation::set_dept_accounts(cx, &dept, &expense_account, &cost_centre))
}

#[tauri::command]
pub async fn depreciation_voucher(state: State<'_, AppState>, period: String) -> ApiResult<VoucherDto> {
    state.call(|cx| allocation::voucher(cx, &period))
}

/// Writes the period's voucher into the export folder as `format` ("xlsx" | "csv"), with
/// `export-progress` events; `cancel_export` stops it.
#[tauri::command]
pub async fn export_voucher(app: AppHandle, state: State<'_, AppState>, period: String, format: String) -> ApiResult<ExportDto> {
    let extension = if format == "csv" { "csv" } else { "xlsx" };
    let stem = if state.lang() == api::Lang::En { "depreciation-voucher" } else { "折旧分配" };
    let file = state.export_dir.join(format!("{stem}-{period}-{}.{extension}", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    state.cancel_export.store(false, Ordering::SeqCst);
    state.call(|cx| {
        std::fs::create_dir_all(&state.export_dir)?;
        allocation::export_voucher(cx, &period, &file, &mut |done, total| {
            let _ = app.emit("export-progress", Progress { done, total });
            !state.cancel_export.load(Ordering::SeqCst)
        })
    })
}

/// A category map file the clerk picked in the import wizard, read into the map that
/// `plan_import`'s request carries.
#[tauri::command]
pub async fn read_category_map(state: State<'_, AppState>, bytes: Vec<u8>) -> ApiResult<std::collections::BTreeMap<String, String>> {
    state.call(|_| api::import::read_category_map(&bytes))
}
