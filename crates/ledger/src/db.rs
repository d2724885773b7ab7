//! Opening the SQLite file: pragmas and embedded, append-only migrations.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, ErrorCode, Result};

/// Marks a file as an AssetDesk ledger ("ASDK"), so a foreign SQLite file is refused.
pub(crate) const APPLICATION_ID: i64 = 0x4153_444B;

/// One schema version: `migrations/NNNN_name.sql`, whose number is its version.
pub(crate) struct Migration {
    pub(crate) version: i64,
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration { version: $version, name: $name, sql: include_str!(concat!("migrations/", $name, ".sql")) }
    };
}

/// Every migration, in numeric order, which is the order they are applied in. Append
/// only: a published file never changes (its checksum is in each ledger's history, see
/// schema_history.rs, and in `published_migrations_never_change` below).
pub(crate) const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_foundation"),
    migration!(2, "0002_documents"),
    migration!(3, "0003_search"),
    migration!(4, "0004_stocktake"),
    migration!(5, "0005_depreciation"),
    migration!(6, "0006_labels"),
    migration!(7, "0007_card_extras"),
    migration!(8, "0008_pending_transfers"),
    migration!(9, "0009_role_permissions"),
    migration!(10, "0010_repair_checks"),
    migration!(11, "0011_asset_warranty"),
    migration!(12, "0012_consumables"),
    migration!(13, "0013_lean_asset_indexes"),
    migration!(14, "0014_pinyin_index"),
    migration!(15, "0015_label_print_jobs"),
    migration!(16, "0016_ledger_id"),
    migration!(17, "0017_full_pinyin_index"),
    migration!(18, "0018_search_text_unicode_lower"),
    migration!(19, "0019_migration_history"),
    migration!(20, "0020_category_depreciation_for_early_0005"),
    // Repairs and maintenance (issue 22).
    migration!(21, "0021_repair_orders_suppliers_maintenance"),
    migration!(22, "0022_corrections_and_review"),
    // Approvals (issue 20).
    migration!(23, "0023_document_approvals"),
    migration!(24, "0024_accounting_min_life"),
    migration!(25, "0025_import_fts_hashsize"),
    // Value-change documents (issue 21).
    migration!(26, "0026_value_change_documents"),
    // Category tree and voucher accounts (issue 21).
    migration!(27, "0027_category_tree_and_accounts"),
    // Asset and consumable-receipt suppliers from the register (issue 22).
    migration!(28, "0028_asset_and_receipt_supplier_links"),
    // The tax schedule beside the book one (issue 21).
    migration!(29, "0029_tax_depreciation"),
    // What this desk pulled from a PostgreSQL hub (issue 24).
    migration!(30, "0030_hub_pulled_documents"),
    // The list's department/category + status filters at a million assets (issue 25).
    migration!(31, "0031_list_filter_indexes"),
    // What became of this desk's own documents at the hub (issue 24).
    migration!(32, "0032_hub_pushed_documents"),
    // Registers, users and shared settings through a PostgreSQL hub (issue 24).
    migration!(33, "0033_hub_registers"),
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
            format!("此台账由更新版本的 AssetDesk 写入（结构版本 {version}，本程序支持 {}），请安装新版本后再打开", schema_version()),
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
    // The ledger's migrations checked against this version's before anything is written.
    let plan = crate::schema_history::plan(&conn, version)?;
    // A ledger from an older AssetDesk: a verified backup first, then the migration.
    let backup = if !create && version < schema_version() {
        Some(crate::upgrade::backup_before_migrating(&conn, path, version, schema_version())?)
    } else {
        None
    };
    migrate(&mut conn, version, &plan, backup.as_deref())?;
    crate::search::rebuild_if_missing(&mut conn)?;
    Ok(conn)
}

/// Brings the schema up to this version in one transaction: the missing migrations in
/// numeric order, each recorded with its checksum; an upgrade of an existing ledger is
/// recorded in its audit log with the backup taken before it.
fn migrate(conn: &mut Connection, from: i64, plan: &crate::schema_history::Plan, backup: Option<&Path>) -> Result<()> {
    if plan.is_empty() && from == schema_version() {
        return Ok(());
    }
    let tx = crate::db::begin(conn)?;
    for m in &plan.pending {
        tx.execute_batch(m.sql)?;
    }
    tx.pragma_update(None, "user_version", schema_version())?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    crate::schema_history::record(&tx, plan)?;
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
