//! The monthly run: one period's charge for 100,000 assets with mixed methods, lives,
//! start months and opening balances. Target: well under 2 s in all.
//!
//! Run: `nice -n 15 cargo bench -p assetdesk-depreciation`

use std::hint::black_box;
use std::time::Instant;

use depreciation::{charge_for, AssetParams, Decimal, Method, Opening, Period, Salvage, Usage};

const ASSETS: usize = 100_000;

/// A small deterministic generator, so every run measures the same assets.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn assets() -> Vec<AssetParams> {
    let mut rng = Lcg(42);
    let base = Period::new(2000, 1).unwrap();
    (0..ASSETS)
        .map(|i| {
            let method = Method::ALL[i % 4];
            let cost = Decimal::new(rng.next(10_000_000_000) as i64 + 100, 2);
            let life_months = 12 * (1 + rng.next(50) as u32);
            let in_service = base.plus_months(rng.next(26 * 12) as i32);
            let mut params = AssetParams::new(
                cost,
                Salvage::Rate(Decimal::new(rng.next(11) as i64, 2)),
                life_months,
                method,
                in_service,
            );
            if method == Method::UnitsOfProduction {
                params = params.with_total_units(Decimal::from(10_000 + rng.next(1_000_000)));
            }
            if i % 10 == 0 {
                // Every tenth is a legacy asset with an opening balance.
                let months = rng.next(life_months as u64) as i32;
                let accumulated = (cost * Decimal::new(rng.next(90) as i64, 2)).round_dp(2);
                params = params.with_opening(
                    Opening::migrated(in_service.plus_months(months), accumulated)
                        .with_units(Decimal::from(rng.next(5_000))),
                );
            }
            params
        })
        .collect()
}

fn main() {
    let assets = assets();
    let period = Period::new(2026, 3).unwrap();
    let usage = Usage {
        units: Decimal::from(120),
        units_before: Decimal::from(6_000),
    };
    for round in 1..=3 {
        let started = Instant::now();
        let mut total = Decimal::ZERO;
        for params in &assets {
            let usage = (params.method == Method::UnitsOfProduction).then_some(usage);
            total += charge_for(black_box(params), period, usage).expect("valid parameters");
        }
        let elapsed = started.elapsed();
        println!(
            "monthly run {round}: {ASSETS} assets, total {total}, {:.3} s ({:.2} µs per asset)",
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1e6 / ASSETS as f64
        );
    }
    // Worst case: 50-year lives charged in their last month, so every call walks all
    // fifty years of its plan.
    let start = Period::new(1976, 2).unwrap();
    let last = start.plus_months(600);
    for method in [
        Method::StraightLine,
        Method::DoubleDeclining,
        Method::SumOfYears,
    ] {
        let params = AssetParams::new(
            Decimal::new(123_456_789, 2),
            Salvage::Rate(Decimal::new(5, 2)),
            600,
            method,
            start,
        );
        let started = Instant::now();
        for _ in 0..ASSETS {
            black_box(charge_for(black_box(&params), last, None).expect("valid parameters"));
        }
        println!(
            "worst case, {method}: {ASSETS} assets in month 600 of 600, {:.3} s",
            started.elapsed().as_secs_f64()
        );
    }
    for method in Method::ALL {
        let of_method: Vec<_> = assets.iter().filter(|a| a.method == method).collect();
        let started = Instant::now();
        for params in &of_method {
            let usage = (method == Method::UnitsOfProduction).then_some(usage);
            black_box(charge_for(black_box(params), period, usage).expect("valid parameters"));
        }
        println!(
            "  {method}: {} assets, {:.3} s",
            of_method.len(),
            started.elapsed().as_secs_f64()
        );
    }
}
