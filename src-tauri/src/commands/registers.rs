//! Categories, departments, locations and people.

use ledger::RegisterKind;
use tauri::State;

use crate::dto::RegisterItemDto;
use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_register(state: State<'_, AppState>, kind: String) -> ApiResult<Vec<RegisterItemDto>> {
    state.as_user(|ledger, actor| Ok(ledger.list_register(actor, RegisterKind::parse(&kind)?)?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub async fn add_register(state: State<'_, AppState>, kind: String, name: String, dept: Option<String>) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.add_register(actor, RegisterKind::parse(&kind)?, &name, dept.as_deref()))
}

#[tauri::command]
pub async fn rename_register(state: State<'_, AppState>, kind: String, old: String, new: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.rename_register(actor, RegisterKind::parse(&kind)?, &old, &new))
}

#[tauri::command]
pub async fn set_register_active(state: State<'_, AppState>, kind: String, name: String, active: bool) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_register_active(actor, RegisterKind::parse(&kind)?, &name, active))
}
