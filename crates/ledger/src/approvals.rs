//! Approvals (issue 20): a second pair of eyes per document kind. With the setting
//! `approval.<kind>` on, a posted document of that kind waits as 待审批 (state
//! `pending`, a row in `document_approvals`) and changes nothing in the ledger until an
//! approver approves it; a rejected one keeps its reason and changes nothing. Nobody
//! approves their own document.
//!
//! Generic over document kinds: a kind joins by being listed in [`APPROVABLE`], calling
//! [`hold_for_approval`] where it posts, and applying its held effect in
//! `Ledger::approve_document` (the one `match` on the kind).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::journal::DocKind;
use crate::ledger::Ledger;
use crate::model::Lang;
use crate::{audit, db, settings};

/// The document kinds that can be made to wait for approval.
pub const APPROVABLE: [DocKind; 5] = [DocKind::Transfer, DocKind::Scrap, DocKind::Dispose, DocKind::WriteOff, DocKind::ValueChange];

/// The setting that makes `kind` wait for approval: `approval.scrap`, `approval.transfer` …
pub fn setting_key(kind: DocKind) -> String {
    format!("approval.{}", kind.as_str())
}

/// Whether a kind needs approval, as the settings list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalSetting {
    pub kind: DocKind,
    pub required: bool,
}

/// Who applied and who decided, for the document's screen and its slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub applicant: String,
    /// RFC 3339 (UTC), when the document was posted for approval.
    pub applied_at: String,
    /// pending | approved | rejected
    pub state: &'static str,
    pub approver: Option<String>,
    pub decided_at: Option<String>,
    /// Why it was rejected.
    pub reason: String,
}

impl Approval {
    /// The local date the document was posted for approval (YYYY-MM-DD).
    pub fn applied_on(&self) -> String {
        local_date(&self.applied_at)
    }
    /// The local date of the decision, if any.
    pub fn decided_on(&self) -> Option<String> {
        self.decided_at.as_deref().map(local_date)
    }
}

/// An RFC 3339 time as the local calendar date (what a slip prints).
pub fn local_date(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&chrono::Local).date_naive().to_string())
        .unwrap_or_else(|_| at.chars().take(10).collect())
}

/// A document in the 待审批 queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingApproval {
    pub doc_no: String,
    pub kind: DocKind,
    pub date: NaiveDate,
    pub applicant: String,
    pub applied_at: String,
    pub asset_count: i64,
    /// The document's reason, method or counterparty, whichever it has.
    pub summary: String,
    /// The actor applied for it (and so cannot approve it).
    pub own: bool,
}

/// What approving did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalOutcome {
    /// The document took effect.
    Posted,
    /// A transfer now waits for the receiving department's confirmation.
    AwaitingConfirmation,
}

/// Parses the `KIND` of `approval.KIND` (the CLI's setting name; `disposal` means dispose).
pub fn approvable_kind(text: &str) -> Result<DocKind> {
    let word = text.trim();
    let word = if word == "disposal" { "dispose" } else { word };
    match DocKind::parse(word) {
        Ok(kind) if APPROVABLE.contains(&kind) => Ok(kind),
        _ => {
            let keys: Vec<String> = APPROVABLE.iter().map(|k| setting_key(*k)).collect();
            Err(Error::invalid(
                "key",
                format!("{} cannot need approval; the approval settings are {}", crate::error::quoted(word), keys.join(", ")),
                format!("「{}」不能设为需审批；可设置的审批项：{}", crate::error::quoted(word), keys.join("、")),
            ))
        }
    }
}

pub(crate) fn required(conn: &Connection, kind: DocKind) -> Result<bool> {
    Ok(APPROVABLE.contains(&kind) && settings::get(conn, &setting_key(kind))?.as_deref() == Some("on"))
}

/// Holds a just-opened document for approval if its kind needs it: state `pending`, its
/// assets recorded, nothing moved. Returns whether it was held (the caller then stops).
pub(crate) fn hold_for_approval(tx: &Transaction, actor: &Actor, kind: DocKind, doc_id: i64, doc_no: &str, asset_ids: &[i64], codes: &str) -> Result<bool> {
    if !required(tx, kind)? {
        return Ok(false);
    }
    tx.execute("UPDATE documents SET state = 'pending' WHERE id = ?1", [doc_id])?;
    for asset_id in asset_ids {
        tx.execute("INSERT INTO pending_transfer_lines(document_id, asset_id) VALUES (?1, ?2)", params![doc_id, asset_id])?;
    }
    tx.execute("INSERT INTO document_approvals(document_id, applicant_id, applied_at) VALUES (?1, ?2, ?3)", params![doc_id, actor.user_id, db::now()])?;
    audit::record(tx, &actor.name, "doc_approval_pending", doc_no, codes)?;
    Ok(true)
}

/// Whether the document waits for approval now.
pub(crate) fn awaiting(conn: &Connection, doc_id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM document_approvals WHERE document_id = ?1 AND decision IS NULL)", [doc_id], |r| r.get(0))?)
}

/// The document's approval record, if it was ever held for approval.
pub(crate) fn approval_of(conn: &Connection, doc_id: i64) -> Result<Option<Approval>> {
    Ok(conn
        .query_row(
            "SELECT (SELECT name FROM users WHERE id = a.applicant_id), a.applied_at, a.decision, \
             (SELECT name FROM users WHERE id = a.decided_by), a.decided_at, a.reason FROM document_approvals a WHERE a.document_id = ?1",
            [doc_id],
            |r| {
                let decision: Option<String> = r.get(2)?;
                Ok(Approval {
                    applicant: r.get(0)?,
                    applied_at: r.get(1)?,
                    state: match decision.as_deref() {
                        Some("approved") => "approved",
                        Some("rejected") => "rejected",
                        _ => "pending",
                    },
                    approver: r.get(3)?,
                    decided_at: r.get(4)?,
                    reason: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// The held document the actor may decide on: (id, kind). Refused: not held, one's own.
fn decidable(tx: &Transaction, actor: &Actor, doc_no: &str) -> Result<(i64, DocKind)> {
    actor.require(Permission::ApproveDocuments)?;
    let doc_no = doc_no.trim();
    let found: Option<(i64, String, Option<i64>, Option<String>)> = tx
        .query_row(
            "SELECT d.id, d.kind, a.applicant_id, a.decision FROM documents d LEFT JOIN document_approvals a ON a.document_id = d.id WHERE d.doc_no = ?1",
            [doc_no],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (id, kind, applicant, decision) =
        found.ok_or_else(|| Error::not_found(format!("no document numbered {doc_no}"), format!("找不到单据 {doc_no}")).with_field("doc"))?;
    match (applicant, decision.as_deref()) {
        (None, _) => Err(Error::conflict(format!("{doc_no} is not awaiting approval"), format!("单据 {doc_no} 不在待审批中"))),
        (Some(_), Some("approved")) => Err(Error::conflict(format!("{doc_no} is already approved"), format!("单据 {doc_no} 已审批通过"))),
        (Some(_), Some(_)) => Err(Error::conflict(format!("{doc_no} was already rejected"), format!("单据 {doc_no} 已被驳回"))),
        (Some(applicant), None) if applicant == actor.user_id => Err(Error::forbidden(
            format!("{doc_no} is your own document; another approver must approve or reject it"),
            format!("单据 {doc_no} 是您本人提交的，不能自己审批；请由其他审批人处理"),
        )),
        (Some(_), None) => Ok((id, DocKind::parse(&kind)?)),
    }
}

fn decide(tx: &Transaction, actor: &Actor, doc_id: i64, decision: &str, reason: &str) -> Result<()> {
    tx.execute(
        "UPDATE document_approvals SET decision = ?1, decided_by = ?2, decided_at = ?3, reason = ?4 WHERE document_id = ?5 AND decision IS NULL",
        params![decision, actor.user_id, db::now(), reason, doc_id],
    )?;
    Ok(())
}

impl Ledger {
    /// Which kinds need approval.
    pub fn approval_settings(&self, actor: &Actor) -> Result<Vec<ApprovalSetting>> {
        actor.require(Permission::ViewAssets)?;
        APPROVABLE.iter().map(|&kind| Ok(ApprovalSetting { kind, required: required(&self.conn, kind)? })).collect()
    }

    /// Makes `kind` wait for approval (or not). Documents already waiting stay in the
    /// queue either way.
    pub fn set_approval_required(&mut self, actor: &Actor, kind: DocKind, on: bool) -> Result<()> {
        actor.require(Permission::ManageSettings)?;
        let key = setting_key(approvable_kind(kind.as_str())?);
        let before = if required(&self.conn, kind)? { "on" } else { "off" };
        let after = if on { "on" } else { "off" };
        if before == after {
            return Ok(());
        }
        let tx = db::begin(&mut self.conn)?;
        settings::put(&tx, &key, after)?;
        audit::record(&tx, &actor.name, "setting_change", &key, &format!("{before} -> {after}"))?;
        tx.commit()?;
        Ok(())
    }

    /// The 待审批 queue, oldest first: every held document for an approver; for anyone
    /// else only their own.
    pub fn pending_approvals(&self, actor: &Actor) -> Result<Vec<PendingApproval>> {
        actor.require(Permission::ViewAssets)?;
        let only_own = !actor.can(Permission::ApproveDocuments);
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_no, d.kind, d.doc_date, u.name, a.applied_at, (SELECT COUNT(*) FROM pending_transfer_lines p WHERE p.document_id = d.id), \
             COALESCE(NULLIF(d.reason, ''), NULLIF(d.method, ''), d.counterparty), a.applicant_id = ?1 \
             FROM document_approvals a JOIN documents d ON d.id = a.document_id JOIN users u ON u.id = a.applicant_id \
             WHERE a.decision IS NULL AND (?2 = 0 OR a.applicant_id = ?1) ORDER BY a.applied_at, d.id",
        )?;
        let rows = stmt
            .query_map(params![actor.user_id, only_own], |r| {
                let kind: String = r.get(1)?;
                let date: String = r.get(2)?;
                Ok(PendingApproval {
                    doc_no: r.get(0)?,
                    kind: DocKind::parse(&kind).unwrap_or(DocKind::Edit),
                    date: date.parse().unwrap_or_default(),
                    applicant: r.get(3)?,
                    applied_at: r.get(4)?,
                    asset_count: r.get(5)?,
                    summary: r.get(6)?,
                    own: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Approves a held document: it takes effect now (every asset checked again as it
    /// stands), or, for a transfer that needs confirmation, goes on to the receiving
    /// department.
    pub fn approve_document(&mut self, actor: &Actor, doc_no: &str) -> Result<ApprovalOutcome> {
        let tx = db::begin(&mut self.conn)?;
        let (doc_id, kind) = decidable(&tx, actor, doc_no)?;
        let outcome = match kind {
            DocKind::Transfer | DocKind::Scrap | DocKind::Dispose | DocKind::WriteOff => crate::documents::apply_held(&tx, actor, doc_id, kind)?,
            // Issue 21: a value change takes effect (checked again, figures as the asset stands now).
            DocKind::ValueChange => crate::valuation::apply_held_value_change(&tx, actor, doc_id)?,
            other => {
                return Err(Error::conflict(
                    format!("a {} cannot be approved here", other.label(Lang::En).to_lowercase()),
                    format!("「{}」不能在此审批", other.label(Lang::ZhCn)),
                ))
            }
        };
        decide(&tx, actor, doc_id, "approved", "")?;
        audit::record(&tx, &actor.name, "doc_approve", doc_no.trim(), "")?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Rejects a held document, saying why; nothing in the ledger changes.
    pub fn reject_document(&mut self, actor: &Actor, doc_no: &str, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "say why the document is rejected", "请填写驳回原因"));
        }
        let tx = db::begin(&mut self.conn)?;
        let (doc_id, _) = decidable(&tx, actor, doc_no)?;
        decide(&tx, actor, doc_id, "rejected", reason.trim())?;
        tx.execute("UPDATE documents SET state = 'rejected' WHERE id = ?1", [doc_id])?;
        audit::record(&tx, &actor.name, "doc_reject", doc_no.trim(), reason.trim())?;
        tx.commit()?;
        Ok(())
    }

    /// Whether `doc_no` waits for approval (rather than, say, a transfer's confirmation).
    pub fn awaits_approval(&self, doc_no: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM document_approvals a JOIN documents d ON d.id = a.document_id WHERE d.doc_no = ?1 AND a.decision IS NULL)",
            [doc_no.trim()],
            |r| r.get(0),
        )?)
    }
}
