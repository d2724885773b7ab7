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

// Categories as a tree and the GB/T 14885 seed (issue 21).

/// One category in tree order (a parent before its children).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "CategoryNode")]
pub struct CategoryNodeDto {
    pub name: String,
    /// The standard's class code of a seeded category (GB/T 14885-2022).
    pub class_code: Option<String>,
    pub parent: Option<String>,
    /// 0 for a top category.
    #[ts(type = "number")]
    pub depth: usize,
    pub active: bool,
    #[ts(type = "number")]
    pub asset_count: i64,
    /// Its minimum life (政府固定资产折旧年限表), in years.
    #[ts(type = "number | null")]
    pub min_life_years: Option<i64>,
    /// The depreciation defaults a new asset of it gets, its own or inherited (null: none up the tree).
    pub method: Option<String>,
    #[ts(type = "number | null")]
    pub life_years: Option<i64>,
    pub salvage_rate: Option<String>,
    /// The parent whose method and salvage rate it inherits (null: its own).
    pub defaults_from: Option<String>,
    /// The parent whose default life it inherits (null: its own, or no life).
    pub life_from: Option<String>,
}

/// What seeding did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "SeedOutcome")]
pub struct SeedOutcomeDto {
    #[ts(type = "number")]
    pub added: usize,
    #[ts(type = "number")]
    pub placed: usize,
    #[ts(type = "number")]
    pub unchanged: usize,
    #[ts(type = "number")]
    pub min_lives_set: usize,
}

pub fn category_tree(cx: &mut Ctx) -> Result<Vec<CategoryNodeDto>> {
    Ok(cx
        .ledger
        .category_tree(cx.actor)?
        .into_iter()
        .map(|n| CategoryNodeDto {
            method: n.defaults.as_ref().map(|d| d.method.as_str().to_string()),
            life_years: n.defaults.as_ref().and_then(|d| d.life_months).map(|m| m / 12),
            salvage_rate: n.defaults.as_ref().map(|d| d.salvage_rate.to_string()),
            defaults_from: n.defaults.as_ref().and_then(|d| d.defaults_from.clone()),
            life_from: n.defaults.as_ref().and_then(|d| d.life_from.clone()),
            name: n.name,
            class_code: n.class_code,
            parent: n.parent,
            depth: n.depth,
            active: n.active,
            asset_count: n.asset_count,
            min_life_years: n.min_life_years,
        })
        .collect())
}

/// Adds a category, under `parent` when given.
pub fn add_category(cx: &mut Ctx, name: &str, parent: Option<&str>) -> Result<()> {
    cx.ledger.add_category(cx.actor, name, parent)
}

/// Moves a category under `parent` (None or empty: to the top); no cycles.
pub fn move_category(cx: &mut Ctx, name: &str, parent: Option<&str>) -> Result<()> {
    cx.ledger.move_category(cx.actor, name, parent)
}

/// Seeds a standard's categories (`gbt14885`); idempotent.
pub fn seed_categories(cx: &mut Ctx, seed: &str) -> Result<SeedOutcomeDto> {
    let o = cx.ledger.seed_categories(cx.actor, seed)?;
    Ok(SeedOutcomeDto { added: o.added, placed: o.placed, unchanged: o.unchanged, min_lives_set: o.min_lives_set })
}
