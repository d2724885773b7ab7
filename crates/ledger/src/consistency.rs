//! The ledger checked against itself: SQLite's own integrity check, and the rules the
//! journal and counters must keep whatever happened (a killed process, a power cut, a
//! restored backup). `assetdesk audit verify` runs it; so do the crash and property tests.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::auth::{Actor, Permission};
use crate::error::Result;
use crate::ledger::Ledger;

/// Where an asset stands, as the journal tells it: status, department, location, custodian.
type Place = (String, Option<i64>, Option<i64>, Option<i64>);

fn texts(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each problem found, in words (English; these are for administrators and tests).
pub(crate) fn problems(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let integrity = texts(conn, "PRAGMA integrity_check")?;
    if integrity != ["ok"] {
        out.extend(integrity.into_iter().map(|p| format!("integrity: {p}")));
        return Ok(out); // the rest reads tables that may not be readable
    }
    out.extend(texts(conn, "SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || ' -> ' || parent FROM pragma_foreign_key_check")?);
    // A document is whole: its lines (or its pending lines), its void, its audit entry.
    out.extend(texts(
        conn,
        "SELECT 'document ' || doc_no || ' has no lines' FROM documents d \
         WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.document_id = d.id) \
         AND NOT EXISTS (SELECT 1 FROM pending_transfer_lines p WHERE p.document_id = d.id) \
         UNION ALL SELECT 'void ' || v.doc_no || ' does not reverse ' || o.doc_no || ' line for line' \
         FROM documents v JOIN documents o ON o.id = v.source_id WHERE v.kind = 'void' \
         AND ((SELECT COUNT(*) FROM journal WHERE document_id = v.id) != (SELECT COUNT(*) FROM journal WHERE document_id = o.id) \
              OR o.state != 'voided' OR o.voided_by != v.id) \
         UNION ALL SELECT 'document ' || doc_no || ' is voided without its void' FROM documents o WHERE o.state = 'voided' \
         AND NOT EXISTS (SELECT 1 FROM documents v WHERE v.id = o.voided_by AND v.source_id = o.id AND v.kind = 'void') \
         UNION ALL SELECT 'document ' || doc_no || ' has no audit entry' FROM documents d \
         WHERE d.kind NOT IN ('register', 'edit', 'stocktake-adjust') AND NOT EXISTS (SELECT 1 FROM audit_log a \
         WHERE a.target = d.doc_no OR (d.kind = 'void' AND a.action = 'doc_void' AND a.detail LIKE d.doc_no || ':%'))",
    )?);
    // Replaying the journal from nothing: every line starts where the previous one left
    // the asset, and the last one is where the asset is.
    let mut state: HashMap<i64, Place> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, asset_id, prev_status, prev_dept_id, prev_location_id, prev_custodian_id, status, dept_id, location_id, custodian_id \
             FROM journal ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, asset): (i64, i64) = (r.get(0)?, r.get(1)?);
            let prev: Option<String> = r.get(2)?;
            let before = prev.map(|s| -> rusqlite::Result<Place> { Ok((s, r.get(3)?, r.get(4)?, r.get(5)?)) }).transpose()?;
            if state.get(&asset) != before.as_ref() {
                out.push(format!("journal line {id} does not start where asset {asset} was ({:?}, the line says {before:?})", state.get(&asset)));
            }
            state.insert(asset, (r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?));
        }
    }
    let mut stmt = conn.prepare("SELECT id, code, status, dept_id, location_id, custodian_id FROM assets ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, code): (i64, String) = (r.get(0)?, r.get(1)?);
        let place: Place = (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        match state.get(&id) {
            None => out.push(format!("asset {code} has no journal line")),
            Some(replayed) if *replayed != place => out.push(format!("asset {code} is {place:?} but its journal ends at {replayed:?}")),
            Some(_) => {}
        }
    }
    // Counters kept beside their rows (a run counts the assets it charged).
    out.extend(texts(
        conn,
        "SELECT 'stocktake ' || t.id || ' counters disagree with its scans' FROM stocktakes t \
         WHERE t.scan_count != (SELECT COUNT(*) FROM stocktake_scans s WHERE s.stocktake_id = t.id) \
         OR t.found_count != (SELECT COUNT(*) FROM stocktake_expected e WHERE e.stocktake_id = t.id AND e.found_scan_id IS NOT NULL) \
         OR t.expected_count != (SELECT COUNT(*) FROM stocktake_expected e WHERE e.stocktake_id = t.id) \
         UNION ALL SELECT 'depreciation run ' || r.period || ' disagrees with its lines' FROM depreciation_runs r \
         WHERE r.assets != (SELECT COUNT(*) FROM depreciation_lines l WHERE l.run_id = r.id AND l.amount_fen > 0) \
         OR r.total_fen != (SELECT COALESCE(SUM(amount_fen), 0) FROM depreciation_lines l WHERE l.run_id = r.id)",
    )?);
    Ok(out)
}

impl Ledger {
    /// Every inconsistency found (empty: the ledger is whole). Read-only.
    pub fn consistency_problems(&self, actor: &Actor) -> Result<Vec<String>> {
        actor.require(Permission::ManageUsers)?;
        problems(&self.conn)
    }
}
