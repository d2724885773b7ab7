//! What an organisation adds to the asset card: custom fields defined by an admin,
//! and attachments (photos, scanned invoices, warranty cards) stored in the ledger.


use rusqlite::{params, OptionalExtension};

use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::{audit, db};

/// Largest attachment accepted: a phone photo or a scanned multi-page invoice.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomField {
    pub name: String,
    /// text | number | date
    pub kind: String,
    pub required: bool,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub added_at: String,
    pub added_by: String,
}

fn asset_id(conn: &rusqlite::Connection, actor: &Actor, code: &str) -> Result<i64> {
    let found: Option<(i64, Option<i64>)> =
        conn.query_row("SELECT id, dept_id FROM assets WHERE code = ?1", [code.trim()], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    match found {
        Some((id, dept)) if actor.scope_dept().is_none() || actor.scope_dept() == dept => Ok(id),
        _ => Err(Error::not_found(format!("no asset with code {code}"), format!("找不到编码为 {code} 的资产")).with_field("code")),
    }
}

/// No active custom field has this name (the card, list filters, imports, reports).
pub(crate) fn unknown_field(name: &str) -> Error {
    Error::invalid(name, format!("no custom field named '{}'", crate::error::quoted(name)), format!("没有名为「{}」的自定义字段", crate::error::quoted(name)))
}

/// A value as the card accepts it for `field` (the importer checks by this too).
pub(crate) fn check_value(field: &CustomField, value: &str) -> Result<()> {
    let v = value.trim();
    let bad = |en: &str, zh: &str| Error::invalid(&field.name, format!("{}: '{v_q}' {en}", field.name, v_q = crate::error::quoted(&v)), format!("{}:「{v_q}」{zh}", field.name, v_q = crate::error::quoted(&v)));
    if v.is_empty() {
        return if field.required { Err(bad("is required", "不能为空")) } else { Ok(()) };
    }
    match field.kind.as_str() {
        "number" if v.parse::<rust_decimal::Decimal>().is_err() => Err(bad("is not a number", "不是数字")),
        "date" if crate::dates::parse_ymd(v).is_none() => Err(crate::dates::not_a_date(&field.name, (&field.name, &field.name), v)),
        _ if v.chars().count() > 500 => Err(bad("is longer than 500 characters", "超过 500 个字符")),
        _ => Ok(()),
    }
}

/// The active custom fields, in order.
pub(crate) fn active_fields(conn: &rusqlite::Connection) -> Result<Vec<CustomField>> {
    let mut stmt = conn.prepare("SELECT name, kind, required, active FROM custom_fields WHERE active = 1 ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok(CustomField { name: r.get(0)?, kind: r.get(1)?, required: r.get(2)?, active: r.get(3)? }))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl Ledger {
    pub fn custom_fields(&self, actor: &Actor) -> Result<Vec<CustomField>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare("SELECT name, kind, required, active FROM custom_fields ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok(CustomField { name: r.get(0)?, kind: r.get(1)?, required: r.get(2)?, active: r.get(3)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The active custom fields, in order: the columns of lists, exports and imports.
    pub fn active_custom_fields(&self, actor: &Actor) -> Result<Vec<CustomField>> {
        actor.require(Permission::ViewAssets)?;
        active_fields(&self.conn)
    }

    /// Defines (or changes the type/requiredness of, or deactivates) a custom field.
    pub fn define_custom_field(&mut self, actor: &Actor, field: &CustomField) -> Result<()> {
        actor.require(Permission::ManageSettings)?;
        let name = field.name.trim();
        if name.is_empty() || name.chars().count() > 30 {
            return Err(Error::invalid("name", "a field name must be 1 to 30 characters", "字段名须为 1 到 30 个字符"));
        }
        if !["text", "number", "date"].contains(&field.kind.as_str()) {
            return Err(Error::invalid("kind", "a field is text, number or date", "字段类型须为 text、number 或 date"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        tx.execute(
            "INSERT INTO custom_fields(name, kind, required, active) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, required = excluded.required, active = excluded.active",
            params![name, field.kind, field.required, field.active],
        )?;
        audit::record(&tx, &actor.name, "custom_field", name, &format!("{} required={} active={}", field.kind, field.required, field.active))?;
        tx.commit()?;
        Ok(())
    }

    /// The card's custom values, (field name, value), in field order.
    pub fn custom_values(&self, actor: &Actor, code: &str) -> Result<Vec<(String, String)>> {
        let id = asset_id(&self.conn, actor, code)?;
        let mut stmt = self.conn.prepare(
            "SELECT f.name, COALESCE(v.value, '') FROM custom_fields f LEFT JOIN custom_values v ON v.field_id = f.id AND v.asset_id = ?1 \
             WHERE f.active = 1 ORDER BY f.id",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Sets custom values on a card; every bad value is named at once and nothing changes.
    pub fn set_custom_values(&mut self, actor: &Actor, code: &str, values: &[(String, String)]) -> Result<()> {
        actor.require(Permission::EditAsset)?;
        let id = asset_id(&self.conn, actor, code)?;
        let fields = self.custom_fields(actor)?;
        let mut errors = Vec::new();
        for (name, value) in values {
            match fields.iter().find(|f| &f.name == name && f.active) {
                Some(f) => {
                    if let Err(e) = check_value(f, value) {
                        errors.push(e);
                    }
                }
                None => errors.push(unknown_field(name)),
            }
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let tx = crate::db::begin(&mut self.conn)?;
        for (name, value) in values {
            tx.execute(
                "INSERT INTO custom_values(asset_id, field_id, value) SELECT ?1, id, ?3 FROM custom_fields WHERE name = ?2 \
                 ON CONFLICT(asset_id, field_id) DO UPDATE SET value = excluded.value",
                params![id, name, value.trim()],
            )?;
        }
        audit::record(&tx, &actor.name, "custom_values", code.trim(), &values.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "))?;
        tx.commit()?;
        Ok(())
    }

    pub fn attachments(&self, actor: &Actor, code: &str) -> Result<Vec<Attachment>> {
        let id = asset_id(&self.conn, actor, code)?;
        let mut stmt = self.conn.prepare("SELECT id, name, mime, size, added_at, added_by FROM attachments WHERE asset_id = ?1 AND removed = 0 ORDER BY id")?;
        let rows = stmt
            .query_map([id], |r| Ok(Attachment { id: r.get(0)?, name: r.get(1)?, mime: r.get(2)?, size: r.get(3)?, added_at: r.get(4)?, added_by: r.get(5)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn attach(&mut self, actor: &Actor, code: &str, name: &str, mime: &str, data: &[u8]) -> Result<i64> {
        actor.require(Permission::EditAsset)?;
        let id = asset_id(&self.conn, actor, code)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(Error::invalid("name", "an attachment needs a file name of 1 to 200 characters", "附件文件名须为 1 到 200 个字符"));
        }
        if data.is_empty() || data.len() > MAX_ATTACHMENT_BYTES {
            return Err(Error::invalid(
                "file",
                format!("{name}: attachments must be between 1 byte and 20 MB"),
                format!("{name}：附件大小须在 1 字节到 20 MB 之间"),
            ));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        tx.execute(
            "INSERT INTO attachments(asset_id, name, mime, size, data, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, name, mime, data.len() as i64, data, db::now(), actor.name],
        )?;
        let attachment = tx.last_insert_rowid();
        audit::record(&tx, &actor.name, "attach", code.trim(), name)?;
        tx.commit()?;
        Ok(attachment)
    }

    /// The bytes and type of an attachment.
    pub fn attachment_data(&self, actor: &Actor, attachment: i64) -> Result<(String, Vec<u8>)> {
        actor.require(Permission::ViewAssets)?;
        let found: Option<(String, Vec<u8>, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT t.mime, t.data, a.dept_id FROM attachments t JOIN assets a ON a.id = t.asset_id WHERE t.id = ?1 AND t.removed = 0",
                [attachment],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match found {
            Some((mime, data, dept)) if actor.scope_dept().is_none() || actor.scope_dept() == dept => Ok((mime, data)),
            _ => Err(Error::not_found("no such attachment", "附件不存在")),
        }
    }

    /// Hides an attachment from the card; the bytes stay for the record.
    pub fn remove_attachment(&mut self, actor: &Actor, attachment: i64) -> Result<()> {
        actor.require(Permission::EditAsset)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let changed = tx.execute("UPDATE attachments SET removed = 1 WHERE id = ?1 AND removed = 0", [attachment])?;
        if changed == 0 {
            return Err(Error::not_found("no such attachment", "附件不存在"));
        }
        audit::record(&tx, &actor.name, "attachment_remove", &attachment.to_string(), "")?;
        tx.commit()?;
        Ok(())
    }
}
