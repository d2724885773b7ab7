//! The reader loop that runs on the scanner's background thread: read, frame, report;
//! on a failed read report the disconnect at once, then (if asked) reopen the path.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::SystemTime;

use serialport::SerialPort;

use super::{ScanEvent, SerialConfig};
use crate::{Frame, Framer, ScanError};

/// Bytes read at a time; a scan is rarely longer, and framing copes with any split.
const READ_CHUNK: usize = 256;

pub(crate) struct Reader<H> {
    pub config: SerialConfig,
    pub port: Box<dyn SerialPort>,
    /// Any message, or the sender being dropped, means stop.
    pub stop: Receiver<()>,
    pub handler: H,
    /// Cleared when `run` ends, before the handler (and so an event channel) is dropped.
    pub running: Arc<AtomicBool>,
}

/// Clears the running flag when dropped, on any return (or panic) from `run`.
struct ClearOnDrop(Arc<AtomicBool>);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl<H: FnMut(ScanEvent)> Reader<H> {
    pub fn run(self) {
        let Reader {
            config,
            port,
            stop,
            mut handler,
            running,
        } = self;
        // Declared after `handler`, so dropped before it: whoever sees the event
        // channel close also sees `is_running() == false`.
        let _running = ClearOnDrop(running);
        let mut framer = Framer::new(config.framing.clone());
        let mut port = port;
        loop {
            let Err(error) =
                read_until_failure(&config.path, &mut *port, &mut framer, &stop, &mut handler)
            else {
                return; // stopped
            };
            // Close the dead handle first, so the device node can go and come back.
            drop(port);
            // Half a scan may be truncated: reject it rather than guess.
            if let Some(frame) = framer.finish() {
                handler(event_of(frame));
            }
            handler(ScanEvent::Disconnected { error });
            match reopen(&config, &stop) {
                Some(reopened) => {
                    port = reopened;
                    handler(ScanEvent::Reconnected);
                }
                None => return,
            }
        }
    }
}

/// Retries opening the same path every `reconnect_every` until it opens or a stop
/// arrives; `None` when stopped or reconnect is off.
fn reopen(config: &SerialConfig, stop: &Receiver<()>) -> Option<Box<dyn SerialPort>> {
    let every = config.reconnect_every?;
    loop {
        // Waiting on the stop channel, not sleeping, so a stop is honoured at once.
        match stop.recv_timeout(every) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return None,
        }
        if let Ok(port) = config.open_port() {
            return Some(port);
        }
    }
}

/// Reads and frames until a stop (`Ok`) or a read failure (`Err`, the disconnect).
fn read_until_failure(
    path: &str,
    port: &mut dyn SerialPort,
    framer: &mut Framer,
    stop: &Receiver<()>,
    handler: &mut impl FnMut(ScanEvent),
) -> Result<(), ScanError> {
    let mut buf = [0u8; READ_CHUNK];
    loop {
        if !matches!(stop.try_recv(), Err(TryRecvError::Empty)) {
            return Ok(());
        }
        match port.read(&mut buf) {
            // A tty read of 0 bytes after poll said "readable" is end of file: hung up.
            Ok(0) => {
                let eof = io::Error::new(io::ErrorKind::UnexpectedEof, "the port was closed");
                return Err(ScanError::disconnected(path, &eof));
            }
            Ok(n) => framer.push_each(&buf[..n], |frame| handler(event_of(frame))),
            Err(err) if is_quiet(&err) => {}
            // BrokenPipe (poll saw a hang-up), EIO, ENXIO...: the device is gone.
            Err(err) => return Err(ScanError::disconnected(path, &err)),
        }
    }
}

/// Errors that only mean "nothing arrived yet".
fn is_quiet(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
    )
}

fn event_of(frame: Frame) -> ScanEvent {
    match frame {
        Frame::Scan(code) => ScanEvent::Scan {
            code,
            at: SystemTime::now(),
        },
        Frame::Rejected {
            raw_preview,
            reason,
        } => ScanEvent::Rejected {
            raw_preview,
            reason,
        },
    }
}
