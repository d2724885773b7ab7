//! A whole plan month by month, as the asset card and `depreciation schedule` show it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::method::Method;
use crate::money::{cents, from_cents, month_share, to_cents};
use crate::params::{check_units, AssetParams, Revision};
use crate::period::Period;
use crate::plan::Plan;

/// One month of a schedule. `accumulated` is life to date (an opening balance included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleLine {
    pub period: Period,
    pub amount: Decimal,
    pub accumulated: Decimal,
    pub net_book_value: Decimal,
    /// Units-of-production: the units used in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Decimal>,
}

/// One depreciation year: `months` months from `first`, charging `amount` in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTotal {
    pub first: Period,
    pub months: u32,
    pub amount: Decimal,
}

/// The months a plan charges, from the first depreciation month (or the month after an
/// opening balance) to the end of the life; for units-of-production, to the last period
/// with recorded usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    params: AssetParams,
    opening_accumulated: Decimal,
    lines: Vec<ScheduleLine>,
    years: Vec<YearTotal>,
}

/// The whole schedule of a time-based method. Units-of-production needs the units used:
/// see [`schedule_with_usage`].
pub fn schedule(params: &AssetParams) -> Result<Schedule> {
    let plan = Plan::new(params)?;
    if !plan.method.is_time_based() {
        return Err(Error::MissingUnits { period: plan.first });
    }
    let mut lines = Vec::with_capacity(plan.months as usize);
    let mut years = Vec::with_capacity(plan.months.div_ceil(12) as usize);
    let mut accumulated = plan.cost - plan.opening_nbv;
    for year in plan.years() {
        let first = plan.first.plus_months(year.offset as i32);
        years.push(YearTotal {
            first,
            months: year.months,
            amount: from_cents(year.amount),
        });
        for i in 0..year.months {
            let amount = month_share(year.amount, year.months, i);
            accumulated += amount;
            lines.push(ScheduleLine {
                period: first.plus_months(i as i32),
                amount: from_cents(amount),
                accumulated: from_cents(accumulated),
                net_book_value: from_cents(plan.cost - accumulated),
                units: None,
            });
        }
    }
    Ok(Schedule {
        params: params.clone(),
        opening_accumulated: from_cents(plan.cost - plan.opening_nbv),
        lines,
        years,
    })
}

/// The schedule with the units used per period (units-of-production; other methods ignore
/// `usage`). Periods without an entry used nothing; entries before the first depreciation
/// month are not charged (当月增加当月不提). Runs to the last period in `usage`.
pub fn schedule_with_usage(params: &AssetParams, usage: &[(Period, Decimal)]) -> Result<Schedule> {
    if params.method.is_time_based() {
        return schedule(params);
    }
    let plan = Plan::new(params)?;
    let mut by_period: BTreeMap<Period, Decimal> = BTreeMap::new();
    for &(period, units) in usage {
        check_units("units", units)?;
        if period >= plan.first {
            *by_period.entry(period).or_default() += units;
        }
    }
    let cost = from_cents(plan.cost);
    let opening_accumulated = from_cents(plan.cost - plan.opening_nbv);
    let mut lines = Vec::new();
    if let Some((&last, _)) = by_period.last_key_value() {
        let (mut accumulated, mut units_before) = (opening_accumulated, plan.units_before);
        let mut period = plan.first;
        while period <= last {
            let units = by_period.get(&period).copied().unwrap_or_default();
            let amount = plan.units_charge(units_before, units);
            accumulated += amount;
            units_before += units;
            lines.push(ScheduleLine {
                period,
                amount,
                accumulated,
                net_book_value: cost - accumulated,
                units: Some(units),
            });
            period = period.next();
        }
    }
    Ok(Schedule {
        params: params.clone(),
        opening_accumulated,
        lines,
        years: Vec::new(),
    })
}

impl Schedule {
    /// The parameters the later lines follow (after a [`Schedule::replan`], the revised ones:
    /// what the ledger stores for future monthly runs).
    pub fn params(&self) -> &AssetParams {
        &self.params
    }

    pub fn cost(&self) -> Decimal {
        cents(self.params.cost)
    }

    pub fn salvage(&self) -> Decimal {
        self.params.salvage_amount()
    }

    pub fn lines(&self) -> &[ScheduleLine] {
        &self.lines
    }

    /// Depreciation years with their totals (none for units-of-production).
    pub fn years(&self) -> &[YearTotal] {
        &self.years
    }

    /// Everything the lines charge (the opening balance not included).
    pub fn total_charged(&self) -> Decimal {
        self.lines.iter().map(|line| line.amount).sum()
    }

    /// The line for `period`, if it is charged. (Lines are in order but may have a gap: a
    /// life extended after it had run out goes on from the revision.)
    pub fn line(&self, period: Period) -> Option<&ScheduleLine> {
        let index = self
            .lines
            .binary_search_by_key(&period, |line| line.period)
            .ok()?;
        self.lines.get(index)
    }

    /// Accumulated depreciation once `period` is charged.
    pub fn accumulated_through(&self, period: Period) -> Decimal {
        let index = self.lines.partition_point(|line| line.period <= period);
        match index {
            0 => self.opening_accumulated,
            i => self.lines[i - 1].accumulated,
        }
    }

    /// Net book value once `period` is charged (e.g. at disposal, for the gain or loss).
    pub fn net_book_value_after(&self, period: Period) -> Decimal {
        self.cost() - self.accumulated_through(period)
    }

    /// The schedule of an asset that leaves in `last`: it is still charged that month
    /// (当月减少当月照提), then nothing; there is no catch-up for leaving early.
    pub fn until(&self, last: Period) -> Schedule {
        let mut cut = self.clone();
        cut.lines.retain(|line| line.period <= last);
        cut.years = truncate_years(&self.years, last);
        cut
    }

    /// A CAS 19 review taking effect from `from`: the lines before `from` stay, the rest
    /// follow a new plan over the remaining life, from the then net book value. The result's
    /// [`Schedule::params`] are the revised parameters. Units-of-production keeps the usage
    /// already recorded in the lines from `from` on.
    pub fn replan(&self, from: Period, change: &Revision) -> Result<Schedule> {
        if let Some(opening) = &self.params.opening {
            if from <= opening.period {
                return Err(Error::RevisionBeforeOpening {
                    from,
                    opening: opening.period,
                });
            }
        }
        let through = from.prev();
        let units_to_date = self
            .params
            .opening
            .map(|o| o.units_to_date)
            .unwrap_or_default()
            + self
                .lines
                .iter()
                .filter(|l| l.period <= through)
                .filter_map(|l| l.units)
                .sum::<Decimal>();
        let revised = self.params.revised(
            from,
            self.accumulated_through(through),
            units_to_date,
            change,
        )?;
        let next = if revised.method == Method::UnitsOfProduction {
            let usage: Vec<(Period, Decimal)> = self
                .lines
                .iter()
                .filter(|l| l.period >= from)
                .map(|l| (l.period, l.units.unwrap_or_default()))
                .collect();
            schedule_with_usage(&revised, &usage)?
        } else {
            schedule(&revised)?
        };
        let mut lines: Vec<ScheduleLine> = self
            .lines
            .iter()
            .filter(|l| l.period < from)
            .cloned()
            .collect();
        lines.extend(next.lines);
        let mut years = truncate_years(&self.years, through);
        years.extend(next.years);
        Ok(Schedule {
            params: revised,
            opening_accumulated: self.opening_accumulated,
            lines,
            years,
        })
    }
}

/// The years up to and including `last`, the one it falls in cut short to match the lines.
fn truncate_years(years: &[YearTotal], last: Period) -> Vec<YearTotal> {
    let mut kept = Vec::new();
    for year in years {
        if year.first > last {
            break;
        }
        let months_kept = (last.months_since(year.first) + 1).min(year.months as i32) as u32;
        let amount = (0..months_kept)
            .map(|i| month_share(to_cents(year.amount), year.months, i))
            .sum();
        kept.push(YearTotal {
            first: year.first,
            months: months_kept,
            amount: from_cents(amount),
        });
    }
    kept
}
