//! The plain data one label shows. The ledger (or anything else) fills it in; this
//! crate never looks anything up.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What one asset label shows. Empty strings mean "not recorded".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelData {
    /// Asset code, e.g. `ZC-2026-000123`; what the barcode usually encodes.
    pub code: String,
    pub name: String,
    pub model: String,
    pub dept: String,
    pub location: String,
    /// Acquisition date as text, already formatted (e.g. `2026-03-01`).
    pub acquired: String,
    /// Organisation (company) name printed on the label.
    pub org: String,
    /// Free fields by name (custom fields, custodian, serial...).
    pub extra: BTreeMap<String, String>,
}

impl LabelData {
    /// A label with only a code, for quick starts and tests.
    pub fn with_code(code: impl Into<String>) -> Self {
        LabelData {
            code: code.into(),
            ..Default::default()
        }
    }
}
