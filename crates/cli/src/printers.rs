//! `assetdesk printer list|add|set|test|remove|default|jobs|retry`: label printers
//! (crates/label-jobs settings) and the print history (the ledger). The installed
//! list comes from the system (crates/sysprint: CUPS / the Windows spooler).

use api::labels::{Format, Media, Mode, PrinterEntry};
use api::{Error, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use crate::args::Cli;
use crate::labels::{job_error, run_cancellable, status_unknown};
use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum PrinterCommand {
    /// The label printers set up here, and the printers the system has installed.
    List,
    /// Set up a label printer.
    Add {
        name: String,
        /// tcp://HOST:PORT (raw 9100), cups:QUEUE, winspool:NAME, serial:COM3[@9600],
        /// file:/dev/usb/lp0; or the name of an installed printer or port (see `printer list`).
        #[arg(long, value_name = "URI|INSTALLED")]
        uri: String,
        #[arg(long, value_parser = ["tspl", "zpl", "epl", "pdf"])]
        language: String,
        /// Make it the default label printer.
        #[arg(long)]
        default: bool,
        #[command(flatten)]
        settings: PrinterFlags,
    },
    /// Change a label printer's settings (only the flags given).
    Set {
        name: String,
        /// A new name.
        #[arg(long, value_name = "NAME")]
        rename: Option<String>,
        #[arg(long, value_name = "URI|INSTALLED")]
        uri: Option<String>,
        #[arg(long, value_parser = ["tspl", "zpl", "epl", "pdf"])]
        language: Option<String>,
        #[command(flatten)]
        settings: PrinterFlags,
    },
    /// Print the calibration page: mm ruler, offsets, dpi, language, a sample label.
    Test { name: String },
    Remove { name: String },
    /// Make NAME the default label printer.
    Default { name: String },
    /// The print history, newest first: sent, failed (with why), cancelled, retried.
    Jobs {
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
    },
    /// Print a failed job again (same assets, template and reason).
    Retry { id: i64 },
}

#[derive(Args, Debug, Default)]
pub struct PrinterFlags {
    #[arg(long, value_parser = ["203", "300"])]
    pub dpi: Option<String>,
    /// native: the printer's own barcode and font commands; bitmap: the label as one image.
    #[arg(long, value_parser = ["native", "bitmap"])]
    pub mode: Option<String>,
    #[arg(long, value_parser = ["gap", "black-mark", "continuous"])]
    pub media: Option<String>,
    /// Gap between labels (or black mark height), mm.
    #[arg(long, value_name = "MM")]
    pub gap: Option<f64>,
    /// TSPL/EPL 0-15, ZPL 0-30.
    #[arg(long, value_name = "N")]
    pub darkness: Option<u8>,
    /// Inches per second: TSPL 1-12, ZPL 2-14, EPL 1-6.
    #[arg(long, value_name = "N")]
    pub speed: Option<u8>,
    /// Move everything right (+) or left (-), mm.
    #[arg(long, value_name = "MM", allow_hyphen_values = true)]
    pub offset_x: Option<f64>,
    /// Move everything down (+) or up (-), mm.
    #[arg(long, value_name = "MM", allow_hyphen_values = true)]
    pub offset_y: Option<f64>,
    /// The label stock loaded, e.g. 50x30 (mm); `none` for each template's own size.
    #[arg(long, value_name = "WxH")]
    pub label_size: Option<String>,
}

fn bad(field: &str, en: String, zh: String) -> Error {
    Error::invalid(field, en, zh)
}

impl PrinterFlags {
    fn apply(&self, p: &mut PrinterEntry) -> Result<()> {
        if let Some(d) = &self.dpi {
            p.dpi = d.parse().unwrap_or(203);
        }
        if let Some(m) = &self.mode {
            p.mode = if m == "bitmap" { Mode::Bitmap } else { Mode::Native };
        }
        if let Some(m) = &self.media {
            p.media = match m.as_str() {
                "black-mark" => Media::BlackMark,
                "continuous" => Media::Continuous,
                _ => Media::Gap,
            };
        }
        if let Some(g) = self.gap {
            p.gap_mm = g;
        }
        if self.darkness.is_some() {
            p.darkness = self.darkness;
        }
        if self.speed.is_some() {
            p.speed = self.speed;
        }
        if let Some(x) = self.offset_x {
            p.offset_x_mm = x;
        }
        if let Some(y) = self.offset_y {
            p.offset_y_mm = y;
        }
        if let Some(size) = &self.label_size {
            if size == "none" {
                (p.label_width_mm, p.label_height_mm) = (None, None);
            } else {
                let parsed = size
                    .trim_end_matches("mm")
                    .split_once(['x', 'X', '*'])
                    .and_then(|(w, h)| Some((w.trim().parse::<f64>().ok()?, h.trim().parse::<f64>().ok()?)));
                let (w, h) = parsed.ok_or_else(|| {
                    bad(
                        "label_size",
                        format!("--label-size \"{size}\": give width x height in mm, e.g. 50x30"),
                        format!("--label-size “{size}”：请按“宽x高”填写毫米数，例如 50x30"),
                    )
                })?;
                (p.label_width_mm, p.label_height_mm) = (Some(w), Some(h));
            }
        }
        Ok(())
    }
}

/// An address as given, or an installed printer's name turned into its address.
fn address(given: &str) -> String {
    api::labels::printer_address(given)
}

fn language(s: &str) -> Format {
    s.parse().unwrap_or(Format::Tspl)
}

fn entry_json(p: &PrinterEntry, default: &str) -> Value {
    json!({
        "name": p.name, "uri": p.uri, "language": p.language.as_str(), "dpi": p.dpi,
        "mode": p.mode, "media": p.media, "gap_mm": p.gap_mm, "darkness": p.darkness,
        "speed": p.speed, "offset_x_mm": p.offset_x_mm, "offset_y_mm": p.offset_y_mm,
        "label_width_mm": p.label_width_mm, "label_height_mm": p.label_height_mm,
        "default": p.name == default,
    })
}

pub fn printer(cli: &Cli, out: &Output, cmd: &PrinterCommand) -> Result<()> {
    let mut session = crate::session::login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let result = (|| -> api::labels::JobResult<()> {
        match cmd {
            PrinterCommand::List => {
                let s = api::labels::settings(cx)?;
                let configured: Vec<Value> = s.printers.iter().map(|p| entry_json(p, &s.default_printer)).collect();
                let choices = api::labels::printer_choices(cx);
                let (installed, installed_error) = (&choices.installed, &choices.installed_error);
                let installed_json: Vec<Value> = installed
                    .iter()
                    .map(|p| json!({"name": p.name, "uri": p.uri, "default": p.is_default, "state": p.state, "message": p.detail}))
                    .collect();
                let ports_json: Vec<Value> = choices.ports.iter().map(|p| json!({"name": p.name, "uri": p.uri, "kind": p.kind, "detail": p.detail})).collect();
                out.result(
                    json!({"configured": configured, "installed": installed_json, "installed_error": installed_error, "ports": ports_json}),
                    || {
                        let mut lines = vec!["label printers:".to_string()];
                        for p in &s.printers {
                            let mark = if p.name == s.default_printer { "*" } else { " " };
                            lines.push(format!(
                                "{mark} {}  {}  {} {} dpi  offset {:+} / {:+} mm",
                                p.name, p.uri, p.language, p.dpi, p.offset_x_mm, p.offset_y_mm
                            ));
                        }
                        lines.push("installed printers:".to_string());
                        for p in installed {
                            lines.push(format!("  {}  {}  {} {}", p.name, p.uri, p.state, p.detail));
                        }
                        if let Some(e) = installed_error {
                            lines.push(format!("  ({e})"));
                        }
                        lines.push("ports:".to_string());
                        for p in &choices.ports {
                            lines.push(format!("  {}  {}  {}", p.name, p.uri, p.detail));
                        }
                        lines.join("\n")
                    },
                );
            }
            PrinterCommand::Add { name, uri, language: lang, default, settings } => {
                let mut entry = PrinterEntry::new(name, &address(uri), language(lang));
                settings.apply(&mut entry)?;
                let entry = api::labels::add_printer(cx, entry, *default)?;
                let s = api::labels::settings(cx)?;
                out.result(entry_json(&entry, &s.default_printer), || format!("added printer {} ({})", entry.name, entry.uri));
            }
            PrinterCommand::Set { name, rename, uri, language: lang, settings } => {
                let mut flags_error = None;
                let entry = api::labels::update_printer(cx, name, |p| {
                    if let Some(n) = rename {
                        p.name = n.trim().to_string();
                    }
                    if let Some(u) = uri {
                        p.uri = address(u);
                    }
                    if let Some(l) = lang {
                        p.language = language(l);
                    }
                    flags_error = settings.apply(p).err();
                });
                if let Some(e) = flags_error {
                    return Err(e.into());
                }
                let entry = entry?;
                let s = api::labels::settings(cx)?;
                out.result(entry_json(&entry, &s.default_printer), || format!("changed printer {}", entry.name));
            }
            PrinterCommand::Test { name } => {
                let page = api::labels::test_page(cx, name)?;
                let bytes = page.send()?;
                let entry = page.printer;
                out.result(json!({"printer": entry.name, "uri": entry.uri, "bytes": bytes}), || {
                    format!("test page, {bytes} bytes -> {} ({})", entry.name, entry.uri)
                });
            }
            PrinterCommand::Remove { name } => {
                api::labels::remove_printer(cx, name)?;
                out.result(json!({"removed": name}), || format!("removed printer {name}"));
            }
            PrinterCommand::Default { name } => {
                api::labels::set_default_printer(cx, name)?;
                out.result(json!({"default": name}), || format!("{name} is the default label printer"));
            }
            PrinterCommand::Jobs { limit } => {
                let jobs = api::labels::jobs(cx, *limit)?;
                let rows: Vec<Value> = jobs
                    .iter()
                    .map(|j| {
                        json!({"id": j.id, "created_at": j.created_at, "updated_at": j.updated_at, "user": j.user,
                               "printer": j.printer, "destination": j.destination, "template": j.template,
                               "language": j.language, "codes": j.codes, "labels": j.labels, "bytes": j.bytes,
                               "reason": j.reason, "status": j.status, "error": j.error, "retry_of": j.retry_of})
                    })
                    .collect();
                out.result(Value::Array(rows), || {
                    jobs.iter()
                        .map(|j| {
                            let why = j.error.lines().nth(if out.lang == api::Lang::ZhCn { 0 } else { 1 }).unwrap_or("");
                            format!("{:>5}  {}  {:<9}  {} label(s) -> {}  {why}", j.id, j.created_at, j.status, j.labels, j.printer)
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                });
            }
            PrinterCommand::Retry { id } => {
                let o = run_cancellable(out, |progress| api::labels::retry(cx, *id, progress))?;
                let printer = o.printer.clone().or(o.out.clone()).unwrap_or_default();
                out.result(json!({"retry_of": id, "job": o.job, "labels": o.labels, "bytes": o.bytes, "printer": printer, "status": o.status}), || {
                    let unknown = if o.status == "unknown" { status_unknown(out.lang) } else { String::new() };
                    format!("job {id} printed again: {} label(s) -> {printer}{unknown}", o.labels)
                });
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(()),
        Err(e) => job_error(out, e),
    }
}
