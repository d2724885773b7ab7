//! Backups: a consistent copy of the ledger taken while it is in use (VACUUM INTO),
//! verified after writing (integrity check, our application id, a schema this version
//! can read) and sealed with a SHA-256 checksum beside it. Restore verifies first,
//! keeps an automatic restore point of the current ledger, then swaps the file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

use crate::auth::{Actor, Permission};
use crate::error::{Error, ErrorCode, Result};
use crate::ledger::Ledger;
use crate::{audit, db};

/// What a backup holds, read from the file itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub file: PathBuf,
    pub schema: i64,
    pub assets: i64,
    pub documents: i64,
    pub org_name: String,
    /// When it was taken (from its file name or metadata), RFC 3339.
    pub taken_at: String,
}

fn checksum_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

fn sha256_of(file: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    let mut f = std::fs::File::open(file)?;
    std::io::copy(&mut f, &mut hasher)?;
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn refuse(file: &Path, en: &str, zh: &str) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("{} is not a usable backup: {en}", file.display()),
        format!("{} 不是可用的备份：{zh}", file.display()),
    )
    .with_field("file")
}

/// Checks a backup file without changing anything.
pub fn verify_backup(file: &Path) -> Result<BackupInfo> {
    if !file.is_file() {
        return Err(refuse(file, "the file does not exist", "文件不存在"));
    }
    match std::fs::read_to_string(checksum_path(file)) {
        Ok(expected) if expected.split_whitespace().next() == Some(sha256_of(file)?.as_str()) => {}
        Ok(_) => return Err(refuse(file, "its checksum does not match (damaged or truncated)", "校验和不符（文件已损坏或不完整）")),
        Err(_) => return Err(refuse(file, "its .sha256 checksum file is missing", "缺少 .sha256 校验文件")),
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| refuse(file, "it cannot be opened as a database", "无法作为数据库打开"))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|_| refuse(file, "it is not a database", "不是数据库文件"))?;
    if app_id != db::APPLICATION_ID {
        return Err(refuse(file, "it is not an AssetDesk ledger", "不是 AssetDesk 台账"));
    }
    let schema: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if schema > db::schema_version() {
        return Err(Error::new(
            ErrorCode::NewerSchema,
            format!("{} was made by a newer AssetDesk (schema {schema}); install that version to restore it", file.display()),
            format!("{} 由更新版本的 AssetDesk 生成（结构版本 {schema}），请安装该版本后再恢复", file.display()),
        ));
    }
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|_| refuse(file, "its integrity check failed", "完整性检查失败"))?;
    if ok != "ok" {
        return Err(refuse(file, &format!("its integrity check failed: {ok}"), &format!("完整性检查失败：{ok}")));
    }
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(BackupInfo {
        file: file.to_path_buf(),
        schema,
        assets: count("SELECT COUNT(*) FROM assets")?,
        documents: count("SELECT COUNT(*) FROM documents")?,
        org_name: conn.query_row("SELECT value FROM settings WHERE key = 'org_name'", [], |r| r.get(0)).unwrap_or_default(),
        taken_at: std::fs::metadata(file).and_then(|m| m.modified()).map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339()).unwrap_or_default(),
    })
}

const BACKUP_LOCK: &str = ".assetdesk-backup.lock";

/// Removes what an interrupted backup left in `dir`: `.partial` files and checksums
/// without their backup. Only called with the folder's backup lock held.
fn remove_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let partial = name.starts_with(".assetdesk-") && (name.ends_with(".partial") || name.ends_with(".partial.sha256"));
        let orphan = name.starts_with("assetdesk-") && name.ends_with(".sqlite3.sha256") && !dir.join(&name[..name.len() - 7]).exists();
        if partial || orphan {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Backup files in `dir`, newest first.
pub fn list_backups(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("assetdesk-") && n.ends_with(".sqlite3")))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files.reverse();
    Ok(files)
}

/// Where restore points go: beside the ledger, apart from the scheduled backups.
pub(crate) const RESTORE_POINTS_DIR: &str = "restore-points";

/// Writes a verified backup of the database open on `conn` into `dir`, as
/// `assetdesk-STAMP{label}.sqlite3` with its checksum, keeping the newest `keep` backups
/// there; returns the file. Records nothing in the ledger: the caller does.
pub(crate) fn write_backup(conn: &Connection, dir: &Path, keep: usize, label: &str) -> Result<PathBuf> {
    // A folder we create is the owner's only; one the clerk chose keeps its mode.
    if !dir.is_dir() {
        crate::private_files::create_private_dir(dir)?;
    }
    // One backup at a time per folder (the app's schedule, a cron CLI run): whoever
    // holds the lock knows any partial file there was left by a writer that died
    // (killed, power cut) and removes it. The OS drops the lock with its process.
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(BACKUP_LOCK))?;
    lock.lock()?;
    remove_partials(dir);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%3f");
    let file = dir.join(format!("assetdesk-{stamp}{label}.sqlite3"));
    let partial = dir.join(format!(".assetdesk-{stamp}.partial"));
    let written = (|| -> Result<()> {
        // Created empty at 600 first (VACUUM INTO accepts an empty file and keeps its mode).
        drop(crate::private_files::create_new_private(&partial)?);
        conn.execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])?;
        let mut sum = crate::private_files::create_new_private(&checksum_path(&partial))?;
        std::io::Write::write_all(&mut sum, format!("{}  {}\n", sha256_of(&partial)?, file.file_name().unwrap().to_string_lossy()).as_bytes())?;
        drop(sum);
        verify_backup(&partial)?;
        std::fs::rename(checksum_path(&partial), checksum_path(&file))?;
        std::fs::rename(&partial, &file)?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_file(checksum_path(&partial));
        return Err(e);
    }
    for old in list_backups(dir)?.into_iter().skip(keep.max(1)) {
        let _ = std::fs::remove_file(checksum_path(&old));
        let _ = std::fs::remove_file(&old);
    }
    Ok(file)
}

impl Ledger {
    pub fn default_backup_dir(&self) -> PathBuf {
        self.dir().join("backups")
    }

    /// Writes a verified backup into `dir` (default: [`Ledger::backup_folder`]),
    /// keeping the newest `keep` backups there; returns the file.
    pub fn create_backup(&mut self, actor: &Actor, dir: Option<&Path>, keep: usize) -> Result<PathBuf> {
        actor.require(Permission::ManageSettings)?;
        let dir = match dir {
            Some(dir) => dir.to_path_buf(),
            None => self.backup_folder()?,
        };
        let file = write_backup(&self.conn, &dir, keep, "")?;
        let tx = crate::db::begin(&mut self.conn)?;
        crate::settings::put(&tx, "last_backup_at", &db::now())?;
        audit::record(&tx, &actor.name, "backup_create", &file.display().to_string(), "")?;
        tx.commit()?;
        Ok(file)
    }

    /// When the last backup was taken, if ever.
    pub fn last_backup_at(&self) -> Result<Option<String>> {
        crate::settings::get(&self.conn, "last_backup_at")
    }

    /// Replaces the ledger's contents with a verified backup, after saving a restore
    /// point of the current ledger; returns the restore point's file. Uses SQLite's
    /// online backup API into the open connection, so a refused or failed restore
    /// leaves the ledger as it was.
    pub fn restore_backup(&mut self, actor: &Actor, file: &Path) -> Result<PathBuf> {
        actor.require(Permission::ManageSettings)?;
        let info = verify_backup(file)?;
        let point = self.create_backup(actor, Some(&self.dir().join(RESTORE_POINTS_DIR)), 10)?;
        // The anchor accepts the backup's head too before the swap (a kill on either side
        // of it is then no alarm; tamper.rs finishes a restore killed after it).
        let backup_head = Connection::open_with_flags(&info.file, OpenFlags::SQLITE_OPEN_READ_ONLY).ok().and_then(|c| audit::head(&c).ok().flatten());
        crate::anchor::mark_restoring(&self.conn, self.dir(), backup_head.as_ref())?;
        self.conn
            .restore(rusqlite::MAIN_DB, &info.file, None::<fn(rusqlite::backup::Progress)>)
            .map_err(Error::from)?;
        // The restored ledger may be of an older schema: bring it up to this version.
        let dir = self.dir().to_path_buf();
        *self = Ledger::open_finishing(&dir, false)?;
        let tx = crate::db::begin(&mut self.conn)?;
        audit::record(&tx, &actor.name, "backup_restore", &info.file.display().to_string(), &format!("restore point {}", point.display()))?;
        tx.commit()?;
        // The one audited way the anchor moves back (tamper.rs).
        crate::anchor::forget_anchored();
        crate::anchor::write_current(&self.conn, self.dir(), true)?;
        self.open_alarms = crate::tamper::quick_check(&self.conn, self.dir())?;
        Ok(point)
    }
}
