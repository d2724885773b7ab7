//! Rounding to the cent, and splitting a total into parts that add up exactly.

use rust_decimal::{Decimal, RoundingStrategy};

/// Zero with two places: `Decimal::ZERO` would print as "0" (and `max`/`min` pick the
/// second of equal values, so it can sneak into results).
pub(crate) const ZERO: Decimal = Decimal::from_parts(0, 0, 0, false, 2);

/// Rounds half away from zero (四舍五入) to two places, always with scale 2 so amounts
/// print as "1600.00".
pub(crate) fn cents(value: Decimal) -> Decimal {
    two_places(value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// Restores scale 2 on an amount that is already whole cents: `Decimal` arithmetic returns
/// a bare 0 when multiplying or dividing zero.
pub(crate) fn two_places(mut value: Decimal) -> Decimal {
    value.rescale(2);
    value
}

/// Hands out `parts` shares of `total`: each share is its exact value rounded to the cent,
/// the last takes what is left, so the shares sum to `total` exactly. A share never
/// exceeds what is left, so with tiny totals (where rounding up would overshoot) the late
/// shares shrink to zero instead of the last one going negative.
pub(crate) struct Splitter {
    left: Decimal,
    parts_left: u32,
}

impl Splitter {
    pub(crate) fn new(total: Decimal, parts: u32) -> Self {
        Splitter {
            left: total,
            parts_left: parts,
        }
    }

    pub(crate) fn take(&mut self, exact_share: Decimal) -> Decimal {
        self.parts_left = self.parts_left.saturating_sub(1);
        let share = if self.parts_left == 0 {
            self.left
        } else {
            cents(exact_share).min(self.left).max(ZERO)
        };
        self.left -= share;
        two_places(share)
    }
}

/// The `index`-th (0-based) month's share of a year (or shorter block) of `months` months
/// charging `amount`: amount / months rounded, the block's last month taking the rest.
/// The same result as running a `Splitter` over the block, without the loop.
pub(crate) fn month_share(amount: Decimal, months: u32, index: u32) -> Decimal {
    let monthly = cents(amount / Decimal::from(months));
    let charged_before = (monthly * Decimal::from(index)).min(amount);
    let share = if index + 1 == months {
        amount - charged_before
    } else {
        (amount - charged_before).min(monthly)
    };
    two_places(share)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn cents_rounds_half_away_from_zero_and_keeps_two_places() {
        assert_eq!(cents(d("1600")).to_string(), "1600.00");
        assert_eq!(cents(d("0.005")), d("0.01"));
        assert_eq!(cents(d("3333.3333")), d("3333.33"));
    }

    #[test]
    fn month_share_gives_the_rounding_to_the_last_month() {
        let year = d("40000.00");
        let months: Vec<_> = (0..12).map(|i| month_share(year, 12, i)).collect();
        assert!(months[..11].iter().all(|m| *m == d("3333.33")));
        assert_eq!(months[11], d("3333.37"));
    }

    #[test]
    fn month_share_never_goes_negative_on_tiny_amounts() {
        // 0.06 / 12 rounds up to 0.01; twelve of those would overshoot.
        let months: Vec<_> = (0..12).map(|i| month_share(d("0.06"), 12, i)).collect();
        assert!(months.iter().all(|m| *m >= Decimal::ZERO));
        assert_eq!(months.iter().sum::<Decimal>(), d("0.06"));
    }

    #[test]
    fn month_share_matches_a_splitter() {
        for amount in [
            "0.00", "0.06", "0.66", "1.00", "12345.67", "40000.00", "0.13",
        ] {
            for months in [1, 5, 12] {
                let mut split = Splitter::new(d(amount), months);
                for i in 0..months {
                    let expected = split.take(d(amount) / Decimal::from(months));
                    assert_eq!(
                        month_share(d(amount), months, i),
                        expected,
                        "{amount} {months} {i}"
                    );
                }
            }
        }
    }
}
