//! The CLI's blocking listen loop against a real pty.

use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use scanner::{listen, ListenEnd, ListenOptions, ScanError, ScanEvent, SerialConfig};

use crate::support::pty::FakeScanner;
use crate::support::EVENT_WAIT;

fn scans(events: &[ScanEvent]) -> Vec<&str> {
    events.iter().filter_map(ScanEvent::code).collect()
}

#[test]
fn ends_when_the_port_closes_with_every_scan_delivered() {
    let mut fake = FakeScanner::new();
    let config = SerialConfig::new(&fake.path);
    let (seen_sender, seen) = mpsc::channel::<()>();
    let unplugger = thread::spawn(move || {
        fake.send(b"ZC-1\r\nZC-2\r\n");
        seen.recv_timeout(EVENT_WAIT).expect("the scans arrive");
        drop(fake);
    });

    let mut events = Vec::new();
    let end = listen(config, &ListenOptions::default(), |event| {
        if event.code() == Some("ZC-2") {
            seen_sender.send(()).unwrap();
        }
        events.push(event);
    })
    .unwrap();
    unplugger.join().unwrap();

    assert!(
        matches!(
            end,
            ListenEnd::PortClosed {
                error: ScanError::Disconnected { .. }
            }
        ),
        "{end:?}"
    );
    assert_eq!(scans(&events), ["ZC-1", "ZC-2"]);
    assert!(matches!(
        events.last(),
        Some(ScanEvent::Disconnected { .. })
    ));
}

#[test]
fn ends_after_the_idle_time_without_a_scan() {
    let mut fake = FakeScanner::new();
    let idle = Duration::from_millis(300);
    let options = ListenOptions {
        idle_exit: Some(idle),
        ..Default::default()
    };
    fake.send(b"ZC-1\n");
    let mut last_scan_at = None;
    let end = listen(SerialConfig::new(&fake.path), &options, |event| {
        assert_eq!(event.code(), Some("ZC-1"));
        last_scan_at = Some(Instant::now());
    })
    .unwrap();
    assert_eq!(end, ListenEnd::Idle);
    let at = last_scan_at.expect("the scan written before open was read");
    assert!(at.elapsed() >= idle, "idle counts from the last scan");
}

#[test]
fn ends_when_the_stop_flag_is_set() {
    let mut fake = FakeScanner::new();
    let path = fake.path.clone();
    // Written before the port is opened: the pty keeps the bytes until it is read.
    fake.send(b"ZC-1\nZC-2\nZC-3\n");
    let options = ListenOptions::default();
    let stop = options.stop.clone();
    let mut codes = Vec::new();
    // Stop after the second scan, as a Ctrl-C handler would, here from the callback.
    let end = listen(SerialConfig::new(path), &options, |event| {
        codes.extend(event.code().map(str::to_string));
        if codes.len() == 2 {
            stop.store(true, Ordering::Relaxed);
        }
    });
    assert_eq!(end.unwrap(), ListenEnd::Stopped);
    assert_eq!(codes[..2], ["ZC-1", "ZC-2"]);
    drop(fake);
}

#[test]
fn a_port_that_cannot_be_opened_is_an_error_not_an_end() {
    let err = listen(
        SerialConfig::new("/dev/assetdesk-no-such-port"),
        &ListenOptions::default(),
        |_| panic!("no events"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "port_not_found");
}
