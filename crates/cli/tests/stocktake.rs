//! `assetdesk stocktake ...` against real ledger folders, and `stocktake listen` against
//! a real pseudo-terminal standing in for a serial scanner.

mod support;
use support::*;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// JSON lines (one object per scan) from a streaming command.
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect(l)).collect()
}

/// A ledger with four assets of 行政部 (A1..A3 in 301, A4 in 302) and one of 财务部.
fn ledger() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--admin", "admin", "--company", "示例单位"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (code, dept, loc) in [("A1", "行政部", "301"), ("A2", "行政部", "301"), ("A3", "行政部", "301"), ("A4", "行政部", "302"), ("F1", "财务部", "财务室")] {
        json(dir.path(), &["asset", "add", "--code", &format!("ZC-T-{code}"), "--name", "电脑", "--category", "电脑", "--dept", dept, "--location", loc, "--value", "1000"]);
    }
    dir
}

fn new_task(dir: &Path) -> String {
    let created = json(dir, &["stocktake", "new", "--name", "行政部年末盘点", "--dept", "行政部"]);
    created["id"].as_i64().expect("{\"id\": N}").to_string()
}

#[test]
fn new_scan_report_close_follow_the_contract() {
    let dir = ledger();
    let d = dir.path();
    let id = new_task(d);

    let out = run(d, &["--json", "stocktake", "scan", &id, "ZC-T-A1", "ZC-T-A1", "ZC-PY-1", "ZC-T-F1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let verdicts: Vec<String> = json_lines(&out.stdout).iter().map(|v| v["verdict"].as_str().unwrap().to_string()).collect();
    assert_eq!(verdicts, ["found", "duplicate", "surplus", "misplaced"]);

    // Plain text: one verdict per line, code first.
    let out = run(d, &["stocktake", "scan", &id, "--location", "302", "ZC-T-A4"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("ZC-T-A4\tfound"), "{text}");

    // Garbage is refused, named, not stored, and the good codes beside it still count.
    let out = run(d, &["--json", "stocktake", "scan", &id, "bad code", "ZC-T-A2"]);
    assert!(!out.status.success());
    let lines = json_lines(&out.stdout);
    assert_eq!(lines[0]["verdict"], "rejected");
    assert_eq!(lines[1]["verdict"], "found");

    let report = json(d, &["stocktake", "report", &id]);
    assert_eq!(report["expected"], 4);
    assert_eq!(report["found"], 3);
    assert_eq!(report["missing"], serde_json::json!(["ZC-T-A3"]));
    assert_eq!(report["surplus"], serde_json::json!(["ZC-PY-1"]));
    assert_eq!(report["misplaced"], serde_json::json!(["ZC-T-F1"]));
    assert_eq!(report["duplicates"], 1);

    let xlsx = d.join("盘点差异.xlsx");
    let out = command(d, &["stocktake", "report", &id, "--xlsx", xlsx.to_str().unwrap()]).env("ASSETDESK_LANG", "zh_CN").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["盘盈统计", "盘亏统计", "差异统计", "差异明细"]);
    let stats = book.worksheet_range("差异统计").unwrap();
    let total: Vec<String> = stats.rows().nth(2).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(total[..4], ["合计", "4", "3", "1"]);
    let sheet = book.worksheet_range("差异明细").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0][0], "差异类型");
    let kinds: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(kinds, ["盘盈", "盘亏", "位置不符"]);

    // Without --apply nothing changes.
    let review = json(d, &["stocktake", "close", &id]);
    assert_eq!(review["applied"], false);
    // Unreviewed lines: close refuses and names them (issue 20), changing nothing.
    let refused = refused_error(d, &["stocktake", "close", &id, "--apply"]);
    assert_eq!((refused["code"].as_str(), refused["fields"][0].as_str()), (Some("conflict"), Some("unreviewed")), "{refused}");
    let message = refused["message"].as_str().unwrap();
    assert!(message.contains("ZC-PY-1") && message.contains("ZC-T-A3") && message.contains("ZC-T-F1"), "{message}");
    assert_eq!(json(d, &["asset", "show", "ZC-T-A3"])["status"], "in_stock");
    let closed = json(d, &["stocktake", "close", &id, "--apply", "--unreviewed", "accept"]);
    assert!(closed["doc"].as_str().unwrap().starts_with("PD-"), "{closed}");
    assert_eq!(closed["registered"], serde_json::json!(["ZC-PY-1"]));
    assert_eq!(closed["marked_missing"], serde_json::json!(["ZC-T-A3"]));
    let card = json(d, &["asset", "show", "ZC-T-A3"]);
    assert_eq!(card["status"], "missing");
    let card = json(d, &["asset", "show", "ZC-PY-1"]);
    assert_eq!(card["name"], "盘盈资产");

    let out = run(d, &["--json", "stocktake", "scan", &id, "ZC-T-A1"]);
    assert!(!out.status.success(), "a closed stocktake is read-only");
}

#[test]
fn import_reads_a_pda_batch_file_and_names_bad_lines() {
    let dir = ledger();
    let d = dir.path();
    let id = new_task(d);
    let file = d.join("pda.txt");
    std::fs::write(&file, "条码,扫描时间\nZC-T-A1,2026-11-23 10:15:00\nZC T 2\nZC-T-A2\n\nZC-T-A1\n").unwrap();
    let out = json(d, &["stocktake", "import", &id, file.to_str().unwrap()]);
    assert_eq!(out["imported"], 3);
    assert_eq!(out["verdicts"]["found"], 2);
    assert_eq!(out["verdicts"]["duplicate"], 1);
    let errors = out["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["line"], 3);
}

#[cfg(unix)]
mod pty {
    use super::*;
    use std::os::fd::AsRawFd;

    use serialport::{SerialPort, TTYPort};

    struct FakeScanner {
        master: TTYPort,
        _slave: TTYPort,
        path: String,
    }

    fn fake() -> FakeScanner {
        let (master, slave) = TTYPort::pair().expect("a pty pair");
        // The CLI runs as a child process: it must not inherit the scanner's end of the
        // line, or unplugging (closing it here) would never reach it.
        for fd in [master.as_raw_fd(), slave.as_raw_fd()] {
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        let path = slave.name().expect("slave path");
        FakeScanner { master, _slave: slave, path }
    }

    impl FakeScanner {
        fn send(&mut self, bytes: &[u8]) {
            self.master.write_all(bytes).unwrap();
            self.master.flush().unwrap();
        }
    }

    /// Streams the child's stdout lines to a channel as they come.
    fn lines_of(child: &mut std::process::Child) -> mpsc::Receiver<String> {
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        rx
    }

    fn next(rx: &mpsc::Receiver<String>) -> Value {
        let line = rx.recv_timeout(Duration::from_secs(10)).expect("a verdict line in time");
        serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"))
    }

    #[test]
    fn listen_judges_mixed_terminators_rejects_noise_and_stops_when_idle() {
        let dir = ledger();
        let d = dir.path();
        let id = new_task(d);
        let mut scanner = fake();
        let mut child = command(d, &["--json", "stocktake", "listen", &id, "--serial", &scanner.path, "--idle-exit", "1.5"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let rx = lines_of(&mut child);
        // CR, LF, CRLF; an AIM id; line noise; a code with a space; a surplus; a duplicate.
        scanner.send(b"ZC-T-A1\r");
        assert_eq!(next(&rx)["verdict"], "found", "the first scan is answered as it arrives");
        scanner.send(b"ZC-T-A2\n]C1ZC-T-A3\r\n\x00\xff\xfe\r\nZC T 9\nZC-NEW-7\r\nZC-T-A1\n");
        let got: Vec<Value> = (0..6).map(|_| next(&rx)).collect();
        let verdicts: Vec<&str> = got.iter().map(|v| v["verdict"].as_str().unwrap()).collect();
        assert_eq!(verdicts, ["found", "found", "rejected", "rejected", "surplus", "duplicate"]);
        assert_eq!(got[1]["code"], "ZC-T-A3", "the AIM identifier is stripped");
        assert_eq!(got[2]["error"]["code"], "invalid_utf8");
        assert_eq!(got[1]["remaining"], 1);

        let status = child.wait().unwrap();
        assert!(status.success(), "idle exit is a normal end");
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(stderr.contains("idle"), "{stderr}");

        let report = json(d, &["stocktake", "report", &id]);
        assert_eq!(report["found"], 3);
        assert_eq!(report["surplus"], serde_json::json!(["ZC-NEW-7"]));
        assert_eq!(report["duplicates"], 1);
        assert_eq!(report["missing"], serde_json::json!(["ZC-T-A4"]));
    }

    #[test]
    fn an_unplug_ends_listening_and_keeps_every_scan_so_far() {
        let dir = ledger();
        let d = dir.path();
        let id = new_task(d);
        let mut scanner = fake();
        let mut child = command(d, &["--json", "stocktake", "listen", &id, "--serial", &scanner.path])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let rx = lines_of(&mut child);
        scanner.send(b"ZC-T-A1\r\nZC-T-A4\r\nZC-T-A");
        assert_eq!(next(&rx)["code"], "ZC-T-A1");
        assert_eq!(next(&rx)["code"], "ZC-T-A4");
        drop(scanner); // unplugged mid-scan: the half code is never taken
        let status = child.wait().unwrap();
        assert!(status.success());
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(stderr.contains("port_closed"), "{stderr}");

        let report = json(d, &["stocktake", "report", &id]);
        assert_eq!(report["found"], 2);
        assert!(report["surplus"].as_array().unwrap().is_empty(), "the truncated 'ZC-T-A' is not a scan");

        // Plugged in again: a new listen resumes into the same task.
        let mut scanner = fake();
        let mut child = command(d, &["--json", "stocktake", "listen", &id, "--serial", &scanner.path, "--idle-exit", "1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let rx = lines_of(&mut child);
        scanner.send(b"ZC-T-A2\r\n");
        let v = next(&rx);
        assert_eq!((v["verdict"].as_str(), v["found"].as_i64()), (Some("found"), Some(3)));
        assert!(child.wait().unwrap().success());
    }

    #[test]
    fn ctrl_c_stops_listening_cleanly() {
        let dir = ledger();
        let d = dir.path();
        let id = new_task(d);
        let mut scanner = fake();
        let mut child = command(d, &["--json", "stocktake", "listen", &id, "--serial", &scanner.path])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let rx = lines_of(&mut child);
        scanner.send(b"ZC-T-A3\r\n");
        assert_eq!(next(&rx)["verdict"], "found");
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        assert!(child.wait().unwrap().success(), "Ctrl-C is a normal end");
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(stderr.contains("stopped: found 1/4"), "{stderr}");
    }
}

#[test]
fn the_report_prints_to_a_pdf_with_every_section() {
    let dir = ledger();
    let d = dir.path();
    let id = new_task(d);
    assert!(run(d, &["stocktake", "scan", &id, "ZC-T-A1", "ZC-PY-9", "ZC-T-F1"]).status.success());
    let pdf = d.join("盘点报告.pdf");
    let out = command(d, &["stocktake", "report", &id, "--pdf", pdf.to_str().unwrap()]).env("ASSETDESK_LANG", "zh_CN").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)").stdout;
    let text = String::from_utf8(text).unwrap();
    for want in ["示例单位", "行政部年末盘点 盘点报告", "盘盈统计", "盘亏统计", "差异统计", "差异明细", "ZC-PY-9", "ZC-T-A3"] {
        assert!(text.contains(want), "{want} missing from the printed report:\n{text}");
    }
}

/// The PDA round trip: the expected list out (CSV, and .xlsx by location), a PDA's GBK
/// file with per-line location and time back in, then the expected list ticked by hand
/// in Excel (实盘) — and the verdicts are the ones the counts mean.
#[test]
fn pda_round_trip_export_expected_edit_as_a_pda_and_by_hand_import_lands_the_verdicts() {
    use calamine::Reader;
    let dir = ledger();
    let d = dir.path();
    let id = new_task(d);

    // The expected list, all of it as CSV, and room 301's share as a workbook.
    let csv = d.join("应盘清单.csv");
    let written = json_in(d, "zh-CN", &["stocktake", "expected", &id, "--out", csv.to_str().unwrap()]);
    assert_eq!(written["assets"], 4);
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(rows[0], "资产编码,资产名称,类别,规格型号,账面部门,账面位置,保管人,实盘,实盘位置");
    assert_eq!(rows.len(), 5);
    assert!(rows[4].starts_with("ZC-T-A4,电脑,电脑,,行政部,302,"), "{}", rows[4]);
    let xlsx = d.join("301.xlsx");
    assert_eq!(json_in(d, "zh-CN", &["stocktake", "expected", &id, "--out", xlsx.to_str().unwrap(), "--location", "301"])["assets"], 3);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("应盘清单").unwrap();
    let codes: Vec<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(codes, ["ZC-T-A1", "ZC-T-A2", "ZC-T-A3"]);
    // One department's share: this task counts 行政部 only.
    let share = d.join("share.csv");
    assert_eq!(json(d, &["stocktake", "expected", &id, "--out", share.to_str().unwrap(), "--dept", "行政部"])["assets"], 4);
    assert_eq!(json(d, &["stocktake", "expected", &id, "--out", share.to_str().unwrap(), "--dept", "财务部"])["assets"], 0);
    // An unknown location is refused by name.
    let out = run(d, &["stocktake", "expected", &id, "--out", xlsx.to_str().unwrap(), "--location", "999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("999"));

    // The PDA's file, saved in GBK: code, where it was counted, when.
    let pda = "资产编码,盘点位置,扫描时间\r\nZC-T-A1,301,2026-11-23 10:15:00\r\nZC-T-A4,301,2026-11-23 10:16:00\r\nZC-PY-9,301,2026-11-23 10:17:00\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(pda);
    let file = d.join("PDA导出.txt");
    std::fs::write(&file, &gbk).unwrap();
    let imported = json(d, &["stocktake", "import", &id, file.to_str().unwrap()]);
    assert_eq!(imported["imported"], 3, "{imported}");
    assert_eq!(imported["verdicts"], serde_json::json!({"found": 1, "misplaced": 1, "surplus": 1}));

    // Room 301's workbook ticked by hand: A2 counted (√), A3 left empty, A1 again (1).
    let mut hand = rust_xlsxwriter::Workbook::new();
    let ws = hand.add_worksheet();
    for (c, h) in ["资产编码", "资产名称", "账面位置", "实盘"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (code, mark)) in [("ZC-T-A1", Some(1.0)), ("ZC-T-A2", None), ("ZC-T-A3", None)].iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_string(r, 2, "301").unwrap();
        if let Some(n) = mark {
            ws.write_number(r, 3, *n).unwrap();
        }
    }
    ws.write_string(2, 3, "√").unwrap();
    let ticked = d.join("实盘.xlsx");
    hand.save(&ticked).unwrap();
    let imported = json(d, &["stocktake", "import", &id, ticked.to_str().unwrap(), "--location", "301"]);
    assert_eq!(imported["verdicts"], serde_json::json!({"found": 1, "duplicate": 1}), "{imported}");
    assert_eq!(imported["not_counted"], 1);

    let report = json(d, &["stocktake", "report", &id]);
    assert_eq!(report["found"], 3, "A1, A2, and A4 (expected, counted elsewhere)");
    assert_eq!(report["missing"], serde_json::json!(["ZC-T-A3"]));
    assert_eq!(report["misplaced"], serde_json::json!(["ZC-T-A4"]));
    assert_eq!(report["surplus"], serde_json::json!(["ZC-PY-9"]));
    let a4 = report["details"].as_array().unwrap().iter().find(|l| l["code"] == "ZC-T-A4").unwrap().clone();
    assert_eq!(a4["scanned_location"], "301");
    assert!(a4["scanned_at"].as_str().unwrap().starts_with("2026-11-23") && a4["scanned_at"].as_str().unwrap().contains("10:16"), "{a4}");

    // A line the ledger refuses is named with its row; the rest of the file counts.
    let bad = d.join("bad.csv");
    std::fs::write(&bad, "ZC-T-A3,没有这个位置\nbad code\n").unwrap();
    let out = run_in(d, "zh-CN", &["--json", "stocktake", "import", &id, bad.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let messages: Vec<String> = v["errors"].as_array().map(|a| a.iter().map(|e| e["message"].as_str().unwrap().to_string()).collect()).unwrap_or_default();
    assert_eq!(messages.len(), 2, "{v} {}", String::from_utf8_lossy(&out.stderr));
    assert!(messages[0].starts_with("第 1 行") && messages[0].contains("没有这个位置"), "{messages:?}");
    assert!(messages[1].starts_with("第 2 行"), "{messages:?}");

    // A PDA that exports a workbook with real date-time cells: the time of day is kept.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["条码", "位置", "时间"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "ZC-T-A3").unwrap();
    ws.write_string(1, 1, "302").unwrap();
    let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2026-11-24 09:30:00").unwrap();
    ws.write_datetime_with_format(1, 2, &when, &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm:ss")).unwrap();
    let pda_book = d.join("pda.xlsx");
    book.save(&pda_book).unwrap();
    let imported = json(d, &["stocktake", "import", &id, pda_book.to_str().unwrap()]);
    assert_eq!(imported["verdicts"], serde_json::json!({"misplaced": 1}), "{imported}");
    let report = json(d, &["stocktake", "report", &id]);
    let a3 = report["details"].as_array().unwrap().iter().find(|l| l["code"] == "ZC-T-A3").unwrap().clone();
    assert!(a3["scanned_at"].as_str().unwrap().contains("2026-11-24") && a3["scanned_at"].as_str().unwrap().contains("09:30"), "{a3}");
}

/// `listen --hid VID:PID`: with no such HID-POS scanner plugged in (none is, here) it says
/// so and what to check; a malformed VID:PID is refused; --serial and --hid exclude each other.
#[test]
fn listen_hid_names_a_missing_scanner_and_a_bad_vid_pid() {
    let dir = ledger();
    let d = dir.path();
    let id = new_task(d);
    let out = run_in(d, "zh-CN", &["--json", "stocktake", "listen", &id, "--hid", "0c2e:0b61"]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).or_else(|_| serde_json::from_slice(&out.stderr)).unwrap_or(Value::Null);
    let text = format!("{err}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("0c2e:0b61") && (text.contains("HID-POS") || text.contains("HID 扫描枪")), "{text}");
    let out = run(d, &["stocktake", "listen", &id, "--hid", "scanner"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("VID:PID"));
    let out = run(d, &["stocktake", "listen", &id, "--hid", "0c2e:0b61", "--serial", "/dev/ttyACM0"]);
    assert_eq!(out.status.code(), Some(2));
}
