//! Dates people type or legacy sheets hold: the one home for reading them.
//!
//! - Forms, the CLI and the app's commands take `YYYY-MM-DD` (`parse_ymd`; chrono's
//!   `%Y-%m-%d`, so `2026-1-5` too) and refuse anything else with one error
//!   (`not_a_date`), naming the field, in both languages.
//! - A legacy spreadsheet's date text may be 2019-03-05, 2019.3.5, 2019/3/5,
//!   2019年3月5日 or 20190305, with a time after it (`parse_loose`), or an Excel serial
//!   day (`from_excel_serial`).
//!
//! Dates the ledger stored itself (always `YYYY-MM-DD`) are read back with `str::parse`.

use chrono::{Datelike, NaiveDate};

use crate::error::{quoted, Error, Result};

/// `YYYY-MM-DD` (surrounding spaces ignored), or `None`. Longer text must be the date
/// written out exactly (no "02026-01-05").
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().filter(|d| t.len() <= 10 || d.to_string() == t)
}

/// The refusal of `text` as the date `what` (en, zh; empty for a bare "date"), for `field`.
pub fn not_a_date(field: &str, what: (&str, &str), text: &str) -> Error {
    let text_q = quoted(&text.trim());
    let (en, zh) = match what {
        ("", "") => ("date".to_string(), "日期".to_string()),
        (en, zh) => (en.to_string(), zh.to_string()),
    };
    Error::invalid(
        field,
        format!("{en} '{text_q}' is not a date (use YYYY-MM-DD, e.g. 2026-01-31)"),
        format!("{zh}「{text_q}」不是有效日期（格式 YYYY-MM-DD，例如 2026-01-31）"),
    )
}

/// A required date for `field`.
pub fn parse(field: &str, what: (&str, &str), text: &str) -> Result<NaiveDate> {
    parse_ymd(text).ok_or_else(|| not_a_date(field, what, text))
}

/// An optional date for `field`: empty (or only spaces) is `None`.
pub fn parse_optional(field: &str, what: (&str, &str), text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse(field, what, text).map(Some)
}

/// A legacy sheet's date text: 2019-03-05, 2019.03.05, 2019/3/5, 2019年3月5日,
/// 20190305, with or without a time after it ("2019-03-05 00:00:00", "…T08:00").
/// Years before 1900 are taken for mistakes.
pub fn parse_loose(text: &str) -> Option<NaiveDate> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return compact(text);
    }
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    let mut numbers = date_part.split(['-', '.', '/', '年', '月', '日', '号']).filter(|s| !s.is_empty());
    let (y, m, d) = (numbers.next()?, numbers.next()?, numbers.next()?);
    if numbers.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    if ![y, m, d].iter().all(|s| s.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).filter(|d| d.year() >= 1900)
}

/// "20190305" as a date.
pub fn compact(text: &str) -> Option<NaiveDate> {
    let (y, m, d) = (text.get(0..4)?, text.get(4..6)?, text.get(6..8)?);
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).filter(|d| d.year() >= 1900)
}

/// An Excel serial day number (1900 system) as a date. Only 1950 to 2100: other
/// numbers in a date column (2019, 201903, a life) are mistakes, not dates in 1905 or 2452.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(18_264.0..73_416.0).contains(&serial) {
        return None;
    }
    // Day 60 is Excel's phantom 1900-02-29; days after it are one ahead.
    let days = serial.floor() as i64;
    let days = if days >= 60 { days - 1 } else { days };
    NaiveDate::from_ymd_opt(1899, 12, 31)?.checked_add_signed(chrono::Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn typed_dates_are_year_month_day_and_a_refusal_names_the_field() {
        assert_eq!(parse_ymd(" 2026-01-31 "), Some(day(2026, 1, 31)));
        assert_eq!(parse_ymd("2026-1-5"), Some(day(2026, 1, 5)));
        for bad in ["2026/01/31", "2026-02-30", "31.01.2026", "", "明天", "02026-01-05"] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
        let err = parse("acquired", ("acquisition date", "购置日期"), "2026-13-01").unwrap_err();
        assert_eq!(err.fields, ["acquired"]);
        assert_eq!(err.message(Lang::En), "acquisition date '2026-13-01' is not a date (use YYYY-MM-DD, e.g. 2026-01-31)");
        assert_eq!(err.message(Lang::ZhCn), "购置日期「2026-13-01」不是有效日期（格式 YYYY-MM-DD，例如 2026-01-31）");
        assert!(not_a_date("from", ("", ""), "x").message(Lang::En).starts_with("date 'x'"));
        assert_eq!(parse_optional("to", ("", ""), "  ").unwrap(), None);
    }

    #[test]
    fn legacy_sheet_dates_come_in_many_forms() {
        for text in ["2019-03-05", "2019.3.5", "2019/03/05", "2019年3月5日", "20190305", "2019-03-05 00:00:00", "2019-03-05T08:00"] {
            assert_eq!(parse_loose(text), Some(day(2019, 3, 5)), "{text}");
        }
        for text in ["2019", "201903", "19-03-05", "1899-12-31", "2019-03-05-01"] {
            assert_eq!(parse_loose(text), None, "{text}");
        }
        assert_eq!(from_excel_serial(43529.0), Some(day(2019, 3, 5)));
        assert_eq!(from_excel_serial(2019.0), None);
    }
}
