//! Shared helpers: a real pty pair standing in for a scanner, and waiting on events.

#![allow(dead_code)]

use std::sync::mpsc::Receiver;
use std::time::Duration;

use scanner::ScanEvent;

/// Long enough for a loaded 2-core CI machine; tests return as soon as an event comes.
pub const EVENT_WAIT: Duration = Duration::from_secs(5);

/// The next event, or a panic naming what was expected.
pub fn next_event(events: &Receiver<ScanEvent>, expecting: &str) -> ScanEvent {
    events
        .recv_timeout(EVENT_WAIT)
        .unwrap_or_else(|err| panic!("no event while expecting {expecting}: {err}"))
}

pub fn expect_scan(events: &Receiver<ScanEvent>, code: &str) {
    match next_event(events, code) {
        ScanEvent::Scan { code: got, .. } => assert_eq!(got, code),
        other => panic!("expected scan {code}, got {other:?}"),
    }
}

#[cfg(unix)]
pub mod pty {
    use std::io::Write;

    use serialport::{SerialPort, TTYPort};

    /// A scanner's side of a pseudo-terminal: what it writes, the reader reads from
    /// `path`. Dropping it hangs the line up, as an unplug does.
    pub struct FakeScanner {
        pub master: TTYPort,
        /// The pair's own slave handle, held (never read) so that the line counts as
        /// connected before the reader opens it: with no slave open, writes to the
        /// master fail with EPIPE. Declared after `master` so it closes after it.
        _slave: TTYPort,
        pub path: String,
    }

    impl FakeScanner {
        pub fn new() -> FakeScanner {
            let (master, slave) = TTYPort::pair().expect("open a pty pair");
            let path = slave.name().expect("the slave has a path");
            // The reader opens `path` itself, exactly as it opens /dev/ttyACM0.
            FakeScanner {
                master,
                _slave: slave,
                path,
            }
        }

        pub fn send(&mut self, bytes: &[u8]) {
            self.master.write_all(bytes).expect("write to the pty");
            self.master.flush().expect("flush the pty");
        }
    }
}
