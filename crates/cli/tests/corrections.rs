//! Putting mistakes right (issue 20), through the real `assetdesk` on a real ledger
//! file: voiding registrations and import batches, reverting a card change, the
//! stocktake review (rejects, 非本系统编码), closed periods, loan extensions and the
//! documents list's filters.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{command, init, json, refused_error, run, run_in, NEW_USER_PASSWORD};

fn add(dir: &Path, name: &str, dept: &str) -> String {
    json(dir, &["asset", "add", "--name", name, "--category", "电脑", "--dept", dept, "--value", "1000"])["code"].as_str().unwrap().to_string()
}

fn card(dir: &Path, code: &str) -> Value {
    json(dir, &["asset", "show", code])
}

/// The 资产新增 document that registered `code`.
fn registration_of(dir: &Path, code: &str) -> String {
    card(dir, code)["history"][0]["doc"].as_str().unwrap().to_string()
}

#[test]
fn a_registration_is_voided_unless_a_later_document_holds_its_asset() {
    let dir = init();
    let d = dir.path();
    let wrong = add(d, "错登的电脑", "行政部");
    let used = add(d, "在用的电脑", "行政部");
    let reg = registration_of(d, &wrong);
    assert!(reg.starts_with("XZ-"), "{reg}");

    // A later document blocks the void, naming itself; nothing changes.
    let issued = json(d, &["doc", "issue", "--to", "张三", &used])["doc"].as_str().unwrap().to_string();
    let used_reg = registration_of(d, &used);
    let err = refused_error(d, &["doc", "void", &used_reg, "--reason", "登记错误"]);
    assert_eq!(err["code"], "conflict");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains(&issued) && message.contains(&used), "{message}");
    assert_eq!(card(d, &used)["status"], "in_use", "nothing changed");
    assert_eq!(json(d, &["doc", "show", &used_reg])["state"], "posted");

    // Without one, the asset is voided by a 冲销 document; it stays in the ledger.
    let void = json(d, &["doc", "void", &reg, "--reason", "登记错误"]);
    let void_no = void["doc"].as_str().unwrap();
    assert!(void_no.starts_with("CX-"), "{void}");
    let c = card(d, &wrong);
    assert_eq!(c["status"], "voided");
    assert_eq!(c["history"].as_array().unwrap().last().unwrap()["doc"], void_no);
    assert_eq!(json(d, &["doc", "show", &reg])["state"], "voided");
    // A voided asset takes no further document, and is not counted on Home.
    assert_eq!(refused_error(d, &["doc", "issue", "--to", "李四", &wrong])["code"], "conflict");
    let log = json(d, &["audit", "list", "--limit", "3"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "doc_void" && e["target"] == reg.as_str()), "{log}");

    // Voiding the issue first frees the other registration.
    json(d, &["doc", "void", &issued, "--reason", "开错了"]);
    json(d, &["doc", "void", &used_reg, "--reason", "登记错误"]);
    assert_eq!(card(d, &used)["status"], "voided");
}

fn write_sheet(dir: &Path) -> String {
    let csv = dir.join("旧台账.csv");
    std::fs::write(
        &csv,
        "资产编号,资产名称,资产类别,使用部门,原值(元),购置日期,使用状况\n\
         OLD-001,联想电脑,电脑,行政部,5200,2019-03-05,在用\n\
         OLD-002,打印机,办公设备,财务部,1800,2019-03-05,闲置\n\
         OLD-003,投影仪,办公设备,财务部,3000,2019-03-05,闲置\n",
    )
    .unwrap();
    csv.to_str().unwrap().to_string()
}

#[test]
fn an_import_batch_is_voided_whole_or_not_at_all_naming_the_rows_that_block_it() {
    let dir = init();
    let d = dir.path();
    let sheet = write_sheet(d);
    assert_eq!(json(d, &["import", &sheet])["imported"], 3);
    let batches = json(d, &["import", "list"]);
    assert_eq!(batches.as_array().unwrap().len(), 1, "{batches}");
    let batch = batches[0]["batch"].as_str().unwrap().to_string();
    assert_eq!((batches[0]["assets"].as_i64(), batches[0]["state"].as_str()), (Some(3), Some("posted")));
    assert_eq!(batches[0]["file"], "旧台账.csv", "the batch keeps the file's name, without its folder");

    // Two rows have later documents: the void names both rows and changes nothing.
    let scrap = json(d, &["doc", "scrap", "--reason", "损坏", "OLD-002"])["doc"].as_str().unwrap().to_string();
    let loan = json(d, &["doc", "loan", "--borrower", "王五", "--due", "2099-01-01", "OLD-003"])["doc"].as_str().unwrap().to_string();
    let err = refused_error(d, &["import", "void", &batch, "--reason", "导错文件"]);
    assert_eq!(err["code"], "conflict");
    let message = err["message"].as_str().unwrap();
    for expected in ["row 3", "OLD-002", &scrap, "row 4", "OLD-003", &loan, "nothing was changed"] {
        assert!(message.contains(expected), "{expected} in {message}");
    }
    assert!(!message.contains("OLD-001"), "the free row is not a blocker: {message}");
    assert_eq!(card(d, "OLD-001")["status"], "in_use");
    assert_eq!(card(d, "OLD-002")["status"], "scrapped");
    assert_eq!(json(d, &["import", "list"])[0]["state"], "posted");

    // Once those are voided, the whole batch goes.
    json(d, &["doc", "void", &scrap, "--reason", "误报废"]);
    json(d, &["doc", "void", &loan, "--reason", "误借"]);
    let void = json(d, &["import", "void", &batch, "--reason", "导错文件"]);
    assert_eq!(void["voided"], batch.as_str());
    for code in ["OLD-001", "OLD-002", "OLD-003"] {
        assert_eq!(card(d, code)["status"], "voided", "{code}");
    }
    let listed = json(d, &["import", "list"]);
    assert_eq!((listed[0]["state"].as_str(), listed[0]["voided_by"].as_str()), (Some("voided"), void["doc"].as_str()));
    // Not an import batch: refused by name.
    let plain = registration_of(d, &add(d, "台式机", "行政部"));
    assert_eq!(refused_error(d, &["import", "void", &plain, "--reason", "x"])["code"], "not_found");
}

#[test]
fn the_import_batches_are_searched_filtered_and_exported_as_listed() {
    let dir = init();
    let d = dir.path();
    json(d, &["import", &write_sheet(d)]);
    let second = d.join("补录.csv");
    std::fs::write(&second, "资产编号,资产名称,资产类别,使用部门,原值(元)\nNEW-001,白板,办公设备,行政部,300\n").unwrap();
    json(d, &["import", second.to_str().unwrap()]);
    let all = json(d, &["import", "list"]);
    let (newer, older) = (all[0]["batch"].as_str().unwrap().to_string(), all[1]["batch"].as_str().unwrap().to_string());
    assert_eq!((all[0]["file"].as_str(), all[1]["file"].as_str()), (Some("补录.csv"), Some("旧台账.csv")));
    json(d, &["import", "void", &newer, "--reason", "重复导入"]);

    let batches = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["import", "list"];
        full.extend_from_slice(args);
        json(d, &full).as_array().unwrap().iter().map(|b| b["batch"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(batches(&["--query", "旧台账"]), vec![older.clone()]);
    assert_eq!(batches(&["--state", "voided"]), vec![newer.clone()]);
    assert_eq!(batches(&["--state", "posted"]), vec![older.clone()]);
    assert!(batches(&["--query", "旧台账", "--state", "voided"]).is_empty());

    let file = d.join("导入记录.xlsx");
    batches(&["--state", "voided", "--xlsx", file.to_str().unwrap()]);
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let range = book.worksheet_range("Import batches").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.len(), 2, "the export holds what the list shows: {rows:?}");
    assert_eq!(rows[0][..3], ["Batch", "Date", "File"]);
    assert_eq!((rows[1][0].as_str(), rows[1][2].as_str(), rows[1][4].as_str(), rows[1][5].as_str()), (newer.as_str(), "补录.csv", "1", "voided"));
    assert!(rows[1][6].starts_with("CX-"), "{rows:?}");
}

#[test]
fn a_card_change_is_kept_before_and_after_and_voiding_it_puts_it_back() {
    let dir = init();
    let d = dir.path();
    let code = add(d, "笔记本", "行政部");
    json(d, &["asset", "edit", &code, "--name", "笔记本电脑", "--value", "1200"]);
    let change = card(d, &code)["history"][1]["doc"].as_str().unwrap().to_string();
    assert!(change.starts_with("BG-"), "{change}");
    let void = json(d, &["doc", "void", &change, "--reason", "改错了"]);
    let c = card(d, &code);
    assert_eq!((c["name"].as_str(), c["value"].as_str()), (Some("笔记本"), Some("1000.00")));
    assert_eq!(json(d, &["doc", "show", &change])["voided_by"], void["doc"]);
    let log = json(d, &["audit", "list", "--limit", "3"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "asset_edit_revert"), "{log}");
    // Already put back: refused.
    assert_eq!(refused_error(d, &["doc", "void", &change, "--reason", "again"])["code"], "conflict");
}

fn stocktake_ledger() -> tempfile::TempDir {
    let dir = init();
    for (code, loc) in [("ZC-2026-00001", "301"), ("ZC-2026-00002", "301")] {
        json(dir.path(), &["asset", "add", "--code", code, "--name", "电脑", "--category", "电脑", "--dept", "行政部", "--location", loc, "--value", "1000"]);
    }
    dir
}

#[test]
fn review_flags_stray_codes_and_close_leaves_out_what_was_not_accepted() {
    let dir = stocktake_ledger();
    let d = dir.path();
    let id = json(d, &["stocktake", "new", "--name", "年末盘点", "--dept", "行政部"])["id"].as_i64().unwrap().to_string();
    // A book's ISBN, and a code of ours the ledger does not know.
    let out = run(d, &["--json", "stocktake", "scan", &id, "ZC-2026-00001", "9787111213826", "ZC-2026-00099"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let lines = json(d, &["stocktake", "review", &id]);
    let line = |code: &str| lines.as_array().unwrap().iter().find(|l| l["line"] == code).cloned().unwrap_or_else(|| panic!("{code} in {lines}"));
    assert_eq!((line("9787111213826")["verdict"].as_str(), line("9787111213826")["foreign"].as_bool()), (Some("surplus"), Some(true)));
    assert_eq!(line("9787111213826")["applies"], false, "a stray code never becomes an asset by default");
    assert_eq!((line("ZC-2026-00099")["foreign"].as_bool(), line("ZC-2026-00099")["applies"].as_bool()), (Some(false), Some(false)), "only an accepted line applies");
    assert_eq!(line("ZC-2026-00002")["verdict"], "missing");
    let text = String::from_utf8_lossy(&run(d, &["stocktake", "review", &id]).stdout).to_string();
    assert!(text.contains("非本系统编码"), "{text}");

    // Reject the missing line (it is at the repair shop), accept nothing else.
    let rejected = json(d, &["stocktake", "review", &id, "ZC-2026-00002", "--reject"]);
    assert_eq!((rejected["decision"].as_str(), rejected["applies"].as_bool()), (Some("rejected"), Some(false)));
    assert_eq!(refused_error(d, &["stocktake", "review", &id, "ZC-2026-00001", "--accept"])["code"], "not_found", "a found asset is no difference line");
    assert_eq!(refused_error(d, &["stocktake", "review", &id, "ZC-2026-00099", "--note", " "])["code"], "invalid_input");
    assert_eq!(run(d, &["stocktake", "review", &id, "ZC-2026-00099", "--accept", "--reject"]).status.code(), Some(2), "one decision at a time");

    // Two lines are unreviewed: close refuses, naming them and not the rejected one.
    let refused = refused_error(d, &["stocktake", "close", &id, "--apply"]);
    let message = refused["message"].as_str().unwrap();
    assert!(message.contains("9787111213826") && message.contains("ZC-2026-00099") && !message.contains("ZC-2026-00002"), "{message}");
    assert_eq!(refused_error(d, &["stocktake", "close", &id, "--apply", "--unreviewed", "maybe"])["fields"][0], "unreviewed");
    // Applied as accepted: the code of ours is registered, the stray code still is not.
    let closed = json(d, &["stocktake", "close", &id, "--apply", "--unreviewed", "accept"]);
    assert_eq!(closed["registered"], serde_json::json!(["ZC-2026-00099"]), "{closed}");
    assert_eq!(closed["marked_missing"], serde_json::json!([]), "the rejected line is not applied: {closed}");
    let kept: Vec<&str> = closed["not_applied"].as_array().unwrap().iter().map(|l| l["line"].as_str().unwrap()).collect();
    assert_eq!(kept.len(), 2, "{closed}");
    assert!(kept.contains(&"9787111213826") && kept.contains(&"ZC-2026-00002"), "{closed}");
    assert_eq!(card(d, "ZC-2026-00002")["status"], "in_stock");
    assert_eq!(refused_error(d, &["asset", "show", "9787111213826"])["code"], "not_found", "no surplus asset for the stray code");
    let log = json(d, &["audit", "list", "--limit", "5"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "stocktake_review"), "{log}");
    // After close the review is read-only.
    assert_eq!(refused_error(d, &["stocktake", "review", &id, "ZC-2026-00002", "--accept"])["code"], "conflict");
}

#[test]
fn an_accepted_stray_code_is_registered_at_close() {
    let dir = stocktake_ledger();
    let d = dir.path();
    let id = json(d, &["stocktake", "new", "--name", "盘点"])["id"].as_i64().unwrap().to_string();
    assert!(run(d, &["stocktake", "scan", &id, "ZC-2026-00001", "ZC-2026-00002", "X9"]).status.success());
    assert_eq!(json(d, &["stocktake", "review", &id])[0]["foreign"], true);
    json(d, &["stocktake", "review", &id, "X9", "--accept"]);
    let closed = json(d, &["stocktake", "close", &id, "--apply"]);
    assert_eq!(closed["registered"], serde_json::json!(["X9"]));
    assert_eq!(closed["not_applied"], serde_json::json!([]));
}

#[test]
fn a_document_dated_into_a_closed_period_is_refused_until_the_period_is_reopened() {
    let dir = init();
    let d = dir.path();
    let code = lathe_with_february_2020_closed(d);

    let err = refused_error(d, &["doc", "issue", "--to", "张三", "--date", "2020-02-20", &code]);
    assert_eq!(err["code"], "conflict");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("2020-02-20") && message.contains("closed period") && message.contains("2020-02"), "{message}");
    assert_eq!(card(d, &code)["status"], "in_stock", "nothing changed");
    assert_eq!(refused_error(d, &["doc", "scrap", "--reason", "x", "--date", "2019-12-01", &code])["code"], "conflict", "earlier months are closed too");
    // A later date is open.
    json(d, &["doc", "issue", "--to", "张三", "--date", "2020-03-02", &code]);
    json(d, &["doc", "return", "--date", "2020-03-03", &code]);

    // Re-opening (admin, audited) lets the document in.
    json(d, &["depreciation", "reopen", "--period", "2020-02", "--reason", "补录领用单"]);
    json(d, &["doc", "transfer", "--to-dept", "车间", "--date", "2020-02-20", &code]);
    let log = json(d, &["audit", "list", "--limit", "5"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "depreciation_reopen"), "{log}");
}

#[test]
fn a_loan_is_extended_with_a_new_due_date_shown_in_history() {
    let dir = init();
    let d = dir.path();
    let code = add(d, "相机", "行政部");
    json(d, &["doc", "loan", "--borrower", "李四", "--due", "2099-01-31", &code]);
    let ext = json(d, &["doc", "extend", &code, "--due", "2099-03-31", "--notes", "展会延期"]);
    let ext_no = ext["doc"].as_str().unwrap().to_string();
    assert!(ext_no.starts_with("XJ-"), "{ext}");
    let loans = json(d, &["doc", "loans"]);
    assert_eq!((loans[0]["due"].as_str(), loans[0]["borrower"].as_str()), (Some("2099-03-31"), Some("李四")));
    let last = card(d, &code)["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["doc"].as_str(), last["kind"].as_str()), (Some(ext_no.as_str()), Some("loan-extend")));
    // An earlier (or the same) date is no extension; an asset not on loan has none.
    let err = refused_error(d, &["doc", "extend", &code, "--due", "2099-02-01"]);
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("2099-03-31"), "{err}");
    assert_eq!(refused_error(d, &["doc", "extend", &add(d, "笔记本", "行政部"), "--due", "2099-01-01"])["code"], "conflict");
    // Voiding the extension puts the earlier due date back.
    json(d, &["doc", "void", &ext_no, "--reason", "不续借了"]);
    assert_eq!(json(d, &["doc", "loans"])[0]["due"], "2099-01-31");
}

#[test]
fn the_documents_list_filters_by_date_kind_department_person_and_state() {
    let dir = init();
    let d = dir.path();
    let (a, b) = (add(d, "笔记本", "行政部"), add(d, "打印机", "财务部"));
    let issue_a = json(d, &["doc", "issue", "--to", "张三", "--date", "2026-01-10", &a])["doc"].as_str().unwrap().to_string();
    let issue_b = json(d, &["doc", "issue", "--to", "李四", "--date", "2026-02-10", &b])["doc"].as_str().unwrap().to_string();
    json(d, &["doc", "void", &issue_b, "--reason", "开错了"]);
    let docs = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["doc", "list"];
        all.extend_from_slice(args);
        json(d, &all).as_array().unwrap().iter().map(|r| r["doc"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(docs(&["--from", "2026-01-01", "--to", "2026-01-31"]), [issue_a.clone()]);
    assert_eq!(docs(&["--kind", "issue", "--dept", "财务部"]), [issue_b.clone()]);
    assert_eq!(docs(&["--person", "张三"]), [issue_a.clone()]);
    assert_eq!(docs(&["--kind", "issue", "--state", "voided"]), [issue_b.clone()]);
    assert_eq!(docs(&["--kind", "issue", "--state", "posted"]), [issue_a]);
    let err = refused_error(d, &["doc", "list", "--state", "done"]);
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("posted"), "{err}");
}

#[test]
fn a_voided_registration_takes_its_asset_out_of_depreciation_and_the_register() {
    let dir = init();
    let d = dir.path();
    let args = |name: &'static str| {
        ["asset", "add", "--name", name, "--category", "机器设备", "--value", "100000", "--acquired", "2025-01-05", "--life-years", "5", "--salvage-rate", "4%"]
    };
    let kept = json(d, &args("车床"))["code"].as_str().unwrap().to_string();
    let wrong = json(d, &args("错登的车床"))["code"].as_str().unwrap().to_string();
    let preview = json(d, &["depreciation", "run", "--period", "2025-02", "--preview"]);
    assert_eq!((preview["assets"].as_i64(), preview["total"].as_str()), (Some(2), Some("3200.00")));

    json(d, &["doc", "void", &registration_of(d, &wrong), "--reason", "登记错误"]);
    let preview = json(d, &["depreciation", "run", "--period", "2025-02", "--preview"]);
    assert_eq!((preview["assets"].as_i64(), preview["total"].as_str()), (Some(1), Some("1600.00")), "the voided asset is not charged: {preview}");
    let register = run(d, &["--json", "report", "register", "--at", "2025-02"]);
    let text = String::from_utf8_lossy(&register.stdout);
    assert!(text.contains(&kept) && !text.contains(&wrong), "the register lists only the asset on the books: {text}");
}

#[test]
fn a_stray_code_is_flagged_in_the_scan_output_itself() {
    let dir = stocktake_ledger();
    let d = dir.path();
    let id = json(d, &["stocktake", "new", "--name", "盘点"])["id"].as_i64().unwrap().to_string();
    let out = run(d, &["--json", "stocktake", "scan", &id, "9787111213826", "ZC-2026-00099"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((lines[0]["verdict"].as_str(), lines[0]["foreign"].as_bool()), (Some("surplus"), Some(true)), "{lines:?}");
    assert_eq!((lines[1]["verdict"].as_str(), lines[1]["foreign"].as_bool()), (Some("surplus"), Some(false)), "{lines:?}");
    let text = String::from_utf8_lossy(&run_in(d, "zh_CN", &["stocktake", "scan", &id, "9787111213827"]).stdout).to_string();
    assert!(text.starts_with("9787111213827\tsurplus\t非本系统编码"), "{text}");
    let text = String::from_utf8_lossy(&run_in(d, "en", &["stocktake", "scan", &id, "ZC-2026-00098"]).stdout).to_string();
    assert!(!text.contains("非本系统编码"), "a code of ours is a plain surplus: {text}");
}

#[test]
fn only_an_admin_reopens_a_period_and_the_audit_says_who_when_and_why() {
    let dir = init();
    let d = dir.path();
    let code = lathe_with_february_2020_closed(d);
    json(d, &["user", "add", "head", "--role", "power"]);
    let audit_len = || json(d, &["audit", "list", "--limit", "1000"]).as_array().unwrap().iter().filter(|e| e["action"] != "login").count();
    let before = audit_len();

    // A power user may run depreciation but not re-open a closed month.
    let out = command(d, &["--json", "--user", "head", "depreciation", "reopen", "--period", "2020-02", "--reason", "补录"])
        .env("ASSETDESK_PASSWORD", NEW_USER_PASSWORD)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["error"].clone();
    assert_eq!(err["code"], "forbidden", "{err}");
    assert_eq!(audit_len(), before, "a refused re-open changes nothing");
    assert_eq!(refused_error(d, &["doc", "issue", "--to", "张三", "--date", "2020-02-20", &code])["code"], "conflict", "still closed");
    // A reason is required.
    assert_eq!(refused_error(d, &["depreciation", "reopen", "--period", "2020-02", "--reason", " "])["fields"][0], "reason");

    json(d, &["depreciation", "reopen", "--period", "2020-02", "--reason", "补录领用单"]);
    let status = json(d, &["depreciation", "status"]);
    let period = status["periods"].as_array().unwrap().iter().find(|p| p["period"] == "2020-02").cloned().unwrap();
    assert_eq!((period["state"].as_str(), period["reopened_by"].as_str(), period["reopen_reason"].as_str()), (Some("reopened"), Some("admin"), Some("补录领用单")), "{period}");
    let log = json(d, &["audit", "list", "--limit", "20"]);
    let entry = log.as_array().unwrap().iter().find(|e| e["action"] == "depreciation_reopen").cloned().unwrap_or_else(|| panic!("{log}"));
    assert_eq!((entry["user"].as_str(), entry["target"].as_str(), entry["detail"].as_str()), (Some("admin"), Some("2020-02"), Some("补录领用单")), "{entry}");
    assert!(entry["at"].as_str().is_some_and(|at| at.starts_with("20")), "{entry}");
    assert_eq!(json(d, &["audit", "verify"])["ok"], true);
}

/// A lathe acquired in January 2020 and February 2020's depreciation run, which closes
/// that month; returns the lathe's code.
fn lathe_with_february_2020_closed(d: &std::path::Path) -> String {
    let added = json(d, &["asset", "add", "--name", "车床", "--category", "机器", "--value", "96000", "--acquired", "2020-01-05", "--life-years", "5", "--salvage-rate", "0"]);
    json(d, &["depreciation", "run", "--period", "2020-02"]);
    added["code"].as_str().unwrap().to_string()
}
