//! Gain or loss when an asset is sold, scrapped or otherwise disposed of (处置损益).

use rust_decimal::Decimal;

use crate::money::cents;

/// proceeds − net book value − disposal costs: positive is a gain, negative a loss.
/// Take the net book value after the disposal month's charge
/// ([`crate::Schedule::net_book_value_after`]): that month is still depreciated.
pub fn disposal_gain(proceeds: Decimal, net_book_value: Decimal, costs: Decimal) -> Decimal {
    cents(proceeds - net_book_value - costs)
}
