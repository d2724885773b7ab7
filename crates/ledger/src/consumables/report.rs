//! What the consumables add up to: consumption statistics (by department, person, type
//! or item, over a date range, by month, quarter or year), next year's budget
//! forecast with the clerk's overrides, and the low-stock reminder on the home screen.
//!
//! Consumption is net: issues less the returns that came back from them. Voided
//! movements and the voids themselves count for nothing.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::params;
use rust_decimal::Decimal;

use super::{div_round, find_item, format_qty, last_price, milli_of, noted, parse_qty, qty_from_milli, MILLI};
use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::model::Lang;
use crate::money::{from_cents, parse_money, to_cents, Money};
use crate::{audit, db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsBy {
    Dept,
    Person,
    Type,
    Item,
}

impl StatsBy {
    pub fn parse(s: &str) -> Result<StatsBy> {
        match s.trim() {
            "dept" | "department" => Ok(StatsBy::Dept),
            "person" => Ok(StatsBy::Person),
            "type" => Ok(StatsBy::Type),
            "item" => Ok(StatsBy::Item),
            other => Err(Error::invalid("by", format!("cannot group by '{other_q}'; use dept, person, type or item", other_q = crate::error::quoted(&other)), format!("不能按「{other_q}」统计,可选:dept、person、type、item", other_q = crate::error::quoted(&other)))),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            StatsBy::Dept => "dept",
            StatsBy::Person => "person",
            StatsBy::Type => "type",
            StatsBy::Item => "item",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (StatsBy::Dept, Lang::ZhCn) => "部门",
            (StatsBy::Person, Lang::ZhCn) => "领用人",
            (StatsBy::Type, Lang::ZhCn) => "类别",
            (StatsBy::Item, Lang::ZhCn) => "耗材",
            (StatsBy::Dept, Lang::En) => "Department",
            (StatsBy::Person, Lang::En) => "Person",
            (StatsBy::Type, Lang::En) => "Type",
            (StatsBy::Item, Lang::En) => "Item",
        }
    }
    fn key_sql(self) -> &'static str {
        match self {
            StatsBy::Dept => "COALESCE(d.name, '')",
            StatsBy::Person => "COALESCE(p.name, '')",
            StatsBy::Type => "i.type",
            StatsBy::Item => "i.code",
        }
    }
}

/// How the period column splits the range (None: one total per group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatsBucket {
    #[default]
    None,
    Month,
    Quarter,
    Year,
}

impl StatsBucket {
    pub fn parse(s: &str) -> Result<StatsBucket> {
        match s.trim() {
            "" | "none" | "all" => Ok(StatsBucket::None),
            "month" => Ok(StatsBucket::Month),
            "quarter" => Ok(StatsBucket::Quarter),
            "year" => Ok(StatsBucket::Year),
            other => Err(Error::invalid("period", format!("period '{other_q}' must be month, quarter or year", other_q = crate::error::quoted(&other)), format!("统计周期「{other_q}」须为 month、quarter 或 year", other_q = crate::error::quoted(&other)))),
        }
    }
    fn sql(self) -> &'static str {
        match self {
            StatsBucket::None => "''",
            StatsBucket::Month => "substr(m.move_date, 1, 7)",
            StatsBucket::Quarter => "substr(m.move_date, 1, 4) || '-Q' || ((CAST(substr(m.move_date, 6, 2) AS INTEGER) + 2) / 3)",
            StatsBucket::Year => "substr(m.move_date, 1, 4)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatsQuery {
    pub by: Option<StatsBy>,
    pub bucket: StatsBucket,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Net consumption of one group (in one period).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsRow {
    /// "2026-03", "2026-Q1", "2026", or empty without buckets.
    pub period: String,
    /// The department, person or type name, or the item's code.
    pub key: String,
    /// The item's name (by item), else the key again.
    pub name: String,
    /// The item's unit (by item), else empty: quantities of different units only add up per item.
    pub unit: String,
    pub qty: Decimal,
    pub value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumableStats {
    pub by: StatsBy,
    pub rows: Vec<StatsRow>,
    pub total_qty: Decimal,
    pub total_value: Money,
}

/// An item at or below its low-stock threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowStock {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub qty: Decimal,
    pub threshold: Decimal,
}

/// One item of next year's budget: what past consumption suggests, and what is planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub unit: String,
    /// Net consumption in the 12 months up to the reference date, and its two halves.
    pub last12: Decimal,
    pub recent6: Decimal,
    pub prior6: Decimal,
    /// recent6 / prior6, held within 0.5..1.5 (1 without a prior half).
    pub trend: Decimal,
    /// last12 × trend, rounded up to whole units.
    pub forecast: Decimal,
    /// The latest receipt price (else the average cost).
    pub latest_price: Money,
    /// What is planned: the clerk's figures where they set them, else the forecast.
    pub qty: Decimal,
    pub price: Money,
    pub amount: Money,
    pub overridden: bool,
    pub note: String,
}

/// A budget's total for one item type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetTotal {
    pub kind: String,
    pub amount: Money,
}

pub(crate) fn low_stock(conn: &rusqlite::Connection) -> Result<Vec<LowStock>> {
    let mut stmt = conn.prepare(
        "SELECT code, name, unit, qty_milli, threshold_milli FROM consumable_items \
         WHERE active = 1 AND threshold_milli > 0 AND qty_milli <= threshold_milli ORDER BY qty_milli * 1.0 / threshold_milli, code",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(LowStock { code: r.get(0)?, name: r.get(1)?, unit: r.get(2)?, qty: qty_from_milli(r.get(3)?), threshold: qty_from_milli(r.get(4)?) })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Net consumption (issued less returned, in thousandths) of every item between two
/// dates inclusive.
fn consumption(conn: &rusqlite::Connection, from: NaiveDate, to: NaiveDate) -> Result<std::collections::HashMap<i64, i64>> {
    let mut stmt = conn.prepare(
        "SELECT item_id, -SUM(qty_milli) FROM consumable_moves WHERE kind IN ('issue', 'return') AND state = 'posted' \
         AND move_date >= ?1 AND move_date <= ?2 GROUP BY item_id",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn budget_year(year: i32) -> Result<i32> {
    if !(2000..=2200).contains(&year) {
        return Err(Error::invalid("year", format!("year {year} is out of range"), format!("年度 {year} 超出范围")));
    }
    Ok(year)
}

impl Ledger {
    /// Net consumption grouped as asked. A normal user sees their own department's.
    pub fn consumable_stats(&self, actor: &Actor, q: &StatsQuery) -> Result<ConsumableStats> {
        actor.require(Permission::ViewAssets)?;
        let by = q.by.unwrap_or(StatsBy::Item);
        let (key, period) = (by.key_sql(), q.bucket.sql());
        let sql = format!(
            "SELECT {period}, {key}, MIN(i.name), MIN(i.unit), -SUM(m.qty_milli), -SUM(m.value_fen) \
             FROM consumable_moves m JOIN consumable_items i ON i.id = m.item_id \
             LEFT JOIN departments d ON d.id = m.dept_id LEFT JOIN people p ON p.id = m.person_id \
             WHERE m.kind IN ('issue', 'return') AND m.state = 'posted' \
             AND (?1 IS NULL OR m.move_date >= ?1) AND (?2 IS NULL OR m.move_date <= ?2) AND (?3 IS NULL OR m.dept_id = ?3) \
             GROUP BY 1, 2 HAVING SUM(m.qty_milli) != 0 OR SUM(m.value_fen) != 0 ORDER BY 1, 6 DESC, 2"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows: Vec<StatsRow> = stmt
            .query_map(params![q.from.map(|d| d.to_string()), q.to.map(|d| d.to_string()), actor.scope_dept()], |r| {
                let key: String = r.get(1)?;
                Ok(StatsRow {
                    period: r.get(0)?,
                    name: if by == StatsBy::Item { r.get(2)? } else { key.clone() },
                    unit: if by == StatsBy::Item { r.get(3)? } else { String::new() },
                    key,
                    qty: qty_from_milli(r.get(4)?),
                    value: from_cents(r.get(5)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let total_qty = rows.iter().map(|r| r.qty).sum::<Decimal>().normalize();
        let total_value = rows.iter().map(|r| r.value).sum();
        Ok(ConsumableStats { by, rows, total_qty, total_value })
    }

    /// Next year's budget: per active item, the last 12 months' net consumption up to
    /// `as_of`, trend-adjusted and rounded up to whole units, at the latest price; the
    /// clerk's overrides for `year` replace quantity and/or price. Totals per type.
    pub fn consumable_budget(&self, actor: &Actor, year: i32, as_of: NaiveDate) -> Result<(Vec<BudgetLine>, Vec<BudgetTotal>)> {
        actor.require(Permission::ViewAssets)?;
        let year = budget_year(year)?;
        let back = |months: u32| as_of.checked_sub_months(Months::new(months)).unwrap_or(as_of);
        let last12 = consumption(&self.conn, back(12).succ_opt().unwrap_or(as_of), as_of)?;
        let recent6 = consumption(&self.conn, back(6).succ_opt().unwrap_or(as_of), as_of)?;
        let mut stmt = self.conn.prepare(
            "SELECT i.id, i.code, i.name, i.type, i.unit, i.qty_milli, i.value_fen, b.qty_milli, b.price_fen, COALESCE(b.note, '') \
             FROM consumable_items i LEFT JOIN consumable_budget b ON b.item_id = i.id AND b.year = ?1 WHERE i.active = 1 ORDER BY i.type, i.code",
        )?;
        type Raw = (i64, String, String, String, String, i64, i64, Option<i64>, Option<i64>, String);
        let raw: Vec<Raw> = stmt
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut lines = Vec::new();
        for (id, code, name, kind, unit, stock_qty, stock_value, qty_override, price_override, note) in raw {
            let l12 = last12.get(&id).copied().unwrap_or(0).max(0);
            let r6 = recent6.get(&id).copied().unwrap_or(0).max(0);
            let p6 = (l12 - r6).max(0);
            let trend = if p6 > 0 {
                (Decimal::from(r6) / Decimal::from(p6)).clamp(Decimal::new(5, 1), Decimal::new(15, 1)).round_dp(2)
            } else {
                Decimal::ONE
            };
            let forecast = (qty_from_milli(l12) * trend).ceil();
            let latest = match last_price(&self.conn, id)? {
                Some(p) => p,
                None if stock_qty > 0 => div_round(stock_value as i128 * MILLI as i128, stock_qty as i128),
                None => 0,
            };
            let qty = qty_override.map(qty_from_milli).unwrap_or(forecast);
            let price = price_override.unwrap_or(latest);
            // In decimals: a planned quantity × price may exceed what the stock ever holds.
            let amount = (qty * from_cents(price)).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            lines.push(BudgetLine {
                code,
                name,
                kind,
                unit,
                last12: qty_from_milli(l12),
                recent6: qty_from_milli(r6),
                prior6: qty_from_milli(p6),
                trend: trend.normalize(),
                forecast: forecast.normalize(),
                latest_price: from_cents(latest),
                qty: qty.normalize(),
                price: from_cents(price),
                amount,
                overridden: qty_override.is_some() || price_override.is_some(),
                note,
            });
        }
        let mut totals: Vec<BudgetTotal> = Vec::new();
        for l in &lines {
            match totals.iter_mut().find(|t| t.kind == l.kind) {
                Some(t) => t.amount += l.amount,
                None => totals.push(BudgetTotal { kind: l.kind.clone(), amount: l.amount }),
            }
        }
        Ok((lines, totals))
    }

    /// Sets (or, with both empty, clears) the planned quantity and/or price of an item
    /// in `year`'s budget.
    pub fn set_consumable_budget(&mut self, actor: &Actor, year: i32, item: &str, qty: &str, price: &str, note: &str) -> Result<()> {
        actor.require(Permission::ManageConsumables)?;
        let year = budget_year(year)?;
        let mut errors = Vec::new();
        let qty = noted(&mut errors, (!qty.trim().is_empty()).then(|| parse_qty("qty", qty, true)).transpose(), None);
        let price = noted(&mut errors, (!price.trim().is_empty()).then(|| parse_money("price", price)).transpose(), None);
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let tx = db::begin(&mut self.conn)?;
        let item = find_item(&tx, item)?;
        if qty.is_none() && price.is_none() {
            tx.execute("DELETE FROM consumable_budget WHERE year = ?1 AND item_id = ?2", params![year, item.id])?;
        } else {
            tx.execute(
                "INSERT INTO consumable_budget(year, item_id, qty_milli, price_fen, note, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT(year, item_id) DO UPDATE SET qty_milli = excluded.qty_milli, price_fen = excluded.price_fen, note = excluded.note, \
                 updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                params![year, item.id, qty.map(milli_of), price.map(to_cents), note.trim(), actor.name, db::now()],
            )?;
        }
        let detail = format!(
            "{year}: qty {}, price {}",
            qty.map(format_qty).unwrap_or_else(|| "forecast".into()),
            price.map(crate::format_money).unwrap_or_else(|| "latest".into())
        );
        audit::record(&tx, &actor.name, "consumable_budget", &item.code, &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// The year after today's, and today: what the budget screen opens on.
    pub fn consumable_budget_defaults(&self) -> (i32, NaiveDate) {
        let today = db::today();
        (today.year() + 1, today)
    }

    /// Items at or below their threshold (for reminders).
    pub fn low_stock(&self, actor: &Actor) -> Result<Vec<LowStock>> {
        actor.require(Permission::ViewAssets)?;
        low_stock(&self.conn)
    }
}
