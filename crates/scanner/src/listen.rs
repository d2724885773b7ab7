//! The blocking loop behind `assetdesk stocktake listen ID --serial PORT [--baud N]
//! [--idle-exit SECONDS]`: read scans and hand each event to the caller until a stop
//! is requested (Ctrl-C), the port closes, or no scan came for a while.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::{ScanError, ScanEvent, SerialConfig, SerialScanner};

/// How often the stop flag is looked at while no event arrives.
const STOP_POLL: Duration = Duration::from_millis(100);

#[derive(Debug, Clone, Default)]
pub struct ListenOptions {
    /// End after this long without a scan (rejections do not count as scans). The
    /// clock starts at open and restarts at each scan.
    pub idle_exit: Option<Duration>,
    /// Set it to end listening, e.g. from a Ctrl-C handler (the library installs no
    /// signal handler of its own). Honoured within about 100 ms.
    pub stop: Arc<AtomicBool>,
}

/// Why [`listen`] returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListenEnd {
    /// The stop flag was set.
    Stopped,
    /// The port closed or failed (unplugged). All scans before it were delivered.
    PortClosed { error: ScanError },
    /// `idle_exit` passed without a scan.
    Idle,
}

/// Opens `config.path` and calls `on_event` for every event, on the calling thread, in
/// order, until one of the [`ListenEnd`] cases. The port closing ends listening, so
/// `config.reconnect_every` is ignored. Open errors (not found, busy) are returned.
///
/// ```no_run
/// use scanner::{listen, ListenOptions, ScanEvent, SerialConfig};
/// let options = ListenOptions { idle_exit: Some(std::time::Duration::from_secs(60)), ..Default::default() };
/// let end = listen(SerialConfig::new("/dev/ttyACM0").baud_rate(9600), &options, |event| {
///     if let ScanEvent::Scan { code, .. } = event {
///         println!("{code}"); // record it in the stocktake, print the verdict
///     }
/// })?;
/// eprintln!("{end:?}");
/// # Ok::<(), scanner::ScanError>(())
/// ```
pub fn listen(
    config: SerialConfig,
    options: &ListenOptions,
    mut on_event: impl FnMut(ScanEvent),
) -> Result<ListenEnd, ScanError> {
    let config = config.reconnect_every(None);
    let (scanner, events) = SerialScanner::open(config)?;
    let mut last_scan = Instant::now();
    let end = loop {
        if options.stop.load(Ordering::Relaxed) {
            break ListenEnd::Stopped;
        }
        let idle_left = options
            .idle_exit
            .map(|idle| idle.saturating_sub(last_scan.elapsed()));
        if idle_left == Some(Duration::ZERO) {
            break ListenEnd::Idle;
        }
        let wait = idle_left.map_or(STOP_POLL, |left| left.min(STOP_POLL));
        match events.recv_timeout(wait) {
            Ok(event) => {
                let closed = match &event {
                    ScanEvent::Scan { .. } => {
                        last_scan = Instant::now();
                        None
                    }
                    ScanEvent::Disconnected { error } => Some(error.clone()),
                    ScanEvent::Rejected { .. } | ScanEvent::Reconnected => None,
                };
                on_event(event);
                if let Some(error) = closed {
                    break ListenEnd::PortClosed { error };
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            // The reader ended without a word: only if its thread died.
            Err(RecvTimeoutError::Disconnected) => {
                break ListenEnd::PortClosed {
                    error: ScanError::Disconnected {
                        path: scanner.path().to_string(),
                        detail: "the reader stopped".into(),
                    },
                }
            }
        }
    };
    scanner.stop();
    Ok(end)
}
