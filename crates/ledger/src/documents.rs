//! Lifecycle documents: issue-out, return, transfer, loan and its return, defects,
//! faults and repairs, scrap, disposal, write-off, and voiding a mistaken document.
//!
//! One entry point, [`Ledger::post_document`], validates every line first and then
//! applies them all in one transaction: a multi-asset document is all or nothing.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};

use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::journal::{self, DocHeader, DocKind, Placement};
use crate::ledger::Ledger;
use crate::model::{AssetStatus, Lang};
use crate::money::{from_cents, parse_money, to_cents, Money};
use crate::registers::{resolve_or_create, RegisterKind};
use crate::{audit, db};

use AssetStatus::*;

/// A document as a clerk fills it in (or the CLI's flags give it); text, validated here.
/// Which fields matter depends on the kind; the rest are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRequest {
    pub kind: DocKind,
    /// Asset codes, one line each. A return may instead name its issue in `source`.
    pub codes: Vec<String>,
    /// YYYY-MM-DD; empty means today.
    pub date: String,
    /// Issue: who receives (领用人). Loan: the borrower.
    pub person: String,
    /// Issue: the receiving department (optional). Transfer: the department it moves to.
    pub dept: String,
    /// Issue, return, transfer: the new location (optional).
    pub location: String,
    /// Loan: due date, YYYY-MM-DD.
    pub due: String,
    /// Repair: its cost. Disposal: the proceeds.
    pub amount: String,
    /// Disposal: sale | destroy. Write-off: sold | destroyed | lost | stolen.
    /// Repair: in-house | vendor.
    pub method: String,
    /// Scrap: why. Defect and fault: what is wrong.
    pub reason: String,
    /// Repair: the fault's cause, its category (quality | human | other), what was done, by whom.
    pub cause: String,
    pub cause_category: String,
    pub handling: String,
    pub vendor: String,
    pub notes: String,
    /// Return: the issue document it closes, e.g. LY-2026-00012.
    pub source: String,
    /// Repair: was it under warranty? "yes", "no" or empty (not checked).
    pub warranty: String,
    /// Repair: the result of the re-check after repair (复检).
    pub recheck: String,
}

impl DocRequest {
    pub fn new(kind: DocKind, codes: Vec<String>) -> DocRequest {
        DocRequest {
            kind,
            codes,
            date: String::new(),
            person: String::new(),
            dept: String::new(),
            location: String::new(),
            due: String::new(),
            amount: String::new(),
            method: String::new(),
            reason: String::new(),
            cause: String::new(),
            cause_category: String::new(),
            handling: String::new(),
            vendor: String::new(),
            notes: String::new(),
            source: String::new(),
            warranty: String::new(),
            recheck: String::new(),
        }
    }
}

/// What a repair recorded about the fault it closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairRecord {
    pub symptom: String,
    pub cause: String,
    /// quality | human | other | empty
    pub cause_category: String,
    pub handling: String,
    pub vendor: String,
    pub under_warranty: Option<bool>,
    pub recheck: String,
}

/// The state a list or detail shows for a document held for approval (待审批); stored
/// as `pending` with an open `document_approvals` row.
pub const AWAITING_APPROVAL: &str = "awaiting_approval";

/// A row of a document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    pub doc_no: String,
    pub kind: DocKind,
    pub date: NaiveDate,
    pub operator: String,
    pub counterparty: String,
    pub asset_count: i64,
    /// posted | voided | pending (a transfer awaiting confirmation) | awaiting_approval | rejected
    pub state: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLine {
    pub code: String,
    pub name: String,
    pub prev_status: Option<AssetStatus>,
    pub status: AssetStatus,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub detail: String,
    /// The asset's original value (原值), for the slip's column and total.
    pub value: Money,
}

impl DocumentDetail {
    /// The lines' original values added up (the slip's and the screen's 合计).
    pub fn total_value(&self) -> Money {
        self.lines.iter().map(|l| l.value).sum()
    }
}

/// A whole document, for its screen and its printed slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDetail {
    pub row: DocumentRow,
    pub person: Option<String>,
    pub to_dept: Option<String>,
    pub to_location: Option<String>,
    pub due: Option<NaiveDate>,
    pub amount: Option<Money>,
    pub method: String,
    pub reason: String,
    /// The issue a return closes, or the document a void reverses.
    pub source: Option<String>,
    /// The void document that reversed this one.
    pub voided_by: Option<String>,
    /// For a repair: what the repair found and did (of its first line's fault).
    pub repair: Option<RepairRecord>,
    /// Applicant and approver, if the document was held for approval (issue 20).
    pub approval: Option<crate::approvals::Approval>,
    pub lines: Vec<DocumentLine>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocQuery {
    pub kind: Option<DocKind>,
    /// Matches number, counterparty, notes, reason, or an asset code on a line.
    pub text: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Issue 20: documents touching an asset of this department (or sending to it).
    pub dept: Option<String>,
    /// The person named on the document (receiver, borrower) or a line's custodian.
    pub person: Option<String>,
    /// posted | pending | voided | rejected
    pub state: Option<String>,
    pub offset: i64,
    /// 0 means no limit.
    pub limit: i64,
}

/// An asset out on loan, with its borrower and due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanRow {
    pub code: String,
    pub name: String,
    pub borrower: String,
    pub due: NaiveDate,
    pub doc_no: String,
    /// Days past due (0 when not yet due).
    pub overdue_days: i64,
}

/// The asset as a document line sees it.
struct Line {
    asset_id: i64,
    code: String,
    before: Placement,
    open_defect: Option<i64>,
    open_fault: Option<(i64, AssetStatus)>,
}

pub(crate) fn placement_of(tx: &Connection, asset_id: i64) -> Result<Placement> {
    Ok(tx.query_row("SELECT status, dept_id, location_id, custodian_id FROM assets WHERE id = ?1", [asset_id], |r| {
        let status: String = r.get(0)?;
        Ok(Placement {
            status: AssetStatus::parse(&status).unwrap_or(InStock),
            dept_id: r.get(1)?,
            location_id: r.get(2)?,
            custodian_id: r.get(3)?,
        })
    })?)
}

/// Moves an asset (status, department, location, custodian) and refreshes what search
/// finds it by: every document and the stocktake close go through here.
pub(crate) fn set_placement(tx: &Transaction, asset_id: i64, p: Placement) -> Result<()> {
    tx.execute(
        "UPDATE assets SET status = ?1, dept_id = ?2, location_id = ?3, custodian_id = ?4, updated_at = ?5 WHERE id = ?6",
        params![p.status.as_str(), p.dept_id, p.location_id, p.custodian_id, db::now(), asset_id],
    )?;
    crate::search::refresh(tx, "id = ?1", &[&asset_id])
}

fn load_line(tx: &Connection, code: &str) -> Result<Option<Line>> {
    let found: Option<(i64, String)> =
        tx.query_row("SELECT id, code FROM assets WHERE code = ?1", [code], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let Some((asset_id, code)) = found else { return Ok(None) };
    let open = |kind: &str| -> Result<Option<(i64, String)>> {
        Ok(tx
            .query_row(
                "SELECT id, status_before FROM incidents WHERE asset_id = ?1 AND kind = ?2 AND closed_doc_id IS NULL",
                params![asset_id, kind],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    };
    Ok(Some(Line {
        asset_id,
        code,
        before: placement_of(tx, asset_id)?,
        open_defect: open("defect")?.map(|(id, _)| id),
        open_fault: open("fault")?.map(|(id, s)| (id, AssetStatus::parse(&s).unwrap_or(InStock))),
    }))
}

/// What to do next, for a clerk stuck on an asset in `status` that cannot take `kind`;
/// None where the status already says it all (never the status said twice).
fn hint(status: AssetStatus, kind: DocKind) -> Option<(&'static str, &'static str)> {
    Some(match (status, kind) {
        (InStock | InUse | OnLoan | UnderRepair, DocKind::WriteOff) => {
            ("an asset in service is written off only as lost or stolen; scrap it otherwise", "在账使用中的资产只能按遗失或被盗销账，否则请先报废")
        }
        (OnLoan, _) => ("return the loan first", "请先办理归还"),
        (InUse, _) => ("return it to stock first", "请先办理退库"),
        (UnderRepair, _) => ("finish the repair first", "请先完成维修"),
        (InStock, DocKind::Dispose) => ("scrap it first", "请先办理报废"),
        (InStock, _) => return None,
        (Scrapped, _) => ("a scrapped asset can only be disposed of or written off", "已报废资产只能处置或销账"),
        (Disposed, _) => ("a disposed asset can only be written off", "已处置资产只能销账"),
        (WrittenOff, _) => ("no document follows a write-off", "销账后不能再办理单据"),
        (Voided, _) => ("its registration was voided; no document follows", "其入账已冲销，不能再办理单据"),
        (Missing, _) => ("settle the stocktake result first", "请先处理盘点结果"),
    })
}

fn refuse(line: &Line, kind: DocKind) -> Error {
    let (status_en, status_zh) = (line.before.status.label(Lang::En).to_lowercase(), line.before.status.label(Lang::ZhCn));
    let (kind_en, kind_zh) = (kind.label(Lang::En).to_lowercase(), kind.label(Lang::ZhCn));
    let (en, zh) = match hint(line.before.status, kind) {
        Some((hint_en, hint_zh)) => (
            format!("asset {} is {status_en}, so it cannot take a {kind_en}; {hint_en}", line.code),
            format!("资产 {} 当前{status_zh}，不能{kind_zh}；{hint_zh}", line.code),
        ),
        None => (format!("asset {} is {status_en}, so it cannot take a {kind_en}", line.code), format!("资产 {} 当前{status_zh}，不能{kind_zh}", line.code)),
    };
    Error::conflict(en, zh).with_field("codes")
}

fn required(errors: &mut Vec<Error>, value: &str, field: &str, en: &str, zh: &str) {
    if value.trim().is_empty() {
        errors.push(Error::invalid(field, format!("{en} is required"), format!("请填写{zh}")));
    }
}

fn parse_date(errors: &mut Vec<Error>, field: &str, text: &str, en: &str, zh: &str) -> Option<NaiveDate> {
    crate::dates::parse(field, (en, zh), text).map_err(|e| errors.push(e)).ok()
}

fn one_of(errors: &mut Vec<Error>, field: &str, value: &str, allowed: &[&str], en: &str, zh: &str) {
    if !allowed.contains(&value) {
        errors.push(Error::invalid(
            field,
            format!("{en} '{value_q}' must be one of: {}", allowed.join(", "), value_q = crate::error::quoted(&value)),
            format!("{zh}「{value_q}」须为：{}", allowed.join("、"), value_q = crate::error::quoted(&value)),
        ));
    }
}

/// Checked header values, ready to store.
struct Checked {
    date: NaiveDate,
    due: Option<NaiveDate>,
    amount: Option<Money>,
    method: String,
}

fn check_header(req: &DocRequest) -> Result<Checked> {
    let mut errors = Vec::new();
    let today = db::today();
    let date = match req.date.trim() {
        "" => Some(today),
        t => parse_date(&mut errors, "date", t, "document date", "单据日期"),
    };
    if let Some(d) = date.filter(|d| *d > today) {
        errors.push(Error::invalid("date", format!("document date {d} is in the future"), format!("单据日期 {d} 晚于今天")));
    }
    let method = req.method.trim().to_string();
    let mut due = None;
    match req.kind {
        DocKind::Issue => required(&mut errors, &req.person, "person", "the person receiving the assets", "领用人"),
        DocKind::Transfer => required(&mut errors, &req.dept, "dept", "the receiving department", "调入部门"),
        DocKind::Loan => {
            required(&mut errors, &req.person, "person", "the borrower", "借用人");
            if req.due.trim().is_empty() {
                required(&mut errors, "", "due", "the due date", "归还日期");
            } else {
                due = parse_date(&mut errors, "due", &req.due, "due date", "归还日期");
                if let (Some(d), Some(doc)) = (due, date) {
                    if d < doc {
                        errors.push(Error::invalid("due", "the due date is before the loan date", "归还日期早于借用日期"));
                    }
                }
            }
        }
        DocKind::Defect => required(&mut errors, &req.reason, "reason", "a description of the defect", "缺陷描述"),
        DocKind::Fault => required(&mut errors, &req.reason, "reason", "the fault's symptom", "故障现象"),
        DocKind::Repair => {
            let m = if method.is_empty() { "in-house" } else { &method };
            one_of(&mut errors, "method", m, &["in-house", "vendor"], "repair by", "维修方式");
            if m == "vendor" {
                required(&mut errors, &req.vendor, "vendor", "the repair vendor", "维修单位");
            }
            if !req.warranty.trim().is_empty() {
                one_of(&mut errors, "warranty", req.warranty.trim(), &["yes", "no"], "under warranty", "是否在保修期内");
            }
            if !req.cause_category.trim().is_empty() {
                one_of(&mut errors, "cause_category", req.cause_category.trim(), &["quality", "human", "other"], "cause category", "原因分类");
            }
        }
        DocKind::Scrap => required(&mut errors, &req.reason, "reason", "the reason for scrapping", "报废原因"),
        DocKind::Dispose => one_of(&mut errors, "method", &method, &["sale", "destroy"], "disposal method", "处置方式"),
        DocKind::WriteOff => one_of(&mut errors, "method", &method, &["sold", "destroyed", "lost", "stolen"], "write-off reason", "销账原因"),
        DocKind::Return | DocKind::LoanReturn | DocKind::DefectClear => {}
        DocKind::Register | DocKind::Edit | DocKind::Void | DocKind::StocktakeAdjust | DocKind::LoanExtend | DocKind::ValueChange => errors.push(Error::invalid(
            "kind",
            format!("a {} is not posted as a document here", req.kind.label(Lang::En).to_lowercase()),
            format!("「{}」不能在此开单", req.kind.label(Lang::ZhCn)),
        )),
    }
    let amount = match req.amount.trim() {
        "" => None,
        t => {
            let field = if req.kind == DocKind::Dispose { "proceeds" } else { "cost" };
            parse_money(field, t).map_err(|e| errors.push(e)).ok()
        }
    };
    if req.codes.is_empty() && !(req.kind == DocKind::Return && !req.source.trim().is_empty()) {
        errors.push(Error::invalid("codes", "a document needs at least one asset", "单据至少需要一项资产"));
    }
    let mut seen = std::collections::HashSet::new();
    for code in &req.codes {
        if !seen.insert(code.trim()) {
            errors.push(Error::invalid("codes", format!("asset {code} is listed twice"), format!("资产 {code} 重复列出")));
        }
    }
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    Ok(Checked { date: date.expect("checked"), due, amount, method })
}

/// Whether an asset in `status` (with or without an open defect or fault) may take a
/// document of `kind`: the one rule the lines below and the card's action list share.
/// Write-offs of assets still in service are allowed only as lost or stolen.
pub fn permits(kind: DocKind, status: AssetStatus, open_defect: bool, open_fault: bool) -> bool {
    match kind {
        DocKind::Issue | DocKind::Loan => status == InStock,
        DocKind::Return => status == InUse,
        DocKind::Transfer => matches!(status, InStock | InUse),
        DocKind::LoanReturn => status == OnLoan,
        DocKind::Defect => matches!(status, InStock | InUse | OnLoan | UnderRepair) && !open_defect,
        DocKind::DefectClear => open_defect,
        DocKind::Fault => matches!(status, InStock | InUse | OnLoan),
        DocKind::Repair => status == UnderRepair && open_fault,
        DocKind::Scrap => matches!(status, InStock | InUse | UnderRepair | Missing),
        DocKind::Dispose => status == Scrapped,
        DocKind::WriteOff => !matches!(status, WrittenOff | Voided),
        DocKind::Register | DocKind::Edit | DocKind::Void | DocKind::StocktakeAdjust | DocKind::LoanExtend | DocKind::ValueChange => false,
    }
}

/// The documents an asset can take now, in the order a clerk meets them.
pub fn allowed_kinds(status: AssetStatus, open_defect: bool, open_fault: bool) -> Vec<DocKind> {
    DocKind::ALL.iter().copied().filter(|k| permits(*k, status, open_defect, open_fault)).collect()
}

/// Why the asset on `line` cannot take `kind` now (None: it can). [`permits`] decides;
/// this words the refusal, for the post itself and for the ledger's selection bar.
fn why_not(kind: DocKind, line: &Line) -> Option<Error> {
    let b = line.before;
    if kind == DocKind::Return && b.status == InStock {
        return Some(
            Error::conflict(
                format!("asset {} was never issued (it is in stock); nothing to return", line.code),
                format!("资产 {} 未领用（在库），无需退库", line.code),
            )
            .with_field("codes"),
        );
    }
    if permits(kind, b.status, line.open_defect.is_some(), line.open_fault.is_some()) {
        return None;
    }
    Some(
        match kind {
            DocKind::Defect if line.open_defect.is_some() => Error::conflict(
                format!("asset {} already has an open defect; clear it first", line.code),
                format!("资产 {} 已有未消除的缺陷，请先消缺", line.code),
            ),
            DocKind::DefectClear => Error::conflict(format!("asset {} has no open defect", line.code), format!("资产 {} 没有未消除的缺陷", line.code)),
            DocKind::Repair => Error::conflict(
                format!("asset {} has no open fault to repair (it is {})", line.code, b.status.label(Lang::En).to_lowercase()),
                format!("资产 {} 没有待维修的故障（当前{}）", line.code, b.status.label(Lang::ZhCn)),
            ),
            _ => refuse(line, kind),
        }
        .with_field("codes"),
    )
}

/// The asset's place and status after this document, or why it cannot take it.
fn plan(kind: DocKind, line: &Line, req: &DocRequest, ids: &Ids) -> Result<Placement> {
    let b = line.before;
    if kind == DocKind::WriteOff && matches!(b.status, InStock | InUse | OnLoan | UnderRepair) && !matches!(req.method.trim(), "lost" | "stolen") {
        return Err(refuse(line, kind));
    }
    if let Some(e) = why_not(kind, line) {
        return Err(e);
    }
    let keep_or = |new: Option<i64>, old: Option<i64>| new.or(old);
    Ok(match kind {
        DocKind::Issue => Placement { status: InUse, dept_id: keep_or(ids.dept, b.dept_id), location_id: keep_or(ids.location, b.location_id), custodian_id: ids.person },
        DocKind::Return => Placement { status: InStock, custodian_id: None, location_id: keep_or(ids.location, b.location_id), ..b },
        DocKind::Transfer => {
            if ids.dept == b.dept_id && (ids.location.is_none() || ids.location == b.location_id) {
                return Err(Error::conflict(
                    format!("asset {} is already in {}", line.code, req.dept.trim()),
                    format!("资产 {} 已在{}", line.code, req.dept.trim()),
                )
                .with_field("dept"));
            }
            Placement { dept_id: ids.dept, location_id: keep_or(ids.location, b.location_id), ..b }
        }
        DocKind::Loan => Placement { status: OnLoan, ..b },
        DocKind::LoanReturn => Placement { status: InStock, ..b },
        DocKind::Defect | DocKind::DefectClear => b,
        DocKind::Fault => Placement { status: UnderRepair, ..b },
        DocKind::Repair => Placement { status: line.open_fault.map(|(_, back)| back).unwrap_or(InStock), ..b },
        DocKind::Scrap => Placement { status: Scrapped, ..b },
        DocKind::Dispose => Placement { status: Disposed, ..b },
        DocKind::WriteOff => Placement { status: WrittenOff, ..b },
        DocKind::Register | DocKind::Edit | DocKind::Void | DocKind::StocktakeAdjust | DocKind::LoanExtend | DocKind::ValueChange => unreachable!("refused by check_header"),
    })
}

/// Register ids the request names, resolved (and created if new) in the transaction.
struct Ids {
    person: Option<i64>,
    dept: Option<i64>,
    location: Option<i64>,
}

fn opt_register(tx: &Transaction, actor: &Actor, kind: RegisterKind, name: &str) -> Result<Option<i64>> {
    match name.trim() {
        "" => Ok(None),
        n => resolve_or_create(tx, actor, kind, n).map(Some),
    }
}

fn doc_id_of(tx: &Transaction, doc_no: &str) -> Result<(i64, DocKind, String)> {
    tx.query_row("SELECT id, kind, state FROM documents WHERE doc_no = ?1", [doc_no.trim()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })
    .optional()?
    .map(|(id, kind, state)| (id, DocKind::parse(&kind).unwrap_or(DocKind::Edit), state))
    .ok_or_else(|| {
        Error::not_found(format!("no document numbered {}", doc_no.trim()), format!("找不到单据 {}", doc_no.trim())).with_field("source")
    })
}

/// A pending transfer the actor may confirm: (id, receiving department, location, its name).
fn pending_transfer(tx: &Transaction, actor: &Actor, doc_no: &str) -> Result<(i64, i64, Option<i64>, String)> {
    let (id, kind, state) = doc_id_of(tx, doc_no)?;
    if crate::approvals::awaiting(tx, id)? {
        return Err(Error::conflict(
            format!("{} awaits approval; the receiving department confirms it once it is approved", doc_no.trim()),
            format!("{} 尚在待审批，审批通过后再由调入部门确认", doc_no.trim()),
        ));
    }
    if kind != DocKind::Transfer || state != "pending" {
        return Err(Error::conflict(
            format!("{} is not a transfer awaiting confirmation", doc_no.trim()),
            format!("{} 不是待确认的调拨单", doc_no.trim()),
        ));
    }
    let (to_dept, to_location, name): (i64, Option<i64>, String) = tx.query_row(
        "SELECT d.to_dept_id, d.to_location_id, (SELECT name FROM departments WHERE id = d.to_dept_id) FROM documents d WHERE d.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if actor.scope_dept().is_some_and(|scope| scope != to_dept) {
        return Err(Error::forbidden(
            format!("only the receiving department ({name}) confirms this transfer"),
            format!("只有调入部门（{name}）可以确认此调拨"),
        ));
    }
    Ok((id, to_dept, to_location, name))
}

/// The assets an issue document put in use that are still in use under it.
fn still_issued_by(tx: &Transaction, issue_id: i64) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT a.code FROM journal j JOIN assets a ON a.id = j.asset_id \
         WHERE j.document_id = ?1 AND a.status = 'in_use' \
           AND j.id = (SELECT MAX(j2.id) FROM journal j2 JOIN documents d2 ON d2.id = j2.document_id \
                       WHERE j2.asset_id = j.asset_id AND d2.kind IN ('issue', 'return', 'void')) ORDER BY j.id",
    )?;
    let codes = stmt.query_map([issue_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(codes)
}

/// Applies a document held for approval (approvals.rs): its assets are checked again as
/// they stand now and moved, and it is posted; a transfer that needs the receiving
/// department's confirmation stays pending for that instead.
pub(crate) fn apply_held(tx: &Transaction, actor: &Actor, doc_id: i64, kind: DocKind) -> Result<crate::approvals::ApprovalOutcome> {
    use crate::approvals::ApprovalOutcome;
    let (to_dept, to_location, person, method, reason, dept_name): (Option<i64>, Option<i64>, Option<i64>, String, String, String) = tx.query_row(
        "SELECT d.to_dept_id, d.to_location_id, d.person_id, d.method, d.reason, COALESCE((SELECT name FROM departments WHERE id = d.to_dept_id), '') \
         FROM documents d WHERE d.id = ?1",
        [doc_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let codes: Vec<String> = tx
        .prepare("SELECT a.code FROM pending_transfer_lines p JOIN assets a ON a.id = p.asset_id WHERE p.document_id = ?1 ORDER BY a.code")?
        .query_map([doc_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if kind == DocKind::Transfer && crate::settings::get(tx, "transfer_confirmation")?.as_deref() == Some("true") {
        return Ok(ApprovalOutcome::AwaitingConfirmation);
    }
    let req = DocRequest { dept: dept_name, method, reason: reason.clone(), ..DocRequest::new(kind, codes.clone()) };
    let ids = Ids { person, dept: to_dept, location: to_location };
    let mut errors = Vec::new();
    let mut planned = Vec::new();
    for code in &codes {
        let line = load_line(tx, code)?.expect("held lines point at assets");
        if actor.scope_dept().is_some_and(|scope| line.before.dept_id != Some(scope)) {
            errors.push(Error::forbidden(format!("asset {code} belongs to another department"), format!("资产 {code} 属于其他部门，无权办理")));
            continue;
        }
        match plan(kind, &line, &req, &ids) {
            Ok(after) => planned.push((line, after)),
            Err(e) => errors.push(e),
        }
    }
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    for (line, after) in &planned {
        set_placement(tx, line.asset_id, *after)?;
        journal::add_line(tx, doc_id, line.asset_id, Some(line.before), *after, &reason)?;
    }
    tx.execute("UPDATE documents SET state = 'posted' WHERE id = ?1", [doc_id])?;
    // The lines are in the journal now; the held list would count them twice.
    tx.execute("DELETE FROM pending_transfer_lines WHERE document_id = ?1", [doc_id])?;
    Ok(ApprovalOutcome::Posted)
}

impl Ledger {
    /// Posts a lifecycle document; returns its number. Every line is checked before
    /// anything is written, and every refusal is reported at once.
    pub fn post_document(&mut self, actor: &Actor, req: &DocRequest) -> Result<String> {
        let tx = crate::db::begin(&mut self.conn)?;
        let doc_no = Ledger::post_in(&tx, actor, req)?;
        tx.commit()?;
        Ok(doc_no)
    }

    /// [`Ledger::post_document`] inside the caller's transaction (its audit entry too),
    /// for a repair order's step that posts its fault or repair document (issue 22).
    pub(crate) fn post_in(tx: &Transaction, actor: &Actor, req: &DocRequest) -> Result<String> {
        Ledger::post_in_numbered(tx, actor, req, None)
    }

    /// [`Ledger::post_in`]; `pulled_no` is the number another desk gave a document pulled
    /// from the hub (issue 24): it is kept, and the document applies at once, since its
    /// approval or transfer confirmation happened at that desk.
    pub(crate) fn post_in_numbered(tx: &Transaction, actor: &Actor, req: &DocRequest, pulled_no: Option<&str>) -> Result<String> {
        actor.require(Permission::PostDocuments)?;
        let checked = check_header(req)?;

        let mut source_id = None;
        let mut codes: Vec<String> = req.codes.iter().map(|c| c.trim().to_string()).collect();
        if req.kind == DocKind::Return && !req.source.trim().is_empty() {
            let (id, kind, state) = doc_id_of(tx, &req.source)?;
            if kind != DocKind::Issue || state != "posted" {
                return Err(Error::invalid(
                    "source",
                    format!("{} is not a posted issue document", req.source.trim()),
                    format!("{} 不是有效的领用单", req.source.trim()),
                ));
            }
            source_id = Some(id);
            if codes.is_empty() {
                codes = still_issued_by(tx, id)?;
                if codes.is_empty() {
                    return Err(Error::conflict(
                        format!("every asset of {} has already been returned", req.source.trim()),
                        format!("领用单 {} 的资产已全部退库", req.source.trim()),
                    )
                    .with_field("source"));
                }
            }
        }

        let ids = Ids {
            person: opt_register(tx, actor, RegisterKind::Person, &req.person)?,
            dept: opt_register(tx, actor, RegisterKind::Department, &req.dept)?,
            location: opt_register(tx, actor, RegisterKind::Location, &req.location)?,
        };

        let mut errors = Vec::new();
        let mut planned = Vec::new();
        for code in &codes {
            let Some(line) = load_line(tx, code)? else {
                errors.push(Error::not_found(format!("no asset with code {code}"), format!("找不到编码为 {code} 的资产")).with_field("codes"));
                continue;
            };
            if let Some(scope) = actor.scope_dept() {
                if line.before.dept_id != Some(scope) {
                    errors.push(Error::forbidden(
                        format!("asset {code} belongs to another department"),
                        format!("资产 {code} 属于其他部门，无权办理"),
                    ));
                    continue;
                }
            }
            match plan(req.kind, &line, req, &ids) {
                Ok(after) => planned.push((line, after)),
                Err(e) => errors.push(e),
            }
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }

        let counterparty = match req.kind {
            DocKind::Issue | DocKind::Loan => req.person.trim().to_string(),
            DocKind::Transfer => req.dept.trim().to_string(),
            DocKind::Repair => req.vendor.trim().to_string(),
            _ => String::new(),
        };
        let header = DocHeader {
            counterparty: &counterparty,
            notes: req.notes.trim(),
            person_id: ids.person,
            to_dept_id: ids.dept,
            to_location_id: ids.location,
            due_date: checked.due,
            amount_fen: checked.amount.map(to_cents),
            method: &checked.method,
            reason: req.reason.trim(),
            source_id,
        };
        let (doc_id, doc_no) = match pulled_no {
            Some(no) => {
                crate::periods::check_open(tx, checked.date)?;
                (journal::insert_document(tx, actor, req.kind, checked.date, &header, no)?, no.to_string())
            }
            None => journal::open_document(tx, actor, req.kind, checked.date, &header)?,
        };
        let asset_ids: Vec<i64> = planned.iter().map(|(line, _)| line.asset_id).collect();
        if pulled_no.is_none() && crate::approvals::hold_for_approval(tx, actor, req.kind, doc_id, &doc_no, &asset_ids, &codes.join(" "))? {
            return Ok(doc_no);
        }
        if pulled_no.is_none() && req.kind == DocKind::Transfer && crate::settings::get(tx, "transfer_confirmation")?.as_deref() == Some("true") {
            // The receiving department confirms before anything moves.
            tx.execute("UPDATE documents SET state = 'pending' WHERE id = ?1", [doc_id])?;
            for (line, _) in &planned {
                tx.execute("INSERT INTO pending_transfer_lines(document_id, asset_id) VALUES (?1, ?2)", params![doc_id, line.asset_id])?;
            }
            audit::record(tx, &actor.name, "doc_transfer_pending", &doc_no, &codes.join(" "))?;
            return Ok(doc_no);
        }
        for (line, after) in &planned {
            set_placement(tx, line.asset_id, *after)?;
            journal::add_line(tx, doc_id, line.asset_id, Some(line.before), *after, req.reason.trim())?;
            apply_incident(tx, req, doc_id, line, &checked)?;
        }
        audit::record(tx, &actor.name, &format!("doc_{}", req.kind.as_str()), &doc_no, &codes.join(" "))?;
        Ok(doc_no)
    }

    /// The receiving department accepts a pending transfer: the assets move now, with
    /// the journal lines dated today. Every asset is checked again as it stands now.
    pub fn confirm_transfer(&mut self, actor: &Actor, doc_no: &str) -> Result<()> {
        actor.require(Permission::PostDocuments)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let (doc_id, to_dept, to_location, dept_name) = pending_transfer(&tx, actor, doc_no)?;
        let asset_codes: Vec<String> = tx
            .prepare("SELECT a.code FROM pending_transfer_lines p JOIN assets a ON a.id = p.asset_id WHERE p.document_id = ?1 ORDER BY a.code")?
            .query_map([doc_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let req = DocRequest { dept: dept_name, ..DocRequest::new(DocKind::Transfer, asset_codes.clone()) };
        let ids = Ids { person: None, dept: Some(to_dept), location: to_location };
        let mut errors = Vec::new();
        let mut planned = Vec::new();
        for code in &asset_codes {
            let line = load_line(&tx, code)?.expect("pending lines point at assets");
            match plan(DocKind::Transfer, &line, &req, &ids) {
                Ok(after) => planned.push((line, after)),
                Err(e) => errors.push(e),
            }
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        for (line, after) in &planned {
            set_placement(&tx, line.asset_id, *after)?;
            journal::add_line(&tx, doc_id, line.asset_id, Some(line.before), *after, "")?;
        }
        tx.execute("UPDATE documents SET state = 'posted', confirmed_by = ?1 WHERE id = ?2", params![actor.name, doc_id])?;
        audit::record(&tx, &actor.name, "doc_transfer_confirm", doc_no.trim(), "")?;
        tx.commit()?;
        Ok(())
    }

    /// The receiving department refuses a pending transfer; nothing moves.
    pub fn reject_transfer(&mut self, actor: &Actor, doc_no: &str, reason: &str) -> Result<()> {
        actor.require(Permission::PostDocuments)?;
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "say why the transfer is refused", "请填写退回原因"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let (doc_id, ..) = pending_transfer(&tx, actor, doc_no)?;
        tx.execute("UPDATE documents SET state = 'rejected', reason = ?1, confirmed_by = ?2 WHERE id = ?3", params![reason.trim(), actor.name, doc_id])?;
        audit::record(&tx, &actor.name, "doc_transfer_reject", doc_no.trim(), reason.trim())?;
        tx.commit()?;
        Ok(())
    }

    /// Voids a mistaken document: writes a reversing 冲销 document and restores every
    /// asset it moved, if nothing later has touched those assets.
    pub fn void_document(&mut self, actor: &Actor, doc_no: &str, reason: &str) -> Result<String> {
        actor.require(Permission::VoidDocuments)?;
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "say why the document is voided", "请填写冲销原因"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let (doc_id, kind, state) = doc_id_of(&tx, doc_no)?;
        let doc_no = doc_no.trim();
        if state == "voided" {
            return Err(Error::conflict(format!("{doc_no} is already voided"), format!("单据 {doc_no} 已冲销")));
        }
        if state == "pending" || state == "rejected" {
            return Err(Error::conflict(
                format!("{doc_no} never took effect; a pending transfer is confirmed or refused, not voided"),
                format!("单据 {doc_no} 尚未生效；待确认的调拨单应确认或退回，无需冲销"),
            ));
        }
        crate::repairs::refuse_void_of_order_document(&tx, doc_id, doc_no)?;
        // Issue 20: a registration (or import batch) voids its assets; a card change is put back.
        match kind {
            DocKind::Register => return crate::corrections::void_registration(tx, actor, doc_id, doc_no, reason),
            // Issue 21: a value change puts the value back, nothing moves.
            DocKind::ValueChange => return crate::valuation::void_value_change(tx, actor, doc_id, doc_no, reason),
            DocKind::Edit => {
                drop(tx);
                return crate::corrections::revert_card_change(self, actor, doc_id, doc_no);
            }
            _ => {}
        }
        let void_no = void_in(&tx, actor, doc_id, doc_no, kind, reason, None)?;
        tx.commit()?;
        Ok(void_no)
    }
}

/// Voids movement document `doc_id` inside `tx`: a reversing 冲销 document restores every
/// asset it moved, if nothing later has touched those assets. `pulled` is the number and
/// date another desk gave a void pulled from the hub (issue 24), kept here.
pub(crate) fn void_in(tx: &Transaction, actor: &Actor, doc_id: i64, doc_no: &str, kind: DocKind, reason: &str, pulled: Option<(&str, NaiveDate)>) -> Result<String> {
    // A stocktake adjustment is the outcome of a closed (read-only) stocktake: not voided.
    if matches!(kind, DocKind::Void | DocKind::StocktakeAdjust) {
        return Err(Error::conflict(
            format!("a {} cannot be voided", kind.label(Lang::En).to_lowercase()),
            format!("「{}」不能冲销", kind.label(Lang::ZhCn)),
        ));
    }
    let lines: Vec<(i64, i64, String, Placement, Placement)> = {
        let mut stmt = tx.prepare(
            "SELECT j.id, j.asset_id, a.code, j.prev_status, j.prev_dept_id, j.prev_location_id, j.prev_custodian_id, \
             j.status, j.dept_id, j.location_id, j.custodian_id \
             FROM journal j JOIN assets a ON a.id = j.asset_id WHERE j.document_id = ?1 ORDER BY j.id",
        )?;
        let rows = stmt.query_map([doc_id], |r| {
            let prev: Option<String> = r.get(3)?;
            let now: String = r.get(7)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                Placement { status: AssetStatus::parse(prev.as_deref().unwrap_or("in_stock")).unwrap_or(InStock), dept_id: r.get(4)?, location_id: r.get(5)?, custodian_id: r.get(6)? },
                Placement { status: AssetStatus::parse(&now).unwrap_or(InStock), dept_id: r.get(8)?, location_id: r.get(9)?, custodian_id: r.get(10)? },
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut errors = Vec::new();
    for (line_id, asset_id, code, _, _) in &lines {
        let later: Option<String> = tx
            .query_row(
                // A later document that was itself voided (with its void) cancels out, and a
                // card edit moves nothing: neither depends on this document.
                "SELECT d.doc_no FROM journal j JOIN documents d ON d.id = j.document_id \
                 WHERE j.asset_id = ?1 AND j.id > ?2 AND d.state != 'voided' AND d.kind NOT IN ('void', 'edit') \
                 ORDER BY j.id DESC LIMIT 1",
                params![asset_id, line_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(later) = later {
            errors.push(Error::conflict(
                format!("asset {code} has a later document {later}; void that first"),
                format!("资产 {code} 之后已有单据 {later}，请先冲销该单据"),
            ));
        }
    }
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    let header = DocHeader { reason: reason.trim(), source_id: Some(doc_id), counterparty: doc_no, ..DocHeader::default() };
    let (void_id, void_no) = journal::open_or_pulled(tx, actor, DocKind::Void, db::today(), &header, pulled)?;
    for (_, asset_id, _, before, after) in &lines {
        set_placement(tx, *asset_id, *before)?;
        journal::add_line(tx, void_id, *asset_id, Some(*after), *before, &format!("冲销 {doc_no}"))?;
    }
    match kind {
        DocKind::Defect | DocKind::Fault => {
            tx.execute("UPDATE incidents SET closed_doc_id = ?1 WHERE opened_doc_id = ?2", params![void_id, doc_id])?;
        }
        DocKind::DefectClear | DocKind::Repair => {
            tx.execute("UPDATE incidents SET closed_doc_id = NULL WHERE closed_doc_id = ?1", params![doc_id])?;
        }
        _ => {}
    }
    tx.execute("UPDATE documents SET state = 'voided', voided_by = ?1 WHERE id = ?2", params![void_id, doc_id])?;
    audit::record(tx, &actor.name, "doc_void", doc_no, &format!("{void_no}: {}", reason.trim()))?;
    Ok(void_no)
}

impl Ledger {

    /// Documents, newest first, filtered by kind, words and dates.
    pub fn list_documents(&self, actor: &Actor, q: &DocQuery) -> Result<crate::Page<DocumentRow>> {
        actor.require(Permission::ViewAssets)?;
        let mut conditions = vec!["d.kind NOT IN ('register', 'edit')".to_string()];
        let mut args: Vec<Value> = Vec::new();
        if let Some(kind) = q.kind {
            args.push(Value::Text(kind.as_str().into()));
            conditions[0] = format!("d.kind = ?{}", args.len());
        }
        for word in q.text.split_whitespace() {
            args.push(Value::Text(format!("%{}%", word.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))));
            let n = args.len();
            conditions.push(format!(
                "(lower(d.doc_no) LIKE ?{n} ESCAPE '\\' OR d.counterparty LIKE ?{n} ESCAPE '\\' OR d.notes LIKE ?{n} ESCAPE '\\' \
                 OR d.reason LIKE ?{n} ESCAPE '\\' OR EXISTS (SELECT 1 FROM journal j JOIN assets a ON a.id = j.asset_id \
                 WHERE j.document_id = d.id AND a.search_text LIKE ?{n} ESCAPE '\\'))"
            ));
        }
        if let Some(d) = q.from {
            args.push(Value::Text(d.to_string()));
            conditions.push(format!("d.doc_date >= ?{}", args.len()));
        }
        if let Some(d) = q.to {
            args.push(Value::Text(d.to_string()));
            conditions.push(format!("d.doc_date <= ?{}", args.len()));
        }
        crate::doc_filters::push(q, &mut conditions, &mut args)?;
        if let Some(scope) = actor.scope_dept() {
            args.push(Value::Integer(scope));
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM journal j JOIN assets a ON a.id = j.asset_id WHERE j.document_id = d.id AND a.dept_id = ?{})",
                args.len()
            ));
        }
        let where_sql = conditions.join(" AND ");
        let total: i64 = self.conn.query_row(&format!("SELECT COUNT(*) FROM documents d WHERE {where_sql}"), params_from_iter(args.iter()), |r| r.get(0))?;
        let limit = if q.limit > 0 { q.limit } else { -1 };
        let sql = format!(
            "SELECT d.doc_no, d.kind, d.doc_date, u.name, d.counterparty, (SELECT COUNT(*) FROM journal j WHERE j.document_id = d.id) + (SELECT COUNT(*) FROM pending_transfer_lines p WHERE p.document_id = d.id), d.state, d.notes \
             FROM documents d JOIN users u ON u.id = d.operator_id WHERE {where_sql} ORDER BY d.id DESC LIMIT ?{n_limit} OFFSET ?{n_offset}",
            n_limit = args.len() + 1,
            n_offset = args.len() + 2,
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let page_args = args.iter().cloned().chain([Value::Integer(limit), Value::Integer(q.offset.max(0))]);
        let mut rows: Vec<DocumentRow> = stmt.query_map(params_from_iter(page_args), read_doc_row)?.collect::<rusqlite::Result<_>>()?;
        for row in rows.iter_mut().filter(|r| r.state == "pending") {
            if self.awaits_approval(&row.doc_no)? {
                row.state = AWAITING_APPROVAL.into();
            }
        }
        Ok(crate::Page { total, rows })
    }

    /// One document with its lines.
    pub fn document(&self, actor: &Actor, doc_no: &str) -> Result<DocumentDetail> {
        actor.require(Permission::ViewAssets)?;
        let doc_no = doc_no.trim();
        let found = self
            .conn
            .query_row(
                "SELECT d.doc_no, d.kind, d.doc_date, u.name, d.counterparty, (SELECT COUNT(*) FROM journal j WHERE j.document_id = d.id) + (SELECT COUNT(*) FROM pending_transfer_lines p WHERE p.document_id = d.id), d.state, d.notes, \
                 d.id, (SELECT name FROM people WHERE id = d.person_id), (SELECT name FROM departments WHERE id = d.to_dept_id), \
                 (SELECT name FROM locations WHERE id = d.to_location_id), d.due_date, d.amount_fen, d.method, d.reason, \
                 (SELECT doc_no FROM documents s WHERE s.id = d.source_id), (SELECT doc_no FROM documents v WHERE v.id = d.voided_by) \
                 FROM documents d JOIN users u ON u.id = d.operator_id WHERE d.doc_no = ?1",
                [doc_no],
                |r| {
                    let due: Option<String> = r.get(12)?;
                    Ok((
                        r.get::<_, i64>(8)?,
                        DocumentDetail {
                            row: read_doc_row(r)?,
                            person: r.get(9)?,
                            to_dept: r.get(10)?,
                            to_location: r.get(11)?,
                            due: due.and_then(|d| d.parse().ok()),
                            amount: r.get::<_, Option<i64>>(13)?.map(from_cents),
                            method: r.get(14)?,
                            reason: r.get(15)?,
                            source: r.get(16)?,
                            voided_by: r.get(17)?,
                            repair: None,
                            approval: None,
                            lines: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let (id, mut detail) = found.ok_or_else(|| Error::not_found(format!("no document numbered {doc_no}"), format!("找不到单据 {doc_no}")))?;
        detail.approval = crate::approvals::approval_of(&self.conn, id)?;
        if crate::approvals::awaiting(&self.conn, id)? {
            detail.row.state = AWAITING_APPROVAL.into();
        }
        let mut stmt = self.conn.prepare(
            "SELECT a.code, a.name, j.prev_status, j.status, (SELECT name FROM departments WHERE id = j.dept_id), \
             (SELECT name FROM locations WHERE id = j.location_id), (SELECT name FROM people WHERE id = j.custodian_id), j.detail, a.dept_id, a.value_fen \
             FROM journal j JOIN assets a ON a.id = j.asset_id WHERE j.document_id = ?1 ORDER BY j.id",
        )?;
        let mut in_scope = actor.scope_dept().is_none();
        detail.lines = stmt
            .query_map([id], |r| {
                let prev: Option<String> = r.get(2)?;
                let status: String = r.get(3)?;
                Ok((
                    DocumentLine {
                        code: r.get(0)?,
                        name: r.get(1)?,
                        prev_status: prev.and_then(|p| AssetStatus::parse(&p).ok()),
                        status: AssetStatus::parse(&status).unwrap_or(InStock),
                        dept: r.get(4)?,
                        location: r.get(5)?,
                        custodian: r.get(6)?,
                        detail: r.get(7)?,
                        value: from_cents(r.get(9)?),
                    },
                    r.get::<_, Option<i64>>(8)?,
                ))
            })?
            .map(|row| {
                row.map(|(line, dept)| {
                    in_scope |= dept.is_some() && dept == actor.scope_dept();
                    line
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        if detail.row.kind == DocKind::Repair {
            detail.repair = self
                .conn
                .query_row(
                    "SELECT description, cause, cause_category, handling, vendor, under_warranty, recheck FROM incidents WHERE closed_doc_id = ?1 ORDER BY id LIMIT 1",
                    [id],
                    |r| {
                        Ok(RepairRecord {
                            symptom: r.get(0)?,
                            cause: r.get(1)?,
                            cause_category: r.get(2)?,
                            handling: r.get(3)?,
                            vendor: r.get(4)?,
                            under_warranty: r.get(5)?,
                            recheck: r.get(6)?,
                        })
                    },
                )
                .optional()?;
        }
        if detail.lines.is_empty() && matches!(detail.row.state.as_str(), "pending" | "rejected" | AWAITING_APPROVAL) {
            // Nothing moved yet: show the assets named, as they stand now.
            let mut stmt = self.conn.prepare(
                "SELECT a.code, a.name, a.status, (SELECT name FROM departments WHERE id = a.dept_id), \
                 (SELECT name FROM locations WHERE id = a.location_id), (SELECT name FROM people WHERE id = a.custodian_id), a.dept_id, a.value_fen \
                 FROM pending_transfer_lines p JOIN assets a ON a.id = p.asset_id WHERE p.document_id = ?1 ORDER BY a.code",
            )?;
            let rows = stmt.query_map([id], |r| {
                let status: String = r.get(2)?;
                let status = AssetStatus::parse(&status).unwrap_or(InStock);
                Ok((
                    DocumentLine { code: r.get(0)?, name: r.get(1)?, prev_status: Some(status), status, dept: r.get(3)?, location: r.get(4)?, custodian: r.get(5)?, detail: String::new(), value: from_cents(r.get(7)?) },
                    r.get::<_, Option<i64>>(6)?,
                ))
            })?;
            for row in rows {
                let (line, dept) = row?;
                in_scope |= dept.is_some() && dept == actor.scope_dept();
                detail.lines.push(line);
            }
            // The receiving department sees what is on its way.
            let to_dept: Option<i64> = self.conn.query_row("SELECT to_dept_id FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
            in_scope |= to_dept.is_some() && to_dept == actor.scope_dept();
        }
        if !in_scope {
            return Err(Error::not_found(format!("no document numbered {doc_no}"), format!("找不到单据 {doc_no}")));
        }
        Ok(detail)
    }

    /// Assets out on loan, most overdue first.
    pub fn open_loans(&self, actor: &Actor) -> Result<Vec<LoanRow>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT a.code, a.name, COALESCE(p.name, d.counterparty), d.due_date, d.doc_no FROM assets a \
             JOIN journal j ON j.id = (SELECT MAX(j2.id) FROM journal j2 JOIN documents d2 ON d2.id = j2.document_id \
                                       WHERE j2.asset_id = a.id AND d2.kind IN ('loan', 'loan-extend') AND d2.state = 'posted') \
             JOIN documents d ON d.id = j.document_id LEFT JOIN people p ON p.id = d.person_id \
             WHERE a.status = 'on_loan' AND (?1 IS NULL OR a.dept_id = ?1) ORDER BY d.due_date, a.code",
        )?;
        let today = db::today();
        let rows = stmt
            .query_map([actor.scope_dept()], |r| {
                let due: String = r.get(3)?;
                let due: NaiveDate = due.parse().unwrap_or(today);
                Ok(LoanRow { code: r.get(0)?, name: r.get(1)?, borrower: r.get(2)?, due, doc_no: r.get(4)?, overdue_days: (today - due).num_days().max(0) })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn apply_incident(tx: &Transaction, req: &DocRequest, doc_id: i64, line: &Line, checked: &Checked) -> Result<()> {
    match req.kind {
        DocKind::Defect | DocKind::Fault => {
            let kind = if req.kind == DocKind::Defect { "defect" } else { "fault" };
            tx.execute(
                "INSERT INTO incidents(asset_id, kind, opened_doc_id, description, status_before) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![line.asset_id, kind, doc_id, req.reason.trim(), line.before.status.as_str()],
            )?;
        }
        DocKind::DefectClear => {
            tx.execute("UPDATE incidents SET closed_doc_id = ?1, handling = ?2 WHERE id = ?3", params![doc_id, req.handling.trim(), line.open_defect])?;
        }
        DocKind::Repair => {
            let method = if checked.method.is_empty() { "in-house" } else { checked.method.as_str() };
            let vendor = if method == "vendor" { req.vendor.trim() } else { "" };
            tx.execute(
                "UPDATE incidents SET closed_doc_id = ?1, cause = ?2, cause_category = ?3, handling = ?4, vendor = ?5, cost_fen = ?6, \
                 under_warranty = ?7, recheck = ?8 WHERE id = ?9",
                params![
                    doc_id,
                    req.cause.trim(),
                    req.cause_category.trim(),
                    req.handling.trim(),
                    vendor,
                    checked.amount.map(to_cents),
                    match req.warranty.trim() {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    },
                    req.recheck.trim(),
                    line.open_fault.map(|(id, _)| id)
                ],
            )?;
        }
        _ => {}
    }
    Ok(())
}

fn read_doc_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentRow> {
    let kind: String = r.get(1)?;
    let date: String = r.get(2)?;
    Ok(DocumentRow {
        doc_no: r.get(0)?,
        kind: DocKind::parse(&kind).unwrap_or(DocKind::Edit),
        date: date.parse().unwrap_or_default(),
        operator: r.get(3)?,
        counterparty: r.get(4)?,
        asset_count: r.get(5)?,
        state: r.get(6)?,
        notes: r.get(7)?,
    })
}



/// A document kind offered on a selection of assets (issue 27): offered when every
/// selected asset may take it; otherwise the first refusals, worded as the post would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionAction {
    pub kind: DocKind,
    /// Empty: every selected asset may take it.
    pub refusals: Vec<Error>,
    /// How many selected assets cannot take it (refusals holds at most a few).
    pub refused: usize,
}

/// Refusals shown per kind; the count says how many more there are.
const REFUSALS_SHOWN: usize = 3;

impl Ledger {
    /// For each of `kinds`, whether the selected `codes` may all take it, and if not,
    /// why: the same rule ([`permits`]) and words as posting the document.
    pub fn selection_actions(&self, actor: &Actor, codes: &[String], kinds: &[DocKind]) -> Result<Vec<SelectionAction>> {
        actor.require(Permission::ViewAssets)?;
        let mut actions: Vec<SelectionAction> = kinds.iter().map(|&kind| SelectionAction { kind, refusals: Vec::new(), refused: 0 }).collect();
        for code in codes {
            let Some(line) = load_line(&self.conn, code.trim())? else { continue };
            for action in &mut actions {
                if let Some(e) = why_not(action.kind, &line) {
                    action.refused += 1;
                    if action.refusals.len() < REFUSALS_SHOWN {
                        action.refusals.push(e);
                    }
                }
            }
        }
        Ok(actions)
    }
}
