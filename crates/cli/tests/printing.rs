//! `--printer` / `--copies` on `doc slip`, `report register|changes` and `asset card`
//! against a real cupsd of the test's own (CUPS_SERVER), whose raw queue hands the job
//! to a TCP listener: what arrives is read back with pdftotext.

mod support;
use support::*;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use test_cups::{free_port, split_pdfs, Cupsd, Queue, RawPrinter};

const ARRIVAL: Duration = Duration::from_secs(30);

struct Office {
    cupsd: Cupsd,
    printer: RawPrinter,
}

fn office() -> Office {
    let printer = RawPrinter::start();
    let cupsd = Cupsd::start(&[Queue::new("office", &printer.device_uri()).default(), Queue::new("closed", "file:///dev/null").rejecting()]);
    Office { cupsd, printer }
}

fn cmd(dir: &Path, server: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    command(dir, &all).env("CUPS_SERVER", server).env("ASSETDESK_LANG", "zh-CN").output().unwrap()
}

fn ok(dir: &Path, server: &str, args: &[&str]) -> Value {
    let out = cmd(dir, server, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn refusal(dir: &Path, server: &str, args: &[&str]) -> Value {
    let out = cmd(dir, server, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should be refused: {}", String::from_utf8_lossy(&out.stdout));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"].clone()
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("job.pdf");
    std::fs::write(&path, pdf).unwrap();
    String::from_utf8(Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)").stdout).unwrap()
}

/// A ledger with one asset issued to 张三: (dir, asset code, document number).
fn ledger_with_issue() -> (tempfile::TempDir, String, String) {
    let dir = init();
    let code = json(dir.path(), &["asset", "add", "--name", "联想笔记本电脑", "--category", "电脑", "--dept", "行政部", "--value", "6800", "--acquired", "2026-01-10"])["code"]
        .as_str()
        .unwrap()
        .to_string();
    let doc = json(dir.path(), &["doc", "issue", "--to", "张三", &code])["doc"].as_str().unwrap().to_string();
    (dir, code, doc)
}

#[test]
fn a_slip_printed_with_two_copies_arrives_twice_as_the_slip() {
    let site = office();
    let (dir, code, doc) = ledger_with_issue();
    let saved = dir.path().join("slip.pdf");
    let result = ok(dir.path(), &site.cupsd.server(), &["doc", "slip", &doc, "--printer", "cups:office", "--copies", "2", "--out", saved.to_str().unwrap()]);
    assert_eq!(result["printer"], "cups:office");
    assert_eq!(result["copies"], 2);
    assert_eq!(result["pages"], 1);
    assert!(result["job"].as_str().unwrap().starts_with("office-"), "{result}");
    let job = site.printer.next_job(ARRIVAL).unwrap_or_else(|| panic!("nothing arrived: {}", site.cupsd.error_log()));
    let copies = split_pdfs(&job);
    assert_eq!(copies.len(), 2);
    let file = std::fs::read(&saved).unwrap();
    for copy in copies {
        assert_eq!(copy, &file[..], "the printer gets the same PDF as the saved one");
        let text = pdftotext(copy);
        for want in ["示例单位", "领用出库单", doc.as_str(), code.as_str(), "联想笔记本电脑", "张三", "领用人签字"] {
            assert!(text.contains(want), "{want} missing:\n{text}");
        }
    }
}

#[test]
fn reports_and_the_asset_card_go_to_a_printer_chosen_by_name() {
    let site = office();
    let (dir, code, doc) = ledger_with_issue();
    let server = site.cupsd.server();
    let report = ok(dir.path(), &server, &["report", "register", "--printer", "office"]);
    assert_eq!(report["printed"]["printer"], "office");
    assert_eq!(report["total"]["count"], 1, "the report's own JSON is unchanged");
    let text = pdftotext(split_pdfs(&site.printer.next_job(ARRIVAL).expect("register arrived"))[0]);
    for want in ["资产台账", code.as_str(), "联想笔记本电脑", "6,800.00"] {
        assert!(text.contains(want), "{want} missing from the register:\n{text}");
    }

    let changes = ok(dir.path(), &server, &["report", "changes", "--from", "2026-01-01", "--to", "2099-12-31", "--printer", "office", "--copies", "3"]);
    assert_eq!(changes["printed"]["copies"], 3);
    let job = site.printer.next_job(ARRIVAL).expect("changes arrived");
    let copies = split_pdfs(&job);
    assert_eq!(copies.len(), 3);
    assert!(pdftotext(copies[2]).contains(doc.as_str()), "the changes report lists the issue");

    let card = ok(dir.path(), &server, &["asset", "card", &code, "--printer", "cups:office"]);
    assert_eq!(card["pages"], 1);
    assert!(card.get("file").is_none());
    let text = pdftotext(split_pdfs(&site.printer.next_job(ARRIVAL).expect("card arrived"))[0]);
    for want in ["固定资产卡片", code.as_str(), "6,800.00", doc.as_str(), "张三"] {
        assert!(text.contains(want), "{want} missing from the card:\n{text}");
    }
}

#[test]
fn refusals_name_the_printer_and_change_nothing() {
    let site = office();
    let (dir, code, doc) = ledger_with_issue();
    let server = site.cupsd.server();
    let not_written = dir.path().join("slip.pdf");
    let e = refusal(dir.path(), &server, &["doc", "slip", &doc, "--printer", "Canon_iR2525", "--out", not_written.to_str().unwrap()]);
    assert!(!not_written.exists(), "a refused print writes no file either");
    assert_eq!(e["code"], "unknown_printer");
    let message = e["message"].as_str().unwrap();
    assert!(message.contains("未安装名为“Canon_iR2525”的打印机") && message.contains("office") && message.contains("closed"), "{message}");

    for copies in ["0", "1000"] {
        let e = refusal(dir.path(), &server, &["asset", "card", &code, "--printer", "office", "--copies", copies]);
        assert_eq!(e["code"], "invalid_input");
        assert!(e["message"].as_str().unwrap().contains("份数必须在 1 到 999 之间"), "{e}");
    }

    let e = refusal(dir.path(), &server, &["doc", "slip", &doc, "--printer", "cups:closed"]);
    assert_eq!(e["code"], "printer_refused");
    assert!(e["message"].as_str().unwrap().contains("打印机“closed”拒绝了任务"), "{e}");

    // A failed print records no export.
    let exports = |dir: &Path| json(dir, &["audit", "list", "--limit", "1000"]).as_array().unwrap().iter().filter(|e| e["action"] == "export").count();
    let before = exports(dir.path());
    let e = refusal(dir.path(), &server, &["report", "register", "--printer", "nosuch"]);
    assert_eq!(e["code"], "unknown_printer");
    assert_eq!(exports(dir.path()), before);
    ok(dir.path(), &server, &["report", "register", "--printer", "office"]);
    assert_eq!(exports(dir.path()), before + 1, "a printed report is recorded like an export");
    site.printer.next_job(ARRIVAL).expect("the register arrived");

    let dead = format!("127.0.0.1:{}", free_port());
    let e = refusal(dir.path(), &dead, &["doc", "slip", &doc, "--printer", "office"]);
    assert_eq!(e["code"], "cups_unavailable");
    assert!(e["message"].as_str().unwrap().contains("CUPS 打印服务不可用"), "{e}");

    // --copies means nothing without a printer: bad usage.
    let out = cmd(dir.path(), &server, &["doc", "slip", &doc, "--out", "x.pdf", "--copies", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(site.printer.next_job(Duration::from_millis(200)).is_none(), "nothing was printed");
}
