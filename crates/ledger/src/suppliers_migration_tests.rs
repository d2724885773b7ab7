//! Migration `asset_and_receipt_supplier_links` on a real ledger file holding the old
//! free-text suppliers: each distinct trimmed name becomes one register entry (an entry
//! of that name already there is reused), every asset and receipt that named it is
//! linked, voided receipts included, and running it again changes nothing.

use rusqlite::Connection;

use crate::db::MIGRATIONS;
use crate::{AssetInput, ItemInput, Ledger, MoveKind, MoveRequest, SetupInput, SupplierInput};

fn counts(conn: &Connection) -> (i64, i64, i64) {
    let n = |sql: &str| conn.query_row(sql, [], |r| r.get(0)).unwrap();
    (n("SELECT COUNT(*) FROM suppliers"), n("SELECT COUNT(*) FROM asset_suppliers"), n("SELECT COUNT(*) FROM consumable_move_suppliers"))
}

#[test]
fn old_supplier_texts_become_register_entries_linked_to_their_assets_and_receipts() {
    let migration = MIGRATIONS.iter().find(|m| m.name.ends_with("_asset_and_receipt_supplier_links")).expect("the migration is listed");
    let tmp = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret-123".into(), ..Default::default() };
    let (mut ledger, admin) = Ledger::create(tmp.path(), &setup).unwrap();
    let asset = |ledger: &mut Ledger, name: &str| ledger.add_asset(&admin, &AssetInput { name: name.into(), category: "电子设备".into(), ..AssetInput::default() }).unwrap();
    let codes = ["笔记本", "服务器", "交换机", "打印机"].map(|n| asset(&mut ledger, n));
    // A register entry of the same name as an old text, deactivated since: reused, not doubled.
    ledger.add_supplier(&admin, &SupplierInput { name: "联想服务站".into(), phone: "010-1234".into(), ..SupplierInput::default() }).unwrap();
    ledger.set_supplier_active(&admin, "联想服务站", false).unwrap();
    let item = ledger.add_consumable_item(&admin, &ItemInput { name: "A4 纸".into(), kind: "办公用纸".into(), unit: "包".into(), ..ItemInput::default() }).unwrap();
    let receive = |ledger: &mut Ledger| ledger.post_consumable(&admin, &MoveRequest { price: "25.00".into(), ..MoveRequest::new(MoveKind::Receive, &item, "10") }).unwrap();
    let (kept, voided) = (receive(&mut ledger), receive(&mut ledger));
    let path = Ledger::file_in(tmp.path());
    drop(ledger);

    // The texts as the old forms stored them (the old schema had only these columns).
    let conn = Connection::open(&path).unwrap();
    for (code, text) in codes.iter().zip([" 联想服务站 ", "某某科技\u{3000}", "某某科技", ""]) {
        conn.execute("UPDATE assets SET supplier = ?1 WHERE code = ?2", [text, code.as_str()]).unwrap();
    }
    conn.execute("UPDATE consumable_moves SET supplier = '晨光文具\t' WHERE kind = 'receive'", []).unwrap();
    drop(conn);
    let mut ledger = Ledger::open(tmp.path()).unwrap();
    let admin = ledger.login("admin", "secret-123").unwrap();
    ledger.void_consumable(&admin, &voided, "数量录错").unwrap();
    drop(ledger);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("DROP TABLE asset_suppliers; DROP TABLE consumable_move_suppliers;").unwrap();
    let before: i64 = conn.query_row("SELECT COUNT(*) FROM suppliers", [], |r| r.get(0)).unwrap();
    assert_eq!(before, 1);

    conn.execute_batch(migration.sql).unwrap();
    assert_eq!(counts(&conn), (3, 3, 2), "某某科技 and 晨光文具 added once each; three assets and both receipts linked");
    conn.execute_batch(migration.sql).unwrap();
    assert_eq!(counts(&conn), (3, 3, 2), "applied again, nothing changes");
    drop(conn);

    let mut ledger = Ledger::open(tmp.path()).unwrap();
    let admin = ledger.login("admin", "secret-123").unwrap();
    let supplier_of = |ledger: &Ledger, code: &str| ledger.asset(&admin, code).unwrap().supplier;
    let shown: Vec<String> = codes.iter().map(|c| supplier_of(&ledger, c)).collect();
    assert_eq!(shown, ["联想服务站", "某某科技", "某某科技", ""]);
    let names: Vec<(String, bool)> = ledger.list_suppliers(&admin).unwrap().into_iter().map(|s| (s.name, s.active)).collect();
    assert_eq!(names, [("晨光文具".to_string(), true), ("某某科技".to_string(), true), ("联想服务站".to_string(), false)]);
    assert_eq!(ledger.consumable_move(&admin, &kept).unwrap().supplier, "晨光文具");
    assert_eq!(ledger.consumable_move(&admin, &voided).unwrap().supplier, "晨光文具", "a voided receipt is linked too");

    // The link, not the old text, is what the card shows: a rename in the register shows.
    ledger.edit_supplier(&admin, "某某科技", &SupplierInput { name: "某某科技有限公司".into(), ..SupplierInput::default() }).unwrap();
    assert_eq!((supplier_of(&ledger, &codes[1]), supplier_of(&ledger, &codes[2])), ("某某科技有限公司".to_string(), "某某科技有限公司".to_string()));
    assert!(ledger.verify_audit(&admin).unwrap().ok());
}
