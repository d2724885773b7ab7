//! What describes an asset for depreciation, and how it is checked and revised.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::method::Method;
use crate::money::cents;
use crate::period::Period;

/// Money and unit counts above this are refused: far beyond any asset, and it keeps every
/// product in the engine well inside `Decimal`'s range.
const MAX_AMOUNT: i64 = 1_000_000_000_000_000;
/// Unit counts above this are refused, so cost × units stays inside `Decimal` (≈ 7.9e28).
pub(crate) const MAX_UNITS: i64 = 1_000_000_000_000;
/// 100 years, as the ledger allows.
const MAX_LIFE_MONTHS: u32 = 1200;

/// 预计净残值: a rate of the cost (0.04 for 4%) or an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Salvage {
    Rate(Decimal),
    Amount(Decimal),
}

impl Salvage {
    /// The salvage amount for `cost`; a rate is rounded to the cent.
    pub fn amount(self, cost: Decimal) -> Decimal {
        match self {
            Salvage::Rate(rate) => cents(cost * rate),
            Salvage::Amount(amount) => cents(amount),
        }
    }
}

impl Default for Salvage {
    fn default() -> Self {
        Salvage::Rate(Decimal::ZERO)
    }
}

/// How an asset with an opening balance goes on. Only double-declining tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpeningKind {
    /// A legacy asset brought in with its accumulated depreciation: the original plan
    /// continues (double-declining keeps the rate 2 / total life).
    Migrated,
    /// A CAS 19 review changed life, salvage or method: a new plan over the remaining life
    /// from the then net book value (double-declining rate 2 / remaining years).
    Revised,
}

/// Accumulated depreciation already charged up to and including `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    /// The last period whose charge is in `accumulated`; the schedule goes on from the next.
    pub period: Period,
    pub accumulated: Decimal,
    /// Units-of-production: units used from the first depreciation month through `period`.
    #[serde(default)]
    pub units_to_date: Decimal,
    pub kind: OpeningKind,
}

impl Opening {
    /// A legacy asset's balance: `accumulated` charged through `period`.
    pub fn migrated(period: Period, accumulated: Decimal) -> Self {
        Opening {
            period,
            accumulated,
            units_to_date: Decimal::ZERO,
            kind: OpeningKind::Migrated,
        }
    }

    /// Units-of-production: the units already used through `period`.
    pub fn with_units(mut self, units_to_date: Decimal) -> Self {
        self.units_to_date = units_to_date;
        self
    }
}

/// Everything the calculation needs about one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetParams {
    /// 原值, two decimal places.
    pub cost: Decimal,
    pub salvage: Salvage,
    /// Total useful life in months from the first depreciation month (N years = 12N).
    /// Ignored by units-of-production.
    pub life_months: u32,
    pub method: Method,
    /// Units-of-production: total expected units over the life.
    #[serde(default)]
    pub total_units: Option<Decimal>,
    /// The month the asset was acquired or put in use; the first charge is the month after.
    pub in_service: Period,
    #[serde(default)]
    pub opening: Option<Opening>,
    /// Which month is charged first (issue 21): the month after acquisition (企业会计准则,
    /// the default) or the month of acquisition itself (政府会计准则).
    #[serde(default)]
    pub start: Start,
}

/// When depreciation starts relative to the month an asset is acquired.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// 当月增加当月不提: the first charge is the month after (CAS 4).
    #[default]
    NextMonth,
    /// 当月增加当月计提: the month of acquisition is charged (政府会计准则第3号).
    SameMonth,
}

/// A CAS 19 review: the new estimates, `None` for what stays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// New total life from the first depreciation month (not the remaining life).
    pub life_months: Option<u32>,
    pub salvage: Option<Salvage>,
    pub method: Option<Method>,
    pub total_units: Option<Decimal>,
}

impl AssetParams {
    /// A new asset with no opening balance and no units.
    pub fn new(
        cost: Decimal,
        salvage: Salvage,
        life_months: u32,
        method: Method,
        in_service: Period,
    ) -> Self {
        AssetParams {
            cost,
            salvage,
            life_months,
            method,
            total_units: None,
            in_service,
            opening: None,
            start: Start::NextMonth,
        }
    }

    /// Charged from the month of acquisition (government) or the month after.
    pub fn with_start(mut self, start: Start) -> Self {
        self.start = start;
        self
    }

    pub fn with_total_units(mut self, total_units: Decimal) -> Self {
        self.total_units = Some(total_units);
        self
    }

    pub fn with_opening(mut self, opening: Opening) -> Self {
        self.opening = Some(opening);
        self
    }

    /// The first month that is charged: the month after the asset was put in use, or
    /// that month itself under [`Start::SameMonth`].
    pub fn first_charge_period(&self) -> Period {
        match self.start {
            Start::NextMonth => self.in_service.next(),
            Start::SameMonth => self.in_service,
        }
    }

    /// The salvage amount, resolved against the cost.
    pub fn salvage_amount(&self) -> Decimal {
        self.salvage.amount(self.cost)
    }

    /// Checks every parameter; each calculation does this first.
    pub fn validate(&self) -> Result<()> {
        check_amount("cost", self.cost)?;
        let salvage = match self.salvage {
            Salvage::Rate(rate) if rate < Decimal::ZERO || rate > Decimal::ONE => {
                return Err(Error::SalvageRateOutOfRange(rate))
            }
            Salvage::Rate(_) => self.salvage_amount(),
            Salvage::Amount(amount) => {
                check_amount("salvage", amount)?;
                amount
            }
        };
        if salvage > self.cost {
            return Err(Error::SalvageExceedsCost {
                salvage,
                cost: self.cost,
            });
        }
        if self.method.is_time_based() {
            if self.life_months == 0 {
                return Err(Error::ZeroLife);
            }
            if self.life_months > MAX_LIFE_MONTHS {
                return Err(Error::LifeTooLong(self.life_months));
            }
        } else {
            match self.total_units {
                Some(units) if units > Decimal::ZERO => check_units("total_units", units)?,
                _ => return Err(Error::MissingTotalUnits),
            }
        }
        if let Some(opening) = &self.opening {
            check_amount("accumulated", opening.accumulated)?;
            check_units("units_to_date", opening.units_to_date)?;
            if opening.accumulated > self.cost {
                return Err(Error::AccumulatedExceedsCost {
                    accumulated: opening.accumulated,
                    cost: self.cost,
                });
            }
            if opening.period < self.first_charge_period().prev() {
                return Err(Error::OpeningBeforeInService {
                    opening: opening.period,
                    in_service: self.in_service,
                });
            }
            let elapsed = self.elapsed_months();
            if opening.kind == OpeningKind::Revised
                && self.method.is_time_based()
                && self.life_months <= elapsed
            {
                return Err(Error::LifeAlreadyElapsed {
                    life_months: self.life_months,
                    elapsed_months: elapsed,
                });
            }
        }
        Ok(())
    }

    /// Months already charged before the plan goes on (0 without an opening balance).
    pub fn elapsed_months(&self) -> u32 {
        match &self.opening {
            Some(opening) => opening.period.months_since(self.first_charge_period().prev()).max(0) as u32,
            None => 0,
        }
    }

    /// The parameters after a CAS 19 review that takes effect from `from`: `accumulated`
    /// and `units_to_date` are what was charged and used through the period before. The
    /// result carries a `Revised` opening, so the new plan runs over the remaining life.
    ///
    /// A revision from the first depreciation month or earlier is simply a new plan.
    pub fn revised(
        &self,
        from: Period,
        accumulated: Decimal,
        units_to_date: Decimal,
        change: &Revision,
    ) -> Result<AssetParams> {
        let from = from.max(self.first_charge_period());
        let revised = AssetParams {
            cost: self.cost,
            salvage: change.salvage.unwrap_or(self.salvage),
            life_months: change.life_months.unwrap_or(self.life_months),
            method: change.method.unwrap_or(self.method),
            total_units: change.total_units.or(self.total_units),
            in_service: self.in_service,
            start: self.start,
            opening: Some(Opening {
                period: from.prev(),
                accumulated,
                units_to_date,
                kind: OpeningKind::Revised,
            }),
        };
        revised.validate()?;
        Ok(revised)
    }
}

fn check_amount(field: &'static str, value: Decimal) -> Result<()> {
    if value < Decimal::ZERO {
        return Err(Error::Negative { field, value });
    }
    if value.normalize().scale() > 2 {
        return Err(Error::TooManyDecimals { field, value });
    }
    check_not_too_large(field, value)
}

pub(crate) fn check_units(field: &'static str, value: Decimal) -> Result<()> {
    if value < Decimal::ZERO {
        return Err(Error::Negative { field, value });
    }
    check_not_above(field, value, MAX_UNITS)
}

fn check_not_too_large(field: &'static str, value: Decimal) -> Result<()> {
    check_not_above(field, value, MAX_AMOUNT)
}

fn check_not_above(field: &'static str, value: Decimal, max: i64) -> Result<()> {
    let max = Decimal::from(max);
    if value > max {
        return Err(Error::TooLarge { field, value, max });
    }
    Ok(())
}
