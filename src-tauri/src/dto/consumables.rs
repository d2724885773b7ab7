//! Consumables shapes (issue 7). Money as "1600.00" strings, quantities as exact
//! decimal strings ("3", "2.5"), dates as "YYYY-MM-DD".

use ledger::{format_money, format_qty, BudgetLine, BudgetTotal, ConsumableStats, ItemInput, ItemRow, Lang, MoveKind, MoveRequest, MoveRow};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct ItemDto {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub spec: String,
    pub unit: String,
    pub threshold: String,
    pub qty: String,
    pub value: String,
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

#[derive(Deserialize)]
pub struct ItemInputDto {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub spec: String,
    pub unit: String,
    #[serde(default)]
    pub threshold: String,
}

impl From<ItemInputDto> for ItemInput {
    fn from(d: ItemInputDto) -> Self {
        ItemInput { name: d.name, kind: d.kind, spec: d.spec, unit: d.unit, threshold: d.threshold }
    }
}

/// A movement as the form sends it; empty strings for what the kind does not use.
#[derive(Deserialize)]
pub struct MoveRequestDto {
    pub kind: String,
    #[serde(default)]
    pub item: String,
    #[serde(default)]
    pub qty: String,
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub supplier: String,
    #[serde(default)]
    pub dept: String,
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub source: String,
}

impl MoveRequestDto {
    pub fn into_request(self) -> ledger::Result<MoveRequest> {
        Ok(MoveRequest {
            kind: MoveKind::parse(&self.kind)?,
            item: self.item,
            qty: self.qty,
            price: self.price,
            supplier: self.supplier,
            dept: self.dept,
            person: self.person,
            purpose: self.purpose,
            reason: self.reason,
            date: self.date,
            notes: self.notes,
            source: self.source,
        })
    }
}

#[derive(Deserialize, Default)]
pub struct MoveQueryDto {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub item: String,
    #[serde(default)]
    pub dept: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub limit: i64,
}

pub(crate) fn date(field: &str, text: Option<&str>) -> ledger::Result<Option<ledger::NaiveDate>> {
    ledger::dates::parse_optional(field, ("", ""), text.unwrap_or(""))
}

impl MoveQueryDto {
    pub fn into_query(self) -> ledger::Result<ledger::MoveQuery> {
        Ok(ledger::MoveQuery {
            kind: self.kind.as_deref().filter(|k| !k.is_empty()).map(MoveKind::parse).transpose()?,
            text: self.text,
            item: self.item,
            dept: self.dept,
            from: date("from", self.from.as_deref())?,
            to: date("to", self.to.as_deref())?,
            limit: self.limit,
        })
    }
}

#[derive(Serialize)]
pub struct MoveDto {
    pub doc_no: String,
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
    pub value: String,
    pub dept: Option<String>,
    pub person: Option<String>,
    pub supplier: String,
    pub purpose: String,
    pub reason: String,
    pub notes: String,
    pub operator: String,
    pub state: String,
    pub source: Option<String>,
    pub voided_by: Option<String>,
    pub qty_after: String,
    pub value_after: String,
}

impl MoveDto {
    pub fn new(m: MoveRow, lang: Lang) -> Self {
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

#[derive(Deserialize)]
pub struct StatsQueryDto {
    pub by: String,
    #[serde(default)]
    pub period: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

impl StatsQueryDto {
    pub fn into_query(&self) -> ledger::Result<ledger::StatsQuery> {
        Ok(ledger::StatsQuery {
            by: Some(ledger::StatsBy::parse(&self.by)?),
            bucket: ledger::StatsBucket::parse(&self.period)?,
            from: date("from", self.from.as_deref())?,
            to: date("to", self.to.as_deref())?,
        })
    }
}

#[derive(Serialize)]
pub struct StatsRowDto {
    pub period: String,
    pub key: String,
    pub name: String,
    pub unit: String,
    pub qty: String,
    pub value: String,
}

#[derive(Serialize)]
pub struct StatsDto {
    pub rows: Vec<StatsRowDto>,
    pub total_qty: String,
    pub total_value: String,
}

impl From<ConsumableStats> for StatsDto {
    fn from(s: ConsumableStats) -> Self {
        StatsDto {
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

#[derive(Serialize)]
pub struct BudgetLineDto {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub unit: String,
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

#[derive(Serialize)]
pub struct BudgetTotalDto {
    pub kind: String,
    pub amount: String,
}

#[derive(Serialize)]
pub struct BudgetDto {
    pub year: i32,
    pub as_of: String,
    pub lines: Vec<BudgetLineDto>,
    pub totals: Vec<BudgetTotalDto>,
    pub total: String,
}

impl BudgetDto {
    pub fn new(year: i32, as_of: ledger::NaiveDate, lines: Vec<BudgetLine>, totals: Vec<BudgetTotal>) -> Self {
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
