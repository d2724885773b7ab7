//! The start convention (issue 21), worked by hand: 12,000.00 over 5 years, no salvage.
//! Next month (企业会计准则): acquired 2026-01 → 200.00 a month from 2026-02 to 2031-01.
//! Same month (政府会计准则): 200.00 a month from 2026-01 to 2030-12.

use depreciation::{charge_for, schedule, AssetParams, Method, Opening, Period, Salvage, Start};
use rust_decimal::Decimal;

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn printer() -> AssetParams {
    AssetParams::new(Decimal::from(12_000), Salvage::Rate(Decimal::ZERO), 60, Method::StraightLine, p("2026-01"))
}

#[test]
fn same_month_starts_in_the_month_of_acquisition_and_ends_a_month_earlier() {
    let next = schedule(&printer()).unwrap();
    let same = schedule(&printer().with_start(Start::SameMonth)).unwrap();
    assert_eq!((next.lines()[0].period, next.lines()[59].period), (p("2026-02"), p("2031-01")));
    assert_eq!((same.lines()[0].period, same.lines()[59].period), (p("2026-01"), p("2030-12")));
    assert!(same.lines().iter().all(|l| l.amount.to_string() == "200.00"));
    assert_eq!(same.total_charged(), Decimal::from(12_000));
    let params = printer().with_start(Start::SameMonth);
    assert_eq!(charge_for(&params, p("2025-12"), None).unwrap(), Decimal::ZERO);
    assert_eq!(charge_for(&params, p("2026-01"), None).unwrap().to_string(), "200.00");
    assert_eq!(charge_for(&params, p("2031-01"), None).unwrap(), Decimal::ZERO);
}

#[test]
fn an_opening_balance_counts_the_month_of_acquisition_as_elapsed() {
    // Charged January to June 2026 (6 × 200 = 1,200.00): 54 months left, still 200.00 each.
    let params = printer().with_start(Start::SameMonth).with_opening(Opening::migrated(p("2026-06"), Decimal::from(1_200)));
    assert_eq!(params.elapsed_months(), 6);
    let plan = schedule(&params).unwrap();
    assert_eq!(plan.lines().len(), 54);
    assert_eq!(plan.lines()[0].period, p("2026-07"));
    assert_eq!(plan.lines().last().unwrap().period, p("2030-12"));
    assert_eq!(plan.lines().last().unwrap().net_book_value.to_string(), "0.00");
}
