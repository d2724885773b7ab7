//! Tamper evidence (issue 26): checking the audit chain against what lies outside the
//! database — its key, its anchor file and the newest backup — and the steps that
//! change the sealing: keying an old chain on open, and an administrator's re-key.
//! The rules are written out in ARCHITECTURE.md ("Tamper evidence").

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::anchor::{self, Anchor};
use crate::audit::{self, AuditHead, Sealing};
use crate::auth::{Actor, Permission};
use crate::error::{Error, ErrorCode, Result};
use crate::ledger::Ledger;
use crate::{audit_key, backup, settings, Lang};

/// The verdict of `audit verify`, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AuditStatus {
    /// An entry was edited, removed from the middle or forged; or the anchor was.
    Tampered,
    /// The chain is whole but ends before what the anchor or the newest backup recorded:
    /// its end was removed, or an older copy of the ledger was put back.
    Rollback,
    /// The keyed part of the chain cannot be checked: this user does not have the key.
    KeyMissing,
    Ok,
}

impl AuditStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditStatus::Tampered => "tampered",
            AuditStatus::Rollback => "rollback",
            AuditStatus::KeyMissing => "key_missing",
            AuditStatus::Ok => "ok",
        }
    }
}

/// One thing found, with what differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFinding {
    /// Stable snake_case: chain_broken, anchor_missing, anchor_unreadable, anchor_foreign,
    /// anchor_forged, behind_anchor, differs_at_anchor, behind_backup, differs_from_backup, key_missing.
    pub kind: &'static str,
    pub status: AuditStatus,
    /// The audit entry it is about, if one.
    pub entry: Option<i64>,
    en: String,
    zh: String,
}

impl AuditFinding {
    fn new(kind: &'static str, status: AuditStatus, entry: Option<i64>, en: String, zh: String) -> Self {
        AuditFinding { kind, status, entry, en, zh }
    }
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh,
        }
    }
}

/// The newest backup's head, as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupHead {
    pub file: PathBuf,
    pub head: AuditHead,
}

/// What `audit verify` reports about the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCheck {
    pub status: AuditStatus,
    pub entries: i64,
    pub head: Option<AuditHead>,
    pub anchor: Option<AuditHead>,
    pub newest_backup: Option<BackupHead>,
    /// The first entry of the chain that does not verify.
    pub broken_at: Option<i64>,
    pub findings: Vec<AuditFinding>,
}

impl AuditCheck {
    pub fn ok(&self) -> bool {
        self.status == AuditStatus::Ok
    }
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(8)]
}

/// The head compared with the anchor file: cheap (two small reads), done on every open
/// and before every anchor write (a write may move the anchor only along its own chain).
pub(crate) fn against_anchor(conn: &Connection, dir: &Path, sealing: &Sealing, head: Option<&AuditHead>, out: &mut Vec<AuditFinding>) -> Result<Option<Anchor>> {
    let anchor = match anchor::read(dir)? {
        Ok(Some(a)) => a,
        Ok(None) => {
            if let Some(h) = head {
                out.push(AuditFinding::new(
                    "anchor_missing",
                    AuditStatus::Tampered,
                    None,
                    format!("the audit anchor file {} is missing (the ledger has {} entries): it was deleted, or the ledger was copied here without it", anchor::anchor_file(dir).display(), h.seq),
                    format!("审计锚点文件 {} 缺失（台账有 {} 条审计记录）：锚点被删除，或台账是单独复制过来的", anchor::anchor_file(dir).display(), h.seq),
                ));
            }
            return Ok(None);
        }
        Err(()) => {
            out.push(AuditFinding::new(
                "anchor_unreadable",
                AuditStatus::Tampered,
                None,
                format!("the audit anchor file {} is not an anchor (damaged or replaced)", anchor::anchor_file(dir).display()),
                format!("审计锚点文件 {} 内容无效（已损坏或被替换）", anchor::anchor_file(dir).display()),
            ));
            return Ok(None);
        }
    };
    if anchor.ledger_id != sealing.ledger_id {
        out.push(AuditFinding::new(
            "anchor_foreign",
            AuditStatus::Tampered,
            None,
            format!("the audit anchor belongs to another ledger ({}; this one is {}): this folder's ledger file was replaced", anchor.ledger_id, sealing.ledger_id),
            format!("审计锚点属于另一个台账（{}；本台账为 {}）：此文件夹中的台账文件被替换过", anchor.ledger_id, sealing.ledger_id),
        ));
        return Ok(Some(anchor));
    }
    // The anchor's own seal: under the chain's key, or under the key it names (an anchor
    // written just before a re-key). One naming a key this user does not have, while the
    // chain's key is here, was not written by AssetDesk.
    if sealing.key.is_some() {
        let anchor_key = if anchor.key_id == sealing.key_id { sealing.key } else { audit_key::load(&sealing.ledger_id, &anchor.key_id)? };
        if !anchor_key.is_some_and(|k| anchor.sealed_by(&k)) {
            out.push(AuditFinding::new(
                "anchor_forged",
                AuditStatus::Tampered,
                Some(anchor.seq),
                format!("the audit anchor's seal does not verify: the anchor file was edited (it claims entry {} {})", anchor.seq, short(&anchor.hash)),
                format!("审计锚点的签名不符：锚点文件被修改过（其记录为第 {} 条 {}）", anchor.seq, short(&anchor.hash)),
            ));
            return Ok(Some(anchor));
        }
    }
    let ledger_seq = head.map_or(0, |h| h.seq);
    if mid_restore(conn, &anchor)?.is_some() {
        return Ok(Some(anchor)); // the backup a restore was putting in place (with, or without yet, its entry)
    }
    if ledger_seq < anchor.seq {
        out.push(AuditFinding::new(
            "behind_anchor",
            AuditStatus::Rollback,
            Some(ledger_seq + 1),
            format!(
                "the ledger's audit log ends at entry {ledger_seq} but its anchor records entry {} ({} at {}): entries {}–{} are gone (the newest entries were deleted, or an older copy of the ledger was put back)",
                anchor.seq, short(&anchor.hash), anchor.at, ledger_seq + 1, anchor.seq
            ),
            format!(
                "台账的审计日志止于第 {ledger_seq} 条，但锚点记录到第 {} 条（{},{}）：第 {}–{} 条不见了（最新的记录被删除，或放回了台账的旧副本）",
                anchor.seq, short(&anchor.hash), anchor.at, ledger_seq + 1, anchor.seq
            ),
        ));
    } else if anchor.key_id == sealing.key_id && anchor.seq > 0 {
        let at_anchor = audit::hash_at(conn, anchor.seq)?;
        if at_anchor.as_deref() != Some(anchor.hash.as_str()) {
            out.push(AuditFinding::new(
                "differs_at_anchor",
                AuditStatus::Tampered,
                Some(anchor.seq),
                format!(
                    "audit entry {} has hash {} but the anchor records {}: the chain was rewritten",
                    anchor.seq,
                    short(at_anchor.as_deref().unwrap_or("(none)")),
                    short(&anchor.hash)
                ),
                format!("第 {} 条审计记录的哈希为 {}，而锚点记录为 {}：审计链被改写过", anchor.seq, short(at_anchor.as_deref().unwrap_or("（无）")), short(&anchor.hash)),
            ));
        }
    }
    Ok(Some(anchor))
}

/// How far a restore that the anchor marked got before it was killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MidRestore {
    /// The ledger is exactly the backup: killed after the swap, before its entry.
    Swapped,
    /// The backup plus the restore's own `backup_restore` entry: killed after that
    /// commit, before the anchor was moved to it.
    Recorded,
}

fn mid_restore(conn: &Connection, anchor: &Anchor) -> Result<Option<MidRestore>> {
    let Some((seq, hash)) = &anchor.restoring else { return Ok(None) };
    let Some(head) = audit::head(conn)? else { return Ok(None) };
    if head.seq == *seq && head.hash == *hash {
        return Ok(Some(MidRestore::Swapped));
    }
    let recorded = head.seq == *seq + 1 && head.action == "backup_restore" && audit::hash_at(conn, *seq)?.as_deref() == Some(hash.as_str());
    Ok(recorded.then_some(MidRestore::Recorded))
}

/// On open: a restore killed after its swap is finished — its audit entry recorded (if
/// it was not yet) and the anchor moved to it — so the restored ledger is not taken for
/// a rollback later.
pub(crate) fn finish_interrupted_restore(conn: &mut Connection, dir: &Path) -> Result<()> {
    let Ok(Ok(Some(anchor))) = anchor::read(dir) else { return Ok(()) };
    let Some(stage) = mid_restore(conn, &anchor)? else { return Ok(()) };
    if audit::sealing(conn)?.is_none_or(|s| s.key.is_none()) {
        return Ok(());
    }
    if stage == MidRestore::Swapped {
        let tx = crate::db::begin(conn)?;
        audit::record(&tx, "(recovery)", "backup_restore", &format!("entry {}", anchor.restoring.as_ref().map_or(0, |r| r.0)), "an interrupted restore completed when the ledger was next opened")?;
        tx.commit()?;
    }
    anchor::forget_anchored();
    anchor::write_current(conn, dir, true)
}

/// When the chain was last deliberately moved back (a restore): backups whose head is
/// older than that are superseded and not compared.
fn last_restore_at(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT MAX(at) FROM audit_log WHERE action IN ('backup_restore', 'backup_restore_damaged')",
        [],
        |r| r.get(0),
    )?)
}

/// The newest backup in the ledger's own backup and restore-point folders, read-only.
fn newest_backup(dir: &Path, ledger_id: &str) -> Option<(BackupHead, Option<String>)> {
    let mut files: Vec<PathBuf> = [dir.join("backups"), dir.join("restore-points")]
        .iter()
        .flat_map(|f| backup::list_backups(f).unwrap_or_default())
        .collect();
    // Named assetdesk-<local time>.sqlite3 in both folders: the name orders them.
    files.sort_by(|a, b| b.file_name().cmp(&a.file_name()));
    files.into_iter().find_map(|file| {
        let conn = Connection::open_with_flags(&file, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
        if settings::get(&conn, audit::LEDGER_ID).ok()?.as_deref() != Some(ledger_id) {
            return None; // another ledger's backup, or one from before ledgers had ids
        }
        let head = audit::head(&conn).ok()??;
        let key_id = settings::get(&conn, audit::KEY_ID).ok()?;
        Some((BackupHead { file, head }, key_id))
    })
}

fn against_backup(conn: &Connection, dir: &Path, sealing: &Sealing, head: Option<&AuditHead>, out: &mut Vec<AuditFinding>) -> Result<Option<BackupHead>> {
    let Some((newest, key_id)) = newest_backup(dir, &sealing.ledger_id) else { return Ok(None) };
    if last_restore_at(conn)?.is_some_and(|restored| newest.head.at <= restored) {
        return Ok(Some(newest));
    }
    let ledger_seq = head.map_or(0, |h| h.seq);
    let (b, file) = (&newest.head, newest.file.display());
    if ledger_seq < b.seq {
        out.push(AuditFinding::new(
            "behind_backup",
            AuditStatus::Rollback,
            Some(ledger_seq + 1),
            format!("the ledger's audit log ends at entry {ledger_seq} but the newer backup {file} reaches entry {} ({}): the ledger is an older copy put back (rolled back)", b.seq, b.at),
            format!("台账的审计日志止于第 {ledger_seq} 条，而更新的备份 {file} 已到第 {} 条（{}）：当前台账是放回的旧副本（已回滚）", b.seq, b.at),
        ));
    } else if key_id.as_deref() == Some(sealing.key_id.as_str()) && audit::hash_at(conn, b.seq)?.as_deref() != Some(b.hash.as_str()) {
        out.push(AuditFinding::new(
            "differs_from_backup",
            AuditStatus::Tampered,
            Some(b.seq),
            format!("audit entry {} differs from the one in backup {file} ({}): the history was rewritten after that backup", b.seq, short(&b.hash)),
            format!("第 {} 条审计记录与备份 {file} 中的不同（{}）：该备份之后历史被改写过", b.seq, short(&b.hash)),
        ));
    }
    Ok(Some(newest))
}

fn not_keyed() -> Error {
    Error::new(ErrorCode::Internal, "the audit chain is not keyed yet", "审计链尚未加密钥")
}

/// The full check: every entry, the anchor, the newest backup.
pub(crate) fn check(conn: &Connection, dir: &Path) -> Result<AuditCheck> {
    let sealing = audit::sealing(conn)?.ok_or_else(not_keyed)?;
    let walk = audit::walk(conn, Some(&sealing))?;
    let head = audit::head(conn)?;
    let mut findings = Vec::new();
    if let Some(id) = walk.broken_at {
        findings.push(AuditFinding::new(
            "chain_broken",
            AuditStatus::Tampered,
            Some(id),
            format!("audit log broken at entry {id}: an entry was edited, deleted or reordered, or its hash recomputed without the key"),
            format!("审计日志在第 {id} 条处被破坏：有记录被修改、删除或调换顺序，或哈希被不持有密钥者重算"),
        ));
    }
    let anchor = against_anchor(conn, dir, &sealing, head.as_ref(), &mut findings)?;
    let newest_backup = against_backup(conn, dir, &sealing, head.as_ref(), &mut findings)?;
    if walk.key_missing {
        findings.push(AuditFinding::new(
            "key_missing",
            AuditStatus::KeyMissing,
            None,
            format!("cannot check the audit log: its key is missing (looked in {}); entries were checked for numbering and links only", audit_key::location(&sealing.ledger_id, &sealing.key_id)),
            format!("无法校验审计日志：密钥缺失（查找位置：{}）；只检查了编号与链接", audit_key::location(&sealing.ledger_id, &sealing.key_id)),
        ));
    }
    let status = findings.iter().map(|f| f.status).min().unwrap_or(AuditStatus::Ok);
    Ok(AuditCheck { status, entries: walk.entries, head, anchor: anchor.map(|a| a.head()), newest_backup, broken_at: walk.broken_at, findings })
}

/// The cheap check on open: the head against the anchor only (no chain walk).
pub(crate) fn quick_check(conn: &Connection, dir: &Path) -> Result<Vec<AuditFinding>> {
    let Some(sealing) = audit::sealing(conn)? else { return Ok(Vec::new()) };
    let mut findings = Vec::new();
    against_anchor(conn, dir, &sealing, audit::head(conn)?.as_ref(), &mut findings)?;
    Ok(findings)
}

/// On open, for a ledger whose chain predates keying: checks the old SHA-256 chain, makes
/// this ledger's key, and continues the chain keyed from its head with an audited entry
/// that says what was found. Runs once (inside a write transaction that re-checks, so
/// two processes opening the same old ledger key it once).
pub(crate) fn upgrade_chain(conn: &mut Connection, dir: &Path) -> Result<()> {
    if audit::sealing(conn)?.is_some() {
        return Ok(());
    }
    let tx = crate::db::begin(conn)?;
    if audit::sealing(&tx)?.is_some() {
        return Ok(());
    }
    let ledger_id = settings::get(&tx, audit::LEDGER_ID)?.ok_or_else(not_keyed)?;
    let walk = audit::walk(&tx, None)?;
    let (key, key_id) = audit_key::create(&ledger_id)?;
    let old_head = audit::head(&tx)?;
    let keyed_from = old_head.as_ref().map_or(1, |h| h.seq + 1);
    // Anchor the (already committed) old head before committing, so a crash right after
    // the commit leaves an anchor the ledger is ahead of, not none at all.
    if let Some(h) = &old_head {
        anchor::write(dir, &ledger_id, &key_id, &key, h, false)?;
    }
    settings::put(&tx, audit::KEY_ID, &key_id)?;
    settings::put(&tx, audit::KEYED_FROM, &keyed_from.to_string())?;
    if keyed_from > 1 {
        let detail = match walk.broken_at {
            None => format!("SHA-256 chain of {} entries verified; keyed (HMAC) from entry {keyed_from}", walk.entries),
            Some(id) => format!("SHA-256 chain of {} entries BROKEN at entry {id}; keyed (HMAC) from entry {keyed_from}", walk.entries),
        };
        audit::append(&tx, Some(&key), "(system)", "audit_chain_keyed", &ledger_id, &detail)?;
    }
    tx.commit()?;
    anchor::write_current(conn, dir, false)
}

impl Ledger {
    /// The full tamper check of the audit log (`assetdesk audit verify`, the audit screen).
    pub fn verify_audit(&self, actor: &Actor) -> Result<AuditCheck> {
        actor.require(Permission::ManageUsers)?;
        check(&self.conn, self.dir())
    }

    /// What the cheap check on open found (empty: nothing). Shown by the app and CLI.
    pub fn open_alarms(&self) -> &[AuditFinding] {
        &self.open_alarms
    }

    /// 审计指纹 of the current head, for reports: e.g. `3fa9c2d1-1234`.
    pub fn audit_fingerprint(&self) -> Result<String> {
        Ok(audit::head(&self.conn)?.map(|h| h.fingerprint()).unwrap_or_else(|| "-".to_string()))
    }

    /// Re-keys the audit chain (an administrator, e.g. after the key was lost with an old
    /// computer): a new key seals every keyed entry again and an `audit_rekey` entry says
    /// what was re-sealed. With the old key at hand the chain is verified first and a
    /// broken one is refused; without it the chain is accepted as it stands (said in the
    /// entry, and in README: a re-key without the old key cannot vouch for the past).
    pub fn rekey_audit(&mut self, actor: &Actor) -> Result<AuditCheck> {
        actor.require(Permission::ManageUsers)?;
        actor.require(Permission::ManageSettings)?;
        // Re-keying must not paper over what the check finds. Without the key the anchor
        // file cannot be authenticated anyway (and a ledger restored onto a new computer
        // has none), so its absence alone does not stop a re-key then.
        let before = check(&self.conn, self.dir())?;
        // Re-keying writes a new anchor, so an anchor file that is missing, unreadable or
        // another ledger's (a ledger copied in without it) is cleared by it — said in its entry.
        let re_anchored: Vec<&str> = before.findings.iter().filter(|f| matches!(f.kind, "anchor_missing" | "anchor_unreadable" | "anchor_foreign")).map(|f| f.kind).collect();
        let blocking = before.findings.iter().find(|f| matches!(f.status, AuditStatus::Tampered | AuditStatus::Rollback) && !re_anchored.contains(&f.kind));
        if let Some(f) = blocking {
            return Err(Error::conflict(
                format!("re-keying would hide what the audit check found: {}. Restore the latest good backup instead", f.message(Lang::En)),
                format!("重新生成密钥会掩盖审计检查发现的问题：{}。请改为恢复最近的正常备份", f.message(Lang::ZhCn)),
            ));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let sealing = audit::sealing(&tx)?.ok_or_else(not_keyed)?;
        let (key, key_id) = audit_key::create(&sealing.ledger_id)?;
        // Re-seal: each keyed entry's hash under the new key, links following.
        let rows: Vec<(i64, String, String, String, String, String)> = {
            let mut stmt = tx.prepare("SELECT id, at, user_name, action, target, detail FROM audit_log WHERE id >= ?1 ORDER BY id")?;
            let rows = stmt.query_map([sealing.keyed_from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut prev = audit::hash_at(&tx, sealing.keyed_from - 1)?.unwrap_or_else(|| audit::GENESIS.to_string());
        for (id, at, user, action, target, detail) in &rows {
            let hash = audit::entry_hash(Some(&key), &prev, *id, at, user, action, target, detail);
            tx.execute("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1", rusqlite::params![id, prev, hash])?;
            prev = hash;
        }
        settings::put(&tx, audit::KEY_ID, &key_id)?;
        let how = if sealing.key.is_some() { "verified with the old key" } else { "old key missing: accepted as it stood, not verified" };
        let anchored = if re_anchored.is_empty() { String::new() } else { format!("; anchor rewritten ({})", re_anchored.join(", ")) };
        audit::append(&tx, Some(&key), &actor.name, "audit_rekey", &sealing.ledger_id, &format!("{} keyed entries re-sealed ({how}); key {} replaced by {key_id}{anchored}", rows.len(), sealing.key_id))?;
        tx.commit()?;
        // Anchor first, then drop the old key: a crash between leaves an anchor whose key is still here.
        anchor::write_current(&self.conn, self.dir(), true)?;
        audit_key::forget(&sealing.ledger_id, &sealing.key_id);
        self.open_alarms = quick_check(&self.conn, self.dir())?;
        check(&self.conn, self.dir())
    }
}

#[cfg(test)]
mod interrupted_restore_tests {
    use rusqlite::{Connection, OpenFlags};

    use crate::{audit, AssetInput, Ledger, SetupInput};

    /// A restore killed in its narrowest window — its `backup_restore` entry committed,
    /// the anchor not yet moved to it (the commit's own anchoring is skipped: the anchor
    /// already records a later entry of the ledger before the swap) — is finished when the
    /// ledger is next opened, not taken for a rollback (the crash test found this window).
    #[test]
    fn a_restore_killed_after_its_entry_before_the_anchor_moved_is_finished_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
        let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
        let backup = ledger.create_backup(&admin, None, 5).unwrap();
        for name in ["笔记本甲", "笔记本乙"] {
            ledger.add_asset(&admin, &AssetInput { name: name.into(), category: "电脑".into(), ..AssetInput::default() }).unwrap();
        }
        // restore_backup's steps up to its entry, stopping where a kill would.
        let info = crate::verify_backup(&backup).unwrap();
        ledger.create_backup(&admin, Some(&dir.path().join("restore-points")), 10).unwrap();
        let backup_head = audit::head(&Connection::open_with_flags(&info.file, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()).unwrap();
        crate::anchor::mark_restoring(&ledger.conn, dir.path(), backup_head.as_ref()).unwrap();
        ledger.conn.restore(rusqlite::MAIN_DB, &info.file, None::<fn(rusqlite::backup::Progress)>).unwrap();
        let tx = crate::db::begin(&mut ledger.conn).unwrap();
        audit::record(&tx, "admin", "backup_restore", &info.file.display().to_string(), "").unwrap();
        tx.commit().unwrap();
        drop(ledger);

        let mut ledger = Ledger::open(dir.path()).unwrap();
        let admin = ledger.login("admin", "secret1").unwrap();
        let check = ledger.verify_audit(&admin).unwrap();
        assert!(check.findings.is_empty(), "no rollback alarm: {:?}", check.findings);
        assert_eq!(ledger.list_assets(&admin, &crate::AssetQuery::default()).unwrap().total, 0, "the backup's contents");
        let restores = ledger.audit_entries(&admin, 10).unwrap().into_iter().filter(|e| e.action == "backup_restore").count();
        assert_eq!(restores, 1, "the restore's own entry stands; none is added on open");
    }
}
