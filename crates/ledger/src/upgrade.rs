//! Upgrading keeps the ledger: a ledger written by an older AssetDesk is backed up,
//! verified, before this version migrates it, so whatever the migration (or the new
//! version) does, the clerk's data as it was is one restore away. Both the app and the
//! CLI open ledgers through `db::open`, which calls this before migrating.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::backup::{write_backup, RESTORE_POINTS_DIR};
use crate::error::{Error, ErrorCode, Result};

/// Restore points kept in the folder (shared with the ones a restore leaves).
const KEEP: usize = 10;

/// Writes a verified backup of the ledger at `file` (still at schema `from`) into its
/// restore-points folder, named `...-before-upgrade-FROM-to-TO.sqlite3`. Refuses, so
/// that nothing is migrated, when the backup cannot be written.
pub(crate) fn backup_before_migrating(conn: &Connection, file: &Path, from: i64, to: i64) -> Result<PathBuf> {
    let dir = file.parent().unwrap_or(Path::new(".")).join(RESTORE_POINTS_DIR);
    write_backup(conn, &dir, KEEP, &format!("-before-upgrade-{from}-to-{to}")).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!(
                "this AssetDesk must upgrade the ledger {} (schema {from} to {to}) and first saves a backup of it, which failed: {}. Nothing was changed; free disk space or allow writing to {}, then open it again",
                file.display(),
                e.message(crate::Lang::En),
                dir.display()
            ),
            format!(
                "新版本需要升级台账 {}（结构版本 {from} 升至 {to}），升级前须先备份，但备份失败：{}。未做任何更改；请释放磁盘空间或开通 {} 的写权限后重新打开",
                file.display(),
                e.message(crate::Lang::ZhCn),
                dir.display()
            ),
        )
        .with_field("file")
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rusqlite::Connection;

    use crate::{verify_backup, AssetInput, AssetQuery, Lang, Ledger, Settings, SetupInput};

    const PASSWORD: &str = "secret-123";

    /// The six indexes 0013 drops, as 0001 created them: recreating them and setting
    /// the version back gives exactly the ledger an AssetDesk at schema 12 wrote
    /// (0014 only empties the search index, which is rebuilt on open).
    fn make_it_schema_12(file: &Path) {
        let conn = Connection::open(file).unwrap();
        let foundation = include_str!("migrations/0001_foundation.sql");
        let mut recreated = 0;
        for statement in foundation.lines().map(str::trim) {
            let dropped = ["assets_status", "assets_dept", "assets_location", "assets_category", "assets_custodian", "assets_name"];
            if statement.starts_with("CREATE INDEX") && dropped.iter().any(|i| statement.contains(&format!("INDEX {i} "))) {
                conn.execute_batch(statement).unwrap();
                recreated += 1;
            }
        }
        assert_eq!(recreated, 6, "0001 creates the six indexes 0013 drops");
        // Later migrations that are not idempotent are undone too (0016 and 0017 are).
        conn.execute_batch("DROP TABLE label_print_jobs").unwrap();
        conn.pragma_update(None, "user_version", 12).unwrap();
    }

    fn index_count(file: &Path) -> i64 {
        let conn = Connection::open(file).unwrap();
        conn.query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('assets_status', 'assets_name')", [], |r| r.get(0)).unwrap()
    }

    fn restore_points(dir: &Path) -> Vec<std::path::PathBuf> {
        crate::list_backups(&dir.join("restore-points")).unwrap()
    }

    #[test]
    fn an_older_ledger_is_backed_up_verified_then_migrated_with_data_and_settings_intact() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("台账 数据");
        let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: PASSWORD.into(), ..Default::default() };
        let (mut ledger, admin) = Ledger::create(&dir, &setup).unwrap();
        let input = AssetInput { name: "联想笔记本".into(), category: "电子设备".into(), value: "5200.00".into(), ..Default::default() };
        let code = ledger.add_asset(&admin, &input).unwrap();
        let settings = Settings { asset_code_rule: "GD-{YYYY}-{SEQ4}".into(), language: Lang::En, ..ledger.settings().unwrap() };
        ledger.update_settings(&admin, &settings).unwrap();
        drop(ledger);
        let file = Ledger::file_in(&dir);
        make_it_schema_12(&file);
        assert_eq!(index_count(&file), 2);

        let mut ledger = Ledger::open(&dir).unwrap();

        let points = restore_points(&dir);
        assert_eq!(points.len(), 1, "one backup before the upgrade: {points:?}");
        let name = points[0].file_name().unwrap().to_string_lossy().to_string();
        let to = crate::db::schema_version();
        assert!(name.ends_with(&format!("-before-upgrade-12-to-{to}.sqlite3")), "{name}");
        let info = verify_backup(&points[0]).unwrap();
        assert_eq!((info.schema, info.assets, info.org_name.as_str()), (12, 1, "示例单位"), "the backup is the ledger as it was");
        assert_eq!(index_count(&points[0]), 2, "the backup holds schema 12 itself");

        assert_eq!(index_count(&file), 0, "the migration ran");
        let admin = ledger.login("admin", PASSWORD).unwrap();
        let asset = ledger.asset(&admin, &code).unwrap();
        assert_eq!((asset.row.name.as_str(), crate::format_money(asset.row.value)), ("联想笔记本", "5200.00".to_string()));
        assert_eq!(ledger.settings().unwrap(), settings, "the settings are kept");
        let search = ledger.list_assets(&admin, &AssetQuery { text: "联想".into(), ..Default::default() }).unwrap();
        assert_eq!(search.total, 1, "the search index is rebuilt");
        let audit = ledger.audit_entries(&admin, 5).unwrap();
        assert!(audit.iter().any(|e| e.action == "ledger_upgrade" && e.target == points[0].display().to_string()), "{audit:?}");
        assert!(ledger.verify_audit(&admin).unwrap().ok(), "the audit chain holds across the upgrade");
        drop(ledger);

        Ledger::open(&dir).unwrap();
        assert_eq!(restore_points(&dir).len(), 1, "a ledger at this version is not backed up again on open");
    }

    #[test]
    fn when_the_backup_cannot_be_written_nothing_is_migrated() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: PASSWORD.into(), ..Default::default() };
        drop(Ledger::create(&dir, &setup).unwrap());
        let file = Ledger::file_in(&dir);
        make_it_schema_12(&file);
        // A file where the restore-points folder should be: the backup cannot be made.
        std::fs::write(dir.join("restore-points"), "in the way").unwrap();

        let err = Ledger::open(&dir).err().expect("refused");
        assert!(err.message(Lang::En).contains("first saves a backup") && err.message(Lang::ZhCn).contains("升级前须先备份"), "{err}");
        let version: i64 = Connection::open(&file).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!((version, index_count(&file)), (12, 2), "the ledger is still at schema 12, untouched");
    }
}
