//! The four methods CAS 4 allows, with stable names the CLI, JSON and ledger store.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// 年限平均法: equal amounts over the life.
    StraightLine,
    /// 双倍余额递减法: 2 / life of the net book value, straight-line in the last two years.
    DoubleDeclining,
    /// 年数总和法: remaining years / sum of the years' digits.
    SumOfYears,
    /// 工作量法: (cost − salvage) / total units, per unit used.
    UnitsOfProduction,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::StraightLine,
        Method::DoubleDeclining,
        Method::SumOfYears,
        Method::UnitsOfProduction,
    ];

    /// The stable name: "straight-line", "double-declining", "sum-of-years", "units-of-production".
    pub fn as_str(self) -> &'static str {
        match self {
            Method::StraightLine => "straight-line",
            Method::DoubleDeclining => "double-declining",
            Method::SumOfYears => "sum-of-years",
            Method::UnitsOfProduction => "units-of-production",
        }
    }

    /// The name a Chinese clerk knows it by.
    pub fn name_zh(self) -> &'static str {
        match self {
            Method::StraightLine => "年限平均法",
            Method::DoubleDeclining => "双倍余额递减法",
            Method::SumOfYears => "年数总和法",
            Method::UnitsOfProduction => "工作量法",
        }
    }

    /// Whether the charge follows the calendar (all but units-of-production).
    pub fn is_time_based(self) -> bool {
        self != Method::UnitsOfProduction
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Method {
    type Err = Error;

    /// Accepts the stable names (also with `_`), and the Chinese names.
    fn from_str(text: &str) -> Result<Self, Error> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == wanted || m.name_zh() == wanted)
            .ok_or_else(|| Error::UnknownMethod(text.to_string()))
    }
}

impl Serialize for Method {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_chinese_names_parse() {
        for m in Method::ALL {
            assert_eq!(m.as_str().parse::<Method>().unwrap(), m);
            assert_eq!(m.name_zh().parse::<Method>().unwrap(), m);
        }
        assert_eq!(
            "SUM_OF_YEARS".parse::<Method>().unwrap(),
            Method::SumOfYears
        );
        let err = "declining".parse::<Method>().unwrap_err();
        assert!(err.message_en().contains("straight-line"));
        assert!(err.message_zh().contains("年限平均法"));
    }
}
