//! Extending a loan (续借, issue 20): a new due date by its own document, so the card's
//! history shows it and voiding the extension puts the earlier due date back.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::journal::{self, DocHeader, DocKind};
use crate::ledger::Ledger;
use crate::model::AssetStatus;
use crate::{audit, db};

impl Ledger {
    /// Gives the loan of asset `code` the new due date `due` (YYYY-MM-DD, later than the
    /// current one); returns the extension's document number.
    pub fn extend_loan(&mut self, actor: &Actor, code: &str, due: &str, notes: &str) -> Result<String> {
        actor.require(Permission::PostDocuments)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let doc_no = extend_loan_in(&tx, actor, code, due, notes, None)?;
        tx.commit()?;
        Ok(doc_no)
    }
}

/// [`Ledger::extend_loan`] inside the caller's transaction; `pulled`: the number and date
/// another desk gave the extension, pulled from the hub (issue 24), kept here.
pub(crate) fn extend_loan_in(tx: &rusqlite::Transaction, actor: &Actor, code: &str, due: &str, notes: &str, pulled: Option<(&str, NaiveDate)>) -> Result<String> {
    let code = code.trim();
    let new_due = crate::dates::parse("due", ("due date", "归还日期"), due)?;
    let asset: Option<(i64, String, Option<i64>)> =
        tx.query_row("SELECT id, status, dept_id FROM assets WHERE code = ?1", [code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    let q = crate::error::quoted(code);
    let Some((asset_id, status, dept)) = asset else {
        return Err(Error::not_found(format!("no asset with code {q}"), format!("找不到编码为 {q} 的资产")).with_field("code"));
    };
    if actor.scope_dept().is_some_and(|scope| dept != Some(scope)) {
        return Err(Error::forbidden(format!("asset {code} belongs to another department"), format!("资产 {code} 属于其他部门，无权办理")));
    }
    if status != AssetStatus::OnLoan.as_str() {
        return Err(Error::conflict(format!("asset {code} is not on loan, so there is nothing to extend"), format!("资产 {code} 未借出，无需续借")).with_field("code"));
    }
    // The loan, or its latest extension, holds the due date in force.
    let (loan_id, loan_no, person_id, borrower, current): (i64, String, Option<i64>, String, String) = tx.query_row(
        "SELECT d.id, d.doc_no, d.person_id, d.counterparty, d.due_date FROM journal j JOIN documents d ON d.id = j.document_id \
         WHERE j.asset_id = ?1 AND d.kind IN ('loan', 'loan-extend') AND d.state = 'posted' ORDER BY j.id DESC LIMIT 1",
        [asset_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let current: NaiveDate = current.parse().unwrap_or(new_due);
    if new_due <= current {
        return Err(Error::invalid(
            "due",
            format!("the new due date {new_due} must be after the current one, {current}"),
            format!("新的归还日期 {new_due} 须晚于当前的归还日期 {current}"),
        ));
    }
    let header = DocHeader {
        counterparty: &borrower,
        person_id,
        due_date: Some(new_due),
        notes: notes.trim(),
        source_id: Some(loan_id),
        ..DocHeader::default()
    };
    let (doc_id, doc_no) = journal::open_or_pulled(tx, actor, DocKind::LoanExtend, db::today(), &header, pulled)?;
    let placed = crate::documents::placement_of(tx, asset_id)?;
    journal::add_line(tx, doc_id, asset_id, Some(placed), placed, &format!("续借至 {new_due}（原 {current}，{loan_no}）"))?;
    audit::record(tx, &actor.name, "doc_loan-extend", &doc_no, &format!("{code}: {current} → {new_due}"))?;
    Ok(doc_no)
}
