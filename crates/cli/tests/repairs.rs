//! `assetdesk repair …`, `maintenance …`, `warranty ending`, `register supplier …` (issue
//! 22) against real ledger folders: an order walks every state with the asset following,
//! wrong steps exit 1 with a JSON error and change nothing, the slip and the report are
//! real files read back (pdftotext, the workbook's XML).

mod support;
use support::*;

use serde_json::{json, Value};

fn asset(d: &std::path::Path, warranty: &str) -> String {
    let added = json(
        d,
        &["asset", "add", "--name", "投影仪", "--category", "办公设备", "--dept", "行政部", "--value", "3999", "--acquired", "2025-01-10", "--warranty-until", warranty],
    );
    added["code"].as_str().unwrap().to_string()
}

fn status(d: &std::path::Path, code: &str) -> String {
    json(d, &["asset", "show", code])["status"].as_str().unwrap().to_string()
}

fn pdf_text(file: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(file).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn an_order_walks_every_state_and_the_report_and_slip_show_it() {
    let dir = init();
    let d = dir.path();
    json(d, &["register", "supplier", "add", "明视科技", "--contact", "王工", "--phone", "010-8888", "--supplies", "投影仪维修"]);
    assert_eq!(json(d, &["register", "supplier", "list"])[0]["phone"], "010-8888");
    let code = asset(d, "12个月");
    assert_eq!(json(d, &["asset", "show", &code])["warranty_until"], "2026-01-09", "12 months from 2025-01-10");

    let opened = json(d, &["repair", "open", &code, "--fault", "灯泡不亮"]);
    let order = opened["order"].as_str().unwrap().to_string();
    assert_eq!(opened["state"], "reported");
    json(d, &["repair", "accept", &order]);
    let sent = json(d, &["repair", "send", &order, "--to", "明视科技"]);
    assert!(sent["doc"].as_str().unwrap().starts_with("GZ-"), "{sent}");
    assert_eq!(status(d, &code), "under_repair");
    let cost = json(d, &["repair", "cost", &order, "--amount", "450.50", "--invoice", "FP-2026-1"]);
    assert_eq!(cost["cost"], "450.50");
    let done = json(d, &["repair", "complete", &order, "--note", "更换灯泡"]);
    assert!(done["doc"].as_str().unwrap().starts_with("WX-"));
    assert_eq!(status(d, &code), "in_stock");
    json(d, &["repair", "verify", &order]);

    let shown = json(d, &["repair", "show", &order]);
    assert_eq!(shown["row"]["state"], "verified");
    assert_eq!(shown["row"]["warranty"], "out", "the warranty ended 2026-01-09: 过保");
    assert_eq!(shown["events"].as_array().unwrap().len(), 5);
    let listed = json(d, &["repair", "list", "--state", "验收"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(json(d, &["repair", "list", "--open"]), json!([]));

    let report = json(d, &["repair", "report", "--by", "supplier"]);
    assert_eq!(report["rows"][0]["group"], "明视科技");
    assert_eq!((report["total"]["orders"].clone(), report["total"]["total_cost"].clone()), (json!(1), json!("450.50")));

    let slip = d.join("slip.pdf");
    json_in(d, "zh-CN", &["repair", "slip", &order, "--out", slip.to_str().unwrap()]);
    let text = pdf_text(&slip);
    for words in ["维修单", order.as_str(), "灯泡不亮", "明视科技", "过保", "450.50", "报修人验收签字"] {
        assert!(text.contains(words), "{words} missing from the slip:\n{text}");
    }
    let pdf = d.join("report.pdf");
    let xlsx = d.join("report.xlsx");
    json_in(d, "zh-CN", &["repair", "report", "--by", "dept", "--pdf", pdf.to_str().unwrap(), "--xlsx", xlsx.to_str().unwrap()]);
    let text = pdf_text(&pdf);
    assert!(text.contains("维修保养统计") && text.contains("行政部") && text.contains("450.50"), "{text}");
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);
}

#[test]
fn wrong_steps_and_bad_input_exit_1_and_change_nothing() {
    let dir = init();
    let d = dir.path();
    let code = asset(d, "");
    let order = json(d, &["repair", "open", &code, "--fault", "无法开机"])["order"].as_str().unwrap().to_string();
    let err = refused_error(d, &["repair", "complete", &order]);
    assert_eq!(err["code"], "conflict", "{err}");
    let err = refused_error(d, &["repair", "cost", &order, "--amount", "abc"]);
    assert_eq!(err["fields"], json!(["amount"]), "{err}");
    json(d, &["repair", "accept", &order]);
    let err = refused_error(d, &["repair", "send", &order, "--to", "不存在的公司"]);
    assert_eq!(err["code"], "not_found");
    // Capitalised (issue 21): an add-value document is posted and linked.
    json(d, &["repair", "cost", &order, "--amount", "100", "--treatment", "capitalised"]);
    assert_eq!(status(d, &code), "in_stock");
    let costs = json(d, &["repair", "show", &order])["costs"].clone();
    let value_doc = costs[0]["value_doc"].as_str().expect("linked").to_string();
    assert!(value_doc.starts_with("JZ-"), "{costs}");
    assert_eq!(json(d, &["doc", "show", &value_doc])["kind"], "value-change");
    assert_eq!(json(d, &["asset", "show", &code])["value"], "4099.00");

    // Cannot fix: the scrap document is offered, filled in.
    let offer = json(d, &["repair", "cannot-fix", &order]);
    assert_eq!(offer["scrap"]["code"], Value::String(code.clone()));
    json(d, &["doc", "scrap", "--reason", offer["scrap"]["reason"].as_str().unwrap(), &code]);
    let err = refused_error(d, &["repair", "open", &code, "--fault", "x"]);
    assert_eq!(err["code"], "conflict");
}

#[test]
fn a_plan_falls_due_and_disappears_when_done_and_warranties_ending_are_listed() {
    let dir = init();
    let d = dir.path();
    let today = chrono::Local::now().date_naive();
    let soon = (today + chrono::Duration::days(20)).to_string();
    let code = asset(d, &soon);
    let plan = json(d, &["maintenance", "plan", "add", "--title", "滤网清洁", "--asset", &code, "--every", "6", "--unit", "months", "--first-due", &soon])["plan"]
        .as_i64()
        .unwrap();
    assert_eq!(json(d, &["maintenance", "due", "--within", "10"]), json!([]));
    let due = json(d, &["maintenance", "due", "--within", "30"]);
    assert_eq!((due[0]["plan"]["id"].as_i64(), due[0]["days_left"].as_i64(), due[0]["overdue"].clone()), (Some(plan), Some(20), json!(false)));
    let done = json(d, &["maintenance", "done", &plan.to_string(), "--note", "已清洁"]);
    assert_eq!(done["next_due"], today.checked_add_months(chrono::Months::new(6)).unwrap().to_string());
    assert_eq!(json(d, &["maintenance", "due", "--within", "30"]), json!([]));

    let ending = json(d, &["warranty", "ending", "--within", "30"]);
    assert_eq!((ending[0]["code"].clone(), ending[0]["days_left"].clone()), (Value::String(code), json!(20)));
    assert_eq!(json(d, &["warranty", "ending", "--within", "10"]), json!([]));
}

#[test]
fn a_stopped_plan_raises_no_reminder_refuses_done_and_comes_back_when_resumed() {
    let dir = init();
    let d = dir.path();
    let today = chrono::Local::now().date_naive();
    let soon = (today + chrono::Duration::days(5)).to_string();
    let code = asset(d, &soon);
    let plan = json(d, &["maintenance", "plan", "add", "--title", "UPS电池检查", "--asset", &code, "--every", "90", "--unit", "days", "--first-due", &soon])["plan"]
        .as_i64()
        .unwrap()
        .to_string();
    // A stop needs its reason; refused without one, nothing changed.
    assert_eq!(refused_error(d, &["maintenance", "plan", "stop", &plan, "--reason", " "])["fields"], json!(["reason"]));
    assert_eq!(json(d, &["maintenance", "due", "--within", "30"]).as_array().unwrap().len(), 1);

    assert_eq!(json(d, &["maintenance", "plan", "stop", &plan, "--reason", "设备已停用"])["active"], false);
    assert_eq!(json(d, &["maintenance", "due", "--within", "30"]), json!([]), "a stopped plan reminds no one");
    assert_eq!(refused_error(d, &["maintenance", "done", &plan])["code"], "conflict");
    assert_eq!(refused_error(d, &["maintenance", "plan", "stop", &plan, "--reason", "again"])["code"], "conflict");
    let plans = json(d, &["maintenance", "plan", "list"]);
    assert_eq!((plans[0]["active"].clone(), plans[0]["next_due"].as_str()), (json!(false), Some(soon.as_str())));
    let audit = json(d, &["audit", "list", "--limit", "20"]);
    let stop = audit.as_array().unwrap().iter().find(|e| e["action"] == "maintenance_plan_stop").expect("the stop is audited").to_string();
    assert!(stop.contains("设备已停用"), "{stop}");

    json(d, &["maintenance", "plan", "resume", &plan]);
    let due = json(d, &["maintenance", "due", "--within", "30"]);
    assert_eq!((due[0]["plan"]["id"].as_i64(), due[0]["days_left"].as_i64()), (plan.parse().ok(), Some(5)), "resumed with its due date");
    assert_eq!(refused_error(d, &["maintenance", "plan", "resume", &plan])["code"], "conflict");
    assert_eq!(refused_error(d, &["maintenance", "plan", "stop", "999", "--reason", "x"])["code"], "not_found");
}

#[test]
fn a_plan_is_edited_only_in_the_flags_given_and_a_bad_edit_exits_1_changing_nothing() {
    let dir = init();
    let d = dir.path();
    let today = chrono::Local::now().date_naive();
    let soon = (today + chrono::Duration::days(5)).to_string();
    let code = asset(d, &soon);
    json(d, &["register", "supplier", "add", "明视科技"]);
    let plan = json(d, &["maintenance", "plan", "add", "--title", "投影仪清洁", "--asset", &code, "--every", "6", "--first-due", &soon])["plan"].as_i64().unwrap().to_string();
    let before = json(d, &["maintenance", "plan", "list"]);

    let err = refused_error(d, &["maintenance", "plan", "edit", &plan, "--every", "0", "--next-due", "明天"]);
    assert_eq!((err["code"].as_str(), err["fields"].clone()), (Some("invalid_input"), json!(["every", "next_due"])));
    assert_eq!(refused_error(d, &["maintenance", "plan", "edit", &plan, "--supplier", "没有这家"])["code"], "not_found");
    assert_eq!(refused_error(d, &["maintenance", "plan", "edit", "999", "--every", "3"])["code"], "not_found");
    assert_eq!(json(d, &["maintenance", "plan", "list"]), before, "refused edits change nothing");

    let later = (today + chrono::Duration::days(20)).to_string();
    let edited = json(d, &["maintenance", "plan", "edit", &plan, "--every", "30", "--unit", "days", "--next-due", &later, "--supplier", "明视科技"]);
    assert_eq!(
        (edited["id"].as_i64(), edited["title"].as_str(), edited["every"].as_i64(), edited["unit"].as_str(), edited["next_due"].as_str(), edited["supplier"].as_str()),
        (plan.parse().ok(), Some("投影仪清洁"), Some(30), Some("days"), Some(later.as_str()), Some("明视科技"))
    );
    assert_eq!(json(d, &["maintenance", "plan", "list"])[0], edited, "the list shows the edit");
    assert_eq!(json(d, &["maintenance", "due", "--within", "10"]), json!([]), "moved out of the next 10 days");
    let audit = json(d, &["audit", "list", "--limit", "5"]);
    let entry = audit.as_array().unwrap().iter().find(|e| e["action"] == "maintenance_plan_edit").expect("the edit is audited").to_string();
    assert!(entry.contains(&format!("next_due: {soon} → {later}")) && entry.contains("every: 6 months → 30 days"), "{entry}");

    // A stopped plan is edited too; "" clears who does it.
    json(d, &["maintenance", "plan", "stop", &plan, "--reason", "投影仪送修"]);
    let cleared = json(d, &["maintenance", "plan", "edit", &plan, "--supplier", "", "--title", "投影仪除尘"]);
    assert_eq!((cleared["supplier"].clone(), cleared["title"].as_str(), cleared["active"].clone()), (Value::Null, Some("投影仪除尘"), json!(false)));
}

#[test]
fn asset_and_consumable_suppliers_come_from_the_register_and_a_new_name_is_added_to_it() {
    let dir = init();
    let d = dir.path();
    let names = |d: &std::path::Path| json(d, &["register", "supplier", "list"]).as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    // `asset add --supplier`: a name the register lacks is added; `asset show` gives the name.
    let code = json(d, &["asset", "add", "--name", "服务器", "--category", "电子设备", "--supplier", " 某某科技 "])["code"].as_str().unwrap().to_string();
    assert_eq!(json(d, &["asset", "show", &code])["supplier"], "某某科技");
    assert_eq!(names(d), ["某某科技"]);
    // A deactivated one is refused by name, exit 1, nothing changed; the card keeps it.
    json(d, &["register", "supplier", "deactivate", "某某科技"]);
    let err = refused_error(d, &["asset", "add", "--name", "交换机", "--category", "电子设备", "--supplier", "某某科技"]);
    assert_eq!((err["code"].as_str(), err["fields"].clone()), (Some("conflict"), json!(["supplier"])));
    assert!(err["message"].as_str().unwrap().contains("某某科技"), "{err}");
    assert_eq!(json(d, &["asset", "list"]).as_array().unwrap().len(), 1);
    json(d, &["asset", "edit", &code, "--model", "R740"]);
    assert_eq!(json(d, &["asset", "show", &code])["supplier"], "某某科技", "other edits keep it");
    // Renamed in the register, the card shows the new name.
    json(d, &["register", "supplier", "activate", "某某科技"]);
    json(d, &["register", "supplier", "edit", "某某科技", "--rename", "某某科技有限公司"]);
    assert_eq!(json(d, &["asset", "show", &code])["supplier"], "某某科技有限公司");

    // `consumable receive --supplier` the same way; the movement's JSON gives the name.
    json(d, &["consumable", "item", "add", "--name", "A4 纸", "--type", "办公用纸", "--unit", "包"]);
    json(d, &["consumable", "receive", "A4 纸", "--qty", "10", "--price", "25.00", "--supplier", "晨光文具"]);
    assert_eq!(names(d), ["晨光文具", "某某科技有限公司"]);
    let moves = json(d, &["consumable", "moves"]);
    assert_eq!(moves[0]["supplier"], "晨光文具", "{moves}");

    // An import lists the suppliers it would add (the command line is the confirmation).
    let csv = d.join("台账.csv");
    std::fs::write(&csv, "资产名称,资产类别,供应商\n打印机,办公设备,明视科技\n投影仪,办公设备,某某科技有限公司\n").unwrap();
    let dry = json(d, &["import", csv.to_str().unwrap(), "--dry-run"]);
    assert_eq!(dry["new_registers"]["supplier"], json!(["明视科技"]));
    json(d, &["import", csv.to_str().unwrap()]);
    assert_eq!(names(d), ["明视科技", "晨光文具", "某某科技有限公司"]);
}
