//! `assetdesk stocktake ...`: plan, count (manual codes, a serial scanner, a PDA batch
//! file), report and close. Verdict words: found, missing, surplus, misplaced, duplicate
//! (and out_of_scope). Streaming commands print one line (or one JSON object) per scan.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

use clap::Subcommand;
use api::stocktake::{DiffLineDto, ScanFile, ScanOutcomeDto, ScanRequest, StocktakeInputDto, StocktakeReportDto};
use api::{Error, ErrorCode, Lang, Result, StocktakeId};
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::Output;
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum StocktakeCommand {
    /// Plan a stocktake task and start it (snapshots the expected set); prints {"id": N}.
    New {
        #[arg(long, value_name = "TEXT")]
        name: String,
        /// Count only this department's assets.
        #[arg(long, value_name = "DEPT")]
        dept: Option<String>,
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
        #[arg(long, value_name = "TEXT")]
        category: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        plan_start: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        plan_end: Option<String>,
        /// Responsible people (盘点负责人).
        #[arg(long, value_name = "NAMES")]
        responsible: Option<String>,
        /// Only plan it; start later with `stocktake start ID`.
        #[arg(long)]
        draft: bool,
    },
    /// Start a planned task.
    Start { id: i64 },
    /// List stocktake tasks.
    List,
    /// Manual entry: record codes and print each verdict.
    Scan {
        id: i64,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
        /// The location being counted.
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
    },
    /// Read a serial scanner (CR, LF or CRLF terminated codes) or a HID-POS scanner
    /// (--hid VID:PID) until Ctrl-C, the device going away, or SECONDS without a scan;
    /// prints each verdict as it arrives.
    Listen {
        id: i64,
        #[arg(long, value_name = "PORT", required_unless_present = "hid", conflicts_with = "hid")]
        serial: Option<String>,
        /// A USB HID-POS scanner (usage page 0x8C), e.g. 0c2e:0b61.
        #[arg(long, value_name = "VID:PID")]
        hid: Option<String>,
        #[arg(long, default_value_t = 9600)]
        baud: u32,
        #[arg(long, value_name = "SECONDS")]
        idle_exit: Option<f64>,
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
        /// Stripped from each scan when the scanner is programmed to send one.
        #[arg(long, value_name = "TEXT", default_value = "")]
        prefix: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        suffix: String,
    },
    /// Write the expected list (应盘清单) for a PDA or a hand count: .csv or .xlsx by
    /// FILE's extension, optionally one location's or department's share.
    Expected {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
        #[arg(long, value_name = "DEPT")]
        dept: Option<String>,
    },
    /// Import a PDA / batch scanner file: CSV/TXT (UTF-8 or GBK) or .xlsx, one code a
    /// line or columns code[,location][,time], or the expected list with 实盘 filled in.
    Import {
        id: i64,
        file: PathBuf,
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
    },
    /// The reconciliation; --xlsx also writes the difference details to a workbook.
    Report {
        id: i64,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also print the statistics and difference details to a PDF.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// Close the task and apply its differences (盘盈 registered, 盘亏 marked missing,
    /// misplaced corrected) in one stocktake-adjustment document. Without --apply it
    /// only shows what would be done. Only accepted difference lines are applied; while
    /// lines are unreviewed close refuses and names them, unless --unreviewed says to
    /// apply them as accepted (never a 非本系统编码 code) or to leave them out.
    Close {
        id: i64,
        #[arg(long)]
        apply: bool,
        /// What to do with difference lines nobody reviewed.
        #[arg(long, value_name = "accept|leave")]
        unreviewed: Option<String>,
    },
    /// Review the differences before close (issue 20): without LINE, list every surplus,
    /// missing and misplaced line with its review (非本系统编码 flagged); with LINE (the
    /// line's code), accept it, reject it (close leaves it out) or explain it with a note.
    Review {
        id: i64,
        #[arg(value_name = "LINE")]
        line: Option<String>,
        #[command(flatten)]
        decision: crate::corrections::ReviewDecisionArgs,
    },
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn outcome_json(o: &ScanOutcomeDto) -> Value {
    json!({
        "code": o.code, "verdict": o.verdict, "name": o.name, "recorded_dept": o.recorded_dept,
        "recorded_location": o.recorded_location, "scanned_location": o.scanned_location, "foreign": o.foreign,
        "expected": o.counters.expected, "found": o.counters.found, "remaining": o.counters.remaining,
    })
}

fn outcome_text(o: &ScanOutcomeDto, out: &Output) -> String {
    let mut line = format!("{}\t{}", o.code, o.verdict);
    if o.foreign {
        // Said at once, so the clerk can tell a stray code from a real 盘盈.
        line.push_str(if out.lang == Lang::En { "\tnot one of our codes (非本系统编码)" } else { "\t非本系统编码" });
    }
    if let Some(name) = &o.name {
        line.push('\t');
        line.push_str(name);
    }
    if o.verdict == "misplaced" {
        let rec = [o.recorded_dept.as_deref(), o.recorded_location.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        line.push_str(&if out.lang == Lang::En { format!("\t(recorded: {rec})") } else { format!("\t（账面：{rec}）") });
    }
    line.push_str(&format!("\t[{}/{}]", o.counters.found, o.counters.expected));
    line
}

/// One line per event, flushed at once (a script reading the pipe sees it immediately).
fn emit(out: &Output, value: Value, text: String) {
    let mut stdout = std::io::stdout().lock();
    let _ = if out.json { writeln!(stdout, "{value}") } else { writeln!(stdout, "{text}") };
    let _ = stdout.flush();
}

fn rejected(out: &Output, code: &str, err: &Error) {
    let message = err.message(out.lang);
    emit(out, json!({"code": code, "verdict": "rejected", "error": {"code": err.code.as_str(), "message": message}}), format!("{code}\trejected\t{message}"));
}

fn report_json(r: &StocktakeReportDto) -> Value {
    let codes = |lines: &[DiffLineDto]| lines.iter().map(|l| l.code.clone()).collect::<Vec<_>>();
    let details = |lines: &[DiffLineDto]| {
        lines
            .iter()
            .map(|l| {
                json!({"code": l.code, "verdict": l.verdict, "name": l.name, "category": l.category, "dept": l.dept,
                    "location": l.location, "scanned_location": l.scanned_location, "value": l.value, "scanned_at": l.scanned_at})
            })
            .collect::<Vec<_>>()
    };
    let mut all = details(&r.surplus);
    all.extend(details(&r.missing));
    all.extend(details(&r.misplaced));
    json!({
        "id": r.task.id, "name": r.task.name, "state": r.task.state,
        "expected": r.expected, "found": r.found,
        "missing": codes(&r.missing), "surplus": codes(&r.surplus), "misplaced": codes(&r.misplaced),
        "duplicates": r.duplicates, "out_of_scope": r.out_of_scope,
        "missing_value": r.missing_value,
        "by_dept": r.by_dept.iter().map(|s| json!({"dept": s.dept, "expected": s.expected, "found": s.found, "missing": s.missing,
            "missing_value": s.missing_value})).collect::<Vec<_>>(),
        "details": all,
        "close_doc": r.task.close_doc,
    })
}

fn report_text(r: &StocktakeReportDto) -> String {
    let mut lines = vec![
        format!("stocktake {} {} ({})", r.task.id, r.task.name, r.task.state),
        format!(
            "expected {}  found {}  missing {}  surplus {}  misplaced {}  duplicates {}  out of scope {}",
            r.expected,
            r.found,
            r.missing.len(),
            r.surplus.len(),
            r.misplaced.len(),
            r.duplicates,
            r.out_of_scope
        ),
        format!("missing value {}", r.missing_value),
    ];
    for l in r.surplus.iter().chain(&r.missing).chain(&r.misplaced) {
        lines.push(format!(
            "{}\t{}\t{}\t{}\t{}",
            l.verdict,
            l.code,
            l.name.as_deref().unwrap_or("-"),
            [l.dept.as_deref(), l.location.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "),
            l.scanned_location.as_deref().unwrap_or("")
        ));
    }
    lines.join("\n")
}

fn scan_error(e: scanner::ScanError, out: &Output) -> Error {
    let _ = out;
    let code = match e.code() {
        "port_not_found" => ErrorCode::NotFound,
        "port_busy" => ErrorCode::Conflict,
        "permission_denied" => ErrorCode::Forbidden,
        "invalid_input" | "invalid_config" => ErrorCode::InvalidInput,
        _ => ErrorCode::Io,
    };
    Error::new(code, e.message_en(), e.message_zh())
}

pub fn run(cli: &Cli, out: &Output, cmd: &StocktakeCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        StocktakeCommand::New { name, dept, location, category, plan_start, plan_end, responsible, draft } => {
            let input = StocktakeInputDto {
                name: name.clone(),
                dept: opt(dept),
                location: opt(location),
                category: opt(category),
                plan_start: opt(plan_start),
                plan_end: opt(plan_end),
                responsible: opt(responsible),
                notes: String::new(),
            };
            let task = api::stocktake::create(cx, input, !*draft)?;
            let id = task.id;
            let expected = if *draft { None } else { Some(task.counters.expected) };
            out.result(json!({"id": id, "expected": expected}), || match expected {
                Some(n) => format!("stocktake {id} started: {n} assets expected"),
                None => format!("stocktake {id} planned"),
            });
        }
        StocktakeCommand::Start { id } => {
            let c = api::stocktake::start(cx, StocktakeId(*id))?.counters;
            out.result(json!({"id": id, "expected": c.expected}), || format!("stocktake {id} started: {} assets expected", c.expected));
        }
        StocktakeCommand::List => {
            let rows = api::stocktake::list(cx)?;
            let value: Vec<Value> = rows
                .iter()
                .map(|r| json!({"id": r.id, "name": r.name, "state": r.state, "dept": r.dept, "location": r.location,
                    "category": r.category, "expected": r.counters.expected, "found": r.counters.found, "scans": r.counters.scans}))
                .collect();
            out.result(Value::Array(value), || {
                rows.iter()
                    .map(|r| format!("{}\t{}\t{}\t{}/{}", r.id, r.name, r.state, r.counters.found, r.counters.expected))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        StocktakeCommand::Scan { id, codes, location } => {
            let id = StocktakeId(*id);
            let session = api::stocktake::begin_scan_session(cx, id, "manual", "cli")?;
            let mut refused = 0;
            for code in codes {
                let request = ScanRequest { code: code.clone(), source: "manual".into(), location: opt(location), session: Some(session) };
                match api::stocktake::scan(cx, id, request) {
                    Ok(o) => emit(out, outcome_json(&o), outcome_text(&o, out)),
                    Err(e) if matches!(e.code, ErrorCode::InvalidInput | ErrorCode::NotFound) => {
                        refused += 1;
                        rejected(out, code, &e);
                    }
                    Err(e) => return Err(e),
                }
            }
            if refused > 0 {
                return Err(Error::invalid(
                    "code",
                    format!("{refused} code(s) were refused and not recorded; the others were"),
                    format!("{refused} 个编码被拒绝、未记录；其余已记录"),
                ));
            }
        }
        StocktakeCommand::Listen { id, serial, hid, baud, idle_exit, location, prefix, suffix } => {
            // A HID-POS scan is a device scan like a serial one (the scans' source is
            // 'serial'); its session names the device.
            let device = serial.clone().unwrap_or_default();
            let session_device = hid.as_ref().map_or_else(|| device.clone(), |h| format!("HID {h}"));
            let task = StocktakeId(*id);
            let session = api::stocktake::begin_scan_session(cx, task, "serial", &session_device)?;
            let framing = scanner::FramingOptions {
                terminators: scanner::Terminators::LINE_ENDINGS,
                prefix: prefix.clone(),
                suffix: suffix.clone(),
                ..Default::default()
            };
            let options = scanner::ListenOptions {
                idle_exit: match idle_exit {
                    Some(s) if s.is_finite() && *s > 0.0 => Some(Duration::from_secs_f64(*s)),
                    Some(_) => return Err(Error::invalid("idle_exit", "--idle-exit must be a positive number of seconds", "--idle-exit 须为正的秒数")),
                    None => None,
                },
                ..Default::default()
            };
            let stop = options.stop.clone();
            // A second Ctrl-C handler cannot be installed; that only happens in tests.
            let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
            let mut failure = None;
            let on_event = |event| match event {
                scanner::ScanEvent::Scan { code, .. } => {
                    let request = ScanRequest { code: code.clone(), source: "serial".into(), location: opt(location), session: Some(session) };
                    match api::stocktake::scan(cx, task, request) {
                        Ok(o) => emit(out, outcome_json(&o), outcome_text(&o, out)),
                        Err(e) if matches!(e.code, ErrorCode::InvalidInput | ErrorCode::NotFound) => rejected(out, &code, &e),
                        Err(e) => {
                            if failure.is_none() {
                                failure = Some(e);
                            }
                        }
                    }
                }
                scanner::ScanEvent::Rejected { raw_preview, reason } => {
                    let message = if out.lang == Lang::En { reason.message_en() } else { reason.message_zh() };
                    emit(
                        out,
                        json!({"verdict": "rejected", "raw": raw_preview, "error": {"code": reason.code(), "message": message}}),
                        format!("{raw_preview}\trejected\t{message}"),
                    );
                }
                scanner::ScanEvent::Disconnected { error } => {
                    eprintln!("{}", if out.lang == Lang::En { error.message_en() } else { error.message_zh() });
                }
                scanner::ScanEvent::Reconnected => {}
            };
            let listening = || {
                eprintln!("{}", if out.lang == Lang::En { format!("listening on {session_device} (Ctrl-C to stop)") } else { format!("正在监听 {session_device}（按 Ctrl-C 结束）") })
            };
            let end = match hid {
                Some(vid_pid) => {
                    let (vid, pid) = scanner::parse_vid_pid(vid_pid).map_err(|e| scan_error(e, out))?;
                    let mut device = scanner::HidPosScanner::open(vid, pid).map_err(|e| scan_error(e, out))?;
                    listening();
                    scanner::hid_listen(&mut device, framing, &options, on_event)
                }
                None => {
                    listening();
                    let config = scanner::SerialConfig::new(device.as_str()).baud_rate(*baud).framing(framing);
                    scanner::listen(config, &options, on_event).map_err(|e| scan_error(e, out))?
                }
            };
            if let Some(e) = failure {
                return Err(e);
            }
            let row = api::stocktake::get(cx, task)?;
            let why = match end {
                scanner::ListenEnd::Stopped => "stopped",
                scanner::ListenEnd::Idle => "idle",
                scanner::ListenEnd::PortClosed { .. } => "port_closed",
            };
            eprintln!("{why}: found {}/{} ({} scans)", row.counters.found, row.counters.expected, row.counters.scans);
        }
        StocktakeCommand::Expected { id, out: file, location, dept } => {
            let written = api::stocktake::export_expected(cx, StocktakeId(*id), &opt(location), &opt(dept), file)?.rows;
            out.result(json!({"id": id, "file": file.display().to_string(), "assets": written}), || {
                format!("{written} expected assets written to {}", file.display())
            });
        }
        StocktakeCommand::Import { id, file, location } => {
            let result = api::stocktake::import_scans(cx, StocktakeId(*id), ScanFile::Path(file), &opt(location))?;
            let mut counts = serde_json::Map::new();
            for o in &result.outcomes {
                let n = counts.get(o.verdict).and_then(Value::as_i64).unwrap_or(0);
                counts.insert(o.verdict.into(), json!(n + 1));
            }
            let errors: Vec<(usize, String)> = result.error_lines.iter().copied().zip(result.errors.iter().cloned()).collect();
            let value = json!({
                "imported": result.outcomes.len(), "verdicts": counts, "not_counted": result.not_counted,
                "scans": result.outcomes.iter().map(outcome_json).collect::<Vec<_>>(),
                "errors": errors.iter().map(|(line, m)| json!({"line": line, "message": m})).collect::<Vec<_>>(),
            });
            out.result(value, || {
                let mut lines: Vec<String> = result.outcomes.iter().map(|o| outcome_text(o, out)).collect();
                lines.extend(errors.iter().map(|(_, m)| m.clone()));
                lines.push(format!("imported {} scans, {} lines refused", result.outcomes.len(), errors.len()));
                lines.join("\n")
            });
        }
        StocktakeCommand::Report { id, xlsx, pdf } => {
            let id = StocktakeId(*id);
            if let Some(file) = xlsx {
                api::stocktake::export_report(cx, id, file)?;
            }
            if let Some(file) = pdf {
                api::stocktake::report_pdf(cx, id, file)?;
            }
            let report = api::stocktake::report(cx, id)?;
            out.result(report_json(&report), || report_text(&report));
        }
        StocktakeCommand::Close { id, apply, unreviewed } => {
            if !apply {
                let report = api::stocktake::report(cx, StocktakeId(*id))?;
                out.result(json!({"applied": false, "review": report_json(&report)}), || {
                    format!("{}\n\nnothing changed: run again with --apply to close the stocktake and post its adjustment", report_text(&report))
                });
                return Ok(());
            }
            let c = api::stocktake::close(cx, StocktakeId(*id), unreviewed.as_deref().unwrap_or_default())?;
            out.result(
                json!({"id": id, "applied": true, "doc": c.doc_no, "registered": c.registered, "marked_missing": c.marked_missing,
                    "corrected": c.corrected, "recovered": c.recovered,
                    "not_applied": c.not_applied.iter().map(crate::corrections::review_line_json).collect::<Vec<_>>()}),
                || {
                    let mut text = vec![format!(
                        "stocktake {id} closed{}: {} surplus registered, {} marked missing, {} corrected, {} recovered",
                        c.doc_no.as_deref().map(|d| format!(" with {d}")).unwrap_or_default(),
                        c.registered.len(),
                        c.marked_missing.len(),
                        c.corrected.len(),
                        c.recovered.len()
                    )];
                    if !c.not_applied.is_empty() {
                        text.push(format!("not applied ({}):", c.not_applied.len()));
                        text.extend(c.not_applied.iter().map(crate::corrections::review_line_text));
                    }
                    text.join("\n")
                },
            );
        }
        StocktakeCommand::Review { id, line, decision } => crate::corrections::review(cx, out, *id, line.as_deref(), decision)?,
    }
    Ok(())
}
