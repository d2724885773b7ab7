//! `assetdesk depreciation ...` (issues 6, 21): the monthly run, schedules, re-opening,
//! revisions, opening balances, units used, reports and disposal gain/loss, through
//! `api::valuation`.

use std::path::PathBuf;

use api::tax_depreciation::{self, TaxReportRequestDto, TaxSettingRequestDto};
use api::valuation::{self as valuation, DisposalDto, ReportKind, RevisionInputDto};
use api::{AssetCode, Result};
use clap::Subcommand;
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::{Output, ProgressBar};
use crate::session::login;

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
        /// The category's minimum life in years (政府固定资产折旧年限表; enforced in
        /// government ledgers); an empty value clears it.
        #[arg(long, value_name = "N")]
        min_life_years: Option<String>,
    },
    /// 折旧分配凭证: a posted period's voucher (借 expense per department / 贷 累计折旧 per
    /// category) as JSON or text, and as a workbook and/or CSV for the accounting software.
    Allocate {
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// The voucher's default accounts (without flags: show them and every category's and
    /// department's); an empty --expense-account clears that default.
    Accounts {
        #[arg(long, value_name = "CODE")]
        expense_account: Option<String>,
        #[arg(long, value_name = "CODE")]
        depreciation_account: Option<String>,
        #[arg(long, value_name = "CODE")]
        asset_account: Option<String>,
    },
    /// 税务折旧 (enterprise ledgers): a category's tax method and life (its subcategories
    /// inherit it), or with --asset one asset's own; --clear removes it. Without a
    /// category or --asset: every category's setting.
    Tax {
        #[arg(value_name = "CATEGORY", conflicts_with = "asset")]
        category: Option<String>,
        #[arg(long, value_name = "CODE")]
        asset: Option<String>,
        #[arg(long, value_name = "METHOD", help = "straight-line, double-declining, sum-of-years or one-time (一次性扣除)")]
        method: Option<String>,
        /// Years ("3") or months ("22m", "22个月"); none for one-time.
        #[arg(long, value_name = "LIFE")]
        life: Option<String>,
        #[arg(long, conflicts_with_all = ["method", "life"])]
        clear: bool,
    },
    /// 税务折旧对照表: book and tax depreciation side by side over a range of months, with the
    /// 纳税调整 (book − tax) and the temporary difference.
    TaxReport {
        /// Default: January of --to's year.
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM")]
        to: String,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also print the report to a PDF.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// 处置损益 of a disposal (scrap, write-off) document; --costs records its disposal costs.
    Gain {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
        #[arg(long, value_name = "AMOUNT")]
        costs: Option<String>,
    },
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Writes a report workbook with a progress bar.
fn export(out: &Output, cx: &mut api::Ctx, period: &str, kind: ReportKind, file: &std::path::Path) -> Result<()> {
    let mut bar = ProgressBar::new(out, "export");
    valuation::export(cx, period, kind, file, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    Ok(())
}

fn json_of<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("api results are JSON")
}

fn disposal_json(v: &DisposalDto) -> Value {
    json!({"doc": v.doc_no, "date": v.date, "proceeds": v.proceeds, "costs": v.costs, "net_book_value": v.net_book_value, "gain_loss": v.gain_loss})
}

pub fn depreciation(cli: &Cli, out: &Output, cmd: &DepreciationCommand) -> Result<()> {
    match cmd {
        DepreciationCommand::Allocate { period, xlsx, csv } => return crate::allocation::allocate(cli, out, period, xlsx.as_ref(), csv.as_ref()),
        DepreciationCommand::Accounts { expense_account, depreciation_account, asset_account } => {
            return crate::allocation::accounts(cli, out, expense_account.as_deref(), depreciation_account.as_deref(), asset_account.as_deref())
        }
        _ => {}
    }
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        DepreciationCommand::Run { period, preview, lines } => {
            let mut bar = ProgressBar::new(out, "depreciation");
            let run = valuation::run(cx, period, !*preview, None, &mut |done, total| {
                bar.show(done, total);
                true
            })?;
            bar.finish();
            let mut value = json!({
                "period": run.period, "assets": run.assets, "total": run.total,
                "posted": run.posted, "lines": run.line_count, "late_start": run.late_start, "short_life": run.short_life,
            });
            if *lines {
                value["lines"] = json_of(&run.lines);
            }
            out.result(value, || {
                let mut text = vec![format!(
                    "{} {}: {} assets charged, total {}",
                    run.period,
                    if run.posted { "posted" } else { "preview (not posted)" },
                    run.assets,
                    run.total
                )];
                if !run.late_start.is_empty() {
                    text.push(format!(
                        "warning: charged for the first time although acquired in months already closed (set an opening balance first): {}",
                        run.late_start.join(" ")
                    ));
                }
                if !run.short_life.is_empty() {
                    text.push(format!("warning: life shorter than the category's minimum (revise them): {}", run.short_life.join(" ")));
                }
                if *lines {
                    text.extend(run.lines.iter().map(|l| format!("  {}\t{}\t{}\t{}\t{}", l.code, l.name, l.amount, l.accumulated, l.net_book_value)));
                }
                text.join("\n")
            });
        }
        DepreciationCommand::Schedule { code } => {
            let s = valuation::schedule(cx, &AssetCode::from(code.as_str()))?;
            out.result(json_of(&s.rows), || {
                s.rows
                    .iter()
                    .map(|r| format!("{}\t{}\t{}\t{}{}", r.period, r.amount, r.accumulated, r.net_book_value, if r.posted { "\tposted" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Status => {
            let st = valuation::status(cx)?;
            out.result(json_of(&st), || {
                let mut text = vec![format!("last posted: {}  next: {}", st.last_posted.as_deref().unwrap_or("-"), st.next.as_deref().unwrap_or("-"))];
                text.extend(st.periods.iter().map(|p| format!("  {}\t{}\t{}\t{}", p.period, p.state, p.assets, p.total)));
                text.join("\n")
            });
        }
        DepreciationCommand::Reopen { period, reason } => {
            valuation::reopen(cx, period, reason)?;
            out.result(json!({"period": period.trim(), "reopened": true}), || format!("re-opened {}", period.trim()));
        }
        DepreciationCommand::Revise { code, reason, life_years, salvage_rate, salvage, method, total_units } => {
            let input = RevisionInputDto {
                reason: reason.clone(),
                life_years: opt(life_years),
                salvage_rate: opt(salvage_rate),
                salvage: opt(salvage),
                method: opt(method),
                total_units: opt(total_units),
            };
            let from = valuation::revise(cx, &AssetCode::from(code.as_str()), input)?;
            out.result(json!({"code": code, "effective": from}), || format!("{code}: revised from {from}"));
        }
        DepreciationCommand::Opening { code, period, accumulated, units } => {
            let o = valuation::set_opening(cx, &AssetCode::from(code.as_str()), period, accumulated, units.as_deref())?;
            out.result(json!({"code": code, "period": o.period, "accumulated": o.accumulated}), || format!("{code}: accumulated {} through {}", o.accumulated, o.period));
        }
        DepreciationCommand::Units { code, period, units } => {
            let asset = AssetCode::from(code.as_str());
            match period {
                Some(p) => {
                    let value = valuation::set_units_used(cx, &asset, p, units)?;
                    out.result(json!({"code": code, "period": p.trim(), "units": value}), || format!("{code}: {value} units in {}", p.trim()));
                }
                None => {
                    let value = valuation::set_total_units(cx, &asset, units)?;
                    out.result(json!({"code": code, "total_units": value}), || format!("{code}: {value} units in all"));
                }
            }
        }
        DepreciationCommand::Report { period, by, xlsx, pdf } => {
            let kind = ReportKind::parse(by.as_deref().unwrap_or("detail"))?;
            if let Some(file) = pdf {
                valuation::report_pdf(cx, period, kind, file)?;
            }
            if let Some(file) = xlsx {
                export(out, cx, period, kind, file)?;
            }
            match by {
                Some(by) => {
                    let rows = valuation::summary(cx, period, by)?;
                    out.result(json_of(&rows), || {
                        rows.iter()
                            .map(|r| format!("{}\t{}\t{}\t{}\t{}", if r.group.is_empty() { "-" } else { &r.group }, r.assets, r.amount, r.accumulated, r.net_book_value))
                            .collect::<Vec<_>>()
                            .join("\n")
                    });
                }
                None => {
                    let run = valuation::detail(cx, period, None)?;
                    out.result(json_of(&run.lines), || {
                        run.lines
                            .iter()
                            .map(|l| format!("{}\t{}\t{}\t{}\t{}", l.code, l.name, l.amount, l.accumulated, l.net_book_value))
                            .chain(std::iter::once(format!("total {}", run.total)))
                            .collect::<Vec<_>>()
                            .join("\n")
                    });
                }
            }
        }
        DepreciationCommand::Register { period, xlsx, pdf } => {
            if let Some(file) = pdf {
                valuation::report_pdf(cx, period, ReportKind::Register, file)?;
            }
            if let Some(file) = xlsx {
                export(out, cx, period, ReportKind::Register, file)?;
            }
            let rows = valuation::register(cx, period)?;
            out.result(json_of(&rows), || {
                rows.iter().map(|r| format!("{}\t{}\t{}\t{}\t{}", r.code, r.name, r.cost, r.accumulated, r.net_book_value)).collect::<Vec<_>>().join("\n")
            });
        }
        DepreciationCommand::Disposals { from, to } => {
            let rows = valuation::disposal_report(cx, from, to)?;
            out.result(Value::Array(rows.iter().map(disposal_json).collect()), || {
                rows.iter()
                    .map(|v| format!("{}\t{}\t{}\t{}\t{}\t{}", v.doc_no, v.date, v.proceeds, v.net_book_value, v.costs, v.gain_loss))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Defaults { category, method, life_years, salvage_rate, min_life_years } => {
            if let Some(c) = category {
                if method.is_some() || life_years.is_some() || salvage_rate.is_some() || min_life_years.is_none() {
                    valuation::set_category_defaults(cx, c, &opt(method), &opt(life_years), &opt(salvage_rate))?;
                }
                if let Some(years) = min_life_years {
                    valuation::set_category_min_life(cx, c, years)?;
                }
            }
            let rows = valuation::category_defaults(cx)?;
            out.result(json_of(&rows), || {
                rows.iter()
                    .map(|r| {
                        let years = |y: Option<i64>| y.map(|y| y.to_string()).unwrap_or("-".into());
                        format!("{}\t{}\t{}\t{}\tmin {}", r.category, if r.method.is_empty() { "-" } else { &r.method }, years(r.life_years), r.salvage_rate, years(r.min_life_years))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Tax { category, asset, method, life, clear } => {
            if category.is_some() || asset.is_some() {
                if !*clear && method.is_none() {
                    return Err(api::Error::invalid("method", "give --method (and --life), or --clear", "请指定 --method（及 --life），或 --clear"));
                }
                let request = TaxSettingRequestDto {
                    category: opt(category),
                    asset: opt(asset),
                    method: if *clear { String::new() } else { opt(method) },
                    life: opt(life),
                };
                tax_depreciation::set(cx, &request)?;
            }
            let rows = tax_depreciation::settings(cx)?;
            out.result(json_of(&rows), || rows.iter().map(|r| format!("{}\t{}", r.category, r.label)).collect::<Vec<_>>().join("\n"));
        }
        DepreciationCommand::TaxReport { from, to, xlsx, pdf } => {
            let request = TaxReportRequestDto { from: opt(from), to: to.clone() };
            if let Some(file) = pdf {
                tax_depreciation::report_pdf(cx, &request, file)?;
            }
            if let Some(file) = xlsx {
                let mut bar = ProgressBar::new(out, "export");
                tax_depreciation::export(cx, &request, file, &mut |done, total| {
                    bar.show(done, total);
                    true
                })?;
                bar.finish();
            }
            let r = tax_depreciation::report(cx, &request)?;
            out.result(json_of(&r), || {
                r.lines
                    .iter()
                    .map(|l| format!("{}\t{}\t{}\tbook {}\ttax {}\tadjust {}", l.code, l.name, l.method_label, l.book_charge, l.tax_charge, l.adjustment))
                    .chain(std::iter::once(format!(
                        "{} – {}: book {} tax {} adjustment {} temporary difference {}",
                        r.from, r.to, r.book_charge, r.tax_charge, r.adjustment, r.temporary_difference
                    )))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DepreciationCommand::Allocate { .. } | DepreciationCommand::Accounts { .. } => unreachable!("answered above"),
        DepreciationCommand::Gain { doc_no, costs } => {
            let v = match costs {
                Some(c) => valuation::set_disposal_costs(cx, doc_no, c)?,
                None => valuation::disposal(cx, doc_no)?,
            };
            let mut value = disposal_json(&v);
            value["lines"] = json_of(&v.lines);
            out.result(value, || format!("{}: proceeds {} − net book value {} − costs {} = {}", v.doc_no, v.proceeds, v.net_book_value, v.costs, v.gain_loss));
        }
    }
    Ok(())
}
