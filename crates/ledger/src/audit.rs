//! The audit log: every write and special operation, chained so that an edited,
//! deleted or reordered entry breaks the chain. Each entry's hash covers the previous
//! entry's hash and its own fields; since issue 26 it is an HMAC-SHA-256 under a
//! per-ledger key kept outside the ledger (audit_key.rs), so recomputing the hashes
//! from the file alone does not give a chain that verifies. Entries written before a
//! ledger was keyed keep their plain SHA-256 hashes; the first keyed entry seals them.

use hmac::{Hmac, Mac};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::audit_key::{self, Key};
use crate::error::Result;
use crate::{db, settings};

/// Settings naming the chain's key: the ledger's id, which key, and the first entry it seals.
pub(crate) const LEDGER_ID: &str = "ledger_id";
pub(crate) const KEY_ID: &str = "audit_key_id";
pub(crate) const KEYED_FROM: &str = "audit_keyed_from";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// The newest entry: its sequence number and hash (what the anchor and backups carry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
    pub at: String,
    pub action: String,
}

impl AuditHead {
    /// 审计指纹: the first 8 hex digits of the head hash and its sequence, short enough to
    /// print on a report and compare by eye with `assetdesk audit verify`.
    pub fn fingerprint(&self) -> String {
        format!("{}-{}", &self.hash[..self.hash.len().min(8)], self.seq)
    }
}

pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How one ledger's chain is sealed.
pub(crate) struct Sealing {
    pub ledger_id: String,
    pub key_id: String,
    /// Entries from this id on are keyed; before it, plain SHA-256.
    pub keyed_from: i64,
    /// `None`: this user does not have the key.
    pub key: Option<Key>,
}

/// The ledger's sealing, or `None` for a chain not yet keyed (an old ledger before its
/// upgrade on open).
pub(crate) fn sealing(conn: &Connection) -> Result<Option<Sealing>> {
    let (Some(ledger_id), Some(key_id), Some(from)) = (settings::get(conn, LEDGER_ID)?, settings::get(conn, KEY_ID)?, settings::get(conn, KEYED_FROM)?) else {
        return Ok(None);
    };
    let key = audit_key::load(&ledger_id, &key_id)?;
    Ok(Some(Sealing { ledger_id, key_id, keyed_from: from.parse().unwrap_or(1), key }))
}

fn parts_hash<D: Digest + Default>(mut h: D, parts: [&str; 7]) -> Vec<u8> {
    // Length-prefix each part so that moving text between fields changes the hash.
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().to_vec()
}

/// The hash entry `id` must carry: keyed when `key` is given, plain SHA-256 otherwise.
pub(crate) fn entry_hash(key: Option<&Key>, prev: &str, id: i64, at: &str, user: &str, action: &str, target: &str, detail: &str) -> String {
    let id = id.to_string();
    let parts = [prev, id.as_str(), at, user, action, target, detail];
    match key {
        None => audit_key::hex(&parts_hash(Sha256::new(), parts)),
        Some(key) => {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
            for part in parts {
                mac.update(&(part.len() as u64).to_le_bytes());
                mac.update(part.as_bytes());
            }
            audit_key::hex(&mac.finalize().into_bytes())
        }
    }
}

/// Appends one entry inside the caller's transaction, so it lands with the write it
/// records. Refused (nothing is saved) when the chain is keyed and the key is missing.
pub(crate) fn record(tx: &Transaction, user: &str, action: &str, target: &str, detail: &str) -> Result<()> {
    let key = match sealing(tx)? {
        None => None,
        Some(s) => Some(s.key.ok_or_else(|| audit_key::missing(&s.ledger_id, &s.key_id))?),
    };
    append(tx, key.as_ref(), user, action, target, detail)
}

/// Appends with an explicit key (the upgrade and re-key steps, which change the sealing).
pub(crate) fn append(tx: &Transaction, key: Option<&Key>, user: &str, action: &str, target: &str, detail: &str) -> Result<()> {
    let last: Option<(i64, String)> =
        tx.query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = db::now();
    let hash = entry_hash(key, &prev, id, &at, user, action, target, detail);
    tx.execute(
        "INSERT INTO audit_log(id, at, user_name, action, target, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, at, user, action, target, detail, prev, hash],
    )?;
    Ok(())
}

pub(crate) fn head(conn: &Connection) -> Result<Option<AuditHead>> {
    Ok(conn
        .query_row("SELECT id, hash, at, action FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok(AuditHead { seq: r.get(0)?, hash: r.get(1)?, at: r.get(2)?, action: r.get(3)? })
        })
        .optional()?)
}

/// The hash stored for entry `seq`, if there is one.
pub(crate) fn hash_at(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [seq], |r| r.get(0)).optional()?)
}

/// What walking the chain found.
pub(crate) struct ChainWalk {
    pub entries: i64,
    /// The first entry that does not verify.
    pub broken_at: Option<i64>,
    /// The keyed part could not be checked (only its links and numbering were).
    pub key_missing: bool,
}

/// Walks the chain: numbering, links, and each hash (keyed entries only with the key).
pub(crate) fn walk(conn: &Connection, sealing: Option<&Sealing>) -> Result<ChainWalk> {
    let keyed_from = sealing.map_or(i64::MAX, |s| s.keyed_from);
    let key = sealing.and_then(|s| s.key.as_ref());
    let mut stmt = conn.prepare("SELECT id, at, user_name, action, target, detail, prev_hash, hash FROM audit_log ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut count = 0;
    let mut broken_at = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (at, user, action, target, detail): (String, String, String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let (prev_hash, hash): (String, String) = (r.get(6)?, r.get(7)?);
        let sealed_ok = if id < keyed_from {
            hash == entry_hash(None, &prev, id, &at, &user, &action, &target, &detail)
        } else {
            key.is_none_or(|k| hash == entry_hash(Some(k), &prev, id, &at, &user, &action, &target, &detail))
        };
        count += 1;
        if broken_at.is_none() && (id != expected_id || prev_hash != prev || !sealed_ok) {
            broken_at = Some(id);
        }
        prev = hash;
        expected_id = id + 1;
    }
    let key_missing = sealing.is_some_and(|s| s.key.is_none() && count >= s.keyed_from);
    Ok(ChainWalk { entries: count, broken_at, key_missing })
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
