//! CUPS through its command-line clients: `lpstat` for the printer list, `lp` for jobs.
//! Both honour `CUPS_SERVER` (and `-h`), so tests and a site's print server just work.
//! They run with `LC_ALL=C` so their output parses the same on a Chinese desktop.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::error::{PrintError, Result};
use crate::options::{lp_options, PrintOptions};
use crate::printer::{Printer, PrinterState};

/// The environment variable `lp` and `lpstat` read for the CUPS server (HOST:PORT or a
/// socket path); the app and the tests set it to reach a cupsd of their own.
pub const CUPS_SERVER_ENV: &str = "CUPS_SERVER";

/// How long `lpstat` / `lp` may take before we give up on the scheduler.
pub const CUPS_TIMEOUT: Duration = Duration::from_secs(30);

fn server_name(server: Option<&str>) -> String {
    server
        .map(str::to_string)
        .or_else(|| {
            std::env::var(CUPS_SERVER_ENV)
                .ok()
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "localhost".to_string())
}

/// A job's bytes on their way into `lp`: `fed(bytes in, total)` as they go, and a
/// cancel flag checked while they do.
struct Input<'a> {
    bytes: &'a [u8],
    cancel: &'a AtomicBool,
    fed: &'a mut dyn FnMut(usize, usize),
}

/// How much of a job goes into `lp` at a time: small enough that progress moves and a
/// cancel is seen within a fraction of a second, large enough to cost nothing.
const FEED_CHUNK: usize = 64 * 1024;

/// An input going into a client's stdin from a thread (a large PDF must not block on a
/// full pipe while we watch the client), chunk by chunk in lockstep with this thread:
/// each chunk's progress is reported, and a cancel seen, before the next is written.
struct Feeding<'a> {
    input: Input<'a>,
    fed: mpsc::Receiver<usize>,
    go_on: mpsc::SyncSender<bool>,
    /// Bytes in so far.
    done: usize,
}

enum Step {
    /// A chunk went in (progress reported).
    Fed,
    /// Cancelled before the last byte went in.
    Cancelled,
    /// Nothing new within the poll interval.
    Waiting,
    /// Every byte is in (or the client stopped reading).
    Done,
}

impl<'a> Feeding<'a> {
    fn start<'scope>(scope: &'scope std::thread::Scope<'scope, '_>, input: Input<'a>, mut pipe: std::process::ChildStdin) -> Feeding<'a>
    where
        'a: 'scope,
    {
        let (fed_tx, fed) = mpsc::sync_channel::<usize>(0);
        let (go_on, go_rx) = mpsc::sync_channel::<bool>(0);
        let bytes: &'a [u8] = input.bytes;
        (input.fed)(0, bytes.len());
        scope.spawn(move || {
            let mut total = 0;
            for chunk in bytes.chunks(FEED_CHUNK) {
                if go_rx.recv() != Ok(true) || pipe.write_all(chunk).is_err() {
                    return; // cancelled, or the client stopped reading (it says why)
                }
                total += chunk.len();
                if fed_tx.send(total).is_err() {
                    return;
                }
            }
            // `pipe` drops here: the client sees the end of its input.
        });
        let feeding = Feeding { input, fed, go_on, done: 0 };
        feeding.ask_next();
        feeding
    }

    /// Lets the feeder write its next chunk, unless the job was cancelled.
    fn ask_next(&self) -> bool {
        let cancelled = self.input.cancel.load(Ordering::SeqCst);
        let _ = self.go_on.send(!cancelled);
        !cancelled
    }

    fn step(&mut self) -> Step {
        match self.fed.recv_timeout(Duration::from_millis(10)) {
            Ok(n) => {
                self.done = n;
                (self.input.fed)(n, self.input.bytes.len());
                // Once every byte is in, `lp` is finishing the job: too late to take it back.
                if n == self.input.bytes.len() {
                    Step::Done
                } else if self.ask_next() {
                    Step::Fed
                } else {
                    Step::Cancelled
                }
            }
            // The client is not reading (still connecting, or stuck): a cancel need not wait for it.
            Err(mpsc::RecvTimeoutError::Timeout) if self.input.cancel.load(Ordering::SeqCst) => Step::Cancelled,
            Err(mpsc::RecvTimeoutError::Timeout) => Step::Waiting,
            // The feeder stopped: told to (a cancel before the first chunk), or the
            // client stopped reading.
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                if self.done < self.input.bytes.len() && self.input.cancel.load(Ordering::SeqCst) {
                    Step::Cancelled
                } else {
                    Step::Done
                }
            }
        }
    }
}

/// Runs a CUPS client with `stdin` as its input; returns (success, stdout, stderr).
/// A cancel while the input goes in kills the client and returns `Cancelled`.
fn run(
    program: &str,
    server: Option<&str>,
    args: &[String],
    stdin: Option<Input<'_>>,
    printer: &str,
    timeout: Duration,
) -> Result<(bool, String, String)> {
    let mut cmd = Command::new(program);
    if let Some(server) = server {
        cmd.arg("-h").arg(server);
    }
    cmd.args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| PrintError::CupsUnavailable {
        detail: if e.kind() == std::io::ErrorKind::NotFound {
            format!("the `{program}` command was not found (Debian: apt-get install cups-client)")
        } else {
            format!("cannot run {program}: {e}")
        },
    })?;
    let input_pipe = child.stdin.take();
    std::thread::scope(|scope| {
        let mut feed = None;
        if let (Some(input), Some(pipe)) = (stdin, input_pipe) {
            feed = Some(Feeding::start(scope, input, pipe));
        }
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(feeding) = feed.as_mut() {
                match feeding.step() {
                    Step::Fed => continue,
                    Step::Cancelled => {
                        let _ = child.kill();
                        let _ = child.wait();
                        return Err(PrintError::Cancelled);
                    }
                    Step::Waiting => {}
                    Step::Done => feed = None,
                }
            }
            match child.try_wait() {
                Ok(Some(_)) => return Ok(()),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(PrintError::Timeout {
                        printer: printer.to_string(),
                        seconds: timeout.as_secs(),
                    });
                }
                // The clients answer within milliseconds; poll gently until then
                // (a feed waits on its next chunk instead).
                Ok(None) => {
                    if feed.is_none() {
                        std::thread::sleep(Duration::from_millis(10))
                    }
                }
                Err(e) => {
                    return Err(PrintError::CupsUnavailable {
                        detail: format!("waiting for {program}: {e}"),
                    })
                }
            }
        }
    })?;
    let output = child
        .wait_with_output()
        .map_err(|e| PrintError::CupsUnavailable {
            detail: format!("reading {program}'s output: {e}"),
        })?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).trim().to_string(),
    ))
}

fn scheduler_down(server: Option<&str>) -> PrintError {
    PrintError::CupsUnavailable {
        detail: format!(
            "the scheduler (cupsd) is not running at {}",
            server_name(server)
        ),
    }
}

/// Whether `lp`/`lpstat`'s complaint means there is no scheduler to talk to.
fn means_no_scheduler(stderr: &str) -> bool {
    let s = stderr.to_ascii_lowercase();
    s.contains("scheduler is not running")
        || s.contains("unable to connect")
        || s.contains("connection refused")
        || s.contains("no such file or directory")
}

fn scheduler_running(server: Option<&str>) -> bool {
    run(
        "lpstat",
        server,
        &["-r".to_string()],
        None,
        "CUPS",
        CUPS_TIMEOUT,
    )
    .is_ok_and(|(_, out, _)| out.starts_with("scheduler is running"))
}

#[cfg_attr(windows, allow(dead_code))]
pub(crate) fn installed_printers(server: Option<&str>) -> Result<Vec<Printer>> {
    let status_args: Vec<String> = ["-r", "-d", "-p", "-a"].map(String::from).to_vec();
    let (_, status, stderr) = run("lpstat", server, &status_args, None, "CUPS", CUPS_TIMEOUT)?;
    if !status.starts_with("scheduler is running") {
        let _ = stderr;
        return Err(scheduler_down(server));
    }
    // `-e` adds destinations CUPS knows without a queue yet (driverless printers found
    // on the network); it fails harmlessly ("No destinations added") when there are none.
    let (_, destinations, _) = run(
        "lpstat",
        server,
        &["-e".to_string()],
        None,
        "CUPS",
        CUPS_TIMEOUT,
    )?;
    let mut printers = parse_lpstat(&status, &destinations);
    // `-l -p`'s "Alerts:" lines carry printer-state-reasons (media-empty-error ...).
    let (_, long, _) = run("lpstat", server, &["-l".to_string(), "-p".to_string()], None, "CUPS", CUPS_TIMEOUT)?;
    apply_alerts(&mut printers, &long);
    Ok(printers)
}

/// Sets each printer's reasons from `LC_ALL=C lpstat -l -p` ("\tAlerts: media-empty-error
/// offline-report"); `none` and `paused` (the stopped state itself) are left out.
pub fn apply_alerts(printers: &mut [Printer], long_status: &str) {
    let mut current: Option<usize> = None;
    for line in long_status.lines() {
        if let Some(rest) = line.strip_prefix("printer ") {
            let name = rest.split(' ').next().unwrap_or("");
            current = printers.iter().position(|p| p.name == name);
        } else if let (Some(i), Some(alerts)) = (current, line.trim_start().strip_prefix("Alerts:")) {
            printers[i].reasons = alerts
                .split_whitespace()
                .filter(|r| *r != "none" && *r != "paused")
                .map(str::to_string)
                .collect();
        }
    }
}

/// Reads `LC_ALL=C lpstat -r -d -p -a` and `lpstat -e` output into the printer list,
/// in `lpstat -e` order (alphabetical), queues first.
pub fn parse_lpstat(status: &str, destinations: &str) -> Vec<Printer> {
    let mut default = None;
    let mut printers: Vec<Printer> = Vec::new();
    // Which printer an indented continuation line ("\treason ...") belongs to.
    let mut last: Option<usize> = None;
    for line in status.lines() {
        if let Some(rest) = line
            .strip_prefix('\t')
            .or_else(|| line.strip_prefix("        "))
        {
            let text = rest.trim();
            if let Some(i) = last {
                if !text.is_empty() && text != "reason unknown" && printers[i].message.is_none() {
                    printers[i].message = Some(text.to_string());
                }
            }
            continue;
        }
        last = None;
        if let Some(name) = line.strip_prefix("system default destination: ") {
            // "name/instance" for an lpoptions instance: the queue is the name.
            default = Some(name.split('/').next().unwrap_or(name).trim().to_string());
        } else if let Some(rest) = line.strip_prefix("printer ") {
            let Some((name, what)) = rest.split_once(' ') else {
                continue;
            };
            let state = if what.starts_with("disabled") {
                PrinterState::Stopped
            } else if what.starts_with("now printing") {
                PrinterState::Printing
            } else if what.starts_with("is idle") {
                PrinterState::Idle
            } else {
                PrinterState::Unknown
            };
            let i = entry(&mut printers, name);
            printers[i].state = state;
            last = Some(i);
        } else if let Some((name, what)) = line.split_once(' ') {
            if what.starts_with("accepting requests") {
                let i = entry(&mut printers, name);
                printers[i].accepting = true;
            } else if what.starts_with("not accepting requests") {
                let i = entry(&mut printers, name);
                printers[i].accepting = false;
                last = Some(i);
            }
        }
    }
    for name in destinations.lines().map(str::trim) {
        if name.is_empty() || name.contains(' ') || printers.iter().any(|p| p.name == name) {
            continue; // blank, an error line ("lpstat: ..."), or already listed
        }
        let i = entry(&mut printers, name);
        printers[i].accepting = true;
    }
    for p in &mut printers {
        p.is_default = default.as_deref() == Some(p.name.as_str());
    }
    printers
}

fn entry(printers: &mut Vec<Printer>, name: &str) -> usize {
    if let Some(i) = printers.iter().position(|p| p.name == name) {
        return i;
    }
    printers.push(Printer {
        name: name.to_string(),
        id: format!("cups:{name}"),
        is_default: false,
        state: PrinterState::Unknown,
        accepting: false,
        message: None,
        reasons: Vec::new(),
    });
    printers.len() - 1
}

/// `lp -d QUEUE -n N ... -H hold -` with the PDF on stdin, then the job released; CUPS's
/// filters turn it into what the printer speaks. Returns the request id (`office-12`).
/// `fed(bytes in, total)` as the PDF goes in. The job is held until every byte is in, so
/// a `cancel` before that withdraws it whole: `lp` is stopped and the held job it had
/// opened is cancelled (cupsd may keep a cut-off document from a stopped `lp`; held, it
/// never prints).
pub(crate) fn submit_pdf(
    queue: &str,
    server: Option<&str>,
    pdf: &[u8],
    options: &PrintOptions,
    cancel: &AtomicBool,
    fed: &mut dyn FnMut(usize, usize),
) -> Result<Option<String>> {
    let page_mm = crate::raster::page_size_mm(pdf, 0)?;
    let mut args = vec!["-d".to_string(), queue.to_string()];
    args.extend(lp_options(options, page_mm));
    args.extend(["-H", "hold", "-"].map(String::from));
    let input = Input { bytes: pdf, cancel, fed };
    match lp(queue, server, &args, input, CUPS_TIMEOUT) {
        Err(PrintError::Cancelled) => {
            withdraw_held(queue, server, &options.job_name);
            Err(PrintError::Cancelled)
        }
        Ok(Some(id)) => {
            let release = ["-i", id.as_str(), "-H", "resume"].map(String::from).to_vec();
            let (ok, _, stderr) = run("lp", server, &release, None, queue, CUPS_TIMEOUT)?;
            if !ok {
                let _ = run("cancel", server, std::slice::from_ref(&id), None, queue, CUPS_TIMEOUT);
                return Err(PrintError::Refused { printer: queue.to_string(), detail: format!("cannot release job {id}: {stderr}") });
            }
            Ok(Some(id))
        }
        other => other,
    }
}

/// Cancels the held jobs on `queue` titled `title`: what a stopped `lp` leaves behind
/// (with nothing, or a cut-off document). Only held ones: an earlier print of the same
/// slip, released and printing, is left alone. Best effort; a held job never prints.
fn withdraw_held(queue: &str, server: Option<&str>, title: &str) {
    let listing = ["-P", queue, "-l"].map(String::from).to_vec();
    let Ok((_, titles, _)) = run("lpq", server, &listing, None, queue, CUPS_TIMEOUT) else { return };
    let states = ["-W", "not-completed", "-l", "-o", queue].map(String::from).to_vec();
    let Ok((_, long, _)) = run("lpstat", server, &states, None, queue, CUPS_TIMEOUT) else { return };
    let held = held_jobs(&long);
    for id in jobs_titled(&titles, title).into_iter().filter(|id| held.contains(id)) {
        let _ = run("cancel", server, &[format!("{queue}-{id}")], None, queue, CUPS_TIMEOUT);
    }
}

/// How much of a title `lpq -l` shows (its `%-39.39s`).
const LPQ_TITLE_BYTES: usize = 39;

/// The job numbers in `LC_ALL=C lpq -l` output whose title is `title`. lpq prints at
/// most 39 bytes of a title, so a longer one matches on the part shown.
pub fn jobs_titled(listing: &str, title: &str) -> Vec<u32> {
    let mut jobs = Vec::new();
    let mut current: Option<u32> = None;
    for line in listing.lines() {
        if let Some(at) = line.find("[job ") {
            current = line[at + 5..].split_whitespace().next().and_then(|n| n.parse().ok());
            continue;
        }
        let Some(id) = current.take() else { continue };
        let Some(rest) = line.trim().strip_suffix(" bytes") else { continue };
        let Some((shown, _size)) = rest.rsplit_once(' ') else { continue };
        // A title cut inside a character ends in U+FFFD once decoded: drop it.
        let shown = shown.trim_end().trim_end_matches('\u{FFFD}');
        let full = title.trim();
        let cut = full.len() > LPQ_TITLE_BYTES && shown.len() + 4 > LPQ_TITLE_BYTES && full.starts_with(shown);
        if shown == full || cut {
            jobs.push(id);
        }
    }
    jobs
}

/// The job numbers `LC_ALL=C lpstat -l -o` shows as held (Alerts: job-hold-until-specified).
pub fn held_jobs(long_listing: &str) -> Vec<u32> {
    let mut held = Vec::new();
    let mut current: Option<u32> = None;
    for line in long_listing.lines() {
        if !line.starts_with(char::is_whitespace) {
            current = line.split_whitespace().next().and_then(|id| id.rsplit_once('-')).and_then(|(_, n)| n.parse().ok());
        } else if let (Some(id), Some(alerts)) = (current, line.trim_start().strip_prefix("Alerts:")) {
            if alerts.split_whitespace().any(|a| a == "job-hold-until-specified") {
                held.push(id);
            }
        }
    }
    held
}

/// `lp -d QUEUE -o raw -`: printer-language bytes (ZPL, TSPL) passed to the queue
/// untouched, as the label transports send them. Returns the request id.
pub fn submit_raw(
    queue: &str,
    server: Option<&str>,
    job: &[u8],
    timeout: Duration,
) -> Result<Option<String>> {
    let args = ["-d", queue, "-o", "raw", "-"].map(String::from).to_vec();
    let input = Input { bytes: job, cancel: &AtomicBool::new(false), fed: &mut |_, _| {} };
    lp(queue, server, &args, input, timeout)
}

fn lp(
    queue: &str,
    server: Option<&str>,
    args: &[String],
    job: Input<'_>,
    timeout: Duration,
) -> Result<Option<String>> {
    let (ok, stdout, stderr) = run("lp", server, args, Some(job), queue, timeout)?;
    if !ok {
        // Without a scheduler lp says "the printer does not exist"; ask which it is.
        if means_no_scheduler(&stderr) || !scheduler_running(server) {
            return Err(scheduler_down(server));
        }
        let detail = stderr.strip_prefix("lp: ").unwrap_or(&stderr).to_string();
        return Err(PrintError::Refused {
            printer: queue.to_string(),
            detail: if detail.is_empty() {
                "lp failed without a message".into()
            } else {
                detail
            },
        });
    }
    // "request id is office-12 (1 file(s))"
    Ok(stdout
        .split_whitespace()
        .skip_while(|w| *w != "is")
        .nth(1)
        .map(str::to_string))
}
