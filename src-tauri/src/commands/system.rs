//! System management: the user's own password and the role permissions, through
//! `api::users` (the users list, adding, changing and resetting users are
//! commands/users.rs). Backups, the audit log and the parameters are in
//! commands/{backups,audit,settings}.rs.

use api::users::{self, RolePermissionDto};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn change_password(state: State<'_, AppState>, old: String, new: String) -> ApiResult<()> {
    state.call(|cx| users::change_password(cx, &old, &new))
}

#[tauri::command]
pub async fn role_permissions(state: State<'_, AppState>) -> ApiResult<Vec<RolePermissionDto>> {
    state.call(users::role_permissions)
}

#[tauri::command]
pub async fn set_role_permission(state: State<'_, AppState>, role: String, permission: String, allowed: bool) -> ApiResult<()> {
    state.call(|cx| users::set_role_permission(cx, &role, &permission, allowed))
}
