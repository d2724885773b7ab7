//! Registers: categories, departments, locations and people (custodians). Names are
//! unique per register; entries are deactivated, never deleted, since assets and the
//! journal point at them.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::audit;
use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterKind {
    Category,
    Department,
    Location,
    Person,
}

impl RegisterKind {
    pub const ALL: [RegisterKind; 4] = [RegisterKind::Category, RegisterKind::Department, RegisterKind::Location, RegisterKind::Person];

    pub(crate) fn table(self) -> &'static str {
        match self {
            RegisterKind::Category => "categories",
            RegisterKind::Department => "departments",
            RegisterKind::Location => "locations",
            RegisterKind::Person => "people",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            RegisterKind::Category => "category",
            RegisterKind::Department => "dept",
            RegisterKind::Location => "location",
            RegisterKind::Person => "person",
        }
    }
    pub fn parse(s: &str) -> Result<RegisterKind> {
        match s {
            "category" | "categories" => Ok(RegisterKind::Category),
            "dept" | "department" | "departments" => Ok(RegisterKind::Department),
            "location" | "locations" => Ok(RegisterKind::Location),
            "person" | "people" | "custodian" => Ok(RegisterKind::Person),
            other => Err(Error::invalid(
                "kind",
                format!("unknown register '{other_q}'; expected category, dept, location or person", other_q = crate::error::quoted(&other)),
                format!("未知的基础资料类型「{other_q}」，可选：category、dept、location、person", other_q = crate::error::quoted(&other)),
            )),
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RegisterKind::Category, Lang::ZhCn) => "类别",
            (RegisterKind::Department, Lang::ZhCn) => "部门",
            (RegisterKind::Location, Lang::ZhCn) => "位置",
            (RegisterKind::Person, Lang::ZhCn) => "人员",
            (RegisterKind::Category, Lang::En) => "category",
            (RegisterKind::Department, Lang::En) => "department",
            (RegisterKind::Location, Lang::En) => "location",
            (RegisterKind::Person, Lang::En) => "person",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterItem {
    pub id: i64,
    pub name: String,
    pub active: bool,
    /// A person's department; `None` for the other registers.
    pub dept: Option<String>,
    /// How many assets point at this entry.
    pub asset_count: i64,
}

pub(crate) fn validate_name(kind: RegisterKind, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(Error::invalid(
            "name",
            format!("a {} name must be 1 to 60 characters", kind.label(Lang::En)),
            format!("{}名称须为 1 到 60 个字符", kind.label(Lang::ZhCn)),
        ));
    }
    Ok(name.to_string())
}

pub(crate) fn find(conn: &Connection, kind: RegisterKind, name: &str) -> Result<Option<(i64, bool)>> {
    let sql = format!("SELECT id, active FROM {table} WHERE name = ?1", table = kind.table());
    Ok(conn.query_row(&sql, [name], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

fn not_found(kind: RegisterKind, name: &str) -> Error {
    Error::not_found(
        format!("no {} named '{name_q}'", kind.label(Lang::En), name_q = crate::error::quoted(&name)),
        format!("没有名为「{name_q}」的{}", kind.label(Lang::ZhCn), name_q = crate::error::quoted(&name)),
    )
    .with_field(kind.as_str())
}

fn insert(tx: &Transaction, actor: &Actor, kind: RegisterKind, name: &str, dept_id: Option<i64>) -> Result<i64> {
    if kind == RegisterKind::Person {
        tx.execute("INSERT INTO people(name, dept_id) VALUES (?1, ?2)", params![name, dept_id])?;
    } else {
        tx.execute(&format!("INSERT INTO {table}(name) VALUES (?1)", table = kind.table()), [name])?;
    }
    let id = tx.last_insert_rowid();
    audit::record(tx, &actor.name, "register_add", &format!("{}:{name}", kind.as_str()), "")?;
    Ok(id)
}

/// The id of an active entry, creating it when new (a clerk typing a new department
/// into the asset form means "add it"). Creating needs the register permission.
pub(crate) fn resolve_or_create(tx: &Transaction, actor: &Actor, kind: RegisterKind, name: &str) -> Result<i64> {
    let name = validate_name(kind, name).map_err(|e| e.for_field(kind.as_str()))?;
    match find(tx, kind, &name)? {
        Some((id, true)) => Ok(id),
        Some((_, false)) => Err(Error::invalid(
            kind.as_str(),
            format!("{} '{name_q}' is deactivated; reactivate it first", kind.label(Lang::En), name_q = crate::error::quoted(&name)),
            format!("{}「{name_q}」已停用，请先启用", kind.label(Lang::ZhCn), name_q = crate::error::quoted(&name)),
        )),
        None => {
            actor.require(Permission::ManageRegisters)?;
            insert(tx, actor, kind, &name, None)
        }
    }
}

impl Ledger {
    /// Which of `names` are not yet in the register (an import would create them), each
    /// once, in first-seen order. Blank and over-long names are left to row validation.
    pub fn new_register_names<'a>(&self, actor: &Actor, kind: RegisterKind, names: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
        actor.require(Permission::ViewAssets)?;
        let mut seen = std::collections::HashSet::new();
        let mut new = Vec::new();
        for name in names {
            let Ok(name) = validate_name(kind, name) else { continue };
            if seen.insert(name.clone()) && find(&self.conn, kind, &name)?.is_none() {
                new.push(name);
            }
        }
        Ok(new)
    }

    pub fn list_register(&self, actor: &Actor, kind: RegisterKind) -> Result<Vec<RegisterItem>> {
        actor.require(Permission::ViewAssets)?;
        let count_col = match kind {
            RegisterKind::Category => "category_id",
            RegisterKind::Department => "dept_id",
            RegisterKind::Location => "location_id",
            RegisterKind::Person => "custodian_id",
        };
        let dept = if kind == RegisterKind::Person {
            "(SELECT d.name FROM departments d WHERE d.id = r.dept_id)"
        } else {
            "NULL"
        };
        let sql = format!(
            "SELECT r.id, r.name, r.active, {dept}, (SELECT COUNT(*) FROM assets a WHERE a.{count_col} = r.id) \
             FROM {table} r ORDER BY r.active DESC, r.name",
            table = kind.table()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map([], |r| Ok(RegisterItem { id: r.get(0)?, name: r.get(1)?, active: r.get(2)?, dept: r.get(3)?, asset_count: r.get(4)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Adds an entry; `dept` only for people.
    pub fn add_register(&mut self, actor: &Actor, kind: RegisterKind, name: &str, dept: Option<&str>) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let name = validate_name(kind, name)?;
        let tx = crate::db::begin(&mut self.conn)?;
        if find(&tx, kind, &name)?.is_some() {
            return Err(Error::conflict(
                format!("{} '{name_q}' already exists", kind.label(Lang::En), name_q = crate::error::quoted(&name)),
                format!("{}「{name_q}」已存在", kind.label(Lang::ZhCn), name_q = crate::error::quoted(&name)),
            )
            .with_field("name"));
        }
        let dept_id = match (kind, dept.map(str::trim).filter(|d| !d.is_empty())) {
            (RegisterKind::Person, Some(d)) => Some(resolve_or_create(&tx, actor, RegisterKind::Department, d)?),
            _ => None,
        };
        insert(&tx, actor, kind, &name, dept_id)?;
        tx.commit()?;
        Ok(())
    }

    pub fn rename_register(&mut self, actor: &Actor, kind: RegisterKind, old: &str, new: &str) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let new = validate_name(kind, new)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let (id, _) = find(&tx, kind, old.trim())?.ok_or_else(|| not_found(kind, old))?;
        if let Some((other, _)) = find(&tx, kind, &new)? {
            if other != id {
                return Err(Error::conflict(
                    format!("{} '{new_q}' already exists", kind.label(Lang::En), new_q = crate::error::quoted(&new)),
                    format!("{}「{new_q}」已存在", kind.label(Lang::ZhCn), new_q = crate::error::quoted(&new)),
                )
                .with_field("name"));
            }
        }
        tx.execute(&format!("UPDATE {table} SET name = ?1 WHERE id = ?2", table = kind.table()), params![new, id])?;
        crate::assets::refresh_search_text_for(&tx, kind, id)?;
        audit::record(&tx, &actor.name, "register_rename", &format!("{}:{}", kind.as_str(), old.trim()), &new)?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_register_active(&mut self, actor: &Actor, kind: RegisterKind, name: &str, active: bool) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let (id, _) = find(&tx, kind, name.trim())?.ok_or_else(|| not_found(kind, name))?;
        if kind == RegisterKind::Category {
            crate::category_tree::check_active_change(&tx, id, active)?;
        }
        tx.execute(&format!("UPDATE {table} SET active = ?1 WHERE id = ?2", table = kind.table()), params![active, id])?;
        let action = if active { "register_activate" } else { "register_deactivate" };
        audit::record(&tx, &actor.name, action, &format!("{}:{}", kind.as_str(), name.trim()), "")?;
        tx.commit()?;
        Ok(())
    }
}
