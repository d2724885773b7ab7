//! Getting printer-language bytes to a printer: raw TCP (port 9100), a CUPS raw
//! queue through `lp`, a device file, or (Windows) the spooler in RAW mode.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use crate::error::{LabelError, Result};

/// Where to send a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterUri {
    /// `tcp://HOST:PORT` (port defaults to 9100): raw socket printing.
    Tcp { host: String, port: u16 },
    /// `cups:QUEUE`, or `cups://HOST:PORT/QUEUE` for a CUPS server other than the
    /// default: `lp [-h HOST:PORT] -d QUEUE -o raw`.
    Cups {
        queue: String,
        server: Option<String>,
    },
    /// `file:PATH`: a device file such as `/dev/usb/lp0` (or any file).
    File(PathBuf),
    /// `winspool:PRINTER NAME`: the Windows spooler in RAW mode (Windows only).
    WindowsSpooler(String),
}

impl std::str::FromStr for PrinterUri {
    type Err = LabelError;

    fn from_str(uri: &str) -> Result<Self> {
        let bad = |reason: &str| LabelError::BadPrinterUri {
            uri: uri.to_string(),
            reason: reason.to_string(),
        };
        if let Some(rest) = uri.strip_prefix("tcp://") {
            let rest = rest.trim_end_matches('/');
            let (host, port) = match rest.rsplit_once(':') {
                // A bare IPv6 literal has colons but no port: only split bracketed forms.
                Some((h, p)) if !h.contains(':') || h.ends_with(']') => (
                    h,
                    p.parse::<u16>()
                        .map_err(|_| bad("the port must be a number 1-65535"))?,
                ),
                _ => (rest, 9100),
            };
            let host = host.trim_start_matches('[').trim_end_matches(']');
            if host.is_empty() || port == 0 {
                return Err(bad(
                    "expected tcp://HOST:PORT, e.g. tcp://192.168.1.50:9100",
                ));
            }
            Ok(PrinterUri::Tcp {
                host: host.to_string(),
                port,
            })
        } else if let Some(rest) = uri.strip_prefix("cups://") {
            let (server, queue) = rest
                .split_once('/')
                .ok_or_else(|| bad("expected cups://HOST:PORT/QUEUE"))?;
            if server.is_empty() || !valid_queue(queue) {
                return Err(bad(
                    "expected cups://HOST:PORT/QUEUE with a queue name without spaces, / or #",
                ));
            }
            Ok(PrinterUri::Cups {
                queue: queue.to_string(),
                server: Some(server.to_string()),
            })
        } else if let Some(queue) = uri.strip_prefix("cups:") {
            if !valid_queue(queue) {
                return Err(bad(
                    "expected cups:QUEUE with a queue name without spaces, / or #",
                ));
            }
            Ok(PrinterUri::Cups {
                queue: queue.to_string(),
                server: None,
            })
        } else if let Some(path) = uri.strip_prefix("file:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            if path.is_empty() {
                return Err(bad("expected file:PATH, e.g. file:/dev/usb/lp0"));
            }
            Ok(PrinterUri::File(PathBuf::from(path)))
        } else if let Some(name) = uri.strip_prefix("winspool:") {
            if name.trim().is_empty() {
                return Err(bad("expected winspool:PRINTER NAME"));
            }
            Ok(PrinterUri::WindowsSpooler(name.to_string()))
        } else {
            Err(bad(
                "use tcp://HOST:PORT, cups:QUEUE, file:PATH or winspool:NAME",
            ))
        }
    }
}

impl std::fmt::Display for PrinterUri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrinterUri::Tcp { host, port } if host.contains(':') => {
                write!(f, "tcp://[{host}]:{port}")
            }
            PrinterUri::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            PrinterUri::Cups {
                queue,
                server: None,
            } => write!(f, "cups:{queue}"),
            PrinterUri::Cups {
                queue,
                server: Some(s),
            } => write!(f, "cups://{s}/{queue}"),
            PrinterUri::File(p) => write!(f, "file:{}", p.display()),
            PrinterUri::WindowsSpooler(name) => write!(f, "winspool:{name}"),
        }
    }
}

/// CUPS queue names: any printable name without spaces, `/` or `#` (Chinese names
/// included, as the system's printer list shows them). lp gets it as an argument,
/// never through a shell.
fn valid_queue(queue: &str) -> bool {
    !queue.is_empty()
        && queue
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && c != '/' && c != '#')
}

/// How long to wait for a printer to connect / accept data / for `lp` to finish.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends a job (ZPL, TSPL...) and returns once the bytes were handed over.
pub fn send(uri: &PrinterUri, job: &[u8], timeout: Duration) -> Result<()> {
    match uri {
        PrinterUri::Tcp { host, port } => send_tcp(host, *port, job, timeout),
        PrinterUri::Cups { queue, server } => send_cups(queue, server.as_deref(), job, timeout),
        PrinterUri::File(path) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(path)
                .map_err(|source| LabelError::Io {
                    path: path.clone(),
                    source,
                })?;
            file.write_all(job)
                .and_then(|_| file.flush())
                .map_err(|source| LabelError::Io {
                    path: path.clone(),
                    source,
                })
        }
        PrinterUri::WindowsSpooler(name) => crate::winspool::send(name, job),
    }
}

fn send_tcp(host: &str, port: u16, job: &[u8], timeout: Duration) -> Result<()> {
    send_tcp_parts(host, port, job, &[job.len()], timeout, &mut |_, _| true)
}

/// Connects to a raw-port printer.
fn connect_tcp(host: &str, port: u16, timeout: Duration) -> Result<TcpStream> {
    let target = format!("{host}:{port}");
    let connect_err = |source| LabelError::Connect {
        host: host.to_string(),
        port,
        source,
    };
    let addrs: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(connect_err)?
        .collect();
    let mut last =
        std::io::Error::new(std::io::ErrorKind::NotFound, "the host name has no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(if last.kind() == std::io::ErrorKind::TimedOut {
        LabelError::Timeout {
            target,
            seconds: timeout.as_secs(),
        }
    } else {
        connect_err(last)
    })
}

fn tcp_io_error(target: &str, timeout: Duration, source: std::io::Error) -> LabelError {
    if matches!(
        source.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    ) {
        LabelError::Timeout {
            target: target.to_string(),
            seconds: timeout.as_secs(),
        }
    } else {
        LabelError::Send {
            target: target.to_string(),
            source,
        }
    }
}

/// Bytes the kernel may hold for a label printer: small, so "sent" means the printer
/// took it (progress is true and a cancel stops the paper soon).
const PRINTER_SEND_BUFFER: usize = 16 * 1024;

fn send_tcp_parts(
    host: &str,
    port: u16,
    job: &[u8],
    label_ends: &[usize],
    timeout: Duration,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<()> {
    let target = format!("{host}:{port}");
    let io_err = |source| tcp_io_error(&target, timeout, source);
    let mut stream = connect_tcp(host, port, timeout)?;
    // A hint only: the kernel may round it; failing to set it changes nothing else.
    let _ = socket2::SockRef::from(&stream).set_send_buffer_size(PRINTER_SEND_BUFFER);
    stream.set_write_timeout(Some(timeout)).map_err(io_err)?;
    let outcome = write_parts(&mut stream, job, label_ends, progress).map_err(|e| match e {
        PartError::Io(source) => io_err(source),
        PartError::Cancelled(e) => e,
    });
    stream.flush().map_err(io_err)?;
    // Closing our side tells raw-port printers (and CUPS backends) the job is complete;
    // after a cancel it ends the job at a label boundary.
    stream.shutdown(std::net::Shutdown::Write).map_err(io_err)?;
    outcome
}

enum PartError {
    Io(std::io::Error),
    Cancelled(LabelError),
}

/// Writes `job` label by label (`label_ends`: where each label's bytes end; what comes
/// before the first is the job header), asking `progress(labels written, total)`
/// after each whether to go on.
fn write_parts(
    out: &mut dyn Write,
    job: &[u8],
    label_ends: &[usize],
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> std::result::Result<(), PartError> {
    let total = label_ends.len();
    if !progress(0, total) {
        return Err(PartError::Cancelled(LabelError::Cancelled));
    }
    let mut at = 0;
    for (i, &end) in label_ends.iter().enumerate() {
        out.write_all(&job[at..end]).map_err(PartError::Io)?;
        at = end;
        if !progress(i + 1, total) && i + 1 < total {
            return Err(PartError::Cancelled(LabelError::CancelledWhileSending { sent: i + 1, total }));
        }
    }
    // Anything after the last label (a job trailer).
    out.write_all(&job[at..]).map_err(PartError::Io)
}

/// [`send`] label by label where the transport allows it (raw TCP, a device file):
/// `progress(labels sent, total)` after each; returning `false` stops after that
/// label with [`LabelError::CancelledWhileSending`] (or [`LabelError::Cancelled`]
/// before the first). Through CUPS or the Windows spooler the job is handed over
/// whole (it can be cancelled only before).
pub fn send_with_progress(
    uri: &PrinterUri,
    job: &[u8],
    label_ends: &[usize],
    timeout: Duration,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<()> {
    let whole = [job.len()];
    let label_ends = if label_ends.is_empty() { &whole[..] } else { label_ends };
    match uri {
        PrinterUri::Tcp { host, port } => send_tcp_parts(host, *port, job, label_ends, timeout, progress),
        PrinterUri::File(path) => {
            let io = |source| LabelError::Io { path: path.clone(), source };
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(path)
                .map_err(io)?;
            write_parts(&mut file, job, label_ends, progress).map_err(|e| match e {
                PartError::Io(source) => io(source),
                PartError::Cancelled(e) => e,
            })?;
            file.flush().map_err(io)
        }
        other => {
            let total = label_ends.len();
            if !progress(0, total) {
                return Err(LabelError::Cancelled);
            }
            send(other, job, timeout)?;
            progress(total, total);
            Ok(())
        }
    }
}

/// Through `lp -o raw` (sysprint runs the CUPS clients for paper and labels alike).
fn send_cups(queue: &str, server: Option<&str>, job: &[u8], timeout: Duration) -> Result<()> {
    use sysprint::PrintError;
    sysprint::submit_raw(queue, server, job, timeout)
        .map(|_| ())
        .map_err(|e| match e {
            PrintError::Timeout { seconds, .. } => LabelError::Timeout {
                target: format!("cups:{queue}"),
                seconds,
            },
            PrintError::Refused { detail, .. } | PrintError::CupsUnavailable { detail } => {
                LabelError::Cups {
                    queue: queue.to_string(),
                    detail,
                }
            }
            other => LabelError::Cups {
                queue: queue.to_string(),
                detail: other.message_en(),
            },
        })
}
