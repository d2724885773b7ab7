//! Reconnect against real ptys. A USB scanner that is unplugged and plugged back comes
//! back under the same path (or a udev symlink such as /dev/serial/by-id/...). Here the
//! path is a symlink: unplug = drop pty A's master; replug = point the symlink at a
//! new pty B. The reader only ever knows the symlink's path, exactly as with by-id.
//!
//! The link is removed before each unplug, as udev removes the device node and its
//! by-id link: otherwise a retry could follow the stale link to a pty number that a
//! test running in parallel has just been given.

use std::path::Path;
use std::time::Duration;

use scanner::{ScanEvent, SerialConfig, SerialScanner};

use crate::support::pty::FakeScanner;
use crate::support::{expect_scan, next_event};

/// Points `link` at `target`, atomically (rename over the old link).
fn point_link(link: &Path, target: &str) {
    let staging = link.with_extension("new");
    let _ = std::fs::remove_file(&staging);
    std::os::unix::fs::symlink(target, &staging).unwrap();
    std::fs::rename(&staging, link).unwrap();
}

#[test]
fn reader_reopens_the_same_path_after_an_unplug_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("scanner");
    let mut first = FakeScanner::new();
    point_link(&link, &first.path);

    let config =
        SerialConfig::new(link.to_str().unwrap()).reconnect_every(Some(Duration::from_millis(50)));
    let (scanner, events) = SerialScanner::open(config).unwrap();
    first.send(b"ZC-0001\r\n");
    expect_scan(&events, "ZC-0001");

    std::fs::remove_file(&link).unwrap();
    drop(first);
    assert!(matches!(
        next_event(&events, "disconnected"),
        ScanEvent::Disconnected { .. }
    ));
    assert!(scanner.is_running(), "the reader keeps retrying");

    let mut second = FakeScanner::new();
    point_link(&link, &second.path);
    assert_eq!(next_event(&events, "reconnected"), ScanEvent::Reconnected);
    second.send(b"ZC-0002\r\n");
    expect_scan(&events, "ZC-0002");

    // Unplug again and stop while the reader waits to retry: stop is prompt.
    std::fs::remove_file(&link).unwrap();
    drop(second);
    assert!(matches!(
        next_event(&events, "disconnected"),
        ScanEvent::Disconnected { .. }
    ));
    assert!(scanner.stop());
}

#[test]
fn retries_keep_going_while_the_device_is_away() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("scanner");
    let first = FakeScanner::new();
    point_link(&link, &first.path);
    let config =
        SerialConfig::new(link.to_str().unwrap()).reconnect_every(Some(Duration::from_millis(20)));
    let (scanner, events) = SerialScanner::open(config).unwrap();

    std::fs::remove_file(&link).unwrap();
    drop(first);
    assert!(matches!(
        next_event(&events, "disconnected"),
        ScanEvent::Disconnected { .. }
    ));
    // The device is away: retries fail quietly (no event per failed try).
    assert_eq!(events.recv_timeout(Duration::from_millis(200)).ok(), None);

    let mut back = FakeScanner::new();
    point_link(&link, &back.path);
    assert_eq!(next_event(&events, "reconnected"), ScanEvent::Reconnected);
    back.send(b"ZC-9\n");
    expect_scan(&events, "ZC-9");
    drop(scanner);
}
