//! The serial reader against a real pty: framing across writes, noise, unplug.

use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use scanner::{FramingOptions, RejectReason, ScanError, ScanEvent, SerialConfig, SerialScanner};

use crate::support::pty::FakeScanner;
use crate::support::{expect_scan, next_event, EVENT_WAIT};

fn config(path: &str) -> SerialConfig {
    let framing = FramingOptions {
        prefix: "<".into(),
        suffix: ">".into(),
        ..FramingOptions::default()
    };
    SerialConfig::new(path)
        .framing(framing)
        .reconnect_every(None)
}

#[test]
fn scans_with_mixed_terminators_noise_and_unplug() {
    let mut fake = FakeScanner::new();
    let (scanner, events) = SerialScanner::open(config(&fake.path)).expect("open the pty");

    fake.send(b"]C1ZC-0001\r");
    expect_scan(&events, "ZC-0001");
    // The LF of this CRLF arrives in a later write: still one scan, no empty line.
    fake.send(b"ZC-0002\r");
    expect_scan(&events, "ZC-0002");
    fake.send(b"\nZC-0003\n");
    expect_scan(&events, "ZC-0003");
    fake.send(b"<]Q1ZC-0004>\t  ]E06901234567892  \r\n");
    expect_scan(&events, "ZC-0004");
    expect_scan(&events, "6901234567892");
    // A code split mid-way across writes.
    fake.send(b"ZC-00");
    fake.send(b"05\r\n");
    expect_scan(&events, "ZC-0005");

    fake.send(b"\x00\xff\xfe\x01\n");
    assert_eq!(
        next_event(&events, "rejected noise"),
        ScanEvent::Rejected {
            raw_preview: "\\x00\\xff\\xfe\\x01".into(),
            reason: RejectReason::InvalidUtf8
        }
    );
    let mut long = vec![b'A'; 300];
    long.push(b'\n');
    fake.send(&long);
    assert_eq!(
        next_event(&events, "rejected long line"),
        ScanEvent::Rejected {
            raw_preview: format!("{}…", "A".repeat(32)),
            reason: RejectReason::TooLong {
                bytes: 300,
                max: 128
            },
        }
    );
    fake.send("笔记本电脑\n".as_bytes());
    assert!(matches!(
        next_event(&events, "rejected text"),
        ScanEvent::Rejected {
            reason: RejectReason::NotAssetCode(_),
            ..
        }
    ));
    fake.send(b"\r\n\r\n   \nZC-0006\n");
    expect_scan(&events, "ZC-0006");

    // Unplug in the middle of a scan: the half scan is rejected, the disconnect is
    // reported at once, and nothing scanned before is lost (all were received above).
    fake.send(b"ZC-00");
    let unplugged = Instant::now();
    drop(fake);
    let mut after_unplug = vec![next_event(&events, "incomplete or disconnected")];
    if matches!(after_unplug[0], ScanEvent::Rejected { .. }) {
        after_unplug.push(next_event(&events, "disconnected"));
    }
    let reported_in = unplugged.elapsed();
    println!("disconnect reported {reported_in:?} after the unplug");
    match after_unplug.last().unwrap() {
        ScanEvent::Disconnected {
            error: ScanError::Disconnected { path, .. },
        } => {
            assert_eq!(path, scanner.path());
        }
        other => panic!("expected a disconnect, got {other:?}"),
    }
    if after_unplug.len() == 2 {
        assert_eq!(
            after_unplug[0],
            ScanEvent::Rejected {
                raw_preview: "ZC-00".into(),
                reason: RejectReason::Incomplete
            }
        );
    }
    // Reconnect is off: the reader ends, and so does the event stream.
    assert_eq!(
        events.recv_timeout(EVENT_WAIT),
        Err(RecvTimeoutError::Disconnected)
    );
    assert!(!scanner.is_running());
    assert!(scanner.stop());
}

#[test]
fn stop_ends_the_reader_promptly_and_releases_the_port() {
    let mut fake = FakeScanner::new();
    let (scanner, events) = SerialScanner::open(config(&fake.path)).unwrap();
    fake.send(b"ZC-1\n");
    expect_scan(&events, "ZC-1");

    let started = Instant::now();
    assert!(scanner.stop(), "the reader thread ended");
    let took = started.elapsed();
    println!("stop took {took:?}");
    assert!(
        took < Duration::from_secs(2),
        "stop is bounded by the read timeout"
    );
    assert_eq!(
        events.recv_timeout(EVENT_WAIT),
        Err(RecvTimeoutError::Disconnected)
    );

    // The port is free again: it can be opened anew.
    let (again, events) = SerialScanner::open(config(&fake.path)).expect("reopen after stop");
    fake.send(b"ZC-2\r\n");
    expect_scan(&events, "ZC-2");
    drop(again);
}

#[test]
fn a_second_open_of_the_same_port_is_refused_as_busy() {
    let fake = FakeScanner::new();
    let (_first, _events) = SerialScanner::open(config(&fake.path)).unwrap();
    let err = SerialScanner::open(config(&fake.path)).unwrap_err();
    assert_eq!(
        err,
        ScanError::PortBusy {
            path: fake.path.clone()
        }
    );
    assert_eq!(err.code(), "port_busy");
    assert!(err.message_zh().contains("占用"));
}

#[test]
fn a_missing_port_is_refused_as_not_found() {
    let err = SerialScanner::open(SerialConfig::new("/dev/assetdesk-no-such-port")).unwrap_err();
    assert_eq!(
        err,
        ScanError::PortNotFound {
            path: "/dev/assetdesk-no-such-port".into()
        }
    );
    assert!(err.message_zh().starts_with("找不到串口"));
}

#[test]
fn bad_settings_are_refused_before_opening() {
    let mut config = SerialConfig::new("/dev/null");
    config.framing.terminators = scanner::Terminators {
        cr: false,
        lf: false,
        tab: false,
    };
    assert_eq!(
        SerialScanner::open(config).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn a_handler_gets_the_events_on_the_reader_thread() {
    let mut fake = FakeScanner::new();
    let (sender, received) = std::sync::mpsc::channel();
    let scanner = SerialScanner::open_with_handler(config(&fake.path), move |event| {
        let on_reader_thread = std::thread::current().name() == Some("assetdesk-scanner");
        sender.send((event, on_reader_thread)).unwrap();
    })
    .unwrap();
    assert!(scanner.is_running());
    fake.send(b"ZC-7\r\n");
    let (event, on_reader_thread) = received.recv_timeout(EVENT_WAIT).unwrap();
    assert_eq!(event.code(), Some("ZC-7"));
    assert!(on_reader_thread);
    assert!(scanner.stop());
}

#[test]
fn listing_ports_works_here_and_ptys_are_not_listed() {
    let fake = FakeScanner::new();
    let ports = scanner::list_ports().expect("list ports");
    for port in &ports {
        println!("{}", port.label());
    }
    assert!(ports.iter().all(|port| port.path != fake.path));
}
