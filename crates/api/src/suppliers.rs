//! The supplier register (供应商, issue 22): name, contact, phone, what they supply or
//! repair; used by repair orders and maintenance plans, offered by acquisitions and
//! consumable receipts.

use ledger::{SupplierInput, SupplierRow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Ctx, Result};

#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "SupplierInput")]
pub struct SupplierInputDto {
    pub name: String,
    #[ts(optional, as = "Option<String>")]
    pub contact: String,
    #[ts(optional, as = "Option<String>")]
    pub phone: String,
    #[ts(optional, as = "Option<String>")]
    pub supplies: String,
}

impl SupplierInputDto {
    fn input(self) -> SupplierInput {
        SupplierInput { name: self.name, contact: self.contact, phone: self.phone, supplies: self.supplies }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Supplier")]
pub struct SupplierDto {
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub supplies: String,
    pub active: bool,
    #[ts(type = "number")]
    pub repairs: i64,
}

impl From<SupplierRow> for SupplierDto {
    fn from(s: SupplierRow) -> Self {
        SupplierDto { name: s.name, contact: s.contact, phone: s.phone, supplies: s.supplies, active: s.active, repairs: s.repairs }
    }
}

pub fn list(cx: &mut Ctx) -> Result<Vec<SupplierDto>> {
    Ok(cx.ledger.list_suppliers(cx.actor)?.into_iter().map(Into::into).collect())
}

pub fn add(cx: &mut Ctx, input: SupplierInputDto) -> Result<()> {
    cx.ledger.add_supplier(cx.actor, &input.input())
}

/// Changes the supplier named `name`; fields left out keep their value.
pub fn edit(cx: &mut Ctx, name: &str, patch: SupplierPatchDto) -> Result<()> {
    let current = cx
        .ledger
        .list_suppliers(cx.actor)?
        .into_iter()
        .find(|s| s.name == name.trim())
        .ok_or_else(|| ledger::Error::not_found(format!("no supplier named '{}'", ledger::quoted(name.trim())), format!("找不到供应商「{}」", ledger::quoted(name.trim()))))?;
    let input = SupplierInput {
        name: patch.name.unwrap_or(current.name),
        contact: patch.contact.unwrap_or(current.contact),
        phone: patch.phone.unwrap_or(current.phone),
        supplies: patch.supplies.unwrap_or(current.supplies),
    };
    cx.ledger.edit_supplier(cx.actor, name, &input)
}

/// Only the fields given change.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "SupplierPatch")]
pub struct SupplierPatchDto {
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub contact: Option<String>,
    #[ts(optional)]
    pub phone: Option<String>,
    #[ts(optional)]
    pub supplies: Option<String>,
}

pub fn set_active(cx: &mut Ctx, name: &str, active: bool) -> Result<()> {
    cx.ledger.set_supplier_active(cx.actor, name, active)
}
