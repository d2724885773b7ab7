//! Operating parameters (系统参数) beyond the organisation's identity: the backup
//! schedule, the screen lock, reminder lead times. Kept in the `settings` table,
//! validated and journaled like every other change.

use chrono::{NaiveDateTime, NaiveTime};

use crate::auth::{Actor, Permission, Role};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::settings::{get, put};
use crate::audit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupEvery {
    Off,
    Daily,
    Weekly,
}

impl BackupEvery {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupEvery::Off => "off",
            BackupEvery::Daily => "daily",
            BackupEvery::Weekly => "weekly",
        }
    }
    fn parse(s: &str) -> Result<BackupEvery> {
        match s {
            "off" => Ok(BackupEvery::Off),
            "daily" => Ok(BackupEvery::Daily),
            "weekly" => Ok(BackupEvery::Weekly),
            other => Err(Error::invalid("backup_every", format!("backup schedule '{other_q}' must be off, daily or weekly", other_q = crate::error::quoted(&other)), format!("备份计划「{other_q}」须为 off、daily 或 weekly", other_q = crate::error::quoted(&other)))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameters {
    pub backup_every: BackupEvery,
    /// HH:MM, local time.
    pub backup_time: String,
    /// Empty: the ledger's own backups folder.
    pub backup_dir: String,
    pub backup_keep: u32,
    /// Lock the screen after this many idle minutes (0: never).
    pub lock_minutes: u32,
    /// Remind this many days ahead (loans due, warranties).
    pub reminder_days: u32,
    /// A transfer takes effect only when the receiving department confirms it.
    pub transfer_confirmation: bool,
    /// Document numbers, e.g. `{PREFIX}-{YYYY}-{SEQ5}` → LY-2026-00012.
    pub doc_number_rule: String,
    /// A new asset's salvage rate when neither the clerk nor its category gives one,
    /// as typed ("5%" or "0.05"); stored as a fraction. Absent: 0 (older ledgers).
    pub default_salvage_rate: String,
}

impl Default for Parameters {
    fn default() -> Self {
        Parameters { backup_every: BackupEvery::Daily, backup_time: "12:30".into(), backup_dir: String::new(), backup_keep: 30, lock_minutes: 15, reminder_days: 7, transfer_confirmation: false, doc_number_rule: crate::codes::DEFAULT_DOC_NUMBER_RULE.into(), default_salvage_rate: "0".into() }
    }
}

pub(crate) const DEFAULT_SALVAGE_RATE: &str = "default_salvage_rate";

const KEYS: [&str; 9] = [
    "backup_every", "backup_time", "backup_dir", "backup_keep", "lock_minutes", "reminder_days", "transfer_confirmation", crate::codes::DOC_NUMBER_RULE_KEY,
    DEFAULT_SALVAGE_RATE,
];

/// The ledger-wide default salvage rate (a fraction); 0 when never set.
pub(crate) fn default_salvage_rate(conn: &rusqlite::Connection) -> Result<rust_decimal::Decimal> {
    Ok(get(conn, DEFAULT_SALVAGE_RATE)?.and_then(|v| v.parse().ok()).unwrap_or_default())
}

fn as_pairs(p: &Parameters) -> [(&'static str, String); 9] {
    [
        (KEYS[0], p.backup_every.as_str().to_string()),
        (KEYS[1], p.backup_time.clone()),
        (KEYS[2], p.backup_dir.clone()),
        (KEYS[3], p.backup_keep.to_string()),
        (KEYS[4], p.lock_minutes.to_string()),
        (KEYS[5], p.reminder_days.to_string()),
        (KEYS[6], p.transfer_confirmation.to_string()),
        (KEYS[7], p.doc_number_rule.trim().to_string()),
        // Validated before this is called; an empty field means 0.
        (KEYS[8], crate::money::parse_rate("default_salvage_rate", &p.default_salvage_rate).map(|r| r.to_string()).unwrap_or_else(|_| "0".into())),
    ]
}

fn validate(p: &Parameters) -> Result<()> {
    let mut errors = Vec::new();
    if NaiveTime::parse_from_str(&p.backup_time, "%H:%M").is_err() {
        errors.push(Error::invalid("backup_time", format!("backup time '{}' must be HH:MM", p.backup_time), format!("备份时间「{}」须为 HH:MM", p.backup_time)));
    }
    if !(1..=365).contains(&p.backup_keep) {
        errors.push(Error::invalid("backup_keep", "keep between 1 and 365 backups", "保留份数须在 1 到 365 之间"));
    }
    if p.lock_minutes > 480 {
        errors.push(Error::invalid("lock_minutes", "the lock delay is at most 480 minutes", "锁屏时间最长 480 分钟"));
    }
    if let Err(e) = crate::codes::doc_rule(p.doc_number_rule.trim(), "LY") {
        errors.push(e);
    }
    if !p.default_salvage_rate.trim().is_empty() {
        if let Err(e) = crate::money::parse_rate("default_salvage_rate", &p.default_salvage_rate) {
            errors.push(e);
        }
    }
    if p.reminder_days > 365 {
        errors.push(Error::invalid("reminder_days", "reminders are at most 365 days ahead", "提前提醒天数最多 365 天"));
    }
    Error::combine(errors).map_or(Ok(()), Err)
}

impl Ledger {
    pub fn parameters(&self) -> Result<Parameters> {
        let d = Parameters::default();
        let num = |key: &str, default: u32| -> Result<u32> { Ok(get(&self.conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default)) };
        Ok(Parameters {
            backup_every: get(&self.conn, KEYS[0])?.map(|v| BackupEvery::parse(&v)).transpose()?.unwrap_or(d.backup_every),
            backup_time: get(&self.conn, KEYS[1])?.unwrap_or(d.backup_time),
            backup_dir: get(&self.conn, KEYS[2])?.unwrap_or(d.backup_dir),
            backup_keep: num(KEYS[3], d.backup_keep)?,
            lock_minutes: num(KEYS[4], d.lock_minutes)?,
            reminder_days: num(KEYS[5], d.reminder_days)?,
            transfer_confirmation: get(&self.conn, KEYS[6])?.map(|v| v == "true").unwrap_or(d.transfer_confirmation),
            doc_number_rule: get(&self.conn, KEYS[7])?.unwrap_or(d.doc_number_rule),
            default_salvage_rate: default_salvage_rate(&self.conn)?.to_string(),
        })
    }

    pub fn update_parameters(&mut self, actor: &Actor, new: &Parameters) -> Result<()> {
        actor.require(Permission::ManageSettings)?;
        validate(new)?;
        let old = as_pairs(&self.parameters()?);
        let tx = crate::db::begin(&mut self.conn)?;
        for ((key, before), (_, after)) in old.iter().zip(as_pairs(new).iter()) {
            if before != after {
                put(&tx, key, after)?;
                audit::record(&tx, &actor.name, "setting_change", key, &format!("{before} -> {after}"))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes the scheduled backup if one is due at `now` (local time); returns its file.
    /// Runs as the system itself, since no one need be logged in when it falls due.
    pub fn scheduled_backup_if_due(&mut self, now: NaiveDateTime) -> Result<Option<std::path::PathBuf>> {
        let p = self.parameters()?;
        let period = match p.backup_every {
            BackupEvery::Off => return Ok(None),
            BackupEvery::Daily => chrono::Duration::days(1),
            BackupEvery::Weekly => chrono::Duration::days(7),
        };
        let at = NaiveTime::parse_from_str(&p.backup_time, "%H:%M").unwrap_or_default();
        let last = self
            .last_backup_at()?
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&chrono::Local).naive_local());
        // Due once today's backup time has passed and the last backup is older than
        // the period allows (with an hour's grace so the time of day does not drift).
        let due = now.time() >= at && last.is_none_or(|l| now - l >= period - chrono::Duration::hours(1));
        if !due {
            return Ok(None);
        }
        let system = Actor::new(0, "系统（定时备份）".into(), Role::Admin, None, Vec::new());
        self.create_backup(&system, None, p.backup_keep as usize).map(Some)
    }

    /// Where backups go unless told otherwise: the 备份文件夹 setting, else the backups
    /// folder beside the ledger.
    pub fn backup_folder(&self) -> Result<std::path::PathBuf> {
        let chosen = self.parameters()?.backup_dir;
        Ok(if chosen.trim().is_empty() { self.default_backup_dir() } else { std::path::PathBuf::from(chosen.trim()) })
    }

    /// Days since the last backup, for the header's warning (None: never backed up).
    /// A backup is overdue when the last one is older than the schedule's interval (a
    /// day, a week; a week when scheduled backups are off), or there has never been one
    /// of a ledger that holds assets. `age_days` is [`Ledger::backup_age_days`].
    pub(crate) fn backup_overdue(&self, age_days: Option<i64>) -> Result<bool> {
        let allowed_days = match self.parameters()?.backup_every {
            BackupEvery::Daily => 1,
            BackupEvery::Weekly | BackupEvery::Off => 7,
        };
        Ok(match age_days {
            Some(days) => days > allowed_days,
            None => self.conn.query_row("SELECT EXISTS(SELECT 1 FROM assets)", [], |r| r.get(0))?,
        })
    }

    pub fn backup_age_days(&self) -> Result<Option<i64>> {
        Ok(self
            .last_backup_at()?
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_days()))
    }
}

