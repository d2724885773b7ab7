//! `assetdesk init --regime`, `settings get|set accounting.regime` and the government
//! rules through the built binary (issue 21), on real ledger folders.

mod support;
use support::*;

#[test]
fn a_government_ledger_from_init_charges_from_the_month_of_acquisition() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--admin", "admin", "--company", "示范学校", "--regime", "government"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = json(dir.path(), &["settings", "get", "accounting.regime"]);
    assert_eq!((got["accounting.regime"].as_str(), got["changeable"].as_bool()), (Some("government"), Some(true)));
    // Salvage is refused, naming the field, in the ledger's language; nothing is added.
    let err = refused_error(dir.path(), &["asset", "add", "--name", "打印机", "--category", "办公设备", "--value", "12000", "--acquired", "2026-01-31", "--life-years", "5", "--salvage-rate", "5%"]);
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("政府会计准则"), "{err}");
    assert_eq!(json(dir.path(), &["asset", "list"]).as_array().unwrap().len(), 0);
    let added = json(dir.path(), &["asset", "add", "--name", "打印机", "--category", "办公设备", "--value", "12000", "--acquired", "2026-01-31", "--life-years", "5"]);
    let code = added["code"].as_str().unwrap();
    let rows = json(dir.path(), &["depreciation", "schedule", code]);
    assert_eq!((rows[0]["period"].as_str(), rows[0]["amount"].as_str()), (Some("2026-01"), Some("200.00")));
    assert_eq!(rows.as_array().unwrap().len(), 60);
    let run = json(dir.path(), &["depreciation", "run", "--period", "2026-01"]);
    assert_eq!((run["total"].as_str(), run["short_life"].as_array().map(Vec::len)), (Some("200.00"), Some(0)));
    // Fixed after the first run.
    let err = refused_error(dir.path(), &["settings", "set", "accounting.regime", "enterprise"]);
    assert_eq!(err["code"], "conflict");
    assert_eq!(json(dir.path(), &["settings", "get"])["changeable"], false);
}

#[test]
fn settings_refuses_unknown_keys_and_values_and_init_refuses_an_unknown_regime() {
    let dir = init();
    assert_eq!(json(dir.path(), &["settings", "get"])["accounting.regime"], "enterprise");
    assert_eq!(refused_error(dir.path(), &["settings", "set", "colour", "blue"])["code"], "invalid_input");
    assert_eq!(refused_error(dir.path(), &["settings", "set", "accounting.regime", "cash"])["code"], "invalid_input");
    let set = json(dir.path(), &["settings", "set", "accounting.regime", "government"]);
    assert_eq!(set["accounting.regime"], "government");
    // Minimum life per category through `depreciation defaults`.
    let rows = json(dir.path(), &["depreciation", "defaults", "办公设备", "--min-life-years", "6"]);
    assert_eq!(rows[0]["min_life_years"], 6);
    let err = refused_error(dir.path(), &["asset", "add", "--name", "打印机", "--category", "办公设备", "--value", "12000", "--acquired", "2026-01-31", "--life-years", "5"]);
    assert_eq!(err["fields"], serde_json::json!(["life_years"]));
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("最低折旧年限 6 年") || message.contains("minimum of 6 years"), "{err}");
    let other = tempfile::tempdir().unwrap();
    let out = run(other.path(), &["init", "--admin", "admin", "--regime", "cash"]);
    assert_eq!(out.status.code(), Some(2), "bad usage");
    assert!(!other.path().join("ledger.sqlite3").exists(), "nothing created");
}
