//! A damaged ledger file: finding out, and putting a verified backup in its place.
//!
//! Nobody can log in to a damaged ledger (its users table may be what is broken), so
//! this path needs no login: it only ever replaces a ledger that is damaged, only with
//! a file that verifies as an AssetDesk backup, and never deletes anything — the
//! damaged file is moved aside next to it for whoever investigates.

use std::path::{Path, PathBuf};

use crate::backup::{list_backups, verify_backup, BackupInfo};
use crate::error::{Error, ErrorCode, Result};
use crate::ledger::Ledger;
use crate::{audit, db};

/// The error that names the damaged file and says what to do.
pub(crate) fn damaged(file: &Path, detail: &str) -> Error {
    Error::new(
        ErrorCode::DamagedLedger,
        format!(
            "the ledger file {} is damaged ({detail}); nothing was changed. Restore it from the latest backup: the app offers this when it starts, or run `assetdesk backup restore FILE`",
            file.display()
        ),
        format!("台账文件 {} 已损坏（{detail}），未做任何更改。请从最近的备份恢复：程序启动时会提示，或运行 `assetdesk backup restore 备份文件`", file.display()),
    )
    .with_field("file")
}

/// Opens the ledger file; a damaged one, or one in a folder that cannot be written
/// (SQLite needs to create its -wal and -shm files beside it), is refused with an error
/// that names it.
pub(crate) fn open_file(file: &Path) -> Result<rusqlite::Connection> {
    db::open(file, false).map_err(|e| match e.code {
        ErrorCode::DamagedLedger => damaged(file, "it cannot be read as an SQLite database"),
        ErrorCode::Io | ErrorCode::ReadOnly if !writable(file) => Error::new(
            ErrorCode::ReadOnly,
            format!(
                "the ledger {} cannot be opened: its folder or file is read-only. Give this user write permission to the folder, or move the ledger to a writable folder",
                file.display()
            ),
            format!("无法打开台账 {}：所在文件夹或文件为只读。请为当前用户开通该文件夹的写权限，或把台账移到可写的文件夹", file.display()),
        )
        .with_field("file"),
        _ => e,
    })
}

/// Whether the ledger file and its folder can be written (a probe file is created and removed).
fn writable(file: &Path) -> bool {
    let refused = |r: std::io::Result<std::fs::File>| {
        matches!(r, Err(e) if matches!(e.kind(), std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied))
    };
    let probe = file.with_file_name(".assetdesk-write-probe");
    let folder = std::fs::OpenOptions::new().create(true).truncate(true).write(true).open(&probe);
    let folder_ok = !refused(folder);
    let _ = std::fs::remove_file(&probe);
    folder_ok && !refused(std::fs::OpenOptions::new().append(true).open(file))
}

impl Ledger {
    /// Why the ledger in `dir` is damaged, if it is: it cannot be opened as a database,
    /// or SQLite's `quick_check` (every page and index, without cross-checking rows;
    /// ~0.2 s at 100,000 assets) finds a problem. `None` for a sound or missing ledger.
    pub fn damage(dir: &Path) -> Option<Error> {
        let file = Ledger::file_in(dir);
        if !file.is_file() {
            return None;
        }
        let conn = match open_file(&file) {
            Ok(conn) => conn,
            Err(e) if e.code == ErrorCode::DamagedLedger => return Some(e),
            Err(_) => return None, // refused for another reason (newer, foreign, read-only): not damage
        };
        let verdict: std::result::Result<Vec<String>, rusqlite::Error> =
            conn.prepare("PRAGMA quick_check").and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
        match verdict {
            Ok(lines) if lines == ["ok"] => None,
            Ok(lines) => Some(damaged(&file, &lines.into_iter().take(3).collect::<Vec<_>>().join("; "))),
            Err(e) => Some(damaged(&file, &e.to_string())),
        }
    }

    /// Verified backups to offer when the ledger in `dir` is damaged: the newest few in
    /// its default backup folder, its restore points and any `extra` folders (each one is
    /// checked in full, so not all thirty), newest first.
    pub fn recovery_backups(dir: &Path, extra: &[PathBuf]) -> Vec<BackupInfo> {
        const PER_FOLDER: usize = 5;
        let mut folders = vec![dir.join("backups"), dir.join("restore-points")];
        folders.extend(extra.iter().cloned());
        folders.dedup();
        let mut found: Vec<BackupInfo> = folders
            .iter()
            .flat_map(|f| list_backups(f).unwrap_or_default().into_iter().filter_map(|file| verify_backup(&file).ok()).take(PER_FOLDER))
            .collect();
        found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.file.cmp(&a.file)));
        found
    }

    /// Puts the verified `backup` in place of the damaged (or missing: a new computer)
    /// ledger in `dir`; returns where the damaged file was moved, if there was one.
    /// Refused when the ledger is sound (then an administrator restores after logging
    /// in, keeping a restore point).
    pub fn restore_damaged(dir: &Path, backup: &Path) -> Result<Option<PathBuf>> {
        let info = verify_backup(backup)?;
        let file = Ledger::file_in(dir);
        let missing = !file.exists();
        if !missing && Ledger::damage(dir).is_none() {
            return Err(Error::conflict(
                format!("the ledger in {} is not damaged; log in as an administrator to restore a backup (a restore point is kept)", dir.display()),
                format!("{} 中的台账没有损坏；如需恢复备份，请以管理员身份登录后操作（会保留恢复点）", dir.display()),
            ));
        }
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let aside = dir.join(format!("{}.damaged-{stamp}", crate::ledger::LEDGER_FILE_NAME));
        let with = |base: &Path, suffix: &str| PathBuf::from(format!("{}{suffix}", base.display()));
        // The copy is written beside the ledger first, so the swap is a rename.
        std::fs::create_dir_all(dir)?;
        let incoming = dir.join(".ledger.sqlite3.restoring");
        std::fs::copy(&info.file, &incoming).and_then(|_| std::fs::File::open(&incoming)?.sync_all()).inspect_err(|_| {
            let _ = std::fs::remove_file(&incoming);
        })?;
        // The anchor accepts the backup's head before the swap (tamper.rs).
        if let Ok(backup) = rusqlite::Connection::open_with_flags(&info.file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) {
            crate::anchor::mark_restoring_from(dir, &backup)?;
        }
        for suffix in ["", "-wal", "-shm"] {
            if with(&file, suffix).exists() {
                std::fs::rename(with(&file, suffix), with(&aside, suffix))?;
            }
        }
        std::fs::rename(&incoming, &file)?;
        // An older backup is brought up to this version's schema as it opens.
        let mut ledger = Ledger::open_finishing(dir, false)?;
        let tx = crate::db::begin(&mut ledger.conn)?;
        let detail = if missing { "there was no ledger".to_string() } else { format!("damaged ledger moved to {}", aside.display()) };
        match audit::record(&tx, "(recovery)", "backup_restore_damaged", &info.file.display().to_string(), &detail) {
            Ok(()) => {
                tx.commit()?;
                // Restoring moves the anchor to the restored head (tamper.rs).
                crate::anchor::forget_anchored();
                crate::anchor::write_current(&ledger.conn, dir, true)?;
            }
            // Restored onto a computer without this ledger's audit key: the data is back;
            // the entry cannot be sealed until an administrator re-keys (`audit rekey`).
            Err(e) if e.code == ErrorCode::AuditKeyMissing => drop(tx),
            Err(e) => return Err(e),
        }
        Ok((!missing).then_some(aside))
    }
}
