//! A ledger written by a released AssetDesk, opened by this one: the clerk's data and
//! settings are all there, and when this version's schema is newer, a verified backup of
//! the ledger as it was sits in restore-points first. The fixture was made by release
//! 0.1.0's CLI (init, two assets, a user, an issue document); each release adds its own.

use std::path::Path;

use ledger::{format_money, list_backups, verify_backup, AssetStatus, Ledger, Role};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn schema_of(file: &Path) -> i64 {
    rusqlite::Connection::open(file).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

#[test]
fn a_ledger_made_by_release_0_1_0_opens_with_its_data_and_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("升级 测试");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(Path::new(FIXTURES).join("ledger-0.1.0/ledger.sqlite3"), Ledger::file_in(&dir)).unwrap();
    let made_at = schema_of(&Ledger::file_in(&dir));

    let mut ledger = Ledger::open(&dir).unwrap();
    let admin = ledger.login("管理员", "secret-123").unwrap();

    let points = list_backups(&dir.join("restore-points")).unwrap();
    if made_at < schema_of(&Ledger::file_in(&dir)) {
        assert_eq!(points.len(), 1, "a backup before the upgrade: {points:?}");
        let info = verify_backup(&points[0]).unwrap();
        // Two registrations and one issue.
        assert_eq!((info.schema, info.assets, info.documents), (made_at, 2, 3));
    } else {
        assert!(points.is_empty(), "no upgrade, no backup: {points:?}");
    }

    assert_eq!(ledger.settings().unwrap().org_name, "示例单位 总务处");
    let laptop = ledger.asset(&admin, "ZC-2026-00001").unwrap();
    assert_eq!((laptop.row.name.as_str(), format_money(laptop.row.value).as_str()), ("联想笔记本", "5200.00"));
    assert_eq!((laptop.row.status, laptop.row.custodian.as_deref(), laptop.life_years), (AssetStatus::InUse, Some("张伟"), Some(5)));
    assert_eq!(ledger.asset(&admin, "ZC-2026-00002").unwrap().row.name, "办公桌");
    let users = ledger.list_users(&admin).unwrap();
    assert!(users.iter().any(|u| u.name == "王会计" && u.role == Role::Normal && u.dept.as_deref() == Some("财务科")), "{users:?}");
    ledger.login("王会计", "clerk-pass-1").expect("the clerk's password still works");
    assert!(ledger.verify_audit(&admin).unwrap().ok(), "the audit chain holds");
}
