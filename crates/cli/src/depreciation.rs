//! `assetdesk depreciation ...` (issue 6): the monthly run, schedules, re-opening,
//! revisions, opening balances, units used, reports and disposal gain/loss.

use std::path::PathBuf;

use clap::Subcommand;
use ledger::{format_money, parse_money, parse_period, Decimal, Lang, Result, RevisionInput, SummaryBy};
use serde_json::{json, Value};

use crate::args::Cli;
use crate::commands::open_as;
use crate::output::{Output, ProgressBar};

#[derive(Subcommand, Debug)]
pub enum DepreciationCommand {
    /// 计提折旧: compute and post a period (idempotent); --preview computes without posting.
    Run {
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long)]
        preview: bool,
        /// Also print every asset's line.
        #[arg(long)]
        lines: bool,
    },
    /// One asset's schedule: posted periods, then the projection.
    Schedule {
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// Where depreciation stands: last posted period, next period, every run.
    Status,
    /// Re-open the latest posted period (admin).
    Reopen {
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// A CAS 19 review: change life, salvage or method from the next period on.
    Revise {
        #[arg(value_name = "CODE")]
        code: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long, value_name = "N")]
        life_years: Option<String>,
        #[arg(long, value_name = "R", conflicts_with = "salvage")]
        salvage_rate: Option<String>,
        #[arg(long, value_name = "AMOUNT")]
        salvage: Option<String>,
        #[arg(long, value_parser = ["straight-line", "double-declining", "sum-of-years", "units-of-production"])]
        method: Option<String>,
        #[arg(long, value_name = "UNITS")]
        total_units: Option<String>,
    },
    /// A legacy asset's accumulated depreciation through a period (opening balance).
    Opening {
        #[arg(value_name = "CODE")]
        code: String,
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long, value_name = "AMOUNT")]
        accumulated: String,
        /// Units-of-production: units used to date.
        #[arg(long, value_name = "UNITS")]
        units: Option<String>,
    },
    /// Units-of-production: units used in a period, or (without --period) the total expected units.
    Units {
        #[arg(value_name = "CODE")]
        code: String,
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<String>,
        #[arg(long, value_name = "UNITS")]
        units: String,
    },
    /// 折旧明细表 (by asset) or 折旧汇总 (--by category|dept) of a posted period.
    Report {
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long, value_parser = ["category", "dept"])]
        by: Option<String>,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also print the report to a PDF.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// The asset register at a month end: original value, accumulated depreciation, NBV.
    Register {
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also print the register to a PDF.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// 处置损益: every disposal in a range of months with its gain or loss.
    Disposals {
        #[arg(long, value_name = "YYYY-MM")]
        from: String,
        #[arg(long, value_name = "YYYY-MM")]
        to: String,
    },
    /// A category's defaults for new assets (without flags: list every category's).
    Defaults {
        #[arg(value_name = "CATEGORY")]
        category: Option<String>,
        #[arg(long, value_parser = ["straight-line", "double-declining", "sum-of-years", "units-of-production"])]
        method: Option<String>,
        #[arg(long, value_name = "N")]
        life_years: Option<String>,
        #[arg(long, value_name = "R")]
        salvage_rate: Option<String>,
    },
    /// 处置损益 of a disposal (scrap, write-off) document; --costs records its disposal costs.
    Gain {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
        #[arg(long, value_name = "AMOUNT")]
        costs: Option<String>,
    },
}

fn units(field: &str, text: &str) -> Result<Decimal> {
    text.trim().parse::<Decimal>().ok().filter(|u| *u >= Decimal::ZERO).ok_or_else(|| {
        ledger::Error::invalid(field, format!("'{text}' is not a number of units"), format!("「{text}」不是有效的工作量"))
    })
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

pub(crate) fn write(out: &Output, ledger: &mut ledger::Ledger, actor: &ledger::Actor, file: &std::path::Path, sheet: &str, table: (Vec<exchange::Column>, Vec<Vec<exchange::Cell>>)) -> Result<()> {
    let (columns, cells) = table;
    let mut bar = ProgressBar::new(out, "export");
    exchange::write_xlsx(file, sheet, &columns, &cells, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    ledger.record_export(actor, &file.display().to_string(), cells.len())?;
    Ok(())
}

pub fn depreciation(cli: &Cli, out: &Output, cmd: &DepreciationCommand) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let en = out.lang == Lang::En;
    match cmd {
        DepreciationCommand::Run { period, preview, lines } => {
            let period = parse_period("period", period)?;
            let mut bar = ProgressBar::new(out, "depreciation");
            let mut progress = |done: usize, total: usize| {
                bar.show(done, total);
                true
            };
            let run = if *preview { ledger.preview_depreciation(&actor, period, &mut progress)? } else { ledger.run_depreciation(&actor, period, &mut progress)? };
            bar.finish();
            let mut value = json!({
                "period": run.period.to_string(), "assets": run.assets, "total": format_money(run.total),
                "posted": run.posted, "lines": run.lines.len(), "late_start": run.late_start,
            });
            if *lines {
                value["lines"] = Value::Array(run.lines.iter().map(line_json).collect());
            }
            out.result(value, || {
                let mut text = vec![format!(
                    "{} {}: {} assets charged, total {}",
                    run.period,
                    if run.posted { "posted" } else { "preview (not posted)" },
                    run.assets,
                    format_money(run.total)
                )];
                if !run.late_start.is_empty() {
                    text.push(format!(
                        "warning: charged for the first time although acquired in months already closed (set an opening balance first): {}",
                        run.late_start.join(" ")
                    ));
                }
                if *lines {
                    text.extend(run.lines.iter().map(|l| format!("  {}\t{}\t{}\t{}\t{}", l.code, l.name, format_money(l.amount), format_money(l.accumulated), format_money(l.net_book_value))));
                }
                text.join("\n")
            });
        }
        DepreciationCommand::Schedule { code } => {
            let s = ledger.depreciation_schedule(&actor, code)?;
            let rows: Vec<Value> = s
                .rows
                .iter()
                .map(|r| json!({"period": r.period.to_string(), "amount": format_money(r.amount), "accumulated": format_money(r.accumulated),
                    "net_book_value": format_money(r.net_book_value), "posted": r.posted}))
                .collect();
            out.result(Value::Array(rows), || {
                s.rows
                    .iter()
                    .map(|r| format!("{}\t{}\t{}\t{}{}", r.period, format_money(r.amount), format_money(r.accumulated), format_money(r.net_book_value), if r.posted { "\tposted" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Status => {
            let st = ledger.depreciation_status(&actor)?;
            let periods: Vec<Value> = st
                .periods
                .iter()
                .map(|p| json!({"period": p.period.to_string(), "state": p.state, "assets": p.assets, "total": format_money(p.total),
                    "posted_by": p.posted_by, "posted_at": p.posted_at, "reopened_by": p.reopened_by, "reopen_reason": p.reopen_reason}))
                .collect();
            let value = json!({"last_posted": st.last_posted.map(|p| p.to_string()), "next": st.next.map(|p| p.to_string()), "periods": periods});
            out.result(value, || {
                let mut text = vec![format!(
                    "last posted: {}  next: {}",
                    st.last_posted.map(|p| p.to_string()).unwrap_or("-".into()),
                    st.next.map(|p| p.to_string()).unwrap_or("-".into())
                )];
                text.extend(st.periods.iter().map(|p| format!("  {}\t{}\t{}\t{}", p.period, p.state, p.assets, format_money(p.total))));
                text.join("\n")
            });
        }
        DepreciationCommand::Reopen { period, reason } => {
            let period = parse_period("period", period)?;
            ledger.reopen_period(&actor, period, reason)?;
            out.result(json!({"period": period.to_string(), "reopened": true}), || format!("re-opened {period}"));
        }
        DepreciationCommand::Revise { code, reason, life_years, salvage_rate, salvage, method, total_units } => {
            let input = RevisionInput {
                reason: reason.clone(),
                life_years: opt(life_years),
                salvage_rate: opt(salvage_rate),
                salvage: opt(salvage),
                method: opt(method),
                total_units: opt(total_units),
            };
            let from = ledger.revise_depreciation(&actor, code, &input)?;
            out.result(json!({"code": code, "effective": from.to_string()}), || format!("{code}: revised from {from}"));
        }
        DepreciationCommand::Opening { code, period, accumulated, units: used } => {
            let period = parse_period("period", period)?;
            let accumulated = parse_money("accumulated", accumulated)?;
            let used = used.as_deref().map(|u| units("units", u)).transpose()?;
            ledger.set_opening_balance(&actor, code, period, accumulated, used)?;
            out.result(json!({"code": code, "period": period.to_string(), "accumulated": format_money(accumulated)}), || {
                format!("{code}: accumulated {} through {period}", format_money(accumulated))
            });
        }
        DepreciationCommand::Units { code, period, units: text } => {
            let value = units("units", text)?;
            match period {
                Some(p) => {
                    let p = parse_period("period", p)?;
                    ledger.set_units_used(&actor, code, p, value)?;
                    out.result(json!({"code": code, "period": p.to_string(), "units": value.normalize().to_string()}), || format!("{code}: {value} units in {p}"));
                }
                None => {
                    ledger.set_total_units(&actor, code, value)?;
                    out.result(json!({"code": code, "total_units": value.normalize().to_string()}), || format!("{code}: {value} units in all"));
                }
            }
        }
        DepreciationCommand::Report { period, by, xlsx, pdf } => {
            let period = parse_period("period", period)?;
            if let Some(file) = pdf {
                let (title, table) = match by.as_deref().map(SummaryBy::parse).transpose()? {
                    Some(by) => (
                        format!("{period} {}", if en { "depreciation summary" } else { "折旧汇总表" }),
                        exchange::depreciation_summary_table(&ledger.depreciation_summary(&actor, period, by)?, by, out.lang),
                    ),
                    None => (
                        format!("{period} {}", if en { "depreciation detail" } else { "折旧明细表" }),
                        exchange::depreciation_detail_table(&ledger.depreciation_detail(&actor, period)?, out.lang),
                    ),
                };
                let rows = table.1.len();
                let bytes = reports::render_tables_fingerprinted(&ledger.settings()?.org_name, &title, &[(title.clone(), table.0, table.1)], out.lang, &Default::default(), &ledger.audit_fingerprint()?);
                std::fs::write(file, bytes)?;
                ledger.record_export(&actor, &file.display().to_string(), rows)?;
            }
            match by {
                Some(by) => {
                    let by = SummaryBy::parse(by)?;
                    let rows = ledger.depreciation_summary(&actor, period, by)?;
                    if let Some(file) = xlsx {
                        let sheet = if en { "Summary" } else { "折旧汇总" };
                        write(out, &mut ledger, &actor, file, sheet, exchange::depreciation_summary_table(&rows, by, out.lang))?;
                    }
                    let value: Vec<Value> = rows
                        .iter()
                        .map(|r| json!({"group": r.group, "assets": r.assets, "cost": format_money(r.cost), "amount": format_money(r.amount),
                            "accumulated": format_money(r.accumulated), "net_book_value": format_money(r.net_book_value)}))
                        .collect();
                    out.result(Value::Array(value), || {
                        rows.iter()
                            .map(|r| format!("{}\t{}\t{}\t{}\t{}", if r.group.is_empty() { "-" } else { &r.group }, r.assets, format_money(r.amount), format_money(r.accumulated), format_money(r.net_book_value)))
                            .collect::<Vec<_>>()
                            .join("\n")
                    });
                }
                None => {
                    let run = ledger.depreciation_detail(&actor, period)?;
                    if let Some(file) = xlsx {
                        let sheet = if en { "Depreciation" } else { "折旧明细表" };
                        write(out, &mut ledger, &actor, file, sheet, exchange::depreciation_detail_table(&run, out.lang))?;
                    }
                    out.result(Value::Array(run.lines.iter().map(line_json).collect()), || {
                        run.lines
                            .iter()
                            .map(|l| format!("{}\t{}\t{}\t{}\t{}", l.code, l.name, format_money(l.amount), format_money(l.accumulated), format_money(l.net_book_value)))
                            .chain(std::iter::once(format!("total {}", format_money(run.total))))
                            .collect::<Vec<_>>()
                            .join("\n")
                    });
                }
            }
        }
        DepreciationCommand::Register { period, xlsx, pdf } => {
            let period = parse_period("period", period)?;
            let rows = ledger.asset_register_at(&actor, period)?;
            if let Some(file) = pdf {
                let title = format!("{} {period}", if en { "Asset register" } else { "资产明细账" });
                let (columns, cells) = exchange::asset_register_table(&rows, out.lang);
                let bytes = reports::render_tables_fingerprinted(&ledger.settings()?.org_name, &title, &[(title.clone(), columns, cells)], out.lang, &Default::default(), &ledger.audit_fingerprint()?);
                std::fs::write(file, bytes)?;
                ledger.record_export(&actor, &file.display().to_string(), rows.len())?;
            }
            if let Some(file) = xlsx {
                let sheet = if en { "Register" } else { "资产明细账" };
                write(out, &mut ledger, &actor, file, sheet, exchange::asset_register_table(&rows, out.lang))?;
            }
            let value: Vec<Value> = rows
                .iter()
                .map(|r| json!({"code": r.code, "name": r.name, "category": r.category, "dept": r.dept, "status": r.status.as_str(),
                    "acquired": r.acquired.map(|d| d.to_string()), "cost": format_money(r.cost), "accumulated": format_money(r.accumulated),
                    "net_book_value": format_money(r.net_book_value)}))
                .collect();
            out.result(Value::Array(value), || {
                rows.iter()
                    .map(|r| format!("{}\t{}\t{}\t{}\t{}", r.code, r.name, format_money(r.cost), format_money(r.accumulated), format_money(r.net_book_value)))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Disposals { from, to } => {
            let rows = ledger.disposal_report(&actor, parse_period("from", from)?, parse_period("to", to)?)?;
            let value: Vec<Value> = rows
                .iter()
                .map(|v| json!({"doc": v.doc_no, "date": v.date.to_string(), "proceeds": format_money(v.proceeds), "costs": format_money(v.costs),
                    "net_book_value": format_money(v.net_book_value), "gain_loss": format_money(v.gain_loss)}))
                .collect();
            out.result(Value::Array(value), || {
                rows.iter()
                    .map(|v| format!("{}\t{}\t{}\t{}\t{}\t{}", v.doc_no, v.date, format_money(v.proceeds), format_money(v.net_book_value), format_money(v.costs), format_money(v.gain_loss)))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Defaults { category, method, life_years, salvage_rate } => {
            if let Some(c) = category {
                ledger.set_category_defaults(&actor, c, &opt(method), &opt(life_years), &opt(salvage_rate))?;
            }
            let rows = ledger.category_defaults(&actor)?;
            let value: Vec<Value> = rows
                .iter()
                .map(|r| json!({"category": r.category, "method": r.method.as_str(), "life_years": r.life_years, "salvage_rate": r.salvage_rate.to_string()}))
                .collect();
            out.result(Value::Array(value), || {
                rows.iter()
                    .map(|r| format!("{}\t{}\t{}\t{}", r.category, r.method.as_str(), r.life_years.map(|y| y.to_string()).unwrap_or("-".into()), r.salvage_rate))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Gain { doc_no, costs } => {
            if let Some(c) = costs {
                let c = parse_money("cost", c)?;
                ledger.set_disposal_costs(&actor, doc_no, c)?;
            }
            let v = ledger.disposal_valuation(&actor, doc_no)?;
            let lines: Vec<Value> = v.lines.iter().map(|(code, name, nbv)| json!({"code": code, "name": name, "net_book_value": format_money(*nbv)})).collect();
            let value = json!({"doc": v.doc_no, "proceeds": format_money(v.proceeds), "costs": format_money(v.costs),
                "net_book_value": format_money(v.net_book_value), "gain_loss": format_money(v.gain_loss), "lines": lines});
            out.result(value, || {
                format!(
                    "{}: proceeds {} − net book value {} − costs {} = {}",
                    v.doc_no,
                    format_money(v.proceeds),
                    format_money(v.net_book_value),
                    format_money(v.costs),
                    format_money(v.gain_loss)
                )
            });
        }
    }
    Ok(())
}

fn line_json(l: &ledger::RunLine) -> Value {
    json!({
        "code": l.code, "name": l.name, "category": l.category, "dept": l.dept, "method": l.method.as_str(),
        "cost": format_money(l.cost), "amount": format_money(l.amount), "accumulated": format_money(l.accumulated),
        "net_book_value": format_money(l.net_book_value), "units": l.units.map(|u| u.normalize().to_string()),
    })
}
