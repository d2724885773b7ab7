//! `assetdesk printer …` and `label --printer NAME` against a real ledger and a real
//! TCP listener standing in for a TSPL printer's raw port.

mod support;
use support::*;

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

/// A raw printer on 127.0.0.1: each connection's bytes.
fn printer() -> (u16, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut bytes = Vec::new();
            stream.unwrap().read_to_end(&mut bytes).unwrap();
            if tx.send(bytes).is_err() {
                return;
            }
        }
    });
    (port, rx)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_configured_tspl_printer_prints_with_its_settings_and_the_history_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["init", "--admin", "admin", "--company", "示例单位"]).status.success());
    let code = json(dir.path(), &["asset", "add", "--name", "联想笔记本电脑", "--category", "电脑", "--dept", "行政部"])["code"]
        .as_str()
        .unwrap()
        .to_string();
    let (port, jobs) = printer();
    let uri = format!("tcp://127.0.0.1:{port}");
    let added = json(dir.path(), &["printer", "add", "前台", "--uri", &uri, "--language", "tspl", "--offset-x", "1.5", "--darkness", "12"]);
    assert_eq!(added["default"], true, "the first printer is the default");
    assert_eq!(added["offset_x_mm"], 1.5);
    let set = json(dir.path(), &["printer", "set", "前台", "--offset-y", "-0.5", "--label-size", "50x30"]);
    assert_eq!((set["offset_y_mm"].as_f64(), set["label_width_mm"].as_f64()), (Some(-0.5), Some(50.0)));
    let list = json(dir.path(), &["printer", "list"]);
    assert_eq!(list["configured"][0]["name"], "前台");
    assert!(list["installed"].is_array());

    // By name: TSPL with the name in GBK, the code as a BARCODE, offsets applied.
    let sent = json(dir.path(), &["label", &code, "--printer", "前台"]);
    assert_eq!(sent["printer"], uri);
    let job = jobs.recv_timeout(Duration::from_secs(10)).unwrap();
    let (name, _, _) = encoding_rs::GBK.encode("联想笔记本电脑");
    assert!(contains(&job, &name), "the GBK name");
    let text = String::from_utf8_lossy(&job);
    assert!(text.contains("DENSITY 12\r\n"));
    // 50x30 template, barcode at 1.5 mm + 10 modules; +1.5 mm offset = +12 dots.
    assert!(text.contains("BARCODE 44,92,\"128M\""), "{text}");
    assert!(text.contains(&code[code.len() - 2..]));

    // The test page.
    let test = json(dir.path(), &["printer", "test", "前台"]);
    let page = jobs.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(test["bytes"].as_u64().unwrap() as usize, page.len());
    let (offsets, _, _) = encoding_rs::GBK.encode("X +1.50 mm Y -0.50 mm");
    assert!(contains(&page, &offsets));

    // Offline printer: refused with the reason, kept in the history, retried later.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    json(dir.path(), &["printer", "set", "前台", "--uri", &format!("tcp://127.0.0.1:{dead}")]);
    let err = refused_error(dir.path(), &["label", &code, "--printer", "前台", "--reason", "标签磨损"]);
    assert_eq!(err["code"], "printer_unreachable");
    let history = json(dir.path(), &["printer", "jobs"]);
    assert_eq!(history[0]["status"], "failed");
    assert_eq!(history[0]["reason"], "标签磨损");
    assert!(history[0]["error"].as_str().unwrap().contains(&format!("127.0.0.1:{dead}")));
    assert_eq!(history[1]["status"], "sent");
    json(dir.path(), &["printer", "set", "前台", "--uri", &uri]);
    let id = history[0]["id"].as_i64().unwrap().to_string();
    let retried = json(dir.path(), &["printer", "retry", &id]);
    assert_eq!(retried["labels"], 1);
    assert!(!jobs.recv_timeout(Duration::from_secs(10)).unwrap().is_empty());
    let history = json(dir.path(), &["printer", "jobs"]);
    assert_eq!((history[0]["status"].as_str(), history[1]["status"].as_str()), (Some("sent"), Some("retried")));
    let audit = json(dir.path(), &["audit", "list", "--limit", "100"]);
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "label_reprint" && e["detail"].as_str().unwrap().contains("标签磨损")));

    // Bad settings are refused naming the field; unknown printers by name.
    let err = refused_error(dir.path(), &["printer", "set", "前台", "--speed", "20"]);
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("speed"));
    let err = refused_error(dir.path(), &["label", &code, "--printer", "nowhere"]);
    assert_eq!(err["code"], "bad_printer_uri");
    json(dir.path(), &["printer", "remove", "前台"]);
    assert_eq!(json(dir.path(), &["printer", "list"])["configured"], serde_json::json!([]));
}
