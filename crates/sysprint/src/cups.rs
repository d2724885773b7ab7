//! CUPS through its command-line clients: `lpstat` for the printer list, `lp` for jobs.
//! Both honour `CUPS_SERVER` (and `-h`), so tests and a site's print server just work.
//! They run with `LC_ALL=C` so their output parses the same on a Chinese desktop.

use std::io::Write;
use std::process::{Command, Stdio};
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

/// Runs a CUPS client with `stdin` as its input; returns (success, stdout, stderr).
fn run(
    program: &str,
    server: Option<&str>,
    args: &[String],
    stdin: Option<&[u8]>,
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
    // Fed from a thread: a large PDF must not block on a full pipe while we wait.
    let feeder = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => {
            let bytes = bytes.to_vec();
            Some(std::thread::spawn(move || pipe.write_all(&bytes)))
        }
        _ => None,
    };
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PrintError::Timeout {
                    printer: printer.to_string(),
                    seconds: timeout.as_secs(),
                });
            }
            // The clients answer within milliseconds; poll gently until then.
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                return Err(PrintError::CupsUnavailable {
                    detail: format!("waiting for {program}: {e}"),
                })
            }
        }
    }
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
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

/// `lp -d QUEUE -n N ... -` with the PDF on stdin; CUPS's filters turn it into what the
/// printer speaks. Returns the request id (`office-12`).
pub(crate) fn submit_pdf(
    queue: &str,
    server: Option<&str>,
    pdf: &[u8],
    options: &PrintOptions,
) -> Result<Option<String>> {
    let page_mm = crate::raster::page_size_mm(pdf, 0)?;
    let mut args = vec!["-d".to_string(), queue.to_string()];
    args.extend(lp_options(options, page_mm));
    args.push("-".to_string());
    lp(queue, server, &args, pdf, CUPS_TIMEOUT)
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
    lp(queue, server, &args, job, timeout)
}

fn lp(
    queue: &str,
    server: Option<&str>,
    args: &[String],
    job: &[u8],
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
