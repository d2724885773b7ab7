//! `assetdesk label CODE... [--template NAME] [--format pdf|zpl|tspl|epl] (--out FILE | --printer NAME|URI)`
//!
//! The same job the desktop app prints (crates/label-jobs): a label that cannot fit,
//! an unknown asset or a reprint without `--reason` is refused before anything is
//! written or sent. Errors keep the labels crate's codes (`text_overflow`,
//! `barcode_too_large`, `printer_unreachable`, ...).

use std::path::PathBuf;

use api::labels::{JobError, LabelDestination as Destination, LabelJobRequest as JobRequest, PrintResultDto, Stage};
use api::Result;
use clap::Args;
use serde_json::json;

use crate::args::Cli;
use crate::output::{Output, ProgressBar};

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("dest").required(true).args(["out", "printer"])))]
pub struct LabelArgs {
    /// Asset codes, one label each (in this order).
    #[arg(required = true, value_name = "CODE")]
    pub codes: Vec<String>,
    /// Template name: a built-in (e.g. 50x30-code128, a4-3x8-code128) or one saved in
    /// the app (default: the default template).
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// Default: pdf, or the language of the configured printer given by --printer NAME.
    #[arg(long, value_parser = ["pdf", "zpl", "tspl", "epl"])]
    pub format: Option<String>,
    /// Write the job to this file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Send the job to a printer: a configured printer's NAME (`assetdesk printer
    /// list`; its language, dpi, media and offsets are used), or tcp://HOST:PORT,
    /// cups:QUEUE, file:PATH, winspool:NAME.
    #[arg(long, value_name = "NAME|URI")]
    pub printer: Option<String>,
    /// Print head resolution for ZPL/TSPL.
    #[arg(long, value_parser = ["203", "300"], default_value = "203")]
    pub dpi: String,
    /// Sheet templates: the first free position on the sheet (1 = top left).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub start: usize,
    /// Why labels printed before are printed again (required for a reprint).
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub reason: String,
    /// ZPL 0-30, TSPL 0-15 (default: the printer's own).
    #[arg(long, value_name = "N")]
    pub darkness: Option<u8>,
    /// Inches per second (default: the printer's own).
    #[arg(long, value_name = "N")]
    pub speed: Option<u8>,
    /// Copies of each label (ZPL/TSPL).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub copies: u32,
}

fn request(args: &LabelArgs, cx: &mut api::Ctx) -> std::result::Result<JobRequest, JobError> {
    let format = |default: labels::Format| -> std::result::Result<labels::Format, JobError> {
        Ok(match &args.format {
            Some(f) => f.parse()?,
            None => default,
        })
    };
    let mut req = match (&args.out, &args.printer) {
        (Some(file), _) => JobRequest::new(args.codes.clone(), format(labels::Format::Pdf)?, Destination::File(file.clone())),
        (None, Some(given)) => match given.parse::<labels::PrinterUri>() {
            Ok(uri) => JobRequest::new(args.codes.clone(), format(labels::Format::Pdf)?, Destination::Printer(uri)),
            // Not an address: a configured printer by name, with all its settings.
            Err(e) => match api::labels::settings(cx)?.printer(given) {
                Some(entry) => {
                    let mut req = JobRequest::for_printer(args.codes.clone(), entry)?;
                    req.format = format(entry.language)?;
                    req
                }
                None => return Err(e.into()),
            },
        },
        (None, None) => unreachable!("clap requires --out or --printer"),
    };
    req.template = args.template.clone();
    if req.settings.is_none() {
        req.dpi = args.dpi.parse().unwrap_or(203);
    }
    req.start = args.start;
    req.reason = args.reason.clone();
    if let Some(s) = req.settings.as_mut() {
        s.darkness = args.darkness.or(s.darkness);
        s.speed = args.speed.or(s.speed);
    }
    req.darkness = args.darkness.or(req.darkness);
    req.speed = args.speed.or(req.speed);
    req.copies = args.copies;
    Ok(req)
}

/// Reports a job error: the ledger's through the usual path, the labels crate's with
/// their own stable codes (exit 1).
pub(crate) fn job_error(out: &Output, e: JobError) -> Result<()> {
    match e {
        JobError::Core(e) => Err(e),
        e => {
            let message = e.message(out.lang);
            eprintln!("assetdesk: {message}");
            if out.json {
                println!("{}", json!({"error": {"code": e.code(), "message": message, "fields": e.fields()}}));
            }
            std::process::exit(1);
        }
    }
}

pub fn label(cli: &Cli, out: &Output, args: &LabelArgs) -> Result<()> {
    let mut session = crate::session::login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let result = request(args, cx).and_then(|req| run_cancellable(out, |progress| api::labels::print(cx, &req, progress)));
    match result {
        Ok(outcome) => {
            report(out, &outcome);
            Ok(())
        }
        Err(e) => job_error(out, e),
    }
}

/// Runs a job (`job(progress)`: a print or a retry) with progress bars on stderr (on a
/// terminal) and Ctrl+C as cancel: the job stops after the label being sent and is
/// recorded as cancelled with how many were sent, those labels as printed (exit 1 with
/// that message).
pub(crate) fn run_cancellable(
    out: &Output,
    job: impl FnOnce(&mut dyn FnMut(Stage, usize, usize) -> bool) -> api::labels::JobResult<PrintResultDto>,
) -> api::labels::JobResult<PrintResultDto> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // A second Ctrl+C handler cannot be installed; that only happens in tests.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let mut rendering = ProgressBar::new(out, "rendering");
    let mut sending = ProgressBar::new(out, "sending");
    let mut stage_now = None;
    let result = job(&mut |stage, done, total| {
        if stage_now != Some(stage) {
            if stage_now == Some(Stage::Rendering) {
                rendering.finish();
            }
            stage_now = Some(stage);
        }
        match stage {
            Stage::Rendering => rendering.show(done, total),
            Stage::Sending => sending.show(done, total),
        }
        !stop.load(Ordering::SeqCst)
    });
    match stage_now {
        Some(Stage::Rendering) => rendering.finish(),
        Some(Stage::Sending) => sending.finish(),
        None => {}
    }
    result
}

fn report(out: &Output, o: &PrintResultDto) {
    let (key, dest) = match (&o.out, &o.printer) {
        (Some(file), _) => ("out", file.clone()),
        (None, printer) => ("printer", printer.clone().unwrap_or_default()),
    };
    let mut value = json!({"labels": o.labels, "bytes": o.bytes, "reprints": o.reprints, "job": o.job, "status": o.status});
    value[key] = json!(dest);
    out.result(value, || {
        let unknown = if o.status == "unknown" { status_unknown(out.lang) } else { String::new() };
        format!("{} label(s), {} bytes -> {dest}{unknown}", o.labels, o.bytes)
    });
}

/// The line a clerk sees when the printer did not answer its status query.
pub(crate) fn status_unknown(lang: api::Lang) -> String {
    if lang == api::Lang::En {
        " (the printer did not answer the status query; sent anyway)".into()
    } else {
        "（打印机未回应状态查询，已照常发送）".into()
    }
}
