//! Stocktake at scale: 100,000 assets, 100,000 scans (each its own transaction, as the
//! scanning screen records them), then the report and the close.
//! `cargo bench -p assetdesk-ledger --bench stocktake`. Prints figures; asserts none.
//! Targets: under 1 ms per scan verdict, under 2 s to close.

use std::time::Instant;

use ledger::{AssetInput, Ledger, ScanInput, ScanSource, SetupInput, StocktakeInput, Verdict};

const ASSETS: usize = 100_000;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "基准".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    // Registers and one asset through the API; the rest in bulk, as an import would.
    let first = AssetInput { name: "电脑".into(), category: "电脑".into(), dept: "行政部".into(), location: "301室".into(), value: "4999.00".into(), ..Default::default() };
    ledger.add_asset(&admin, &first).unwrap();
    ledger.add_register(&admin, ledger::RegisterKind::Location, "302室", None).unwrap();
    drop(ledger);
    let t = Instant::now();
    {
        let mut conn = rusqlite::Connection::open(Ledger::file_in(dir.path())).unwrap();
        let tx = conn.transaction().unwrap();
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO assets(code, name, category_id, dept_id, location_id, value_fen, status, search_text, created_at, updated_at) \
                     VALUES (?1, '电脑', 1, 1, 1, 499900, 'in_stock', ?1, '2026-01-01', '2026-01-01')",
                )
                .unwrap();
            for i in 1..ASSETS {
                stmt.execute([format!("BM-{i:06}")]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    println!("setup: {ASSETS} assets in {:.2?}", t.elapsed());

    let mut ledger = Ledger::open(dir.path()).unwrap();
    let admin = ledger.login("admin", "secret1").unwrap();
    let id = ledger.create_stocktake(&admin, &StocktakeInput { name: "年末盘点".into(), ..Default::default() }).unwrap();
    let t = Instant::now();
    let counters = ledger.start_stocktake(&admin, id).unwrap();
    println!("start (snapshot of {} expected): {:.2?}", counters.expected, t.elapsed());

    // 100,000 scans: 96,000 found, 1,000 misplaced (scanned in 302), 1,000 surplus,
    // 2,000 duplicates; 3,000 assets are never scanned (missing).
    let mut codes: Vec<(String, &str)> = Vec::with_capacity(100_000);
    for i in 1..=96_000usize {
        codes.push((format!("BM-{i:06}"), ""));
    }
    for i in 96_001..=97_000usize {
        codes.push((format!("BM-{i:06}"), "302室"));
    }
    for i in 0..1_000usize {
        codes.push((format!("PY-{i:06}"), ""));
    }
    for i in 1..=2_000usize {
        codes.push((format!("BM-{i:06}"), ""));
    }
    let mut slowest = std::time::Duration::ZERO;
    let mut counts = std::collections::HashMap::<Verdict, usize>::new();
    let t = Instant::now();
    for (code, location) in &codes {
        let one = Instant::now();
        let input = ScanInput { location: location.to_string(), ..ScanInput::new(code.as_str(), ScanSource::Serial) };
        let outcome = ledger.record_scan(&admin, id, &input).unwrap();
        slowest = slowest.max(one.elapsed());
        *counts.entry(outcome.verdict).or_default() += 1;
    }
    let total = t.elapsed();
    println!(
        "scans: {} in {:.2?} = {:.1} µs per scan verdict (slowest {:.2?}); {:?}",
        codes.len(),
        total,
        total.as_secs_f64() * 1e6 / codes.len() as f64,
        slowest,
        counts
    );

    let t = Instant::now();
    let report = ledger.stocktake_report(&admin, id).unwrap();
    println!(
        "report: expected {}, found {}, missing {}, surplus {}, misplaced {}, duplicates {} in {:.2?}",
        report.expected,
        report.found,
        report.missing.len(),
        report.surplus.len(),
        report.misplaced.len(),
        report.duplicates,
        t.elapsed()
    );

    let t = Instant::now();
    let out = ledger.close_stocktake(&admin, id, ledger::UnreviewedLines::Accept).unwrap();
    println!(
        "close: {} ({} registered, {} marked missing, {} corrected) in {:.2?}",
        out.doc_no.unwrap_or_default(),
        out.registered.len(),
        out.marked_missing.len(),
        out.corrected.len(),
        t.elapsed()
    );
}
