//! Opening the SQLite file: pragmas and embedded, append-only migrations.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, ErrorCode, Result};

/// Marks a file as an AssetDesk ledger ("ASDK"), so a foreign SQLite file is refused.
pub(crate) const APPLICATION_ID: i64 = 0x4153_444B;

/// Each entry is one schema version; never edit a published one, only append.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_documents.sql"),
    include_str!("migrations/0003_search.sql"),
    include_str!("migrations/0004_stocktake.sql"),
    include_str!("migrations/0005_depreciation.sql"),
    include_str!("migrations/0007_card_extras.sql"),
    include_str!("migrations/0008_pending_transfers.sql"),
    include_str!("migrations/0009_role_permissions.sql"),
    include_str!("migrations/0010_repair_checks.sql"),
    include_str!("migrations/0006_labels.sql"),
    include_str!("migrations/0011_asset_warranty.sql"),
    include_str!("migrations/0012_consumables.sql"),
    include_str!("migrations/0013_lean_asset_indexes.sql"),
    include_str!("migrations/0014_pinyin_index.sql"),
    include_str!("migrations/0015_label_print_jobs.sql"),
    // Tamper evidence (issue 26): a random id naming the ledger (its audit key and anchor).
    include_str!("migrations/0016_ledger_id.sql"),
    include_str!("migrations/0017_full_pinyin_index.sql"),
    include_str!("migrations/0018_search_text_unicode_lower.sql"),
];

pub(crate) fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub(crate) fn open(path: &Path, create: bool) -> Result<Connection> {
    use rusqlite::OpenFlags;
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;

    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if !create && app_id != APPLICATION_ID {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("{} is not an AssetDesk ledger", path.display()),
            format!("{} 不是 AssetDesk 台账文件", path.display()),
        ));
    }
    if version > schema_version() {
        return Err(Error::new(
            ErrorCode::NewerSchema,
            format!(
                "this ledger was written by a newer AssetDesk (schema {version}, this version knows {}); install the newer version to open it",
                schema_version()
            ),
            format!("此台账由更新版本的 AssetDesk 写入(结构版本 {version},本程序支持 {}),请安装新版本后再打开", schema_version()),
        ));
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a commit is on disk when it returns, so a power cut loses nothing the
    // clerk saw saved (NORMAL would keep the file whole but could drop the last commits).
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MB of page cache (the default is 2 MB): a 100,000-asset ledger's indexes stay
    // in memory, which halves the cost of a large import and of wide list queries.
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // A ledger from an older AssetDesk: a verified backup first, then the migration.
    let backup = if !create && version < schema_version() {
        Some(crate::upgrade::backup_before_migrating(&conn, path, version, schema_version())?)
    } else {
        None
    };
    migrate(&mut conn, version, backup.as_deref())?;
    crate::search::rebuild_if_missing(&mut conn)?;
    Ok(conn)
}

/// Brings the schema up to this version in one transaction; an upgrade of an existing
/// ledger is recorded in its audit log with the backup taken before it.
fn migrate(conn: &mut Connection, from: i64, backup: Option<&Path>) -> Result<()> {
    if from == schema_version() {
        return Ok(());
    }
    let tx = crate::db::begin(conn)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    if let Some(backup) = backup {
        let detail = format!("schema {from} -> {}", schema_version());
        crate::audit::record(&tx, "(upgrade)", "ledger_upgrade", &backup.display().to_string(), &detail)?;
    }
    tx.commit()?;
    Ok(())
}

/// Starts a write transaction that takes the write lock at once (BEGIN IMMEDIATE), so
/// a second process writing at the same time (the CLI's cron backup while the app
/// posts documents) waits for it under the busy timeout instead of failing with
/// "database is locked" when a read transaction cannot be upgraded.
pub(crate) fn begin(conn: &mut Connection) -> rusqlite::Result<WriteTx<'_>> {
    Ok(WriteTx { tx: conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)? })
}

/// A write transaction whose commit also anchors the audit chain's new head outside the
/// database (anchor.rs), after the commit: the one place every write passes through.
pub(crate) struct WriteTx<'c> {
    tx: rusqlite::Transaction<'c>,
}

impl<'c> std::ops::Deref for WriteTx<'c> {
    type Target = rusqlite::Transaction<'c>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl WriteTx<'_> {
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        let pending = crate::anchor::pending(&self.tx);
        self.tx.commit()?;
        if let Some(p) = pending {
            crate::anchor::after_commit(p);
        }
        Ok(())
    }
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
