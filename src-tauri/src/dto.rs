//! The shapes that cross the Tauri boundary for the areas not yet moved into the api
//! crate (crates/api: assets, registers, card extras, documents, the dashboard,
//! consumables, reports, backups, audit and settings are there, with their TypeScript
//! generated). Money travels as "1600.00" strings, dates
//! as "YYYY-MM-DD".

use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct UserDto {
    pub name: String,
    pub role: &'static str,
    pub dept_id: Option<i64>,
}

#[derive(Serialize)]
pub struct AppStatusDto {
    pub initialized: bool,
    pub data_dir: String,
    pub org_name: String,
    pub lang: &'static str,
    pub user: Option<UserDto>,
    pub permissions: Vec<&'static str>,
    /// Days since the last backup (None: never).
    pub backup_age_days: Option<i64>,
    /// Lock the screen after this many idle minutes (0: never).
    pub lock_minutes: u32,
    /// What the tamper check found when the ledger was opened (issue 26), in the UI language.
    pub audit_alarms: Vec<String>,
}

#[derive(Deserialize)]
pub struct SetupDto {
    pub org_name: String,
    pub admin_name: String,
    pub admin_password: String,
    pub lang: String,
    /// enterprise | government (issue 21); empty keeps enterprise.
    #[serde(default)]
    pub regime: String,
}

// A file written for the clerk: crates/api's `ExportDto` (`ExportResult` in the UI).
// Depreciation (issue 6): its shapes are crates/api's (api::valuation).
// Standard reports (issue 9): api::reports; on paper, api::paper.
