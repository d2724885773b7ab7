//! The built `assetdesk` binary against real ledger folders: the CLI.md contract.

mod support;
use support::*;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[test]
fn add_list_and_show_follow_the_json_contract() {
    let dir = init();
    let added = json(
        dir.path(),
        &[
            "asset", "add", "--name", "联想笔记本电脑", "--category", "电脑", "--dept", "行政部", "--location", "301室",
            "--custodian", "张三", "--value", "6999.5", "--acquired", "2025-03-01", "--life-years", "5", "--salvage-rate", "0.04",
            "--method", "double-declining", "--model", "T14", "--serial", "SN1",
        ],
    );
    let code = added["code"].as_str().unwrap().to_string();
    assert!(code.starts_with("ZC-"), "{code}");

    let list = json(dir.path(), &["asset", "list", "--query", "电脑"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    for (key, want) in [
        ("code", code.as_str()), ("name", "联想笔记本电脑"), ("category", "电脑"), ("status", "in_stock"),
        ("dept", "行政部"), ("location", "301室"), ("custodian", "张三"), ("value", "6999.50"),
    ] {
        assert_eq!(row[key], want, "{key}");
    }

    let card = json(dir.path(), &["asset", "show", &code]);
    assert_eq!(card["model"], "T14");
    assert_eq!(card["serial"], "SN1");
    assert_eq!(card["acquired"], "2025-03-01");
    assert_eq!(card["life_years"], 5);
    assert_eq!(card["salvage_rate"], "0.04");
    assert_eq!(card["method"], "double-declining");
    let history = card["history"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["kind"], "register");
    assert!(history[0]["doc"].as_str().unwrap().starts_with("XZ-"));
    assert_eq!(history[0]["date"].as_str().unwrap().len(), 10);
}

#[test]
fn list_filters_by_status_dept_location_and_limit() {
    let dir = init();
    for (name, dept) in [("桌子", "行政部"), ("椅子", "行政部"), ("电脑", "财务部")] {
        json(dir.path(), &["asset", "add", "--name", name, "--category", "家具", "--dept", dept]);
    }
    assert_eq!(json(dir.path(), &["asset", "list", "--dept", "行政部"]).as_array().unwrap().len(), 2);
    assert_eq!(json(dir.path(), &["asset", "list", "--status", "in_stock", "--limit", "1"]).as_array().unwrap().len(), 1);
    assert_eq!(json(dir.path(), &["asset", "list", "--status", "in_use"]).as_array().unwrap().len(), 0);
    let out = run(dir.path(), &["--json", "asset", "list", "--status", "borrowed"]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
}

#[test]
fn refusals_exit_1_with_a_stable_code_and_change_nothing() {
    let dir = init();
    let again = run(dir.path(), &["--json", "init", "--admin", "other"]);
    assert_eq!(again.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(err["error"]["code"], "already_initialized");

    let bad = run(dir.path(), &["--json", "asset", "add", "--name", "", "--category", "家具", "--value", "-3"]);
    assert_eq!(bad.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert_eq!(err["error"]["fields"], serde_json::json!(["name", "value"]));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr}");
    assert_eq!(json(dir.path(), &["asset", "list"]).as_array().unwrap().len(), 0);

    let missing = run(dir.path(), &["--json", "asset", "show", "ZC-0000-00000"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&missing.stdout).unwrap()["error"]["code"], "not_found");
}

#[test]
fn bad_usage_exits_2() {
    let dir = init();
    assert_eq!(run(dir.path(), &["asset", "frobnicate"]).status.code(), Some(2));
    assert_eq!(run(dir.path(), &["asset", "add", "--method", "magic"]).status.code(), Some(2));
}

#[test]
fn a_wrong_password_is_refused() {
    let dir = init();
    let out = Command::new(env!("CARGO_BIN_EXE_assetdesk"))
        .args(["--json", "--data-dir"])
        .arg(dir.path())
        .args(["asset", "list"])
        .env("ASSETDESK_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "unauthenticated");
}

#[test]
fn a_normal_user_acts_with_their_own_rights_and_scope() {
    let dir = init();
    json(dir.path(), &["asset", "add", "--name", "行政电脑", "--category", "电脑", "--dept", "行政部"]);
    json(dir.path(), &["asset", "add", "--name", "财务电脑", "--category", "电脑", "--dept", "财务部"]);
    json(dir.path(), &["user", "add", "clerk", "--role", "normal", "--dept", "行政部"]);

    let as_clerk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_assetdesk"))
            .args(["--json", "--user", "clerk", "--data-dir"])
            .arg(dir.path())
            .args(args)
            .env("ASSETDESK_PASSWORD", "clerk-pass")
            .output()
            .unwrap()
    };
    let list = as_clerk(&["asset", "list"]);
    let rows: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["dept"], "行政部");
    let add = as_clerk(&["asset", "add", "--name", "x", "--category", "电脑"]);
    assert_eq!(add.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&add.stdout).unwrap()["error"]["code"], "forbidden");
}

#[test]
fn registers_and_audit_from_the_command_line() {
    let dir = init();
    json(dir.path(), &["register", "add", "dept", "信息中心"]);
    json(dir.path(), &["register", "add", "person", "王五", "--dept", "信息中心"]);
    json(dir.path(), &["register", "rename", "dept", "信息中心", "信息部"]);
    json(dir.path(), &["register", "deactivate", "person", "王五"]);
    let people = json(dir.path(), &["register", "list", "person"]);
    assert_eq!(people[0]["name"], "王五");
    assert_eq!(people[0]["dept"], "信息部");
    assert_eq!(people[0]["active"], false);

    let verify = json(dir.path(), &["audit", "verify"]);
    assert_eq!(verify["ok"], true);
    assert!(verify["entries"].as_i64().unwrap() >= 5);
    let log = json(dir.path(), &["audit", "list", "--limit", "10"]);
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).filter(|a| *a != "login").collect();
    assert_eq!(actions[0], "register_deactivate", "logins are logged too, but the last change is the deactivation");
}

#[test]
fn edit_changes_only_the_flags_given() {
    let dir = init();
    let code = json(dir.path(), &["asset", "add", "--name", "打印机", "--category", "办公设备", "--value", "1200", "--model", "M1"])["code"]
        .as_str()
        .unwrap()
        .to_string();
    json(dir.path(), &["asset", "edit", &code, "--name", "激光打印机"]);
    let card = json(dir.path(), &["asset", "show", &code]);
    assert_eq!(card["name"], "激光打印机");
    assert_eq!(card["model"], "M1");
    assert_eq!(card["value"], "1200.00");
    assert_eq!(card["history"][1]["kind"], "edit");
}

fn add(dir: &Path, name: &str) -> String {
    json(dir, &["asset", "add", "--name", name, "--category", "电脑", "--dept", "行政部"])["code"].as_str().unwrap().to_string()
}

fn status_of(dir: &Path, code: &str) -> String {
    json(dir, &["asset", "show", code])["status"].as_str().unwrap().to_string()
}

#[test]
fn documents_move_assets_through_their_life() {
    let dir = init();
    let d = dir.path();
    let (a, b) = (add(d, "笔记本"), add(d, "台式机"));
    let issued = json(d, &["doc", "issue", "--to", "张三", "--dept", "财务部", &a, &b])["doc"].as_str().unwrap().to_string();
    assert!(issued.starts_with("LY-"), "{issued}");
    assert_eq!(status_of(d, &a), "in_use");
    assert_eq!(json(d, &["asset", "show", &a])["custodian"], "张三");
    json(d, &["doc", "return", "--from", &issued]);
    assert_eq!(status_of(d, &b), "in_stock");
    json(d, &["doc", "transfer", "--to-dept", "信息中心", "--location", "机房", &a]);
    assert_eq!(json(d, &["asset", "show", &a])["dept"], "信息中心");
    json(d, &["doc", "loan", "--borrower", "李四", "--due", "2099-12-31", &a]);
    assert_eq!(json(d, &["doc", "loans"])[0]["borrower"], "李四");
    json(d, &["doc", "loan-return", &a]);
    json(d, &["doc", "defect", "--note", "外壳裂纹", &a]);
    json(d, &["doc", "defect-clear", &a]);
    json(d, &["doc", "fault", "--note", "无法开机", &a]);
    assert_eq!(status_of(d, &a), "under_repair");
    let repair = json(d, &["doc", "repair", "--cost", "150", "--vendor", "服务站", &a])["doc"].as_str().unwrap().to_string();
    assert_eq!(json(d, &["doc", "show", &repair])["amount"], "150.00");
    json(d, &["doc", "scrap", "--reason", "老化", &a]);
    json(d, &["doc", "dispose", "--method", "sale", "--proceeds", "80", &a]);
    json(d, &["doc", "write-off", "--reason", "sold", &a]);
    assert_eq!(status_of(d, &a), "written_off");
    let kinds: Vec<String> =
        json(d, &["asset", "show", &a])["history"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        kinds,
        ["register", "issue", "return", "transfer", "loan", "loan-return", "defect", "defect-clear", "fault", "repair", "scrap", "dispose", "write-off"]
    );
}

#[test]
fn refused_documents_exit_1_and_void_reverses() {
    let dir = init();
    let d = dir.path();
    let a = add(d, "笔记本");
    let out = run(d, &["--json", "doc", "return", &a]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "conflict");
    let issued = json(d, &["doc", "issue", "--to", "张三", &a])["doc"].as_str().unwrap().to_string();
    let void = json(d, &["doc", "void", &issued, "--reason", "开错了"]);
    assert!(void["doc"].as_str().unwrap().starts_with("CX-"));
    assert_eq!(status_of(d, &a), "in_stock");
    assert_eq!(json(d, &["doc", "show", &issued])["state"], "voided");
    assert_eq!(run(d, &["doc", "loan", "--borrower", "x", &a]).status.code(), Some(2), "--due is required by the grammar");
}

#[test]
fn export_writes_the_filtered_list_as_a_workbook() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = init();
    let d = dir.path();
    add(d, "笔记本");
    json(d, &["asset", "add", "--name", "投影仪", "--category", "教学设备", "--value", "5600"]);
    let file = d.join("out.xlsx");
    let result = json(d, &["export", file.to_str().unwrap(), "--category", "教学设备"]);
    assert_eq!(result["rows"], 1);
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.height(), 2);
    assert_eq!(sheet.get((1, 1)), Some(&Data::String("投影仪".into())));
    assert_eq!(sheet.get((1, 9)), Some(&Data::Float(5600.0)));
    let log = json(d, &["audit", "list", "--limit", "5"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "export"), "the export is in the audit log: {log}");
}

#[test]
fn import_is_all_or_nothing_unless_told_and_never_duplicates() {
    let dir = init();
    let d = dir.path();
    let csv = d.join("旧台账.csv");
    std::fs::write(
        &csv,
        "某某单位固定资产台账\n资产编号,资产名称,资产类别,使用部门,原值(元),购置日期,使用状况\n\
         A-001,联想电脑,电脑,行政部,\"5,200.00\",2019.03.05,在用\n\
         A-002,打印机,办公设备,财务部,¥1800,2019年3月5日,闲置\n\
         A-003,,家具,财务部,300,2020/1/2,在用\n\
         合计,,,,\"7,300.00\",,\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();

    let dry = json(d, &["import", path, "--dry-run"]);
    assert_eq!((dry["rows_read"].as_i64(), dry["imported"].as_i64(), dry["would_import"].as_i64()), (Some(4), Some(0), Some(2)));
    assert_eq!(dry["errors"][0]["row"], 5, "rows are numbered as the spreadsheet shows them");
    assert_eq!(dry["errors"][0]["column"], "资产名称");
    assert_eq!(dry["new_registers"]["category"], serde_json::json!(["电脑", "办公设备"]), "what the import would create is listed");
    assert_eq!(dry["new_registers"]["dept"], serde_json::json!(["行政部", "财务部"]));

    let refused = run(d, &["--json", "import", path]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(json(d, &["asset", "list"]).as_array().unwrap().len(), 0, "nothing written when a row is bad");

    let done = json(d, &["import", path, "--skip-invalid"]);
    assert_eq!(done["imported"], 2);
    let card = json(d, &["asset", "show", "A-001"]);
    assert_eq!((card["status"].as_str(), card["value"].as_str(), card["acquired"].as_str()), (Some("in_use"), Some("5200.00"), Some("2019-03-05")));
    assert_eq!(json(d, &["asset", "show", "A-002"])["status"], "in_stock");

    let again = json(d, &["import", path, "--skip-invalid"]);
    assert_eq!((again["imported"].as_i64(), again["already_present"].as_i64()), (Some(0), Some(2)));
    assert_eq!(json(d, &["asset", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn accumulated_depreciation_in_the_sheet_becomes_the_opening_balance() {
    let dir = init();
    let d = dir.path();
    let csv = d.join("带折旧的台账.csv");
    // 120,000 over 10 years, no salvage: 1,000 a month from 2020-02, so 59,000 by 2024-12.
    std::fs::write(
        &csv,
        "资产编号,资产名称,资产类别,使用部门,原值,购置日期,折旧年限,残值率,折旧方法,累计折旧,折旧截止日期\n\
         B-001,数控车床,机器设备,生产部,120000,2020-01-10,10,0,平均年限法,\"59,000.00\",2024-12-31\n\
         B-002,铣床,机器设备,新车间,50000,2024-06-01,10,0,平均年限法,1000,2023-12-31\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();

    // The second row's balance predates its acquisition: the dry run names row and column.
    let dry = json(d, &["import", path, "--dry-run"]);
    assert_eq!(dry["would_import"], 1);
    assert_eq!(dry["errors"].as_array().unwrap().len(), 1, "{dry}");
    assert_eq!((dry["errors"][0]["row"].as_i64(), dry["errors"][0]["column"].as_str()), (Some(3), Some("累计折旧")));
    assert!(dry["errors"][0]["message"].as_str().unwrap().contains("2023-12"), "{dry}");
    let refused = run(d, &["--json", "import", path]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(json(d, &["asset", "list"]).as_array().unwrap().len(), 0, "all or nothing");

    let done = json(d, &["import", path, "--skip-invalid"]);
    assert_eq!((done["imported"].as_i64(), done["skipped"].as_i64()), (Some(1), Some(1)));
    let schedule = json(d, &["depreciation", "schedule", "B-001"]);
    assert_eq!(
        (schedule[0]["period"].as_str(), schedule[0]["amount"].as_str(), schedule[0]["accumulated"].as_str(), schedule[0]["net_book_value"].as_str()),
        (Some("2025-01"), Some("1000.00"), Some("60000.00"), Some("60000.00")),
        "depreciation carries on from the sheet's 59,000.00 at 2024-12"
    );
    let depts = json(d, &["asset", "list", "--dept", "新车间"]);
    assert_eq!(depts.as_array().unwrap().len(), 0, "the refused row left nothing behind");
}

#[test]
fn columns_mapped_by_hand_are_remembered_for_the_next_import() {
    let dir = init();
    let d = dir.path();
    let sheet = |name: &str, rows: &str| {
        let file = d.join(name);
        std::fs::write(&file, format!("物品,类别,内部编号,原值\n{rows}")).unwrap();
        file.to_str().unwrap().to_string()
    };
    let first = sheet("一月.csv", "订书机,办公用品,N-1,35\n");
    let bad = run(d, &["--json", "import", &first, "--map", "物品=nom"]);
    assert_eq!(bad.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert!(err["error"]["message"].as_str().unwrap().contains("unknown field 'nom'"), "{err}");

    // A dry run teaches nothing: the next plain import still finds no header.
    json(d, &["import", &first, "--dry-run", "--map", "物品=name", "--map", "内部编号=code"]);
    assert_eq!(run(d, &["import", &first]).status.code(), Some(1));

    let done = json(d, &["import", &first, "--map", "物品=name", "--map", "内部编号=code"]);
    assert_eq!(done["imported"], 1);
    let second = sheet("二月.csv", "碎纸机,办公设备,N-2,899\n");
    let again = json(d, &["import", &second]);
    assert_eq!(again["imported"], 1, "the words taught in January read February's sheet: {again}");
    let card = json(d, &["asset", "show", "N-2"]);
    assert_eq!((card["name"].as_str(), card["value"].as_str()), (Some("碎纸机"), Some("899.00")));
    let log = json(d, &["audit", "list", "--limit", "20"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "import_mapping"), "{log}");
}

#[test]
fn backups_are_created_verified_and_restored_from_the_command_line() {
    let dir = init();
    let d = dir.path();
    let code = add(d, "笔记本");
    let file = json(d, &["backup", "create", "--to", d.join("usb").to_str().unwrap()])["file"].as_str().unwrap().to_string();
    assert_eq!(json(d, &["backup", "verify", &file])["assets"], 1);
    add(d, "备份之后");
    let restored = json(d, &["backup", "restore", &file]);
    assert!(restored["restore_point"].as_str().unwrap().contains("restore-points"));
    let list = json(d, &["asset", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["code"], code.as_str());

    let bogus = d.join("bogus.sqlite3");
    std::fs::write(&bogus, b"not a database").unwrap();
    let out = run(d, &["--json", "backup", "verify", bogus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "invalid_input");
}

#[test]
fn an_admin_grants_and_revokes_role_functions_from_the_command_line() {
    let dir = init();
    let d = dir.path();
    add(d, "先有部门");
    json(d, &["user", "add", "clerk", "--role", "normal", "--dept", "行政部"]);
    json(d, &["user", "grant", "normal", "register_asset"]);
    let roles = json(d, &["user", "roles"]);
    let row = roles.as_array().unwrap().iter().find(|r| r["role"] == "normal" && r["permission"] == "register_asset").unwrap();
    assert_eq!((row["allowed"].as_bool(), row["default"].as_bool()), (Some(true), Some(false)));
    let as_clerk = Command::new(env!("CARGO_BIN_EXE_assetdesk"))
        .args(["--json", "--user", "clerk", "--data-dir"])
        .arg(d)
        .args(["asset", "add", "--name", "椅子", "--category", "电脑", "--dept", "行政部"])
        .env("ASSETDESK_PASSWORD", "clerk-pass")
        .output()
        .unwrap();
    assert!(as_clerk.status.success(), "{}", String::from_utf8_lossy(&as_clerk.stderr));
    assert_eq!(run(d, &["user", "revoke", "admin", "view_assets"]).status.code(), Some(2), "the admin role is not adjustable");
}

#[test]
fn supplier_and_warranty_are_kept_and_edited_from_the_command_line() {
    let dir = init();
    let d = dir.path();
    let added = json(d, &["asset", "add", "--name", "服务器", "--category", "电子设备", "--acquired", "2025-01-02", "--supplier", "某某科技", "--warranty-until", "2028-01-01"]);
    let code = added["code"].as_str().unwrap();
    let card = json(d, &["asset", "show", code]);
    assert_eq!((card["supplier"].as_str(), card["warranty_until"].as_str()), (Some("某某科技"), Some("2028-01-01")));
    json(d, &["asset", "edit", code, "--warranty-until", "2029-06-30"]);
    let card = json(d, &["asset", "show", code]);
    assert_eq!((card["supplier"].as_str(), card["warranty_until"].as_str()), (Some("某某科技"), Some("2029-06-30")), "only the flag given changes");
    let bad = run(d, &["--json", "asset", "edit", code, "--warranty-until", "2024-12-31"]);
    assert_eq!(bad.status.code(), Some(1), "a warranty ending before the purchase is refused");
}
