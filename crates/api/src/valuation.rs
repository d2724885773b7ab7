//! Depreciation and value (issues 6 and 21): the monthly run, schedules, re-opening,
//! revisions, opening balances, units used, reports and their exports, disposal gain or
//! loss, category defaults and the ledger's accounting regime. Money as "1600.00"
//! strings, periods as "YYYY-MM".

use std::collections::BTreeMap;
use std::path::Path;

use ledger::{
    format_money, parse_money, parse_period, AssetSchedule, Decimal, DepreciationRun, DepreciationStatus, DisposalValuation, Lang, Regime, RegisterLine, RevisionInput,
    RunLine, SummaryBy, SummaryRow,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::AssetCode;
use crate::{Ctx, ExportDto, Result};

/// How many lines of a run cross to the app's screen; exports have them all.
pub const RUN_LINES_SHOWN: usize = 1000;

/// Called with (done, total) during long work; returns false to cancel.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

fn period(field: &str, text: &str) -> Result<ledger::Period> {
    parse_period(field, text)
}

fn units(field: &str, text: &str) -> Result<Decimal> {
    text.trim().parse::<Decimal>().ok().filter(|u| *u >= Decimal::ZERO).ok_or_else(|| {
        ledger::Error::invalid(
            field,
            format!("'{}' is not a number of units", ledger::quoted(text)),
            format!("「{}」不是有效的工作量", ledger::quoted(text)),
        )
    })
}

/// A run in the list of periods.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DepPeriod")]
pub struct PeriodDto {
    pub period: String,
    #[ts(type = "'posted' | 'reopened'")]
    pub state: String,
    #[ts(type = "number")]
    pub assets: i64,
    pub total: String,
    pub posted_by: String,
    pub posted_at: String,
    pub reopened_by: Option<String>,
    pub reopened_at: Option<String>,
    pub reopen_reason: Option<String>,
}

/// Where depreciation stands.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DepStatus")]
pub struct DepreciationStatusDto {
    pub last_posted: Option<String>,
    pub next: Option<String>,
    pub periods: Vec<PeriodDto>,
}

impl From<DepreciationStatus> for DepreciationStatusDto {
    fn from(s: DepreciationStatus) -> Self {
        DepreciationStatusDto {
            last_posted: s.last_posted.map(|p| p.to_string()),
            next: s.next.map(|p| p.to_string()),
            periods: s
                .periods
                .into_iter()
                .map(|p| PeriodDto {
                    period: p.period.to_string(),
                    state: p.state,
                    assets: p.assets,
                    total: format_money(p.total),
                    posted_by: p.posted_by,
                    posted_at: p.posted_at,
                    reopened_by: p.reopened_by,
                    reopened_at: p.reopened_at,
                    reopen_reason: p.reopen_reason,
                })
                .collect(),
        }
    }
}

/// One asset's line of a run.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DepLine")]
pub struct RunLineDto {
    pub code: String,
    pub name: String,
    pub category: String,
    pub dept: Option<String>,
    pub method: String,
    pub method_label: String,
    pub cost: String,
    pub amount: String,
    pub accumulated: String,
    pub net_book_value: String,
    /// Units-of-production: units used in the period.
    pub units: Option<String>,
}

impl RunLineDto {
    fn new(l: &RunLine, lang: Lang) -> Self {
        RunLineDto {
            code: l.code.clone(),
            name: l.name.clone(),
            category: l.category.clone(),
            dept: l.dept.clone(),
            method: l.method.as_str().to_string(),
            method_label: l.method.label(lang).to_string(),
            cost: format_money(l.cost),
            amount: format_money(l.amount),
            accumulated: format_money(l.accumulated),
            net_book_value: format_money(l.net_book_value),
            units: l.units.map(|u| u.normalize().to_string()),
        }
    }
}

/// 折旧汇总: one category's or department's totals.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DepSummary")]
pub struct SummaryDto {
    pub group: String,
    #[ts(type = "number")]
    pub assets: i64,
    pub cost: String,
    pub amount: String,
    pub accumulated: String,
    pub net_book_value: String,
}

impl From<&SummaryRow> for SummaryDto {
    fn from(r: &SummaryRow) -> Self {
        SummaryDto {
            group: r.group.clone(),
            assets: r.assets,
            cost: format_money(r.cost),
            amount: format_money(r.amount),
            accumulated: format_money(r.accumulated),
            net_book_value: format_money(r.net_book_value),
        }
    }
}

/// A monthly run, previewed or posted.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DepRun")]
pub struct RunDto {
    pub period: String,
    pub posted: bool,
    #[ts(type = "number")]
    pub assets: i64,
    pub total: String,
    pub accumulated: String,
    pub net_book_value: String,
    #[ts(type = "number")]
    pub line_count: usize,
    /// The first lines by code (all of them when no limit was asked for).
    pub lines: Vec<RunLineDto>,
    pub by_category: Vec<SummaryDto>,
    pub posted_by: Option<String>,
    pub posted_at: Option<String>,
    pub late_start: Vec<String>,
    /// Government ledgers: charged assets whose life is below their category's minimum.
    pub short_life: Vec<String>,
}

impl RunDto {
    fn new(run: &DepreciationRun, lang: Lang, limit: Option<usize>) -> Self {
        let mut groups: BTreeMap<&str, SummaryRow> = BTreeMap::new();
        for l in &run.lines {
            let g = groups.entry(&l.category).or_insert_with(|| SummaryRow {
                group: l.category.clone(),
                assets: 0,
                cost: Decimal::ZERO,
                amount: Decimal::ZERO,
                accumulated: Decimal::ZERO,
                net_book_value: Decimal::ZERO,
            });
            g.assets += 1;
            g.cost += l.cost;
            g.amount += l.amount;
            g.accumulated += l.accumulated;
            g.net_book_value += l.net_book_value;
        }
        RunDto {
            period: run.period.to_string(),
            posted: run.posted,
            assets: run.assets,
            total: format_money(run.total),
            accumulated: format_money(run.lines.iter().map(|l| l.accumulated).sum()),
            net_book_value: format_money(run.lines.iter().map(|l| l.net_book_value).sum()),
            line_count: run.lines.len(),
            lines: run.lines.iter().take(limit.unwrap_or(usize::MAX)).map(|l| RunLineDto::new(l, lang)).collect(),
            by_category: groups.values().map(SummaryDto::from).collect(),
            posted_by: run.posted_by.clone(),
            posted_at: run.posted_at.clone(),
            late_start: run.late_start.clone(),
            short_life: run.short_life.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ScheduleRow")]
pub struct ScheduleRowDto {
    pub period: String,
    pub amount: String,
    pub accumulated: String,
    pub net_book_value: String,
    pub posted: bool,
}

/// A CAS 19 review as the history shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DepRevision")]
pub struct RevisionDto {
    pub effective: String,
    pub reason: String,
    #[ts(type = "number | null")]
    pub old_life_years: Option<i64>,
    #[ts(type = "number | null")]
    pub new_life_years: Option<i64>,
    pub old_salvage: String,
    pub new_salvage: String,
    pub old_method: String,
    pub new_method: String,
    pub accumulated: String,
    pub by: String,
    pub at: String,
}

/// The card's depreciation: parameters, schedule (posted, then projected), revisions.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AssetSchedule")]
pub struct ScheduleDto {
    pub code: String,
    pub method: String,
    pub cost: String,
    pub salvage: String,
    #[ts(type = "number | null")]
    pub life_months: Option<i64>,
    pub start: Option<String>,
    pub leaves: Option<String>,
    pub opening_period: Option<String>,
    pub opening_accumulated: Option<String>,
    pub accumulated: String,
    pub net_book_value: String,
    /// 减值准备 (issue 21); the net value is after it.
    pub impairment: String,
    pub depreciable: bool,
    /// Field keys the card lacks for depreciation (acquired, value, life_years, total_units).
    pub missing: Vec<String>,
    pub rows: Vec<ScheduleRowDto>,
    pub revisions: Vec<RevisionDto>,
}

impl From<AssetSchedule> for ScheduleDto {
    fn from(s: AssetSchedule) -> Self {
        ScheduleDto {
            code: s.code,
            method: s.method.as_str().to_string(),
            cost: format_money(s.cost),
            salvage: format_money(s.salvage),
            life_months: s.life_months,
            start: s.start.map(|p| p.to_string()),
            leaves: s.leaves.map(|p| p.to_string()),
            opening_period: s.opening.map(|(p, _)| p.to_string()),
            opening_accumulated: s.opening.map(|(_, a)| format_money(a)),
            accumulated: format_money(s.accumulated),
            net_book_value: format_money(s.net_book_value),
            impairment: format_money(s.impairment),
            depreciable: s.depreciable,
            missing: s.missing.into_iter().map(String::from).collect(),
            rows: s
                .rows
                .into_iter()
                .map(|r| ScheduleRowDto {
                    period: r.period.to_string(),
                    amount: format_money(r.amount),
                    accumulated: format_money(r.accumulated),
                    net_book_value: format_money(r.net_book_value),
                    posted: r.posted,
                })
                .collect(),
            revisions: s
                .revisions
                .into_iter()
                .map(|r| RevisionDto {
                    effective: r.effective.to_string(),
                    reason: r.reason,
                    old_life_years: r.old_life_months.map(|m| m / 12),
                    new_life_years: r.new_life_months.map(|m| m / 12),
                    old_salvage: r.old_salvage,
                    new_salvage: r.new_salvage,
                    old_method: r.old_method.as_str().to_string(),
                    new_method: r.new_method.as_str().to_string(),
                    accumulated: format_money(r.accumulated),
                    by: r.by,
                    at: r.at,
                })
                .collect(),
        }
    }
}

/// A CAS 19 review as typed; empty (or left out) means unchanged.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "RevisionInput")]
pub struct RevisionInputDto {
    pub reason: String,
    #[ts(optional, as = "Option<String>")]
    pub life_years: String,
    #[ts(optional, as = "Option<String>")]
    pub salvage_rate: String,
    #[ts(optional, as = "Option<String>")]
    pub salvage: String,
    #[ts(optional, as = "Option<String>")]
    pub method: String,
    #[ts(optional, as = "Option<String>")]
    pub total_units: String,
}

/// 处置损益 of a disposal, scrap or write-off document.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Disposal")]
pub struct DisposalDto {
    pub doc_no: String,
    pub date: String,
    pub proceeds: String,
    pub costs: String,
    pub net_book_value: String,
    pub gain_loss: String,
    pub lines: Vec<DisposalLineDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DisposalLine")]
pub struct DisposalLineDto {
    pub code: String,
    pub name: String,
    pub net_book_value: String,
}

impl From<DisposalValuation> for DisposalDto {
    fn from(v: DisposalValuation) -> Self {
        DisposalDto {
            date: v.date.to_string(),
            doc_no: v.doc_no,
            proceeds: format_money(v.proceeds),
            costs: format_money(v.costs),
            net_book_value: format_money(v.net_book_value),
            gain_loss: format_money(v.gain_loss),
            lines: v.lines.into_iter().map(|(code, name, nbv)| DisposalLineDto { code, name, net_book_value: format_money(nbv) }).collect(),
        }
    }
}

/// One asset of the register at a month end.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RegisterLine")]
pub struct RegisterLineDto {
    pub code: String,
    pub name: String,
    pub category: String,
    pub dept: Option<String>,
    #[ts(type = "Status")]
    pub status: String,
    pub acquired: Option<String>,
    pub cost: String,
    pub accumulated: String,
    pub net_book_value: String,
}

impl From<&RegisterLine> for RegisterLineDto {
    fn from(r: &RegisterLine) -> Self {
        RegisterLineDto {
            code: r.code.clone(),
            name: r.name.clone(),
            category: r.category.clone(),
            dept: r.dept.clone(),
            status: r.status.as_str().to_string(),
            acquired: r.acquired.map(|d| d.to_string()),
            cost: format_money(r.cost),
            accumulated: format_money(r.accumulated),
            net_book_value: format_money(r.net_book_value),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "CategoryDefaults")]
pub struct CategoryDefaultsDto {
    pub category: String,
    pub method: String,
    #[ts(type = "number | null")]
    pub life_years: Option<i64>,
    pub salvage_rate: String,
    /// The category's minimum life (政府固定资产折旧年限表), if set.
    #[ts(type = "number | null")]
    pub min_life_years: Option<i64>,
}

/// What the new-asset form fills in (issue 27).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "NewAssetDefaults")]
pub struct NewAssetDefaultsDto {
    pub method: String,
    #[ts(type = "number | null")]
    pub life_years: Option<i64>,
    pub salvage_rate: String,
    #[ts(type = "'category' | 'ledger'")]
    pub salvage_from: String,
    /// The parent category these defaults are inherited from (null: the category's own, or the ledger's).
    pub inherited_from: Option<String>,
}

/// A legacy asset's opening balance, as recorded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "OpeningBalance")]
pub struct OpeningDto {
    pub code: String,
    pub period: String,
    pub accumulated: String,
}

/// The ledger's accounting regime and whether it may still change.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AccountingRegime")]
pub struct RegimeDto {
    #[ts(type = "'enterprise' | 'government'")]
    pub regime: String,
    pub label: String,
    /// False once any depreciation run exists.
    pub changeable: bool,
}

/// Which depreciation report a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// 折旧明细表, by asset.
    Detail,
    /// 折旧汇总 by category or department.
    Summary(SummaryBy),
    /// The asset register at the period's end.
    Register,
}

impl ReportKind {
    /// "detail", "category", "dept" or "register".
    pub fn parse(word: &str) -> Result<ReportKind> {
        Ok(match word.trim() {
            "" | "detail" => ReportKind::Detail,
            "register" => ReportKind::Register,
            other => ReportKind::Summary(SummaryBy::parse(other)?),
        })
    }

    /// The workbook's sheet name.
    pub fn sheet(self, lang: Lang) -> &'static str {
        let en = lang == Lang::En;
        match self {
            ReportKind::Detail => if en { "Depreciation" } else { "折旧明细表" },
            ReportKind::Summary(_) => if en { "Summary" } else { "折旧汇总" },
            ReportKind::Register => if en { "Register" } else { "资产明细账" },
        }
    }

    /// The file name stem.
    pub fn stem(self, lang: Lang) -> &'static str {
        let en = lang == Lang::En;
        match self {
            ReportKind::Detail => if en { "depreciation" } else { "折旧明细表" },
            ReportKind::Summary(_) => if en { "depreciation-summary" } else { "折旧汇总" },
            ReportKind::Register => if en { "asset-register" } else { "资产明细账" },
        }
    }
}

pub fn status(cx: &mut Ctx) -> Result<DepreciationStatusDto> {
    Ok(cx.ledger.depreciation_status(cx.actor)?.into())
}

/// Computes `period` (the next in order) and, with `post`, posts it (idempotent). `limit`
/// caps the lines returned (the app's screen); the totals always cover every line.
pub fn run(cx: &mut Ctx, period_text: &str, post: bool, limit: Option<usize>, progress: Progress) -> Result<RunDto> {
    let p = period("period", period_text)?;
    let run = if post { cx.ledger.run_depreciation(cx.actor, p, progress)? } else { cx.ledger.preview_depreciation(cx.actor, p, progress)? };
    Ok(RunDto::new(&run, cx.lang, limit))
}

/// Re-opens the latest posted period (admin), with the reason.
pub fn reopen(cx: &mut Ctx, period_text: &str, reason: &str) -> Result<()> {
    cx.ledger.reopen_period(cx.actor, period("period", period_text)?, reason)
}

/// 折旧明细表 of a posted period.
pub fn detail(cx: &mut Ctx, period_text: &str, limit: Option<usize>) -> Result<RunDto> {
    let run = cx.ledger.depreciation_detail(cx.actor, period("period", period_text)?)?;
    Ok(RunDto::new(&run, cx.lang, limit))
}

/// 折旧汇总 by "category" or "dept".
pub fn summary(cx: &mut Ctx, period_text: &str, by: &str) -> Result<Vec<SummaryDto>> {
    let rows = cx.ledger.depreciation_summary(cx.actor, period("period", period_text)?, SummaryBy::parse(by)?)?;
    Ok(rows.iter().map(SummaryDto::from).collect())
}

pub fn schedule(cx: &mut Ctx, code: &AssetCode) -> Result<ScheduleDto> {
    Ok(cx.ledger.depreciation_schedule(cx.actor, code.as_str())?.into())
}

/// A CAS 19 revision; returns the period it applies from.
pub fn revise(cx: &mut Ctx, code: &AssetCode, input: RevisionInputDto) -> Result<String> {
    let input = RevisionInput {
        reason: input.reason,
        life_years: input.life_years,
        salvage_rate: input.salvage_rate,
        salvage: input.salvage,
        method: input.method,
        total_units: input.total_units,
    };
    Ok(cx.ledger.revise_depreciation(cx.actor, code.as_str(), &input)?.to_string())
}

/// A legacy asset's accumulated depreciation through `period` (and units used to date).
pub fn set_opening(cx: &mut Ctx, code: &AssetCode, period_text: &str, accumulated: &str, units_to_date: Option<&str>) -> Result<OpeningDto> {
    let p = period("period", period_text)?;
    let amount = parse_money("accumulated", accumulated)?;
    let used = units_to_date.map(|u| units("units", u)).transpose()?;
    cx.ledger.set_opening_balance(cx.actor, code.as_str(), p, amount, used)?;
    Ok(OpeningDto { code: code.as_str().to_string(), period: p.to_string(), accumulated: format_money(amount) })
}

/// Units-of-production: the units used in `period`.
pub fn set_units_used(cx: &mut Ctx, code: &AssetCode, period_text: &str, used: &str) -> Result<String> {
    let value = units("units", used)?;
    cx.ledger.set_units_used(cx.actor, code.as_str(), period("period", period_text)?, value)?;
    Ok(value.normalize().to_string())
}

/// Units-of-production: the total units expected over the life.
pub fn set_total_units(cx: &mut Ctx, code: &AssetCode, total: &str) -> Result<String> {
    let value = units("total_units", total)?;
    cx.ledger.set_total_units(cx.actor, code.as_str(), value)?;
    Ok(value.normalize().to_string())
}

/// The register at the end of `period`: cost, accumulated, net book value per asset.
pub fn register(cx: &mut Ctx, period_text: &str) -> Result<Vec<RegisterLineDto>> {
    Ok(cx.ledger.asset_register_at(cx.actor, period("period", period_text)?)?.iter().map(Into::into).collect())
}

pub fn disposal(cx: &mut Ctx, doc_no: &str) -> Result<DisposalDto> {
    Ok(cx.ledger.disposal_valuation(cx.actor, doc_no)?.into())
}

/// 处置费用 of a disposal document; returns its gain or loss again.
pub fn set_disposal_costs(cx: &mut Ctx, doc_no: &str, costs: &str) -> Result<DisposalDto> {
    cx.ledger.set_disposal_costs(cx.actor, doc_no, parse_money("cost", costs)?)?;
    disposal(cx, doc_no)
}

/// 处置损益 of every disposal dated in `from..=to` (months).
pub fn disposal_report(cx: &mut Ctx, from: &str, to: &str) -> Result<Vec<DisposalDto>> {
    Ok(cx.ledger.disposal_report(cx.actor, period("from", from)?, period("to", to)?)?.into_iter().map(Into::into).collect())
}

/// Every category's defaults (with its minimum life where one is set).
pub fn category_defaults(cx: &mut Ctx) -> Result<Vec<CategoryDefaultsDto>> {
    let mins: BTreeMap<String, i64> = cx.ledger.category_min_lives(cx.actor)?.into_iter().map(|m| (m.category, m.min_life_years)).collect();
    let mut rows: Vec<CategoryDefaultsDto> = cx
        .ledger
        .category_defaults(cx.actor)?
        .into_iter()
        .map(|c| CategoryDefaultsDto {
            min_life_years: mins.get(&c.category).copied(),
            category: c.category,
            method: c.method.as_str().to_string(),
            life_years: c.life_years,
            salvage_rate: c.salvage_rate.to_string(),
        })
        .collect();
    for (category, min) in &mins {
        if !rows.iter().any(|r| &r.category == category) {
            rows.push(CategoryDefaultsDto { category: category.clone(), method: String::new(), life_years: None, salvage_rate: "0".into(), min_life_years: Some(*min) });
        }
    }
    rows.sort_by(|a, b| a.category.cmp(&b.category));
    Ok(rows)
}

/// Sets a category's defaults for new assets (empty strings: straight-line, no life, 0).
pub fn set_category_defaults(cx: &mut Ctx, category: &str, method: &str, life_years: &str, salvage_rate: &str) -> Result<()> {
    cx.ledger.set_category_defaults(cx.actor, category, method, life_years, salvage_rate)
}

/// Sets (a number of years) or clears (empty) a category's minimum life.
pub fn set_category_min_life(cx: &mut Ctx, category: &str, years: &str) -> Result<()> {
    let years = match years.trim() {
        "" => None,
        t => Some(t.parse::<i64>().map_err(|_| {
            ledger::Error::invalid(
                "min_life_years",
                format!("minimum life '{}' must be a whole number of years", ledger::quoted(t)),
                format!("最低折旧年限「{}」须为整数年", ledger::quoted(t)),
            )
        })?),
    };
    cx.ledger.set_category_min_life(cx.actor, category, years)
}

/// The method, life and salvage a new asset of `category` gets.
pub fn new_asset_defaults(cx: &mut Ctx, category: &str) -> Result<NewAssetDefaultsDto> {
    let d = cx.ledger.new_asset_defaults(cx.actor, category)?;
    let salvage_from = match d.salvage_from {
        ledger::DefaultSource::Category => "category",
        ledger::DefaultSource::Ledger => "ledger",
    };
    Ok(NewAssetDefaultsDto { method: d.method.as_str().to_string(), life_years: d.life_years, salvage_rate: d.salvage_rate.to_string(), salvage_from: salvage_from.into(), inherited_from: d.inherited_from })
}

/// The ledger's accounting regime.
pub fn regime(cx: &mut Ctx) -> Result<RegimeDto> {
    let regime = cx.ledger.accounting_regime(cx.actor)?;
    let changeable = cx.ledger.depreciation_status(cx.actor)?.periods.is_empty();
    Ok(RegimeDto { regime: regime.as_str().into(), label: regime.label(cx.lang).into(), changeable })
}

/// Sets the regime ("enterprise" | "government", or the Chinese names); refused once
/// depreciation has been run.
pub fn set_regime(cx: &mut Ctx, word: &str) -> Result<RegimeDto> {
    cx.ledger.set_accounting_regime(cx.actor, Regime::parse(word)?)?;
    regime(cx)
}

type Table = (Vec<exchange::Column>, Vec<Vec<exchange::Cell>>);

fn report_table(cx: &mut Ctx, p: ledger::Period, kind: ReportKind) -> Result<(String, Table)> {
    let lang = cx.lang;
    let en = lang == Lang::En;
    Ok(match kind {
        ReportKind::Detail => (
            format!("{p} {}", if en { "depreciation detail" } else { "折旧明细表" }),
            exchange::depreciation_detail_table(&cx.ledger.depreciation_detail(cx.actor, p)?, lang),
        ),
        ReportKind::Summary(by) => (
            format!("{p} {}", if en { "depreciation summary" } else { "折旧汇总表" }),
            exchange::depreciation_summary_table(&cx.ledger.depreciation_summary(cx.actor, p, by)?, by, lang),
        ),
        ReportKind::Register => (
            format!("{} {p}", if en { "Asset register" } else { "资产明细账" }),
            exchange::asset_register_table(&cx.ledger.asset_register_at(cx.actor, p)?, lang),
        ),
    })
}

/// Writes a period's report to the workbook `file` (progress, cancel) and records the export.
pub fn export(cx: &mut Ctx, period_text: &str, kind: ReportKind, file: &Path, progress: Progress) -> Result<ExportDto> {
    let p = period("period", period_text)?;
    let (_, (columns, cells)) = report_table(cx, p, kind)?;
    exchange::write_xlsx(file, kind.sheet(cx.lang), &columns, &cells, progress).map_err(ledger::Error::from)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), cells.len())?;
    Ok(ExportDto { file: file.display().to_string(), rows: cells.len() })
}

/// The same report as a PDF with the audit fingerprint in its footer.
pub fn report_pdf(cx: &mut Ctx, period_text: &str, kind: ReportKind, file: &Path) -> Result<ExportDto> {
    let p = period("period", period_text)?;
    let (title, (columns, cells)) = report_table(cx, p, kind)?;
    let rows = cells.len();
    let org = cx.ledger.settings()?.org_name;
    let bytes = reports::render_tables_fingerprinted(&org, &title, &[(title.clone(), columns, cells)], cx.lang, &Default::default(), &cx.ledger.audit_fingerprint()?);
    std::fs::write(file, bytes)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), rows)?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}
