//! The regression check CI runs (issue 25): a small import and export, each timed beside
//! its reference in the same run and as CPU time of the same thread, so the ratios hold
//! on a loaded machine; each ratio is compared with the one recorded in
//! `crates/bench/recorded-ratios.json`, which fails the check above recorded × margin.
//!
//! `assetdesk-bench --check crates/bench/recorded-ratios.json` (exit 1 on a regression),
//! `assetdesk-bench --check FILE --record` writes the ratios measured now.

use std::path::Path;

use serde_json::{json, Value};

use crate::heavy;

/// Each ratio is the median of this many paired runs (ours, then the reference).
const RUNS: usize = 5;

fn ratio(ours: std::time::Duration, reference: std::time::Duration) -> f64 {
    ours.as_secs_f64() / reference.as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Measures the ratios that are checked: (name, ours / reference), each of CPU time in
/// the same thread (ours and the reference run in this process); and, for context only,
/// the import's wall time over the sqlite3 CLI's bare `.import` (another process).
fn measure(assets: usize, dir: &Path) -> (Vec<(&'static str, f64)>, f64) {
    let csv = dir.join("legacy.csv");
    heavy::legacy_csv(assets, &csv);
    let (mut fair, mut bare, mut export) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let run = heavy::import_once(&csv, assets, dir);
        fair.push(run.ours_cpu / run.fair_cpu);
        if let Some(b) = run.bare {
            bare.push(ratio(run.ours, b));
        }
        let (_, (ours, raw)) = crate::export_pair(&run.ledger_dir, dir);
        export.push(ours / raw);
    }
    let bare = if bare.is_empty() { f64::NAN } else { median(bare) };
    (vec![("import_vs_fair_sqlite", median(fair)), ("export_vs_raw_xlsx", median(export))], bare)
}

/// Returns the process exit code: 0 when every ratio is within its margin.
pub(crate) fn check(recorded: &Path, record: bool) -> i32 {
    let text = std::fs::read_to_string(recorded).unwrap_or_else(|e| panic!("{}: {e}", recorded.display()));
    let mut file: Value = serde_json::from_str(&text).expect("recorded ratios are JSON");
    let assets = file["assets"].as_u64().expect("\"assets\"") as usize;
    let margin = file["margin"].as_f64().expect("\"margin\"");
    let dir = tempfile::tempdir().expect("temp dir");
    let (measured, bare) = measure(assets, dir.path());
    println!("import / sqlite3 .import into a bare table (wall time, context only): {bare:.1}x");
    if record {
        file["ratios"] = json!(measured.iter().map(|(k, v)| (k.to_string(), json!((v * 100.0).round() / 100.0))).collect::<serde_json::Map<_, _>>());
        std::fs::write(recorded, serde_json::to_string_pretty(&file).unwrap() + "\n").expect("write recorded ratios");
        eprintln!("recorded {measured:?} in {}", recorded.display());
        return 0;
    }
    let mut failed = 0;
    println!("{:<26} {:>9} {:>9} {:>9}", "ratio (ours / reference)", "measured", "recorded", "limit");
    for (name, now) in &measured {
        let was = file["ratios"][name].as_f64().unwrap_or_else(|| panic!("no recorded ratio {name}"));
        let limit = was * margin;
        let ok = *now <= limit;
        failed += usize::from(!ok);
        println!("{name:<26} {now:>8.2}x {was:>8.2}x {limit:>8.2}x {}", if ok { "ok" } else { "REGRESSION" });
    }
    println!("bench regression check ({assets} assets, median of {RUNS} paired runs): {} passed, {failed} failed", measured.len() - failed);
    i32::from(failed > 0)
}
