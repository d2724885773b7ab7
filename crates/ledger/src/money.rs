//! Money is exact: stored as integer fen (cents), handled as `Decimal` with two places.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The names clerks know the amount and rate fields by, for error messages.
fn label(field: &str) -> (&str, &str) {
    match field {
        "value" => ("Original value", "原值"),
        "salvage" => ("Salvage", "净残值"),
        "salvage_rate" => ("Salvage rate", "净残值率"),
        "default_salvage_rate" => ("Default salvage rate", "默认净残值率"),
        "value_min" => ("Minimum value", "最低原值"),
        "value_max" => ("Maximum value", "最高原值"),
        "proceeds" => ("Proceeds", "处置收入"),
        "cost" => ("Cost", "费用"),
        "price" => ("Unit price", "单价"),
        other => (other, other),
    }
}

/// An amount in CNY, always two decimal places.
pub type Money = Decimal;

/// Parses what a clerk types: "1600", "1,600.5", "¥1 600.00", "1600元". Refuses
/// negatives, more than two decimals and anything that is not a number, naming `field`.
pub fn parse_money(field: &str, text: &str) -> Result<Money> {
    let cleaned: String = text
        .trim()
        .trim_start_matches(['¥', '\u{FFE5}'])
        .trim_end_matches('元')
        .chars()
        .filter(|c| !matches!(c, ',' | '\u{FF0C}' | ' ' | '\u{3000}'))
        .collect();
    let bad = || {
        Error::invalid(
            field,
            format!("{}: '{text_q}' is not an amount (use e.g. 1600.00)", label(field).0, text_q = crate::error::quoted(&text)),
            format!("{}「{text_q}」不是有效金额（例如 1600.00）", label(field).1, text_q = crate::error::quoted(&text)),
        )
    };
    if cleaned.starts_with('-') {
        return Err(Error::invalid(
            field,
            format!("{}: '{text_q}' cannot be negative", label(field).0, text_q = crate::error::quoted(&text)),
            format!("{}「{text_q}」不能为负数", label(field).1, text_q = crate::error::quoted(&text)),
        ));
    }
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: Decimal = cleaned.parse().map_err(|_| bad())?;
    if value.scale() > 2 {
        return Err(Error::invalid(
            field,
            format!("{}: '{text_q}' has more than two decimal places", label(field).0, text_q = crate::error::quoted(&text)),
            format!("{}「{text_q}」小数位超过两位", label(field).1, text_q = crate::error::quoted(&text)),
        ));
    }
    if value > Decimal::from(1_000_000_000_000i64) {
        return Err(Error::invalid(
            field,
            format!("{}: '{text_q}' is too large", label(field).0, text_q = crate::error::quoted(&text)),
            format!("{}「{text_q}」金额过大", label(field).1, text_q = crate::error::quoted(&text)),
        ));
    }
    Ok(value.round_dp(2))
}

/// Parses a rate as "5%", "0.05" or "5" (read as percent when above 1). Must be 0..100%.
pub fn parse_rate(field: &str, text: &str) -> Result<Decimal> {
    let t = text.trim();
    let bad = |why_en: &str, why_zh: &str| {
        Error::invalid(
            field,
            format!("{}: '{text_q}' {why_en}", label(field).0, text_q = crate::error::quoted(&text)),
            format!("{}「{text_q}」{why_zh}", label(field).1, text_q = crate::error::quoted(&text)),
        )
    };
    let (number, percent) = match t.strip_suffix(['%', '\u{FF05}']) {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let v: Decimal = number.parse().map_err(|_| bad("is not a rate (use e.g. 5% or 0.05)", "不是有效比率（例如 5% 或 0.05）"))?;
    let v = if percent || v > Decimal::ONE { v / Decimal::from(100) } else { v };
    if v.is_sign_negative() || v >= Decimal::ONE {
        return Err(bad("must be between 0% and 100%", "必须在 0% 到 100% 之间"));
    }
    Ok(v.normalize())
}

pub(crate) fn to_cents(m: Money) -> i64 {
    (m.round_dp(2) * Decimal::from(100)).trunc().try_into().expect("amount fits in i64 fen")
}

pub(crate) fn from_cents(c: i64) -> Money {
    Decimal::new(c, 2)
}

/// "1600.00": two places, no separators. The wire format for JSON and CSV.
pub fn format_money(m: Money) -> String {
    format!("{:.2}", m.round_dp(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_clerks_type() {
        for (text, want) in [("1600", "1600.00"), ("1,600.5", "1600.50"), ("¥1 600.00", "1600.00"), ("88元", "88.00"), ("0.01", "0.01")] {
            assert_eq!(format_money(parse_money("value", text).unwrap()), want, "{text}");
        }
    }

    #[test]
    fn refuses_negative_fractional_fen_and_words() {
        for text in ["-5", "1.005", "abc", "", "1e5"] {
            let err = parse_money("value", text).unwrap_err();
            assert_eq!(err.fields, vec!["value"], "{text}");
        }
    }

    #[test]
    fn cents_round_trip_exactly() {
        let m = parse_money("v", "123456789.99").unwrap();
        assert_eq!(to_cents(m), 12345678999);
        assert_eq!(from_cents(12345678999), m);
    }

    #[test]
    fn rates_accept_percent_and_fraction() {
        assert_eq!(parse_rate("r", "5%").unwrap().to_string(), "0.05");
        assert_eq!(parse_rate("r", "0.04").unwrap().to_string(), "0.04");
        assert_eq!(parse_rate("r", "4").unwrap().to_string(), "0.04");
        assert!(parse_rate("r", "100%").is_err());
        assert!(parse_rate("r", "-1").is_err());
    }
}
