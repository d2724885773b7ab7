//! What the core knows about asset labels: which assets a clerk may print, the plain
//! data a label shows, whether an asset's label was printed before, and the audit
//! entries of each print (`label_print`) and reprint (`label_reprint`, with its reason).
//! Templates, rendering and printers live elsewhere (crates/labels); this module knows
//! nothing of them.

use rusqlite::{Connection, OptionalExtension};

use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::{audit, NaiveDate};

/// The ledger's data for one asset label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelSource {
    pub code: String,
    pub name: String,
    pub model: String,
    pub category: String,
    pub dept: String,
    pub location: String,
    pub custodian: String,
    pub serial: String,
    pub acquired: Option<NaiveDate>,
    /// The organisation name (settings), printed on labels.
    pub org: String,
    /// A label was printed for this asset before: printing again is a reprint.
    pub printed_before: bool,
}

fn printed_before(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM audit_log WHERE target = ?1 AND action IN ('label_print', 'label_reprint') LIMIT 1",
            [code],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

impl Ledger {
    /// The label data of `codes`, in the order given (duplicates kept: they print twice).
    /// Refuses unknown codes and assets outside a normal user's department. A job with
    /// any reprint needs a `reason`, recorded in the audit log with the reprint.
    pub fn label_sources(&self, actor: &Actor, codes: &[String], reason: &str) -> Result<Vec<LabelSource>> {
        actor.require(Permission::PrintLabels)?;
        if codes.is_empty() {
            return Err(Error::invalid("codes", "choose at least one asset to print a label for", "请至少选择一项资产打印标签"));
        }
        let mut out = Vec::with_capacity(codes.len());
        for code in codes {
            out.push(self.label_preview_source(actor, code)?);
        }
        let reprints: Vec<&str> = out.iter().filter(|s| s.printed_before).map(|s| s.code.as_str()).collect();
        if !reprints.is_empty() && reason.trim().is_empty() {
            let (list, list_zh) = (reprints.join(", "), reprints.join("、"));
            return Err(Error::invalid(
                "reason",
                format!("labels of {list} were printed before; give a reason for the reprint (e.g. damaged, lost)"),
                format!("资产 {list_zh} 的标签已打印过；补打请填写原因（如：损坏、丢失）"),
            ));
        }
        Ok(out)
    }

    /// One asset's label data for a preview (nothing is printed or recorded).
    pub fn label_preview_source(&self, actor: &Actor, code: &str) -> Result<LabelSource> {
        actor.require(Permission::PrintLabels)?;
        let d = self.asset(actor, code)?;
        Ok(LabelSource {
            printed_before: printed_before(&self.conn, &d.row.code)?,
            code: d.row.code,
            name: d.row.name,
            model: d.row.model,
            category: d.row.category,
            dept: d.row.dept.unwrap_or_default(),
            location: d.row.location.unwrap_or_default(),
            custodian: d.row.custodian.unwrap_or_default(),
            serial: d.serial,
            acquired: d.row.acquired,
            org: self.settings()?.org_name,
        })
    }

    /// Of `codes`, those whose label was printed before (the UI asks for a reason).
    pub fn label_reprints(&self, actor: &Actor, codes: &[String]) -> Result<Vec<String>> {
        actor.require(Permission::PrintLabels)?;
        let mut out = Vec::new();
        for code in codes {
            if printed_before(&self.conn, code.trim())? && !out.contains(code) {
                out.push(code.clone());
            }
        }
        Ok(out)
    }

    /// Records a delivered job: `label_print` for a first label, `label_reprint` with
    /// the reason for one printed before. `how` says template, format and destination.
    pub fn record_label_prints(&mut self, actor: &Actor, sources: &[LabelSource], how: &str, reason: &str) -> Result<()> {
        actor.require(Permission::PrintLabels)?;
        let tx = crate::db::begin(&mut self.conn)?;
        record_prints(&tx, actor, sources, how, reason)?;
        tx.commit()?;
        Ok(())
    }
}

/// The audit entries of a delivered job, inside the caller's transaction.
pub(crate) fn record_prints(tx: &rusqlite::Transaction, actor: &Actor, sources: &[LabelSource], how: &str, reason: &str) -> Result<()> {
    let mut seen: Vec<&str> = Vec::new();
    for s in sources {
        if seen.contains(&s.code.as_str()) {
            continue;
        }
        seen.push(&s.code);
        if s.printed_before {
            audit::record(tx, &actor.name, "label_reprint", &s.code, &format!("{how}; reason: {}", reason.trim()))?;
        } else {
            audit::record(tx, &actor.name, "label_print", &s.code, how)?;
        }
    }
    Ok(())
}
