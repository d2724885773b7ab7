//! System management: users, passwords and role permissions (ported to crates/api with
//! the users and login work). Backups, the audit log and the parameters are in
//! commands/{backups,audit,settings}.rs.

use ledger::Role;
use serde::Serialize;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct UserDto {
    pub name: String,
    pub role: &'static str,
    pub dept: Option<String>,
    pub active: bool,
}

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> ApiResult<Vec<UserDto>> {
    state.as_user(|ledger, actor| {
        Ok(ledger.list_users(actor)?.into_iter().map(|u| UserDto { name: u.name, role: u.role.as_str(), dept: u.dept, active: u.active }).collect())
    })
}

#[tauri::command]
pub async fn add_user(state: State<'_, AppState>, name: String, role: String, dept: Option<String>, password: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.add_user(actor, &name, Role::parse(&role)?, dept.as_deref(), &password))
}

#[tauri::command]
pub async fn change_password(state: State<'_, AppState>, old: String, new: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.change_password(actor, &old, &new))
}

#[tauri::command]
pub async fn reset_password(state: State<'_, AppState>, user: String, new: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.reset_password(actor, &user, &new))
}

#[derive(Serialize)]
pub struct RolePermissionDto {
    pub role: &'static str,
    pub permission: &'static str,
    pub label: &'static str,
    pub allowed: bool,
    pub default: bool,
}

#[tauri::command]
pub async fn role_permissions(state: State<'_, AppState>) -> ApiResult<Vec<RolePermissionDto>> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        Ok(ledger
            .role_permissions(actor)?
            .into_iter()
            .map(|(role, p, allowed, default)| RolePermissionDto { role: role.as_str(), permission: p.as_str(), label: p.label(lang), allowed, default })
            .collect())
    })
}

#[tauri::command]
pub async fn set_role_permission(state: State<'_, AppState>, role: String, permission: String, allowed: bool) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_role_permission(actor, Role::parse(&role)?, ledger::Permission::parse(&permission)?, allowed))
}
