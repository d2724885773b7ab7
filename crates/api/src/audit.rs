//! The audit log (审计日志): reading it, verifying it, exporting it.

use crate::export::Table;
use crate::{Ctx, Result};

/// The newest `limit` entries (0: all) as a table to export; the export is itself an
/// audited special operation.
pub fn table(cx: &mut Ctx, limit: i64) -> Result<Table> {
    let entries = cx.ledger.audit_entries(cx.actor, if limit > 0 { limit } else { i64::MAX })?;
    let (stem, sheet) = if cx.lang == ledger::Lang::En { ("audit-log", "Audit log") } else { ("审计日志", "审计日志") };
    Ok(Table::new(stem, sheet, exchange::audit_table(&entries, cx.lang)))
}
