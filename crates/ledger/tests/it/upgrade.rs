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

/// The schema as sqlite_master holds it (without root pages), for comparing ledgers.
fn schema(file: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut stmt = conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    rows
}

/// A ledger at every schema a main build ever wrote (tests/fixtures/mainline, made by
/// replaying each build's migrations in its order: see schema_history_tests.rs) opens
/// with its data, backed up first, and ends with exactly the schema of a new ledger and
/// a migration history that says what it had and what this version added.
#[test]
fn a_ledger_at_every_schema_a_main_build_wrote_upgrades_to_exactly_a_new_ledgers_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let (new, _) = ledger::Ledger::create(&tmp.path().join("new"), &ledger::SetupInput {
        org_name: "示例单位".into(),
        admin_name: "admin".into(),
        admin_password: "secret-123".into(),
        ..Default::default()
    })
    .unwrap();
    let (want, latest) = (schema(&Ledger::file_in(new.dir())), schema_of(&Ledger::file_in(new.dir())) as usize);
    drop(new);

    let mut fixtures: Vec<_> = std::fs::read_dir(Path::new(FIXTURES).join("mainline")).unwrap().map(|e| e.unwrap().path()).collect();
    fixtures.sort();
    assert_eq!(fixtures.len(), 17, "schemas 1 to 17: {fixtures:?}");
    for fixture in fixtures {
        let dir = tmp.path().join(fixture.file_stem().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&fixture, Ledger::file_in(&dir)).unwrap();
        let made_at = schema_of(&Ledger::file_in(&dir));

        let mut ledger = Ledger::open(&dir).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
        let admin = ledger.login("管理员", "secret-123").unwrap();
        let laptop = ledger.asset(&admin, "ZC-2026-00001").unwrap();
        assert_eq!((laptop.row.name.as_str(), laptop.row.custodian.as_deref()), ("联想笔记本", Some("张伟")), "{}", fixture.display());
        let found = ledger.list_assets(&admin, &ledger::AssetQuery { text: "lxbjb 301".into(), ..Default::default() }).unwrap();
        assert_eq!(found.total, 1, "{}: the search index is built", fixture.display());
        assert!(ledger.verify_audit(&admin).unwrap().ok(), "{}", fixture.display());
        let points = list_backups(&dir.join("restore-points")).unwrap();
        assert_eq!((points.len(), verify_backup(&points[0]).unwrap().schema), (1, made_at), "{}", fixture.display());
        drop(ledger);

        assert_eq!(schema(&Ledger::file_in(&dir)), want, "{}: the upgraded schema is a new ledger's", fixture.display());
        let conn = rusqlite::Connection::open(Ledger::file_in(&dir)).unwrap();
        let hows: Vec<String> =
            conn.prepare("SELECT how FROM schema_migrations ORDER BY version").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        let backfilled = hows.iter().filter(|h| *h == "backfilled").count();
        assert_eq!((hows.len(), backfilled), (latest, made_at as usize), "{}: {hows:?}", fixture.display());
    }
}
