//! `assetdesk doc value-change` (issue 21) through the built binary on real ledger
//! folders: the JSON result, the schedule and the register showing the new value, the
//! asset's history, the government refusal of an impairment (exit 1, nothing changed),
//! approval holding it as 待审批, and void.

mod support;
use support::*;

use std::path::Path;

use serde_json::{json, Value};

/// 12,000.00, 5 years straight-line, acquired 2026-01-31 (see the ledger's
/// tests/it/value_changes.rs for the hand-worked figures).
fn printer(d: &Path, salvage: &[&str]) -> String {
    let mut args = vec!["asset", "add", "--name", "激光打印机", "--category", "办公设备", "--dept", "办公室", "--value", "12000", "--acquired", "2026-01-31", "--life-years", "5"];
    args.extend_from_slice(salvage);
    json(d, &args)["code"].as_str().unwrap().to_string()
}

fn row<'a>(schedule: &'a Value, period: &str) -> &'a Value {
    schedule.as_array().unwrap().iter().find(|r| r["period"] == period).unwrap_or_else(|| panic!("no {period} in {schedule}"))
}

#[test]
fn enterprise_add_value_shows_in_schedule_register_and_history() {
    let dir = init();
    let d = dir.path();
    let code = printer(d, &["--salvage-rate", "5%"]);
    json(d, &["depreciation", "run", "--period", "2026-02"]);
    json(d, &["depreciation", "run", "--period", "2026-03"]);
    let done = json(d, &["doc", "value-change", &code, "--kind", "add", "--amount", "3,000.00", "--date", "2026-04-30", "--reason", "加装双面器"]);
    let doc = done["doc"].as_str().unwrap().to_string();
    assert!(doc.starts_with("JZ-"), "{done}");
    assert_eq!(
        (done["kind"].clone(), done["effective"].clone(), done["cost_after"].clone(), done["net_after"].clone(), done["state"].clone()),
        (json!("add"), json!("2026-05"), json!("15000.00"), json!("14430.00"), json!("posted"))
    );
    let schedule = json(d, &["depreciation", "schedule", &code]);
    assert_eq!(row(&schedule, "2026-04")["amount"], "190.00");
    assert_eq!(row(&schedule, "2026-05")["amount"], "240.00");
    assert_eq!(row(&schedule, "2026-05")["net_book_value"], "14190.00");
    assert_eq!(json(d, &["asset", "show", &code])["value"], "15000.00");
    let history = json(d, &["asset", "show", &code])["history"].clone();
    assert!(history.as_array().unwrap().iter().any(|h| h["doc"] == doc.as_str() && h["kind"] == "value-change"), "{history}");

    let register = |at: &str| {
        let out = run_in(d, "zh-CN", &["report", "register", "--at", at]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let march = register("2026-03");
    assert!(march.contains("12000.00") && march.contains("11620.00"), "{march}");
    let april = register("2026-04");
    assert!(april.contains("15000.00") && april.contains("14430.00"), "{april}");

    let listed = json(d, &["doc", "value-changes", &code]);
    assert_eq!((listed[0]["doc"].clone(), listed[0]["state"].clone()), (json!(doc), json!("posted")));
    let voided = json(d, &["doc", "void", &doc, "--reason", "录错"]);
    assert!(voided["doc"].as_str().unwrap().starts_with("CX-"));
    assert_eq!(json(d, &["asset", "show", &code])["value"], "12000.00");
    assert_eq!(json(d, &["doc", "value-changes", &code])[0]["state"], "voided");
}

#[test]
fn government_refuses_impairment_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["init", "--admin", "admin", "--company", "示范学校", "--regime", "government"]).status.success());
    let code = printer(d, &[]);
    let (value, stderr) = refused(d, &["doc", "value-change", &code, "--kind", "impair", "--amount", "100", "--reason", "市价下跌"]);
    assert_eq!((value["error"]["code"].clone(), value["error"]["fields"].clone()), (json!("invalid_input"), json!(["kind"])));
    assert!(!stderr.is_empty());
    let out = run_in(d, "zh-CN", &["doc", "value-change", &code, "--kind", "impair", "--amount", "100", "--reason", "市价下跌"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("政府会计准则下固定资产不计提减值准备"));
    assert_eq!(json(d, &["doc", "value-changes", &code]), json!([]));
    // Add value under government: charged from the month of the change.
    json(d, &["depreciation", "run", "--period", "2026-01"]);
    let done = json(d, &["doc", "value-change", &code, "--kind", "add", "--amount", "2850", "--date", "2026-02-01", "--reason", "扩容"]);
    assert_eq!(done["effective"], "2026-02");
    // Bad money is refused as usage-free input error, naming the field.
    let err = refused_error(d, &["doc", "value-change", &code, "--kind", "add", "--amount", "1.234", "--reason", "x"]);
    assert_eq!(err["fields"], json!(["amount"]));
}

#[test]
fn with_approval_on_it_waits_until_approved() {
    let dir = init();
    let d = dir.path();
    let code = printer(d, &["--salvage-rate", "5%"]);
    assert_eq!(json(d, &["settings", "set", "approval.value-change", "on"]), json!({"key": "approval.value-change", "value": "on"}));
    json(d, &["user", "add", "head", "--role", "power"]);
    json(d, &["user", "grant", "power", "approve_documents"]);
    let held = json(d, &["doc", "value-change", &code, "--kind", "add", "--amount", "500", "--reason", "加装"]);
    assert_eq!(held["state"], "awaiting_approval");
    assert_eq!(json(d, &["asset", "show", &code])["value"], "12000.00", "nothing changed yet");
    let doc = held["doc"].as_str().unwrap();
    let pending = json(d, &["doc", "pending"]);
    assert!(pending.as_array().unwrap().iter().any(|p| p["doc"] == doc && p["kind"] == "value-change"), "{pending}");
    let out = command(d, &["--json", "--user", "head", "doc", "approve", doc]).env("ASSETDESK_PASSWORD", NEW_USER_PASSWORD).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(d, &["asset", "show", &code])["value"], "12500.00");
}
