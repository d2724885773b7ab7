//! `assetdesk report ...` (issue 9): the register with values (grouped, chosen columns,
//! the list's filters) and the changes in a period, as JSON or text, and to Excel and PDF.

use std::path::PathBuf;

use api::assets::AssetQueryDto;
use api::reports::{Report, ReportData, ReportRequestDto};
use api::{Ctx, Result};
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::args::{AssetMatch, Cli};
use crate::output::Output;
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// 资产台账: assets on the books at a month end with original value, accumulated
    /// depreciation and net book value; --group-by adds a subtotal per group.
    Register(RegisterArgs),
    /// 资产变动: additions, transfers, issues, returns, scraps, disposals and write-offs
    /// dated in a period, with totals per kind.
    Changes {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        /// Only these kinds: addition, transfer, issue, return, scrap, dispose, write-off (comma-separated).
        #[arg(long, value_name = "KINDS", default_value = "")]
        kinds: String,
        #[command(flatten)]
        files: ReportFiles,
    },
}

#[derive(Args, Debug)]
pub struct ReportFiles {
    /// Write the report to an Excel workbook.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// Print the report to a PDF.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    #[command(flatten)]
    pub print: crate::print::PrintArgs,
}

#[derive(Args, Debug)]
pub struct RegisterArgs {
    /// Values at the end of this month (YYYY-MM, or a date YYYY-MM-DD for its month; default: the current month).
    #[arg(long, value_name = "YYYY-MM")]
    pub at: Option<String>,
    /// dept, category, location, custodian, or cf:FIELD (a custom field's value).
    #[arg(long, value_name = "BY")]
    pub group_by: Option<String>,
    /// Columns in order, comma-separated: code, name, category, model, serial, status, dept,
    /// location, custodian, acquired, method, life_years, value, accumulated, net_value, notes;
    /// cf:FIELD adds a custom field (after the others).
    #[arg(long, value_name = "A,B,C", default_value = "")]
    pub columns: String,
    #[command(flatten)]
    pub matching: AssetMatch,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub acquired_from: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub acquired_to: Option<String>,
    #[command(flatten)]
    pub files: ReportFiles,
}

fn register_request(a: &RegisterArgs) -> Result<ReportRequestDto> {
    Ok(ReportRequestDto {
        report: "register".into(),
        filters: AssetQueryDto { acquired_from: a.acquired_from.clone(), acquired_to: a.acquired_to.clone(), ..crate::assets::match_query(&a.matching)? },
        period: a.at.clone().unwrap_or_default(),
        group_by: a.group_by.clone().unwrap_or_default(),
        columns: vec![a.columns.clone()],
        ..ReportRequestDto::default()
    })
}

/// Writes the report to the files asked for (the workbook's subtotal rows in bold),
/// prints the PDF when `--printer` is given, and records each export; returns what was
/// printed (`{"printer", "copies", "pages", "job"}`).
fn write_files(out: &Output, cx: &mut Ctx, report: &Report, files: &ReportFiles) -> Result<Option<Value>> {
    let mut printed = None;
    if files.pdf.is_some() || files.print.printer.is_some() {
        let pdf = api::reports::pdf_of(cx, report)?;
        // Printed first: a refused printer ends the command (exit 1) before any file is written.
        if let Some(job) = crate::print::print_if_asked(out, &files.print, &pdf, &report.title) {
            if !out.json {
                eprintln!("{}", crate::print::summary(&job));
            }
            api::export::recorded(cx, job["printer"].as_str().unwrap_or_default(), report.rows())?;
            printed = Some(job);
        }
        if let Some(file) = &files.pdf {
            std::fs::write(file, &pdf)?;
            api::export::recorded(cx, &file.display().to_string(), report.rows())?;
        }
    }
    if let Some(file) = &files.xlsx {
        crate::export::write_table(out, cx, file, &api::reports::table_of(report))?;
    }
    Ok(printed)
}

pub fn report(cli: &Cli, out: &Output, cmd: &ReportCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let (request, files) = match cmd {
        ReportCommand::Register(args) => (register_request(args)?, &args.files),
        ReportCommand::Changes { from, to, kinds, files } => {
            (ReportRequestDto { report: "changes".into(), from: from.clone(), to: to.clone(), kinds: vec![kinds.clone()], ..ReportRequestDto::default() }, files)
        }
    };
    let report = api::reports::build(cx, request)?;
    let printed = write_files(out, cx, &report, files)?;
    let mut value = match &report.data {
        ReportData::Register(r) => serde_json::to_value(r),
        ReportData::Changes(c) => serde_json::to_value(c),
    }
    .expect("a report is JSON");
    if let Some(p) = printed {
        value["printed"] = p;
    }
    out.result(value, || match &report.data {
        ReportData::Register(r) => {
            let mut lines = Vec::new();
            for g in &r.groups {
                if let Some(name) = &g.name {
                    lines.push(format!("[{name}]"));
                }
                for l in &g.rows {
                    lines.push(format!("{}\t{}\t{}\t{}\t{}", l.code, l.name, l.value, l.accumulated, l.net_value));
                }
                if r.group_by != "none" {
                    lines.push(format!("  {}\t{}\t{}\t{}", g.totals.count, g.totals.value, g.totals.accumulated, g.totals.net_value));
                }
            }
            let t = &r.total;
            lines.push(format!("total {}\t{}\t{}\t{}", t.count, t.value, t.accumulated, t.net_value));
            lines.join("\n")
        }
        ReportData::Changes(c) => c
            .rows
            .iter()
            .map(|r| format!("{}\t{}\t{}\t{}\t{} → {}\t{}", r.date, r.doc, r.kind_label, r.code, r.from.as_deref().unwrap_or("-"), r.to.as_deref().unwrap_or("-"), r.value))
            .chain(c.totals.iter().filter(|t| t.count > 0).map(|t| format!("{}\t{}\t{}", t.kind_label, t.count, t.value)))
            .collect::<Vec<_>>()
            .join("\n"),
    });
    Ok(())
}
