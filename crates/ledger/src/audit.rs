//! The audit log: every write and special operation, chained by SHA-256 so that an
//! edited, deleted or reordered entry breaks the chain.

use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::db;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn entry_hash(prev: &str, id: i64, at: &str, user: &str, action: &str, target: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    // Length-prefix each part so that moving text between fields changes the hash.
    for part in [prev, &id.to_string(), at, user, action, target, detail] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends one entry inside the caller's transaction, so it lands with the write it records.
pub(crate) fn record(tx: &Transaction, user: &str, action: &str, target: &str, detail: &str) -> Result<()> {
    let last: Option<(i64, String)> =
        tx.query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = db::now();
    let hash = entry_hash(&prev, id, &at, user, action, target, detail);
    tx.execute(
        "INSERT INTO audit_log(id, at, user_name, action, target, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, at, user, action, target, detail, prev, hash],
    )?;
    Ok(())
}

/// Walks the chain; returns the number of entries, or the id of the first broken one.
pub(crate) fn verify(conn: &rusqlite::Connection) -> Result<Result<i64, i64>> {
    let mut stmt = conn.prepare("SELECT id, at, user_name, action, target, detail, prev_hash, hash FROM audit_log ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (at, user, action, target, detail): (String, String, String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let (prev_hash, hash): (String, String) = (r.get(6)?, r.get(7)?);
        if id != expected_id || prev_hash != prev || hash != entry_hash(&prev, id, &at, &user, &action, &target, &detail) {
            return Ok(Err(id));
        }
        prev = hash;
        expected_id += 1;
        count += 1;
    }
    Ok(Ok(count))
}

pub(crate) fn list(conn: &rusqlite::Connection, limit: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare("SELECT id, at, user_name, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(AuditEntry { id: r.get(0)?, at: r.get(1)?, user: r.get(2)?, action: r.get(3)?, target: r.get(4)?, detail: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
