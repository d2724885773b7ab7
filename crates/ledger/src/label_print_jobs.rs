//! The label print queue's history: each job handed to a printer (`sending`), and
//! whether it arrived (`sent`), failed (with the printer's or the system's words),
//! was cancelled before a byte was sent, or was retried as a newer job. Every change
//! is one transaction with its audit entry (`label_job`, `label_job_failed`,
//! `label_job_cancelled`, `label_job_retry`; a sent job records `label_print` /
//! `label_reprint` per asset, see labels_log.rs). What a job is (templates, printers,
//! bytes) is crates/label-jobs'; this stores plain text.

use rusqlite::{params, OptionalExtension};

use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::labels_log::LabelSource;
use crate::ledger::Ledger;
use crate::{audit, db};

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelJobStatus {
    /// Handed over, no answer yet (or the program stopped while sending).
    Sending,
    Sent,
    Failed,
    /// Stopped by the clerk before it was sent.
    Cancelled,
    /// Failed, then printed again as a newer job (`retry_of` points here).
    Retried,
}

impl LabelJobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LabelJobStatus::Sending => "sending",
            LabelJobStatus::Sent => "sent",
            LabelJobStatus::Failed => "failed",
            LabelJobStatus::Cancelled => "cancelled",
            LabelJobStatus::Retried => "retried",
        }
    }
    fn parse(s: &str) -> LabelJobStatus {
        match s {
            "sent" => LabelJobStatus::Sent,
            "failed" => LabelJobStatus::Failed,
            "cancelled" => LabelJobStatus::Cancelled,
            "retried" => LabelJobStatus::Retried,
            _ => LabelJobStatus::Sending,
        }
    }
}

/// The labels of a job that reached the printer: their assets (in job order), how they
/// were printed (template, language, printer) and the reprint reason.
#[derive(Debug, Clone, Copy)]
pub struct LabelsPrinted<'a> {
    pub sources: &'a [LabelSource],
    pub how: &'a str,
    pub reason: &'a str,
}

/// What is known of a job before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelJobInput {
    pub printer: String,
    pub destination: String,
    pub template: String,
    pub language: String,
    pub codes: Vec<String>,
    pub labels: usize,
    pub bytes: usize,
    pub reason: String,
    /// The failed job this one prints again.
    pub retry_of: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelJobRow {
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub user: String,
    pub printer: String,
    pub destination: String,
    pub template: String,
    pub language: String,
    pub codes: Vec<String>,
    pub labels: usize,
    pub bytes: usize,
    pub reason: String,
    pub status: LabelJobStatus,
    pub error: String,
    pub retry_of: Option<i64>,
}

const COLUMNS: &str = "id, created_at, updated_at, user, printer, destination, template, language, codes, labels, bytes, reason, status, error, retry_of";

fn row(r: &rusqlite::Row) -> rusqlite::Result<LabelJobRow> {
    let codes: String = r.get(8)?;
    let status: String = r.get(12)?;
    Ok(LabelJobRow {
        id: r.get(0)?,
        created_at: r.get(1)?,
        updated_at: r.get(2)?,
        user: r.get(3)?,
        printer: r.get(4)?,
        destination: r.get(5)?,
        template: r.get(6)?,
        language: r.get(7)?,
        codes: codes.lines().map(str::to_string).collect(),
        labels: r.get::<_, i64>(9)? as usize,
        bytes: r.get::<_, i64>(10)? as usize,
        reason: r.get(11)?,
        status: LabelJobStatus::parse(&status),
        error: r.get(13)?,
        retry_of: r.get(14)?,
    })
}

fn job_target(id: i64) -> String {
    format!("label job {id}")
}

impl Ledger {
    /// Records a job about to be sent (`sending`); returns its number. A retry marks
    /// the failed job it repeats `retried` in the same transaction.
    pub fn label_job_begin(&mut self, actor: &Actor, job: &LabelJobInput) -> Result<i64> {
        actor.require(Permission::PrintLabels)?;
        let tx = db::begin(&mut self.conn)?;
        if let Some(old) = job.retry_of {
            let status: Option<String> =
                tx.query_row("SELECT status FROM label_print_jobs WHERE id = ?1", [old], |r| r.get(0)).optional()?;
            match status.as_deref() {
                None => {
                    return Err(Error::not_found(format!("there is no label job {old}"), format!("没有第 {old} 号标签打印任务")))
                }
                Some("failed") | Some("sending") | Some("cancelled") => {}
                Some(other) => {
                    return Err(Error::conflict(
                        format!("label job {old} is {other}; only a failed, cancelled or interrupted job can be retried"),
                        format!("第 {old} 号标签打印任务的状态是“{other}”，只有失败、已取消或中断的任务可以重试"),
                    ))
                }
            }
            tx.execute("UPDATE label_print_jobs SET status = 'retried', updated_at = ?2 WHERE id = ?1", params![old, db::now()])?;
        }
        let now = db::now();
        tx.execute(
            "INSERT INTO label_print_jobs (created_at, updated_at, user, printer, destination, template, language, codes, labels, bytes, reason, status, retry_of)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'sending', ?11)",
            params![
                now,
                actor.name,
                job.printer,
                job.destination,
                job.template,
                job.language,
                job.codes.join("\n"),
                job.labels as i64,
                job.bytes as i64,
                job.reason.trim(),
                job.retry_of
            ],
        )?;
        let id = tx.last_insert_rowid();
        let action = if job.retry_of.is_some() { "label_job_retry" } else { "label_job" };
        let retry = job.retry_of.map(|o| format!(", retry of job {o}")).unwrap_or_default();
        audit::record(
            &tx,
            &actor.name,
            action,
            &job_target(id),
            &format!("{} label(s) to {} ({}, {}){retry}", job.labels, job.printer, job.destination, job.language),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// The job arrived: `sent`, and each asset's `label_print` / `label_reprint` (with
    /// the reason), in one transaction. `note`: what the history should still say of a
    /// job that went out (e.g. the printer did not answer the status query); usually empty.
    pub fn label_job_sent(&mut self, actor: &Actor, id: i64, sources: &[LabelSource], how: &str, reason: &str, note: &str) -> Result<()> {
        actor.require(Permission::PrintLabels)?;
        let tx = db::begin(&mut self.conn)?;
        tx.execute("UPDATE label_print_jobs SET status = 'sent', error = ?3, updated_at = ?2 WHERE id = ?1", params![id, db::now(), note])?;
        crate::labels_log::record_prints(&tx, actor, sources, &format!("{how}, job {id}"), reason)?;
        tx.commit()?;
        Ok(())
    }

    /// The job did not arrive (`failed`, with why) or was stopped (`cancelled`).
    /// `printed`: the assets whose labels did reach the printer before it stopped (a job
    /// cancelled half way); they get their `label_print` / `label_reprint` entries in the
    /// same transaction, so the next print of them is a reprint.
    pub fn label_job_failed(&mut self, actor: &Actor, id: i64, cancelled: bool, error: &str, printed: &LabelsPrinted) -> Result<()> {
        actor.require(Permission::PrintLabels)?;
        let tx = db::begin(&mut self.conn)?;
        let status = if cancelled { "cancelled" } else { "failed" };
        tx.execute(
            "UPDATE label_print_jobs SET status = ?2, error = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, status, error, db::now()],
        )?;
        let action = if cancelled { "label_job_cancelled" } else { "label_job_failed" };
        audit::record(&tx, &actor.name, action, &job_target(id), error)?;
        if !printed.sources.is_empty() {
            let how = format!("{}, job {id}, {} label(s) sent before it stopped", printed.how, printed.sources.len());
            crate::labels_log::record_prints(&tx, actor, printed.sources, &how, printed.reason)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest jobs first.
    pub fn label_jobs(&self, actor: &Actor, limit: usize) -> Result<Vec<LabelJobRow>> {
        actor.require(Permission::PrintLabels)?;
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM label_print_jobs ORDER BY id DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit as i64], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn label_job(&self, actor: &Actor, id: i64) -> Result<LabelJobRow> {
        actor.require(Permission::PrintLabels)?;
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM label_print_jobs WHERE id = ?1"), [id], row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("there is no label job {id}"), format!("没有第 {id} 号标签打印任务")))
    }
}
