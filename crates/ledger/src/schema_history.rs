//! Which migrations a ledger has, and proof that they are the ones this AssetDesk ships.
//!
//! Every migration applied is recorded in `schema_migrations` with the SHA-256 of its SQL
//! (migration 0019). On every open the recorded checksums are compared with the embedded
//! migrations: a published migration whose SQL changed since this ledger applied it makes
//! the open refuse, naming the migration, before anything is written.
//!
//! A ledger from before the history (schema 18 and older) has only its `user_version`;
//! `applied_before_history` says which migrations that number meant in the builds that
//! wrote it, and those are recorded as `backfilled` when it is first opened.

use std::collections::BTreeSet;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::db::{Migration, MIGRATIONS};
use crate::error::{Error, ErrorCode, Result};

/// SQL a published migration had in some build before it settled, accepted in a
/// ledger's history beside today's: (version, SHA-256, which build had it).
pub(crate) const KNOWN_VARIANTS: &[(i64, &str, &str)] = &[
    // 0005 as first written (77b14ee, the depreciation branch, 2026-11-23 03:52–04:11),
    // before category defaults added `category_depreciation` (a46e4d9). Migration 0020
    // creates that table in a ledger made with it.
    (5, "52807c58bbe614c94a85a8db09c37dde3e183e2d557d55951ac4953548807b32", "0005 before category_depreciation (2026-11-23)"),
    // 0015 before its CREATE statements said IF NOT EXISTS (main 2026-12-06 21:10–21:32):
    // the same schema.
    (15, "bb39005d31b00e1bef3fd79637af8a14737f4c701278e604315bb2ed36583615", "0015 before IF NOT EXISTS (2026-12-06)"),
];

/// The checksum of a migration's SQL. Line ends are taken as LF, so a Windows checkout
/// that turned them into CRLF embeds the same migration.
pub(crate) fn checksum(sql: &str) -> String {
    let digest = Sha256::digest(sql.replace("\r\n", "\n").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What opening a ledger has to do: the migrations it lacks (in numeric order) and
/// the ones it has that are not recorded yet, with the checksum to record.
pub(crate) struct Plan {
    pub(crate) pending: Vec<&'static Migration>,
    backfill: Vec<(&'static Migration, String)>,
}

impl Plan {
    pub(crate) fn is_empty(&self) -> bool {
        self.pending.is_empty() && self.backfill.is_empty()
    }
}

fn table_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)", [name], |r| r.get(0))?)
}

/// The migrations a ledger at `user_version` has. Today `user_version` N means 0001..N.
/// Before migrations were applied in numeric order they ran in list order, which was
/// 0001–0005, 0007–0010, 0006, 0011… (0006_labels was merged after 0010), so 6..=9 meant
/// 0001–0005 and 0007..=N+1. And on main between 2026-11-23 04:23 and 04:32 (14f56d8 to
/// 4e6157a) card extras was merged before stocktake and depreciation: 4 meant 0001–0003
/// and 0007, 5 meant 0001–0004 and 0007. Such a ledger has the card-extras tables, which
/// a ledger at 4 or 5 from any other build does not.
fn applied_before_history(conn: &Connection, user_version: i64) -> Result<BTreeSet<i64>> {
    let prefix = |n: i64| (1..=n).collect::<BTreeSet<i64>>();
    Ok(match user_version {
        4 | 5 if table_exists(conn, "custom_fields")? => prefix(user_version - 1).into_iter().chain([7]).collect(),
        6..=9 => prefix(5).into_iter().chain(7..=user_version + 1).collect(),
        n => prefix(n),
    })
}

/// The checksum a backfilled migration is recorded with: today's, except where the
/// ledger's schema shows it got a known earlier variant.
fn backfill_checksum(conn: &Connection, m: &'static Migration) -> Result<String> {
    if m.version == 5 && !table_exists(conn, "category_depreciation")? {
        return Ok(KNOWN_VARIANTS[0].1.to_string());
    }
    Ok(checksum(m.sql))
}

fn changed(m: &Migration, recorded: &str) -> Error {
    let (was, now) = (&recorded[..recorded.len().min(12)], checksum(m.sql));
    let now = &now[..12];
    Error::new(
        ErrorCode::MigrationChanged,
        format!(
            "this ledger was built with a different migration {name}.sql (checksum {was}…) than this AssetDesk has ({now}…): a published migration must never change, so the ledger is not opened. Nothing was changed; open it with the AssetDesk that last opened it and report this",
            name = m.name
        ),
        format!(
            "此台账建立时使用的迁移脚本 {name}.sql（校验值 {was}…）与本程序所带的（{now}…）不同：已发布的迁移脚本不得修改，因此不打开此台账。台账未做任何更改；请用上次打开它的 AssetDesk 版本打开，并报告此问题",
            name = m.name
        ),
    )
}

/// Reads and checks the ledger's history; refuses a changed migration.
pub(crate) fn plan(conn: &Connection, user_version: i64) -> Result<Plan> {
    let mut recorded: Vec<(i64, String)> = Vec::new();
    if table_exists(conn, "schema_migrations")? {
        let mut stmt = conn.prepare("SELECT version, sha256 FROM schema_migrations ORDER BY version")?;
        recorded = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    }
    // Rows above user_version are from a ledger set back on purpose (tests do): those
    // migrations are applied again and their rows replaced.
    for (version, sum) in recorded.iter().filter(|(v, _)| *v <= user_version) {
        let Some(m) = MIGRATIONS.iter().find(|m| m.version == *version) else { continue };
        let known = KNOWN_VARIANTS.iter().any(|(v, s, _)| v == version && s == sum);
        if *sum != checksum(m.sql) && !known {
            return Err(changed(m, sum));
        }
    }
    let applied = applied_before_history(conn, user_version)?;
    let recorded: BTreeSet<i64> = recorded.iter().map(|(v, _)| *v).filter(|v| *v <= user_version).collect();
    let mut plan = Plan { pending: Vec::new(), backfill: Vec::new() };
    for m in MIGRATIONS {
        if !applied.contains(&m.version) {
            plan.pending.push(m);
        } else if !recorded.contains(&m.version) {
            plan.backfill.push((m, backfill_checksum(conn, m)?));
        }
    }
    Ok(plan)
}

/// Records the plan's migrations in the transaction that applied them.
pub(crate) fn record(tx: &Connection, plan: &Plan) -> Result<()> {
    let now = crate::db::now();
    let mut insert = tx.prepare("INSERT OR REPLACE INTO schema_migrations(version, name, sha256, how, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (m, sum) in &plan.backfill {
        insert.execute(rusqlite::params![m.version, m.name, sum, "backfilled", now])?;
    }
    for m in &plan.pending {
        insert.execute(rusqlite::params![m.version, m.name, checksum(m.sql), "applied", now])?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "schema_history_tests.rs"]
mod tests;
