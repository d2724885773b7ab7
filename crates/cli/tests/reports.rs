//! `assetdesk report ...` (issue 9) against a real ledger folder: the JSON rows and totals,
//! and the exported workbook (calamine) and PDF (pdftotext) read back.

mod support;
use support::*;

use std::path::Path;
use std::process::Command;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

fn json(dir: &Path, args: &[&str]) -> Value {
    json_in(dir, "en", args)
}

/// 车床 (100,000) and 钻床 (50,000) in 生产部, 货车 (100,000) in 物流部, all straight-line
/// over 5 years with 4% salvage from January 2025: 1,600.00 and 800.00 a month.
fn ledger() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), "en", &["init", "--admin", "admin", "--company", "示例单位"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut codes = Vec::new();
    for (name, category, dept, value) in [("车床", "机器设备", "生产部", "100000"), ("货车", "运输设备", "物流部", "100000"), ("钻床", "机器设备", "生产部", "50000")] {
        let added = json(
            dir.path(),
            &[
                "asset", "add", "--name", name, "--category", category, "--dept", dept, "--location", "一号车间", "--value", value, "--acquired", "2025-01-05",
                "--life-years", "5", "--salvage-rate", "4%", "--serial", "SN-1",
            ],
        );
        codes.push(added["code"].as_str().unwrap().to_string());
    }
    (dir, codes)
}

fn cell(row: &[Data], i: usize) -> String {
    row[i].to_string()
}

#[test]
fn register_json_has_the_chosen_columns_group_subtotals_and_totals_as_strings() {
    let (dir, codes) = ledger();
    let report = json(dir.path(), &["report", "register", "--at", "2025-06", "--group-by", "dept", "--columns", "code,name,value,accumulated,net_value"]);
    assert_eq!(report["period"], "2025-06");
    assert_eq!(report["group_by"], "dept");
    assert_eq!(report["columns"], serde_json::json!(["code", "name", "value", "accumulated", "net_value"]));
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.iter().map(|g| g["name"].as_str().unwrap()).collect::<Vec<_>>(), ["物流部", "生产部"]);
    assert_eq!(groups[1]["rows"][1], serde_json::json!({"code": codes[2], "name": "钻床", "value": "50000.00", "accumulated": "4000.00", "net_value": "46000.00"}));
    assert_eq!(groups[1]["totals"], serde_json::json!({"count": 2, "value": "150000.00", "accumulated": "12000.00", "net_value": "138000.00"}));
    assert_eq!(report["total"], serde_json::json!({"count": 3, "value": "250000.00", "accumulated": "20000.00", "net_value": "230000.00"}));

    // In English the workbook says so too.
    let xlsx = dir.path().join("register-en.xlsx");
    json(dir.path(), &["report", "register", "--at", "2025-06", "--group-by", "dept", "--columns", "code,name,net_value", "--xlsx", xlsx.to_str().unwrap()]);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("Register").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0].iter().map(|c| c.to_string()).collect::<Vec<_>>(), ["Code", "Name", "Net book value"]);
    assert_eq!((cell(rows[2], 0), cell(rows[5], 0), cell(rows[6], 0)), ("Subtotal 物流部 (1 asset)".into(), "Subtotal 生产部 (2 assets)".into(), "Total (3 assets)".into()));

    let filtered = json(dir.path(), &["report", "register", "--at", "2025-06-30", "--category", "运输设备", "--columns", "code,serial,status,net_value"]);
    assert_eq!(filtered["period"], "2025-06", "a date values at the end of its month");
    assert_eq!(filtered["groups"][0]["rows"], serde_json::json!([{"code": codes[1], "serial": "SN-1", "status": "in_stock", "net_value": "92000.00"}]));

    let bad = run_in(dir.path(), "en", &["--json", "report", "register", "--columns", "code,price"]);
    assert_eq!(bad.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert!(err["error"]["message"].as_str().unwrap().contains("price"));
}

#[test]
fn the_register_workbook_and_pdf_read_back_with_chinese_headers_groups_and_totals() {
    let (dir, codes) = ledger();
    let xlsx = dir.path().join("台账.xlsx");
    let pdf = dir.path().join("台账.pdf");
    let fingerprint = json(dir.path(), &["audit", "verify"])["fingerprint"].as_str().unwrap().to_string();
    json_in(
        dir.path(),
        "zh_CN",
        &["report", "register", "--at", "2025-06", "--group-by", "dept", "--xlsx", xlsx.to_str().unwrap(), "--pdf", pdf.to_str().unwrap()],
    );

    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("资产台账").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["资产编码", "资产名称", "类别", "规格型号", "状态", "使用部门", "存放位置", "保管人", "购置日期", "原值", "累计折旧", "净值"]);
    assert_eq!(rows.len(), 1 + 3 + 2 + 1, "header, three assets, two subtotals, the total");
    assert_eq!((cell(rows[1], 0), cell(rows[1], 5)), (codes[1].clone(), "物流部".to_string()));
    assert_eq!(cell(rows[2], 0), "小计 物流部(1 项)");
    assert_eq!(rows[2][9], Data::Float(100000.0), "money is a number cell");
    assert_eq!(cell(rows[5], 0), "小计 生产部(2 项)");
    assert_eq!((&rows[5][9], &rows[5][10], &rows[5][11]), (&Data::Float(150000.0), &Data::Float(12000.0), &Data::Float(138000.0)));
    assert_eq!(cell(rows[6], 0), "合计(3 项)");
    assert_eq!(rows[6][11], Data::Float(230000.0));
    assert!(matches!(rows[1][8], Data::DateTime(_)), "the acquisition date is a date cell: {:?}", rows[1][8]);
    assert_eq!(cell(rows[3], 4), "在库");

    let text = String::from_utf8(Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext").stdout).unwrap();
    assert!(text.contains(&format!("审计指纹 {fingerprint}")), "the register report carries the 审计指纹 {fingerprint}:\n{text}");
    for want in ["示例单位", "资产台账(按部门) 截至 2025-06 月末", "部门:物流部", "部门:生产部", "小计 生产部(2 项)", "138,000.00", "合计(3 项)", "230,000.00", &codes[2]] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.contains("841.89 x 595.276") || info.contains("842 x 595"), "twelve columns print landscape:\n{info}");
}

#[test]
fn changes_report_json_totals_and_exports_read_back() {
    let (dir, codes) = ledger();
    let issued = json(dir.path(), &["doc", "issue", "--to", "李四", "--dept", "生产部", "--date", "2026-01-10", &codes[0]]);
    let moved = json(dir.path(), &["doc", "transfer", "--to-dept", "信息中心", "--date", "2026-01-12", &codes[1]]);
    let scrapped = json(dir.path(), &["doc", "scrap", "--reason", "无法修复", "--date", "2026-01-25", &codes[2]]);
    json(dir.path(), &["doc", "dispose", "--method", "destroy", "--date", "2026-02-03", &codes[2]]);

    let report = json(dir.path(), &["report", "changes", "--from", "2026-01-01", "--to", "2026-01-31"]);
    let rows = report["rows"].as_array().unwrap();
    let docs: Vec<(&str, &str)> = rows.iter().map(|r| (r["kind"].as_str().unwrap(), r["doc"].as_str().unwrap())).collect();
    assert_eq!(docs, [("issue", issued["doc"].as_str().unwrap()), ("transfer", moved["doc"].as_str().unwrap()), ("scrap", scrapped["doc"].as_str().unwrap())]);
    assert_eq!((rows[1]["from"].as_str(), rows[1]["to"].as_str(), rows[1]["value"].as_str()), (Some("物流部 / 一号车间"), Some("信息中心 / 一号车间"), Some("100000.00")));
    let totals: Vec<(&str, i64, &str)> = report["totals"].as_array().unwrap().iter().map(|t| (t["kind"].as_str().unwrap(), t["count"].as_i64().unwrap(), t["value"].as_str().unwrap())).collect();
    assert_eq!(
        totals,
        [("addition", 0, "0.00"), ("transfer", 1, "100000.00"), ("issue", 1, "100000.00"), ("return", 0, "0.00"), ("scrap", 1, "50000.00"), ("dispose", 0, "0.00"), ("write-off", 0, "0.00"), ("value-change", 0, "0.00")]
    );
    let only = json(dir.path(), &["report", "changes", "--from", "2026-01-01", "--to", "2026-02-28", "--kinds", "scrap,dispose"]);
    assert_eq!(only["rows"].as_array().unwrap().len(), 2);

    let xlsx = dir.path().join("变动.xlsx");
    let pdf = dir.path().join("变动.pdf");
    json_in(dir.path(), "zh_CN", &["report", "changes", "--from", "2026-01-01", "--to", "2026-01-31", "--xlsx", xlsx.to_str().unwrap(), "--pdf", pdf.to_str().unwrap()]);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("资产变动").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(cell(rows[0], 1), "单据号");
    assert_eq!(rows.len(), 1 + 3 * 2, "each kind's line and its subtotal");
    assert_eq!((cell(rows[1], 0), cell(rows[1], 1)), ("调拨".to_string(), moved["doc"].as_str().unwrap().to_string()));
    assert_eq!(cell(rows[6], 0), "小计 报废(1 项)");
    assert_eq!(rows[6][8], Data::Float(50000.0));
    let text = String::from_utf8(Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext").stdout).unwrap();
    for want in ["资产变动表 2026-01-01 至 2026-01-31", "领用出库(1 项)", "小计 报废(1 项)", "50,000.00", scrapped["doc"].as_str().unwrap()] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }

    let backwards = run_in(dir.path(), "en", &["--json", "report", "changes", "--from", "2026-02-01", "--to", "2026-01-01"]);
    assert_eq!(backwards.status.code(), Some(1));
    let bad_date = run_in(dir.path(), "en", &["--json", "report", "changes", "--from", "2026-13-01", "--to", "2026-12-31"]);
    let err: Value = serde_json::from_slice(&bad_date.stdout).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
}
