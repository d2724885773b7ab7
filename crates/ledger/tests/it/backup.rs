//! Backups of a real ledger: round trip, refusals that change nothing, pruning.

use ledger::{verify_backup, AssetQuery, ErrorCode, Ledger};

use crate::common::{laptop, setup};

fn dump(ledger_dir: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(Ledger::file_in(ledger_dir)).unwrap();
    let mut out = Vec::new();
    for table in ["assets", "documents", "journal", "people", "departments", "categories", "users", "settings"] {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        out.extend(rows.map(|r| format!("{table}:{}", r.unwrap())));
    }
    out
}

#[test]
fn a_backup_restores_every_table_exactly() {
    let mut f = setup();
    f.ledger.add_asset(&f.admin, &laptop("笔记本")).unwrap();
    let file = f.ledger.create_backup(&f.admin, None, 5).unwrap();
    let info = verify_backup(&file).unwrap();
    assert_eq!((info.assets, info.org_name.as_str()), (1, "示例单位"));
    let dir = f.ledger.dir().to_path_buf();
    drop(f.ledger);
    let before: Vec<String> = dump(&dir).into_iter().filter(|l| !l.starts_with("settings:")).collect();

    let mut ledger = Ledger::open(&dir).unwrap();
    let admin = ledger.login("admin", "secret1").unwrap();
    ledger.add_asset(&admin, &laptop("备份后新增")).unwrap();
    let point = ledger.restore_backup(&admin, &file).unwrap();
    assert!(point.is_file(), "a restore point was kept");
    assert_eq!(ledger.list_assets(&admin, &AssetQuery::default()).unwrap().total, 1);
    drop(ledger);
    let after: Vec<String> = dump(&dir).into_iter().filter(|l| !l.starts_with("settings:")).collect();
    assert_eq!(before, after);
}

#[test]
fn damaged_truncated_and_foreign_files_are_refused_and_nothing_changes() {
    let mut f = setup();
    f.ledger.add_asset(&f.admin, &laptop("笔记本")).unwrap();
    let good = f.ledger.create_backup(&f.admin, None, 5).unwrap();
    let truncated = good.with_file_name("assetdesk-truncated.sqlite3");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    std::fs::copy(format!("{}.sha256", good.display()), format!("{}.sha256", truncated.display())).unwrap();
    let err = verify_backup(&truncated).unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");

    let foreign = good.with_file_name("assetdesk-foreign.sqlite3");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t(x);").unwrap();
    assert_eq!(verify_backup(&foreign).unwrap_err().fields, vec!["file"]);

    let dir = f.ledger.dir().to_path_buf();
    let before = dump(&dir);
    let err = f.ledger.restore_backup(&f.admin, &truncated).err().unwrap();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(dump(&dir) == before, "the ledger is untouched");
    assert_eq!(f.ledger.list_assets(&f.admin, &AssetQuery::default()).unwrap().total, 1, "and still open");
}

#[test]
fn only_the_newest_backups_are_kept() {
    let mut f = setup();
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..4 {
        f.ledger.create_backup(&f.admin, Some(dir.path()), 2).unwrap();
    }
    assert_eq!(ledger::list_backups(dir.path()).unwrap().len(), 2);
    assert!(f.ledger.last_backup_at().unwrap().is_some());
}

/// Regression (crash harness): a backup killed mid-write left its `.partial` file and
/// checksum in the folder for ever. The next backup clears them, and never lists them.
#[test]
fn what_an_interrupted_backup_left_is_cleared_by_the_next_one() {
    let mut f = setup();
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".assetdesk-20260101-000000000.partial");
    std::fs::write(&stale, b"half a database").unwrap();
    std::fs::write(dir.path().join(".assetdesk-20260101-000000000.partial.sha256"), b"0 x\n").unwrap();
    let orphan = dir.path().join("assetdesk-20260102-000000000.sqlite3.sha256");
    std::fs::write(&orphan, b"0 x\n").unwrap();
    assert!(ledger::list_backups(dir.path()).unwrap().is_empty(), "partial files are never listed");

    let file = f.ledger.create_backup(&f.admin, Some(dir.path()), 5).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let backup = file.file_name().unwrap().to_str().unwrap().to_string();
    assert_eq!(names, vec![".assetdesk-backup.lock".to_string(), backup.clone(), format!("{backup}.sha256")]);
}
