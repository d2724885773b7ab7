//! The engine: turns validated parameters into a plan (a stretch of months from an opening
//! net book value) and hands out its depreciation years one at a time, without allocating,
//! so a monthly run can stop at the year it needs.

use rust_decimal::Decimal;

use crate::error::Result;
use crate::method::Method;
use crate::money::{cents, div_round, from_cents, month_share, to_cents, Cents, Splitter, ZERO};
use crate::params::{AssetParams, OpeningKind};
use crate::period::Period;

/// Double-declining turns to straight-line for this many final months (two years).
const STRAIGHT_LINE_TAIL: u32 = 24;

/// What remains to be depreciated, from `first` on.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub cost: Cents,
    pub salvage: Cents,
    pub method: Method,
    /// The first month this plan charges.
    pub first: Period,
    /// Net book value before `first`.
    pub opening_nbv: Cents,
    /// Months left to charge (time-based methods).
    pub months: u32,
    /// Double-declining: the yearly rate is 2 / (this / 12).
    pub declining_life_months: u32,
    /// A migrated plan that starts mid-year: the months of that year already charged
    /// before the opening (double-declining needs them to find the year's rate base).
    pub charged_in_first_year: u32,
    /// Units-of-production: units used before `first` (life to date), and still expected.
    pub units_before: Decimal,
    pub units_left: Decimal,
}

impl Plan {
    pub(crate) fn new(params: &AssetParams) -> Result<Plan> {
        params.validate()?;
        let cost = to_cents(params.cost);
        let elapsed = params.elapsed_months();
        let months = params.life_months.saturating_sub(elapsed);
        let (first, accumulated, units_before, kind) = match &params.opening {
            Some(o) => (
                o.period.next(),
                to_cents(o.accumulated),
                o.units_to_date,
                o.kind,
            ),
            None => (params.first_charge_period(), 0, ZERO, OpeningKind::Migrated),
        };
        let declining_life_months = match kind {
            OpeningKind::Migrated => params.life_months,
            OpeningKind::Revised => months,
        };
        let charged_in_first_year = match kind {
            OpeningKind::Migrated if months > 0 => months_into_year(params.life_months, elapsed),
            _ => 0,
        };
        let total_units = params.total_units.unwrap_or_default();
        Ok(Plan {
            cost,
            salvage: to_cents(params.salvage_amount()),
            method: params.method,
            first,
            opening_nbv: cost - accumulated,
            months,
            declining_life_months,
            charged_in_first_year,
            units_before,
            units_left: (total_units - units_before).max(ZERO),
        })
    }

    /// What this plan charges in all: down to salvage, never up from below it.
    pub(crate) fn depreciable(&self) -> Cents {
        (self.opening_nbv - self.salvage).max(0)
    }

    pub(crate) fn years(&self) -> Years<'_> {
        Years::new(self)
    }

    /// A time-based method's charge for `period` (zero outside the plan).
    pub(crate) fn monthly_charge(&self, period: Period) -> Decimal {
        let offset = period.months_since(self.first);
        if offset < 0 || offset as u32 >= self.months {
            return ZERO;
        }
        let offset = offset as u32;
        self.years()
            .find(|year| offset < year.offset + year.months)
            .map(|year| from_cents(month_share(year.amount, year.months, offset - year.offset)))
            .unwrap_or(ZERO)
    }

    /// Units-of-production: accumulated depreciation in this plan once `units` (counted from
    /// `first`) are used. Rounding the running total, not each period, makes the period
    /// that reaches the total units take exactly what is left and never more.
    pub(crate) fn accumulated_for_units(&self, units: Decimal) -> Decimal {
        if self.units_left <= ZERO {
            return ZERO;
        }
        let used = units.max(ZERO).min(self.units_left);
        let depreciable = from_cents(self.depreciable());
        if used == self.units_left {
            return depreciable;
        }
        cents(depreciable * used / self.units_left)
    }

    /// Units-of-production: the charge for a period using `units`, `units_before` having
    /// been used since the first depreciation month (life to date).
    pub(crate) fn units_charge(&self, units_before: Decimal, units: Decimal) -> Decimal {
        let before = units_before - self.units_before;
        cents(self.accumulated_for_units(before + units) - self.accumulated_for_units(before))
    }
}

/// How many months of the current depreciation year are behind, `elapsed` months into a
/// life of `life` months whose years end where the life ends.
fn months_into_year(life: u32, elapsed: u32) -> u32 {
    let first_year = match life % 12 {
        0 => 12,
        short => short,
    };
    if elapsed < first_year {
        elapsed
    } else {
        (elapsed - first_year) % 12
    }
}

/// One depreciation year of a plan: `months` months from `offset` months after its first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Year {
    pub offset: u32,
    pub months: u32,
    pub amount: Cents,
}

/// Years are counted back from the end of the life, so a plan that starts part-way
/// through a year (an opening balance, a revision) first finishes that year and then keeps
/// the original year boundaries. With a whole-year life and no opening this is the same as
/// counting from the first depreciation month.
pub(crate) struct Years<'a> {
    plan: &'a Plan,
    offset: u32,
    nbv: Cents,
    /// Straight-line and sum-of-years split the whole plan; double-declining only its
    /// straight-line tail, so it is set when the tail starts.
    split: Option<Splitter>,
    /// What `split` divides, and the sum of the weights it divides it by.
    split_base: Cents,
    total_weight: i128,
}

impl<'a> Years<'a> {
    fn new(plan: &'a Plan) -> Self {
        let mut years = Years {
            plan,
            offset: 0,
            nbv: plan.opening_nbv,
            split: None,
            split_base: 0,
            total_weight: 1,
        };
        match plan.method {
            Method::StraightLine => years.start_split(plan.months),
            Method::SumOfYears => {
                let (full, part) = ((plan.months / 12) as i128, (plan.months % 12) as i128);
                let weight = 12 * full * (full + 1) / 2 + part * (full + 1);
                years.split = Some(Splitter::new(plan.depreciable(), year_count(plan.months)));
                years.split_base = plan.depreciable();
                years.total_weight = weight;
            }
            Method::DoubleDeclining | Method::UnitsOfProduction => {}
        }
        years
    }

    /// Splits what is left over the remaining `months` in proportion to months.
    fn start_split(&mut self, months: u32) {
        let left = (self.nbv - self.plan.salvage).max(0);
        self.split = Some(Splitter::new(left, year_count(months)));
        self.split_base = left;
        self.total_weight = months as i128;
    }
}

fn year_count(months: u32) -> u32 {
    months.div_ceil(12)
}

impl Iterator for Years<'_> {
    type Item = Year;

    fn next(&mut self) -> Option<Year> {
        let plan = self.plan;
        if self.offset >= plan.months || !plan.method.is_time_based() {
            return None;
        }
        let months_left = plan.months - self.offset;
        // A short year, if any, comes first (see the type's comment).
        let short_year = plan.months % 12;
        let months = if self.offset == 0 && short_year > 0 {
            short_year
        } else {
            12
        };
        let amount = match plan.method {
            Method::StraightLine => self.share(months as i128),
            // The weight of a year is its months times the years left including it.
            Method::SumOfYears => self.share((months * year_count(months_left)) as i128),
            Method::DoubleDeclining if months_left > STRAIGHT_LINE_TAIL => {
                // Rate 2/life on the net book value at the start of the year, salvage not
                // deducted, never below it. A migrated plan starting mid-year only knows the
                // NBV after `c` of the year's months: nbv = start × (1 − rate × c/12), so the
                // rest of the year, start × rate × months/12, is nbv × 2·months / (life − 2c).
                let charged = if self.offset == 0 {
                    plan.charged_in_first_year
                } else {
                    0
                };
                let divisor = plan.declining_life_months - 2 * charged;
                let charge = div_round(self.nbv as i128 * 2 * months as i128, divisor as i128);
                charge.min(self.nbv - plan.salvage).max(0)
            }
            Method::DoubleDeclining => {
                if self.split.is_none() {
                    self.start_split(months_left);
                }
                self.share(months as i128)
            }
            Method::UnitsOfProduction => unreachable!("units-of-production has no years"),
        };
        let year = Year {
            offset: self.offset,
            months,
            amount,
        };
        self.offset += months;
        self.nbv -= amount;
        Some(year)
    }
}

impl Years<'_> {
    /// The year's exact share of the split base, rounded (and the rest to the last year).
    fn share(&mut self, weight: i128) -> Cents {
        let numerator = self.split_base as i128 * weight;
        self.split
            .as_mut()
            .expect("a split is set before shares are taken")
            .take(numerator, self.total_weight)
    }
}
