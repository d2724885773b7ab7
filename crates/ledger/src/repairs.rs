//! Repair orders (维修单, issue 22): a small workflow around the existing fault and
//! repair documents. 报修 reported → 受理 accepted → 送修 sent → 完成 completed → 验收
//! verified, or 无法修复 cannot_fix (which hands back a scrap document to fill in).
//!
//! The asset's status moves only through documents, as everywhere: sending posts a
//! 故障登记 (GZ: the asset is 维修中), completing posts a 故障维修 (WX: it goes back to
//! where it was), both in the order step's own transaction. Each step is an append-only
//! event with its audit entry; costs are append-only too, exact fen, expensed or
//! capitalised.

pub(crate) mod costs;
pub(crate) mod report;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};

use crate::auth::{Actor, Permission};
use crate::documents::{self, DocRequest};
use crate::enum_str::string_enum;
use crate::error::{quoted, Error, Result};
use crate::journal::DocKind;
use crate::ledger::Ledger;
use crate::model::{AssetStatus, Lang};
use crate::money::{from_cents, Money};
use crate::{audit, db};

string_enum!(
    /// Where a repair order stands.
    RepairState, field: "state", what: ("repair state", "维修状态"), {
    Reported => ("reported", "Reported", "报修"),
    Accepted => ("accepted", "Accepted", "受理"),
    Sent => ("sent", "Sent for repair", "送修"),
    Completed => ("completed", "Repaired", "完成"),
    Verified => ("verified", "Verified", "验收"),
    CannotFix => ("cannot_fix", "Cannot be fixed", "无法修复"),
});

string_enum!(
    /// Whether the asset was under warranty on the day the fault was reported.
    Warranty, field: "warranty", what: ("warranty", "保修"), {
    In => ("in", "Under warranty", "在保"),
    Out => ("out", "Out of warranty", "过保"),
    Unknown => ("unknown", "No warranty recorded", "未登记保修"),
});

impl RepairState {
    /// Still being worked on (the asset cannot get another order).
    pub fn is_open(self) -> bool {
        matches!(self, RepairState::Reported | RepairState::Accepted | RepairState::Sent | RepairState::Completed)
    }
}

/// A fault as the person reporting it gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairOpen {
    pub code: String,
    pub fault: String,
    /// YYYY-MM-DD; empty: today.
    pub date: String,
}

/// A step of an order: accept, send, complete, verify, cannot-fix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairStep {
    /// The order's number (BX-2026-00001) or its id.
    pub order: String,
    /// YYYY-MM-DD; empty: today.
    pub date: String,
    /// Send: the supplier it goes to (from the supplier register)…
    pub supplier: String,
    /// …or, repaired in-house, the technician.
    pub technician: String,
    /// Complete: what was done. Others: a note.
    pub note: String,
}

/// A repair order as lists and the card show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairRow {
    pub id: i64,
    pub order_no: String,
    pub code: String,
    pub name: String,
    pub state: RepairState,
    pub fault: String,
    pub reported_on: NaiveDate,
    pub reported_by: String,
    pub warranty: Warranty,
    pub warranty_until: Option<NaiveDate>,
    pub dept: Option<String>,
    pub category: String,
    pub supplier: Option<String>,
    pub technician: String,
    pub accepted_on: Option<NaiveDate>,
    pub sent_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub handling: String,
    pub fault_doc: Option<String>,
    pub repair_doc: Option<String>,
    /// All costs (expensed and capitalised).
    pub cost: Money,
}

impl RepairRow {
    /// Days from the report to the repair's completion (None while not repaired).
    pub fn turnaround_days(&self) -> Option<i64> {
        self.completed_on.map(|c| (c - self.reported_on).num_days())
    }
}

/// One step in an order's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairEvent {
    pub state: RepairState,
    pub date: NaiveDate,
    pub user: String,
    pub note: String,
    pub doc_no: Option<String>,
}

/// An order with its history and costs (its screen and its slip).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairDetail {
    pub row: RepairRow,
    pub model: String,
    pub serial: String,
    pub supplier_contact: String,
    pub supplier_phone: String,
    pub events: Vec<RepairEvent>,
    pub costs: Vec<costs::RepairCost>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairQuery {
    pub state: Option<RepairState>,
    /// Open orders only (reported, accepted, sent, completed).
    pub open_only: bool,
    /// Words matched in the number, asset code and name, fault, supplier.
    pub text: String,
    /// One asset's orders.
    pub code: String,
}

/// What cannot-fix hands back: the scrap document to offer, filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScrapDraft {
    pub order_no: String,
    pub code: String,
    pub fault: String,
}

fn step_date(text: &str, after: Option<NaiveDate>) -> Result<NaiveDate> {
    let date = match text.trim() {
        "" => db::today(),
        t => crate::dates::parse("date", ("date", "日期"), t)?,
    };
    if date > db::today() {
        return Err(Error::invalid("date", format!("date {date} is in the future"), format!("日期 {date} 晚于今天")));
    }
    if let Some(prev) = after.filter(|p| date < *p) {
        return Err(Error::invalid("date", format!("date {date} is before the order's previous step ({prev})"), format!("日期 {date} 早于维修单上一步（{prev}）")));
    }
    Ok(date)
}

/// Accepting, sending, costing, completing and cannot-fix are the clerk's work; a
/// normal user reports a fault and confirms the repair, for their own department.
pub(crate) fn require_handler(actor: &Actor) -> Result<()> {
    actor.require(Permission::PostDocuments)?;
    if actor.scope_dept().is_some() {
        return Err(Error::forbidden(
            format!("user {} reports faults and confirms repairs; accepting, sending and costing repairs is the asset clerk's (a power user or admin)", actor.name),
            format!("用户 {} 只能报修和验收；受理、送修和登记费用须由资产管理员（高级用户或管理员）办理", actor.name),
        ));
    }
    Ok(())
}

const REPAIR_SELECT: &str = "SELECT o.id, o.order_no, a.code, a.name, o.state, o.fault, o.reported_on, o.reported_by, o.warranty, o.warranty_until, \
     d.name, c.name, s.name, o.technician, o.accepted_on, o.sent_on, o.completed_on, o.closed_on, o.handling, \
     (SELECT doc_no FROM documents WHERE id = o.fault_doc_id), (SELECT doc_no FROM documents WHERE id = o.repair_doc_id), \
     (SELECT COALESCE(SUM(amount_fen), 0) FROM repair_costs WHERE order_id = o.id), o.asset_id, a.dept_id \
     FROM repair_orders o JOIN assets a ON a.id = o.asset_id LEFT JOIN departments d ON d.id = o.dept_id \
     LEFT JOIN categories c ON c.id = o.category_id LEFT JOIN suppliers s ON s.id = o.supplier_id";

fn date_of(v: Option<String>) -> Option<NaiveDate> {
    v.and_then(|d| d.parse().ok())
}

fn row_of(r: &rusqlite::Row) -> rusqlite::Result<RepairRow> {
    let state: String = r.get(4)?;
    let warranty: String = r.get(8)?;
    Ok(RepairRow {
        id: r.get(0)?,
        order_no: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        state: RepairState::parse(&state).unwrap_or(RepairState::Reported),
        fault: r.get(5)?,
        reported_on: date_of(r.get(6)?).unwrap_or_default(),
        reported_by: r.get(7)?,
        warranty: Warranty::parse(&warranty).unwrap_or(Warranty::Unknown),
        warranty_until: date_of(r.get(9)?),
        dept: r.get(10)?,
        category: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
        supplier: r.get(12)?,
        technician: r.get(13)?,
        accepted_on: date_of(r.get(14)?),
        sent_on: date_of(r.get(15)?),
        completed_on: date_of(r.get(16)?),
        closed_on: date_of(r.get(17)?),
        handling: r.get(18)?,
        fault_doc: r.get(19)?,
        repair_doc: r.get(20)?,
        cost: from_cents(r.get(21)?),
    })
}

/// The order named by its number or id, with its asset's id and department.
pub(crate) fn load(conn: &Connection, order: &str) -> Result<(RepairRow, i64, Option<i64>)> {
    let key = order.trim();
    let by_id: Option<i64> = key.parse().ok();
    conn.query_row(&format!("{REPAIR_SELECT} WHERE o.order_no = ?1 OR o.id = ?2"), params![key, by_id], |r| Ok((row_of(r)?, r.get(22)?, r.get(23)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no repair order {}", quoted(key)), format!("找不到维修单 {}", quoted(key))).with_field("order"))
}

fn in_scope(actor: &Actor, dept_id: Option<i64>, code: &str) -> Result<()> {
    match actor.scope_dept() {
        Some(scope) if dept_id != Some(scope) => {
            Err(Error::forbidden(format!("asset {code} belongs to another department"), format!("资产 {code} 属于其他部门，无权办理")))
        }
        _ => Ok(()),
    }
}

/// Refuses a step the order's state does not allow, saying where it stands and what comes next.
fn expect_state(row: &RepairRow, allowed: &[RepairState], step: (&str, &str)) -> Result<()> {
    if allowed.contains(&row.state) {
        return Ok(());
    }
    let (next_en, next_zh) = match row.state {
        RepairState::Reported => ("accept it first", "请先受理"),
        RepairState::Accepted => ("send it for repair first", "请先送修"),
        RepairState::Sent => ("complete the repair first", "请先完成维修"),
        RepairState::Completed => ("it awaits the requester's verification", "等待报修人验收"),
        RepairState::Verified => ("the order is closed", "维修单已关闭"),
        RepairState::CannotFix => ("the asset could not be repaired; scrap it", "该资产无法修复，请办理报废"),
    };
    Err(Error::conflict(
        format!("repair order {} is {}, so it cannot be {}; {next_en}", row.order_no, row.state.label(Lang::En).to_lowercase(), step.0),
        format!("维修单 {} 当前为「{}」，不能{}；{next_zh}", row.order_no, row.state.label(Lang::ZhCn), step.1),
    )
    .with_field("order"))
}

/// The date of the order's latest step, which a new step may not precede.
fn last_step(row: &RepairRow) -> NaiveDate {
    [Some(row.reported_on), row.accepted_on, row.sent_on, row.completed_on, row.closed_on].into_iter().flatten().max().unwrap_or(row.reported_on)
}

pub(crate) fn event(tx: &Transaction, actor: &Actor, order_id: i64, order_no: &str, state: RepairState, date: NaiveDate, note: &str, doc_id: Option<i64>) -> Result<()> {
    tx.execute(
        "INSERT INTO repair_events(order_id, state, event_date, user_name, note, doc_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![order_id, state.as_str(), date.to_string(), actor.name, note, doc_id, db::now()],
    )?;
    audit::record(tx, &actor.name, &format!("repair_{}", state.as_str()), order_no, note)
}

fn doc_id(tx: &Transaction, doc_no: &str) -> Result<i64> {
    Ok(tx.query_row("SELECT id FROM documents WHERE doc_no = ?1", [doc_no], |r| r.get(0))?)
}

fn next_order_no(tx: &Transaction, date: NaiveDate) -> Result<String> {
    loop {
        let no = crate::codes::next_doc_no(tx, "BX", date)?;
        let taken: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM repair_orders WHERE order_no = ?1)", [&no], |r| r.get(0))?;
        if !taken {
            return Ok(no);
        }
    }
}

/// A document belonging to a repair order moves with the order, not alone: voiding it
/// would leave the order saying the asset is out while it is back (or the reverse).
pub(crate) fn refuse_void_of_order_document(tx: &Connection, doc_id: i64, doc_no: &str) -> Result<()> {
    let order: Option<String> =
        tx.query_row("SELECT order_no FROM repair_orders WHERE fault_doc_id = ?1 OR repair_doc_id = ?1", [doc_id], |r| r.get(0)).optional()?;
    match order {
        Some(order) => Err(Error::conflict(
            format!("{doc_no} belongs to repair order {order}; it follows the order and is not voided alone"),
            format!("单据 {doc_no} 属于维修单 {order}，随维修单办理，不能单独冲销"),
        )),
        None => Ok(()),
    }
}

impl Ledger {
    /// 报修: records a fault on an asset that is in service; nothing moves yet.
    pub fn open_repair(&mut self, actor: &Actor, req: &RepairOpen) -> Result<String> {
        actor.require(Permission::PostDocuments)?;
        let mut errors = Vec::new();
        let fault = req.fault.trim();
        if fault.is_empty() {
            errors.push(Error::invalid("fault", "describe the fault (its symptom)", "请填写故障现象"));
        } else if fault.chars().count() > 500 {
            errors.push(Error::invalid("fault", "the fault is longer than 500 characters", "故障现象超过 500 个字符"));
        }
        let date = step_date(&req.date, None).map_err(|e| errors.push(e)).ok();
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let date = date.expect("checked");
        let code = req.code.trim();
        let tx = db::begin(&mut self.conn)?;
        let asset: Option<(i64, String, Option<i64>, i64, Option<String>)> = tx
            .query_row("SELECT id, status, dept_id, category_id, warranty_until FROM assets WHERE code = ?1", [code], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        let Some((asset_id, status, dept_id, category_id, warranty_until)) = asset else {
            return Err(Error::not_found(format!("no asset with code {code}"), format!("找不到编码为 {code} 的资产")).with_field("code"));
        };
        in_scope(actor, dept_id, code)?;
        let status = AssetStatus::parse(&status)?;
        if !documents::permits(DocKind::Fault, status, false, false) {
            let (hint_en, hint_zh) = match status {
                AssetStatus::UnderRepair => ("finish its repair first", "请先完成其维修"),
                AssetStatus::Missing => ("settle the stocktake result first", "请先处理盘点结果"),
                _ => ("an asset off the books is not repaired", "已不在账的资产不能维修"),
            };
            return Err(Error::conflict(
                format!("asset {code} is {}, so no repair can be opened; {hint_en}", status.label(Lang::En).to_lowercase()),
                format!("资产 {code} 当前{}，不能报修；{hint_zh}", status.label(Lang::ZhCn)),
            )
            .with_field("code"));
        }
        let open: Option<String> = tx
            .query_row(
                "SELECT order_no FROM repair_orders WHERE asset_id = ?1 AND state IN ('reported', 'accepted', 'sent', 'completed')",
                [asset_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(open) = open {
            return Err(Error::conflict(
                format!("asset {code} already has an open repair order {open}"),
                format!("资产 {code} 已有未关闭的维修单 {open}"),
            )
            .with_field("code"));
        }
        let until = date_of(warranty_until);
        let warranty = match until {
            Some(u) if u >= date => Warranty::In,
            Some(_) => Warranty::Out,
            None => Warranty::Unknown,
        };
        let order_no = next_order_no(&tx, date)?;
        tx.execute(
            "INSERT INTO repair_orders(order_no, asset_id, state, fault, reported_on, reported_by, warranty, warranty_until, dept_id, category_id, created_at) \
             VALUES (?1, ?2, 'reported', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![order_no, asset_id, fault, date.to_string(), actor.name, warranty.as_str(), until.map(|u| u.to_string()), dept_id, category_id, db::now()],
        )?;
        let id = tx.last_insert_rowid();
        event(&tx, actor, id, &order_no, RepairState::Reported, date, &format!("{code}: {fault}"), None)?;
        tx.commit()?;
        Ok(order_no)
    }

    /// 受理: the clerk takes the order on.
    pub fn accept_repair(&mut self, actor: &Actor, step: &RepairStep) -> Result<()> {
        require_handler(actor)?;
        let tx = db::begin(&mut self.conn)?;
        let (row, ..) = load(&tx, &step.order)?;
        expect_state(&row, &[RepairState::Reported], ("accepted", "受理"))?;
        let date = step_date(&step.date, Some(last_step(&row)))?;
        tx.execute("UPDATE repair_orders SET state = 'accepted', accepted_on = ?1 WHERE id = ?2", params![date.to_string(), row.id])?;
        event(&tx, actor, row.id, &row.order_no, RepairState::Accepted, date, step.note.trim(), None)?;
        tx.commit()?;
        Ok(())
    }

    /// 送修: to a supplier of the register, or in-house to a technician. Posts the 故障登记
    /// that puts the asset 维修中; returns that document's number.
    pub fn send_repair(&mut self, actor: &Actor, step: &RepairStep) -> Result<String> {
        require_handler(actor)?;
        let tx = db::begin(&mut self.conn)?;
        let (row, ..) = load(&tx, &step.order)?;
        expect_state(&row, &[RepairState::Accepted], ("sent for repair", "送修"))?;
        let date = step_date(&step.date, Some(last_step(&row)))?;
        let (supplier, technician) = (step.supplier.trim(), step.technician.trim());
        let supplier_id = match (supplier, technician) {
            ("", "") => {
                return Err(Error::invalid(
                    "supplier",
                    "say where it is repaired: a supplier (--to) or, in-house, the technician (--in-house)",
                    "请填写送修单位（供应商），或内部维修的维修人",
                ))
            }
            (s, "") => Some(crate::suppliers::resolve_active(&tx, s, "supplier")?),
            ("", _) => None,
            _ => return Err(Error::invalid("supplier", "a repair goes to a supplier or in-house, not both", "送修单位与内部维修人只能填写一个")),
        };
        let fault = DocRequest {
            reason: row.fault.clone(),
            date: date.to_string(),
            notes: format!("维修单 {}", row.order_no),
            ..DocRequest::new(DocKind::Fault, vec![row.code.clone()])
        };
        let fault_no = Ledger::post_in(&tx, actor, &fault)?;
        let fault_id = doc_id(&tx, &fault_no)?;
        tx.execute(
            "UPDATE repair_orders SET state = 'sent', sent_on = ?1, supplier_id = ?2, technician = ?3, fault_doc_id = ?4 WHERE id = ?5",
            params![date.to_string(), supplier_id, technician, fault_id, row.id],
        )?;
        let to = if supplier_id.is_some() { supplier } else { technician };
        let note = match step.note.trim() {
            "" => to.to_string(),
            n => format!("{to}: {n}"),
        };
        event(&tx, actor, row.id, &row.order_no, RepairState::Sent, date, &note, Some(fault_id))?;
        tx.commit()?;
        Ok(fault_no)
    }

    /// 完成: the asset is back and repaired; posts the 故障维修 that returns it to the
    /// status it had. Returns that document's number.
    pub fn complete_repair(&mut self, actor: &Actor, step: &RepairStep) -> Result<String> {
        require_handler(actor)?;
        let tx = db::begin(&mut self.conn)?;
        let (row, ..) = load(&tx, &step.order)?;
        expect_state(&row, &[RepairState::Sent], ("completed", "完成"))?;
        let date = step_date(&step.date, Some(last_step(&row)))?;
        let handling = step.note.trim();
        if handling.chars().count() > 500 {
            return Err(Error::invalid("note", "what was done is longer than 500 characters", "维修内容超过 500 个字符"));
        }
        let repair = DocRequest {
            date: date.to_string(),
            method: if row.supplier.is_some() { "vendor".into() } else { "in-house".into() },
            vendor: row.supplier.clone().unwrap_or_else(|| row.technician.clone()),
            handling: handling.to_string(),
            warranty: match row.warranty {
                Warranty::In => "yes".into(),
                Warranty::Out => "no".into(),
                Warranty::Unknown => String::new(),
            },
            notes: format!("维修单 {}", row.order_no),
            ..DocRequest::new(DocKind::Repair, vec![row.code.clone()])
        };
        let repair_no = Ledger::post_in(&tx, actor, &repair)?;
        let repair_id = doc_id(&tx, &repair_no)?;
        tx.execute(
            "UPDATE repair_orders SET state = 'completed', completed_on = ?1, handling = ?2, repair_doc_id = ?3 WHERE id = ?4",
            params![date.to_string(), handling, repair_id, row.id],
        )?;
        event(&tx, actor, row.id, &row.order_no, RepairState::Completed, date, handling, Some(repair_id))?;
        tx.commit()?;
        Ok(repair_no)
    }

    /// 验收: the requester confirms it works; the order closes.
    pub fn verify_repair(&mut self, actor: &Actor, step: &RepairStep) -> Result<()> {
        actor.require(Permission::PostDocuments)?;
        let tx = db::begin(&mut self.conn)?;
        let (row, _, dept_id) = load(&tx, &step.order)?;
        in_scope(actor, dept_id, &row.code)?;
        expect_state(&row, &[RepairState::Completed], ("verified", "验收"))?;
        let date = step_date(&step.date, Some(last_step(&row)))?;
        tx.execute("UPDATE repair_orders SET state = 'verified', closed_on = ?1 WHERE id = ?2", params![date.to_string(), row.id])?;
        event(&tx, actor, row.id, &row.order_no, RepairState::Verified, date, step.note.trim(), None)?;
        tx.commit()?;
        Ok(())
    }

    /// 无法修复: the order closes; the asset stays where it is (维修中 if it was sent)
    /// and the scrap document to offer comes back filled in.
    pub fn cannot_fix_repair(&mut self, actor: &Actor, step: &RepairStep) -> Result<ScrapDraft> {
        require_handler(actor)?;
        let tx = db::begin(&mut self.conn)?;
        let (row, ..) = load(&tx, &step.order)?;
        expect_state(&row, &[RepairState::Accepted, RepairState::Sent], ("closed as cannot be fixed", "判定为无法修复"))?;
        let date = step_date(&step.date, Some(last_step(&row)))?;
        tx.execute("UPDATE repair_orders SET state = 'cannot_fix', closed_on = ?1, handling = ?2 WHERE id = ?3", params![date.to_string(), step.note.trim(), row.id])?;
        event(&tx, actor, row.id, &row.order_no, RepairState::CannotFix, date, step.note.trim(), None)?;
        tx.commit()?;
        Ok(ScrapDraft { order_no: row.order_no, code: row.code, fault: row.fault })
    }

    /// Repair orders, newest first. A normal user sees their department's.
    pub fn list_repairs(&self, actor: &Actor, q: &RepairQuery) -> Result<Vec<RepairRow>> {
        actor.require(Permission::ViewAssets)?;
        let mut conditions: Vec<String> = vec!["1 = 1".into()];
        let mut args: Vec<Value> = Vec::new();
        if let Some(state) = q.state {
            args.push(Value::Text(state.as_str().into()));
            conditions.push(format!("o.state = ?{}", args.len()));
        }
        if q.open_only {
            conditions.push("o.state IN ('reported', 'accepted', 'sent', 'completed')".into());
        }
        if !q.code.trim().is_empty() {
            args.push(Value::Text(q.code.trim().into()));
            conditions.push(format!("a.code = ?{}", args.len()));
        }
        for word in q.text.split_whitespace() {
            args.push(Value::Text(format!("%{}%", word.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))));
            let n = args.len();
            conditions.push(format!(
                "(lower(o.order_no) LIKE ?{n} ESCAPE '\\' OR a.search_text LIKE ?{n} ESCAPE '\\' OR o.fault LIKE ?{n} ESCAPE '\\' \
                 OR COALESCE(s.name, '') LIKE ?{n} ESCAPE '\\' OR o.technician LIKE ?{n} ESCAPE '\\')"
            ));
        }
        if let Some(scope) = actor.scope_dept() {
            args.push(Value::Integer(scope));
            conditions.push(format!("a.dept_id = ?{}", args.len()));
        }
        let conditions = conditions.join(" AND ");
        let sql = format!("{REPAIR_SELECT} WHERE {conditions} ORDER BY o.id DESC");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), row_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether `number` is a repair order's (so a print button's number finds its slip).
    pub fn is_repair_order(&self, number: &str) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS(SELECT 1 FROM repair_orders WHERE order_no = ?1)", [number.trim()], |r| r.get(0))?)
    }

    /// One order with its steps and costs.
    pub fn repair_order(&self, actor: &Actor, order: &str) -> Result<RepairDetail> {
        actor.require(Permission::ViewAssets)?;
        let (row, asset_id, dept_id) = load(&self.conn, order)?;
        in_scope(actor, dept_id, &row.code)?;
        let (model, serial): (String, String) = self.conn.query_row("SELECT model, serial FROM assets WHERE id = ?1", [asset_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (supplier_contact, supplier_phone) = self
            .conn
            .query_row("SELECT s.contact, s.phone FROM repair_orders o JOIN suppliers s ON s.id = o.supplier_id WHERE o.id = ?1", [row.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .unwrap_or_default();
        let mut stmt = self.conn.prepare(
            "SELECT e.state, e.event_date, e.user_name, e.note, d.doc_no FROM repair_events e LEFT JOIN documents d ON d.id = e.doc_id \
             WHERE e.order_id = ?1 ORDER BY e.id",
        )?;
        let events = stmt
            .query_map([row.id], |r| {
                let state: String = r.get(0)?;
                Ok(RepairEvent {
                    state: RepairState::parse(&state).unwrap_or(RepairState::Reported),
                    date: date_of(r.get(1)?).unwrap_or_default(),
                    user: r.get(2)?,
                    note: r.get(3)?,
                    doc_no: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let costs = costs::of_order(&self.conn, row.id)?;
        Ok(RepairDetail { row, model, serial, supplier_contact, supplier_phone, events, costs })
    }
}
