//! What can be wrong with the parameters, in English and Chinese.

use rust_decimal::Decimal;

use crate::period::Period;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error is a refused input (the ledger maps them all to `invalid_input`); `code()`
/// names the exact problem, `field()` the parameter at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("'{0}' is not a period like 2026-01")]
    BadPeriod(String),
    #[error("unknown depreciation method '{0}' (use straight-line, double-declining, sum-of-years or units-of-production)")]
    UnknownMethod(String),
    #[error("{field} must not be negative (got {value})")]
    Negative { field: &'static str, value: Decimal },
    #[error("{field} has more than two decimal places ({value})")]
    TooManyDecimals { field: &'static str, value: Decimal },
    #[error("{field} is too large ({value}; at most {max})")]
    TooLarge {
        field: &'static str,
        value: Decimal,
        max: Decimal,
    },
    #[error("salvage rate {0} must be between 0 and 1 (e.g. 0.05 for 5%)")]
    SalvageRateOutOfRange(Decimal),
    #[error("salvage {salvage} is larger than the cost {cost}")]
    SalvageExceedsCost { salvage: Decimal, cost: Decimal },
    #[error("useful life must be at least one month")]
    ZeroLife,
    #[error("useful life of {0} months is longer than 100 years")]
    LifeTooLong(u32),
    #[error("units-of-production needs the total expected units, more than zero")]
    MissingTotalUnits,
    #[error("units-of-production needs the units used in {period}")]
    MissingUnits { period: Period },
    #[error("accumulated depreciation {accumulated} is larger than the cost {cost}")]
    AccumulatedExceedsCost { accumulated: Decimal, cost: Decimal },
    #[error("the opening balance at {opening} is before the asset was put in use ({in_service})")]
    OpeningBeforeInService { opening: Period, in_service: Period },
    #[error("a revision from {from} must come after the opening balance at {opening}")]
    RevisionBeforeOpening { from: Period, opening: Period },
    #[error("a useful life of {life_months} months leaves nothing after the {elapsed_months} months already depreciated")]
    LifeAlreadyElapsed {
        life_months: u32,
        elapsed_months: u32,
    },
}

impl Error {
    /// A stable snake_case name for the problem; never renamed.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadPeriod(_) => "bad_period",
            Error::UnknownMethod(_) => "unknown_method",
            Error::Negative { .. } => "negative_amount",
            Error::TooManyDecimals { .. } => "too_many_decimals",
            Error::TooLarge { .. } => "too_large",
            Error::SalvageRateOutOfRange(_) => "salvage_rate_out_of_range",
            Error::SalvageExceedsCost { .. } => "salvage_exceeds_cost",
            Error::ZeroLife => "zero_life",
            Error::LifeTooLong(_) => "life_too_long",
            Error::MissingTotalUnits => "missing_total_units",
            Error::MissingUnits { .. } => "missing_units",
            Error::AccumulatedExceedsCost { .. } => "accumulated_exceeds_cost",
            Error::OpeningBeforeInService { .. } => "opening_before_in_service",
            Error::LifeAlreadyElapsed { .. } => "life_already_elapsed",
            Error::RevisionBeforeOpening { .. } => "revision_before_opening",
        }
    }

    /// The parameter at fault, so a form can mark it.
    pub fn field(&self) -> &'static str {
        match self {
            Error::BadPeriod(_) => "period",
            Error::UnknownMethod(_) => "method",
            Error::Negative { field, .. }
            | Error::TooManyDecimals { field, .. }
            | Error::TooLarge { field, .. } => field,
            Error::SalvageRateOutOfRange(_) => "salvage_rate",
            Error::SalvageExceedsCost { .. } => "salvage",
            Error::ZeroLife | Error::LifeTooLong(_) | Error::LifeAlreadyElapsed { .. } => {
                "life_months"
            }
            Error::MissingTotalUnits => "total_units",
            Error::MissingUnits { .. } => "units",
            Error::AccumulatedExceedsCost { .. } | Error::OpeningBeforeInService { .. } => {
                "opening"
            }
            Error::RevisionBeforeOpening { .. } => "period",
        }
    }

    pub fn message_en(&self) -> String {
        self.to_string()
    }

    pub fn message_zh(&self) -> String {
        match self {
            Error::BadPeriod(text) => format!("「{text}」不是有效期间（例如 2026-01）"),
            Error::UnknownMethod(text) => {
                format!("未知的折旧方法「{text}」（可用：年限平均法、双倍余额递减法、年数总和法、工作量法）")
            }
            Error::Negative { field, value } => format!("{}不能为负数（{value}）", field_zh(field)),
            Error::TooManyDecimals { field, value } => {
                format!("{}小数位超过两位（{value}）", field_zh(field))
            }
            Error::TooLarge { field, value, max } => {
                format!("{}过大（{value}，上限 {max}）", field_zh(field))
            }
            Error::SalvageRateOutOfRange(rate) => {
                format!("净残值率 {rate} 必须在 0 到 1 之间（如 0.05 表示 5%）")
            }
            Error::SalvageExceedsCost { salvage, cost } => {
                format!("净残值 {salvage} 大于资产原值 {cost}")
            }
            Error::ZeroLife => "预计使用年限至少为一个月".to_string(),
            Error::LifeTooLong(months) => format!("预计使用年限 {months} 个月超过 100 年"),
            Error::MissingTotalUnits => "工作量法需要填写大于零的预计总工作量".to_string(),
            Error::MissingUnits { period } => format!("工作量法需要填写 {period} 的实际工作量"),
            Error::AccumulatedExceedsCost { accumulated, cost } => {
                format!("累计折旧 {accumulated} 大于资产原值 {cost}")
            }
            Error::OpeningBeforeInService {
                opening,
                in_service,
            } => {
                format!("期初余额期间 {opening} 早于资产投入使用期间 {in_service}")
            }
            Error::RevisionBeforeOpening { from, opening } => {
                format!("自 {from} 起的变更必须晚于期初余额期间 {opening}")
            }
            Error::LifeAlreadyElapsed {
                life_months,
                elapsed_months,
            } => {
                format!("预计使用年限 {life_months} 个月不超过已计提的 {elapsed_months} 个月，无剩余年限")
            }
        }
    }
}

fn field_zh(field: &str) -> &'static str {
    match field {
        "cost" => "资产原值",
        "salvage" => "净残值",
        "accumulated" => "累计折旧",
        "total_units" => "预计总工作量",
        "units" => "工作量",
        "units_to_date" => "累计工作量",
        _ => "金额",
    }
}
