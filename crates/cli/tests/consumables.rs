//! `assetdesk consumable ...` against real ledger folders: the CLI.md contract
//! (`item add` -> {"item"}, receive/issue -> {"doc"}, `stock` -> [{"item","name","qty",
//! "value","unit_cost"}], `stats --by`), refusals with exit 1 and a JSON error, the
//! extras (return, adjust, void, budget) and an export read back.

mod support;
use support::*;

use std::process::Command;

use serde_json::{json, Value};

fn doc(v: &Value) -> String {
    let obj = v.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), vec!["doc"], "{v}");
    v["doc"].as_str().unwrap().to_string()
}

#[test]
fn the_contract_receive_issue_stock_and_stats_with_exact_weighted_average() {
    let dir = init();
    let d = dir.path();
    let added = json(d, &["consumable", "item", "add", "--name", "中性笔", "--type", "文具", "--unit", "支", "--threshold", "2"]);
    assert_eq!(added, json!({"item": "HC-0001"}));
    json(d, &["consumable", "item", "add", "--name", "A4复印纸", "--type", "办公用纸", "--unit", "包"]);

    let r1 = doc(&json(d, &["consumable", "receive", "HC-0001", "--qty", "3", "--price", "10.00", "--supplier", "晨光文具", "--date", "2026-01-05"]));
    assert!(r1.starts_with("HR-2026-"), "{r1}");
    doc(&json(d, &["consumable", "receive", "中性笔", "--qty", "2", "--price", "12.35", "--date", "2026-01-06"]));
    doc(&json(d, &["consumable", "receive", "A4复印纸", "--qty", "10", "--price", "24.5", "--date", "2026-01-06"]));
    let issued = doc(&json(d, &["consumable", "issue", "中性笔", "--qty", "2", "--dept", "行政部", "--person", "张三", "--date", "2026-02-01"]));
    assert!(issued.starts_with("HL-2026-"), "{issued}");
    json(d, &["consumable", "issue", "A4复印纸", "--qty", "1.5", "--dept", "财务部", "--date", "2026-04-01"]);

    let stock = json(d, &["consumable", "stock"]);
    assert_eq!(
        stock,
        json!([
            {"item": "HC-0001", "name": "中性笔", "qty": "3", "value": "32.82", "unit_cost": "10.94"},
            {"item": "HC-0002", "name": "A4复印纸", "qty": "8.5", "value": "208.25", "unit_cost": "24.50"},
        ])
    );

    let by_dept = json(d, &["consumable", "stats", "--by", "dept"]);
    assert_eq!(by_dept, json!([{"name": "财务部", "qty": "1.5", "value": "36.75"}, {"name": "行政部", "qty": "2", "value": "21.88"}]));
    let by_item = json(d, &["consumable", "stats", "--by", "item", "--from", "2026-01-01", "--to", "2026-03-31"]);
    assert_eq!(by_item, json!([{"item": "HC-0001", "name": "中性笔", "unit": "支", "qty": "2", "value": "21.88"}]));
    let by_person = json(d, &["consumable", "stats", "--by", "person", "--from", "2026-02-01", "--to", "2026-02-01"]);
    assert_eq!(by_person, json!([{"name": "张三", "qty": "2", "value": "21.88"}]));
    let by_type = json(d, &["consumable", "stats", "--by", "type", "--period", "quarter"]);
    assert_eq!(
        by_type,
        json!([{"name": "文具", "qty": "2", "value": "21.88", "period": "2026-Q1"}, {"name": "办公用纸", "qty": "1.5", "value": "36.75", "period": "2026-Q2"}])
    );
}

#[test]
fn over_issue_bad_input_and_forbidden_users_are_refused_and_change_nothing() {
    let dir = init();
    let d = dir.path();
    json(d, &["consumable", "item", "add", "--name", "硒鼓", "--type", "打印耗材", "--unit", "个"]);
    json(d, &["consumable", "receive", "硒鼓", "--qty", "2", "--price", "100"]);
    let (err, stderr) = refused(d, &["consumable", "issue", "硒鼓", "--qty", "3", "--dept", "信息中心"]);
    assert_eq!(err["error"]["code"], "conflict");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(msg.contains("only 2 个 of HC-0001 硒鼓 in stock; cannot issue 3"), "{msg}");
    assert!(stderr.contains("HC-0001"), "{stderr}");
    assert_eq!(json(d, &["consumable", "stock"])[0]["qty"], "2");

    let (err, _) = refused(d, &["consumable", "issue", "没有这个", "--qty", "1", "--dept", "信息中心"]);
    assert_eq!(err["error"]["code"], "not_found");
    let (err, _) = refused(d, &["consumable", "receive", "硒鼓", "--qty", "0", "--price", "1"]);
    assert_eq!(err["error"]["code"], "invalid_input");
    assert_eq!(err["error"]["fields"], json!(["qty"]));
    // Bad usage (a missing flag) exits 2.
    assert_eq!(run(d, &["consumable", "receive", "硒鼓", "--qty", "1"]).status.code(), Some(2));

    let out = Command::new(env!("CARGO_BIN_EXE_assetdesk"))
        .arg("--data-dir")
        .arg(d)
        .args(["user", "add", "clerk", "--role", "normal", "--dept", "信息中心"])
        .env("ASSETDESK_PASSWORD", PASSWORD)
        .env("ASSETDESK_NEW_PASSWORD", "clerk-pass")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let as_clerk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_assetdesk"))
            .arg("--data-dir")
            .arg(d)
            .args(["--json", "--user", "clerk"])
            .args(args)
            .env("ASSETDESK_PASSWORD", "clerk-pass")
            .env_remove("LANG")
            .output()
            .unwrap()
    };
    let out = as_clerk(&["consumable", "receive", "硒鼓", "--qty", "1", "--price", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "forbidden");
    let out = as_clerk(&["consumable", "issue", "硒鼓", "--qty", "1", "--dept", "信息中心"]);
    assert!(out.status.success(), "a normal user issues to their own department: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn return_adjust_void_moves_budget_and_an_export_read_back() {
    let dir = init();
    let d = dir.path();
    json(d, &["consumable", "item", "add", "--name", "中性笔", "--type", "文具", "--unit", "支"]);
    json(d, &["consumable", "receive", "中性笔", "--qty", "3", "--price", "10.00", "--date", "2025-03-01"]);
    json(d, &["consumable", "receive", "中性笔", "--qty", "2", "--price", "12.35", "--date", "2025-03-02"]);
    let issued = doc(&json(d, &["consumable", "issue", "中性笔", "--qty", "4", "--dept", "行政部", "--date", "2025-09-01"]));
    let back = doc(&json(d, &["consumable", "return", &issued, "--qty", "1", "--date", "2025-09-02"]));
    assert!(back.starts_with("HT-"), "{back}");
    let shown = json(d, &["consumable", "show", &back]);
    assert_eq!((&shown["value"], &shown["source"], &shown["dept"]), (&json!("10.94"), &json!(issued), &json!("行政部")));

    let adj = doc(&json(d, &["consumable", "adjust", "中性笔", "--counted", "1", "--reason", "盘点短少"]));
    assert!(adj.starts_with("HP-"), "{adj}");
    assert_eq!(json(d, &["consumable", "stock"])[0], json!({"item": "HC-0001", "name": "中性笔", "qty": "1", "value": "10.94", "unit_cost": "10.94"}));

    let (err, _) = refused(d, &["consumable", "void", &issued, "--reason", "开错了"]);
    assert!(err["error"]["message"].as_str().unwrap().contains(&back), "{err}");
    let voided = json(d, &["consumable", "void", &adj, "--reason", "数错了"]);
    assert!(voided["doc"].as_str().unwrap().starts_with("HZ-"), "{voided}");
    assert_eq!(voided["voided"], json!(adj));
    assert_eq!(json(d, &["consumable", "stock"])[0]["qty"], "2");
    let moves = json(d, &["consumable", "moves", "--kind", "adjust"]);
    assert_eq!(moves.as_array().unwrap().len(), 1);
    assert_eq!(moves[0]["state"], "voided");

    // Budget: 4 issued less 1 returned in the 12 months to 2025-12-31, all in the later
    // half (no prior half: trend 1) → 3 at the latest price 12.35.
    let budget = json(d, &["consumable", "budget", "--year", "2026", "--as-of", "2025-12-31"]);
    assert_eq!((&budget["year"], &budget["total"]), (&json!(2026), &json!("37.05")));
    assert_eq!((&budget["lines"][0]["forecast"], &budget["lines"][0]["price"]), (&json!("3"), &json!("12.35")));
    json(d, &["consumable", "plan", "中性笔", "--year", "2026", "--qty", "10"]);
    let xlsx = d.join("预算.xlsx");
    let budget = json(d, &["consumable", "budget", "--year", "2026", "--as-of", "2025-12-31", "--xlsx", xlsx.to_str().unwrap()]);
    assert_eq!((&budget["total"], &budget["lines"][0]["overridden"]), (&json!("123.50"), &json!(true)));
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("Budget").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[1][1], Data::String("HC-0001".into()));
    assert_eq!((&rows[1][10], &rows[1][12]), (&Data::Float(10.0), &Data::Float(123.5)));

    let (err, _) = refused(d, &["consumable", "item", "deactivate", "中性笔"]);
    assert_eq!(err["error"]["code"], "conflict", "stock is left");
    json(d, &["consumable", "item", "add", "--name", "订书钉", "--type", "文具", "--unit", "盒"]);
    assert_eq!(json(d, &["consumable", "item", "deactivate", "订书钉"]), json!({"item": "订书钉", "active": false}));
    let (err, _) = refused(d, &["consumable", "receive", "订书钉", "--qty", "1", "--price", "2"]);
    assert!(err["error"]["message"].as_str().unwrap().contains("deactivated"), "{err}");

    let pdf = d.join("slip.pdf");
    json(d, &["consumable", "show", &issued, "--pdf", pdf.to_str().unwrap()]);
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains(&issued));
}
