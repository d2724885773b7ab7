//! Warranties ending soon (issue 22): the list for 30/60/90 days (CLI and the 维修 screen).

use ledger::WarrantyRow;
use serde::Serialize;
use ts_rs::TS;

use crate::{Ctx, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "WarrantyRow")]
pub struct WarrantyRowDto {
    pub code: String,
    pub name: String,
    pub dept: Option<String>,
    pub supplier: String,
    pub warranty_until: String,
    #[ts(type = "number")]
    pub days_left: i64,
}

impl From<WarrantyRow> for WarrantyRowDto {
    fn from(w: WarrantyRow) -> Self {
        WarrantyRowDto { code: w.code, name: w.name, dept: w.dept, supplier: w.supplier, warranty_until: w.warranty_until.to_string(), days_left: w.days_left }
    }
}

/// Warranties ending within `within_days` (30, 60, 90 …) from today.
pub fn ending(cx: &mut Ctx, within_days: i64) -> Result<Vec<WarrantyRowDto>> {
    Ok(cx.ledger.warranties_ending(cx.actor, within_days)?.into_iter().map(Into::into).collect())
}
