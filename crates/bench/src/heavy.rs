//! The long operations at 100,000 assets: 1,000 labels, a stocktake, a depreciation
//! month, a backup, and the import of a 100,000-row sheet beside the sqlite3 CLI's
//! `.import` of the same rows (the floor for ingest).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ledger::{Actor, Ledger, ScanInput, ScanSource, StocktakeInput};

use crate::seed::DEPTS;
use crate::{median, time, Row};

fn once<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let (start, cpu) = (Instant::now(), thread_cpu());
    let out = f();
    crate::record_cpu(Duration::from_secs_f64((thread_cpu() - cpu).max(0.0)));
    (start.elapsed(), out)
}

/// A row whose CPU time is that of the latest `time`/`once` (take it right after).
fn row(name: &'static str, median: Duration, target_ms: Option<u64>, reference: Option<Duration>) -> Row {
    row_cpu(name, median, crate::take_cpu(), target_ms, reference)
}

fn row_cpu(name: &'static str, median: Duration, cpu: Option<Duration>, target_ms: Option<u64>, reference: Option<Duration>) -> Row {
    Row { name, median, target: target_ms.map(Duration::from_millis), reference, cpu }
}

#[cfg(feature = "labels")]
pub(crate) fn labels(ledger: &mut Ledger, admin: &Actor, dir: &Path, codes: &[String]) -> Vec<Row> {
    let store = label_jobs::Store::new(dir);
    let out = dir.join("labels.pdf");
    let req = label_jobs::JobRequest::new(codes[..1_000.min(codes.len())].to_vec(), labels::Format::Pdf, label_jobs::Destination::File(out.clone()));
    let took = time(3, |_| {
        let job = label_jobs::Job::prepare(ledger, admin, &store, &req).expect("label job");
        job.deliver().expect("write labels");
    });
    eprintln!("labels: {} bytes of PDF", std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0));
    vec![row("1,000 labels to PDF (from the ledger)", took, Some(1_000), None)]
}

/// A departmental stocktake (a tenth of the ledger): start, scan, close.
pub(crate) fn stocktake(ledger: &mut Ledger, admin: &Actor) -> Vec<Row> {
    let dept = DEPTS[2];
    let input = StocktakeInput { name: "基准盘点".into(), dept: dept.into(), ..Default::default() };
    let id = ledger.create_stocktake(admin, &input).expect("create stocktake");
    let (start, counters) = once(|| ledger.start_stocktake(admin, id).expect("start"));
    let start_cpu = crate::take_cpu();
    // Assets of that department that were never moved (see seed.rs), scanned once each.
    let in_dept: Vec<String> = ledger
        .list_assets(admin, &ledger::AssetQuery { dept: Some(dept.into()), limit: 2_000, ..Default::default() })
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.code)
        .collect();
    let scans: Vec<Duration> = in_dept
        .iter()
        .chain(["UNKNOWN-0001".to_string(), "UNKNOWN-0002".to_string()].iter())
        .map(|code| once(|| ledger.record_scan(admin, id, &ScanInput::new(code.clone(), ScanSource::Keyboard)).expect("scan")).0)
        .collect();
    let (close, outcome) = once(|| ledger.close_stocktake(admin, id, ledger::UnreviewedLines::Accept).expect("close"));
    let close_cpu = crate::take_cpu();
    eprintln!("stocktake: {} expected, {} scanned, {} marked missing", counters.expected, scans.len(), outcome.marked_missing.len());
    vec![
        row_cpu("stocktake: start (snapshot of a department)", start, start_cpu, Some(2_000), None),
        row_cpu("stocktake: scan verdict", median(scans), None, Some(1), None),
        row_cpu("stocktake: close (missing, surplus, moves)", close, close_cpu, Some(2_000), None),
    ]
}

/// Every asset carries an opening balance at 2025-12 (as after a migration), so the
/// month previewed and posted charges the whole ledger.
pub(crate) fn depreciation(ledger: &mut Ledger, admin: &Actor, dir: &Path) -> Vec<Row> {
    let conn = rusqlite::Connection::open(Ledger::file_in(dir)).expect("open ledger file");
    conn.execute(
        "INSERT OR IGNORE INTO depreciation_openings(asset_id, period, accumulated_fen, units_to_date, set_by, set_at) \
         SELECT id, '2025-12', value_fen / 3, '0', 'bench', '2026-01-01T00:00:00Z' FROM assets WHERE acquired IS NOT NULL",
        [],
    )
    .expect("openings");
    drop(conn);
    let period = ledger.depreciation_status(admin).expect("status").next.expect("a period is due");
    let preview = time(3, |_| ledger.preview_depreciation(admin, period, &mut |_, _| true).expect("preview").lines.len());
    let preview_cpu = crate::take_cpu();
    let (post, run) = once(|| ledger.run_depreciation(admin, period, &mut |_, _| true).expect("post"));
    let post_cpu = crate::take_cpu();
    eprintln!("depreciation {period}: {} assets charged, total {}", run.assets, run.total);
    vec![row_cpu("depreciation: preview a month", preview, preview_cpu, Some(2_000), None), row_cpu("depreciation: post a month", post, post_cpu, Some(2_000), None)]
}

pub(crate) fn backup(ledger: &mut Ledger, admin: &Actor, dir: &Path) -> Vec<Row> {
    let to = dir.join("backups");
    let took = time(3, |_| ledger.create_backup(admin, Some(&to), 1).expect("backup"));
    vec![row("backup (VACUUM INTO, check, SHA-256)", took, None, None)]
}

/// The legacy sheet every import figure reads: `n` rows of one asset each.
pub(crate) fn legacy_csv(n: usize, path: &Path) {
    let mut text = String::from("资产编号,资产名称,资产类别,使用部门,存放地点,使用人,购置日期,原值,使用年限,残值率\n");
    for i in 0..n {
        text.push_str(&format!(
            "IM-{i:07},联想笔记本电脑{},电脑,{},{}号楼{}室,张{},{}-{:02}-{:02},{}.{:02},5,5%\n",
            i % 50,
            DEPTS[i % DEPTS.len()],
            i % 12 + 1,
            100 + i % 40,
            ["伟", "芳", "敏", "静", "强"][i % 5],
            2015 + i % 10,
            i % 12 + 1,
            i % 28 + 1,
            300 + (i * 37) % 20_000,
            i % 100
        ));
    }
    std::fs::write(path, text).expect("write csv");
}

/// One import of `csv` into a fresh ledger in `dir`, with its two references.
pub(crate) struct ImportRun {
    pub(crate) ours: Duration,
    /// sqlite3 writing the same rows into the same schema (import_reference.rs).
    pub(crate) fair: Option<Duration>,
    /// sqlite3's `.import` of the sheet into a bare table.
    pub(crate) bare: Option<Duration>,
    /// CPU seconds of ours and of the fair reference.
    pub(crate) ours_cpu: f64,
    pub(crate) fair_cpu: f64,
    /// The ledger our import wrote.
    pub(crate) ledger_dir: std::path::PathBuf,
}

pub(crate) fn import_once(csv: &Path, n: usize, dir: &Path) -> ImportRun {
    let target = dir.join("import-ledger");
    let _ = std::fs::remove_dir_all(&target);
    let setup = ledger::SetupInput { org_name: "导入基准".into(), admin_name: "admin".into(), admin_password: crate::seed::PASSWORD.into(), language: None };
    drop(Ledger::create(&target, &setup).expect("fresh ledger"));
    // The ledger as it is before the import: the fair reference starts from a copy of it.
    let before = dir.join("import-before.sqlite3");
    std::fs::copy(Ledger::file_in(&target), &before).expect("copy the fresh ledger");
    let mut fresh = Ledger::open(&target).expect("open the fresh ledger");
    let admin = fresh.login("admin", crate::seed::PASSWORD).expect("login");
    let cpu_before = thread_cpu();
    let ((ours, result), grew) = peak_growth_mb(|| {
        once(|| {
            let planned = Instant::now();
            let plan = exchange::plan_import(csv, &exchange::ImportOptions::default()).expect("plan");
            eprintln!("import: planned {} rows in {:.2?}", plan.rows.len(), planned.elapsed());
            exchange::apply_plan(&mut fresh, &admin, &plan, ledger::Lang::ZhCn, false, false, &mut |_, _| true).expect("import")
        })
    });
    let size = std::fs::metadata(csv).map(|m| m.len() / 1_000_000).unwrap_or(0);
    let ours_cpu = thread_cpu() - cpu_before;
    eprintln!("import: {n} rows ({size} MB of CSV) in {ours:.2?}, {ours_cpu:.2} s of CPU time, peak memory +{grew} MB");
    assert_eq!(result.imported, n, "every row imported: {:?}", result.errors.first());
    drop(fresh);
    if std::env::var_os("BENCH_IMPORT_ONLY").is_some() {
        // Profiling our import alone (perf record).
        return ImportRun { ours, fair: None, bare: None, ours_cpu, fair_cpu: 0.0, ledger_dir: target };
    }
    let (fair, fair_cpu) = crate::import_reference::fair_reference(&before, &target, dir);
    eprintln!("import: fair reference {fair:.2?}, {fair_cpu:.2} s of CPU time; CPU ratio {:.2}x", ours_cpu / fair_cpu);
    let fair = Some(fair);
    let bare = sqlite3_import(csv, &dir.join("reference.sqlite3"));
    if bare.is_none() {
        eprintln!("import: no sqlite3 CLI on PATH, so no reference figure");
    }
    ImportRun { ours, fair, bare, ours_cpu, fair_cpu, ledger_dir: target }
}

/// A fresh ledger takes `n` legacy rows from a CSV, beside the fair reference (sqlite3
/// writing the same rows into the same schema) and the bare `.import` of the file.
pub(crate) fn import(n: usize, dir: &Path) -> Vec<Row> {
    let csv = dir.join("legacy.csv");
    legacy_csv(n, &csv);
    let run = import_once(&csv, n, dir);
    let target_ms = Some(if n >= 1_000_000 { 60_000 } else { 10_000 });
    vec![
        row_cpu("import: CSV, fresh ledger (vs fair sqlite3 load)", run.ours, Some(Duration::from_secs_f64(run.ours_cpu)), target_ms, run.fair),
        row_cpu("import: CSV, fresh ledger (vs bare .import)", run.ours, None, target_ms, run.bare),
    ]
}

/// The most resident memory this process has held (VmHWM), in kB.
pub(crate) fn peak_rss_kb() -> u64 {
    status_kb("VmHWM:")
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix(field)).and_then(|v| v.trim().trim_end_matches(" kB").parse().ok()).unwrap_or(0)
}

/// Runs `f` and says how much resident memory it added at its peak, in MB (Linux resets
/// the peak when "5" is written to clear_refs).
pub(crate) fn peak_growth_mb<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_kb("VmRSS:");
    let out = f();
    (out, peak_rss_kb().saturating_sub(before) / 1024)
}

fn sqlite3_import(csv: &Path, db: &Path) -> Option<Duration> {
    let _ = std::fs::remove_file(db);
    let start = Instant::now();
    let status = Command::new("sqlite3").arg(db).arg(".mode csv").arg(format!(".import {} legacy", csv.display())).status().ok()?;
    let took = start.elapsed();
    status.success().then_some(took)
}

/// CPU time this thread has run, in seconds (nanosecond resolution from schedstat): the
/// import and its in-process reference are single-threaded, and on a machine shared with
/// other work their CPU time is steadier than their wall time.
pub(crate) fn thread_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()).map_or(0.0, |ns| ns / 1e9)
}
