//! Value-change documents (价值变动单, prefix JZ, issue 21): 改扩建 adds to the original
//! value (both regimes), 减值 books an impairment provision (enterprise regime only), 评估
//! makes an appraised value the net value (the difference goes to the original value).
//!
//! A value change is a document like every other: numbered, dated into an open period
//! (`journal::open_document`), journaled on the asset's timeline, audited, held for
//! approval when `approval.value-change` is on. Its effect is a `value_changes` row the
//! engine reads (`engine::Subject::value_changes`): from the first month charged on the
//! new value (the document's month under 政府会计准则, the month after under 企业会计准则)
//! the plan restarts from the new net value over the remaining life, like a revision.
//! The register shows the new value from the end of the document's month.

use chrono::NaiveDate;
use depreciation::{Period, Start};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::engine::{calc_error, end_of_time, ValueChangeRow};
use super::{accumulated_at, last_posted, subject};
use crate::accounting::Regime;
use crate::auth::{Actor, Permission};
use crate::enum_str::string_enum;
use crate::error::{Error, Result};
use crate::journal::{self, DocHeader, DocKind};
use crate::ledger::Ledger;
use crate::model::AssetStatus;
use crate::money::{format_money, from_cents, parse_money, to_cents, Money};
use crate::{audit, db};

string_enum!(
    /// What a value change does.
    ValueChangeKind, field: "kind", what: ("value change kind", "价值变动类型"), {
    Add => ("add", "Add value (improvement)", "改扩建"),
    Impair => ("impair", "Impairment", "减值"),
    Revalue => ("revalue", "Revaluation", "评估"),
});

/// A value change as typed. `amount`: the value added (add), the impairment (impair) or
/// the appraised value, which becomes the net value (revalue).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueChangeInput {
    pub code: String,
    pub kind: String,
    pub amount: String,
    /// YYYY-MM-DD; empty means today.
    pub date: String,
    pub reason: String,
    pub notes: String,
}

/// What a value change did (or, while it waits for approval, will do as things stand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueChangeOutcome {
    pub doc_no: String,
    pub code: String,
    pub kind: ValueChangeKind,
    pub date: NaiveDate,
    pub amount: Money,
    /// The first month charged on the new value.
    pub effective: Period,
    pub cost_before: Money,
    pub cost_after: Money,
    pub net_before: Money,
    pub net_after: Money,
    /// 减值准备 after it.
    pub impairment_after: Money,
    /// Held for approval (待审批): nothing changed yet.
    pub pending: bool,
}

/// A value change on the asset's value tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueChangeEntry {
    pub doc_no: String,
    pub kind: ValueChangeKind,
    pub date: NaiveDate,
    pub effective: Period,
    pub amount: Money,
    pub cost_before: Money,
    pub cost_after: Money,
    pub net_before: Money,
    pub net_after: Money,
    pub impairment: Money,
    pub reason: String,
    pub operator: String,
    /// posted | voided | pending | rejected
    pub state: String,
}

struct Checked {
    kind: ValueChangeKind,
    amount: Money,
    date: NaiveDate,
}

/// Every field checked at once.
fn check_input(input: &ValueChangeInput) -> Result<Checked> {
    let mut errors = Vec::new();
    let kind = match input.kind.trim() {
        "" => {
            errors.push(Error::invalid("kind", "say which value change: add, impair or revalue", "请选择价值变动类型：改扩建、减值或评估"));
            None
        }
        t => ValueChangeKind::parse(t).map_err(|e| errors.push(e)).ok(),
    };
    let amount = match input.amount.trim() {
        "" => {
            errors.push(Error::invalid("amount", "the amount is required", "请填写金额"));
            None
        }
        t => match parse_money("amount", t) {
            Ok(m) if m < Money::ZERO || (m == Money::ZERO && kind != Some(ValueChangeKind::Revalue)) => {
                errors.push(Error::invalid("amount", format!("the amount {t} must be more than zero"), format!("金额 {t} 须大于零")));
                None
            }
            Ok(m) => Some(m),
            Err(e) => {
                errors.push(e.for_field("amount"));
                None
            }
        },
    };
    let today = db::today();
    let date = match crate::dates::parse_optional("date", ("document date", "单据日期"), &input.date) {
        Ok(Some(d)) if d > today => {
            errors.push(Error::invalid("date", format!("document date {d} is in the future"), format!("单据日期 {d} 晚于今天")));
            None
        }
        Ok(d) => Some(d.unwrap_or(today)),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    if input.reason.trim().is_empty() {
        errors.push(Error::invalid("reason", "say why the value changes (e.g. the works done, the appraisal report)", "请填写变动原因（如改扩建内容、评估报告）"));
    }
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    Ok(Checked { kind: kind.expect("checked"), amount: amount.expect("checked"), date: date.expect("checked") })
}

/// The first month charged on a value changed on `date`.
fn effective_of(regime: Regime, date: NaiveDate) -> Period {
    match regime.start() {
        Start::SameMonth => Period::of(date),
        Start::NextMonth => Period::of(date).next(),
    }
}

/// Whether `asset_id` has any posted value change (the card's value is then theirs).
pub(crate) fn has_value_changes(conn: &Connection, asset_id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM value_changes WHERE asset_id = ?1 AND state = 'posted')", [asset_id], |r| r.get(0))?)
}

/// The refusals that hold whether the change is applied now or on approval.
fn check_asset(tx: &Connection, regime: Regime, s: &super::engine::Subject, c: &Checked, own_doc: Option<i64>) -> Result<()> {
    if c.kind == ValueChangeKind::Impair && regime == Regime::Government {
        return Err(Error::invalid(
            "kind",
            "impairment (减值) is not recorded under the government accounting regime (政府会计准则): its fixed assets carry no impairment provision; use a revaluation (评估) if an appraisal changed the value",
            "政府会计准则下固定资产不计提减值准备，不能办理减值；如经评估价值变动，请办理「评估」",
        ));
    }
    let status = AssetStatus::parse(&s.status).unwrap_or(AssetStatus::InStock);
    if !matches!(status, AssetStatus::InStock | AssetStatus::InUse | AssetStatus::OnLoan | AssetStatus::UnderRepair) || s.leaves.is_some() {
        let (en, zh) = (status.label(crate::Lang::En).to_lowercase(), status.label(crate::Lang::ZhCn));
        return Err(Error::conflict(
            format!("asset {} is {en}, so its value no longer changes", s.code),
            format!("资产 {} 当前{zh}，不能办理价值变动", s.code),
        )
        .with_field("code"));
    }
    let held: Option<String> = tx
        .query_row(
            "SELECT d.doc_no FROM pending_transfer_lines p JOIN documents d ON d.id = p.document_id WHERE p.asset_id = ?1 AND p.document_id IS NOT ?2 LIMIT 1",
            params![s.id, own_doc],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(doc) = held {
        return Err(Error::conflict(
            format!("asset {} is on {doc}, which has not taken effect yet (awaiting approval or confirmation); settle it first", s.code),
            format!("资产 {} 在单据 {doc} 中尚未生效（待审批或待确认），请先处理该单据", s.code),
        ));
    }
    if let Some(acquired) = s.acquired.filter(|a| c.date < *a) {
        return Err(Error::invalid(
            "date",
            format!("the value change date {} is before asset {} was acquired ({acquired})", c.date, s.code),
            format!("价值变动日期 {} 早于资产 {} 的购置日期（{acquired}）", c.date, s.code),
        ));
    }
    // A legacy opening balance is the starting point: a change goes after it.
    if let Some(opening) = s.opening.as_ref().filter(|o| Period::of(c.date) <= o.period) {
        return Err(Error::invalid(
            "date",
            format!("asset {} has its opening balance at {}; date the value change after it", s.code, opening.period),
            format!("资产 {} 的期初累计折旧截至 {}，价值变动日期须在其后", s.code, opening.period),
        ));
    }
    let latest: Option<(String, String)> = tx
        .query_row(
            "SELECT d.doc_no, d.doc_date FROM value_changes v JOIN documents d ON d.id = v.document_id \
             WHERE v.asset_id = ?1 AND v.state = 'posted' ORDER BY d.doc_date DESC, v.id DESC LIMIT 1",
            [s.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((doc, date)) = latest.filter(|(_, d)| d.as_str() > c.date.to_string().as_str()) {
        return Err(Error::invalid(
            "date",
            format!("asset {} already has value change {doc} dated {date}; a value change is dated on or after the latest", s.code),
            format!("资产 {} 已有 {date} 的价值变动单 {doc}，新的价值变动日期不能早于它", s.code),
        ));
    }
    Ok(())
}

/// The figures of a change applied to `s` now: (row, cost before, net before).
fn plan(tx: &Connection, s: &super::engine::Subject, regime: Regime, c: &Checked) -> Result<(ValueChangeRow, i64, i64)> {
    let effective = effective_of(regime, c.date);
    let last = last_posted(tx)?.map(|(_, p)| p);
    let accumulated = accumulated_at(tx, s, effective.prev(), last)?;
    // Every earlier change is effective by then (their dates are not later).
    let impairment = s.impairment_at_end(end_of_time());
    let net_before = s.cost_fen - impairment - accumulated;
    let amount = to_cents(c.amount);
    let (cost_delta, impairment_delta) = match c.kind {
        ValueChangeKind::Add => (amount, 0),
        ValueChangeKind::Impair => {
            if amount > net_before {
                return Err(Error::invalid(
                    "amount",
                    format!("the impairment {} is more than the net value {} of asset {}", format_money(c.amount), format_money(from_cents(net_before)), s.code),
                    format!("减值金额 {} 大于资产 {} 的净值 {}", format_money(c.amount), s.code, format_money(from_cents(net_before))),
                ));
            }
            (0, amount)
        }
        ValueChangeKind::Revalue => {
            if amount == net_before {
                return Err(Error::invalid(
                    "amount",
                    format!("the appraised value {} equals the net value of asset {}; nothing changes", format_money(c.amount), s.code),
                    format!("评估价值 {} 与资产 {} 的净值相同，无需变动", format_money(c.amount), s.code),
                ));
            }
            (amount - net_before, 0)
        }
    };
    let row = ValueChangeRow {
        id: i64::MAX,
        change: c.kind.as_str().to_string(),
        doc_period: Period::of(c.date),
        effective,
        cost_delta_fen: cost_delta,
        impairment_fen: impairment_delta,
        accumulated_fen: accumulated,
    };
    // The new plan must make sense to the calculation crate before anything is stored.
    let mut probe = s.clone();
    probe.cost_fen += cost_delta;
    probe.value_changes.push(row.clone());
    if let Some(params) = probe.params_at(effective) {
        params.validate().map_err(|e| match e {
            depreciation::Error::LifeAlreadyElapsed { .. } => Error::conflict(
                format!(
                    "asset {}'s useful life has ended, so a new value has no months left to depreciate over; extend its life first (depreciation revise --life-years)",
                    s.code
                ),
                format!("资产 {} 的使用年限已满，新价值无剩余期间可计提；请先通过「折旧估计变更」延长使用年限", s.code),
            ),
            e => calc_error(&s.code, e),
        })?;
    }
    Ok((row, s.cost_fen, net_before))
}

/// Writes the change's effect: the `value_changes` row, the card's value, the journal line.
fn apply(tx: &Transaction, actor: &Actor, doc_id: i64, doc_no: &str, s: &super::engine::Subject, regime: Regime, c: &Checked, reason: &str) -> Result<ValueChangeOutcome> {
    let (row, cost_before, net_before) = plan(tx, s, regime, c)?;
    tx.execute(
        "INSERT INTO value_changes(document_id, asset_id, change, doc_period, effective, amount_fen, cost_delta_fen, impairment_fen, cost_before_fen, \
         nbv_before_fen, accumulated_fen, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            doc_id,
            s.id,
            c.kind.as_str(),
            row.doc_period.to_string(),
            row.effective.to_string(),
            to_cents(c.amount),
            row.cost_delta_fen,
            row.impairment_fen,
            cost_before,
            net_before,
            row.accumulated_fen,
            db::now()
        ],
    )?;
    let now = db::now();
    tx.execute("UPDATE assets SET value_fen = value_fen + ?1, updated_at = ?2 WHERE id = ?3", params![row.cost_delta_fen, now, s.id])?;
    let outcome = outcome_of(doc_no, s, c, &row, cost_before, net_before, false);
    let detail = format!(
        "{}：原值 {} → {}；净值 {} → {}；自 {} 起按新净值在剩余年限内计提；原因：{}",
        c.kind.label(crate::Lang::ZhCn),
        format_money(outcome.cost_before),
        format_money(outcome.cost_after),
        format_money(outcome.net_before),
        format_money(outcome.net_after),
        row.effective,
        reason
    );
    let placed = crate::documents::placement_of(tx, s.id)?;
    journal::add_line(tx, doc_id, s.id, Some(placed), placed, &detail)?;
    audit::record(tx, &actor.name, "doc_value-change", doc_no, &format!("{} {}", s.code, detail))?;
    Ok(outcome)
}

fn outcome_of(doc_no: &str, s: &super::engine::Subject, c: &Checked, row: &ValueChangeRow, cost_before: i64, net_before: i64, pending: bool) -> ValueChangeOutcome {
    ValueChangeOutcome {
        doc_no: doc_no.to_string(),
        code: s.code.clone(),
        kind: c.kind,
        date: c.date,
        amount: c.amount,
        effective: row.effective,
        cost_before: from_cents(cost_before),
        cost_after: from_cents(cost_before + row.cost_delta_fen),
        net_before: from_cents(net_before),
        net_after: from_cents(net_before + row.cost_delta_fen - row.impairment_fen),
        impairment_after: from_cents(s.impairment_at_end(end_of_time()) + row.impairment_fen),
        pending,
    }
}

/// Records a value change inside the caller's transaction (also a capitalised repair
/// cost's, issue 22): checked, numbered, held for approval or applied.
pub(crate) fn record_in(tx: &Transaction, actor: &Actor, input: &ValueChangeInput) -> Result<ValueChangeOutcome> {
    actor.require(Permission::RunDepreciation)?;
    let c = check_input(input)?;
    let regime = crate::accounting::regime(tx)?;
    let s = subject(tx, actor, &input.code)?;
    check_asset(tx, regime, &s, &c, None)?;
    // Figures (and their refusals) before the number is taken.
    let (row, cost_before, net_before) = plan(tx, &s, regime, &c)?;
    let header = DocHeader { notes: input.notes.trim(), amount_fen: Some(to_cents(c.amount)), method: c.kind.as_str(), reason: input.reason.trim(), ..DocHeader::default() };
    let (doc_id, doc_no) = journal::open_document(tx, actor, DocKind::ValueChange, c.date, &header)?;
    if crate::approvals::hold_for_approval(tx, actor, DocKind::ValueChange, doc_id, &doc_no, &[s.id], &s.code)? {
        return Ok(outcome_of(&doc_no, &s, &c, &row, cost_before, net_before, true));
    }
    apply(tx, actor, doc_id, &doc_no, &s, regime, &c, input.reason.trim())
}

/// Applies a value change held for approval: checked again as the asset stands now.
pub(crate) fn apply_held(tx: &Transaction, actor: &Actor, doc_id: i64) -> Result<crate::approvals::ApprovalOutcome> {
    let (doc_no, date, amount_fen, method, reason, code): (String, String, i64, String, String, String) = tx.query_row(
        "SELECT d.doc_no, d.doc_date, d.amount_fen, d.method, d.reason, a.code FROM documents d \
         JOIN pending_transfer_lines p ON p.document_id = d.id JOIN assets a ON a.id = p.asset_id WHERE d.id = ?1",
        [doc_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let c = Checked { kind: ValueChangeKind::parse(&method)?, amount: from_cents(amount_fen), date: date.parse().unwrap_or_else(|_| db::today()) };
    // Its month may have been closed while it waited.
    crate::periods::check_open(tx, c.date)?;
    let regime = crate::accounting::regime(tx)?;
    let s = subject(tx, actor, &code)?;
    check_asset(tx, regime, &s, &c, Some(doc_id))?;
    tx.execute("DELETE FROM pending_transfer_lines WHERE document_id = ?1", [doc_id])?;
    apply(tx, actor, doc_id, &doc_no, &s, regime, &c, &reason)?;
    tx.execute("UPDATE documents SET state = 'posted' WHERE id = ?1", [doc_id])?;
    Ok(crate::approvals::ApprovalOutcome::Posted)
}

/// Voids a posted value change (the rule registrations follow): only while nothing later
/// depends on it — its month still open, no later document on the asset, no later
/// depreciation revision, no repair cost capitalised through it.
pub(crate) fn void_value_change(tx: db::WriteTx, actor: &Actor, doc_id: i64, doc_no: &str, reason: &str) -> Result<String> {
    actor.require(Permission::RunDepreciation)?;
    let (asset_id, code, cost_delta, created_at, date): (i64, String, i64, String, String) = tx.query_row(
        "SELECT v.asset_id, a.code, v.cost_delta_fen, v.created_at, d.doc_date FROM value_changes v JOIN assets a ON a.id = v.asset_id \
         JOIN documents d ON d.id = v.document_id WHERE v.document_id = ?1 AND v.state = 'posted'",
        [doc_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    // In the actor's scope (a normal user cannot void, but a scoped power user might).
    subject(&tx, actor, &code)?;
    let mut errors = Vec::new();
    if let Some(last) = crate::periods::closed_through(&tx)? {
        if date.as_str() < last.next().first_day().to_string().as_str() {
            errors.push(Error::conflict(
                format!("{doc_no} is dated {date}, in a period closed by the depreciation posted through {last}; have an admin re-open {last} first"),
                format!("单据 {doc_no} 的日期 {date} 所在期间已结账（折旧已计提至 {last}）；请由管理员先反结账 {last}"),
            ));
        }
    }
    let later: Option<String> = tx
        .query_row(
            "SELECT d.doc_no FROM journal j JOIN documents d ON d.id = j.document_id WHERE j.asset_id = ?1 \
             AND j.id > (SELECT MAX(id) FROM journal WHERE document_id = ?2) AND d.state != 'voided' AND d.kind NOT IN ('void', 'edit') \
             ORDER BY j.id DESC LIMIT 1",
            params![asset_id, doc_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(later) = later {
        errors.push(Error::conflict(format!("asset {code} has a later document {later}; void that first"), format!("资产 {code} 之后已有单据 {later}，请先冲销该单据")));
    }
    let revised: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM depreciation_revisions WHERE asset_id = ?1 AND revised_at > ?2)",
        params![asset_id, created_at],
        |r| r.get(0),
    )?;
    if revised {
        errors.push(Error::conflict(
            format!("asset {code}'s depreciation was revised after {doc_no}, from its new value; the value change can no longer be voided"),
            format!("资产 {code} 在 {doc_no} 之后已按新价值变更折旧估计，该价值变动单不能再冲销"),
        ));
    }
    let order: Option<String> = tx
        .query_row("SELECT o.order_no FROM repair_costs c JOIN repair_orders o ON o.id = c.order_id WHERE c.value_doc = ?1", [doc_no], |r| r.get(0))
        .optional()?;
    if let Some(order) = order {
        errors.push(Error::conflict(
            format!("{doc_no} capitalises a cost of repair order {order}; repair costs are permanent, so it is not voided (record a revaluation or impairment to correct the value)"),
            format!("单据 {doc_no} 是维修单 {order} 的费用资本化，维修费用不可撤销，因此不能冲销（如需更正价值，请办理评估或减值）"),
        ));
    }
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    let header = DocHeader { reason: reason.trim(), source_id: Some(doc_id), counterparty: doc_no, ..DocHeader::default() };
    let (void_id, void_no) = journal::open_document(&tx, actor, DocKind::Void, db::today(), &header)?;
    let placed = crate::documents::placement_of(&tx, asset_id)?;
    journal::add_line(&tx, void_id, asset_id, Some(placed), placed, &format!("冲销 {doc_no}"))?;
    tx.execute("UPDATE value_changes SET state = 'voided' WHERE document_id = ?1", [doc_id])?;
    tx.execute("UPDATE assets SET value_fen = value_fen - ?1, updated_at = ?2 WHERE id = ?3", params![cost_delta, db::now(), asset_id])?;
    tx.execute("UPDATE documents SET state = 'voided', voided_by = ?1 WHERE id = ?2", params![void_id, doc_id])?;
    audit::record(&tx, &actor.name, "doc_void", doc_no, &format!("{void_no}: {}", reason.trim()))?;
    tx.commit()?;
    Ok(void_no)
}

/// The asset's value changes, oldest first, with their state.
pub(crate) fn entries(conn: &Connection, asset_id: i64) -> Result<Vec<ValueChangeEntry>> {
    let mut stmt = conn.prepare(
        "SELECT d.doc_no, v.change, d.doc_date, v.effective, v.amount_fen, v.cost_before_fen, v.cost_delta_fen, v.nbv_before_fen, v.impairment_fen, \
         d.reason, COALESCE((SELECT name FROM users WHERE id = d.operator_id), ''), v.state \
         FROM value_changes v JOIN documents d ON d.id = v.document_id WHERE v.asset_id = ?1 ORDER BY d.doc_date, v.id",
    )?;
    let mut rows: Vec<ValueChangeEntry> = stmt
        .query_map([asset_id], |r| {
            let (kind, date, effective): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            let (cost_before, delta, net_before, impairment): (i64, i64, i64, i64) = (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?);
            Ok(ValueChangeEntry {
                doc_no: r.get(0)?,
                kind: ValueChangeKind::parse(&kind).unwrap_or(ValueChangeKind::Add),
                date: date.parse().unwrap_or_default(),
                effective: effective.parse().unwrap_or_else(|_| end_of_time()),
                amount: from_cents(r.get(4)?),
                cost_before: from_cents(cost_before),
                cost_after: from_cents(cost_before + delta),
                net_before: from_cents(net_before),
                net_after: from_cents(net_before + delta - impairment),
                impairment: from_cents(impairment),
                reason: r.get(9)?,
                operator: r.get(10)?,
                state: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Held ones have no row yet: show them from the document.
    let mut stmt = conn.prepare(
        "SELECT d.doc_no, d.method, d.doc_date, d.amount_fen, d.reason, COALESCE((SELECT name FROM users WHERE id = d.operator_id), ''), d.state \
         FROM documents d JOIN pending_transfer_lines p ON p.document_id = d.id WHERE d.kind = 'value-change' AND p.asset_id = ?1 ORDER BY d.doc_date, d.id",
    )?;
    let held = stmt.query_map([asset_id], |r| {
        let (kind, date): (String, String) = (r.get(1)?, r.get(2)?);
        let amount = from_cents(r.get(3)?);
        let date: NaiveDate = date.parse().unwrap_or_default();
        Ok(ValueChangeEntry {
            doc_no: r.get(0)?,
            kind: ValueChangeKind::parse(&kind).unwrap_or(ValueChangeKind::Add),
            date,
            effective: Period::of(date),
            amount,
            cost_before: Money::ZERO,
            cost_after: Money::ZERO,
            net_before: Money::ZERO,
            net_after: Money::ZERO,
            impairment: Money::ZERO,
            reason: r.get(4)?,
            operator: r.get(5)?,
            state: r.get(6)?,
        })
    })?;
    for h in held {
        rows.push(h?);
    }
    Ok(rows)
}

impl Ledger {
    /// Records a value-change document (改扩建, 减值, 评估) on one asset; see the module.
    pub fn record_value_change(&mut self, actor: &Actor, input: &ValueChangeInput) -> Result<ValueChangeOutcome> {
        let tx = db::begin(&mut self.conn)?;
        let outcome = record_in(&tx, actor, input)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// The asset's value changes (its value tab), oldest first.
    pub fn value_changes(&self, actor: &Actor, code: &str) -> Result<Vec<ValueChangeEntry>> {
        actor.require(Permission::ViewAssets)?;
        let s = subject(&self.conn, actor, code)?;
        entries(&self.conn, s.id)
    }
}
