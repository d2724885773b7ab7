//! Fixed-asset depreciation under 企业会计准则第4号——固定资产 (CAS 4): schedules, the
//! monthly charge, CAS 19 revisions, legacy opening balances and disposal gain or loss.
//!
//! Pure calculation: no storage, no IO. Money is exact [`Decimal`] with two places.
//! See README.md for the rules as implemented.
//!
//! ```
//! use depreciation::{schedule, AssetParams, Method, Period, Salvage};
//! use rust_decimal::Decimal;
//!
//! let params = AssetParams::new(
//!     Decimal::from(100_000),
//!     Salvage::Rate("0.04".parse().unwrap()),
//!     60,
//!     Method::StraightLine,
//!     "2026-01".parse().unwrap(),
//! );
//! let plan = schedule(&params).unwrap();
//! assert_eq!(plan.lines()[0].period, "2026-02".parse::<Period>().unwrap());
//! assert_eq!(plan.lines()[0].amount.to_string(), "1600.00");
//! assert_eq!(plan.total_charged(), Decimal::from(96_000));
//! ```

mod charge;
mod disposal;
mod error;
mod method;
mod money;
mod params;
mod period;
mod plan;
mod schedule;

pub use charge::{charge_for, Usage};
pub use disposal::disposal_gain;
pub use error::{Error, Result};
pub use method::Method;
pub use params::{AssetParams, Opening, OpeningKind, Revision, Salvage, Start};
pub use period::Period;
pub use rust_decimal::Decimal;
pub use schedule::{schedule, schedule_with_usage, Schedule, ScheduleLine, YearTotal};
