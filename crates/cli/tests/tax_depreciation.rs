//! `assetdesk depreciation tax` and `tax-report` (issue 21) through the built binary: a
//! category's tax life inherited by its subcategory, an asset's own one-time deduction,
//! the report's JSON with the hand-worked figures (see the ledger's
//! tests/it/tax_depreciation.rs), its workbook read back, a refusal that changes nothing,
//! and a government ledger's refusal.

mod support;
use support::*;

use serde_json::json;

#[test]
fn category_and_asset_tax_settings_give_the_hand_worked_report_and_workbook() {
    let dir = init();
    let d = dir.path();
    json(d, &["register", "category", "add", "电子设备"]);
    json(d, &["register", "category", "add", "服务器", "--parent", "电子设备"]);
    let server = json(d, &["asset", "add", "--name", "机架服务器", "--category", "服务器", "--value", "36000", "--acquired", "2025-06-15", "--life-years", "5", "--salvage-rate", "0"]);
    let server = server["code"].as_str().unwrap().to_string();
    let lathe = json(d, &["asset", "add", "--name", "数控车床", "--category", "机器设备", "--value", "120000", "--acquired", "2026-03-10", "--life-years", "10", "--salvage-rate", "5%"]);
    let lathe = lathe["code"].as_str().unwrap().to_string();

    let listed = json(d, &["depreciation", "tax", "电子设备", "--method", "straight-line", "--life", "3"]);
    assert_eq!(listed, json!([{"category": "电子设备", "method": "straight-line", "label": "straight-line 3 y", "life_months": 36}]));
    json(d, &["depreciation", "tax", "--asset", &lathe, "--method", "一次性扣除"]);

    let report = json(d, &["depreciation", "tax-report", "--to", "2026-12"]);
    assert_eq!((report["from"].as_str(), report["to"].as_str()), (Some("2026-01"), Some("2026-12")), "the tax year so far by default");
    let line = |code: &str| report["lines"].as_array().unwrap().iter().find(|l| l["code"] == code).cloned().unwrap();
    let s = line(&server);
    assert_eq!(
        (s["source"].clone(), s["book_charge"].clone(), s["tax_charge"].clone(), s["adjustment"].clone(), s["temporary_difference"].clone()),
        (json!("category"), json!("7200.00"), json!("12000.00"), json!("-4800.00"), json!("7200.00"))
    );
    let l = line(&lathe);
    assert_eq!((l["source"].clone(), l["method"].clone(), l["tax_charge"].clone(), l["adjustment"].clone()), (json!("asset"), json!("one-time"), json!("120000.00"), json!("-111450.00")));
    assert_eq!((report["book_charge"].as_str(), report["tax_charge"].as_str(), report["adjustment"].as_str()), (Some("15750.00"), Some("132000.00"), Some("-116250.00")));

    let file = d.join("税务折旧.xlsx");
    let out = run_in(d, "zh-CN", &["depreciation", "tax-report", "--to", "2026-12", "--xlsx", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let range = book.worksheet_range("税务折旧").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!((rows[0][7].to_string(), rows[0][8].to_string(), rows[0][9].to_string()), ("账载折旧".into(), "税收折旧".into(), "纳税调整".into()));
    let total = rows.last().unwrap();
    assert_eq!((total[0].to_string(), total[9].to_string()), ("合计".into(), "-116250".into()));

    // A bad life changes nothing; clearing the asset's own setting falls back to the book.
    let error = refused_error(d, &["depreciation", "tax", "--asset", &server, "--method", "straight-line", "--life", "三年"]);
    assert_eq!(error["code"], "invalid_input");
    assert!(error["message"].as_str().unwrap().contains("tax life"), "{error}");
    json(d, &["depreciation", "tax", "--asset", &lathe, "--clear"]);
    let after = json(d, &["depreciation", "tax-report", "--from", "2026-04", "--to", "2026-04"]);
    let l = after["lines"].as_array().unwrap().iter().find(|l| l["code"] == lathe.as_str()).cloned().unwrap();
    assert_eq!((l["source"].clone(), l["tax_charge"].clone(), l["adjustment"].clone()), (json!("book"), json!("950.00"), json!("0.00")));
}

#[test]
fn a_government_ledger_has_no_tax_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["init", "--admin", "admin", "--company", "示范学校", "--regime", "government"]).status.success());
    let error = refused_error(d, &["depreciation", "tax", "电子设备", "--method", "straight-line", "--life", "3"]);
    assert_eq!(error["code"], "conflict");
    assert_eq!(refused_error(d, &["depreciation", "tax-report", "--to", "2026-12"])["code"], "conflict");
    assert_eq!(json(d, &["depreciation", "tax"]), json!([]), "nothing was stored");
}
