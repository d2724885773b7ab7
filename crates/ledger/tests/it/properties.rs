//! Property tests on a real ledger file: random sequences of lifecycle documents, voids
//! and depreciation runs (most of them refused, as a clerk's mistakes would be) keep the
//! ledger's invariants after every step:
//!
//! - the ledger agrees with itself (`consistency_problems`: journal replayed from nothing
//!   equals every asset's status, department, location and custodian; every line starts
//!   where the previous one left the asset — so no asset is ever in two places; whole
//!   documents with their voids and audit entries);
//! - a refused document or void changes nothing at all;
//! - a posted document's assets are where its last line says; a void puts them back;
//! - depreciation never takes an asset's net value below its salvage value, never
//!   charges a negative amount, and its accumulated total only grows.
//!
//! `PROPTEST_CASES=500` for a long run (default 16 sequences of up to 40 steps).

use std::collections::HashMap;

use ledger::{AssetInput, DocKind, DocRequest, Period};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::common::{setup, Fixture};

const ASSETS: usize = 4;
const PEOPLE: [&str; 2] = ["张三", "李四"];
const DEPTS: [&str; 2] = ["财务部", "生产部"];

#[derive(Debug, Clone)]
enum Step {
    Doc { kind: DocKind, asset: usize, other: usize },
    Void { doc: usize },
    Depreciate,
}

fn step() -> impl Strategy<Value = Step> {
    use DocKind::*;
    let kinds = prop::sample::select(vec![Issue, Return, Transfer, Loan, LoanReturn, Defect, DefectClear, Fault, Repair, Scrap, Dispose, WriteOff]);
    prop_oneof![
        6 => (kinds, 0..ASSETS, 0..2usize).prop_map(|(kind, asset, other)| Step::Doc { kind, asset, other }),
        2 => (0..8usize).prop_map(|doc| Step::Void { doc }),
        2 => Just(Step::Depreciate),
    ]
}

fn request(kind: DocKind, code: &str, other: usize) -> DocRequest {
    let base = DocRequest::new(kind, vec![code.to_string()]);
    match kind {
        DocKind::Issue => DocRequest { person: PEOPLE[other].into(), dept: DEPTS[other].into(), location: format!("{other}楼"), ..base },
        DocKind::Transfer => DocRequest { dept: DEPTS[other].into(), location: format!("{other}号库"), ..base },
        DocKind::Loan => DocRequest { person: PEOPLE[other].into(), due: "2027-01-31".into(), ..base },
        DocKind::Defect | DocKind::Fault | DocKind::Scrap => DocRequest { reason: "屏幕损坏".into(), ..base },
        DocKind::Dispose => DocRequest { method: if other == 0 { "sale" } else { "destroy" }.into(), amount: "10".into(), ..base },
        DocKind::WriteOff => DocRequest { method: ["lost", "destroyed"][other].into(), reason: "盘亏".into(), ..base },
        _ => base,
    }
}

/// Everything a refused operation must leave as it was.
fn fingerprint(dir: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(ledger::Ledger::file_in(dir)).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT id || status || COALESCE(dept_id, '') || '/' || COALESCE(location_id, '') || '/' || COALESCE(custodian_id, '') FROM assets ORDER BY id",
        "SELECT doc_no || state FROM documents ORDER BY id",
        "SELECT COUNT(*) FROM journal",
        "SELECT COUNT(*) FROM incidents",
        "SELECT COUNT(*) FROM depreciation_lines",
        "SELECT COUNT(*) FROM audit_log",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        out.extend(stmt.query_map([], |r| r.get::<_, rusqlite::types::Value>(0)).unwrap().map(|v| format!("{:?}", v.unwrap())));
    }
    out
}

/// Net value against salvage for every posted depreciation line; accumulated only grows.
fn check_values(dir: &std::path::Path) -> Result<(), TestCaseError> {
    let conn = rusqlite::Connection::open(ledger::Ledger::file_in(dir)).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT a.code, a.value_fen, a.salvage_rate, a.salvage_fen, l.period, l.amount_fen, l.accumulated_fen, l.nbv_fen \
             FROM depreciation_lines l JOIN depreciation_runs r ON r.id = l.run_id JOIN assets a ON a.id = l.asset_id \
             WHERE r.state = 'posted' ORDER BY a.id, l.period",
        )
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut last: HashMap<String, i64> = HashMap::new();
    while let Some(r) = rows.next().unwrap() {
        let (code, value, rate, salvage_fen): (String, i64, String, Option<i64>) = (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap(), r.get(3).unwrap());
        let (period, amount, accumulated, nbv): (String, i64, i64, i64) = (r.get(4).unwrap(), r.get(5).unwrap(), r.get(6).unwrap(), r.get(7).unwrap());
        let salvage = salvage_fen.map(Decimal::from).unwrap_or_else(|| (Decimal::from(value) * rate.parse::<Decimal>().unwrap()).round());
        prop_assert!(Decimal::from(nbv) >= salvage, "{code} {period}: net value {nbv} fen below salvage {salvage} fen");
        prop_assert!(amount >= 0, "{code} {period}: negative charge {amount}");
        prop_assert_eq!(nbv, value - accumulated, "{} {}: net value is cost less accumulated", code, period);
        let before = last.insert(code.clone(), accumulated).unwrap_or(0);
        prop_assert!(accumulated >= before, "{code} {period}: accumulated fell from {before} to {accumulated}");
    }
    Ok(())
}

fn next_period(f: &Fixture) -> Period {
    let conn = rusqlite::Connection::open(ledger::Ledger::file_in(f.ledger.dir())).unwrap();
    let last: Option<String> = conn.query_row("SELECT MAX(period) FROM depreciation_runs WHERE state = 'posted'", [], |r| r.get(0)).unwrap();
    last.map(|p| p.parse::<Period>().unwrap().next()).unwrap_or_else(|| "2025-04".parse().unwrap())
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut f = setup();
    let dir = f.ledger.dir().to_path_buf();
    let methods = ["straight-line", "double-declining", "sum-of-years", "straight-line"];
    let codes: Vec<String> = (0..ASSETS)
        .map(|i| {
            let input = AssetInput {
                name: format!("设备{i}"),
                category: "电脑".into(),
                dept: "行政部".into(),
                acquired: "2025-03-01".into(),
                value: format!("{}.{}", 1200 + 37 * i, 3 * i),
                life_years: "1".into(),
                salvage_rate: ["5%", "4%", "0", "10%"][i].into(),
                method: methods[i].into(),
                ..AssetInput::default()
            };
            f.ledger.add_asset(&f.admin, &input).unwrap()
        })
        .collect();
    let mut posted: Vec<String> = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        let before = fingerprint(&dir);
        let outcome = match step {
            Step::Doc { kind, asset, other } => f.ledger.post_document(&f.admin, &request(*kind, &codes[*asset], *other)).map(|no| posted.push(no)),
            Step::Void { doc } if posted.is_empty() => {
                let _ = doc;
                continue;
            }
            Step::Void { doc } => f.ledger.void_document(&f.admin, &posted[doc % posted.len()], "录入错误").map(|_| ()),
            Step::Depreciate => {
                let period = next_period(&f);
                if period > "2026-10".parse().unwrap() {
                    continue;
                }
                f.ledger.run_depreciation(&f.admin, period, &mut |_, _| true).map(|_| ())
            }
        };
        if let Err(e) = &outcome {
            prop_assert!(e.code != ledger::ErrorCode::Internal && e.code != ledger::ErrorCode::Io, "step {n} {step:?} failed, not refused: {e}");
            prop_assert_eq!(&fingerprint(&dir), &before, "step {} {:?} was refused ({}) but changed the ledger", n, step, e);
        }
        let problems = f.ledger.consistency_problems(&f.admin).unwrap();
        prop_assert!(problems.is_empty(), "after step {n} {step:?}: {problems:?}");
        check_values(&dir)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(16),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_documents_voids_and_runs_keep_the_ledger_whole(steps in prop::collection::vec(step(), 1..40)) {
        run(steps)?;
    }
}

/// The checker the properties rely on is not vacuous: each kind of tampering shows.
#[test]
fn the_consistency_check_sees_a_moved_asset_a_lost_line_and_a_skewed_counter() {
    let mut f = setup();
    let code = f.ledger.add_asset(&f.admin, &crate::common::laptop("笔记本")).unwrap();
    f.ledger.post_document(&f.admin, &request(DocKind::Issue, &code, 1)).unwrap();
    assert_eq!(f.ledger.consistency_problems(&f.admin).unwrap(), Vec::<String>::new());
    let dir = f.ledger.dir().to_path_buf();
    let tamper = |sql: &str| rusqlite::Connection::open(ledger::Ledger::file_in(&dir)).unwrap().execute_batch(sql).unwrap();

    tamper("UPDATE assets SET dept_id = NULL");
    let problems = f.ledger.consistency_problems(&f.admin).unwrap();
    assert!(problems.iter().any(|p| p.contains(&code) && p.contains("journal ends")), "{problems:?}");
    tamper("UPDATE assets SET dept_id = (SELECT dept_id FROM journal ORDER BY id DESC LIMIT 1)");
    assert!(f.ledger.consistency_problems(&f.admin).unwrap().is_empty());

    tamper("DELETE FROM journal WHERE id = (SELECT MAX(id) FROM journal)");
    let problems = f.ledger.consistency_problems(&f.admin).unwrap();
    assert!(problems.iter().any(|p| p.contains("has no lines")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains(&code)), "the asset no longer matches its journal: {problems:?}");
}
