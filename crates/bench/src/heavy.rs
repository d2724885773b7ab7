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
    let start = Instant::now();
    let out = f();
    (start.elapsed(), out)
}

fn row(name: &'static str, median: Duration, target_ms: Option<u64>, reference: Option<Duration>) -> Row {
    Row { name, median, target: target_ms.map(Duration::from_millis), reference }
}

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
    let (close, outcome) = once(|| ledger.close_stocktake(admin, id).expect("close"));
    eprintln!("stocktake: {} expected, {} scanned, {} marked missing", counters.expected, scans.len(), outcome.marked_missing.len());
    vec![
        row("stocktake: start (snapshot of a department)", start, Some(2_000), None),
        row("stocktake: scan verdict", median(scans), Some(1), None),
        row("stocktake: close (missing, surplus, moves)", close, Some(2_000), None),
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
    let (post, run) = once(|| ledger.run_depreciation(admin, period, &mut |_, _| true).expect("post"));
    eprintln!("depreciation {period}: {} assets charged, total {}", run.assets, run.total);
    vec![row("depreciation: preview a month", preview, Some(2_000), None), row("depreciation: post a month", post, Some(2_000), None)]
}

pub(crate) fn backup(ledger: &mut Ledger, admin: &Actor, dir: &Path) -> Vec<Row> {
    let to = dir.join("backups");
    let took = time(3, |_| ledger.create_backup(admin, Some(&to), 1).expect("backup"));
    vec![row("backup (VACUUM INTO, check, SHA-256)", took, None, None)]
}

/// A fresh ledger takes `n` legacy rows from a CSV; the reference is the sqlite3 CLI
/// loading the same file into a bare table.
pub(crate) fn import(n: usize, dir: &Path) -> Vec<Row> {
    let csv = dir.join("legacy.csv");
    let mut text = String::from("资产编号,资产名称,资产类别,使用部门,存放地点,使用人,购置日期,原值,使用年限,残值率\n");
    for i in 0..n {
        text.push_str(&format!(
            "IM-{i:06},联想笔记本电脑{},电脑,{},{}号楼{}室,张{},{}-{:02}-{:02},{}.{:02},5,5%\n",
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
    std::fs::write(&csv, text).expect("write csv");

    let target = dir.join("import-ledger");
    let setup = ledger::SetupInput { org_name: "导入基准".into(), admin_name: "admin".into(), admin_password: crate::seed::PASSWORD.into(), language: None };
    let (mut fresh, admin) = Ledger::create(&target, &setup).expect("fresh ledger");
    let cpu_before = cpu_seconds();
    let (took, result) = once(|| {
        let planned = Instant::now();
        let plan = exchange::plan_import(&csv, &exchange::ImportOptions::default()).expect("plan");
        eprintln!("import: planned {} rows in {:.2?}", plan.rows.len(), planned.elapsed());
        exchange::apply_plan(&mut fresh, &admin, &plan, ledger::Lang::ZhCn, false, false).expect("import")
    });
    eprintln!("import: {:.2} s of CPU time", cpu_seconds() - cpu_before);
    assert_eq!(result.imported, n, "every row imported: {:?}", result.errors.first());

    let reference = sqlite3_import(&csv, &dir.join("reference.sqlite3"));
    if reference.is_none() {
        eprintln!("import: no sqlite3 CLI on PATH, so no reference figure");
    }
    vec![row("import: legacy CSV, one row per asset, fresh ledger", took, Some(10_000), reference)]
}

fn sqlite3_import(csv: &Path, db: &Path) -> Option<Duration> {
    let _ = std::fs::remove_file(db);
    let start = Instant::now();
    let status = Command::new("sqlite3").arg(db).arg(".mode csv").arg(format!(".import {} legacy", csv.display())).status().ok()?;
    let took = start.elapsed();
    status.success().then_some(took)
}

/// This process's user + system CPU time: a shared machine's other work does not count.
pub(crate) fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 of stat (utime, stime) in clock ticks of 1/100 s.
    (ticks(11) + ticks(12)) / 100.0
}
