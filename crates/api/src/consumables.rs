//! Low-value consumables (低值易耗品, issue 7): items, receipts, issues, returns, count
//! adjustments, voids, the stock list, movements, consumption statistics and next
//! year's budget, their exports and printed slips. Money travels as "1600.00" strings,
//! quantities as exact decimal strings ("3", "2.5"), dates as "YYYY-MM-DD".
//!
//! The two inputs the clerk types (`ItemInput`, `MoveRequest`) are the ledger's own
//! types, deriving their wire shape there; the results here are formatted for display.

use std::path::{Path, PathBuf};

use ledger::{format_money, format_qty, BudgetLine, BudgetTotal, ConsumableStats, ItemRow, Lang, LowStock, MoveRow, NaiveDate, StatsBucket, StatsBy};
pub use ledger::{ItemInput, MoveKind, MoveRequest};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::Table;
use crate::{Ctx, ExportDto, Result};

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

/// An item with its stock on hand.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ConsumableItem")]
pub struct ItemDto {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub spec: String,
    pub unit: String,
    /// Empty when the item has no low-stock alert.
    pub threshold: String,
    pub qty: String,
    pub value: String,
    /// Weighted average cost per unit.
    pub unit_cost: String,
    pub low: bool,
    pub active: bool,
}

impl From<ItemRow> for ItemDto {
    fn from(r: ItemRow) -> Self {
        ItemDto {
            code: r.code,
            name: r.name,
            kind: r.kind,
            spec: r.spec,
            unit: r.unit,
            threshold: if r.threshold.is_zero() { String::new() } else { format_qty(r.threshold) },
            qty: format_qty(r.qty),
            value: format_money(r.value),
            unit_cost: format_money(r.unit_cost),
            low: r.low,
            active: r.active,
        }
    }
}

/// The movement list's filters; every field may be left out.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "MoveQuery")]
pub struct MoveQueryDto {
    /// A `MoveKind` key; blank: every kind.
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional, as = "Option<String>")]
    pub text: String,
    /// The item's code or name.
    #[ts(optional, as = "Option<String>")]
    pub item: String,
    #[ts(optional, as = "Option<String>")]
    pub dept: String,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    /// 0: all.
    #[ts(optional, as = "Option<i32>")]
    pub limit: i64,
}

fn date(field: &str, text: &Option<String>) -> Result<Option<NaiveDate>> {
    ledger::dates::parse_optional(field, ("", ""), text.as_deref().unwrap_or(""))
}

impl MoveQueryDto {
    fn into_query(self) -> Result<ledger::MoveQuery> {
        Ok(ledger::MoveQuery {
            kind: crate::wire::non_empty(&self.kind).map(MoveKind::parse).transpose()?,
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            text: self.text,
            item: self.item,
            dept: self.dept,
            limit: self.limit,
        })
    }
}

/// One movement as listed, shown and printed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ConsumableMove")]
pub struct MoveDto {
    pub doc_no: String,
    #[ts(type = "MoveKind")]
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub date: String,
    pub item_code: String,
    pub item_name: String,
    pub item_kind: String,
    pub spec: String,
    pub unit: String,
    /// Signed: issues negative.
    pub qty: String,
    pub unit_price: String,
    /// Signed like `qty`.
    pub value: String,
    pub dept: Option<String>,
    pub person: Option<String>,
    pub supplier: String,
    pub purpose: String,
    pub reason: String,
    pub notes: String,
    pub operator: String,
    #[ts(type = "'posted' | 'voided'")]
    pub state: String,
    pub source: Option<String>,
    pub voided_by: Option<String>,
    /// The balance the movement left.
    pub qty_after: String,
    pub value_after: String,
}

impl MoveDto {
    fn new(m: MoveRow, lang: Lang) -> Self {
        MoveDto {
            kind: m.kind.as_str(),
            kind_label: m.kind.label(lang),
            date: m.date.to_string(),
            qty: format_qty(m.qty_change),
            unit_price: format_money(m.unit_price),
            value: format_money(m.value_change),
            qty_after: format_qty(m.qty_after),
            value_after: format_money(m.value_after),
            doc_no: m.doc_no,
            item_code: m.item_code,
            item_name: m.item_name,
            item_kind: m.item_kind,
            spec: m.spec,
            unit: m.unit,
            dept: m.dept,
            person: m.person,
            supplier: m.supplier,
            purpose: m.purpose,
            reason: m.reason,
            notes: m.notes,
            operator: m.operator,
            state: m.state,
            source: m.source,
            voided_by: m.voided_by,
        }
    }
}

/// How consumption is added up: grouped by department, person, type or item (blank:
/// item), optionally split by month, quarter or year, between two dates inclusive.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "StatsQuery")]
pub struct StatsQueryDto {
    #[ts(type = "'dept' | 'person' | 'type' | 'item'")]
    pub by: String,
    #[ts(type = "'' | 'month' | 'quarter' | 'year'")]
    pub period: String,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
}

impl StatsQueryDto {
    fn into_query(self) -> Result<ledger::StatsQuery> {
        Ok(ledger::StatsQuery {
            by: Some(if self.by.trim().is_empty() { StatsBy::Item } else { StatsBy::parse(&self.by)? }),
            bucket: StatsBucket::parse(&self.period)?,
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
        })
    }
}

/// One group's net consumption (issued less returned).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "StatsRow")]
pub struct StatsRowDto {
    /// "2026-03", "2026-Q1", "2026", or empty when not split by period.
    pub period: String,
    /// The department, person or type name, or the item's code.
    pub key: String,
    pub name: String,
    /// The item's unit (by item only).
    pub unit: String,
    pub qty: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ConsumableStats")]
pub struct StatsDto {
    /// What the rows are grouped by.
    #[ts(type = "'dept' | 'person' | 'type' | 'item'")]
    pub by: &'static str,
    /// Whether the rows are split by period.
    pub by_period: bool,
    pub rows: Vec<StatsRowDto>,
    pub total_qty: String,
    pub total_value: String,
}

impl StatsDto {
    fn new(s: ConsumableStats, by_period: bool) -> Self {
        StatsDto {
            by: s.by.as_str(),
            by_period,
            total_qty: format_qty(s.total_qty),
            total_value: format_money(s.total_value),
            rows: s
                .rows
                .into_iter()
                .map(|r| StatsRowDto { period: r.period, key: r.key, name: r.name, unit: r.unit, qty: format_qty(r.qty), value: format_money(r.value) })
                .collect(),
        }
    }
}

/// One item's line in a year's budget: the forecast from past consumption, and what
/// the clerk planned instead (`overridden`).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "BudgetLine")]
pub struct BudgetLineDto {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub unit: String,
    /// Net consumption in the 12 months up to `as_of`, and its two halves.
    pub last12: String,
    pub recent6: String,
    pub prior6: String,
    pub trend: String,
    pub forecast: String,
    pub latest_price: String,
    pub qty: String,
    pub price: String,
    pub amount: String,
    pub overridden: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "BudgetTotal")]
pub struct BudgetTotalDto {
    /// The item type (类别).
    pub kind: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Budget")]
pub struct BudgetDto {
    pub year: i32,
    /// The end of the 12 months the forecast reads.
    pub as_of: String,
    pub lines: Vec<BudgetLineDto>,
    pub totals: Vec<BudgetTotalDto>,
    pub total: String,
}

impl BudgetDto {
    fn new(year: i32, as_of: NaiveDate, lines: Vec<BudgetLine>, totals: Vec<BudgetTotal>) -> Self {
        let total: ledger::Decimal = totals.iter().map(|t| t.amount).sum();
        BudgetDto {
            year,
            as_of: as_of.to_string(),
            total: format_money(total),
            totals: totals.into_iter().map(|t| BudgetTotalDto { kind: t.kind, amount: format_money(t.amount) }).collect(),
            lines: lines
                .into_iter()
                .map(|l| BudgetLineDto {
                    last12: format_qty(l.last12),
                    recent6: format_qty(l.recent6),
                    prior6: format_qty(l.prior6),
                    trend: format_qty(l.trend),
                    forecast: format_qty(l.forecast),
                    latest_price: format_money(l.latest_price),
                    qty: format_qty(l.qty),
                    price: format_money(l.price),
                    amount: format_money(l.amount),
                    overridden: l.overridden,
                    code: l.code,
                    name: l.name,
                    kind: l.kind,
                    unit: l.unit,
                    note: l.note,
                })
                .collect(),
        }
    }
}

/// Which budget: `year` (default next year), forecast from the 12 months up to
/// `as_of` (default today).
#[derive(Debug, Clone, Default)]
pub struct BudgetQuery {
    pub year: Option<i32>,
    pub as_of: Option<String>,
}

/// A change to one item's line in a year's budget (default next year): the planned
/// quantity and/or price (both empty: back to the forecast) and a note.
#[derive(Debug, Clone, Default)]
pub struct BudgetPlan {
    pub year: Option<i32>,
    pub item: String,
    pub qty: String,
    pub price: String,
    pub note: String,
}

/// Which list a consumables export holds, filtered as on screen.
#[derive(Debug, Clone)]
pub enum ConsumableList {
    /// The stock list: words in the code, name, type or spec; `low_only` keeps the
    /// items at or below their threshold.
    Stock { text: String, low_only: bool },
    Moves(MoveQueryDto),
    Stats(StatsQueryDto),
    Budget(BudgetQuery),
}

/// The stock on hand, filtered by words in the code, name, type or spec.
pub fn stock(cx: &mut Ctx, text: &str, low_only: bool) -> Result<Vec<ItemDto>> {
    Ok(cx.ledger.consumable_stock(cx.actor, text)?.into_iter().filter(|r| !low_only || r.low).map(Into::into).collect())
}

/// A new item; returns its code (HC-0001).
pub fn add_item(cx: &mut Ctx, input: &ItemInput) -> Result<String> {
    cx.ledger.add_consumable_item(cx.actor, input)
}

/// Replaces an item's name, type, spec, unit and threshold; `item` is its code or name.
pub fn edit_item(cx: &mut Ctx, item: &str, input: &ItemInput) -> Result<()> {
    cx.ledger.edit_consumable_item(cx.actor, item, input)
}

/// Which fields of an item to change (None: keep).
#[derive(Debug, Clone, Default)]
pub struct ItemPatch {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub spec: Option<String>,
    pub unit: Option<String>,
    pub threshold: Option<String>,
}

/// Changes the given fields of the item whose code or exact name is `item`; returns its code.
pub fn patch_item(cx: &mut Ctx, item: &str, patch: ItemPatch) -> Result<String> {
    let now = cx.ledger.consumable_stock(cx.actor, "")?.into_iter().find(|r| r.code == item || r.name == item);
    let now = now.ok_or_else(|| {
        let q = ledger::quoted(item);
        ledger::Error::not_found(format!("no consumable item with code or name '{q}'"), format!("没有编码或名称为「{q}」的耗材")).with_field("item")
    })?;
    let input = ItemInput {
        name: patch.name.unwrap_or(now.name),
        kind: patch.kind.unwrap_or(now.kind),
        spec: patch.spec.unwrap_or(now.spec),
        unit: patch.unit.unwrap_or(now.unit),
        threshold: patch.threshold.unwrap_or_else(|| format_qty(now.threshold)),
    };
    cx.ledger.edit_consumable_item(cx.actor, &now.code, &input)?;
    Ok(now.code)
}

/// 停用 (an item no longer bought; its stock must be zero) or 启用 again.
pub fn set_item_active(cx: &mut Ctx, item: &str, active: bool) -> Result<()> {
    cx.ledger.set_consumable_item_active(cx.actor, item, active)
}

/// Posts a receipt, issue, return or count adjustment; returns its number.
pub fn post(cx: &mut Ctx, request: &MoveRequest) -> Result<String> {
    cx.ledger.post_consumable(cx.actor, request)
}

/// Voids a mistaken movement; returns the void's number.
pub fn void(cx: &mut Ctx, doc_no: &str, reason: &str) -> Result<String> {
    cx.ledger.void_consumable(cx.actor, doc_no, reason)
}

/// Movements, newest first.
pub fn moves(cx: &mut Ctx, query: MoveQueryDto) -> Result<Vec<MoveDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.consumable_moves(cx.actor, &query.into_query()?)?.into_iter().map(|m| MoveDto::new(m, lang)).collect())
}

/// One movement.
pub fn movement(cx: &mut Ctx, doc_no: &str) -> Result<MoveDto> {
    Ok(MoveDto::new(cx.ledger.consumable_move(cx.actor, doc_no)?, cx.lang))
}

/// Net consumption as asked; a normal user sees their own department's.
pub fn stats(cx: &mut Ctx, query: StatsQueryDto) -> Result<StatsDto> {
    let q = query.into_query()?;
    Ok(StatsDto::new(cx.ledger.consumable_stats(cx.actor, &q)?, q.bucket != StatsBucket::None))
}

fn budget_of(cx: &mut Ctx, query: &BudgetQuery) -> Result<(i32, NaiveDate, Vec<BudgetLine>, Vec<BudgetTotal>)> {
    let (next_year, today) = cx.ledger.consumable_budget_defaults();
    let year = query.year.unwrap_or(next_year);
    let as_of = date("as_of", &query.as_of)?.unwrap_or(today);
    let (lines, totals) = cx.ledger.consumable_budget(cx.actor, year, as_of)?;
    Ok((year, as_of, lines, totals))
}

/// A year's budget, forecast from past consumption with the clerk's overrides.
pub fn budget(cx: &mut Ctx, query: &BudgetQuery) -> Result<BudgetDto> {
    let (year, as_of, lines, totals) = budget_of(cx, query)?;
    Ok(BudgetDto::new(year, as_of, lines, totals))
}

/// Sets one item's planned quantity, price and note; returns the year's budget as it now stands.
pub fn plan_budget(cx: &mut Ctx, plan: &BudgetPlan) -> Result<BudgetDto> {
    let year = plan.year.unwrap_or(cx.ledger.consumable_budget_defaults().0);
    cx.ledger.set_consumable_budget(cx.actor, year, &plan.item, &plan.qty, &plan.price, &plan.note)?;
    budget(cx, &BudgetQuery { year: Some(year), as_of: None })
}

/// The list as a table to export.
pub fn table(cx: &mut Ctx, list: ConsumableList) -> Result<Table> {
    let lang = cx.lang;
    let en = lang == Lang::En;
    Ok(match list {
        ConsumableList::Stock { text, low_only } => {
            let rows: Vec<ItemRow> = cx.ledger.consumable_stock(cx.actor, &text)?.into_iter().filter(|r| !low_only || r.low).collect();
            let (stem, sheet) = if en { ("consumable-stock", "Stock") } else { ("耗材库存", "耗材库存") };
            Table::new(stem, sheet, exchange::consumable_stock_table(&rows, lang))
        }
        ConsumableList::Moves(query) => {
            let rows = cx.ledger.consumable_moves(cx.actor, &query.into_query()?)?;
            let (stem, sheet) = if en { ("consumable-movements", "Movements") } else { ("耗材单据", "耗材单据") };
            Table::new(stem, sheet, exchange::consumable_moves_table(&rows, lang))
        }
        ConsumableList::Stats(query) => {
            let stats = cx.ledger.consumable_stats(cx.actor, &query.into_query()?)?;
            let (stem, sheet) = if en { ("consumption", "Consumption") } else { ("耗材领用统计", "领用统计") };
            Table::new(stem, sheet, exchange::consumable_stats_table(&stats, lang))
        }
        ConsumableList::Budget(query) => {
            let (year, _, lines, totals) = budget_of(cx, &query)?;
            let (stem, sheet) = if en { ("consumable-budget", "Budget") } else { ("耗材采购预算", "采购预算") };
            Table::new(stem, sheet, exchange::consumable_budget_table(year, &lines, &totals, lang))
        }
    })
}

/// A movement's slip (A4 or A5) as PDF bytes, and the movement's number.
pub fn slip_pdf(cx: &mut Ctx, doc_no: &str, paper: &str) -> Result<(String, Vec<u8>)> {
    let m = cx.ledger.consumable_move(cx.actor, doc_no)?;
    let org = cx.ledger.settings()?.org_name;
    let pdf = reports::render_consumable_slip(&m, &org, cx.lang, reports::Paper::parse(paper).unwrap_or(reports::Paper::A5));
    Ok((m.doc_no, pdf))
}

/// The statistics as a printable PDF, written to the file `name(stem)` gives, and
/// recorded as an export.
pub fn stats_pdf(cx: &mut Ctx, query: StatsQueryDto, name: impl FnOnce(&str) -> PathBuf) -> Result<ExportDto> {
    let en = cx.lang == Lang::En;
    let stats = cx.ledger.consumable_stats(cx.actor, &query.into_query()?)?;
    let title = format!("{}({})", if en { "Consumption" } else { "耗材领用统计" }, stats.by.label(cx.lang));
    let (columns, cells) = exchange::consumable_stats_table(&stats, cx.lang);
    let rows = cells.len();
    let bytes = reports::render_tables(&cx.ledger.settings()?.org_name, &title, &[(title.clone(), columns, cells)], cx.lang);
    let file = name(if en { "consumption" } else { "耗材领用统计" });
    write_file(&file, &bytes)?;
    crate::export::recorded(cx, &file.display().to_string(), rows)
}

/// Writes `bytes` to `file`, making its folder first.
pub(crate) fn write_file(file: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(file, bytes)?;
    Ok(())
}

/// Every movement kind's key, for the UI's `MoveKind` type.
pub fn kind_keys() -> Vec<&'static str> {
    MoveKind::ALL.iter().map(|k| k.as_str()).collect()
}
