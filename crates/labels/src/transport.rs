//! Getting printer-language bytes to a printer: raw TCP (port 9100), a CUPS raw
//! queue through `lp`, a device file, or (Windows) the spooler in RAW mode.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::{LabelError, Result};
use crate::status::{StatusQuery, StatusSeen, STATUS_TIMEOUT};

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
    /// `serial:PORT[@BAUD]` (`serial:COM3`, `serial:/dev/ttyUSB0@115200`; 9600 8N1 by
    /// default): a serial or USB-serial printer, which can answer the status query.
    Serial { port: String, baud: u32 },
}

/// The speed most thermal label printers' serial ports ship with.
pub const DEFAULT_BAUD: u32 = 9600;

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
        } else if let Some(rest) = uri.strip_prefix("serial:") {
            let (port, baud) = match rest.rsplit_once('@') {
                Some((port, baud)) => (
                    port,
                    baud.parse::<u32>()
                        .ok()
                        .filter(|b| (300..=921_600).contains(b))
                        .ok_or_else(|| bad("the speed after @ must be a baud rate such as 9600 or 115200"))?,
                ),
                None => (rest, DEFAULT_BAUD),
            };
            if port.trim().is_empty() {
                return Err(bad("expected serial:PORT, e.g. serial:COM3 or serial:/dev/ttyUSB0@9600"));
            }
            Ok(PrinterUri::Serial { port: port.trim().to_string(), baud })
        } else if let Some(name) = uri.strip_prefix("winspool:") {
            if name.trim().is_empty() {
                return Err(bad("expected winspool:PRINTER NAME"));
            }
            Ok(PrinterUri::WindowsSpooler(name.to_string()))
        } else {
            Err(bad(
                "use tcp://HOST:PORT, cups:QUEUE, serial:PORT, file:PATH or winspool:NAME",
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
            PrinterUri::Serial { port, baud } => write!(f, "serial:{port}@{baud}"),
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
        PrinterUri::Serial { port, baud } => {
            send_serial(port, *baud, job, &[job.len()], None, timeout, &mut |_, _| true).map(|_| ())
        }
    }
}

fn send_tcp(host: &str, port: u16, job: &[u8], timeout: Duration) -> Result<()> {
    send_tcp_parts(host, port, job, &[job.len()], None, timeout, &mut |_, _| true).map(|_| ())
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
    query: Option<StatusQuery>,
    timeout: Duration,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<StatusSeen> {
    let target = format!("{host}:{port}");
    let io_err = |source| tcp_io_error(&target, timeout, source);
    let mut stream = connect_tcp(host, port, timeout)?;
    // A hint only: the kernel may round it; failing to set it changes nothing else.
    let _ = socket2::SockRef::from(&stream).set_send_buffer_size(PRINTER_SEND_BUFFER);
    stream.set_write_timeout(Some(timeout)).map_err(io_err)?;
    let seen = match query {
        Some(q) => {
            let mut reader = stream.try_clone().map_err(io_err)?;
            ask_status(&mut stream, q, &format!("tcp://{target}"), &mut |wait| {
                reader.set_read_timeout(Some(wait.max(Duration::from_millis(1))))?;
                read_some(&mut reader)
            })?
        }
        None => StatusSeen::NotAsked,
    };
    let outcome = write_parts(&mut stream, job, label_ends, progress).map_err(|e| match e {
        PartError::Io(source) => io_err(source),
        PartError::Cancelled(e) => e,
    });
    stream.flush().map_err(io_err)?;
    // Closing our side tells raw-port printers (and CUPS backends) the job is complete;
    // after a cancel it ends the job at a label boundary.
    stream.shutdown(std::net::Shutdown::Write).map_err(io_err)?;
    outcome.map(|_| seen)
}

fn read_some(from: &mut dyn Read) -> std::io::Result<Vec<u8>> {
    let mut buf = [0u8; 256];
    let n = from.read(&mut buf)?;
    Ok(buf[..n].to_vec())
}

/// Sends `query` and reads the answer for at most [`STATUS_TIMEOUT`] (`read(wait)`
/// reads what arrives within `wait`). A printer that says it cannot print refuses the
/// job ([`LabelError::NotReady`]) before any of it is sent.
fn ask_status(
    out: &mut dyn Write,
    query: StatusQuery,
    target: &str,
    read: &mut dyn FnMut(Duration) -> std::io::Result<Vec<u8>>,
) -> Result<StatusSeen> {
    let send_err = |source| LabelError::Send { target: target.to_string(), source };
    out.write_all(query.bytes()).and_then(|_| out.flush()).map_err(send_err)?;
    let deadline = Instant::now() + STATUS_TIMEOUT;
    let mut reply = Vec::new();
    while !query.complete(&reply) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(StatusSeen::Unknown);
        }
        match read(left) {
            Ok(bytes) if bytes.is_empty() => return Ok(StatusSeen::Unknown),
            Ok(bytes) => reply.extend_from_slice(&bytes),
            // Timed out (or the port reads nothing back): the job goes anyway.
            Err(_) => return Ok(StatusSeen::Unknown),
        }
    }
    match query.parse(&reply) {
        Some(problems) if problems.is_empty() => Ok(StatusSeen::Ready),
        Some(problems) => Err(LabelError::NotReady { target: target.to_string(), problems }),
        None => Ok(StatusSeen::Unknown),
    }
}

/// A serial (or USB-serial) printer: 8N1 at `baud`, the status asked first.
fn send_serial(
    port: &str,
    baud: u32,
    job: &[u8],
    label_ends: &[usize],
    query: Option<StatusQuery>,
    timeout: Duration,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<StatusSeen> {
    let target = format!("serial:{port}@{baud}");
    let mut serial = serialport::new(port, baud).timeout(timeout).open().map_err(|e| LabelError::SerialOpen {
        port: port.to_string(),
        detail: e.to_string(),
    })?;
    let io_err = |source: std::io::Error| tcp_io_error(&target, timeout, source);
    let seen = match query {
        Some(q) => {
            let mut reader = serial.try_clone().map_err(|e| io_err(e.into()))?;
            ask_status(&mut serial, q, &target, &mut |wait| {
                reader.set_timeout(wait.max(Duration::from_millis(1)))?;
                read_some(&mut reader)
            })?
        }
        None => StatusSeen::NotAsked,
    };
    serial.set_timeout(timeout).map_err(|e| io_err(e.into()))?;
    write_parts(&mut serial, job, label_ends, progress).map_err(|e| match e {
        PartError::Io(source) => io_err(source),
        PartError::Cancelled(e) => e,
    })?;
    serial.flush().map_err(io_err)?;
    Ok(seen)
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
    send_checked(uri, job, label_ends, None, timeout, progress).map(|_| ())
}

/// [`send_with_progress`] that first asks a raw-TCP or serial printer `query` (its
/// language's status command): paper out, head open, paused … refuse the job with
/// [`LabelError::NotReady`] before a byte of it is sent; no answer within
/// [`STATUS_TIMEOUT`] sends it anyway and says so ([`StatusSeen::Unknown`]). Spoolers
/// and files are not asked.
pub fn send_checked(
    uri: &PrinterUri,
    job: &[u8],
    label_ends: &[usize],
    query: Option<StatusQuery>,
    timeout: Duration,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<StatusSeen> {
    let whole = [job.len()];
    let label_ends = if label_ends.is_empty() { &whole[..] } else { label_ends };
    match uri {
        PrinterUri::Tcp { host, port } => send_tcp_parts(host, *port, job, label_ends, query, timeout, progress),
        PrinterUri::Serial { port, baud } => send_serial(port, *baud, job, label_ends, query, timeout, progress),
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
            file.flush().map_err(io)?;
            Ok(StatusSeen::NotAsked)
        }
        other => {
            let total = label_ends.len();
            if !progress(0, total) {
                return Err(LabelError::Cancelled);
            }
            send(other, job, timeout)?;
            progress(total, total);
            Ok(StatusSeen::NotAsked)
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
