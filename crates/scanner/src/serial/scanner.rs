//! The handle to a scanner running on its own thread.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::reader::Reader;
use super::{ScanEvent, SerialConfig};
use crate::ScanError;

/// Extra time, beyond one read timeout, that `stop` waits for the thread to end.
const STOP_GRACE: Duration = Duration::from_secs(1);

/// A serial scanner being read on a background thread. Dropping it stops the thread.
///
/// ```no_run
/// use scanner::{ScanEvent, SerialConfig, SerialScanner};
/// let (scanner, events) = SerialScanner::open(SerialConfig::new("/dev/ttyACM0"))?;
/// for event in events.iter() {
///     if let ScanEvent::Scan { code, .. } = event {
///         println!("{code}");
///     }
/// }
/// scanner.stop();
/// # Ok::<(), scanner::ScanError>(())
/// ```
#[derive(Debug)]
pub struct SerialScanner {
    path: String,
    stop: Option<Sender<()>>,
    done: Receiver<()>,
    thread: Option<JoinHandle<()>>,
    running: Arc<AtomicBool>,
    stop_wait: Duration,
}

impl SerialScanner {
    /// Opens the port now (so a wrong path or a busy port is an error here, not an
    /// event) and starts reading. Events arrive on the returned channel, in order.
    pub fn open(config: SerialConfig) -> Result<(SerialScanner, Receiver<ScanEvent>), ScanError> {
        let (sender, events) = mpsc::channel();
        let scanner = Self::open_with_handler(config, move |event| {
            // A dropped receiver only means nobody listens any more.
            let _ = sender.send(event);
        })?;
        Ok((scanner, events))
    }

    /// Like [`SerialScanner::open`], but calls `handler` on the reader thread for each
    /// event (e.g. to emit a Tauri event). Keep the handler quick: `stop` waits for it.
    pub fn open_with_handler(
        config: SerialConfig,
        handler: impl FnMut(ScanEvent) + Send + 'static,
    ) -> Result<SerialScanner, ScanError> {
        config.validate()?;
        let port = config.open_port()?;
        let path = config.path.clone();
        let stop_wait = config.read_timeout + STOP_GRACE;
        let (stop, stop_requests) = mpsc::channel();
        let (done_sender, done) = mpsc::channel();
        let running = Arc::new(AtomicBool::new(true));
        let reader = Reader {
            config,
            port,
            stop: stop_requests,
            handler,
            running: Arc::clone(&running),
        };
        let thread = thread::Builder::new()
            .name("assetdesk-scanner".into())
            .spawn(move || {
                reader.run();
                let _ = done_sender.send(());
            })
            .map_err(|err| ScanError::Open {
                path: path.clone(),
                detail: err.to_string(),
            })?;
        Ok(SerialScanner {
            path,
            stop: Some(stop),
            done,
            thread: Some(thread),
            running,
            stop_wait,
        })
    }

    /// The path this scanner reads.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `false` once the reader has ended by itself (disconnected with reconnect off);
    /// already `false` when the event channel reports the sender gone.
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// Stops reading and closes the port. Returns `true` when the thread ended within
    /// one read timeout plus a second (it always does unless the handler blocks; then
    /// the thread is left to end on its own).
    pub fn stop(mut self) -> bool {
        self.shut_down()
    }

    fn shut_down(&mut self) -> bool {
        drop(self.stop.take());
        let Some(thread) = self.thread.take() else {
            return true;
        };
        // `Disconnected` too means the thread's closure has ended (even by a panic).
        let ended = !matches!(
            self.done.recv_timeout(self.stop_wait),
            Err(RecvTimeoutError::Timeout)
        );
        if ended {
            let _ = thread.join();
        }
        ended
    }
}

impl Drop for SerialScanner {
    fn drop(&mut self) {
        self.shut_down();
    }
}
