//! Low-value consumables (低值易耗品): office supplies the same clerk manages. Items carry
//! their stock on hand at weighted average cost; every change is a numbered movement
//! (入库 receipt, 领用 issue, 退库 return, 盘点调整 count adjustment, 冲销 void) in an
//! append-only table, journaled in the audit log.
//!
//! Arithmetic: quantities are exact decimals stored as integer thousandths of the unit,
//! values integer fen. A receipt adds its quantity and quantity × price; an issue takes
//! quantity × the current average, rounded to the fen, except that the last unit out
//! takes whatever value remains, so the stock value never drifts from zero when the
//! shelf is empty. A return comes back at the cost its issue went out at; an adjustment
//! moves at the current average (or the latest price when the shelf was empty).
//! Statistics and the budget live in `consumables/`.

mod report;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use rust_decimal::Decimal;

use crate::auth::{Actor, Permission};
use crate::enum_str::string_enum;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::money::{from_cents, parse_money, to_cents, Money};
use crate::registers::RegisterKind;
use crate::suppliers::RECEIPT_SUPPLIER_NAME;
use crate::{audit, codes, db};

pub(crate) use report::low_stock;
pub use report::{BudgetLine, BudgetTotal, ConsumableStats, LowStock, StatsBy, StatsBucket, StatsQuery, StatsRow};

/// Thousandths of a unit: quantities keep up to three decimals (0.5 box, 1.25 kg).
const MILLI: i64 = 1000;
/// The most an item's stock may be worth: 10,000,000,000.00 (in fen), far beyond any
/// office, and far inside i64 arithmetic.
const MAX_VALUE_FEN: i64 = 1_000_000_000_000;

pub(crate) fn qty_from_milli(m: i64) -> Decimal {
    Decimal::new(m, 3).normalize()
}

pub(crate) fn milli_of(q: Decimal) -> i64 {
    (q * Decimal::from(MILLI)).trunc().try_into().expect("quantity fits in i64 thousandths")
}

/// `n / d` rounded half away from zero (fen from exact products).
pub(crate) fn div_round(n: i128, d: i128) -> i64 {
    div_round_wide(n, d) as i64
}

fn div_round_wide(n: i128, d: i128) -> i128 {
    let q = (n.abs() * 2 + d.abs()) / (2 * d.abs());
    if (n < 0) != (d < 0) {
        -q
    } else {
        q
    }
}

/// Parses a quantity as typed: "3", "2.5", "1,000"; positive (or zero when `zero_ok`),
/// at most three decimals.
pub fn parse_qty(field: &str, text: &str, zero_ok: bool) -> Result<Decimal> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ',' | '\u{FF0C}' | ' ')).collect();
    let label = match field {
        "threshold" => ("Low-stock threshold", "预警数量"),
        "counted" => ("Counted quantity", "盘点数量"),
        _ => ("Quantity", "数量"),
    };
    let value: Decimal = match cleaned.parse::<Decimal>() {
        Ok(v) if !cleaned.is_empty() && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') => v,
        _ => {
            return Err(Error::invalid(
                field,
                format!("{}: '{text_q}' is not a quantity (use e.g. 3 or 2.5)", label.0, text_q = crate::error::quoted(&text)),
                format!("{}「{text_q}」不是有效数量（例如 3 或 2.5）", label.1, text_q = crate::error::quoted(&text)),
            ))
        }
    };
    if value.is_sign_negative() && !value.is_zero() || (!zero_ok && value.is_zero()) {
        return Err(Error::invalid(
            field,
            format!("{}: '{text_q}' must be {}", label.0, if zero_ok { "zero or more" } else { "more than zero" }, text_q = crate::error::quoted(&text)),
            format!("{}「{text_q}」须{}", label.1, if zero_ok { "不小于 0" } else { "大于 0" }, text_q = crate::error::quoted(&text)),
        ));
    }
    if value.normalize().scale() > 3 {
        return Err(Error::invalid(
            field,
            format!("{}: '{text_q}' has more than three decimal places", label.0, text_q = crate::error::quoted(&text)),
            format!("{}「{text_q}」小数位超过三位", label.1, text_q = crate::error::quoted(&text)),
        ));
    }
    if value > Decimal::from(1_000_000_000i64) {
        return Err(Error::invalid(field, format!("{}: '{text_q}' is too large", label.0, text_q = crate::error::quoted(&text)), format!("{}「{text_q}」过大", label.1, text_q = crate::error::quoted(&text))));
    }
    Ok(value.normalize())
}

/// "3", "2.5": a quantity as people write it, for messages and the JSON edge.
pub fn format_qty(q: Decimal) -> String {
    q.normalize().to_string()
}

string_enum!(
    /// What a consumable movement does; the prefix starts its number (HL-2026-00001).
    MoveKind, field: "kind", what: ("consumable movement", "耗材单据类型"), {
    Receive => ("receive", "HR", "Consumable receipt", "耗材入库"),
    Issue => ("issue", "HL", "Consumable issue", "耗材领用"),
    Return => ("return", "HT", "Consumable return", "耗材退库"),
    Adjust => ("adjust", "HP", "Stock count adjustment", "耗材盘点调整"),
    Void => ("void", "HZ", "Consumable void", "耗材冲销"),
});

/// An item as a clerk types it; validated here, every bad field named at once. The
/// same fields cross to the UI (`ConsumableItemInput`, generated by crates/api).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "ConsumableItemInput")]
pub struct ItemInput {
    pub name: String,
    /// 类别, e.g. 办公用纸, 文具, 打印耗材.
    pub kind: String,
    pub spec: String,
    pub unit: String,
    /// Low-stock threshold (empty: no alert).
    pub threshold: String,
}

/// An item with its stock on hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub spec: String,
    pub unit: String,
    pub threshold: Decimal,
    pub qty: Decimal,
    pub value: Money,
    /// Weighted average cost per unit, to the fen (zero when the shelf is empty).
    pub unit_cost: Money,
    pub low: bool,
    pub active: bool,
}

/// A movement as a clerk fills it in (or the CLI's flags give it): text, validated here.
/// Which fields matter depends on the kind; the rest are ignored. The same fields cross
/// to the UI (`MoveRequest`, generated by crates/api); left out, a field is empty.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
pub struct MoveRequest {
    #[ts(type = "MoveKind")]
    pub kind: MoveKind,
    /// The item's code or exact name (a return may leave it empty: its issue says).
    #[serde(default)]
    pub item: String,
    /// Receive, issue, return: how many. Adjust: the counted quantity on the shelf.
    #[serde(default)]
    pub qty: String,
    /// Receive: price per unit.
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub supplier: String,
    /// Issue: the receiving department and/or person (at least one).
    #[serde(default)]
    pub dept: String,
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub purpose: String,
    /// Adjust: why the count differs.
    #[serde(default)]
    pub reason: String,
    /// YYYY-MM-DD; empty means today.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub notes: String,
    /// Return: the issue it brings back, e.g. HL-2026-00012.
    #[serde(default)]
    pub source: String,
}

/// The kind as the UI sends it ("issue"); an unknown key says which keys there are.
impl<'de> serde::Deserialize<'de> for MoveKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<MoveKind, D::Error> {
        let key = <String as serde::Deserialize>::deserialize(d)?;
        MoveKind::parse(&key).map_err(|e| serde::de::Error::custom(e.message(crate::model::Lang::En)))
    }
}

impl MoveRequest {
    pub fn new(kind: MoveKind, item: &str, qty: &str) -> MoveRequest {
        MoveRequest {
            kind,
            item: item.to_string(),
            qty: qty.to_string(),
            price: String::new(),
            supplier: String::new(),
            dept: String::new(),
            person: String::new(),
            purpose: String::new(),
            reason: String::new(),
            date: String::new(),
            notes: String::new(),
            source: String::new(),
        }
    }
}

/// One movement as listed and printed. Quantities and values are as they happened
/// (positive); `kind` says which way they went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveRow {
    pub doc_no: String,
    pub kind: MoveKind,
    pub date: NaiveDate,
    pub item_code: String,
    pub item_name: String,
    pub item_kind: String,
    pub spec: String,
    pub unit: String,
    /// Signed effect on the stock (issues negative), and its absolute value.
    pub qty_change: Decimal,
    pub qty: Decimal,
    pub value_change: Money,
    pub value: Money,
    /// Per unit: the receipt's price, else value / quantity to the fen.
    pub unit_price: Money,
    pub supplier: String,
    pub dept: Option<String>,
    pub person: Option<String>,
    pub purpose: String,
    pub reason: String,
    pub notes: String,
    pub operator: String,
    /// posted | voided
    pub state: String,
    pub source: Option<String>,
    pub voided_by: Option<String>,
    /// The balance the movement left.
    pub qty_after: Decimal,
    pub value_after: Money,
}

/// Filters for the movement list; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoveQuery {
    pub kind: Option<MoveKind>,
    /// Words matched in the number, item, department, person, supplier, purpose, notes.
    pub text: String,
    pub item: String,
    pub dept: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// 0: all.
    pub limit: i64,
}

struct Item {
    id: i64,
    code: String,
    name: String,
    unit: String,
    qty: i64,
    value: i64,
    active: bool,
}

fn find_item(tx: &rusqlite::Connection, text: &str) -> Result<Item> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid("item", "say which item (its code or name)", "请填写耗材（编码或名称）"));
    }
    tx.query_row(
        &format!("{ITEM_SELECT} WHERE code = ?1 OR name = ?1 ORDER BY code = ?1 DESC LIMIT 1"),
        [text],
        read_item,
    )
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!("no consumable item with code or name '{text_q}'", text_q = crate::error::quoted(&text)), format!("没有编码或名称为「{text_q}」的耗材", text_q = crate::error::quoted(&text))).with_field("item")
    })
}

fn date_or_today(errors: &mut Vec<Error>, text: &str) -> NaiveDate {
    let text = text.trim();
    if text.is_empty() {
        return db::today();
    }
    match crate::dates::parse("date", ("", ""), text) {
        Ok(d) if d <= db::today() => d,
        Ok(_) => {
            errors.push(Error::invalid("date", format!("date {text} is in the future"), format!("日期 {text} 晚于今天")));
            db::today()
        }
        Err(e) => {
            errors.push(e);
            db::today()
        }
    }
}

/// The value, or (noting the error, so every bad field is reported at once) `fallback`.
fn noted<T>(errors: &mut Vec<Error>, result: Result<T>, fallback: T) -> T {
    result.unwrap_or_else(|e| {
        errors.push(e);
        fallback
    })
}

fn text_field(errors: &mut Vec<Error>, field: &str, value: &str, max: usize, required: Option<(&str, &str)>) -> String {
    let v = value.trim();
    if v.is_empty() {
        if let Some((en, zh)) = required {
            errors.push(Error::invalid(field, format!("{en} is required"), format!("请填写{zh}")));
        }
    } else if v.chars().count() > max {
        errors.push(Error::invalid(field, format!("{field} is longer than {max} characters"), format!("「{v_q}」超过 {max} 个字符", v_q = crate::error::quoted(&v))));
    }
    v.to_string()
}

fn validate_item(input: &ItemInput) -> Result<(String, String, String, String, i64)> {
    let mut errors = Vec::new();
    let name = text_field(&mut errors, "name", &input.name, 60, Some(("the item's name", "耗材名称")));
    let kind = text_field(&mut errors, "type", &input.kind, 30, Some(("the item's type", "耗材类别")));
    let spec = text_field(&mut errors, "spec", &input.spec, 60, None);
    let unit = text_field(&mut errors, "unit", &input.unit, 10, Some(("the unit (e.g. 包, 支, 个)", "计量单位（如 包、支、个）")));
    let threshold = if input.threshold.trim().is_empty() {
        0
    } else {
        noted(&mut errors, parse_qty("threshold", &input.threshold, true).map(milli_of), 0)
    };
    Error::combine(errors).map_or(Ok((name, kind, spec, unit, threshold)), Err)
}

/// The number of the next movement of `kind` (the shared document number rule).
fn open_move(
    tx: &Transaction,
    actor: &Actor,
    kind: MoveKind,
    item: &Item,
    date: NaiveDate,
    qty: i64,
    value: i64,
    fill: impl FnOnce(i64) -> Result<()>,
) -> Result<(i64, String)> {
    let (qty_after, value_after) = (item.qty + qty, item.value + value);
    debug_assert!(qty_after >= 0 && value_after >= 0 && (qty_after > 0 || value_after == 0));
    let doc_no = codes::next_doc_no(tx, kind.prefix(), date)?;
    tx.execute(
        "INSERT INTO consumable_moves(doc_no, kind, item_id, move_date, qty_milli, value_fen, operator_id, qty_after_milli, value_after_fen, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![doc_no, kind.as_str(), item.id, date.to_string(), qty, value, actor.user_id, qty_after, value_after, db::now()],
    )?;
    let id = tx.last_insert_rowid();
    fill(id)?;
    tx.execute("UPDATE consumable_items SET qty_milli = ?1, value_fen = ?2 WHERE id = ?3", params![qty_after, value_after, item.id])?;
    Ok((id, doc_no))
}

/// `value` (fen) added to the item's stock, if the stock stays within what the books hold.
fn within_books(item: &Item, value: i128) -> Result<i64> {
    if value + item.value as i128 > MAX_VALUE_FEN as i128 {
        return Err(Error::invalid(
            "qty",
            format!("{} {} would be worth more than this ledger can value (at most 10,000,000,000.00); check the quantity and price", item.code, item.name),
            format!("耗材 {} {} 的库存金额将超出可记账金额（最多 10,000,000,000.00），请检查数量和单价", item.code, item.name),
        )
        .with_field("price"));
    }
    Ok(value as i64)
}

fn not_enough(item: &Item, wanted: i64) -> Error {
    let (have, want) = (format_qty(qty_from_milli(item.qty)), format_qty(qty_from_milli(wanted)));
    Error::conflict(
        format!("only {have} {} of {} {} in stock; cannot issue {want}", item.unit, item.code, item.name),
        format!("耗材 {} {} 库存仅 {have}{}，不能领用 {want}{}", item.code, item.name, item.unit, item.unit),
    )
    .with_field("qty")
}

/// The value `qty` thousandths take out of the stock at its weighted average: the
/// last unit out takes what is left, so an empty shelf is worth exactly nothing.
fn cost_out(item: &Item, qty: i64) -> i64 {
    if qty >= item.qty {
        item.value
    } else {
        div_round(item.value as i128 * qty as i128, item.qty as i128)
    }
}

/// The department and person an issue goes to; the person's department when only the
/// person is named. A normal user issues to their own department only.
fn recipient(tx: &Transaction, actor: &Actor, dept: &str, person: &str) -> Result<(Option<i64>, Option<i64>)> {
    let (dept, person) = (dept.trim(), person.trim());
    if dept.is_empty() && person.is_empty() {
        return Err(Error::invalid("dept", "say which department or person receives the items", "请填写领用部门或领用人").with_field("person"));
    }
    let person_id = if person.is_empty() { None } else { Some(crate::registers::resolve_or_create(tx, actor, RegisterKind::Person, person)?) };
    let mut dept_id = if dept.is_empty() { None } else { Some(crate::registers::resolve_or_create(tx, actor, RegisterKind::Department, dept)?) };
    if dept_id.is_none() {
        dept_id = tx.query_row("SELECT dept_id FROM people WHERE id = ?1", [person_id], |r| r.get(0))?;
    }
    if let Some(scope) = actor.scope_dept() {
        if dept_id != Some(scope) {
            return Err(Error::forbidden(
                format!("user {} may issue consumables to their own department only", actor.name),
                format!("用户 {} 只能向本部门领用耗材", actor.name),
            )
            .with_field("dept"));
        }
    }
    Ok((dept_id, person_id))
}

impl Ledger {
    /// Adds an item; its code comes from the HC-0001 sequence.
    pub fn add_consumable_item(&mut self, actor: &Actor, input: &ItemInput) -> Result<String> {
        actor.require(Permission::ManageConsumables)?;
        let (name, kind, spec, unit, threshold) = validate_item(input)?;
        let tx = db::begin(&mut self.conn)?;
        let exists: Option<String> = tx.query_row("SELECT code FROM consumable_items WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
        if let Some(code) = exists {
            return Err(Error::conflict(format!("item {name} already exists as {code}"), format!("耗材「{name_q}」已存在（编码 {code}）", name_q = crate::error::quoted(&name))).with_field("name"));
        }
        let code = loop {
            let code = format!("HC-{:04}", codes::next_sequence(&tx, "consumable_item")?);
            let taken: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM consumable_items WHERE code = ?1)", [&code], |r| r.get(0))?;
            if !taken {
                break code;
            }
        };
        tx.execute(
            "INSERT INTO consumable_items(code, name, type, spec, unit, threshold_milli, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![code, name, kind, spec, unit, threshold, db::now()],
        )?;
        audit::record(&tx, &actor.name, "consumable_item_add", &code, &format!("{name} ({kind}, {unit})"))?;
        tx.commit()?;
        Ok(code)
    }

    /// Changes an item's name, type, spec, unit or threshold; its stock is untouched.
    pub fn edit_consumable_item(&mut self, actor: &Actor, item: &str, input: &ItemInput) -> Result<()> {
        actor.require(Permission::ManageConsumables)?;
        let (name, kind, spec, unit, threshold) = validate_item(input)?;
        let tx = db::begin(&mut self.conn)?;
        let found = find_item(&tx, item)?;
        let clash: Option<String> = tx.query_row("SELECT code FROM consumable_items WHERE name = ?1 AND id != ?2", params![name, found.id], |r| r.get(0)).optional()?;
        if let Some(code) = clash {
            return Err(Error::conflict(format!("another item, {code}, is named {name}"), format!("耗材 {code} 已使用名称「{name_q}」", name_q = crate::error::quoted(&name))).with_field("name"));
        }
        tx.execute(
            "UPDATE consumable_items SET name = ?1, type = ?2, spec = ?3, unit = ?4, threshold_milli = ?5 WHERE id = ?6",
            params![name, kind, spec, unit, threshold, found.id],
        )?;
        audit::record(&tx, &actor.name, "consumable_item_edit", &found.code, &format!("{name} ({kind}, {unit}), threshold {}", format_qty(qty_from_milli(threshold))))?;
        tx.commit()?;
        Ok(())
    }

    /// Deactivates (停用) an item no longer bought, or brings it back. A deactivated item
    /// takes no movements and leaves the budget and the low-stock reminder; only an empty
    /// shelf can be deactivated.
    pub fn set_consumable_item_active(&mut self, actor: &Actor, item: &str, active: bool) -> Result<()> {
        actor.require(Permission::ManageConsumables)?;
        let tx = db::begin(&mut self.conn)?;
        let found = find_item(&tx, item)?;
        if !active && found.qty > 0 {
            return Err(Error::conflict(
                format!("{} {} still has {} {} in stock; issue or adjust it to zero first", found.code, found.name, format_qty(qty_from_milli(found.qty)), found.unit),
                format!("耗材 {} {} 尚有库存 {}{}，请先领用或盘点调整为 0", found.code, found.name, format_qty(qty_from_milli(found.qty)), found.unit),
            ));
        }
        tx.execute("UPDATE consumable_items SET active = ?1 WHERE id = ?2", params![active, found.id])?;
        audit::record(&tx, &actor.name, if active { "consumable_item_activate" } else { "consumable_item_deactivate" }, &found.code, &found.name)?;
        tx.commit()?;
        Ok(())
    }

    /// Every item with its stock, by code; `text` matches code, name, type or spec.
    pub fn consumable_stock(&self, actor: &Actor, text: &str) -> Result<Vec<ItemRow>> {
        actor.require(Permission::ViewAssets)?;
        let like = format!("%{}%", text.trim().to_lowercase());
        let mut stmt = self.conn.prepare(
            "SELECT code, name, type, spec, unit, threshold_milli, qty_milli, value_fen, active FROM consumable_items \
             WHERE lower(code || ' ' || name || ' ' || type || ' ' || spec) LIKE ?1 ORDER BY code",
        )?;
        let rows = stmt
            .query_map([like], |r| {
                let (threshold, qty, value): (i64, i64, i64) = (r.get(5)?, r.get(6)?, r.get(7)?);
                Ok(ItemRow {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    spec: r.get(3)?,
                    unit: r.get(4)?,
                    threshold: qty_from_milli(threshold),
                    qty: qty_from_milli(qty),
                    value: from_cents(value),
                    unit_cost: if qty > 0 { from_cents(div_round(value as i128 * MILLI as i128, qty as i128)) } else { Money::ZERO },
                    low: threshold > 0 && qty <= threshold,
                    active: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Posts a receipt, issue, return or count adjustment; returns its number.
    pub fn post_consumable(&mut self, actor: &Actor, req: &MoveRequest) -> Result<String> {
        match req.kind {
            MoveKind::Receive | MoveKind::Adjust => actor.require(Permission::ManageConsumables)?,
            MoveKind::Issue | MoveKind::Return => actor.require(Permission::IssueConsumables)?,
            MoveKind::Void => {
                return Err(Error::invalid("kind", "a void is made with the void command, naming the movement", "冲销请使用冲销功能并指明要冲销的单据"))
            }
        }
        let mut errors = Vec::new();
        let date = date_or_today(&mut errors, &req.date);
        let notes = text_field(&mut errors, "notes", &req.notes, 200, None);
        let purpose = text_field(&mut errors, "purpose", &req.purpose, 100, None);
        let supplier = text_field(&mut errors, "supplier", &req.supplier, 100, None);
        let reason = text_field(&mut errors, "reason", &req.reason, 200, (req.kind == MoveKind::Adjust).then_some(("the reason for the adjustment", "调整原因")));
        let qty_field = if req.kind == MoveKind::Adjust { "counted" } else { "qty" };
        let qty = parse_qty(qty_field, &req.qty, req.kind == MoveKind::Adjust).map(milli_of).map_err(|e| e.for_field("qty"));
        let qty = noted(&mut errors, qty, 0);
        let price = if req.kind == MoveKind::Receive { noted(&mut errors, parse_money("price", &req.price).map(to_cents), 0) } else { 0 };
        let tx = db::begin(&mut self.conn)?;
        let source = if req.kind == MoveKind::Return { Some(issue_to_return(&tx, actor, &req.source)) } else { None };
        let item = match (&source, req.item.trim()) {
            (Some(Ok(s)), "") => Some(item_by_id(&tx, s.item_id)),
            _ => Some(find_item(&tx, &req.item)),
        }
        .transpose();
        let item = noted(&mut errors, item, None);
        let source = noted(&mut errors, source.transpose(), None);
        let recipient = if req.kind == MoveKind::Issue { Some(recipient(&tx, actor, &req.dept, &req.person)) } else { None };
        let recipient = noted(&mut errors, recipient.transpose(), None);
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let item = item.expect("no errors, so the item was found");
        if !item.active {
            return Err(Error::conflict(
                format!("{} {} is deactivated; reactivate it first", item.code, item.name),
                format!("耗材 {} {} 已停用，请先启用", item.code, item.name),
            )
            .with_field("item"));
        }
        let (_, doc_no, detail) = match req.kind {
            MoveKind::Receive => {
                // Quantity and price are each bounded; their product must fit the books too.
                let value = within_books(&item, div_round_wide(qty as i128 * price as i128, MILLI as i128))?;
                // The supplier from the register (a name it lacks is added, a deactivated one refused).
                let supplier_id = crate::suppliers::resolve_or_create(&tx, actor, &supplier, "supplier")?;
                let (id, no) = open_move(&tx, actor, MoveKind::Receive, &item, date, qty, value, |id| {
                    tx.execute("UPDATE consumable_moves SET price_fen = ?1, supplier = ?2, notes = ?3 WHERE id = ?4", params![price, supplier, notes, id])?;
                    supplier_id.map_or(Ok(()), |s| crate::suppliers::link_receipt(&tx, id, s))
                })?;
                (id, no, format!("+{} {} @ {}", format_qty(qty_from_milli(qty)), item.unit, crate::format_money(from_cents(price))))
            }
            MoveKind::Issue => {
                if qty > item.qty {
                    return Err(not_enough(&item, qty));
                }
                let (dept_id, person_id) = recipient.expect("checked");
                let value = cost_out(&item, qty);
                let (id, no) = open_move(&tx, actor, MoveKind::Issue, &item, date, -qty, -value, |id| {
                    tx.execute(
                        "UPDATE consumable_moves SET dept_id = ?1, person_id = ?2, purpose = ?3, notes = ?4 WHERE id = ?5",
                        params![dept_id, person_id, purpose, notes, id],
                    )?;
                    Ok(())
                })?;
                (id, no, format!("-{} {}", format_qty(qty_from_milli(qty)), item.unit))
            }
            MoveKind::Return => {
                let s = source.expect("checked");
                if s.item_id != item.id {
                    return Err(Error::invalid(
                        "item",
                        format!("{} issued another item, not {} {}", s.doc_no, item.code, item.name),
                        format!("单据 {} 领用的不是 {} {}", s.doc_no, item.code, item.name),
                    ));
                }
                let left = s.qty - s.returned;
                if qty > left {
                    return Err(Error::conflict(
                        format!("{} issued {} {}, of which {} can still come back; cannot return {}", s.doc_no, format_qty(qty_from_milli(s.qty)), item.unit, format_qty(qty_from_milli(left)), format_qty(qty_from_milli(qty))),
                        format!("单据 {} 领用 {}{}，尚可退库 {}{}，不能退库 {}", s.doc_no, format_qty(qty_from_milli(s.qty)), item.unit, format_qty(qty_from_milli(left)), item.unit, format_qty(qty_from_milli(qty))),
                    )
                    .with_field("qty"));
                }
                // At the issue's cost; the last unit back takes what is left of it.
                let value = if qty == left { s.value - s.returned_value } else { div_round(s.value as i128 * qty as i128, s.qty as i128) };
                let (id, no) = open_move(&tx, actor, MoveKind::Return, &item, date, qty, value, |id| {
                    tx.execute(
                        "UPDATE consumable_moves SET dept_id = ?1, person_id = ?2, purpose = ?3, notes = ?4, source_id = ?5, reason = ?6 WHERE id = ?7",
                        params![s.dept_id, s.person_id, purpose, notes, s.id, reason, id],
                    )?;
                    Ok(())
                })?;
                (id, no, format!("+{} {} ({})", format_qty(qty_from_milli(qty)), item.unit, s.doc_no))
            }
            MoveKind::Adjust => {
                let delta = qty - item.qty;
                if delta == 0 {
                    return Err(Error::invalid(
                        "qty",
                        format!("{} {} already has {} {} in stock; nothing to adjust", item.code, item.name, format_qty(qty_from_milli(qty)), item.unit),
                        format!("耗材 {} {} 库存已是 {}{}，无需调整", item.code, item.name, format_qty(qty_from_milli(qty)), item.unit),
                    ));
                }
                let value = if delta < 0 {
                    -cost_out(&item, -delta)
                } else if item.qty > 0 {
                    within_books(&item, div_round_wide(item.value as i128 * delta as i128, item.qty as i128))?
                } else {
                    let price = last_price(&tx, item.id)?.ok_or_else(|| {
                        Error::conflict(
                            format!("{} {} was never received, so a counted surplus has no cost; post a receipt instead", item.code, item.name),
                            format!("耗材 {} {} 从未入库，盘盈没有成本可依；请改做入库单", item.code, item.name),
                        )
                    })?;
                    within_books(&item, div_round_wide(price as i128 * delta as i128, MILLI as i128))?
                };
                let (id, no) = open_move(&tx, actor, MoveKind::Adjust, &item, date, delta, value, |id| {
                    tx.execute("UPDATE consumable_moves SET reason = ?1, notes = ?2 WHERE id = ?3", params![reason, notes, id])?;
                    Ok(())
                })?;
                (id, no, format!("{}{} {}: {reason}", if delta > 0 { "+" } else { "" }, format_qty(qty_from_milli(delta)), item.unit))
            }
            MoveKind::Void => unreachable!("refused above"),
        };
        audit::record(&tx, &actor.name, &format!("consumable_{}", req.kind.as_str()), &doc_no, &format!("{} {}: {detail}", item.code, item.name))?;
        tx.commit()?;
        Ok(doc_no)
    }

    /// Voids a mistaken movement with a reversing 冲销 movement, when the stock stays
    /// whole afterwards (no negative quantity or value, no value left on an empty shelf)
    /// and no return still depends on an issue. Returns the void's number.
    pub fn void_consumable(&mut self, actor: &Actor, doc_no: &str, reason: &str) -> Result<String> {
        actor.require(Permission::ManageConsumables)?;
        let doc_no = doc_no.trim();
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "say why the movement is voided", "请填写冲销原因"));
        }
        let tx = db::begin(&mut self.conn)?;
        let found: Option<(i64, String, i64, i64, i64, String)> = tx
            .query_row(
                "SELECT id, kind, item_id, qty_milli, value_fen, state FROM consumable_moves WHERE doc_no = ?1",
                [doc_no],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let (id, kind, item_id, qty, value, state) =
            found.ok_or_else(|| Error::not_found(format!("no consumable movement numbered {doc_no}"), format!("没有编号为 {doc_no} 的耗材单据")).with_field("doc"))?;
        if state == "voided" {
            return Err(Error::conflict(format!("{doc_no} is already voided"), format!("单据 {doc_no} 已冲销")));
        }
        if kind == "void" {
            return Err(Error::conflict(format!("{doc_no} is itself a void and cannot be voided"), format!("{doc_no} 是冲销单，不能再冲销")));
        }
        let returns: Vec<String> = tx
            .prepare("SELECT doc_no FROM consumable_moves WHERE source_id = ?1 AND kind = 'return' AND state = 'posted' ORDER BY id")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if !returns.is_empty() {
            return Err(Error::conflict(
                format!("{doc_no} has returns ({}); void them first", returns.join(", ")),
                format!("单据 {doc_no} 已有退库单（{}），请先冲销退库单", returns.join("、")),
            ));
        }
        let item = item_by_id(&tx, item_id)?;
        let (qty_after, value_after) = (item.qty - qty, item.value - value);
        if qty_after < 0 {
            return Err(Error::conflict(
                format!("voiding {doc_no} would leave {} {} of {} {}; void or reverse the later issues first", format_qty(qty_from_milli(qty_after)), item.unit, item.code, item.name),
                format!("冲销 {doc_no} 后耗材 {} {} 库存将为 {}{}，请先冲销之后的领用单", item.code, item.name, format_qty(qty_from_milli(qty_after)), item.unit),
            ));
        }
        if value_after < 0 || (qty_after == 0 && value_after != 0) {
            return Err(Error::conflict(
                format!(
                    "voiding {doc_no} would leave {} {} of {} {} worth {}; the later movements were costed with it, so void them first",
                    format_qty(qty_from_milli(qty_after)),
                    item.unit,
                    item.code,
                    item.name,
                    crate::format_money(from_cents(value_after))
                ),
                format!(
                    "冲销 {doc_no} 后耗材 {} {} 将剩 {}{}、金额 {}，之后的单据按其成本计价，请先冲销之后的单据",
                    item.code,
                    item.name,
                    format_qty(qty_from_milli(qty_after)),
                    item.unit,
                    crate::format_money(from_cents(value_after))
                ),
            ));
        }
        let (void_id, void_no) = open_move(&tx, actor, MoveKind::Void, &item, db::today(), -qty, -value, |vid| {
            tx.execute("UPDATE consumable_moves SET source_id = ?1, reason = ?2 WHERE id = ?3", params![id, reason.trim(), vid])?;
            Ok(())
        })?;
        tx.execute("UPDATE consumable_moves SET state = 'voided', voided_by = ?1 WHERE id = ?2", params![void_id, id])?;
        audit::record(&tx, &actor.name, "consumable_void", doc_no, &format!("{void_no}: {}", reason.trim()))?;
        tx.commit()?;
        Ok(void_no)
    }

    /// Movements, newest first. A normal user sees their department's issues and returns.
    pub fn consumable_moves(&self, actor: &Actor, q: &MoveQuery) -> Result<Vec<MoveRow>> {
        actor.require(Permission::ViewAssets)?;
        use rusqlite::types::Value;
        let mut conditions = vec!["1 = 1".to_string()];
        let mut args: Vec<Value> = Vec::new();
        let arg = |v: Value, args: &mut Vec<Value>| {
            args.push(v);
            args.len()
        };
        if let Some(kind) = q.kind {
            let n = arg(Value::Text(kind.as_str().into()), &mut args);
            conditions.push(format!("m.kind = ?{n}"));
        }
        for word in q.text.split_whitespace() {
            let n = arg(Value::Text(format!("%{}%", word.to_lowercase())), &mut args);
            conditions.push(format!(
                "lower(m.doc_no || ' ' || i.code || ' ' || i.name || ' ' || i.type || ' ' || COALESCE(d.name, '') || ' ' || COALESCE(p.name, '') \
                 || ' ' || {RECEIPT_SUPPLIER_NAME} || ' ' || m.purpose || ' ' || m.reason || ' ' || m.notes) LIKE ?{n}"
            ));
        }
        if !q.item.trim().is_empty() {
            let n = arg(Value::Text(q.item.trim().into()), &mut args);
            conditions.push(format!("(i.code = ?{n} OR i.name = ?{n})"));
        }
        if !q.dept.trim().is_empty() {
            let n = arg(Value::Text(q.dept.trim().into()), &mut args);
            conditions.push(format!("d.name = ?{n}"));
        }
        if let Some(from) = q.from {
            let n = arg(Value::Text(from.to_string()), &mut args);
            conditions.push(format!("m.move_date >= ?{n}"));
        }
        if let Some(to) = q.to {
            let n = arg(Value::Text(to.to_string()), &mut args);
            conditions.push(format!("m.move_date <= ?{n}"));
        }
        if let Some(scope) = actor.scope_dept() {
            let n = arg(Value::Integer(scope), &mut args);
            conditions.push(format!("m.dept_id = ?{n}"));
        }
        let n_limit = arg(Value::Integer(if q.limit > 0 { q.limit } else { -1 }), &mut args);
        let sql = format!("{MOVE_SELECT} WHERE {where_sql} ORDER BY m.id DESC LIMIT ?{n_limit}", where_sql = conditions.join(" AND "));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), read_move)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One movement, for its page and its slip.
    pub fn consumable_move(&self, actor: &Actor, doc_no: &str) -> Result<MoveRow> {
        actor.require(Permission::ViewAssets)?;
        let doc_no = doc_no.trim();
        let row = self
            .conn
            .query_row(&format!("{MOVE_SELECT} WHERE m.doc_no = ?1"), [doc_no], read_move)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("no consumable movement numbered {doc_no}"), format!("没有编号为 {doc_no} 的耗材单据")))?;
        if let Some(scope) = actor.scope_dept() {
            let dept: Option<i64> = self.conn.query_row("SELECT dept_id FROM consumable_moves WHERE doc_no = ?1", [doc_no], |r| r.get(0))?;
            if dept != Some(scope) {
                return Err(Error::forbidden(format!("{doc_no} belongs to another department"), format!("单据 {doc_no} 属于其他部门")));
            }
        }
        Ok(row)
    }
}

const MOVE_SELECT: &str = concat!(
    "SELECT m.doc_no, m.kind, m.move_date, i.code, i.name, i.type, i.spec, i.unit, m.qty_milli, m.value_fen, m.price_fen, ",
    crate::suppliers::receipt_supplier_name!(),
    ", d.name, p.name, m.purpose, m.reason, m.notes, u.name, m.state, \
     (SELECT doc_no FROM consumable_moves s WHERE s.id = m.source_id), (SELECT doc_no FROM consumable_moves v WHERE v.id = m.voided_by), \
     m.qty_after_milli, m.value_after_fen \
     FROM consumable_moves m JOIN consumable_items i ON i.id = m.item_id JOIN users u ON u.id = m.operator_id \
     LEFT JOIN departments d ON d.id = m.dept_id LEFT JOIN people p ON p.id = m.person_id"
);

fn read_move(r: &rusqlite::Row) -> rusqlite::Result<MoveRow> {
    let kind: String = r.get(1)?;
    let date: String = r.get(2)?;
    let (qty, value, price): (i64, i64, Option<i64>) = (r.get(8)?, r.get(9)?, r.get(10)?);
    let unit_price = match price {
        Some(p) => p,
        None if qty != 0 => div_round(value.abs() as i128 * MILLI as i128, qty.abs() as i128),
        None => 0,
    };
    Ok(MoveRow {
        doc_no: r.get(0)?,
        kind: MoveKind::parse(&kind).unwrap_or(MoveKind::Void),
        date: date.parse().unwrap_or_default(),
        item_code: r.get(3)?,
        item_name: r.get(4)?,
        item_kind: r.get(5)?,
        spec: r.get(6)?,
        unit: r.get(7)?,
        qty_change: qty_from_milli(qty),
        qty: qty_from_milli(qty.abs()),
        value_change: from_cents(value),
        value: from_cents(value.abs()),
        unit_price: from_cents(unit_price),
        supplier: r.get(11)?,
        dept: r.get(12)?,
        person: r.get(13)?,
        purpose: r.get(14)?,
        reason: r.get(15)?,
        notes: r.get(16)?,
        operator: r.get(17)?,
        state: r.get(18)?,
        source: r.get(19)?,
        voided_by: r.get(20)?,
        qty_after: qty_from_milli(r.get(21)?),
        value_after: from_cents(r.get(22)?),
    })
}

const ITEM_SELECT: &str = "SELECT id, code, name, unit, qty_milli, value_fen, active FROM consumable_items";

fn read_item(r: &rusqlite::Row) -> rusqlite::Result<Item> {
    Ok(Item { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, unit: r.get(3)?, qty: r.get(4)?, value: r.get(5)?, active: r.get(6)? })
}

fn item_by_id(tx: &rusqlite::Connection, id: i64) -> Result<Item> {
    Ok(tx.query_row(&format!("{ITEM_SELECT} WHERE id = ?1"), [id], read_item)?)
}

/// The latest price the item was received at (not voided), in fen.
pub(crate) fn last_price(conn: &rusqlite::Connection, item_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT price_fen FROM consumable_moves WHERE item_id = ?1 AND kind = 'receive' AND state = 'posted' ORDER BY move_date DESC, id DESC LIMIT 1",
            [item_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// An issue a return brings back: what went out, and how much already came back.
struct IssueOut {
    id: i64,
    doc_no: String,
    item_id: i64,
    qty: i64,
    value: i64,
    returned: i64,
    returned_value: i64,
    dept_id: Option<i64>,
    person_id: Option<i64>,
}

fn issue_to_return(tx: &Transaction, actor: &Actor, source: &str) -> Result<IssueOut> {
    let source = source.trim();
    if source.is_empty() {
        return Err(Error::invalid("source", "say which issue the items come back from (e.g. HL-2026-00012)", "请填写退库对应的领用单号（如 HL-2026-00012）"));
    }
    let found = tx
        .query_row(
            "SELECT id, doc_no, item_id, -qty_milli, -value_fen, dept_id, person_id, kind, state, \
             (SELECT COALESCE(SUM(qty_milli), 0) FROM consumable_moves r WHERE r.source_id = m.id AND r.kind = 'return' AND r.state = 'posted'), \
             (SELECT COALESCE(SUM(value_fen), 0) FROM consumable_moves r WHERE r.source_id = m.id AND r.kind = 'return' AND r.state = 'posted') \
             FROM consumable_moves m WHERE doc_no = ?1",
            [source],
            |r| {
                Ok((
                    IssueOut {
                        id: r.get(0)?,
                        doc_no: r.get(1)?,
                        item_id: r.get(2)?,
                        qty: r.get(3)?,
                        value: r.get(4)?,
                        dept_id: r.get(5)?,
                        person_id: r.get(6)?,
                        returned: r.get(9)?,
                        returned_value: r.get(10)?,
                    },
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .optional()?;
    let (issue, kind, state) =
        found.ok_or_else(|| Error::not_found(format!("no consumable issue numbered {source}"), format!("没有编号为 {source} 的耗材领用单")).with_field("source"))?;
    if kind != "issue" {
        return Err(Error::invalid("source", format!("{source} is not an issue"), format!("{source} 不是领用单")));
    }
    if state == "voided" {
        return Err(Error::conflict(format!("{source} was voided; nothing to return"), format!("领用单 {source} 已冲销，无可退库")).with_field("source"));
    }
    if let Some(scope) = actor.scope_dept() {
        if issue.dept_id != Some(scope) {
            return Err(Error::forbidden(format!("{source} was issued to another department"), format!("领用单 {source} 属于其他部门")));
        }
    }
    Ok(issue)
}
