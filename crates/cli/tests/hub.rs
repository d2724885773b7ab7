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
    assert_eq!(json(a.path(), &["hub", "init", "--url", &url])["schema_version"], 1);
    assert_eq!(json(b.path(), &["hub", "init", "--url", &url])["schema_version"], 1, "init again changes nothing");

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
