//! Users and roles (issue 20): the list, adding, disabling and enabling, another role or
//! department, passwords, and what each role may do. The rules (the last active
//! administrator stays, nobody disables themselves, a normal user has a department) are
//! the ledger's (crates/ledger/src/auth.rs, user_admin.rs).

use ledger::{Permission, Role, UserChange, UserRow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Ctx, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "User")]
pub struct UserDto {
    pub name: String,
    #[ts(type = "'admin' | 'power' | 'normal'")]
    pub role: &'static str,
    pub role_label: &'static str,
    pub dept: Option<String>,
    pub active: bool,
}

impl UserDto {
    fn new(u: UserRow, lang: ledger::Lang) -> Self {
        UserDto { name: u.name, role: u.role.as_str(), role_label: u.role.label(lang), dept: u.dept, active: u.active }
    }
}

/// A new user; the password is the user's first (at least 6 characters).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(rename = "NewUser")]
pub struct NewUserDto {
    pub name: String,
    #[ts(type = "'admin' | 'power' | 'normal'")]
    pub role: String,
    #[ts(optional)]
    pub dept: Option<String>,
    pub password: String,
}

/// One change to a user: `disable`, `enable`, `role` (value: admin | power | normal) or
/// `dept` (value: the department; empty clears it, not for a normal user).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(rename = "UserChange")]
pub struct UserChangeDto {
    pub user: String,
    #[ts(type = "'disable' | 'enable' | 'role' | 'dept'")]
    pub change: String,
    #[ts(optional, as = "Option<String>")]
    #[serde(default)]
    pub value: String,
}

impl UserChangeDto {
    fn into_change(self) -> Result<UserChange> {
        Ok(match self.change.as_str() {
            "disable" => UserChange::Disable,
            "enable" => UserChange::Enable,
            "role" => UserChange::Role(Role::parse(&self.value)?),
            "dept" => UserChange::Department(Some(self.value).filter(|v| !v.trim().is_empty())),
            other => {
                return Err(ledger::Error::invalid(
                    "change",
                    format!("unknown change {}; one of disable, enable, role, dept", ledger::quoted(other)),
                    format!("未知的修改「{}」，可选：disable、enable、role、dept", ledger::quoted(other)),
                ))
            }
        })
    }
}

/// One role's permission, as it stands and by default.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RolePermission")]
pub struct RolePermissionDto {
    #[ts(type = "'admin' | 'power' | 'normal'")]
    pub role: &'static str,
    pub permission: &'static str,
    pub label: &'static str,
    pub allowed: bool,
    pub default: bool,
}

// ---- Use cases ----

pub fn list(cx: &mut Ctx) -> Result<Vec<UserDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.list_users(cx.actor)?.into_iter().map(|u| UserDto::new(u, lang)).collect())
}

pub fn add(cx: &mut Ctx, user: NewUserDto) -> Result<UserDto> {
    let role = Role::parse(&user.role)?;
    cx.ledger.add_user(cx.actor, &user.name, role, user.dept.as_deref(), &user.password)?;
    find(cx, &user.name)
}

/// Disables, enables, or gives a user another role or department; returns the user as
/// they are now.
pub fn change(cx: &mut Ctx, request: UserChangeDto) -> Result<UserDto> {
    let user = request.user.trim().to_string();
    let change = request.into_change()?;
    cx.ledger.change_user(cx.actor, &user, &change)?;
    find(cx, &user)
}

/// An administrator sets another user's password (the user's own: see `change_password`).
pub fn reset_password(cx: &mut Ctx, user: &str, password: &str) -> Result<()> {
    cx.ledger.reset_password(cx.actor, user.trim(), password)
}

/// The logged-in user changes their own password.
pub fn change_password(cx: &mut Ctx, old: &str, new: &str) -> Result<()> {
    cx.ledger.change_password(cx.actor, old, new)
}

/// The name of the logged-in user (the CLI: whose password `user password NAME` sets).
pub fn current_user(cx: &Ctx) -> String {
    cx.actor.name.clone()
}

/// What each role may do: every role × permission, with the default.
pub fn role_permissions(cx: &mut Ctx) -> Result<Vec<RolePermissionDto>> {
    let lang = cx.lang;
    Ok(cx
        .ledger
        .role_permissions(cx.actor)?
        .into_iter()
        .map(|(role, p, allowed, default)| RolePermissionDto { role: role.as_str(), permission: p.as_str(), label: p.label(lang), allowed, default })
        .collect())
}

/// Allows or forbids one permission to the power or normal role.
pub fn set_role_permission(cx: &mut Ctx, role: &str, permission: &str, allowed: bool) -> Result<()> {
    cx.ledger.set_role_permission(cx.actor, Role::parse(role)?, Permission::parse(permission)?, allowed)
}

fn find(cx: &mut Ctx, name: &str) -> Result<UserDto> {
    let name = name.trim();
    list(cx)?
        .into_iter()
        .find(|u| u.name == name)
        .ok_or_else(|| ledger::Error::not_found(format!("no user named {name}"), format!("没有名为 {name} 的用户")))
}
