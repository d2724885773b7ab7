//! The ledger's accounting regime (issue 21): which rule set depreciation follows.
//!
//! - 政府会计准则 (government: schools, hospitals, 行政事业单位): charged from the month of
//!   acquisition, no salvage, not charged in the month the asset leaves, and a life no
//!   shorter than its category's minimum (折旧年限表, per GB/T 14885 class).
//! - 企业会计准则 (enterprise, CAS 4; the default and what older ledgers had): charged from
//!   the month after acquisition, salvage allowed, charged in the month it leaves.
//!
//! Chosen at init; changeable only while no depreciation run exists, so posted figures
//! never mix two rule sets.

use depreciation::{Period, Start};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::auth::{Actor, Permission};
use crate::enum_str::string_enum;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::money::Money;
use crate::{audit, settings};

/// The settings key (`settings set accounting.regime …` on the CLI).
pub(crate) const REGIME_KEY: &str = "accounting.regime";

string_enum!(
    /// Which accounting standard the ledger's depreciation follows.
    Regime, field: "regime", what: ("accounting regime", "会计制度"), {
    Enterprise => ("enterprise", "Enterprise", "企业会计准则"),
    Government => ("government", "Government", "政府会计准则"),
});

impl Default for Regime {
    fn default() -> Self {
        Regime::Enterprise
    }
}

impl Regime {
    /// Which month is charged first.
    pub fn start(self) -> Start {
        match self {
            Regime::Enterprise => Start::NextMonth,
            Regime::Government => Start::SameMonth,
        }
    }

    /// The last month charged for an asset that leaves the books in `leaves`: that month
    /// (当月减少当月照提) for enterprises, the month before (当月减少当月不提) for government.
    pub fn last_charge(self, leaves: Period) -> Period {
        match self {
            Regime::Enterprise => leaves,
            Regime::Government => leaves.prev(),
        }
    }

    /// Whether a salvage value is allowed (government: always zero).
    pub fn allows_salvage(self) -> bool {
        self == Regime::Enterprise
    }
}

/// The ledger's regime (enterprise when never set).
pub(crate) fn regime(conn: &Connection) -> Result<Regime> {
    Ok(match settings::get(conn, REGIME_KEY)? {
        Some(word) => Regime::parse(&word).unwrap_or_default(),
        None => Regime::Enterprise,
    })
}

/// Whether any depreciation run (posted or re-opened) exists.
fn any_run(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM depreciation_runs)", [], |r| r.get(0))?)
}

/// A category's minimum life in months (折旧年限表): its own, else its nearest parent's
/// (a clerk's 笔记本电脑 under the seeded 计算机设备 keeps the class's six years).
pub(crate) fn min_life_months(conn: &Connection, category: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            crate::category_tree::with_category_ancestors!(
                "SELECT id, 0 FROM categories WHERE name = ?1",
                "SELECT m.min_life_months FROM up JOIN category_min_life m ON m.category_id = up.id ORDER BY up.depth LIMIT 1"
            ),
            [category.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The government rules on an asset's estimates, as typed for `category`: no salvage,
/// and a life not shorter than the category's minimum. Nothing to check for enterprises.
/// `life_months` None (not depreciated yet) passes.
pub(crate) fn check_estimates(conn: &Connection, category: &str, life_months: Option<i64>, salvage_rate: Decimal, salvage: Option<Money>) -> Result<()> {
    if regime(conn)? != Regime::Government {
        return Ok(());
    }
    let mut errors = Vec::new();
    if salvage_rate != Decimal::ZERO || salvage.is_some_and(|s| s != Decimal::ZERO) {
        let field = if salvage.is_some() { "salvage" } else { "salvage_rate" };
        errors.push(Error::invalid(
            field,
            "this ledger follows the government accounting standard (政府会计准则): fixed assets have no salvage value; leave salvage empty or 0",
            "本台账执行政府会计准则：固定资产不计净残值，请将净残值（率）留空或填 0",
        ));
    }
    if let (Some(life), Some(min)) = (life_months, min_life_months(conn, category)?) {
        if life < min {
            errors.push(Error::invalid(
                "life_years",
                format!("a life of {} years is shorter than the minimum of {} years for category {} (government depreciation life table)", life / 12, min / 12, category.trim()),
                format!("使用年限 {} 年短于类别「{}」的最低折旧年限 {} 年（政府固定资产折旧年限表）", life / 12, category.trim(), min / 12),
            ));
        }
    }
    match Error::combine(errors) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A category's minimum life as the clerk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryMinLife {
    pub category: String,
    pub min_life_years: i64,
}

impl Ledger {
    /// The ledger's accounting regime.
    pub fn accounting_regime(&self, actor: &Actor) -> Result<Regime> {
        actor.require(Permission::ViewAssets)?;
        regime(&self.conn)
    }

    /// Sets the regime; refused once any depreciation run exists (posted figures would
    /// otherwise mix two rule sets).
    pub fn set_accounting_regime(&mut self, actor: &Actor, regime: Regime) -> Result<()> {
        actor.require(Permission::ManageSettings)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let before = self::regime(&tx)?;
        if before == regime {
            return Ok(());
        }
        if any_run(&tx)? {
            return Err(Error::conflict(
                format!("the accounting regime is {} and can no longer change: depreciation has already been run in this ledger", before.as_str()),
                format!("本台账已计提过折旧，会计制度（{}）不能再更改", before.label(crate::Lang::ZhCn)),
            )
            .with_field("regime"));
        }
        // A value change's month and an impairment follow the regime they were recorded under.
        if tx.query_row("SELECT EXISTS(SELECT 1 FROM value_changes WHERE state = 'posted')", [], |r| r.get::<_, bool>(0))? {
            return Err(Error::conflict(
                format!("the accounting regime is {} and can no longer change: value changes were recorded under it", before.as_str()),
                format!("本台账已办理价值变动，会计制度（{}）不能再更改", before.label(crate::Lang::ZhCn)),
            )
            .with_field("regime"));
        }
        settings::put(&tx, REGIME_KEY, regime.as_str())?;
        audit::record(&tx, &actor.name, "setting_change", REGIME_KEY, &format!("{} -> {}", before.as_str(), regime.as_str()))?;
        tx.commit()?;
        Ok(())
    }

    /// Sets (or, with `None`, clears) a category's minimum life in whole years.
    pub fn set_category_min_life(&mut self, actor: &Actor, category: &str, years: Option<i64>) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        if let Some(y) = years {
            if !(1..=100).contains(&y) {
                return Err(Error::invalid("min_life_years", format!("a minimum life of {y} years must be a whole number from 1 to 100"), format!("最低折旧年限 {y} 年须为 1 到 100 的整数")));
            }
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let category_id = crate::registers::resolve_or_create(&tx, actor, crate::RegisterKind::Category, category)?;
        match years {
            Some(y) => tx.execute(
                "INSERT INTO category_min_life(category_id, min_life_months) VALUES (?1, ?2) ON CONFLICT(category_id) DO UPDATE SET min_life_months = excluded.min_life_months",
                params![category_id, y * 12],
            )?,
            None => tx.execute("DELETE FROM category_min_life WHERE category_id = ?1", [category_id])?,
        };
        audit::record(&tx, &actor.name, "category_min_life", category.trim(), &years.map(|y| y.to_string()).unwrap_or_default())?;
        tx.commit()?;
        Ok(())
    }

    /// Every category's minimum life, by name.
    pub fn category_min_lives(&self, actor: &Actor) -> Result<Vec<CategoryMinLife>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare("SELECT c.name, m.min_life_months FROM category_min_life m JOIN categories c ON c.id = m.category_id ORDER BY c.name")?;
        let rows = stmt
            .query_map([], |r| Ok(CategoryMinLife { category: r.get(0)?, min_life_years: r.get::<_, i64>(1)? / 12 }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// Government ledgers: the codes among `charged` (code, category id, life in months of
/// the plan in force) whose life is shorter than their category's minimum; empty for
/// enterprises. A run lists them as a warning (the card predates the minimum).
pub(crate) fn short_lives<'a>(conn: &Connection, charged: impl Iterator<Item = (&'a str, i64, Option<u32>)>) -> Result<Vec<String>> {
    if regime(conn)? != Regime::Government {
        return Ok(Vec::new());
    }
    // Each category's minimum, its own or its nearest parent's (as `min_life_months`).
    let mut stmt = conn.prepare(
        "WITH RECURSIVE up(category, id, depth) AS (SELECT id, id, 0 FROM categories \
           UNION ALL SELECT up.category, t.parent_id, up.depth + 1 FROM up JOIN category_tree t ON t.category_id = up.id WHERE t.parent_id IS NOT NULL AND up.depth < 64) \
         SELECT up.category, m.min_life_months FROM up JOIN category_min_life m ON m.category_id = up.id ORDER BY up.depth DESC",
    )?;
    // Nearest last, so it wins.
    let mins: std::collections::HashMap<i64, i64> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    if mins.is_empty() {
        return Ok(Vec::new());
    }
    Ok(charged
        .filter(|(_, category, life)| matches!((mins.get(category), life), (Some(min), Some(life)) if (*life as i64) < *min))
        .map(|(code, _, _)| code.to_string())
        .collect())
}
