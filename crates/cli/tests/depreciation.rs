//! `assetdesk depreciation ...` against real ledger folders: the CLI.md contract
//! (`run` -> {"period","assets","total"}, `schedule` -> [{"period","amount","accumulated",
//! "net_book_value"}]) and the worked examples through the built binary.

mod support;
use support::*;

use std::path::Path;
use std::process::Command;

use ledger::Decimal;
use serde_json::Value;

fn machine(dir: &Path, name: &str, method: &str, acquired: &str) -> String {
    let added = json(
        dir,
        &[
            "asset", "add", "--name", name, "--category", "机器设备", "--dept", "生产部", "--value", "100000", "--acquired", acquired,
            "--life-years", "5", "--salvage-rate", "4%", "--method", method,
        ],
    );
    added["code"].as_str().unwrap().to_string()
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a string amount")).parse().unwrap()
}

#[test]
fn schedule_json_shows_the_worked_examples_year_by_year() {
    let dir = init();
    let cases = [
        ("straight-line", ["19200.00", "19200.00", "19200.00", "19200.00", "19200.00"]),
        ("double-declining", ["40000.00", "24000.00", "14400.00", "8800.00", "8800.00"]),
        ("sum-of-years", ["32000.00", "25600.00", "19200.00", "12800.00", "6400.00"]),
    ];
    for (method, want) in cases {
        let code = machine(dir.path(), method, method, "2020-12-10");
        let rows = json(dir.path(), &["depreciation", "schedule", &code]);
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 60, "{method}");
        for key in ["period", "amount", "accumulated", "net_book_value"] {
            assert!(rows[0].get(key).is_some_and(Value::is_string), "{method}: {key} missing or not a string: {}", rows[0]);
        }
        assert_eq!(rows[0]["period"], "2021-01");
        let years: Vec<String> = rows.chunks(12).map(|c| c.iter().map(|r| dec(&r["amount"])).sum::<Decimal>().to_string()).collect();
        assert_eq!(years, want, "{method}");
        assert_eq!(rows[59]["accumulated"], "96000.00");
        assert_eq!(rows[59]["net_book_value"], "4000.00");
        if method == "straight-line" {
            assert!(rows.iter().all(|r| r["amount"] == "1600.00"), "straight-line is 1,600.00 every month");
        }
    }
}

#[test]
fn run_follows_the_contract_previews_and_is_idempotent() {
    let dir = init();
    let code = machine(dir.path(), "车床", "straight-line", "2025-01-05");
    let preview = json(dir.path(), &["depreciation", "run", "--period", "2025-02", "--preview"]);
    assert_eq!((preview["period"].as_str(), preview["assets"].as_i64(), preview["total"].as_str()), (Some("2025-02"), Some(1), Some("1600.00")));
    assert_eq!(preview["posted"], false);
    let posted = json(dir.path(), &["depreciation", "run", "--period", "2025-02"]);
    assert_eq!((posted["period"].as_str(), posted["assets"].as_i64(), posted["total"].as_str()), (Some("2025-02"), Some(1), Some("1600.00")));
    assert_eq!(posted["posted"], true);
    assert_eq!(json(dir.path(), &["depreciation", "run", "--period", "2025-02"]), posted, "rerunning a posted period changes nothing");

    // Out of order: refused with a stable code, exit 1.
    let out = run(dir.path(), &["--json", "depreciation", "run", "--period", "2025-04"]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "conflict");
    assert!(err["error"]["message"].as_str().unwrap().contains("2025-03"), "{err}");

    let schedule = json(dir.path(), &["depreciation", "schedule", &code]);
    assert_eq!(schedule[0]["posted"], true);
    assert_eq!(schedule[1]["posted"], false);

    // Re-open and revise.
    json(dir.path(), &["depreciation", "run", "--period", "2025-03"]);
    let reopened = json(dir.path(), &["depreciation", "reopen", "--period", "2025-03", "--reason", "重算"]);
    assert_eq!(reopened["reopened"], true);
    let status = json(dir.path(), &["depreciation", "status"]);
    assert_eq!((status["last_posted"].as_str(), status["next"].as_str()), (Some("2025-02"), Some("2025-03")));
    let revised = json(dir.path(), &["depreciation", "revise", &code, "--reason", "复核", "--life-years", "10"]);
    assert_eq!(revised["effective"], "2025-03");
    let march = json(dir.path(), &["depreciation", "run", "--period", "2025-03", "--lines"]);
    // (100,000 − 4,000 − 1,600) over the 119 months left, by years: 94,400 / 119 months.
    assert_ne!(march["total"], "1600.00");
    assert_eq!(march["lines"][0]["code"], code.as_str());
}

#[test]
fn reports_export_to_excel_and_disposal_shows_its_gain_or_loss() {
    let dir = init();
    let code = machine(dir.path(), "车床", "straight-line", "2025-01-05");
    json(dir.path(), &["depreciation", "run", "--period", "2025-02"]);
    let detail = json(dir.path(), &["depreciation", "report", "--period", "2025-02"]);
    assert_eq!(detail[0]["amount"], "1600.00");
    let file = dir.path().join("折旧汇总.xlsx");
    let summary = json(dir.path(), &["depreciation", "report", "--period", "2025-02", "--by", "dept", "--xlsx", file.to_str().unwrap()]);
    assert_eq!((summary[0]["group"].as_str(), summary[0]["amount"].as_str()), (Some("生产部"), Some("1600.00")));
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let range = book.worksheet_range("Summary").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows[0][0].to_string(), "Department", "headers in the CLI language (English here)");
    assert_eq!(rows[1][0].to_string(), "生产部");
    assert_eq!(rows[1][3].to_string(), "1600");
    let register = json(dir.path(), &["depreciation", "register", "--period", "2025-02"]);
    assert_eq!((register[0]["accumulated"].as_str(), register[0]["net_book_value"].as_str()), (Some("1600.00"), Some("98400.00")));

    let scrap = json(dir.path(), &["doc", "scrap", "--reason", "损坏", "--date", "2025-03-10", &code]);
    let dispose = json(dir.path(), &["doc", "dispose", "--method", "sale", "--proceeds", "97000", "--date", "2025-03-20", &code]);
    let _ = scrap;
    let gain = json(dir.path(), &["depreciation", "gain", dispose["doc"].as_str().unwrap(), "--costs", "200"]);
    // NBV after March's charge: 100,000 − 3,200 = 96,800; 97,000 − 96,800 − 200 = 0.
    assert_eq!((gain["net_book_value"].as_str(), gain["gain_loss"].as_str()), (Some("96800.00"), Some("0.00")));
    let report = json(dir.path(), &["depreciation", "disposals", "--from", "2025-01", "--to", "2025-12"]);
    assert_eq!(report.as_array().unwrap().len(), 1);
    assert_eq!((report[0]["doc"].as_str(), report[0]["gain_loss"].as_str()), (dispose["doc"].as_str(), Some("0.00")));

    // Category defaults fill a new card's empty method, life and salvage.
    json(dir.path(), &["depreciation", "defaults", "运输设备", "--method", "sum-of-years", "--life-years", "4", "--salvage-rate", "5%"]);
    let truck = json(dir.path(), &["asset", "add", "--name", "货车", "--category", "运输设备", "--value", "200000", "--acquired", "2025-01-05"]);
    let card = json(dir.path(), &["asset", "show", truck["code"].as_str().unwrap()]);
    assert_eq!((card["method"].as_str(), card["life_years"].as_i64(), card["salvage_rate"].as_str()), (Some("sum-of-years"), Some(4), Some("0.05")));
}

#[test]
fn reports_print_to_pdf() {
    let dir = init();
    let code = machine(dir.path(), "数控机床", "straight-line", "2025-01-10");
    json(dir.path(), &["depreciation", "run", "--period", "2025-02"]);
    let detail = dir.path().join("detail.pdf");
    let summary = dir.path().join("summary.pdf");
    // The period-close report carries the 审计指纹 the ledger had when it was printed.
    let fingerprint = json(dir.path(), &["audit", "verify"])["fingerprint"].as_str().unwrap().to_string();
    json(dir.path(), &["depreciation", "report", "--period", "2025-02", "--pdf", detail.to_str().unwrap()]);
    json(dir.path(), &["depreciation", "report", "--period", "2025-02", "--by", "category", "--pdf", summary.to_str().unwrap()]);
    let text = |p: &Path| String::from_utf8(Command::new("pdftotext").arg("-layout").arg(p).arg("-").output().expect("pdftotext").stdout).unwrap();
    let detail_text = text(&detail);
    assert!(detail_text.contains("2025-02") && detail_text.contains(&code), "{detail_text}");
    assert!(detail_text.contains("1,600.00"), "the monthly charge is printed with separators: {detail_text}");
    assert!(detail_text.contains(&format!("Audit fingerprint {fingerprint}")), "{fingerprint} missing: {detail_text}");
    assert!(text(&summary).contains("2025-02"));
    let register = dir.path().join("register.pdf");
    json(dir.path(), &["depreciation", "register", "--period", "2025-02", "--pdf", register.to_str().unwrap()]);
    assert!(text(&register).contains("98,400.00"), "net book value after February is printed");
}
