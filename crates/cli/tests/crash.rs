//! Crash safety: the real `assetdesk` binary is killed with SIGKILL at random moments
//! while it imports, posts documents, voids, scans, runs depreciation and writes
//! backups, many times over. After every kill the ledger is reopened and must hold:
//!
//! - `PRAGMA integrity_check` and `foreign_key_check` are clean, `audit verify` is ok;
//! - every acknowledged operation (the process printed its result and exited 0, or —
//!   for scans — printed that scan's verdict line) is there;
//! - the interrupted operation happened entirely or not at all (an import's rows, a
//!   document's lines, a batch file's scans; a scan session is a prefix of its codes);
//! - no document lacks its lines or its audit entry; a voided document has its void;
//! - replaying the journal from nothing gives each asset's recorded state, and every
//!   journal line starts from where the previous one left the asset;
//! - stocktake counters agree with the scans, depreciation runs with their lines;
//! - every backup the folder lists verifies (checksum, integrity, schema).
//!
//! `ASSETDESK_CRASH_ITERATIONS=500` runs a long campaign (default 30 kills);
//! `ASSETDESK_CRASH_SEED=N` replays a run. The seed is printed and named in failures.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

const PASSWORD: &str = "secret-123";

/// splitmix64: small, seedable, good enough to pick kill moments and batches.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Clone>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut pool = items.to_vec();
        let mut out = Vec::new();
        while out.len() < n && !pool.is_empty() {
            let i = self.below(pool.len());
            out.push(pool.swap_remove(i));
        }
        out
    }
}

fn command(dir: &Path, args: &[String]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assetdesk"));
    cmd.arg("--data-dir").arg(dir).arg("--json").args(args).env("ASSETDESK_PASSWORD", PASSWORD).env_remove("LANG");
    cmd
}

fn must(dir: &Path, args: &[String]) -> Value {
    let out = command(dir, args).output().expect("run assetdesk");
    assert!(out.status.success(), "assetdesk {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// How a victim ended: it finished (exit status and output) or was killed mid-way
/// (with what it had printed so far).
struct Ending {
    killed: bool,
    success: bool,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Runs `args`, and SIGKILLs the process if it is still running after `delay`.
fn run_and_kill(dir: &Path, args: &[String], delay: Duration) -> Ending {
    let start = Instant::now();
    let mut child: Child = command(dir, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn assetdesk");
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let mut killed = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() >= delay {
            child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
            killed = true;
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_micros(300));
    };
    let took = start.elapsed();
    Ending { killed, success: !killed && status.success(), stdout: out.join().unwrap(), stderr: err.join().unwrap(), took }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Op {
    Import,
    Issue,
    Return,
    Transfer,
    Scrap,
    Void,
    Scan,
    ScanImport,
    Depreciation,
    Backup,
}

const OPS: &[Op] = &[Op::Import, Op::Issue, Op::Return, Op::Transfer, Op::Scrap, Op::Void, Op::Scan, Op::ScanImport, Op::Depreciation, Op::Backup];
const IMPORT_ROWS: usize = 400;
const DOC_LINES: usize = 60;
const SCAN_CODES: usize = 40;
const BATCH_CODES: usize = 150;

struct Harness {
    dir: tempfile::TempDir,
    rng: Rng,
    seed: u64,
    /// Longest time each operation took when it was left to finish: kill moments are
    /// drawn from [0, that], so most kills land inside the work, not after it.
    took: HashMap<Op, Duration>,
    task: i64,
    acked_docs: Vec<String>,
    acked_imports: Vec<String>,
    acked_periods: Vec<String>,
    acked_backups: Vec<PathBuf>,
    kills: usize,
    /// Per operation, kills that found it not applied / applied (committed, not yet
    /// acknowledged) / part-applied (scan sessions): proof the kills land everywhere.
    landed: HashMap<Op, [usize; 3]>,
}

impl Harness {
    fn d(&self) -> &Path {
        self.dir.path()
    }

    fn db(&self) -> Connection {
        Connection::open(self.d().join("ledger.sqlite3")).expect("open ledger")
    }

    fn codes(&self, sql: &str) -> Vec<String> {
        let db = self.db();
        let mut stmt = db.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    fn csv(&self, prefix: &str, rows: usize) -> PathBuf {
        let mut text = String::from("资产编号,资产名称,资产类别,使用部门,存放地点,使用人,原值(元),购置日期,使用年限,使用状况\n");
        for i in 0..rows {
            if i % 2 == 0 {
                text.push_str(&format!("{prefix}{i:05},电脑{i},电脑,行政部,301室,张三,{}.00,2020-01-15,5,在用\n", 3000 + i));
            } else {
                text.push_str(&format!("{prefix}{i:05},桌子{i},家具,行政部,302室,,{}.50,2020-01-15,5,闲置\n", 500 + i));
            }
        }
        let file = self.d().join(format!("{prefix}import.csv"));
        std::fs::write(&file, text).unwrap();
        file
    }

    fn new(seed: u64) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut h = Harness {
            dir,
            rng: Rng(seed),
            seed,
            took: HashMap::new(),
            task: 0,
            acked_docs: Vec::new(),
            acked_imports: Vec::new(),
            acked_periods: Vec::new(),
            acked_backups: Vec::new(),
            kills: 0,
            landed: HashMap::new(),
        };
        must(h.d(), &strings(&["init", "--admin", "admin", "--company", "示例单位"]));
        let base = h.csv("B-", 1200);
        must(h.d(), &["import".to_string(), base.display().to_string()]);
        h.acked_imports.push("B-".into());
        h.task = must(h.d(), &strings(&["stocktake", "new", "--name", "年末盘点"]))["id"].as_i64().unwrap();
        h
    }

    fn next_period(&self) -> String {
        let last: Option<String> = self.db().query_row("SELECT MAX(period) FROM depreciation_runs WHERE state = 'posted'", [], |r| r.get(0)).unwrap();
        match last {
            None => "2020-02".into(),
            Some(p) => {
                let (y, m): (i32, u32) = (p[..4].parse().unwrap(), p[5..].parse().unwrap());
                if m == 12 {
                    format!("{}-01", y + 1)
                } else {
                    format!("{y}-{:02}", m + 1)
                }
            }
        }
    }

    /// The document each code's latest journal line belongs to.
    fn last_docs(&self, codes: &[String]) -> Vec<Option<String>> {
        let db = self.db();
        codes
            .iter()
            .map(|c| {
                db.query_row(
                    "SELECT d.doc_no FROM journal j JOIN documents d ON d.id = j.document_id JOIN assets a ON a.id = j.asset_id \
                     WHERE a.code = ?1 ORDER BY j.id DESC LIMIT 1",
                    [c],
                    |r| r.get(0),
                )
                .optional()
                .unwrap()
            })
            .collect()
    }

    fn scans_in_task(&self) -> Vec<String> {
        self.codes(&format!("SELECT code FROM stocktake_scans WHERE stocktake_id = {} ORDER BY id", self.task))
    }

    fn ctx(&self, op: Op, e: &Ending) -> String {
        format!(
            "seed {} (replay with ASSETDESK_CRASH_SEED={}), op {op:?}, killed {} after {:?}; stdout: {} stderr: {}",
            self.seed, self.seed, e.killed, e.took, e.stdout, e.stderr
        )
    }

    fn step(&mut self, round: usize) {
        let op = OPS[self.rng.below(OPS.len())];
        let budget = *self.took.get(&op).unwrap_or(&Duration::from_millis(250));
        // Start-up and login take the first part of a run; draw from the later part.
        let budget = budget.as_micros() as usize;
        let delay = Duration::from_micros((budget * 3 / 10 + self.rng.below(budget * 3 / 4 + 1)) as u64);
        match op {
            Op::Import => {
                let prefix = format!("I{round}-");
                let file = self.csv(&prefix, IMPORT_ROWS);
                let e = self.victim(op, &["import".into(), file.display().to_string()], delay);
                let n: i64 = self.db().query_row("SELECT COUNT(*) FROM assets WHERE code LIKE ?1", [format!("{prefix}%")], |r| r.get(0)).unwrap();
                assert!(n == 0 || n == IMPORT_ROWS as i64, "an import is all or nothing, found {n} rows: {}", self.ctx(op, &e));
                self.landed(op, &e, usize::from(n > 0));
                if e.success {
                    assert_eq!(n, IMPORT_ROWS as i64, "{}", self.ctx(op, &e));
                    self.acked_imports.push(prefix);
                }
            }
            Op::Issue | Op::Return | Op::Transfer | Op::Scrap => {
                let (status, args) = match op {
                    Op::Issue => ("in_stock", strings(&["doc", "issue", "--to", "李四", "--dept", "财务部"])),
                    Op::Return => ("in_use", strings(&["doc", "return"])),
                    Op::Transfer => ("in_use", strings(&["doc", "transfer", "--to-dept", "仓储部", "--location", "仓库"])),
                    _ => ("in_stock", strings(&["doc", "scrap", "--reason", "损坏"])),
                };
                let pool = self.codes(&format!(
                    "SELECT code FROM assets WHERE status = '{status}' \
                     AND COALESCE(dept_id, 0) NOT IN (SELECT id FROM departments WHERE name = '仓储部') ORDER BY code"
                ));
                if pool.len() < DOC_LINES {
                    return; // every document of the campaign has exactly DOC_LINES lines
                }
                let codes = self.rng.pick(&pool, DOC_LINES);
                let before = self.last_docs(&codes);
                let mut all = args;
                all.extend(codes.iter().cloned());
                let e = self.victim(op, &all, delay);
                let after = self.last_docs(&codes);
                let moved: Vec<&Option<String>> = after.iter().zip(&before).filter(|(a, b)| a != b).map(|(a, _)| a).collect();
                assert!(
                    moved.is_empty() || (moved.len() == codes.len() && moved.iter().all(|d| *d == moved[0])),
                    "a document moves all of its assets or none: {} of {} moved: {}",
                    moved.len(),
                    codes.len(),
                    self.ctx(op, &e)
                );
                self.landed(op, &e, usize::from(!moved.is_empty()));
                if e.success {
                    let doc: Value = serde_json::from_str(&e.stdout).unwrap();
                    let doc = doc["doc"].as_str().unwrap().to_string();
                    assert_eq!(moved.len(), codes.len(), "{}", self.ctx(op, &e));
                    assert_eq!(moved[0].as_deref(), Some(doc.as_str()), "{}", self.ctx(op, &e));
                    self.acked_docs.push(doc);
                }
            }
            Op::Void => {
                // A document none of whose assets has moved since, so the void is allowed.
                let candidates = self.codes(
                    "SELECT d.doc_no FROM documents d WHERE d.state = 'posted' AND d.kind IN ('issue', 'return', 'transfer', 'scrap') \
                     AND NOT EXISTS (SELECT 1 FROM journal j JOIN journal k ON k.asset_id = j.asset_id AND k.id > j.id WHERE j.document_id = d.id) \
                     ORDER BY d.doc_no",
                );
                let Some(doc) = self.rng.pick(&candidates, 1).pop() else {
                    return;
                };
                let e = self.victim(op, &strings(&["doc", "void", &doc, "--reason", "录入错误"]), delay);
                let state: String = self.db().query_row("SELECT state FROM documents WHERE doc_no = ?1", [&doc], |r| r.get(0)).unwrap();
                self.landed(op, &e, usize::from(state == "voided"));
                if e.success {
                    let state: String = self.db().query_row("SELECT state FROM documents WHERE doc_no = ?1", [&doc], |r| r.get(0)).unwrap();
                    assert_eq!(state, "voided", "{}", self.ctx(op, &e));
                    let void: Value = serde_json::from_str(&e.stdout).unwrap();
                    self.acked_docs.push(void["doc"].as_str().expect("{\"doc\": void number}").to_string());
                }
            }
            Op::Scan => {
                let pool = self.codes("SELECT code FROM assets ORDER BY code");
                let mut codes = self.rng.pick(&pool, SCAN_CODES);
                codes.push(format!("ZC-PY-{round}")); // a surplus code
                let before = self.scans_in_task();
                let mut args = strings(&["stocktake", "scan", &self.task.to_string()]);
                args.extend(codes.iter().cloned());
                let e = self.victim(op, &args, delay);
                let after = self.scans_in_task();
                let new = &after[before.len()..];
                assert!(new.len() <= codes.len() && new == &codes[..new.len()], "a scan session records a prefix of its codes: {}", self.ctx(op, &e));
                // Each verdict line printed is an acknowledged scan, even if killed later.
                self.landed(
                    op,
                    &e,
                    if new.is_empty() {
                        0
                    } else if new.len() == codes.len() {
                        1
                    } else {
                        2
                    },
                );
                let acked = e.stdout.lines().filter(|l| l.starts_with('{')).count();
                assert!(new.len() >= acked, "{acked} scans acknowledged, {} recorded: {}", new.len(), self.ctx(op, &e));
                if e.success {
                    assert_eq!(new.len(), codes.len(), "{}", self.ctx(op, &e));
                }
            }
            Op::ScanImport => {
                let pool = self.codes("SELECT code FROM assets ORDER BY code");
                let codes = self.rng.pick(&pool, BATCH_CODES);
                let file = self.d().join(format!("batch-{round}.txt"));
                std::fs::write(&file, codes.iter().map(|c| format!("{c}\r\n")).collect::<String>()).unwrap();
                let before = self.scans_in_task().len();
                let e = self.victim(op, &strings(&["stocktake", "import", &self.task.to_string(), file.to_str().unwrap()]), delay);
                let added = self.scans_in_task().len() - before;
                assert!(added == 0 || added == codes.len(), "a batch file is imported whole or not at all, {added} scans: {}", self.ctx(op, &e));
                self.landed(op, &e, usize::from(added > 0));
                if e.success {
                    assert_eq!(added, codes.len(), "{}", self.ctx(op, &e));
                }
            }
            Op::Depreciation => {
                let period = self.next_period();
                let e = self.victim(op, &strings(&["depreciation", "run", "--period", &period]), delay);
                let posted = self.next_period() != period;
                self.landed(op, &e, usize::from(posted));
                if e.success {
                    self.acked_periods.push(period);
                }
            }
            Op::Backup => {
                let before = ledger::list_backups(&self.d().join("backups")).unwrap().len();
                let e = self.victim(op, &strings(&["backup", "create"]), delay);
                let after = ledger::list_backups(&self.d().join("backups")).unwrap().len();
                self.landed(op, &e, usize::from(after > before));
                if e.success {
                    let v: Value = serde_json::from_str(&e.stdout).unwrap();
                    self.acked_backups.push(PathBuf::from(v["file"].as_str().unwrap()));
                    // What killed backups left behind is cleared by the next one.
                    let leftovers: Vec<String> = std::fs::read_dir(self.d().join("backups"))
                        .unwrap()
                        .filter_map(|e| e.ok()?.file_name().into_string().ok())
                        .filter(|n| n.contains(".partial") || (n.ends_with(".sha256") && !self.d().join("backups").join(&n[..n.len() - 7]).exists()))
                        .collect();
                    assert!(leftovers.is_empty(), "interrupted backups left {leftovers:?}: {}", self.ctx(op, &e));
                }
            }
        }
        self.check(&format!("seed {} (replay with ASSETDESK_CRASH_SEED={}), round {round}, after {op:?}", self.seed, self.seed));
    }

    fn landed(&mut self, op: Op, e: &Ending, applied: usize) {
        if e.killed {
            self.landed.entry(op).or_default()[applied] += 1;
        }
    }

    fn victim(&mut self, op: Op, args: &[String], delay: Duration) -> Ending {
        let e = run_and_kill(self.d(), args, delay);
        if e.killed {
            self.kills += 1;
        } else {
            assert!(e.success, "a finished operation must succeed: {}", self.ctx(op, &e));
            let t = self.took.entry(op).or_default();
            *t = (*t).max(e.took);
        }
        e
    }

    /// The ledger after any number of kills.
    fn check(&self, ctx: &str) {
        // The real binary reopens the ledger and checks it against itself: integrity,
        // foreign keys, whole documents with their voids and audit entries, the journal
        // replayed from nothing equal to every asset's state, counters, and the audit chain.
        let out = command(self.d(), &strings(&["audit", "verify"])).output().unwrap();
        let verdict: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}; {ctx}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(verdict["problems"], serde_json::json!([]), "{ctx}");
        assert_eq!(verdict["ok"], true, "{verdict}; {ctx}");

        let db = self.db();
        // Acknowledged operations are all there.
        for prefix in &self.acked_imports {
            let n: i64 = db.query_row("SELECT COUNT(*) FROM assets WHERE code LIKE ?1", [format!("{prefix}%")], |r| r.get(0)).unwrap();
            assert!(n > 0, "acknowledged import {prefix} lost: {ctx}");
        }
        for doc in &self.acked_docs {
            let n: i64 = db.query_row("SELECT COUNT(*) FROM documents WHERE doc_no = ?1", [doc], |r| r.get(0)).unwrap();
            assert_eq!(n, 1, "acknowledged document {doc} lost: {ctx}");
        }
        for period in &self.acked_periods {
            let n: i64 = db.query_row("SELECT COUNT(*) FROM depreciation_runs WHERE period = ?1 AND state = 'posted'", [period], |r| r.get(0)).unwrap();
            assert_eq!(n, 1, "acknowledged depreciation run {period} lost: {ctx}");
        }

        // Every document of the campaign has exactly DOC_LINES lines: none half-applied.
        let list = |sql: &str| -> Vec<String> {
            let mut stmt = db.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
        };
        let sizes = list(&format!(
            "SELECT d.doc_no || ' has ' || COUNT(j.id) FROM documents d JOIN journal j ON j.document_id = d.id \
             WHERE d.kind IN ('issue', 'return', 'transfer', 'scrap', 'void') GROUP BY d.id HAVING COUNT(j.id) != {DOC_LINES}"
        ));
        assert!(sizes.is_empty(), "half-applied documents {sizes:?}: {ctx}");

        // Every backup the folder lists verifies; acknowledged ones still exist unless pruned.
        let listed = ledger::list_backups(&self.d().join("backups")).unwrap();
        for file in &listed {
            ledger::verify_backup(file).unwrap_or_else(|e| panic!("listed backup {} does not verify: {e}; {ctx}", file.display()));
        }
        if let Some(last) = self.acked_backups.last() {
            assert!(last.is_file(), "the newest acknowledged backup {} is gone: {ctx}", last.display());
        }
    }
}

fn seed() -> u64 {
    std::env::var("ASSETDESK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64)
}

#[test]
fn killed_operations_leave_a_whole_ledger_and_lose_nothing_acknowledged() {
    let iterations: usize = std::env::var("ASSETDESK_CRASH_ITERATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    let seed = seed();
    eprintln!("crash harness: seed {seed} (ASSETDESK_CRASH_SEED={seed}), {iterations} kills");
    let mut h = Harness::new(seed);
    h.check("after setup");
    let mut round = 0;
    while h.kills < iterations {
        round += 1;
        h.step(round);
        assert!(round < iterations * 8, "kills are not landing (seed {seed}): {} kills in {round} rounds", h.kills);
    }
    eprintln!("crash harness: {} kills in {round} rounds; operation times {:?}", h.kills, h.took);
    eprintln!("kills that found the operation [not applied, applied, part-applied (scans)]: {:?}", h.landed);
    assert!(!h.acked_docs.is_empty() || round < 10, "some operations finished too (seed {seed})");
}

/// A restore killed at any moment leaves either the ledger as it was or the backup's
/// contents: never a mixture, never a damaged file.
#[test]
fn a_killed_restore_leaves_the_old_ledger_or_the_backup_never_a_mixture() {
    let seed = seed();
    let kills: usize = std::env::var("ASSETDESK_CRASH_ITERATIONS").ok().and_then(|s| s.parse().ok()).map_or(8, |n: usize| n / 4 + 1);
    eprintln!("restore crash: seed {seed} (ASSETDESK_CRASH_SEED={seed}), {kills} kills");
    let mut h = Harness::new(seed);
    let count = |h: &Harness| -> i64 { h.db().query_row("SELECT COUNT(*) FROM assets", [], |r| r.get(0)).unwrap() };
    let small = PathBuf::from(must(h.d(), &strings(&["backup", "create", "--to", h.d().join("usb").to_str().unwrap()]))["file"].as_str().unwrap());
    let more = h.csv("R-", IMPORT_ROWS);
    must(h.d(), &["import".to_string(), more.display().to_string()]);
    let large = PathBuf::from(must(h.d(), &strings(&["backup", "create", "--to", h.d().join("usb").to_str().unwrap()]))["file"].as_str().unwrap());
    let sizes = [(small.clone(), count(&h) - IMPORT_ROWS as i64), (large.clone(), count(&h))];
    let mut budget = Duration::from_millis(400);
    let (mut landed, mut round) = (0, 0);
    while landed < kills {
        round += 1;
        assert!(round < kills * 20, "kills are not landing (seed {seed})");
        let (file, target) = &sizes[round % 2];
        let before = count(&h);
        // Somewhere within the shortest restore seen so far: on a busy machine a restore's
        // time varies, and a delay past it would miss.
        let budget_us = budget.as_micros() as usize;
        let delay = Duration::from_micros(h.rng.below(budget_us * 9 / 10 + 1) as u64);
        let e = run_and_kill(h.d(), &strings(&["backup", "restore", file.to_str().unwrap()]), delay);
        let ctx = format!("seed {seed} (ASSETDESK_CRASH_SEED={seed}), round {round}, killed {} after {:?}: {}", e.killed, e.took, e.stderr);
        if e.killed {
            landed += 1;
        } else {
            assert!(e.success, "{ctx}");
            budget = budget.min(e.took);
        }
        let after = count(&h);
        assert!(after == before || after == *target, "{after} assets: neither the old ledger ({before}) nor the backup ({target}); {ctx}");
        if e.success {
            assert_eq!(after, *target, "{ctx}");
        }
        h.check(&ctx);
    }
}
