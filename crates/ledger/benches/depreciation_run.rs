//! The monthly run through the ledger for 100,000 assets on a real SQLite file: load,
//! compute, post (100,000 lines in one transaction), then the next month, a card's
//! schedule and the register at a month end. Prints timings; asserts none. Target: the
//! run (preview or post) well under 2 s.
//!
//! Run: `nice -n 10 cargo bench -p assetdesk-ledger --bench depreciation_run`
//! (`ASSETS=N` to change the count).

use std::time::Instant;

use depreciation::{schedule, AssetParams, Method, Period, Salvage};
use ledger::{Ledger, SetupInput};
use rusqlite::params;
use rust_decimal::Decimal;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn main() {
    let count: usize = std::env::var("ASSETS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let (mut ledger, admin) = Ledger::create(
        dir.path(),
        &SetupInput { org_name: "基准单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None },
    )
    .unwrap();

    // Bulk-load a migrated ledger straight into the file: every asset carries its
    // accumulated depreciation through 2025-12 (what its own plan charged by then).
    let started = Instant::now();
    let opening: Period = "2025-12".parse().unwrap();
    {
        let mut conn = rusqlite::Connection::open(Ledger::file_in(dir.path())).unwrap();
        let tx = conn.transaction().unwrap();
        for i in 0..10 {
            tx.execute("INSERT INTO categories(name) VALUES (?1)", [format!("类别{i}")]).unwrap();
        }
        for i in 0..20 {
            tx.execute("INSERT INTO departments(name) VALUES (?1)", [format!("部门{i}")]).unwrap();
        }
        let mut rng = Lcg(42);
        let now = "2026-01-01T00:00:00.000Z";
        for i in 0..count {
            let method = Method::ALL[i % 4];
            let cost_fen = rng.next(10_000_000_000) as i64 + 10_000;
            let life_months = 12 * (1 + rng.next(20) as i64);
            let acquired = Period::new(2005, 1).unwrap().plus_months(rng.next(250) as i32);
            let rate = Decimal::new(rng.next(11) as i64, 2);
            let total_units = Decimal::from(10_000 + rng.next(1_000_000));
            tx.execute(
                "INSERT INTO assets(code, name, category_id, dept_id, acquired, value_fen, life_months, salvage_rate, method, total_units, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![
                    format!("ZC-B-{i:06}"),
                    format!("资产{i}"),
                    1 + (i % 10) as i64,
                    1 + (i % 20) as i64,
                    acquired.first_day().to_string(),
                    cost_fen,
                    life_months,
                    rate.to_string(),
                    method.as_str(),
                    (method == Method::UnitsOfProduction).then(|| total_units.to_string()),
                    now
                ],
            )
            .unwrap();
            let id = tx.last_insert_rowid();
            let cost = Decimal::new(cost_fen, 2);
            let (accumulated, units) = if method == Method::UnitsOfProduction {
                let used = Decimal::from(rng.next(8_000));
                let rate_per_unit = (cost - Salvage::Rate(rate).amount(cost)) / total_units;
                for p in ["2026-01", "2026-02"] {
                    tx.execute(
                        "INSERT INTO depreciation_usage(asset_id, period, units, entered_by, entered_at) VALUES (?1, ?2, ?3, 'admin', ?4)",
                        params![id, p, rng.next(300).to_string(), now],
                    )
                    .unwrap();
                }
                ((rate_per_unit * used).round_dp(2), used)
            } else {
                let params = AssetParams::new(cost, Salvage::Rate(rate), life_months as u32, method, acquired);
                (schedule(&params).unwrap().accumulated_through(opening), Decimal::ZERO)
            };
            tx.execute(
                "INSERT INTO depreciation_openings(asset_id, period, accumulated_fen, units_to_date, set_by, set_at) VALUES (?1, ?2, ?3, ?4, 'admin', ?5)",
                params![id, opening.to_string(), (accumulated * Decimal::from(100)).trunc().to_string().parse::<i64>().unwrap(), units.to_string(), now],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    println!("setup: {count} assets with opening balances in {:.2?}", started.elapsed());

    let jan: Period = "2026-01".parse().unwrap();
    let t = Instant::now();
    let preview = ledger.preview_depreciation(&admin, jan, &mut |_, _| true).unwrap();
    println!("preview 2026-01: {} lines, {} charged, total {} in {:.2?}", preview.lines.len(), preview.assets, preview.total, t.elapsed());

    let t = Instant::now();
    let posted = ledger.run_depreciation(&admin, jan, &mut |_, _| true).unwrap();
    println!("post    2026-01: {} lines, total {} in {:.2?}", posted.lines.len(), posted.total, t.elapsed());

    let t = Instant::now();
    let again = ledger.run_depreciation(&admin, jan, &mut |_, _| true).unwrap();
    println!("rerun   2026-01 (idempotent, reads the posted run): {} lines in {:.2?}", again.lines.len(), t.elapsed());

    let feb: Period = "2026-02".parse().unwrap();
    let t = Instant::now();
    let posted = ledger.run_depreciation(&admin, feb, &mut |_, _| true).unwrap();
    println!("post    2026-02 (after a posted month): {} lines, total {} in {:.2?}", posted.lines.len(), posted.total, t.elapsed());

    let t = Instant::now();
    let s = ledger.depreciation_schedule(&admin, "ZC-B-000001").unwrap();
    println!("schedule of one asset: {} rows in {:.2?}", s.rows.len(), t.elapsed());

    let t = Instant::now();
    let summary = ledger.depreciation_summary(&admin, feb, ledger::SummaryBy::Dept).unwrap();
    println!("summary by department 2026-02: {} groups in {:.2?}", summary.len(), t.elapsed());

    let t = Instant::now();
    let register = ledger.asset_register_at(&admin, feb).unwrap();
    println!("register at 2026-02 month end: {} assets in {:.2?}", register.len(), t.elapsed());
}
