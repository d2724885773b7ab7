//! Approvals (issue 20): which document kinds wait for approval, the 待审批 queue, and
//! approving or rejecting a held document. The rules (who may, never one's own, what
//! changes) are the ledger's (crates/ledger/src/approvals.rs).

use ledger::{Approval, ApprovalOutcome, ApprovalSetting, PendingApproval};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::DocNo;
use crate::{Ctx, Result};

/// Whether one document kind waits for approval, as the settings show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ApprovalSetting")]
pub struct ApprovalSettingDto {
    /// The setting's name, e.g. `approval.scrap`.
    pub key: String,
    #[ts(type = "DocKind")]
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub required: bool,
}

impl ApprovalSettingDto {
    fn new(s: ApprovalSetting, lang: ledger::Lang) -> Self {
        ApprovalSettingDto { key: ledger::approval_setting_key(s.kind), kind: s.kind.as_str(), kind_label: s.kind.label(lang), required: s.required }
    }
}

/// Turns one kind's approval on or off; `kind` is the kind's key (`scrap`) or the whole
/// setting name (`approval.scrap`).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(rename = "ApprovalSettingRequest")]
pub struct SetApprovalDto {
    pub kind: String,
    pub required: bool,
}

/// Who applied and who decided, on the document's screen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Approval")]
pub struct ApprovalDto {
    pub applicant: String,
    /// YYYY-MM-DD (local).
    pub applied_on: String,
    #[ts(type = "'pending' | 'approved' | 'rejected'")]
    pub state: &'static str,
    pub approver: Option<String>,
    pub decided_on: Option<String>,
    pub reason: String,
}

impl From<Approval> for ApprovalDto {
    fn from(a: Approval) -> Self {
        ApprovalDto { applied_on: a.applied_on(), decided_on: a.decided_on(), applicant: a.applicant, state: a.state, approver: a.approver, reason: a.reason }
    }
}

/// A document in the 待审批 queue.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PendingApproval")]
pub struct PendingApprovalDto {
    pub doc_no: String,
    #[ts(type = "DocKind")]
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub date: String,
    pub applicant: String,
    /// YYYY-MM-DD (local).
    pub applied_on: String,
    #[ts(type = "number")]
    pub asset_count: i64,
    pub summary: String,
    /// The caller applied for it, so cannot decide it.
    pub own: bool,
}

impl PendingApprovalDto {
    fn new(p: PendingApproval, lang: ledger::Lang) -> Self {
        PendingApprovalDto {
            applied_on: ledger::approvals_local_date(&p.applied_at),
            doc_no: p.doc_no,
            kind: p.kind.as_str(),
            kind_label: p.kind.label(lang),
            date: p.date.to_string(),
            applicant: p.applicant,
            asset_count: p.asset_count,
            summary: p.summary,
            own: p.own,
        }
    }
}

/// What approving did: `posted`, or `awaiting_confirmation` (a transfer now waits for
/// the receiving department).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ApprovalResult")]
pub struct ApproveDto {
    pub doc_no: String,
    #[ts(type = "'posted' | 'awaiting_confirmation'")]
    pub state: &'static str,
}

// ---- Use cases ----

/// Every approvable kind and whether it waits for approval now.
pub fn settings(cx: &mut Ctx) -> Result<Vec<ApprovalSettingDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.approval_settings(cx.actor)?.into_iter().map(|s| ApprovalSettingDto::new(s, lang)).collect())
}

/// Turns approval on or off for one kind (system parameters permission).
pub fn set_setting(cx: &mut Ctx, request: SetApprovalDto) -> Result<ApprovalSettingDto> {
    let word = request.kind.trim();
    let kind = ledger::approvable_kind(word.strip_prefix("approval.").unwrap_or(word))?;
    cx.ledger.set_approval_required(cx.actor, kind, request.required)?;
    Ok(ApprovalSettingDto::new(ApprovalSetting { kind, required: request.required }, cx.lang))
}

/// The 待审批 queue: all of it for an approver, one's own documents for anyone else.
pub fn pending(cx: &mut Ctx) -> Result<Vec<PendingApprovalDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.pending_approvals(cx.actor)?.into_iter().map(|p| PendingApprovalDto::new(p, lang)).collect())
}

/// Approves a held document (never one's own); it takes effect now.
pub fn approve(cx: &mut Ctx, doc_no: &DocNo) -> Result<ApproveDto> {
    let state = match cx.ledger.approve_document(cx.actor, doc_no.as_str())? {
        ApprovalOutcome::Posted => "posted",
        ApprovalOutcome::AwaitingConfirmation => "awaiting_confirmation",
    };
    Ok(ApproveDto { doc_no: doc_no.as_str().trim().to_string(), state })
}

/// Rejects a document that waits: one held for approval (the reason is kept and
/// nothing changes), or a transfer awaiting the receiving department's confirmation.
pub fn reject(cx: &mut Ctx, doc_no: &DocNo, reason: &str) -> Result<()> {
    if cx.ledger.awaits_approval(doc_no.as_str())? {
        cx.ledger.reject_document(cx.actor, doc_no.as_str(), reason)
    } else {
        cx.ledger.reject_transfer(cx.actor, doc_no.as_str(), reason)
    }
}
