//! User management (issue 20) through the built `assetdesk`: disable and enable, another
//! role or department, a reset password, and the last active administrator protected.

mod support;
use support::*;

use std::path::Path;
use std::process::Output;

use serde_json::{json as j, Value};

fn as_user(dir: &Path, user: &str, password: &str, args: &[&str]) -> Output {
    command(dir, &[&["--json", "--user", user], args].concat()).env("ASSETDESK_PASSWORD", password).output().unwrap()
}

fn user_row(dir: &Path, name: &str) -> Value {
    json(dir, &["user", "list"]).as_array().unwrap().iter().find(|u| u["name"] == name).cloned().unwrap_or_else(|| panic!("no user {name}"))
}

fn audit_len(dir: &Path) -> usize {
    json(dir, &["audit", "list", "--limit", "500"]).as_array().unwrap().len()
}

#[test]
fn a_disabled_user_cannot_log_in_and_history_keeps_their_name() {
    let dir = init();
    json(dir.path(), &["user", "add", "clerk", "--role", "power"]);
    let code = json(dir.path(), &["asset", "add", "--name", "打印机", "--category", "办公设备"])["code"].as_str().unwrap().to_string();
    let issued = as_user(dir.path(), "clerk", NEW_USER_PASSWORD, &["doc", "issue", "--to", "王老师", &code]);
    assert!(issued.status.success(), "{}", String::from_utf8_lossy(&issued.stderr));
    let doc: Value = serde_json::from_slice(&issued.stdout).unwrap();

    let disabled = json(dir.path(), &["user", "disable", "clerk"]);
    assert_eq!(disabled, j!({"name": "clerk", "role": "power", "dept": null, "active": false}));
    let out = as_user(dir.path(), "clerk", NEW_USER_PASSWORD, &["asset", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "unauthenticated");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("clerk is disabled") && stderr.contains("administrator"), "{stderr}");
    let zh = command(dir.path(), &["--user", "clerk", "asset", "list"]).env("ASSETDESK_PASSWORD", NEW_USER_PASSWORD).env("ASSETDESK_LANG", "zh-CN").output().unwrap();
    assert!(String::from_utf8_lossy(&zh.stderr).contains("已停用"), "{}", String::from_utf8_lossy(&zh.stderr));
    // A wrong password still says only that (nothing about the account).
    let wrong = as_user(dir.path(), "clerk", "not-it", &["asset", "list"]);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong user name or password"));

    // History keeps the name: the document and the user list still show clerk.
    assert_eq!(json(dir.path(), &["doc", "show", doc["doc"].as_str().unwrap()])["operator"], "clerk");
    assert_eq!(user_row(dir.path(), "clerk")["active"], false);

    json(dir.path(), &["user", "enable", "clerk"]);
    assert!(as_user(dir.path(), "clerk", NEW_USER_PASSWORD, &["asset", "list"]).status.success());
    let actions: Vec<Value> = json(dir.path(), &["audit", "list", "--limit", "50"]).as_array().unwrap().iter().map(|e| e["action"].clone()).collect();
    assert!(actions.contains(&j!("user_disable")) && actions.contains(&j!("user_enable")), "{actions:?}");
}

#[test]
fn the_last_active_admin_cannot_be_disabled_or_demoted() {
    let dir = init();
    let before = audit_len(dir.path());
    // Oneself: never disabled; the only admin: never demoted.
    let err = refused_error(dir.path(), &["user", "disable", "admin"]);
    assert_eq!(err["code"], "invalid_input");
    let err = refused_error(dir.path(), &["user", "set-role", "admin", "power"]);
    assert_eq!(err["code"], "conflict");
    assert!(err["message"].as_str().unwrap().contains("last active administrator"), "{err}");
    assert_eq!(audit_len(dir.path()), before, "refusals write nothing");
    assert_eq!(user_row(dir.path(), "admin")["role"], "admin");

    // With a second admin, one may step down; then that second one is the last.
    json(dir.path(), &["user", "add", "head", "--role", "admin"]);
    let as_head = |args: &[&str]| as_user(dir.path(), "head", NEW_USER_PASSWORD, args);
    assert!(as_head(&["user", "set-role", "admin", "power"]).status.success());
    let out = as_head(&["user", "set-role", "head", "normal"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "conflict");
    // A disabled admin does not count as active: disabling the only other one is refused.
    assert!(as_head(&["user", "set-role", "admin", "admin"]).status.success());
    assert!(as_head(&["user", "disable", "admin"]).status.success());
    let out = as_head(&["user", "set-role", "head", "power"]);
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "conflict");
    assert_eq!(serde_json::from_slice::<Value>(&as_head(&["user", "list"]).stdout).unwrap().as_array().unwrap().iter().find(|u| u["name"] == "head").unwrap()["role"], "admin");
}

#[test]
fn role_and_department_changes_are_checked_and_take_effect() {
    let dir = init();
    json(dir.path(), &["user", "add", "clerk", "--role", "power"]);
    // A normal user needs a department.
    let err = refused_error(dir.path(), &["user", "set-role", "clerk", "normal"]);
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["fields"], j!(["dept"]));
    let moved = json(dir.path(), &["user", "set-department", "clerk", "财务部"]);
    assert_eq!(moved["dept"], "财务部");
    assert_eq!(json(dir.path(), &["user", "set-role", "clerk", "normal"])["role"], "normal");
    assert_eq!(refused_error(dir.path(), &["user", "set-department", "clerk", "--clear"])["fields"], j!(["dept"]));
    // The new role and department apply at the next login: a normal user of 财务部 sees its assets only.
    json(dir.path(), &["asset", "add", "--name", "财务电脑", "--category", "电脑", "--dept", "财务部"]);
    json(dir.path(), &["asset", "add", "--name", "教务电脑", "--category", "电脑", "--dept", "教务处"]);
    let list: Value = serde_json::from_slice(&as_user(dir.path(), "clerk", NEW_USER_PASSWORD, &["asset", "list"]).stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["dept"], "财务部");
    assert_eq!(refused_error(dir.path(), &["user", "set-role", "nobody", "power"])["code"], "not_found");
    // Only user managers change users.
    let out = as_user(dir.path(), "clerk", NEW_USER_PASSWORD, &["user", "disable", "admin"]);
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "forbidden");
}

#[test]
fn an_admin_resets_a_forgotten_password() {
    let dir = init();
    json(dir.path(), &["user", "add", "clerk", "--role", "power"]);
    let out = command(dir.path(), &["--json", "user", "reset-password", "clerk"]).env("ASSETDESK_NEW_PASSWORD", "temp-4321").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!as_user(dir.path(), "clerk", NEW_USER_PASSWORD, &["asset", "list"]).status.success(), "the old password no longer works");
    assert!(as_user(dir.path(), "clerk", "temp-4321", &["asset", "list"]).status.success());
    // Too short is refused and changes nothing.
    let short = command(dir.path(), &["--json", "user", "reset-password", "clerk"]).env("ASSETDESK_NEW_PASSWORD", "abc").output().unwrap();
    assert_eq!(short.status.code(), Some(1));
    assert!(as_user(dir.path(), "clerk", "temp-4321", &["asset", "list"]).status.success());
    let actions: Vec<Value> = json(dir.path(), &["audit", "list", "--limit", "20"]).as_array().unwrap().iter().map(|e| e["action"].clone()).collect();
    assert!(actions.contains(&j!("password_reset")), "{actions:?}");
}
