//! The monthly run: one asset's charge for one period, without building its schedule.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::ZERO;
use crate::params::{check_units, AssetParams};
use crate::period::Period;
use crate::plan::Plan;

/// Units-of-production usage for a monthly charge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Units used in the period charged.
    pub units: Decimal,
    /// Units used before it, from the first depreciation month (life to date).
    pub units_before: Decimal,
}

/// The depreciation to charge for `period`: zero before the first depreciation month and
/// after the life (or the units) run out. Deterministic: the same inputs always give the
/// same amount, so a rerun month posts the same figures. `usage` is required for
/// units-of-production and ignored otherwise.
///
/// The caller stops calling after the month the asset leaves (that month is still charged).
pub fn charge_for(params: &AssetParams, period: Period, usage: Option<Usage>) -> Result<Decimal> {
    let plan = Plan::new(params)?;
    if plan.method.is_time_based() {
        return Ok(plan.monthly_charge(period));
    }
    if period < plan.first {
        return Ok(ZERO);
    }
    let usage = usage.ok_or(Error::MissingUnits { period })?;
    check_units("units", usage.units)?;
    check_units("units_to_date", usage.units_before)?;
    Ok(plan.units_charge(usage.units_before, usage.units))
}
