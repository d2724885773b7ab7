//! Document kinds, numbering and the append-only journal. Every change of an asset's
//! state, place or person is a numbered document; history is read back from here.

use chrono::NaiveDate;
use rusqlite::{params, Transaction};

use crate::auth::Actor;
use crate::codes;
use crate::db;
use crate::enum_str::string_enum;
use crate::error::Result;
use crate::model::{AssetStatus, Lang};

string_enum!(
    /// What a document does. The key is stable (storage, CLI, JSON); the prefix
    /// starts its number, e.g. LY-2026-00012.
    DocKind, field: "kind", what: ("document kind", "单据类型"), {
    Register => ("register", "XZ", "Registration", "资产新增"),
    Edit => ("edit", "BG", "Card change", "资产变更"),
    Issue => ("issue", "LY", "Issue-out", "领用出库"),
    Return => ("return", "TK", "Return to stock", "退库"),
    Transfer => ("transfer", "DB", "Transfer", "调拨"),
    Loan => ("loan", "JY", "Loan", "借用"),
    LoanReturn => ("loan-return", "GH", "Loan return", "归还"),
    Defect => ("defect", "QX", "Defect registered", "缺陷登记"),
    DefectClear => ("defect-clear", "XQ", "Defect cleared", "消缺"),
    Fault => ("fault", "GZ", "Fault registered", "故障登记"),
    Repair => ("repair", "WX", "Repaired", "故障维修"),
    Scrap => ("scrap", "BF", "Scrapped", "报废"),
    Dispose => ("dispose", "CZ", "Disposed", "处置"),
    WriteOff => ("write-off", "HX", "Written off", "销账"),
    Void => ("void", "CX", "Void", "冲销"),
    // A loan's new due date (issue 20); voiding it puts the old one back.
    LoanExtend => ("loan-extend", "XJ", "Loan extended", "续借"),
    // Written only by closing a stocktake (盘盈, 盘亏, 位置更正); never voided.
    StocktakeAdjust => ("stocktake-adjust", "PD", "Stocktake adjustment", "盘点调整"),
    // 价值变动 (issue 21): 改扩建, 减值, 评估; its effect is a `value_changes` row.
    ValueChange => ("value-change", "JZ", "Value change", "价值变动"),
});

impl DocKind {
    pub(crate) fn label_of(kind: &str, lang: Lang) -> &str {
        DocKind::parse(kind).map(|k| k.label(lang)).unwrap_or(kind)
    }
}

/// What a document may carry besides its lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocHeader<'a> {
    pub counterparty: &'a str,
    pub notes: &'a str,
    pub person_id: Option<i64>,
    pub to_dept_id: Option<i64>,
    pub to_location_id: Option<i64>,
    pub due_date: Option<NaiveDate>,
    pub amount_fen: Option<i64>,
    pub method: &'a str,
    pub reason: &'a str,
    pub source_id: Option<i64>,
}

/// Opens a document; its lines follow with [`add_line`].
/// Refused when `date` falls in a closed period (a card edit moves nothing on the books
/// and has its own rule for value fields, so it is exempt).
pub(crate) fn open_document(tx: &Transaction, actor: &Actor, kind: DocKind, date: NaiveDate, h: &DocHeader) -> Result<(i64, String)> {
    if kind != DocKind::Edit {
        crate::periods::check_open(tx, date)?;
    }
    let doc_no = codes::next_doc_no(tx, kind.prefix(), date)?;
    Ok((insert_document(tx, actor, kind, date, h, &doc_no)?, doc_no))
}

/// [`open_document`], or for a document pulled from the hub (issue 24) the number and
/// date its desk gave it: kept, and its date must fall in an open period here too.
pub(crate) fn open_or_pulled(tx: &Transaction, actor: &Actor, kind: DocKind, date: NaiveDate, h: &DocHeader, pulled: Option<(&str, NaiveDate)>) -> Result<(i64, String)> {
    match pulled {
        Some((no, date)) => {
            crate::periods::check_open(tx, date)?;
            Ok((insert_document(tx, actor, kind, date, h, no)?, no.to_string()))
        }
        None => open_document(tx, actor, kind, date, h),
    }
}

/// Writes a document header under a number already made: by [`open_document`], or by
/// another desk for a document pulled from the hub (`hub_sync.rs`).
pub(crate) fn insert_document(tx: &Transaction, actor: &Actor, kind: DocKind, date: NaiveDate, h: &DocHeader, doc_no: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO documents(doc_no, kind, doc_date, operator_id, counterparty, notes, created_at, person_id, to_dept_id, \
         to_location_id, due_date, amount_fen, method, reason, source_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            doc_no,
            kind.as_str(),
            date.to_string(),
            actor.user_id,
            h.counterparty,
            h.notes,
            db::now(),
            h.person_id,
            h.to_dept_id,
            h.to_location_id,
            h.due_date.map(|d| d.to_string()),
            h.amount_fen,
            h.method,
            h.reason,
            h.source_id
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Where an asset stands: its status, place and person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    pub status: AssetStatus,
    pub dept_id: Option<i64>,
    pub location_id: Option<i64>,
    pub custodian_id: Option<i64>,
}

/// Appends one journal line: the asset moved from `before` to `after`.
pub(crate) fn add_line(tx: &Transaction, document_id: i64, asset_id: i64, before: Option<Placement>, after: Placement, detail: &str) -> Result<()> {
    // Cached: a registration or an import writes one line per asset.
    tx.prepare_cached(
        "INSERT INTO journal(document_id, asset_id, status, detail, prev_status, prev_dept_id, prev_location_id, prev_custodian_id, \
         dept_id, location_id, custodian_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
            document_id,
            asset_id,
            after.status.as_str(),
            detail,
            before.map(|b| b.status.as_str()),
            before.and_then(|b| b.dept_id),
            before.and_then(|b| b.location_id),
            before.and_then(|b| b.custodian_id),
            after.dept_id,
            after.location_id,
            after.custodian_id
        ])?;
    Ok(())
}
