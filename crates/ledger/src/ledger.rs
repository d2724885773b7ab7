//! The ledger file: creating it (first run), opening it, and ledger-wide queries.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::auth::{self, Actor, Permission, Role};
use crate::codes::CodeRule;
use crate::error::{Error, ErrorCode, Result};
use crate::{audit, db, settings, AuditEntry, Lang};

pub const LEDGER_FILE_NAME: &str = "ledger.sqlite3";

/// What the first-run screen (or `assetdesk init`) asks for.
#[derive(Debug, Clone, Default)]
pub struct SetupInput {
    pub org_name: String,
    pub admin_name: String,
    pub admin_password: String,
    pub language: Option<Lang>,
}

/// An open ledger. One per process; not shared between threads without a lock.
pub struct Ledger {
    pub(crate) conn: Connection,
    dir: PathBuf,
    /// What the cheap tamper check found when the ledger was opened (tamper.rs).
    pub(crate) open_alarms: Vec<crate::tamper::AuditFinding>,
}

impl Ledger {
    pub fn file_in(dir: &Path) -> PathBuf {
        dir.join(LEDGER_FILE_NAME)
    }

    pub fn exists(dir: &Path) -> bool {
        Self::file_in(dir).is_file()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens an existing ledger, migrating it to this version's schema.
    pub fn open(dir: &Path) -> Result<Ledger> {
        Self::open_finishing(dir, true)
    }

    /// `finish_restore`: complete a restore that was killed after its swap (tamper.rs);
    /// false for the restore itself, which records its own entry.
    pub(crate) fn open_finishing(dir: &Path, finish_restore: bool) -> Result<Ledger> {
        if !Self::exists(dir) {
            return Err(Error::new(
                ErrorCode::NotInitialized,
                format!("no ledger in {}; run `assetdesk init --admin NAME` or start the app to set one up", dir.display()),
                format!("{} 中没有台账；请运行 `assetdesk init --admin 用户名` 或启动程序进行初始设置", dir.display()),
            ));
        }
        // Ledger files only their owner can read: an old ledger is tightened as it opens.
        // Best effort: on a read-only or foreign-owned folder the open itself says what is wrong.
        let _ = crate::private_files::tighten_ledger_dir(dir);
        let mut conn = crate::recovery::open_file(&Self::file_in(dir))?;
        crate::tamper::upgrade_chain(&mut conn, dir)?;
        if finish_restore {
            crate::tamper::finish_interrupted_restore(&mut conn, dir)?;
        }
        let open_alarms = crate::tamper::quick_check(&conn, dir)?;
        Ok(Ledger { conn, dir: dir.to_path_buf(), open_alarms })
    }

    /// Creates a new ledger with its organisation and first admin, all or nothing.
    pub fn create(dir: &Path, setup: &SetupInput) -> Result<(Ledger, Actor)> {
        if Self::exists(dir) {
            return Err(Error::new(
                ErrorCode::AlreadyInitialized,
                format!("a ledger already exists in {}", dir.display()),
                format!("{} 中已有台账", dir.display()),
            ));
        }
        let org = setup.org_name.trim();
        let admin = setup.admin_name.trim();
        let mut errors = Vec::new();
        if org.is_empty() {
            errors.push(Error::invalid("org_name", "organisation name is required", "单位名称不能为空"));
        }
        if let Err(e) = auth::validate_new_user(admin, &setup.admin_password) {
            errors.push(e);
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        crate::private_files::create_private_dir(dir)?;
        let result = Self::create_file(dir, org, admin, setup);
        if result.is_err() {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", Self::file_in(dir).display()));
            }
            let _ = std::fs::remove_file(crate::anchor::anchor_file(dir));
        }
        result
    }

    fn create_file(dir: &Path, org: &str, admin: &str, setup: &SetupInput) -> Result<(Ledger, Actor)> {
        // Created empty at 600 first: SQLite then keeps that mode (and gives it to -wal/-shm).
        drop(crate::private_files::create_new_private(&Self::file_in(dir))?);
        let mut conn = db::open(&Self::file_in(dir), true)?;
        let tx = crate::db::begin(&mut conn)?;
        // Key the chain from its first entry; anchor "nothing yet" before the first
        // commit, so that from now on a missing anchor file is always an alarm.
        let ledger_id = settings::get(&tx, audit::LEDGER_ID)?.ok_or_else(|| Error::new(ErrorCode::Internal, "no ledger id", "缺少台账编号"))?;
        let (key, key_id) = crate::audit_key::create(&ledger_id)?;
        settings::put(&tx, audit::KEY_ID, &key_id)?;
        settings::put(&tx, audit::KEYED_FROM, "1")?;
        let nothing = audit::AuditHead { seq: 0, hash: audit::GENESIS.to_string(), at: db::now(), action: String::new() };
        crate::anchor::write(dir, &ledger_id, &key_id, &key, &nothing, true)?;
        settings::put(&tx, settings::ORG_NAME, org)?;
        settings::put(&tx, settings::ASSET_CODE_RULE, CodeRule::DEFAULT)?;
        settings::put(&tx, settings::LANGUAGE, setup.language.unwrap_or_default().as_str())?;
        let user_id = auth::insert_user(&tx, admin, Role::Admin, None, &setup.admin_password)?;
        audit::record(&tx, admin, "ledger_init", org, "")?;
        tx.commit()?;
        let actor = Actor::new(user_id, admin.to_string(), Role::Admin, None, Vec::new());
        Ok((Ledger { conn, dir: dir.to_path_buf(), open_alarms: Vec::new() }, actor))
    }

    pub fn audit_entries(&self, actor: &Actor, limit: i64) -> Result<Vec<AuditEntry>> {
        actor.require(Permission::ManageUsers)?;
        audit::list(&self.conn, limit)
    }

    /// Exports are special operations: who took which data out, and how much.
    pub fn record_export(&mut self, actor: &Actor, target: &str, rows: usize) -> Result<()> {
        let tx = crate::db::begin(&mut self.conn)?;
        audit::record(&tx, &actor.name, "export", target, &format!("{rows} rows"))?;
        tx.commit()?;
        Ok(())
    }
}
