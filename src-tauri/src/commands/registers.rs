//! Categories, departments, locations and people.

use api::registers::RegisterItemDto;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_register(state: State<'_, AppState>, kind: String) -> ApiResult<Vec<RegisterItemDto>> {
    state.call(|cx| api::registers::list(cx, &kind))
}

#[tauri::command]
pub async fn add_register(state: State<'_, AppState>, kind: String, name: String, dept: Option<String>) -> ApiResult<()> {
    state.call(|cx| api::registers::add(cx, &kind, &name, dept.as_deref()))
}

#[tauri::command]
pub async fn rename_register(state: State<'_, AppState>, kind: String, old: String, new: String) -> ApiResult<()> {
    state.call(|cx| api::registers::rename(cx, &kind, &old, &new))
}

#[tauri::command]
pub async fn set_register_active(state: State<'_, AppState>, kind: String, name: String, active: bool) -> ApiResult<()> {
    state.call(|cx| api::registers::set_active(cx, &kind, &name, active))
}
