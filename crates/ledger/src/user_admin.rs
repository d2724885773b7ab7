//! Managing users (issue 20): disable and enable, another role or department. A user is
//! never deleted, so documents and the audit log keep their name; a disabled user simply
//! cannot log in. The ledger always keeps one active administrator.

use rusqlite::params;

use crate::auth::{Actor, Permission, Role};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::registers::RegisterKind;
use crate::audit;

/// What an administrator changes about a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserChange {
    Disable,
    Enable,
    Role(Role),
    /// The department a normal user works in; `None` clears it (not for a normal user).
    Department(Option<String>),
}

impl Ledger {
    /// Applies one change to `user` and records it. Refused: an unknown user, disabling
    /// oneself, and anything that would leave no active administrator.
    pub fn change_user(&mut self, actor: &Actor, user: &str, change: &UserChange) -> Result<()> {
        actor.require(Permission::ManageUsers)?;
        let user = user.trim();
        let (target, _, active) =
            self.user_row(user)?.ok_or_else(|| Error::not_found(format!("no user named {user}"), format!("没有名为 {user} 的用户")).with_field("user"))?;
        let tx = crate::db::begin(&mut self.conn)?;
        let other_admins: i64 =
            tx.query_row("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND id != ?1", [target.user_id], |r| r.get(0))?;
        let last_admin = target.role == Role::Admin && active && other_admins == 0;
        let (action, detail) = match change {
            UserChange::Disable => {
                if target.user_id == actor.user_id {
                    return Err(Error::invalid("user", "you cannot disable yourself; ask another administrator", "不能停用自己；请由其他管理员操作"));
                }
                if last_admin {
                    return Err(last_admin_error(user, "disabled", "停用"));
                }
                tx.execute("UPDATE users SET active = 0 WHERE id = ?1", [target.user_id])?;
                ("user_disable", String::new())
            }
            UserChange::Enable => {
                tx.execute("UPDATE users SET active = 1 WHERE id = ?1", [target.user_id])?;
                ("user_enable", String::new())
            }
            UserChange::Role(role) => {
                if last_admin && *role != Role::Admin {
                    return Err(last_admin_error(user, "given another role", "改为其他角色"));
                }
                if *role == Role::Normal && target.dept_id.is_none() {
                    return Err(Error::invalid(
                        "dept",
                        format!("{user} has no department; a normal user needs one (set it first)"),
                        format!("{user} 没有部门，普通用户必须指定部门（请先设置部门）"),
                    ));
                }
                tx.execute("UPDATE users SET role = ?1 WHERE id = ?2", params![role.as_str(), target.user_id])?;
                ("user_role", format!("{} -> {}", target.role.as_str(), role.as_str()))
            }
            UserChange::Department(dept) => {
                let dept = dept.as_deref().map(str::trim).filter(|d| !d.is_empty());
                let dept_id = match dept {
                    Some(d) => Some(crate::registers::resolve_or_create(&tx, actor, RegisterKind::Department, d)?),
                    None if target.role == Role::Normal => {
                        return Err(Error::invalid("dept", "a normal user needs a department", "普通用户必须指定部门"));
                    }
                    None => None,
                };
                tx.execute("UPDATE users SET dept_id = ?1 WHERE id = ?2", params![dept_id, target.user_id])?;
                ("user_dept", dept.unwrap_or("").to_string())
            }
        };
        audit::record(&tx, &actor.name, action, user, &detail)?;
        tx.commit()?;
        Ok(())
    }
}

fn last_admin_error(user: &str, what_en: &str, what_zh: &str) -> Error {
    Error::conflict(
        format!("{user} is the last active administrator and cannot be {what_en}; make another user an administrator first"),
        format!("{user} 是唯一在用的管理员，不能{what_zh}；请先把另一位用户设为管理员"),
    )
    .with_field("user")
}
