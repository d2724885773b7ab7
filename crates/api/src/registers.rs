//! Categories, departments, locations and people (deactivated, never deleted).

use ledger::{RegisterItem, RegisterKind};
use serde::Serialize;
use ts_rs::TS;

use crate::{Ctx, Result};

/// One entry of a register and how many assets use it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RegisterItem")]
pub struct RegisterItemDto {
    pub name: String,
    pub active: bool,
    /// People: their department.
    pub dept: Option<String>,
    #[ts(type = "number")]
    pub asset_count: i64,
}

impl From<RegisterItem> for RegisterItemDto {
    fn from(i: RegisterItem) -> Self {
        RegisterItemDto { name: i.name, active: i.active, dept: i.dept, asset_count: i.asset_count }
    }
}

/// `kind` is "category", "dept", "location" or "person" (or its Chinese name).
pub fn list(cx: &mut Ctx, kind: &str) -> Result<Vec<RegisterItemDto>> {
    Ok(cx.ledger.list_register(cx.actor, RegisterKind::parse(kind)?)?.into_iter().map(Into::into).collect())
}

/// Adds an entry; a person may name their department.
pub fn add(cx: &mut Ctx, kind: &str, name: &str, dept: Option<&str>) -> Result<()> {
    cx.ledger.add_register(cx.actor, RegisterKind::parse(kind)?, name, dept)
}

pub fn rename(cx: &mut Ctx, kind: &str, old: &str, new: &str) -> Result<()> {
    cx.ledger.rename_register(cx.actor, RegisterKind::parse(kind)?, old, new)
}

/// Deactivates (hidden from new entries, kept on old ones) or reactivates an entry.
pub fn set_active(cx: &mut Ctx, kind: &str, name: &str, active: bool) -> Result<()> {
    cx.ledger.set_register_active(cx.actor, RegisterKind::parse(kind)?, name, active)
}

/// The register kinds' keys, for the UI's `RegisterKind` type.
pub fn kind_keys() -> Vec<&'static str> {
    RegisterKind::ALL.iter().map(|k| k.as_str()).collect()
}
