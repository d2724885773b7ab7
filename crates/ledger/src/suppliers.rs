//! 供应商/维修单位 (issue 22): a register beside departments, locations and categories,
//! with who to call and what they supply or repair. Repair orders, maintenance plans,
//! asset cards and consumable receipts point at an entry (the last two through the
//! link tables of migration `asset_and_receipt_supplier_links`; a name typed there that
//! the register lacks is added to it, as a new department typed on the asset form is).
//! Entries are deactivated, never deleted.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::audit;
use crate::auth::{Actor, Permission};
use crate::error::{quoted, Error, Result};
use crate::ledger::Ledger;

/// A supplier as the clerk types it; empty contact/phone/supplies are allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupplierInput {
    pub name: String,
    pub contact: String,
    pub phone: String,
    /// What they supply or repair (空调、打印机维修 …).
    pub supplies: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierRow {
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub supplies: String,
    pub active: bool,
    /// Repair orders sent to them.
    pub repairs: i64,
}

fn validate(input: &SupplierInput) -> Result<SupplierInput> {
    let mut errors = Vec::new();
    let name = input.name.trim().to_string();
    if name.is_empty() {
        errors.push(Error::invalid("name", "the supplier's name is required", "请填写供应商名称"));
    }
    for (field, value, max, en, zh) in [
        // 100: the asset card's old free-text supplier allowed as much, and every such
        // name became a register entry (migration `asset_and_receipt_supplier_links`).
        ("name", &name, 100, "supplier name", "供应商名称"),
        ("contact", &input.contact, 40, "contact", "联系人"),
        ("phone", &input.phone, 40, "phone", "电话"),
        ("supplies", &input.supplies, 200, "what they supply or repair", "供应/维修范围"),
    ] {
        if value.trim().chars().count() > max {
            errors.push(Error::invalid(field, format!("{en} is longer than {max} characters"), format!("{zh}超过 {max} 个字符")));
        }
    }
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    Ok(SupplierInput { name, contact: input.contact.trim().into(), phone: input.phone.trim().into(), supplies: input.supplies.trim().into() })
}

fn not_found(name: &str) -> Error {
    Error::not_found(
        format!("no supplier named '{}'; add it with `register supplier add`", quoted(name.trim())),
        format!("找不到供应商「{}」，请先在供应商登记中添加", quoted(name.trim())),
    )
}

/// The supplier's id and whether it is active.
pub(crate) fn find(conn: &Connection, name: &str) -> Result<Option<(i64, bool)>> {
    Ok(conn.query_row("SELECT id, active FROM suppliers WHERE name = ?1", [name.trim()], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The active supplier named `name`, for a repair order or a plan; an unknown or
/// deactivated one is refused (`field` names the form field).
pub(crate) fn resolve_active(conn: &Connection, name: &str, field: &str) -> Result<i64> {
    match find(conn, name)? {
        Some((id, true)) => Ok(id),
        Some((_, false)) => Err(Error::conflict(
            format!("supplier '{}' is deactivated; activate it first", quoted(name.trim())),
            format!("供应商「{}」已停用，请先启用", quoted(name.trim())),
        )
        .with_field(field)),
        None => Err(not_found(name).with_field(field)),
    }
}

/// The register entry for a supplier named on an asset card or a consumable receipt:
/// an active one is taken, a name the register lacks is added to it (by a user who may
/// manage registers), a deactivated one is refused. `None` for an empty name.
pub(crate) fn resolve_or_create(tx: &Transaction, actor: &Actor, name: &str, field: &str) -> Result<Option<i64>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    match find(tx, name)? {
        Some((id, true)) => Ok(Some(id)),
        Some(_) => resolve_active(tx, name, field).map(Some),
        None => {
            actor.require(Permission::ManageRegisters).map_err(|e| e.with_field(field))?;
            let s = validate(&SupplierInput { name: name.into(), ..SupplierInput::default() }).map_err(|e| e.for_field(field))?;
            tx.execute("INSERT INTO suppliers(name, created_at) VALUES (?1, ?2)", params![s.name, crate::db::now()])?;
            let id = tx.last_insert_rowid();
            audit::record(tx, &actor.name, "supplier_add", &s.name, "named on an asset card or a consumable receipt")?;
            Ok(Some(id))
        }
    }
}

/// The supplier name shown for the asset aliased `a`: its register entry's, else the
/// text the card had before the link (a row no link was written for).
pub(crate) const ASSET_SUPPLIER_NAME: &str =
    "COALESCE((SELECT s.name FROM asset_suppliers x JOIN suppliers s ON s.id = x.supplier_id WHERE x.asset_id = a.id), a.supplier)";

/// The same for the consumable movement aliased `m` (a macro, so the movement select
/// can stay one constant).
macro_rules! receipt_supplier_name {
    () => {
        "COALESCE((SELECT s.name FROM consumable_move_suppliers x JOIN suppliers s ON s.id = x.supplier_id WHERE x.move_id = m.id), m.supplier)"
    };
}
pub(crate) use receipt_supplier_name;
pub(crate) const RECEIPT_SUPPLIER_NAME: &str = receipt_supplier_name!();

/// Points an asset at its supplier (or at none).
pub(crate) fn link_asset(tx: &Transaction, asset_id: i64, supplier_id: Option<i64>) -> Result<()> {
    match supplier_id {
        Some(id) => tx.prepare_cached("INSERT OR REPLACE INTO asset_suppliers(asset_id, supplier_id) VALUES (?1, ?2)")?.execute(params![asset_id, id])?,
        None => tx.prepare_cached("DELETE FROM asset_suppliers WHERE asset_id = ?1")?.execute([asset_id])?,
    };
    Ok(())
}

/// Points a consumable receipt at its supplier; written once, with the receipt.
pub(crate) fn link_receipt(tx: &Transaction, move_id: i64, supplier_id: i64) -> Result<()> {
    tx.execute("INSERT INTO consumable_move_suppliers(move_id, supplier_id) VALUES (?1, ?2)", params![move_id, supplier_id])?;
    Ok(())
}

fn update_active(tx: &Transaction, actor: &Actor, name: &str, active: bool) -> Result<()> {
    let (id, _) = find(tx, name)?.ok_or_else(|| not_found(name))?;
    tx.execute("UPDATE suppliers SET active = ?1 WHERE id = ?2", params![active, id])?;
    audit::record(tx, &actor.name, if active { "supplier_activate" } else { "supplier_deactivate" }, name.trim(), "")
}

impl Ledger {
    pub fn add_supplier(&mut self, actor: &Actor, input: &SupplierInput) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let s = validate(input)?;
        let tx = crate::db::begin(&mut self.conn)?;
        if find(&tx, &s.name)?.is_some() {
            return Err(Error::conflict(
                format!("supplier '{}' already exists", quoted(&s.name)),
                format!("供应商「{}」已存在", quoted(&s.name)),
            )
            .with_field("name"));
        }
        tx.execute(
            "INSERT INTO suppliers(name, contact, phone, supplies, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.name, s.contact, s.phone, s.supplies, crate::db::now()],
        )?;
        audit::record(&tx, &actor.name, "supplier_add", &s.name, &format!("{} {} {}", s.contact, s.phone, s.supplies))?;
        tx.commit()?;
        Ok(())
    }

    /// Changes a supplier's details (and its name, if `input.name` differs from `name`).
    pub fn edit_supplier(&mut self, actor: &Actor, name: &str, input: &SupplierInput) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let s = validate(input)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let (id, _) = find(&tx, name)?.ok_or_else(|| not_found(name))?;
        if let Some((other, _)) = find(&tx, &s.name)? {
            if other != id {
                return Err(Error::conflict(
                    format!("supplier '{}' already exists", quoted(&s.name)),
                    format!("供应商「{}」已存在", quoted(&s.name)),
                )
                .with_field("name"));
            }
        }
        tx.execute(
            "UPDATE suppliers SET name = ?1, contact = ?2, phone = ?3, supplies = ?4 WHERE id = ?5",
            params![s.name, s.contact, s.phone, s.supplies, id],
        )?;
        audit::record(&tx, &actor.name, "supplier_edit", name.trim(), &format!("{} {} {} {}", s.name, s.contact, s.phone, s.supplies))?;
        tx.commit()?;
        Ok(())
    }

    /// Deactivates (no new repairs or plans; kept on old ones) or reactivates a supplier.
    pub fn set_supplier_active(&mut self, actor: &Actor, name: &str, active: bool) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let tx = crate::db::begin(&mut self.conn)?;
        update_active(&tx, actor, name, active)?;
        tx.commit()?;
        Ok(())
    }

    /// Which of `names` the supplier register lacks (an import would add them), each
    /// once, in first-seen order; blank ones are skipped.
    pub fn new_supplier_names<'a>(&self, actor: &Actor, names: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
        actor.require(Permission::ViewAssets)?;
        let mut seen = std::collections::HashSet::new();
        let mut new = Vec::new();
        for name in names.into_iter().map(str::trim).filter(|n| !n.is_empty()) {
            if seen.insert(name) && find(&self.conn, name)?.is_none() {
                new.push(name.to_string());
            }
        }
        Ok(new)
    }

    /// Every supplier, by name; inactive ones too.
    pub fn list_suppliers(&self, actor: &Actor) -> Result<Vec<SupplierRow>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT s.name, s.contact, s.phone, s.supplies, s.active, (SELECT COUNT(*) FROM repair_orders o WHERE o.supplier_id = s.id) \
             FROM suppliers s ORDER BY s.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SupplierRow { name: r.get(0)?, contact: r.get(1)?, phone: r.get(2)?, supplies: r.get(3)?, active: r.get(4)?, repairs: r.get(5)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
#[path = "suppliers_migration_tests.rs"]
mod migration_tests;
