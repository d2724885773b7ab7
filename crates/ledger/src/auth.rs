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
                format!("unknown role '{other}'; expected admin, power or normal"),
                format!("未知角色「{other}」,可选:admin、power、normal"),
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
    PrintLabels,
    ManageLabelTemplates,
}

impl Permission {
    pub const ALL: [Permission; 10] = [
        Permission::PostDocuments,
        Permission::VoidDocuments,
        Permission::ViewAssets,
        Permission::RegisterAsset,
        Permission::EditAsset,
        Permission::ManageRegisters,
        Permission::ManageUsers,
        Permission::ManageSettings,
        Permission::PrintLabels,
        Permission::ManageLabelTemplates,
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
            Permission::PrintLabels => "print_labels",
            Permission::ManageLabelTemplates => "manage_label_templates",
        }
    }
    fn label(self, lang: Lang) -> &'static str {
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
            (Permission::PrintLabels, Lang::En) => "print labels",
            (Permission::PrintLabels, Lang::ZhCn) => "打印标签",
            (Permission::ManageLabelTemplates, Lang::En) => "manage label templates and printers",
            (Permission::ManageLabelTemplates, Lang::ZhCn) => "管理标签模板和打印机",
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
}

impl Actor {
    pub fn can(&self, p: Permission) -> bool {
        use Permission::*;
        match self.role {
            Role::Admin => true,
            Role::Power => matches!(p, ViewAssets | RegisterAsset | EditAsset | ManageRegisters | PostDocuments | PrintLabels | ManageLabelTemplates),
            // Their own work, on their own department's assets (scope checked per asset).
            Role::Normal => matches!(p, ViewAssets | PostDocuments | PrintLabels),
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
        .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot hash password: {e}"), format!("密码处理失败:{e}")))
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
    /// Checks a user's password and returns who they are. A failure is logged.
    pub fn login(&mut self, name: &str, password: &str) -> Result<Actor> {
        let row = self.user_row(name)?;
        match row {
            Some((actor, hash, true)) if verify_password(password, &hash) => Ok(actor),
            _ => {
                let tx = self.conn.transaction()?;
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
                "存在多个管理员,请用 --user 指定操作用户",
            )),
        }
    }

    fn user_row(&self, name: &str) -> Result<Option<(Actor, String, bool)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, role, dept_id, password_hash, active FROM users WHERE name = ?1",
                [name],
                |r| {
                    let role: String = r.get(2)?;
                    Ok((
                        Actor { user_id: r.get(0)?, name: r.get(1)?, role: Role::parse(&role).unwrap_or(Role::Normal), dept_id: r.get(3)? },
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
        let tx = self.conn.transaction()?;
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
