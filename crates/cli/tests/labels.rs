//! `assetdesk label` against real ledgers: PDFs decoded back with poppler and zbar,
//! ZPL sent to a real socket, refusals that send nothing, and the audit record.

mod support;
use support::*;

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

/// A ledger with one real asset; returns the folder and the asset's code.
fn ledger_with_asset() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--admin", "admin", "--company", "示例单位"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let added = json(dir.path(), &["asset", "add", "--name", "联想笔记本电脑", "--category", "电脑", "--dept", "行政部", "--model", "T14"]);
    (dir, added["code"].as_str().unwrap().to_string())
}

fn tool(name: &str, package: &str) -> Command {
    assert!(
        Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().unwrap().status.success(),
        "{name} is missing: install the Debian package {package}"
    );
    Command::new(name)
}

fn audit(dir: &Path) -> Vec<Value> {
    json(dir, &["audit", "list", "--limit", "100"]).as_array().unwrap().clone()
}

#[test]
fn a_pdf_label_of_a_real_asset_scans_back_to_its_code_and_carries_its_chinese_name() {
    let (dir, code) = ledger_with_asset();
    let pdf = dir.path().join("out").join("label.pdf");
    let result = json(dir.path(), &["label", &code, "--out", pdf.to_str().unwrap()]);
    assert_eq!(result["labels"], 1);
    assert_eq!(result["out"], pdf.display().to_string());
    assert_eq!(result["bytes"].as_u64().unwrap(), std::fs::metadata(&pdf).unwrap().len());

    let prefix = dir.path().join("page");
    let status = tool("pdftoppm", "poppler-utils").args(["-r", "300", "-png"]).arg(&pdf).arg(&prefix).status().unwrap();
    assert!(status.success());
    let png = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "png")).expect("a page image");
    let scan = tool("zbarimg", "zbar-tools").args(["--nodbus", "-q"]).arg(&png).output().unwrap();
    let scanned = String::from_utf8_lossy(&scan.stdout);
    assert!(scanned.lines().any(|l| l.trim() == format!("CODE-128:{code}")), "zbarimg read {scanned:?}, wanted {code}");

    let text = tool("pdftotext", "poppler-utils").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("联想笔记本电脑"), "pdftotext found {text:?}");
    assert!(text.contains("示例单位"), "organisation name on the label: {text:?}");

    let entries = audit(dir.path());
    assert!(entries.iter().any(|e| e["action"] == "label_print" && e["target"] == code.as_str()), "{entries:?}");
}

/// Accepts one connection and returns everything it sent.
fn listen_once() -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        bytes
    });
    (port, handle)
}

#[test]
fn zpl_sent_to_a_socket_printer_is_byte_for_byte_the_file_output() {
    let (dir, code) = ledger_with_asset();
    let file = dir.path().join("label.zpl");
    let to_file = json(dir.path(), &["label", &code, "--format", "zpl", "--dpi", "300", "--darkness", "20", "--out", file.to_str().unwrap()]);
    assert_eq!(to_file["labels"], 1);
    let expected = std::fs::read(&file).unwrap();
    assert!(String::from_utf8_lossy(&expected).starts_with("^XA") || String::from_utf8_lossy(&expected).contains("^XA"));

    // The second job is a reprint: it needs a reason.
    let (port, received) = listen_once();
    let uri = format!("tcp://127.0.0.1:{port}");
    let no_reason = refused_error(dir.path(), &["label", &code, "--format", "zpl", "--dpi", "300", "--darkness", "20", "--printer", &uri]);
    assert_eq!(no_reason["code"], "invalid_input");
    assert_eq!(no_reason["fields"], serde_json::json!(["reason"]));
    let sent = json(dir.path(), &["label", &code, "--format", "zpl", "--dpi", "300", "--darkness", "20", "--printer", &uri, "--reason", "标签损坏"]);
    assert_eq!(sent["printer"], uri);
    assert_eq!(sent["labels"], 1);
    assert_eq!(sent["bytes"].as_u64().unwrap() as usize, expected.len());
    let received = received.join().unwrap();
    // The ZPL host-status query first (the listener does not answer: sent anyway).
    assert_eq!(&received[..3], b"~HS");
    assert_eq!(&received[3..], &expected[..], "then exactly the --out bytes");
    assert_eq!(sent["status"], "unknown");

    let entries = audit(dir.path());
    let reprint = entries.iter().find(|e| e["action"] == "label_reprint").expect("a reprint entry");
    assert_eq!(reprint["target"], code.as_str());
    assert!(reprint["detail"].as_str().unwrap().contains("标签损坏"), "{reprint:?}");
}

#[test]
fn tspl_goes_to_a_socket_printer_too() {
    let (dir, code) = ledger_with_asset();
    let (port, received) = listen_once();
    let uri = format!("tcp://127.0.0.1:{port}");
    json(dir.path(), &["label", &code, "--template", "60x40-qr", "--format", "tspl", "--copies", "2", "--printer", &uri]);
    let bytes = received.join().unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("SIZE ") && text.contains("PRINT 1,2"), "{text}");
}

#[test]
fn a_label_that_cannot_fit_is_refused_and_nothing_is_sent_or_recorded() {
    let (dir, code) = ledger_with_asset();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let uri = format!("tcp://127.0.0.1:{}", listener.local_addr().unwrap().port());
    // 40 x 30 mm at 203 dpi takes codes of about 10 characters; ZC-2026-00001 is 13.
    let err = refused_error(dir.path(), &["label", &code, "--template", "40x30-code128", "--format", "zpl", "--printer", &uri]);
    assert_eq!(err["code"], "barcode_too_large");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains(&code) && message.contains("mm"), "says which label and by how much: {message}");
    assert!(listener.accept().is_err(), "nothing may reach the printer");
    assert!(!audit(dir.path()).iter().any(|e| e["action"].as_str().unwrap().starts_with("label_")));

    // In Chinese too.
    let out = Command::new(env!("CARGO_BIN_EXE_assetdesk"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "label", &code, "--template", "40x30-code128", "--format", "zpl", "--out"])
        .arg(dir.path().join("x.zpl"))
        .env("ASSETDESK_PASSWORD", PASSWORD)
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("条码"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.path().join("x.zpl").exists(), "no file is written for a refused job");
}

#[test]
fn sheets_start_at_the_chosen_position_and_unknown_assets_are_refused() {
    let (dir, code) = ledger_with_asset();
    let pdf = dir.path().join("sheet.pdf");
    let ok = json(dir.path(), &["label", &code, "--template", "a4-3x8-code128", "--start", "5", "--out", pdf.to_str().unwrap()]);
    assert_eq!(ok["labels"], 1);
    let err = refused_error(dir.path(), &["label", &code, "--template", "a4-3x8-code128", "--start", "25", "--reason", "x", "--out", pdf.to_str().unwrap()]);
    assert_eq!(err["code"], "invalid_input");
    let err = refused_error(dir.path(), &["label", "ZC-1999-99999", "--out", pdf.to_str().unwrap()]);
    assert_eq!(err["code"], "not_found");
    let err = refused_error(dir.path(), &["label", &code, "--template", "no-such-template", "--reason", "x", "--out", pdf.to_str().unwrap()]);
    assert_eq!(err["code"], "not_found");
    let err = refused_error(dir.path(), &["label", &code, "--printer", "lpt1", "--reason", "x"]);
    assert_eq!(err["code"], "bad_printer_uri");
}
