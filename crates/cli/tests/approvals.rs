//! Approvals (issue 20) through the built `assetdesk`: a kind set to need approval waits
//! as 待审批 and changes nothing until a second person approves; nobody approves their
//! own document; a rejection keeps its reason and changes nothing.

mod support;
use support::*;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `assetdesk --json --user NAME ARGS` with the password the tests give added users.
fn as_user(dir: &Path, user: &str, args: &[&str]) -> Output {
    command(dir, &[&["--json", "--user", user], args].concat()).env("ASSETDESK_PASSWORD", NEW_USER_PASSWORD).output().unwrap()
}

fn ok(out: Output) -> Value {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn refused_as(out: Output) -> (Value, String) {
    assert_eq!(out.status.code(), Some(1), "should be refused: {}", String::from_utf8_lossy(&out.stdout));
    (serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"].clone(), String::from_utf8_lossy(&out.stderr).to_string())
}

/// A ledger with an administrator ("admin"), an approver ("head", a power user: the
/// power role granted approve_documents), scrap approval on, and one asset.
fn setup() -> (tempfile::TempDir, String) {
    let dir = init();
    json(dir.path(), &["user", "add", "head", "--role", "power"]);
    json(dir.path(), &["user", "grant", "power", "approve_documents"]);
    let set = json(dir.path(), &["settings", "set", "approval.scrap", "on"]);
    assert_eq!(set, serde_json::json!({"key": "approval.scrap", "value": "on"}));
    let code = json(dir.path(), &["asset", "add", "--name", "旧投影仪", "--category", "电教设备", "--dept", "教务处", "--value", "3200"])["code"]
        .as_str()
        .unwrap()
        .to_string();
    (dir, code)
}

fn status(dir: &Path, code: &str) -> String {
    json(dir, &["asset", "show", code])["status"].as_str().unwrap().to_string()
}

fn audit_actions(dir: &Path) -> Vec<String> {
    json(dir, &["audit", "list", "--limit", "200"]).as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_scrap_waits_changing_nothing_until_another_person_approves_it() {
    let (dir, code) = setup();
    let settings = json(dir.path(), &["settings", "list"]);
    assert!(settings.as_array().unwrap().contains(&serde_json::json!({"key": "approval.scrap", "value": "on"})), "{settings}");
    assert!(settings.as_array().unwrap().contains(&serde_json::json!({"key": "approval.transfer", "value": "off"})), "{settings}");

    let doc = json(dir.path(), &["doc", "scrap", "--reason", "灯泡损坏无法维修", &code])["doc"].as_str().unwrap().to_string();
    // Pending changes nothing: the asset is still in stock, its history has no scrap.
    assert_eq!(status(dir.path(), &code), "in_stock");
    assert_eq!(json(dir.path(), &["asset", "show", &code])["history"].as_array().unwrap().len(), 1);
    let shown = json(dir.path(), &["doc", "show", &doc]);
    assert_eq!(shown["state"], "awaiting_approval");
    assert_eq!(shown["approval"]["applicant"], "admin");
    assert_eq!(shown["approval"]["state"], "pending");
    assert_eq!(shown["lines"][0]["code"], code.as_str());
    let queue = json(dir.path(), &["doc", "pending"]);
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(queue[0]["doc"], doc.as_str());
    assert_eq!(queue[0]["applicant"], "admin");
    assert_eq!(queue[0]["own"], true);
    assert_eq!(queue[0]["summary"], "灯泡损坏无法维修");

    // Nobody approves their own document, and that refusal changes nothing.
    let before = audit_actions(dir.path()).len();
    let (err, stderr) = refused(dir.path(), &["doc", "approve", &doc]);
    assert_eq!(err["error"]["code"], "forbidden");
    assert!(stderr.contains("own document"), "{stderr}");
    let zh = run_in(dir.path(), "zh-CN", &["doc", "approve", &doc]);
    assert!(String::from_utf8_lossy(&zh.stderr).contains("不能自己审批"), "{}", String::from_utf8_lossy(&zh.stderr));
    assert_eq!(audit_actions(dir.path()).len(), before);
    assert_eq!(status(dir.path(), &code), "in_stock");

    // The second administrator approves: now it is scrapped.
    let approved = ok(as_user(dir.path(), "head", &["doc", "approve", &doc]));
    assert_eq!(approved, serde_json::json!({"doc": doc, "state": "posted"}));
    assert_eq!(status(dir.path(), &code), "scrapped");
    let shown = json(dir.path(), &["doc", "show", &doc]);
    assert_eq!(shown["state"], "posted");
    assert_eq!(shown["approval"]["approver"], "head");
    assert_eq!(shown["approval"]["state"], "approved");
    assert_eq!(shown["approval"]["decided"].as_str().unwrap().len(), 10);
    assert_eq!(shown["lines"].as_array().unwrap().len(), 1, "one line, not the held one and the posted one");
    assert_eq!(json(dir.path(), &["doc", "list"])[0]["assets"], 1);
    assert!(json(dir.path(), &["doc", "pending"]).as_array().unwrap().is_empty());
    // Approving twice is refused.
    assert_eq!(refused_as(as_user(dir.path(), "head", &["doc", "approve", &doc])).0["code"], "conflict");

    // Journaled and audited; the ledger agrees with itself.
    let actions = audit_actions(dir.path());
    assert!(actions.contains(&"doc_approval_pending".to_string()) && actions.contains(&"doc_approve".to_string()), "{actions:?}");
    assert_eq!(json(dir.path(), &["audit", "verify"])["ok"], true);

    // The slip names the applicant and the approver with their dates, in either language.
    let today = shown["approval"]["applied"].as_str().unwrap().to_string();
    for (lang, applicant, approver) in [("en", "Applicant", "Approved by"), ("zh-CN", "申请人", "审批人")] {
        let pdf = dir.path().join(format!("slip-{lang}.pdf"));
        let out = run_in(dir.path(), lang, &["doc", "slip", &doc, "--out", pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext").stdout).unwrap();
        assert!(text.contains(&format!("{applicant}:admin {today}")), "{text}");
        assert!(text.contains(&format!("{approver}:head {today}")), "{text}");
    }
}

#[test]
fn a_rejected_document_keeps_its_reason_and_changes_nothing() {
    let (dir, code) = setup();
    let doc = json(dir.path(), &["doc", "scrap", "--reason", "外壳破裂", &code])["doc"].as_str().unwrap().to_string();
    // A rejection needs a reason.
    assert_eq!(refused_as(as_user(dir.path(), "head", &["doc", "reject", &doc, "--reason", " "])).0["fields"], serde_json::json!(["reason"]));
    let out = ok(as_user(dir.path(), "head", &["doc", "reject", &doc, "--reason", "仍可维修，先送修"]));
    assert_eq!(out["state"], "rejected");
    assert_eq!(status(dir.path(), &code), "in_stock");
    let shown = json(dir.path(), &["doc", "show", &doc]);
    assert_eq!(shown["state"], "rejected");
    assert_eq!(shown["reason"], "外壳破裂", "the applicant's reason stays");
    assert_eq!(shown["approval"]["state"], "rejected");
    assert_eq!(shown["approval"]["reason"], "仍可维修，先送修");
    assert_eq!(shown["approval"]["approver"], "head");
    assert!(json(dir.path(), &["doc", "pending"]).as_array().unwrap().is_empty());
    // A rejected document is never approved later, nor voided.
    assert_eq!(refused_as(as_user(dir.path(), "head", &["doc", "approve", &doc])).0["code"], "conflict");
    assert_eq!(refused_error(dir.path(), &["doc", "void", &doc, "--reason", "x"])["code"], "conflict");
    assert!(audit_actions(dir.path()).contains(&"doc_reject".to_string()));
    // The asset can take a new scrap, which waits again.
    json(dir.path(), &["doc", "scrap", "--reason", "再次申请", &code]);
    assert_eq!(json(dir.path(), &["doc", "pending"]).as_array().unwrap().len(), 1);
    assert_eq!(json(dir.path(), &["audit", "verify"])["ok"], true);
}

#[test]
fn only_holders_of_approve_documents_decide_and_others_see_their_own_queue() {
    let (dir, code) = setup();
    json(dir.path(), &["user", "add", "clerk", "--role", "normal", "--dept", "教务处"]);
    let doc = ok(as_user(dir.path(), "clerk", &["doc", "scrap", "--reason", "报废", &code]))["doc"].as_str().unwrap().to_string();
    // The clerk sees their own document waiting, but may not decide it (nor anyone's).
    let own = ok(as_user(dir.path(), "clerk", &["doc", "pending"]));
    assert_eq!(own.as_array().unwrap().len(), 1);
    assert_eq!(own[0]["own"], true);
    let (err, stderr) = refused_as(as_user(dir.path(), "clerk", &["doc", "approve", &doc]));
    assert_eq!(err["code"], "forbidden");
    assert!(stderr.contains("approve or reject documents"), "{stderr}");
    assert_eq!(refused_as(as_user(dir.path(), "clerk", &["doc", "reject", &doc, "--reason", "x"])).0["code"], "forbidden");
    // A second clerk without the permission does not see it.
    json(dir.path(), &["user", "add", "clerk2", "--role", "normal", "--dept", "教务处"]);
    assert!(ok(as_user(dir.path(), "clerk2", &["doc", "pending"])).as_array().unwrap().is_empty());
    // Granted to the normal role, clerk2 may approve the clerk's document.
    json(dir.path(), &["user", "grant", "normal", "approve_documents"]);
    assert_eq!(ok(as_user(dir.path(), "clerk2", &["doc", "pending"]))[0]["own"], false);
    assert_eq!(ok(as_user(dir.path(), "clerk2", &["doc", "approve", &doc]))["state"], "posted");
    assert_eq!(status(dir.path(), &code), "scrapped");
}

#[test]
fn transfers_and_disposals_can_need_approval_and_other_kinds_cannot() {
    let (dir, code) = setup();
    json(dir.path(), &["settings", "set", "approval.transfer", "on"]);
    json(dir.path(), &["settings", "set", "approval.disposal", "on"]);
    let listed = json(dir.path(), &["settings", "list"]);
    assert!(listed.as_array().unwrap().contains(&serde_json::json!({"key": "approval.dispose", "value": "on"})), "{listed}");
    let transfer = json(dir.path(), &["doc", "transfer", "--to-dept", "总务处", &code])["doc"].as_str().unwrap().to_string();
    assert_eq!(json(dir.path(), &["asset", "show", &code])["dept"], "教务处", "nothing moves while it waits");
    ok(as_user(dir.path(), "head", &["doc", "approve", &transfer]));
    assert_eq!(json(dir.path(), &["asset", "show", &code])["dept"], "总务处");

    // Turned off, a scrap takes effect at once again.
    json(dir.path(), &["settings", "set", "approval.scrap", "off"]);
    json(dir.path(), &["doc", "scrap", "--reason", "到期", &code]);
    assert_eq!(status(dir.path(), &code), "scrapped");
    let disposal = json(dir.path(), &["doc", "dispose", "--method", "sale", "--proceeds", "150", &code])["doc"].as_str().unwrap().to_string();
    assert_eq!(status(dir.path(), &code), "scrapped");
    ok(as_user(dir.path(), "head", &["doc", "approve", &disposal]));
    assert_eq!(status(dir.path(), &code), "disposed");
    assert_eq!(json(dir.path(), &["doc", "show", &disposal])["amount"], "150.00");

    let err = refused_error(dir.path(), &["settings", "set", "approval.issue", "on"]);
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("approval.scrap"), "{err}");
    assert_eq!(refused_error(dir.path(), &["settings", "set", "approval.scrap", "maybe"])["code"], "invalid_input");
    assert_eq!(refused_error(dir.path(), &["settings", "set", "colour", "red"])["code"], "invalid_input");
    // Only those who change system parameters set it.
    json(dir.path(), &["user", "add", "clerk", "--role", "normal", "--dept", "教务处"]);
    assert_eq!(refused_as(as_user(dir.path(), "clerk", &["settings", "set", "approval.scrap", "on"])).0["code"], "forbidden");
    assert_eq!(json(dir.path(), &["audit", "verify"])["ok"], true);
}
