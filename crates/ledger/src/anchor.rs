//! The anchor: the audit chain's head (sequence, keyed hash, ledger id) in a file beside
//! the ledger, outside the database, so that removing the newest entries or putting an
//! older copy of the ledger back shows.
//!
//! Rules (see ARCHITECTURE.md, "Tamper evidence"):
//! - Written after the database commit (temp file, fsync, rename, fsync of the folder),
//!   under `audit-anchor.lock`, and only if it moves forward: of two writers racing, the
//!   later sequence wins and the anchor never goes back.
//! - A ledger ahead of its anchor is normal (a crash between commit and anchor write, or
//!   the other writer has not written yet): not an alarm; the next write repairs it —
//!   but only a write that extends the anchored chain: while the check finds anything,
//!   writes leave the anchor alone, so the evidence stays.
//! - A ledger behind its anchor, or whose entry at the anchor's sequence has another
//!   hash, is an alarm. Only `backup restore` (audited) moves the anchor back (`force`).
//! - The anchor carries its own HMAC under the chain's key, so it cannot be rewritten to
//!   match a shortened ledger without the key.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use hmac::{Hmac, Mac};
use rusqlite::Connection;
use sha2::Sha256;

use crate::audit::{self, AuditHead};
use crate::audit_key::{self, Key};
use crate::error::Result;

pub(crate) const ANCHOR_FILE: &str = "audit-anchor";
const ANCHOR_LOCK: &str = "audit-anchor.lock";
const MAGIC: &str = "assetdesk-audit-anchor 1";

pub(crate) fn anchor_file(dir: &Path) -> PathBuf {
    dir.join(ANCHOR_FILE)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub ledger_id: String,
    pub key_id: String,
    pub seq: i64,
    pub hash: String,
    pub at: String,
    /// A restore under way: the head of the backup being put in place (seq, hash). Set
    /// just before the swap, cleared when the restore's audit entry is anchored, so a
    /// restore killed after the swap (the ledger is then exactly that backup) is no alarm
    /// and is completed on the next open.
    pub restoring: Option<(i64, String)>,
    pub mac: String,
}

fn restoring_text(restoring: &Option<(i64, String)>) -> String {
    restoring.as_ref().map(|(seq, hash)| format!("{seq}:{hash}")).unwrap_or_default()
}

fn mac_of(key: &Key, ledger_id: &str, key_id: &str, seq: i64, hash: &str, restoring: &Option<(i64, String)>) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("anchor\0{ledger_id}\0{key_id}\0{seq}\0{hash}\0{}", restoring_text(restoring)).as_bytes());
    audit_key::hex(&mac.finalize().into_bytes())
}

impl Anchor {
    /// Whether the anchor's own HMAC is right (only checkable with the key).
    pub fn sealed_by(&self, key: &Key) -> bool {
        self.mac == mac_of(key, &self.ledger_id, &self.key_id, self.seq, &self.hash, &self.restoring)
    }

    pub fn head(&self) -> AuditHead {
        AuditHead { seq: self.seq, hash: self.hash.clone(), at: self.at.clone(), action: String::new() }
    }

    fn to_text(&self) -> String {
        format!(
            "{MAGIC}\nledger_id={}\nkey_id={}\nseq={}\nhash={}\nat={}\nrestoring={}\nmac={}\n",
            self.ledger_id,
            self.key_id,
            self.seq,
            self.hash,
            self.at,
            restoring_text(&self.restoring),
            self.mac
        )
    }

    fn parse(text: &str) -> Option<Anchor> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let mut field = |name: &str| -> Option<String> { lines.next()?.strip_prefix(name)?.strip_prefix('=').map(str::to_string) };
        Some(Anchor {
            ledger_id: field("ledger_id")?,
            key_id: field("key_id")?,
            seq: field("seq")?.parse().ok()?,
            hash: field("hash")?,
            at: field("at")?,
            restoring: match field("restoring")?.split_once(':') {
                Some((seq, hash)) => Some((seq.parse().ok()?, hash.to_string())),
                None => None,
            },
            mac: field("mac")?,
        })
    }
}

/// What is in the anchor file: `Ok(None)` when there is none, `Err(())` when it is not
/// an anchor (damaged or forged).
pub(crate) fn read(dir: &Path) -> std::io::Result<Result<Option<Anchor>, ()>> {
    match std::fs::read_to_string(anchor_file(dir)) {
        Ok(text) => Ok(Anchor::parse(&text).map(Some).ok_or(())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Ok(None)),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Ok(Err(())),
        Err(e) => Err(e),
    }
}

/// fsync of a folder, so that a rename in it survives a power cut (Unix; a no-op elsewhere).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes the anchor for `head` if it is newer than the one there (or `force`: a restore).
pub(crate) fn write(dir: &Path, ledger_id: &str, key_id: &str, key: &Key, head: &AuditHead, force: bool) -> Result<()> {
    write_marked(dir, ledger_id, key_id, key, head, None, force)
}

fn write_marked(dir: &Path, ledger_id: &str, key_id: &str, key: &Key, head: &AuditHead, restoring: Option<(i64, String)>, force: bool) -> Result<()> {
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(ANCHOR_LOCK))?;
    crate::private_files::make_private(&dir.join(ANCHOR_LOCK))?;
    lock.lock()?;
    if !force {
        if let Ok(Ok(Some(current))) = read(dir) {
            if current.ledger_id == ledger_id && current.seq >= head.seq {
                return Ok(()); // another writer already anchored this far (or further)
            }
        }
    }
    let anchor = Anchor {
        ledger_id: ledger_id.to_string(),
        key_id: key_id.to_string(),
        seq: head.seq,
        hash: head.hash.clone(),
        at: head.at.clone(),
        mac: mac_of(key, ledger_id, key_id, head.seq, &head.hash, &restoring),
        restoring,
    };
    let temp = dir.join(format!(".{ANCHOR_FILE}.{}.partial", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    let written = (|| -> Result<()> {
        let mut f = crate::private_files::create_new_private(&temp)?;
        f.write_all(anchor.to_text().as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&temp, anchor_file(dir))?;
        sync_dir(dir);
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Anchors the ledger's current head (used after restores and the upgrade step).
pub(crate) fn write_current(conn: &Connection, dir: &Path, force: bool) -> Result<()> {
    let (Some(sealing), Some(head)) = (audit::sealing(conn)?, audit::head(conn)?) else { return Ok(()) };
    let Some(key) = sealing.key else { return Ok(()) };
    write(dir, &sealing.ledger_id, &sealing.key_id, &key, &head, force)
}

/// Before a restore swaps the ledger for `backup_head`: the anchor keeps the current head
/// and also accepts the backup's, so a kill on either side of the swap is no alarm.
pub(crate) fn mark_restoring(conn: &Connection, dir: &Path, backup_head: Option<&AuditHead>) -> Result<()> {
    let (Some(sealing), Some(head), Some(to)) = (audit::sealing(conn)?, audit::head(conn)?, backup_head) else { return Ok(()) };
    let Some(key) = sealing.key else { return Ok(()) };
    write_marked(dir, &sealing.ledger_id, &sealing.key_id, &key, &head, Some((to.seq, to.hash.clone())), true)
}

/// The same for a damaged (or missing) ledger about to be replaced by `backup`: the
/// anchor keeps what it had (the damaged ledger cannot be read) and accepts the backup's head.
pub(crate) fn mark_restoring_from(dir: &Path, backup: &Connection) -> Result<()> {
    let (Some(sealing), Some(to)) = (audit::sealing(backup)?, audit::head(backup)?) else { return Ok(()) };
    let Some(key) = sealing.key else { return Ok(()) };
    let keep = match read(dir) {
        Ok(Ok(Some(a))) if a.ledger_id == sealing.ledger_id => a.head(),
        _ => to.clone(),
    };
    write_marked(dir, &sealing.ledger_id, &sealing.key_id, &key, &keep, Some((to.seq, to.hash.clone())), true)
}

/// What a committing transaction needs to anchor its head once the commit is done:
/// read inside the transaction, so no further query is needed after it.
pub(crate) struct Pending {
    dir: PathBuf,
    ledger_id: String,
    key_id: String,
    key: Key,
    head: AuditHead,
}

/// Heads already anchored by this process, per ledger folder: a commit that added no
/// audit entry (or whose entry is anchored) costs no file access.
static ANCHORED: Mutex<Vec<(PathBuf, i64)>> = Mutex::new(Vec::new());

pub(crate) fn pending(conn: &Connection) -> Option<Pending> {
    let dir = Path::new(conn.path().filter(|p| !p.is_empty())?).parent()?.to_path_buf();
    let head = audit::head(conn).ok()??;
    if ANCHORED.lock().unwrap().iter().any(|(d, seq)| *d == dir && *seq >= head.seq) {
        return None;
    }
    let sealing = audit::sealing(conn).ok()??;
    sealing.key?;
    // The anchor moves only along its own chain: a ledger behind it, or one that differs at
    // its entry (the tail deleted and new entries written in its place), or a missing or
    // forged anchor keeps the alarm — the next write must not overwrite the evidence.
    let mut findings = Vec::new();
    if crate::tamper::against_anchor(conn, &dir, &sealing, Some(&head), &mut findings).is_err() || !findings.is_empty() {
        return None;
    }
    Some(Pending { dir, ledger_id: sealing.ledger_id, key_id: sealing.key_id, key: sealing.key?, head })
}

/// A test hook: called after the commit and before the anchor is written, with the
/// committed head's action. The CLI installs one that aborts the process when
/// `ASSETDESK_TEST_ABORT_AFTER_COMMIT` names that action (crates/cli/tests/tamper.rs).
static AFTER_COMMIT_HOOK: OnceLock<fn(&str)> = OnceLock::new();

pub fn set_after_commit_hook(hook: fn(&str)) {
    let _ = AFTER_COMMIT_HOOK.set(hook);
}

/// After a successful commit. A failure to write the anchor is not the commit's failure
/// (the data is saved); the ledger is then ahead of its anchor, which the next write repairs.
pub(crate) fn after_commit(p: Pending) {
    if let Some(hook) = AFTER_COMMIT_HOOK.get() {
        hook(&p.head.action);
    }
    if write(&p.dir, &p.ledger_id, &p.key_id, &p.key, &p.head, false).is_ok() {
        let mut anchored = ANCHORED.lock().unwrap();
        anchored.retain(|(d, _)| *d != p.dir);
        anchored.push((p.dir, p.head.seq));
    }
}

/// Forgets what this process anchored (a restore moved a chain back).
pub(crate) fn forget_anchored() {
    ANCHORED.lock().unwrap().clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(seq: i64) -> AuditHead {
        AuditHead { seq, hash: format!("{seq:064}"), at: String::new(), action: String::new() }
    }

    #[test]
    fn the_anchor_only_moves_forward_unless_a_restore_forces_it() {
        let dir = tempfile::tempdir().unwrap();
        let key = [7u8; 32];
        write(dir.path(), "L", "K", &key, &head(5), false).unwrap();
        // A slower writer whose commit came earlier must not move it back.
        write(dir.path(), "L", "K", &key, &head(3), false).unwrap();
        let now = read(dir.path()).unwrap().unwrap().unwrap();
        assert_eq!(now.seq, 5);
        assert!(now.sealed_by(&key) && !now.sealed_by(&[8u8; 32]));
        write(dir.path(), "L", "K", &key, &head(6), false).unwrap();
        assert_eq!(read(dir.path()).unwrap().unwrap().unwrap().seq, 6);
        write(dir.path(), "L", "K", &key, &head(2), true).unwrap();
        assert_eq!(read(dir.path()).unwrap().unwrap().unwrap().seq, 2, "a restore moves it back");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().ends_with(".partial")).collect();
        assert!(leftovers.is_empty());
    }
}
