//! The asset list and cards.

use api::assets::{AssetDetailDto, AssetInputDto, AssetQueryDto, AssetRowDto, PageDto, StatusTotalDto};
use api::dashboard::DashboardDto;
use api::AssetCode;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_assets(state: State<'_, AppState>, query: AssetQueryDto) -> ApiResult<PageDto<AssetRowDto>> {
    state.call(|cx| api::assets::list(cx, query))
}

#[tauri::command]
pub async fn get_asset(state: State<'_, AppState>, code: AssetCode) -> ApiResult<AssetDetailDto> {
    state.call(|cx| api::assets::card(cx, &code))
}

/// Registers an asset; returns its code.
#[tauri::command]
pub async fn add_asset(state: State<'_, AppState>, input: AssetInputDto) -> ApiResult<AssetCode> {
    state.call(|cx| api::assets::register(cx, input))
}

#[tauri::command]
pub async fn edit_asset(state: State<'_, AppState>, code: AssetCode, input: AssetInputDto) -> ApiResult<()> {
    state.call(|cx| api::assets::edit(cx, &code, input))
}

#[tauri::command]
pub async fn status_totals(state: State<'_, AppState>) -> ApiResult<Vec<StatusTotalDto>> {
    state.call(api::assets::status_totals)
}

/// The home screen: totals by status, category and department, additions, reminders.
#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> ApiResult<DashboardDto> {
    state.call(api::dashboard::home)
}
