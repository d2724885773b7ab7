//! `assetdesk printer …` and `label --printer NAME` against a real ledger and a real
//! TCP listener standing in for a TSPL printer's raw port.

mod support;
use support::*;

use std::fmt::Write as _;
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

/// A big job (1,000 labels as one job) to a printer that takes its bytes slowly: the
/// progress bar runs on the terminal, Ctrl+C stops it after a whole label, and the
/// history says cancelled with how many were sent.
#[cfg(unix)]
#[test]
fn ctrl_c_cancels_a_thousand_label_job_cleanly_and_the_history_says_how_many_were_sent() {
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::process::Stdio;
    use std::sync::{Arc, Mutex};

    use serialport::TTYPort;

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["init", "--admin", "admin", "--company", "示例单位"]).status.success());
    let mut csv = String::from("资产编号,资产名称,资产类别,使用部门,原值(元)\n");
    for i in 1..=1000 {
        writeln!(csv, "B-{i:04},台式电脑{i},电脑,行政部,3000").unwrap();
    }
    std::fs::write(d.join("big.csv"), csv).unwrap();
    assert_eq!(json(d, &["import", d.join("big.csv").to_str().unwrap()])["imported"], 1000);

    // The slow printer: a small receive window, read a little at a time.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let small: libc::c_int = 4096;
    unsafe {
        libc::setsockopt(listener.as_raw_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF, &small as *const _ as *const libc::c_void, 4);
    }
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let (done_tx, done_rx) = mpsc::channel();
    {
        let received = received.clone();
        std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 2048];
            loop {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => received.lock().unwrap().extend_from_slice(&buf[..n]),
                }
                // A thermal head printing: about 100 KB/s.
                std::thread::sleep(Duration::from_millis(20));
            }
            done_tx.send(()).unwrap();
        });
    }
    let uri = format!("tcp://127.0.0.1:{port}");
    json(d, &["printer", "add", "慢速", "--uri", &uri, "--language", "tspl", "--mode", "bitmap"]);

    // The label command with its stderr on a terminal (a pty), as a clerk runs it.
    let (master, slave) = TTYPort::pair().expect("a pty pair");
    for fd in [master.as_raw_fd(), slave.as_raw_fd()] {
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    let codes: Vec<String> = (1..=1000).map(|i| format!("B-{i:04}")).collect();
    let mut args = vec!["label"];
    args.extend(codes.iter().map(String::as_str));
    args.extend(["--printer", "慢速"]);
    let stderr = unsafe { Stdio::from_raw_fd(libc::dup(slave.as_raw_fd())) };
    let mut child = command(d, &args).env("ASSETDESK_LANG", "zh_CN").stdout(Stdio::null()).stderr(stderr).spawn().unwrap();
    let terminal = Arc::new(Mutex::new(Vec::new()));
    {
        let terminal = terminal.clone();
        let mut master = master;
        std::thread::spawn(move || {
            use serialport::SerialPort as _;
            // Block on the terminal (a serial port's default timeout is zero).
            master.set_timeout(Duration::from_secs(600)).unwrap();
            let mut buf = [0u8; 4096];
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                terminal.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
    }
    // Wait until the printer has taken some labels and the bar shows sending.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while received.lock().unwrap().len() < 150_000 || !String::from_utf8_lossy(&terminal.lock().unwrap()).contains("sending [") {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the job did not start sending: {} bytes; terminal: {}", received.lock().unwrap().len(), String::from_utf8_lossy(&terminal.lock().unwrap()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "a cancelled job is not a success");
    done_rx.recv_timeout(Duration::from_secs(30)).expect("the printer's connection closed");
    drop(slave);

    let shown = String::from_utf8_lossy(&terminal.lock().unwrap()).into_owned();
    assert!(shown.contains("rendering [") && shown.contains("/1000"), "progress on the terminal: {shown}");
    assert!(shown.contains("打印任务已取消：已发送"), "{shown}");

    // The printer got fewer labels, each one whole, and the job ends after a PRINT.
    let job = received.lock().unwrap().clone();
    let printed = job.windows(11).filter(|w| w == b"PRINT 1,1\r\n").count();
    let started = job.windows(5).filter(|w| w == b"CLS\r\n").count();
    assert!(printed > 0 && printed < 1000, "{printed} labels arrived");
    assert_eq!(started, printed, "no label was cut off");
    assert!(job.ends_with(b"PRINT 1,1\r\n"), "the job ends after a whole label");

    let history = json(d, &["printer", "jobs"]);
    assert_eq!(history[0]["status"], "cancelled");
    assert_eq!(history[0]["labels"], 1000);
    let error = history[0]["error"].as_str().unwrap();
    // What was recorded as sent is what the printer had taken (the send buffer is small).
    let recorded: usize = error.split("已发送 ").nth(1).unwrap().split(" / ").next().unwrap().trim().parse().unwrap();
    assert!(recorded >= printed && recorded <= printed + 3, "recorded {recorded}, the printer got {printed}: {error}");
    assert!(error.contains("/ 1000 张") && error.contains("after"), "{error}");
}
