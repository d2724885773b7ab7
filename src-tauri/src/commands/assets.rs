//! The asset list and cards.

use tauri::State;

use crate::dto::{AssetDetailDto, AssetInputDto, AssetQueryDto, AssetRowDto, PageDto, StatusTotalDto, DashboardDto};
use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_assets(state: State<'_, AppState>, query: AssetQueryDto) -> ApiResult<PageDto<AssetRowDto>> {
    state.as_user(|ledger, actor| {
        let page = ledger.list_assets(actor, &query.into_query()?)?;
        Ok(PageDto { total: page.total, rows: page.rows.into_iter().map(Into::into).collect() })
    })
}

#[tauri::command]
pub async fn get_asset(state: State<'_, AppState>, code: String) -> ApiResult<AssetDetailDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| Ok(AssetDetailDto::new(ledger.asset(actor, &code)?, lang)))
}

/// Registers an asset; returns its code.
#[tauri::command]
pub async fn add_asset(state: State<'_, AppState>, input: AssetInputDto) -> ApiResult<String> {
    state.as_user(|ledger, actor| ledger.add_asset(actor, &input.into()))
}

#[tauri::command]
pub async fn edit_asset(state: State<'_, AppState>, code: String, input: AssetInputDto) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.edit_asset(actor, &code, &input.into()))
}

#[tauri::command]
pub async fn status_totals(state: State<'_, AppState>) -> ApiResult<Vec<StatusTotalDto>> {
    state.as_user(|ledger, actor| Ok(ledger.status_totals(actor)?.into_iter().map(Into::into).collect()))
}

/// The home screen: totals by status, category and department, additions, reminders.
#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> ApiResult<DashboardDto> {
    // Reminders look as far ahead as the clerk's lead time (系统参数 · 提前提醒天数).
    state.as_user(|ledger, actor| {
        let lead_days = ledger.parameters()?.reminder_days;
        Ok(ledger.dashboard(actor, i64::from(lead_days))?.into())
    })
}
