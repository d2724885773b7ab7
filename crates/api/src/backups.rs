//! Backups (备份): the backup folder's verified backups, taking one, restoring one;
//! and the recovery of a damaged ledger at start, which no one can log in to (so those
//! use cases take the ledger's folder, not a [`Ctx`]: the core only replaces a ledger
//! that is damaged or missing, only with a verified backup, and keeps the damaged file).

use std::path::{Path, PathBuf};

use ledger::{Lang, Ledger};
use serde::Serialize;
use ts_rs::TS;

pub use ledger::BackupInfo;

use crate::{Ctx, Error, Result};

/// A backup file and what it holds, or why it cannot be restored.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "BackupInfo")]
pub struct BackupDto {
    pub file: String,
    #[ts(type = "number")]
    pub assets: i64,
    #[ts(type = "number")]
    pub documents: i64,
    #[ts(type = "number")]
    pub schema: i64,
    /// RFC 3339.
    pub taken_at: String,
    pub ok: bool,
    pub problem: Option<String>,
}

impl From<BackupInfo> for BackupDto {
    fn from(i: BackupInfo) -> Self {
        BackupDto { file: i.file.display().to_string(), assets: i.assets, documents: i.documents, schema: i.schema, taken_at: i.taken_at, ok: true, problem: None }
    }
}

/// The backup folder, when the last backup was taken, and the backups there.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "BackupStatus")]
pub struct BackupStatusDto {
    pub dir: String,
    pub last_backup_at: Option<String>,
    pub backups: Vec<BackupDto>,
}

/// What the backup `file` holds, checked (a file that does not verify says why).
pub fn inspect(file: &Path, lang: Lang) -> BackupDto {
    match ledger::verify_backup(file) {
        Ok(i) => i.into(),
        Err(e) => BackupDto { file: file.display().to_string(), assets: 0, documents: 0, schema: 0, taken_at: String::new(), ok: false, problem: Some(e.message(lang).to_string()) },
    }
}

/// Verifies the backup `file` (checksum, integrity, schema); refused when it does not.
pub fn verify(file: &Path) -> Result<BackupInfo> {
    ledger::verify_backup(file)
}

/// The backup folder and each backup in it, checked.
pub fn status(cx: &mut Ctx) -> Result<BackupStatusDto> {
    let dir = cx.ledger.backup_folder()?;
    let backups = ledger::list_backups(&dir)?.iter().map(|f| inspect(f, cx.lang)).collect();
    Ok(BackupStatusDto { last_backup_at: cx.ledger.last_backup_at()?, backups, dir: dir.display().to_string() })
}

/// Writes a verified backup into `dir` (empty or None: the backup folder), keeping the
/// newest `keep` there; returns its file.
pub fn create(cx: &mut Ctx, dir: Option<&Path>, keep: usize) -> Result<PathBuf> {
    let dir = dir.filter(|d| !d.as_os_str().is_empty());
    cx.ledger.create_backup(cx.actor, dir, keep)
}

/// Puts the verified backup `file` in place of the open ledger; returns the restore
/// point the ledger as it was is kept in.
pub fn restore(cx: &mut Ctx, file: &Path) -> Result<PathBuf> {
    cx.ledger.restore_backup(cx.actor, file)
}

// ---- A damaged ledger (no login) ----

/// Why the ledger in `dir` cannot be used, when it is damaged (every page checked: it
/// reads the whole file) or missing.
pub fn damage(dir: &Path) -> Option<Error> {
    Ledger::damage(dir)
}

/// Whether the ledger in `dir` is missing or damaged, so only [`restore_damaged`] applies.
pub fn needs_recovery(dir: &Path) -> bool {
    !Ledger::exists(dir) || Ledger::damage(dir).is_some()
}

/// The verified backups a damaged ledger may be restored from, newest first: its backup
/// folder, its restore points, and the folders in `extra` the clerk names.
pub fn recovery_backups(dir: &Path, extra: &[PathBuf]) -> Vec<BackupDto> {
    Ledger::recovery_backups(dir, extra).into_iter().map(Into::into).collect()
}

/// Puts the verified backup `file` in place of the damaged (or missing) ledger in
/// `dir`; returns where the damaged file was kept. Close the ledger first (Windows
/// cannot move an open file).
pub fn restore_damaged(dir: &Path, file: &Path) -> Result<Option<PathBuf>> {
    Ledger::restore_damaged(dir, file)
}

/// Opens the ledger in `dir` again (after [`restore_damaged`]), waiting for a login.
pub fn reopen(dir: &Path) -> Result<Ledger> {
    Ledger::open(dir)
}
