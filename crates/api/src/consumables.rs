//! Low-value consumables (issue 7). Only what the home screen shows has moved here so
//! far; the rest is still in src-tauri/src/dto/consumables.rs (see ARCHITECTURE.md).

use ledger::{format_qty, LowStock};
use serde::Serialize;
use ts_rs::TS;

/// A consumable at or below its low-stock threshold.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "LowStock")]
pub struct LowStockDto {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub qty: String,
    pub threshold: String,
}

impl From<LowStock> for LowStockDto {
    fn from(l: LowStock) -> Self {
        LowStockDto { code: l.code, name: l.name, unit: l.unit, qty: format_qty(l.qty), threshold: format_qty(l.threshold) }
    }
}
