//! The audit log (审计日志): reading it, verifying it (the keyed chain against its
//! anchor and the newest backup, and the ledger against itself), re-keying it, and
//! exporting it.

use ledger::{AuditCheck, AuditHead};
use serde::Serialize;
use ts_rs::TS;

use crate::export::Table;
use crate::{Ctx, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AuditEntry")]
pub struct AuditDto {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// The newest entries and what the tamper check found (issue 26).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AuditLog")]
pub struct AuditLogDto {
    pub entries: Vec<AuditDto>,
    /// None when the chain is intact; else the first entry where it breaks.
    #[ts(type = "number | null")]
    pub broken_at: Option<i64>,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "'ok' | 'tampered' | 'rollback' | 'key_missing'")]
    pub status: &'static str,
    /// 审计指纹: the head's first 8 hex digits and sequence, as printed on reports.
    pub fingerprint: String,
    /// What differs, in the caller's language.
    pub findings: Vec<String>,
}

/// A chain head (the newest entry's sequence and hash).
#[derive(Debug, Clone, Serialize)]
pub struct HeadDto {
    pub seq: i64,
    pub hash: String,
    pub at: String,
    pub fingerprint: String,
}

impl From<&AuditHead> for HeadDto {
    fn from(h: &AuditHead) -> Self {
        HeadDto { seq: h.seq, hash: h.hash.clone(), at: h.at.clone(), fingerprint: h.fingerprint() }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BackupHeadDto {
    pub file: String,
    pub seq: i64,
    pub hash: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingDto {
    /// Stable snake_case (chain_broken, anchor_missing, …).
    pub kind: &'static str,
    pub status: &'static str,
    pub entry: Option<i64>,
    pub message: String,
}

/// What verifying (or re-keying) the audit log found: `ok` and `entries` first (the
/// CLI's contract), then what differs.
#[derive(Debug, Clone, Serialize)]
pub struct AuditCheckDto {
    pub ok: bool,
    pub entries: i64,
    /// ok | tampered | rollback | key_missing
    pub status: &'static str,
    pub fingerprint: String,
    pub head: Option<HeadDto>,
    pub anchor: Option<HeadDto>,
    pub newest_backup: Option<BackupHeadDto>,
    pub broken_at: Option<i64>,
    pub findings: Vec<FindingDto>,
    /// Where the ledger disagrees with itself (journal replay, counters).
    pub problems: Vec<String>,
}

fn fingerprint(check: &AuditCheck) -> String {
    check.head.as_ref().map(|h| h.fingerprint()).unwrap_or_else(|| "-".to_string())
}

impl AuditCheckDto {
    fn new(check: &AuditCheck, problems: Vec<String>, lang: ledger::Lang) -> Self {
        AuditCheckDto {
            ok: check.ok() && problems.is_empty(),
            entries: check.entries,
            status: check.status.as_str(),
            fingerprint: fingerprint(check),
            head: check.head.as_ref().map(Into::into),
            anchor: check.anchor.as_ref().map(Into::into),
            newest_backup: check.newest_backup.as_ref().map(|b| BackupHeadDto { file: b.file.display().to_string(), seq: b.head.seq, hash: b.head.hash.clone(), at: b.head.at.clone() }),
            broken_at: check.broken_at,
            findings: check
                .findings
                .iter()
                .map(|f| FindingDto { kind: f.kind, status: f.status.as_str(), entry: f.entry, message: f.message(lang).to_string() })
                .collect(),
            problems,
        }
    }
}

/// The newest `limit` entries, newest first.
pub fn entries(cx: &mut Ctx, limit: i64) -> Result<Vec<AuditDto>> {
    Ok(cx
        .ledger
        .audit_entries(cx.actor, limit)?
        .into_iter()
        .map(|e| AuditDto { id: e.id, at: e.at, user: e.user, action: e.action, target: e.target, detail: e.detail })
        .collect())
}

/// The system page's audit log: the newest `limit` entries and the tamper check.
pub fn log(cx: &mut Ctx, limit: i64) -> Result<AuditLogDto> {
    let check = cx.ledger.verify_audit(cx.actor)?;
    Ok(AuditLogDto {
        status: check.status.as_str(),
        fingerprint: fingerprint(&check),
        findings: check.findings.iter().map(|f| f.message(cx.lang).to_string()).collect(),
        entries: entries(cx, limit)?,
        broken_at: check.broken_at,
        total: check.entries,
    })
}

/// Verifies the audit chain (against its key, anchor and newest backup) and the ledger
/// against itself.
pub fn verify(cx: &mut Ctx) -> Result<AuditCheckDto> {
    let problems = cx.ledger.consistency_problems(cx.actor)?;
    let check = cx.ledger.verify_audit(cx.actor)?;
    Ok(AuditCheckDto::new(&check, problems, cx.lang))
}

/// Re-keys the audit chain after its key was lost (an administrator's special operation).
pub fn rekey(cx: &mut Ctx) -> Result<AuditCheckDto> {
    let check = cx.ledger.rekey_audit(cx.actor)?;
    Ok(AuditCheckDto::new(&check, Vec::new(), cx.lang))
}

/// The newest `limit` entries (0: all) as a table to export; the export is itself an
/// audited special operation.
pub fn table(cx: &mut Ctx, limit: i64) -> Result<Table> {
    let entries = cx.ledger.audit_entries(cx.actor, if limit > 0 { limit } else { i64::MAX })?;
    let (stem, sheet) = if cx.lang == ledger::Lang::En { ("audit-log", "Audit log") } else { ("审计日志", "审计日志") };
    Ok(Table::new(stem, sheet, exchange::audit_table(&entries, cx.lang)))
}
