//! Users, roles and the permission check every core operation starts with.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, OptionalExtension};

use crate::error::{Error, ErrorCode, Result};
use crate::ledger::Ledger;
use crate::model::Lang;
use crate::registers::RegisterKind;
use crate::{audit, db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 管理员: everything, including users, parameters, backup/restore and voids.
    Admin,
    /// 高级用户: every business function.
    Power,
    /// 普通用户: their own work, on their own department's assets.
    Normal,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Power => "power",
            Role::Normal => "normal",
        }
    }
    pub fn parse(s: &str) -> Result<Role> {
        match s.trim() {
            "admin" | "管理员" => Ok(Role::Admin),
            "power" | "高级用户" => Ok(Role::Power),
            "normal" | "普通用户" => Ok(Role::Normal),
            other => Err(Error::invalid(
                "role",
                format!("unknown role '{other_q}'; expected admin, power or normal", other_q = crate::error::quoted(&other)),
                format!("未知角色「{other_q}」,可选:admin、power、normal", other_q = crate::error::quoted(&other)),
            )),
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Admin, Lang::ZhCn) => "管理员",
            (Role::Power, Lang::ZhCn) => "高级用户",
            (Role::Normal, Lang::ZhCn) => "普通用户",
            (Role::Admin, Lang::En) => "Administrator",
            (Role::Power, Lang::En) => "Power user",
            (Role::Normal, Lang::En) => "Normal user",
        }
    }
}

/// Failed logins allowed within the lockout window before the name is refused.
const MAX_FAILURES: i64 = 5;
const LOCKOUT_MINUTES: i64 = 15;

/// What an operation needs. Checked in the core for every command, UI and CLI alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ViewAssets,
    RegisterAsset,
    EditAsset,
    ManageRegisters,
    ManageUsers,
    ManageSettings,
    PostDocuments,
    VoidDocuments,
    /// Plan, start, import into and close stocktakes. A normal user may still scan into
    /// a stocktake scoped to their own department (checked in stocktake.rs).
    Stocktake,
    // Depreciation (issue 6).
    /// 计提折旧: preview and post monthly runs, revisions, opening balances, units used.
    RunDepreciation,
    /// Re-open the latest posted depreciation period (admin only).
    ReopenPeriod,
    PrintLabels,
    ManageLabelTemplates,
    /// 低值易耗品: items, receipts, count adjustments, voids and the budget.
    ManageConsumables,
    /// 耗材领用/退库: issue and return consumables (a normal user: to their own department).
    IssueConsumables,
    /// 审批单据 (issue 20): approve or reject documents held for approval (the
    /// `approval.<kind>` settings), never one's own. Admin by default; an admin may
    /// grant it to the power role (e.g. the head who signs off scrapping).
    ApproveDocuments,
}

impl Permission {
    pub fn parse(s: &str) -> Result<Permission> {
        Permission::ALL.iter().copied().find(|p| p.as_str() == s.trim()).ok_or_else(|| {
            let all: Vec<&str> = Permission::ALL.iter().map(|p| p.as_str()).collect();
            Error::invalid("permission", format!("unknown permission '{s_q}'; one of: {}", all.join(", "), s_q = crate::error::quoted(&s)), format!("未知权限「{s_q}」，可选：{}", all.join("、"), s_q = crate::error::quoted(&s)))
        })
    }

    pub const ALL: [Permission; 16] = [
        Permission::PostDocuments,
        Permission::VoidDocuments,
        Permission::ViewAssets,
        Permission::RegisterAsset,
        Permission::EditAsset,
        Permission::ManageRegisters,
        Permission::ManageUsers,
        Permission::ManageSettings,
        Permission::Stocktake,
        Permission::RunDepreciation,
        Permission::ReopenPeriod,
        Permission::PrintLabels,
        Permission::ManageLabelTemplates,
        Permission::ManageConsumables,
        Permission::IssueConsumables,
        Permission::ApproveDocuments,
    ];
    /// Stable name, for the UI to mirror (it never decides).
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::ViewAssets => "view_assets",
            Permission::RegisterAsset => "register_asset",
            Permission::EditAsset => "edit_asset",
            Permission::ManageRegisters => "manage_registers",
            Permission::ManageUsers => "manage_users",
            Permission::ManageSettings => "manage_settings",
            Permission::PostDocuments => "post_documents",
            Permission::VoidDocuments => "void_documents",
            Permission::Stocktake => "stocktake",
            Permission::RunDepreciation => "run_depreciation",
            Permission::ReopenPeriod => "reopen_period",
            Permission::PrintLabels => "print_labels",
            Permission::ManageLabelTemplates => "manage_label_templates",
            Permission::ManageConsumables => "manage_consumables",
            Permission::IssueConsumables => "issue_consumables",
            Permission::ApproveDocuments => "approve_documents",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Permission::ViewAssets, Lang::En) => "view assets",
            (Permission::RegisterAsset, Lang::En) => "register assets",
            (Permission::EditAsset, Lang::En) => "edit assets",
            (Permission::ManageRegisters, Lang::En) => "manage categories, departments, locations and people",
            (Permission::ManageUsers, Lang::En) => "manage users",
            (Permission::ManageSettings, Lang::En) => "change system parameters",
            (Permission::PostDocuments, Lang::En) => "post documents",
            (Permission::VoidDocuments, Lang::En) => "void documents",
            (Permission::PostDocuments, Lang::ZhCn) => "办理单据",
            (Permission::VoidDocuments, Lang::ZhCn) => "冲销单据",
            (Permission::ViewAssets, Lang::ZhCn) => "查看资产",
            (Permission::RegisterAsset, Lang::ZhCn) => "新增资产",
            (Permission::EditAsset, Lang::ZhCn) => "修改资产",
            (Permission::ManageRegisters, Lang::ZhCn) => "维护类别、部门、位置和人员",
            (Permission::ManageUsers, Lang::ZhCn) => "管理用户",
            (Permission::ManageSettings, Lang::ZhCn) => "修改系统参数",
            (Permission::Stocktake, Lang::En) => "run stocktakes",
            (Permission::Stocktake, Lang::ZhCn) => "组织盘点",
            (Permission::RunDepreciation, Lang::En) => "run depreciation",
            (Permission::RunDepreciation, Lang::ZhCn) => "计提折旧",
            (Permission::ReopenPeriod, Lang::En) => "re-open a posted depreciation period",
            (Permission::ReopenPeriod, Lang::ZhCn) => "反结账（重新打开已过账的折旧期间）",
            (Permission::PrintLabels, Lang::En) => "print labels",
            (Permission::PrintLabels, Lang::ZhCn) => "打印标签",
            (Permission::ManageLabelTemplates, Lang::En) => "manage label templates and printers",
            (Permission::ManageLabelTemplates, Lang::ZhCn) => "管理标签模板和打印机",
            (Permission::ManageConsumables, Lang::En) => "manage consumables (items, receipts, count adjustments, voids, budget)",
            (Permission::ManageConsumables, Lang::ZhCn) => "管理低值易耗品（品目、入库、盘点调整、冲销、预算）",
            (Permission::IssueConsumables, Lang::En) => "issue and return consumables",
            (Permission::IssueConsumables, Lang::ZhCn) => "办理耗材领用和退库",
            (Permission::ApproveDocuments, Lang::En) => "approve or reject documents awaiting approval",
            (Permission::ApproveDocuments, Lang::ZhCn) => "审批待审批的单据",
        }
    }
}

/// Who is acting. Obtained only from [`Ledger::login`], so every actor proved a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    /// A normal user sees and acts on this department's assets only.
    pub dept_id: Option<i64>,
    /// The admin's adjustments to this role's defaults. Private, so that an `Actor`
    /// can only come from this crate (a login), never be made up by a caller.
    overrides: Vec<(Permission, bool)>,
    /// Which password the user logged in with (a hash of its stored hash, never the
    /// hash itself), so a reset by an administrator ends the session (sessions.rs).
    password_stamp: u64,
}

impl Actor {
    pub(crate) fn new(user_id: i64, name: String, role: Role, dept_id: Option<i64>, overrides: Vec<(Permission, bool)>) -> Actor {
        Actor { user_id, name, role, dept_id, overrides, password_stamp: 0 }
    }

    pub(crate) fn password_stamp(&self) -> u64 {
        self.password_stamp
    }

    pub(crate) fn with_password_stamp(mut self, password_hash: &str) -> Actor {
        self.password_stamp = stamp_of(password_hash);
        self
    }

    pub(crate) fn with_overrides(mut self, overrides: Vec<(Permission, bool)>) -> Actor {
        self.overrides = overrides;
        self
    }

    pub fn can(&self, p: Permission) -> bool {
        if self.role == Role::Admin {
            // Never adjustable: an admin must not be able to lock everyone out.
            return true;
        }
        match self.overrides.iter().find(|(q, _)| *q == p) {
            Some((_, allowed)) => *allowed,
            None => Self::default_for(self.role, p),
        }
    }

    /// What a role may do unless an admin adjusted it.
    pub fn default_for(role: Role, p: Permission) -> bool {
        use Permission::*;
        match role {
            Role::Admin => true,
            Role::Power => matches!(
                p,
                ViewAssets
                    | RegisterAsset
                    | EditAsset
                    | ManageRegisters
                    | PostDocuments
                    | Stocktake
                    | RunDepreciation
                    | PrintLabels
                    | ManageLabelTemplates
                    | ManageConsumables
                    | IssueConsumables
            ),
            // Their own work, on their own department's assets (scope checked per asset).
            Role::Normal => matches!(p, ViewAssets | PostDocuments | PrintLabels | IssueConsumables),
        }
    }
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.can(p) {
            return Ok(());
        }
        Err(Error::forbidden(
            format!("user {} ({}) may not {}", self.name, self.role.label(Lang::En), p.label(Lang::En)),
            format!("用户 {}({})无权{}", self.name, self.role.label(Lang::ZhCn), p.label(Lang::ZhCn)),
        ))
    }
    /// The department a list must be limited to, if any.
    pub fn scope_dept(&self) -> Option<i64> {
        match self.role {
            Role::Normal => Some(self.dept_id.unwrap_or(-1)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub name: String,
    pub role: Role,
    pub dept: Option<String>,
    pub active: bool,
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot hash password: {e}"), format!("密码处理失败：{e}")))
}

/// A stored password hash as a number to compare (in this process only).
fn stamp_of(password_hash: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    password_hash.hash(&mut h);
    h.finish()
}

fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

pub(crate) fn validate_new_user(name: &str, password: &str) -> Result<()> {
    let mut errors = Vec::new();
    if name.trim().is_empty() || name.chars().count() > 32 {
        errors.push(Error::invalid("name", "user name must be 1 to 32 characters", "用户名须为 1 到 32 个字符"));
    }
    if password.chars().count() < 6 {
        errors.push(Error::invalid("password", "password must be at least 6 characters", "密码至少 6 个字符"));
    }
    Error::combine(errors).map_or(Ok(()), Err)
}

pub(crate) fn insert_user(tx: &rusqlite::Transaction, name: &str, role: Role, dept_id: Option<i64>, password: &str) -> Result<i64> {
    let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM users WHERE name = ?1)", [name], |r| r.get(0))?;
    if exists {
        return Err(Error::conflict(format!("user {name} already exists"), format!("用户 {name} 已存在")).with_field("name"));
    }
    tx.execute(
        "INSERT INTO users(name, role, dept_id, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, role.as_str(), dept_id, hash_password(password)?, db::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Ledger {
    /// Checks a user's password and returns who they are. A failure is logged, and
    /// after five failures in fifteen minutes the name is refused until they age out.
    pub fn login(&mut self, name: &str, password: &str) -> Result<Actor> {
        self.sign_in(name, password, true)
    }

    /// Proves who acts for one command (the CLI) without an audit entry: the command's
    /// own entry names the user, and a command that is then refused writes nothing.
    /// A wrong password is still recorded (`login_failed`): the lockout counts those.
    pub fn authenticate(&mut self, name: &str, password: &str) -> Result<Actor> {
        self.sign_in(name, password, false)
    }

    fn sign_in(&mut self, name: &str, password: &str, record_login: bool) -> Result<Actor> {
        let since = (chrono::Utc::now() - chrono::Duration::minutes(LOCKOUT_MINUTES)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let (failures, oldest): (i64, Option<String>) = self.conn.query_row(
            "SELECT COUNT(*), MIN(at) FROM audit_log WHERE action = 'login_failed' AND target = ?1 AND at >= ?2 \
             AND id > COALESCE((SELECT MAX(id) FROM audit_log WHERE action = 'login' AND target = ?1), 0)",
            params![name, since],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if failures >= MAX_FAILURES {
            let wait = oldest
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| (t.with_timezone(&chrono::Utc) + chrono::Duration::minutes(LOCKOUT_MINUTES) - chrono::Utc::now()).num_minutes() + 1)
                .unwrap_or(LOCKOUT_MINUTES);
            return Err(Error::new(
                ErrorCode::Unauthenticated,
                format!("too many failed logins for {}; try again in {wait} minutes or ask an administrator", crate::error::quoted(name)),
                format!("用户 {} 登录失败次数过多，请 {wait} 分钟后再试，或联系管理员", crate::error::quoted(name)),
            ));
        }
        let row = self.user_row(name)?;
        match row {
            Some((actor, hash, true)) if verify_password(password, &hash) => {
                let overrides = self.role_overrides(actor.role)?;
                let actor = actor.with_overrides(overrides).with_password_stamp(&hash);
                if record_login {
                    let tx = crate::db::begin(&mut self.conn)?;
                    audit::record(&tx, name, "login", name, "")?;
                    tx.commit()?;
                }
                Ok(actor)
            }
            // The right password of a disabled user: say so (a wrong one says nothing more).
            Some((_, hash, false)) if verify_password(password, &hash) => Err(Error::new(
                ErrorCode::Unauthenticated,
                format!("user {} is disabled; ask an administrator to enable it", crate::error::quoted(name)),
                format!("用户 {} 已停用，请联系管理员启用", crate::error::quoted(name)),
            )
            .with_field("user")),
            _ => {
                let tx = crate::db::begin(&mut self.conn)?;
                audit::record(&tx, name, "login_failed", name, "")?;
                tx.commit()?;
                Err(Error::new(
                    ErrorCode::Unauthenticated,
                    "wrong user name or password",
                    "用户名或密码错误",
                ))
            }
        }
    }

    /// The name of the only active admin, which the CLI acts as when no `--user` is given.
    pub fn sole_admin_name(&self) -> Result<String> {
        let admins: Vec<String> = self
            .conn
            .prepare("SELECT name FROM users WHERE role = 'admin' AND active = 1")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match admins.as_slice() {
            [only] => Ok(only.clone()),
            _ => Err(Error::invalid(
                "user",
                "there is more than one admin; say who acts with --user",
                "存在多个管理员，请用 --user 指定操作用户",
            )),
        }
    }

    pub(crate) fn user_row(&self, name: &str) -> Result<Option<(Actor, String, bool)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, role, dept_id, password_hash, active FROM users WHERE name = ?1",
                [name],
                |r| {
                    let role: String = r.get(2)?;
                    Ok((
                        Actor::new(r.get(0)?, r.get(1)?, Role::parse(&role).unwrap_or(Role::Normal), r.get(3)?, Vec::new()),
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?)
    }

    pub fn add_user(&mut self, actor: &Actor, name: &str, role: Role, dept: Option<&str>, password: &str) -> Result<()> {
        actor.require(Permission::ManageUsers)?;
        let name = name.trim();
        validate_new_user(name, password)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let dept_id = match dept.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(crate::registers::resolve_or_create(&tx, actor, RegisterKind::Department, d)?),
            None => None,
        };
        if role == Role::Normal && dept_id.is_none() {
            return Err(Error::invalid("dept", "a normal user needs a department", "普通用户必须指定部门"));
        }
        insert_user(&tx, name, role, dept_id, password)?;
        audit::record(&tx, &actor.name, "user_add", name, role.as_str())?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn role_overrides(&self, role: Role) -> Result<Vec<(Permission, bool)>> {
        let mut stmt = self.conn.prepare("SELECT permission, allowed FROM role_permissions WHERE role = ?1")?;
        let rows = stmt.query_map([role.as_str()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, allowed) = row?;
            if let Some(p) = Permission::ALL.iter().find(|p| p.as_str() == name) {
                out.push((*p, allowed));
            }
        }
        Ok(out)
    }

    /// Every role's permissions as they stand: (role, permission, allowed, the default).
    pub fn role_permissions(&self, actor: &Actor) -> Result<Vec<(Role, Permission, bool, bool)>> {
        actor.require(Permission::ManageUsers)?;
        let mut out = Vec::new();
        for role in [Role::Admin, Role::Power, Role::Normal] {
            let overrides = if role == Role::Admin { Vec::new() } else { self.role_overrides(role)? };
            let probe = Actor::new(0, String::new(), role, None, overrides);
            for p in Permission::ALL {
                out.push((role, p, probe.can(p), Actor::default_for(role, p)));
            }
        }
        Ok(out)
    }

    /// Allows or forbids a function to a role (not the admin's, which is fixed).
    /// Takes effect at each logged-in user's next call (`Ledger::current_actor`).
    pub fn set_role_permission(&mut self, actor: &Actor, role: Role, permission: Permission, allowed: bool) -> Result<()> {
        actor.require(Permission::ManageUsers)?;
        if role == Role::Admin {
            return Err(Error::invalid("role", "the administrator's permissions cannot be changed", "管理员的权限不能调整"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        if allowed == Actor::default_for(role, permission) {
            tx.execute("DELETE FROM role_permissions WHERE role = ?1 AND permission = ?2", params![role.as_str(), permission.as_str()])?;
        } else {
            tx.execute(
                "INSERT INTO role_permissions(role, permission, allowed) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(role, permission) DO UPDATE SET allowed = excluded.allowed",
                params![role.as_str(), permission.as_str(), allowed],
            )?;
        }
        audit::record(&tx, &actor.name, "permission_change", &format!("{}:{}", role.as_str(), permission.as_str()), if allowed { "allow" } else { "deny" })?;
        tx.commit()?;
        Ok(())
    }

    /// A user changes their own password.
    pub fn change_password(&mut self, actor: &Actor, old: &str, new: &str) -> Result<()> {
        let (_, hash, _) = self.user_row(&actor.name)?.ok_or_else(|| Error::not_found("no such user", "用户不存在"))?;
        if !verify_password(old, &hash) {
            return Err(Error::invalid("old_password", "the current password is wrong", "当前密码不正确"));
        }
        self.set_password(actor, &actor.name.clone(), new, "password_change")
    }

    /// An administrator sets another user's password (e.g. a forgotten one).
    pub fn reset_password(&mut self, actor: &Actor, user: &str, new: &str) -> Result<()> {
        actor.require(Permission::ManageUsers)?;
        if self.user_row(user)?.is_none() {
            return Err(Error::not_found(format!("no user named {user}"), format!("没有名为 {user} 的用户")));
        }
        self.set_password(actor, user, new, "password_reset")
    }

    fn set_password(&mut self, actor: &Actor, user: &str, new: &str, action: &str) -> Result<()> {
        validate_new_user(user, new)?;
        let hash = hash_password(new)?;
        let tx = crate::db::begin(&mut self.conn)?;
        tx.execute("UPDATE users SET password_hash = ?1 WHERE name = ?2", params![hash, user])?;
        audit::record(&tx, &actor.name, action, user, "")?;
        tx.commit()?;
        Ok(())
    }

    pub fn list_users(&self, actor: &Actor) -> Result<Vec<UserRow>> {
        actor.require(Permission::ManageUsers)?;
        let mut stmt = self.conn.prepare(
            "SELECT u.name, u.role, d.name, u.active FROM users u LEFT JOIN departments d ON d.id = u.dept_id ORDER BY u.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let role: String = r.get(1)?;
                Ok(UserRow { name: r.get(0)?, role: Role::parse(&role).unwrap_or(Role::Normal), dept: r.get(2)?, active: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
