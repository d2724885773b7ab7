//! The system parameters page (crates/api/src/settings.rs).

use api::settings::ParametersDto;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_parameters(state: State<'_, AppState>) -> ApiResult<ParametersDto> {
    state.call(api::settings::get)
}

#[tauri::command]
pub async fn update_parameters(state: State<'_, AppState>, params: ParametersDto) -> ApiResult<()> {
    state.call(|cx| api::settings::update(cx, params))
}
