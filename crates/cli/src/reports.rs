//! `assetdesk report ...` (issue 9): the register with values (grouped, chosen columns,
//! the list's filters) and the changes in a period, as JSON or text, and to Excel and PDF.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ledger::{
    format_money, parse_as_of, parse_date, AssetQuery, ChangeKind, ChangesReport, GroupBy, Lang, RegisterQuery, RegisterReport, RegisterRow,
    RegisterTotals, ReportColumn, Result,
};
use serde_json::{json, Map, Value};

use crate::args::{AssetMatch, Cli};
use crate::commands::open_as;
use crate::output::{Output, ProgressBar};

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
    #[arg(long, value_parser = ["dept", "category", "location", "custodian"])]
    pub group_by: Option<String>,
    /// Columns in order, comma-separated: code, name, category, model, serial, status, dept,
    /// location, custodian, acquired, method, life_years, value, accumulated, net_value, notes.
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

fn register_query(a: &RegisterArgs) -> Result<RegisterQuery> {
    let date = |field: &str, v: &Option<String>| v.as_deref().map(|t| parse_date(field, t)).transpose();
    Ok(RegisterQuery {
        filters: AssetQuery {
            acquired_from: date("acquired_from", &a.acquired_from)?,
            acquired_to: date("acquired_to", &a.acquired_to)?,
            ..crate::assets::match_query(&a.matching).into_query()?
        },
        period: a.at.as_deref().map(|p| parse_as_of("at", p)).transpose()?,
        group_by: GroupBy::parse(a.group_by.as_deref().unwrap_or(""))?,
        columns: ReportColumn::parse_list(&a.columns)?,
    })
}

fn totals_json(t: &RegisterTotals) -> Value {
    json!({"count": t.count, "value": format_money(t.value), "accumulated": format_money(t.accumulated), "net_value": format_money(t.net_value)})
}

fn cell_json(r: &RegisterRow, c: ReportColumn) -> Value {
    use ReportColumn::*;
    match c {
        Code => json!(r.code),
        Name => json!(r.name),
        Category => json!(r.category),
        Model => json!(r.model),
        Serial => json!(r.serial),
        Status => json!(r.status.as_str()),
        Dept => json!(r.dept),
        Location => json!(r.location),
        Custodian => json!(r.custodian),
        Acquired => json!(r.acquired.map(|d| d.to_string())),
        Method => json!(r.method.as_str()),
        LifeYears => json!(r.life_years),
        Value => json!(format_money(r.value)),
        Accumulated => json!(format_money(r.accumulated)),
        NetValue => json!(format_money(r.net_value)),
        Notes => json!(r.notes),
    }
}

fn register_json(report: &RegisterReport) -> Value {
    let groups: Vec<Value> = report
        .groups
        .iter()
        .map(|g| {
            let rows: Vec<Value> =
                g.rows.iter().map(|r| Value::Object(report.columns.iter().map(|c| (c.as_str().to_string(), cell_json(r, *c))).collect::<Map<_, _>>())).collect();
            json!({"name": g.name, "rows": rows, "totals": totals_json(&g.totals)})
        })
        .collect();
    json!({
        "period": report.period.to_string(),
        "group_by": report.group_by.as_str(),
        "columns": report.columns.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "groups": groups,
        "total": totals_json(&report.total),
    })
}

fn changes_json(report: &ChangesReport) -> Value {
    let rows: Vec<Value> = report
        .rows
        .iter()
        .map(|r| {
            json!({"kind": r.kind.as_str(), "doc": r.doc_no, "date": r.date.to_string(), "code": r.code, "name": r.name, "category": r.category,
                "from": r.from, "to": r.to, "value": format_money(r.value), "note": r.note})
        })
        .collect();
    let totals: Vec<Value> = report.totals.iter().map(|t| json!({"kind": t.kind.as_str(), "count": t.count, "value": format_money(t.value)})).collect();
    json!({"from": report.from.to_string(), "to": report.to.to_string(), "rows": rows, "totals": totals})
}

/// Writes the sections to the files asked for (the workbook's subtotal rows in bold),
/// prints the PDF when `--printer` is given, and records each export; returns what was
/// printed (`{"printer", "copies", "pages", "job"}`).
fn write_files(out: &Output, ledger: &mut ledger::Ledger, actor: &ledger::Actor, title: &str, sheet: &str, sections: &[exchange::ReportSection], files: &ReportFiles) -> Result<Option<Value>> {
    let mut printed = None;
    let flat = exchange::flatten_sections(sections);
    if files.pdf.is_some() || files.print.printer.is_some() {
        let options = reports::TableOptions::report(flat.columns.len());
        let pdf = reports::render_tables_fingerprinted(&ledger.settings()?.org_name, title, sections, out.lang, &options, &ledger.audit_fingerprint()?);
        // Printed first: a refused printer ends the command (exit 1) before any file is written.
        if let Some(job) = crate::print::print_if_asked(out, &files.print, &pdf, title) {
            if !out.json {
                eprintln!("{}", crate::print::summary(&job));
            }
            ledger.record_export(actor, job["printer"].as_str().unwrap_or_default(), flat.rows.len())?;
            printed = Some(job);
        }
        if let Some(file) = &files.pdf {
            std::fs::write(file, &pdf)?;
            ledger.record_export(actor, &file.display().to_string(), flat.rows.len())?;
        }
    }
    if let Some(file) = &files.xlsx {
        write_xlsx(out, file, sheet, &flat)?;
        ledger.record_export(actor, &file.display().to_string(), flat.rows.len())?;
    }
    Ok(printed)
}

/// The report's JSON, with `"printed"` when it went to a printer.
fn with_printed(mut value: Value, printed: Option<Value>) -> Value {
    if let Some(p) = printed {
        value["printed"] = p;
    }
    value
}

fn write_xlsx(out: &Output, file: &Path, sheet: &str, flat: &exchange::FlatReport) -> Result<()> {
    let mut bar = ProgressBar::new(out, "export");
    exchange::write_xlsx_bold(file, sheet, &flat.columns, &flat.rows, &flat.bold, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    Ok(())
}

pub fn report(cli: &Cli, out: &Output, cmd: &ReportCommand) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let en = out.lang == Lang::En;
    match cmd {
        ReportCommand::Register(args) => {
            let report = ledger.register_report(&actor, &register_query(args)?)?;
            let title = exchange::register_report_title(&report, out.lang);
            let sections = exchange::register_report_sections(&report, out.lang);
            let printed = write_files(out, &mut ledger, &actor, &title, if en { "Register" } else { "资产台账" }, &sections, &args.files)?;
            out.result(with_printed(register_json(&report), printed), || {
                let mut lines = Vec::new();
                for g in &report.groups {
                    if let Some(name) = &g.name {
                        lines.push(format!("[{name}]"));
                    }
                    for r in &g.rows {
                        lines.push(format!("{}\t{}\t{}\t{}\t{}", r.code, r.name, format_money(r.value), format_money(r.accumulated), format_money(r.net_value)));
                    }
                    if report.group_by != GroupBy::None {
                        lines.push(format!("  {}\t{}\t{}\t{}", g.totals.count, format_money(g.totals.value), format_money(g.totals.accumulated), format_money(g.totals.net_value)));
                    }
                }
                let t = &report.total;
                lines.push(format!("total {}\t{}\t{}\t{}", t.count, format_money(t.value), format_money(t.accumulated), format_money(t.net_value)));
                lines.join("\n")
            });
        }
        ReportCommand::Changes { from, to, kinds, files } => {
            let kinds = ChangeKind::parse_list(kinds)?;
            let report = ledger.changes_report(&actor, parse_date("from", from)?, parse_date("to", to)?, &kinds)?;
            let title = exchange::changes_report_title(&report, out.lang);
            let sections = exchange::changes_report_sections(&report, out.lang);
            let printed = write_files(out, &mut ledger, &actor, &title, if en { "Changes" } else { "资产变动" }, &sections, files)?;
            out.result(with_printed(changes_json(&report), printed), || {
                report
                    .rows
                    .iter()
                    .map(|r| format!("{}\t{}\t{}\t{}\t{} → {}\t{}", r.date, r.doc_no, r.kind.label(out.lang), r.code, r.from.as_deref().unwrap_or("-"), r.to.as_deref().unwrap_or("-"), format_money(r.value)))
                    .chain(report.totals.iter().filter(|t| t.count > 0).map(|t| format!("{}\t{}\t{}", t.kind.label(out.lang), t.count, format_money(t.value))))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}
