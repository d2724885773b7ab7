//! Parsing one field's value: a quantity or a scan time.

use chrono::{NaiveDate, NaiveDateTime};

/// Largest quantity on one line; more is a typo or a misread column.
pub const MAX_BATCH_QUANTITY: u32 = 1_000_000;

const DATE_TIME_FORMATS: [&str; 8] = [
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y%m%d%H%M%S",
    "%Y.%m.%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
];
const DATE_FORMATS: [&str; 2] = ["%Y-%m-%d", "%Y/%m/%d"];

/// A scan time in the formats PDAs write; a bare date means its midnight.
pub(crate) fn parse_scanned_at(text: &str) -> Option<NaiveDateTime> {
    // Only the 14-digit compact form (20261123101500) may be all digits: any other
    // number is a quantity, never a date.
    if looks_like_number(text) && text.len() != 14 {
        return None;
    }
    DATE_TIME_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .or_else(|| {
            DATE_FORMATS
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
                .and_then(|date| date.and_hms_opt(0, 0, 0))
        })
}

/// `true` for text made like a date or time (digits and - / : . T and spaces with at
/// least one separator), so a malformed one is reported, not silently ignored.
pub(crate) fn looks_like_time(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '-' | '/' | ':'))
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | ':' | '.' | ' ' | 'T'))
        && text.starts_with(|c: char| c.is_ascii_digit())
}

/// `true` for text made like a whole number (a sign and digits).
pub(crate) fn looks_like_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// A quantity 1..=MAX_BATCH_QUANTITY.
pub(crate) fn parse_quantity(text: &str) -> Option<u32> {
    text.strip_prefix('+')
        .unwrap_or(text)
        .parse::<u32>()
        .ok()
        .filter(|qty| (1..=MAX_BATCH_QUANTITY).contains(qty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_times_in_pda_formats() {
        let expected = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 15, 0)
            .unwrap();
        for text in [
            "2026-11-23 10:15:00",
            "2026-11-23T10:15:00",
            "2026/11/23 10:15:00",
            "2026-11-23 10:15",
            "20261123101500",
            "2026-11-23 10:15:00.000",
        ] {
            assert_eq!(parse_scanned_at(text), Some(expected), "{text}");
        }
        assert_eq!(
            parse_scanned_at("2026-11-23"),
            expected.date().and_hms_opt(0, 0, 0)
        );
        for text in [
            "1",
            "10101",
            "20261123",
            "2026-13-01 10:00:00",
            "tomorrow",
            "",
        ] {
            assert_eq!(parse_scanned_at(text), None, "{text}");
        }
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_quantity("3"), Some(3));
        assert_eq!(parse_quantity("+3"), Some(3));
        for text in ["0", "-1", "1000001", "1.5", "", "x"] {
            assert_eq!(parse_quantity(text), None, "{text}");
        }
        assert!(looks_like_number("-1") && !looks_like_number("1.5") && !looks_like_number("-"));
        assert!(
            looks_like_time("2026-13-45") && !looks_like_time("ZC-1") && !looks_like_time("12")
        );
    }
}
