//! Depreciation shapes (issue 6). Money as "1600.00" strings, periods as "YYYY-MM".

use ledger::{format_money, AssetSchedule, DepreciationRun, DepreciationStatus, DisposalValuation, Lang, RunLine, SummaryRow};
use serde::{Deserialize, Serialize};

/// How many lines of a run cross to the UI; the export has them all.
pub const RUN_LINES_SHOWN: usize = 1000;

#[derive(Serialize)]
pub struct PeriodDto {
    pub period: String,
    pub state: String,
    pub assets: i64,
    pub total: String,
    pub posted_by: String,
    pub posted_at: String,
    pub reopened_by: Option<String>,
    pub reopened_at: Option<String>,
    pub reopen_reason: Option<String>,
}

#[derive(Serialize)]
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

#[derive(Serialize)]
pub struct RunLineDto {
    pub code: String,
    pub name: String,
    pub category: String,
    pub dept: Option<String>,
    pub method: &'static str,
    pub method_label: &'static str,
    pub cost: String,
    pub amount: String,
    pub accumulated: String,
    pub net_book_value: String,
}

impl RunLineDto {
    fn new(l: &RunLine, lang: Lang) -> Self {
        RunLineDto {
            code: l.code.clone(),
            name: l.name.clone(),
            category: l.category.clone(),
            dept: l.dept.clone(),
            method: l.method.as_str(),
            method_label: l.method.label(lang),
            cost: format_money(l.cost),
            amount: format_money(l.amount),
            accumulated: format_money(l.accumulated),
            net_book_value: format_money(l.net_book_value),
        }
    }
}

#[derive(Serialize)]
pub struct SummaryDto {
    pub group: String,
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

#[derive(Serialize)]
pub struct RunDto {
    pub period: String,
    pub posted: bool,
    pub assets: i64,
    pub total: String,
    pub accumulated: String,
    pub net_book_value: String,
    pub line_count: usize,
    /// The first [`RUN_LINES_SHOWN`] lines, by code.
    pub lines: Vec<RunLineDto>,
    pub by_category: Vec<SummaryDto>,
    pub posted_by: Option<String>,
    pub posted_at: Option<String>,
    pub late_start: Vec<String>,
}

impl RunDto {
    pub fn new(run: &DepreciationRun, lang: Lang) -> Self {
        let mut groups: std::collections::BTreeMap<&str, SummaryRow> = std::collections::BTreeMap::new();
        for l in &run.lines {
            let g = groups.entry(&l.category).or_insert_with(|| SummaryRow {
                group: l.category.clone(),
                assets: 0,
                cost: Default::default(),
                amount: Default::default(),
                accumulated: Default::default(),
                net_book_value: Default::default(),
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
            lines: run.lines.iter().take(RUN_LINES_SHOWN).map(|l| RunLineDto::new(l, lang)).collect(),
            by_category: groups.values().map(SummaryDto::from).collect(),
            posted_by: run.posted_by.clone(),
            posted_at: run.posted_at.clone(),
            late_start: run.late_start.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct ScheduleRowDto {
    pub period: String,
    pub amount: String,
    pub accumulated: String,
    pub net_book_value: String,
    pub posted: bool,
}

#[derive(Serialize)]
pub struct RevisionDto {
    pub effective: String,
    pub reason: String,
    pub old_life_years: Option<i64>,
    pub new_life_years: Option<i64>,
    pub old_salvage: String,
    pub new_salvage: String,
    pub old_method: &'static str,
    pub new_method: &'static str,
    pub accumulated: String,
    pub by: String,
    pub at: String,
}

#[derive(Serialize)]
pub struct ScheduleDto {
    pub code: String,
    pub method: &'static str,
    pub cost: String,
    pub salvage: String,
    pub life_months: Option<i64>,
    pub start: Option<String>,
    pub leaves: Option<String>,
    pub opening_period: Option<String>,
    pub opening_accumulated: Option<String>,
    pub accumulated: String,
    pub net_book_value: String,
    pub depreciable: bool,
    /// Field keys the card lacks for depreciation (acquired, value, life_years, total_units).
    pub missing: Vec<&'static str>,
    pub rows: Vec<ScheduleRowDto>,
    pub revisions: Vec<RevisionDto>,
}

impl From<AssetSchedule> for ScheduleDto {
    fn from(s: AssetSchedule) -> Self {
        ScheduleDto {
            code: s.code,
            method: s.method.as_str(),
            cost: format_money(s.cost),
            salvage: format_money(s.salvage),
            life_months: s.life_months,
            start: s.start.map(|p| p.to_string()),
            leaves: s.leaves.map(|p| p.to_string()),
            opening_period: s.opening.map(|(p, _)| p.to_string()),
            opening_accumulated: s.opening.map(|(_, a)| format_money(a)),
            accumulated: format_money(s.accumulated),
            net_book_value: format_money(s.net_book_value),
            depreciable: s.depreciable,
            missing: s.missing,
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
                    old_method: r.old_method.as_str(),
                    new_method: r.new_method.as_str(),
                    accumulated: format_money(r.accumulated),
                    by: r.by,
                    at: r.at,
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RevisionInputDto {
    pub reason: String,
    pub life_years: String,
    pub salvage_rate: String,
    pub salvage: String,
    pub method: String,
    pub total_units: String,
}

impl From<RevisionInputDto> for ledger::RevisionInput {
    fn from(d: RevisionInputDto) -> Self {
        ledger::RevisionInput { reason: d.reason, life_years: d.life_years, salvage_rate: d.salvage_rate, salvage: d.salvage, method: d.method, total_units: d.total_units }
    }
}

#[derive(Serialize)]
pub struct DisposalDto {
    pub doc_no: String,
    pub date: String,
    pub proceeds: String,
    pub costs: String,
    pub net_book_value: String,
    pub gain_loss: String,
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
        }
    }
}

#[derive(Serialize)]
pub struct CategoryDefaultsDto {
    pub category: String,
    pub method: &'static str,
    pub life_years: Option<i64>,
    pub salvage_rate: String,
}

impl From<ledger::CategoryDefaults> for CategoryDefaultsDto {
    fn from(c: ledger::CategoryDefaults) -> Self {
        CategoryDefaultsDto { category: c.category, method: c.method.as_str(), life_years: c.life_years, salvage_rate: c.salvage_rate.to_string() }
    }
}

/// What the new-asset form fills in (issue 27); `salvage_from` is "category" or "ledger".
#[derive(Serialize)]
pub struct NewAssetDefaultsDto {
    pub method: &'static str,
    pub life_years: Option<i64>,
    pub salvage_rate: String,
    pub salvage_from: &'static str,
}

impl From<ledger::NewAssetDefaults> for NewAssetDefaultsDto {
    fn from(d: ledger::NewAssetDefaults) -> Self {
        let salvage_from = match d.salvage_from {
            ledger::DefaultSource::Category => "category",
            ledger::DefaultSource::Ledger => "ledger",
        };
        NewAssetDefaultsDto { method: d.method.as_str(), life_years: d.life_years, salvage_rate: d.salvage_rate.to_string(), salvage_from }
    }
}
