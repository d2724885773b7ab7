//! `assetdesk label CODE... [--template NAME] [--format pdf|zpl|tspl] (--out FILE | --printer URI)`
//!
//! The same job the desktop app prints (crates/label-jobs): a label that cannot fit,
//! an unknown asset or a reprint without `--reason` is refused before anything is
//! written or sent. Errors keep the labels crate's codes (`text_overflow`,
//! `barcode_too_large`, `printer_unreachable`, ...).

use std::path::PathBuf;

use clap::Args;
use label_jobs::{Destination, Job, JobError, JobRequest, Outcome, Store};
use ledger::Result;
use serde_json::json;

use crate::args::Cli;
use crate::commands::open_as;
use crate::output::Output;

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
    #[arg(long, value_parser = ["pdf", "zpl", "tspl", "epl"], default_value = "pdf")]
    pub format: String,
    /// Write the job to this file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Send the job to a printer: tcp://HOST:PORT, cups:QUEUE or file:PATH.
    #[arg(long, value_name = "URI")]
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

fn request(args: &LabelArgs) -> std::result::Result<JobRequest, JobError> {
    let destination = match (&args.out, &args.printer) {
        (Some(file), _) => Destination::File(file.clone()),
        (None, Some(uri)) => Destination::Printer(uri.parse()?),
        (None, None) => unreachable!("clap requires --out or --printer"),
    };
    let mut req = JobRequest::new(args.codes.clone(), args.format.parse()?, destination);
    req.template = args.template.clone();
    req.dpi = args.dpi.parse().unwrap_or(203);
    req.start = args.start;
    req.reason = args.reason.clone();
    req.darkness = args.darkness;
    req.speed = args.speed;
    req.copies = args.copies;
    Ok(req)
}

pub fn label(cli: &Cli, out: &Output, args: &LabelArgs) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let store = Store::new(ledger.dir());
    let result = request(args).and_then(|req| Job::run(&mut ledger, &actor, &store, &req));
    match result {
        Ok(outcome) => {
            report(out, &outcome);
            Ok(())
        }
        Err(JobError::Core(e)) => Err(e),
        Err(e) => {
            // Label errors keep their own stable codes, so they are reported here.
            let message = e.message(out.lang);
            eprintln!("assetdesk: {message}");
            if out.json {
                println!("{}", json!({"error": {"code": e.code(), "message": message, "fields": e.fields()}}));
            }
            std::process::exit(1);
        }
    }
}

fn report(out: &Output, o: &Outcome) {
    let (key, dest) = match &o.destination {
        Destination::File(p) => ("out", p.display().to_string()),
        Destination::Printer(uri) => ("printer", uri.to_string()),
    };
    let mut value = json!({"labels": o.labels, "bytes": o.bytes, "reprints": o.reprints});
    value[key] = json!(dest);
    out.result(value, || format!("{} label(s), {} bytes -> {dest}", o.labels, o.bytes));
}
