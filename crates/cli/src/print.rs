//! `--printer NAME|URI [--copies N]` for the paper PDFs (`doc slip`, `report ...`,
//! `asset card`): the same system printing as the app (crates/sysprint). Errors keep
//! sysprint's stable codes (`unknown_printer`, `cups_unavailable`, `printer_refused`...).

use std::sync::atomic::AtomicBool;

use clap::Args;
use api::Lang;
use serde_json::{json, Value};
use sysprint::{PrintError, PrintOptions};

use crate::output::{Output, ProgressBar};

#[derive(Args, Debug, Clone)]
pub struct PrintArgs {
    /// Print on this printer: an installed printer's name, cups:QUEUE, winspool:NAME or
    /// file:PATH (the PDF as it is).
    #[arg(long, value_name = "NAME|URI")]
    pub printer: Option<String>,
    /// Copies of the whole document (collated), 1-999.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "printer")]
    pub copies: u32,
}

/// Prints `pdf` if `--printer` was given; returns the JSON fields to add to the result.
pub fn print_if_asked(out: &Output, args: &PrintArgs, pdf: &[u8], job_name: &str) -> Option<Value> {
    let printer = args.printer.as_deref()?;
    let options = PrintOptions { copies: args.copies, job_name: job_name.to_string(), ..PrintOptions::default() };
    let mut bar = ProgressBar::new(out, "print");
    let result = sysprint::print_pdf_to(printer, pdf, &options, &AtomicBool::new(false), &mut |done, total| bar.show(done, total));
    bar.finish();
    match result {
        Ok((target, submitted)) => {
            Some(json!({"printer": target.to_string(), "copies": args.copies, "pages": submitted.pages, "job": submitted.job_id}))
        }
        Err(e) => fail(out, &e),
    }
}

/// Reports a printing refusal as the other errors are reported, and exits 1.
fn fail(out: &Output, e: &PrintError) -> ! {
    let message = if out.lang == Lang::ZhCn { e.message_zh() } else { e.message_en() };
    eprintln!("assetdesk: {message}");
    if out.json {
        println!("{}", json!({"error": {"code": e.code(), "message": message, "fields": ["printer"]}}));
    }
    std::process::exit(1)
}

/// One line for the human output: "printed 2 copies of 3 page(s) on cups:office (office-7)".
pub fn summary(v: &Value) -> String {
    format!(
        "printed {} cop{} of {} page(s) on {}{}",
        v["copies"],
        if v["copies"] == 1 { "y" } else { "ies" },
        v["pages"],
        v["printer"].as_str().unwrap_or(""),
        v["job"].as_str().map(|j| format!(" ({j})")).unwrap_or_default()
    )
}

/// Writes the PDF to `file` and/or prints it, then reports both: `{"file", "bytes"}` as
/// before, plus `{"printer", "copies", "pages", "job"}` when printed.
pub fn deliver(out: &Output, pdf: &[u8], file: Option<&std::path::Path>, args: &PrintArgs, job_name: &str) -> api::Result<()> {
    let mut value = json!({"bytes": pdf.len()});
    let mut lines = Vec::new();
    // Printed first: a refused printer ends the command before the file is written.
    if let Some(printed) = print_if_asked(out, args, pdf, job_name) {
        lines.push(summary(&printed));
        value.as_object_mut().unwrap().extend(printed.as_object().unwrap().clone());
    }
    if let Some(file) = file {
        std::fs::write(file, pdf)?;
        value["file"] = json!(file.display().to_string());
        lines.insert(0, format!("wrote {}", file.display()));
    }
    out.result(value, || lines.join("\n"));
    Ok(())
}
