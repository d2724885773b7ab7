//! A logged-in session checked on every call (issue 20): the desktop app keeps the actor
//! its login made, and an administrator may meanwhile disable that user, change their
//! role or department, adjust what their role may do, or reset their password. Each call
//! reads the user afresh, so permissions are never those of the login time, and a
//! disabled user or a reset password ends the session with a message saying why.

use rusqlite::OptionalExtension;

use crate::auth::{Actor, Role};
use crate::error::{quoted, Error, ErrorCode, Result};
use crate::ledger::Ledger;

impl Ledger {
    /// `session`'s user as the ledger has them now: role, department and the role's
    /// permissions as they stand. Refused (`unauthenticated`, nothing written) when the
    /// user was disabled or an administrator reset their password since the login; the
    /// user's own password change keeps the session.
    pub fn current_actor(&self, session: &Actor) -> Result<Actor> {
        let row: Option<(String, String, Option<i64>, String, bool)> = self
            .conn
            .query_row("SELECT name, role, dept_id, password_hash, active FROM users WHERE id = ?1", [session.user_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        let name = quoted(&session.name);
        let Some((current_name, role, dept_id, hash, active)) = row else {
            return Err(ended(format!("user {name} no longer exists; log in again"), format!("用户 {name} 已不存在，请重新登录")));
        };
        if !active {
            return Err(ended(
                format!("user {name} was disabled by an administrator; the session has ended"),
                format!("用户 {name} 已被管理员停用，本次登录已结束"),
            ));
        }
        let fresh = Actor::new(session.user_id, current_name, Role::parse(&role).unwrap_or(Role::Normal), dept_id, Vec::new()).with_password_stamp(&hash);
        if fresh.password_stamp() != session.password_stamp() && self.last_password_event(&session.name)?.as_deref() == Some("password_reset") {
            return Err(ended(
                format!("an administrator reset the password of {name}; log in again with the new password"),
                format!("管理员已重置用户 {name} 的密码，请用新密码重新登录"),
            ));
        }
        let overrides = if fresh.role == Role::Admin { Vec::new() } else { self.role_overrides(fresh.role)? };
        Ok(fresh.with_overrides(overrides))
    }

    /// The newest password change or reset of `user` in the audit log.
    fn last_password_event(&self, user: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT action FROM audit_log WHERE target = ?1 AND action IN ('password_change', 'password_reset') ORDER BY id DESC LIMIT 1",
                [user],
                |r| r.get(0),
            )
            .optional()?)
    }
}

fn ended(en: String, zh: String) -> Error {
    Error::new(ErrorCode::Unauthenticated, en, zh).with_field("session")
}
