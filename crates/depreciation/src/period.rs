//! A calendar month ("YYYY-MM"): the unit depreciation is charged in.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// One accounting period (a calendar month). Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    // Field order matters: the derived `Ord` compares year first.
    year: i32,
    month: u32,
}

impl Period {
    /// A period from year and month (1..=12); years 1..=9999 keep "YYYY-MM" four digits.
    pub fn new(year: i32, month: u32) -> Result<Self, Error> {
        if !(1..=12).contains(&month) || !(1..=9999).contains(&year) {
            return Err(Error::BadPeriod(format!("{year}-{month}")));
        }
        Ok(Period { year, month })
    }

    /// The period a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn next(self) -> Self {
        self.plus_months(1)
    }

    pub fn prev(self) -> Self {
        self.plus_months(-1)
    }

    /// `n` months later (earlier when negative).
    pub fn plus_months(self, n: i32) -> Self {
        Self::from_index(self.index() + n)
    }

    /// Whole months from `earlier` to `self` (negative when `self` is earlier).
    pub fn months_since(self, earlier: Period) -> i32 {
        self.index() - earlier.index()
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid period has a first day")
    }

    fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    fn from_index(index: i32) -> Self {
        Period {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Strictly "YYYY-MM", the form the CLI and JSON use.
    fn from_str(text: &str) -> Result<Self, Error> {
        let bad = || Error::BadPeriod(text.to_string());
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || month.len() != 2 || !digits(year) || !digits(month) {
            return Err(bad());
        }
        Period::new(
            year.parse().map_err(|_| bad())?,
            month.parse().map_err(|_| bad())?,
        )
        .map_err(|_| bad())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Period {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_formats_yyyy_mm() {
        assert_eq!(p("2026-01"), Period::new(2026, 1).unwrap());
        assert_eq!(p("2026-12").to_string(), "2026-12");
        assert_eq!(Period::new(987, 3).unwrap().to_string(), "0987-03");
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-01",
            "2026/01",
            "2026-01-05",
            "",
            "abcd-ef",
            "+202-01",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn steps_across_year_ends() {
        assert_eq!(p("2026-12").next(), p("2027-01"));
        assert_eq!(p("2026-01").prev(), p("2025-12"));
        assert_eq!(p("2026-02").plus_months(23), p("2028-01"));
        assert_eq!(p("2028-01").months_since(p("2026-02")), 23);
        assert_eq!(p("2026-02").months_since(p("2028-01")), -23);
    }

    #[test]
    fn orders_chronologically_and_comes_from_dates() {
        assert!(p("2025-12") < p("2026-01"));
        let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        assert_eq!(Period::of(date), p("2026-01"));
        assert_eq!(
            p("2026-01").first_day(),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
        );
    }
}
