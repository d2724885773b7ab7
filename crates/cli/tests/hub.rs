//! `assetdesk hub …` (issue 24, preview) through the built binary against a real
//! PostgreSQL (crates/test-postgres): two desks join, register, sync, see each other's
//! assets, verify; with the hub down sync fails clearly and the desk keeps working.

mod support;
use support::*;

use test_postgres::Postgres;

#[test]
fn two_desks_sync_through_the_hub_and_survive_an_outage() {
    let mut pg = Postgres::start();
    let url = pg.tcp_url();
    let (a, b) = (init(), init());
    assert_eq!(json(a.path(), &["hub", "init", "--url", &url])["schema_version"], 3);
    assert_eq!(json(b.path(), &["hub", "init", "--url", &url])["schema_version"], 3, "init again changes nothing");

    // A Chinese site name needs a prefix; the refusal names the field.
    let e = refused_error(a.path(), &["hub", "join", "--url", &url, "--site", "分校A"]);
    assert_eq!(e["code"], "invalid_input");
    let m = json(a.path(), &["hub", "join", "--url", &url, "--site", "分校A", "--prefix", "A1"]);
    assert_eq!((m["site"].as_str(), m["prefix"].as_str()), (Some("分校A"), Some("A1")));
    json(b.path(), &["hub", "join", "--url", &url, "--site", "B2"]);

    json(a.path(), &["asset", "add", "--code", "A-1", "--name", "投影仪", "--category", "电教设备", "--dept", "教务处", "--value", "3200"]);
    json(b.path(), &["asset", "add", "--code", "B-1", "--name", "打印机", "--category", "办公设备", "--dept", "总务处", "--value", "1800"]);
    assert_eq!(json(a.path(), &["hub", "sync"])["pushed"], 1);
    let rb = json(b.path(), &["hub", "sync"]);
    assert_eq!((rb["pushed"].as_u64(), rb["applied"].as_u64()), (Some(1), Some(1)));
    assert_eq!(json(a.path(), &["hub", "sync"])["applied"], 1);
    assert_eq!(json(b.path(), &["asset", "show", "A-1"])["name"], "投影仪");
    assert_eq!(json(a.path(), &["asset", "show", "B-1"])["dept"], "总务处");
    for d in [&a, &b] {
        let v = json(d.path(), &["hub", "verify"]);
        assert_eq!(v["agree"], true, "{v}");
    }

    pg.stop();
    json(a.path(), &["asset", "add", "--code", "A-2", "--name", "笔记本", "--category", "电脑", "--value", "6999.50"]);
    let (err, stderr) = refused(a.path(), &["hub", "sync"]);
    assert_eq!(err["error"]["code"], "io");
    assert!(stderr.contains("cannot reach the hub") || stderr.contains("无法连接数据中心"), "{stderr}");
    let s = json(a.path(), &["hub", "status"]);
    assert_eq!((s["reachable"].as_bool(), s["to_push"].as_u64()), (Some(false), Some(1)), "{s}");

    pg.start_again();
    assert_eq!(json(a.path(), &["hub", "sync"])["pushed"], 1);
    assert_eq!(json(b.path(), &["hub", "sync"])["applied"], 1);
    assert_eq!(json(b.path(), &["asset", "show", "A-2"])["value"], "6999.50");
    let s = json(b.path(), &["hub", "status"]);
    assert_eq!((s["reachable"].as_bool(), s["to_push"].as_u64(), s["to_pull"].as_i64()), (Some(true), Some(0), Some(0)), "{s}");
    for d in [&a, &b] {
        assert_eq!(json(d.path(), &["hub", "verify"])["agree"], true);
    }
}

/// `count` registrations, one document each, written straight into the desk's ledger
/// (the CLI's login per asset would make the test slow, not better).
fn register_many(dir: &std::path::Path, prefix: &str, count: usize) {
    let mut ledger = ledger::Ledger::open(dir).unwrap();
    let admin = ledger.authenticate("admin", PASSWORD).unwrap();
    for i in 0..count {
        let input = ledger::AssetInput { code: format!("{prefix}-{i:04}"), name: "椅子".into(), category: "家具".into(), dept: "教务处".into(), value: "120.00".into(), ..Default::default() };
        ledger.add_asset(&admin, &input).unwrap();
    }
}

/// Starts `assetdesk hub sync` and SIGKILLs it after `after`; true when it was killed
/// (false: it finished first).
fn kill_sync_after(dir: &std::path::Path, after: std::time::Duration) -> bool {
    let mut child = command(dir, &["--json", "hub", "sync"]).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let deadline = std::time::Instant::now() + after;
    while std::time::Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    true
}

#[test]
fn a_sync_killed_mid_push_or_mid_pull_loses_and_duplicates_nothing() {
    const DOCS: usize = 1000; // five push batches
    let pg = Postgres::start();
    let url = pg.url();
    let (a, b) = (init(), init());
    json(a.path(), &["hub", "init", "--url", &url]);
    json(a.path(), &["hub", "join", "--url", &url, "--site", "A1"]);
    json(b.path(), &["hub", "join", "--url", &url, "--site", "B1"]);
    register_many(a.path(), "A", DOCS);

    // Kill A's push and B's pull at growing moments until each has been cut at least
    // once and then allowed to finish.
    for (desk, waiting) in [(a.path(), "to_push"), (b.path(), "to_pull")] {
        let (mut kills, mut cut_midway) = (0, 0);
        let mut wait = 30;
        while kill_sync_after(desk, std::time::Duration::from_millis(wait)) {
            kills += 1;
            // A killed SQLite writer leaves at most a rolled-back transaction: the ledger opens.
            assert_eq!(json(desk, &["audit", "verify"])["ok"], true);
            let left = json(desk, &["hub", "status"])[waiting].as_u64().unwrap() as usize;
            if 0 < left && left < DOCS {
                cut_midway += 1;
            }
            eprintln!("killed at {wait} ms: {waiting} {left}");
            wait += 10;
        }
        assert!(cut_midway > 0, "no kill landed in the middle of the {waiting} ({kills} kills); the test proves nothing");
        json(desk, &["hub", "sync"]);
    }
    for d in [&a, &b] {
        let v = json(d.path(), &["hub", "verify"]);
        assert_eq!(v["agree"], true, "{v}");
        assert_eq!(v["sites"][0]["hub_documents"], DOCS, "every document once on the hub: {v}");
        assert_eq!(v["sites"][0]["desk_documents"], DOCS, "{v}");
    }
    let ledger = ledger::Ledger::open(b.path()).unwrap();
    let admin = ledger::Ledger::open(b.path()).unwrap().authenticate("admin", PASSWORD).unwrap();
    assert_eq!(ledger.list_assets(&admin, &Default::default()).unwrap().total, DOCS as i64, "every asset once on B");
    assert!(ledger.consistency_problems(&admin).unwrap().is_empty());
}

#[test]
fn hub_status_shows_a_refused_document_and_what_waits_behind_it_until_it_is_voided() {
    let pg = Postgres::start();
    let url = pg.url();
    let (a, b) = (init(), init());
    json(a.path(), &["hub", "init", "--url", &url]);
    json(a.path(), &["hub", "join", "--url", &url, "--site", "A1"]);
    json(b.path(), &["hub", "join", "--url", &url, "--site", "B1"]);
    json(a.path(), &["asset", "add", "--code", "A-1", "--name", "投影仪", "--category", "电教设备", "--dept", "教务处", "--value", "3200"]);
    json(a.path(), &["hub", "sync"]);
    json(b.path(), &["hub", "sync"]);
    // Both issue A-1 while apart; A reaches the hub first.
    let a_issue = json(a.path(), &["doc", "issue", "--to", "王五", "A-1"])["doc"].as_str().unwrap().to_string();
    let b_issue = json(b.path(), &["doc", "issue", "--to", "赵六", "A-1"])["doc"].as_str().unwrap().to_string();
    let b_return = json(b.path(), &["doc", "return", "A-1"])["doc"].as_str().unwrap().to_string();
    json(a.path(), &["hub", "sync"]);
    let r = json(b.path(), &["hub", "sync"]);
    assert_eq!((r["pushed"].as_u64(), r["conflicts"].as_u64()), (Some(0), Some(1)), "{r}");
    let s = json(b.path(), &["hub", "status"]);
    assert_eq!(s["refused"][0]["doc_no"], b_issue.as_str(), "{s}");
    assert_eq!(s["held"][0], b_return.as_str(), "{s}");
    let text = String::from_utf8(run_in(b.path(), "zh-CN", &["hub", "status"]).stdout).unwrap();
    assert!(text.contains("数据中心拒收") && text.contains(&b_issue) && text.contains(&a_issue) && text.contains(&b_return), "{text}");
    let text = String::from_utf8(run_in(b.path(), "en", &["hub", "status"]).stdout).unwrap();
    assert!(text.contains("refused by the hub") && text.contains("waiting behind a refused document"), "{text}");
    // The way out: void the return, then the issue; sync; retry.
    json(b.path(), &["doc", "void", &b_return, "--reason", "分校A 已先领用"]);
    json(b.path(), &["doc", "void", &b_issue, "--reason", "分校A 已先领用"]);
    assert_eq!(json(b.path(), &["hub", "sync"])["pushed"], 0);
    assert_eq!(json(b.path(), &["hub", "retry"])["applied"], 1);
    let s = json(b.path(), &["hub", "status"]);
    assert_eq!((s["refused"].as_array().map(Vec::len), s["held"].as_array().map(Vec::len), s["conflicts"].as_array().map(Vec::len)), (Some(0), Some(0), Some(0)), "{s}");
    assert_eq!(json(b.path(), &["asset", "show", "A-1"])["custodian"], "王五");
    for d in [&a, &b] {
        assert_eq!(json(d.path(), &["hub", "verify"])["agree"], true);
    }
}
