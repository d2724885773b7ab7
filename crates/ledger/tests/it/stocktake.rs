//! Stocktake on a real ledger file: verdicts, counters, the report, closing with its
//! stocktake-adjustment document, read-only after close, permissions.

use ledger::{
    AssetInput, AssetStatus, DocKind, DocRequest, ErrorCode, Ledger, Role, ScanInput, ScanSource, StocktakeInput, StocktakeState,
    Verdict,
};

use crate::common::{laptop, setup, Fixture};

fn asset(f: &mut Fixture, name: &str, dept: &str, location: &str) -> String {
    let input = AssetInput { dept: dept.into(), location: location.into(), ..laptop(name) };
    f.ledger.add_asset(&f.admin, &input).unwrap()
}

fn scan(f: &mut Fixture, id: i64, code: &str) -> Verdict {
    f.ledger.record_scan(&f.admin, id, &ScanInput::new(code, ScanSource::Manual)).unwrap().verdict
}

fn scan_at(f: &mut Fixture, id: i64, code: &str, location: &str) -> Verdict {
    let input = ScanInput { location: location.into(), ..ScanInput::new(code, ScanSource::Keyboard) };
    f.ledger.record_scan(&f.admin, id, &input).unwrap().verdict
}

/// 行政部 has three assets in 301 and one in 302; 财务部 one; one written off.
struct Office {
    a301: [String; 3],
    a302: String,
    finance: String,
    gone: String,
}

fn office(f: &mut Fixture) -> Office {
    let a301 = [asset(f, "笔记本电脑", "行政部", "301室"), asset(f, "台式电脑", "行政部", "301室"), asset(f, "打印机", "行政部", "301室")];
    let a302 = asset(f, "投影仪", "行政部", "302室");
    let finance = asset(f, "保险柜", "财务部", "财务室");
    let gone = asset(f, "旧电脑", "行政部", "301室");
    let mut req = DocRequest::new(DocKind::WriteOff, vec![gone.clone()]);
    req.method = "lost".into();
    f.ledger.post_document(&f.admin, &req).unwrap();
    Office { a301, a302, finance, gone }
}

fn task(f: &mut Fixture, dept: &str) -> i64 {
    let input = StocktakeInput { name: "2026 年末盘点".into(), dept: dept.into(), plan_start: "2026-12-01".into(), ..Default::default() };
    let id = f.ledger.create_stocktake(&f.admin, &input).unwrap();
    f.ledger.start_stocktake(&f.admin, id).unwrap();
    id
}

#[test]
fn each_scan_gets_its_verdict_and_the_counters_move() {
    let mut f = setup();
    let o = office(&mut f);
    let id = task(&mut f, "行政部");
    let row = f.ledger.stocktake(&f.admin, id).unwrap();
    assert_eq!(row.state, StocktakeState::Counting);
    assert_eq!(row.counters.expected, 4, "three in 301, one in 302; the written-off one is not expected");

    let first = f.ledger.record_scan(&f.admin, id, &ScanInput::new(&o.a301[0], ScanSource::Serial)).unwrap();
    assert_eq!(first.verdict, Verdict::Found);
    assert_eq!(first.name.as_deref(), Some("笔记本电脑"));
    assert_eq!((first.counters.expected, first.counters.found, first.counters.remaining), (4, 1, 3));

    assert_eq!(scan(&mut f, id, &o.a301[0]), Verdict::Duplicate);
    assert_eq!(scan(&mut f, id, "ZC-1999-99999"), Verdict::Surplus);
    assert_eq!(scan(&mut f, id, "ZC-1999-99999"), Verdict::Duplicate);
    // Recorded in another department than the task counts.
    assert_eq!(scan(&mut f, id, &o.finance), Verdict::Misplaced);
    // Off the books: not part of this count.
    assert_eq!(scan(&mut f, id, &o.gone), Verdict::OutOfScope);
    // Expected, but the clerk is counting 302 and the ledger says 301.
    assert_eq!(scan_at(&mut f, id, &o.a301[1], "302室"), Verdict::Misplaced);
    assert_eq!(scan_at(&mut f, id, &o.a302, "302室"), Verdict::Found);

    let last = f.ledger.record_scan(&f.admin, id, &ScanInput::new(" ", ScanSource::Keyboard));
    assert_eq!(last.unwrap_err().code, ErrorCode::InvalidInput);
    let garbage = f.ledger.record_scan(&f.admin, id, &ScanInput::new("\u{1b}[A电脑 01", ScanSource::Keyboard)).unwrap_err();
    assert_eq!(garbage.code, ErrorCode::InvalidInput);
    assert_eq!(garbage.fields, vec!["code"]);
    assert!(garbage.message(ledger::Lang::ZhCn).contains("不是资产编码"), "{garbage}");
    let unknown_place = f.ledger.record_scan(&f.admin, id, &ScanInput { location: "月球".into(), ..ScanInput::new(&o.a302, ScanSource::Manual) });
    assert_eq!(unknown_place.unwrap_err().fields, vec!["location"]);

    let row = f.ledger.stocktake(&f.admin, id).unwrap();
    assert_eq!((row.counters.expected, row.counters.found, row.counters.remaining, row.counters.scans), (4, 3, 1, 8));
    let recent = f.ledger.recent_scans(&f.admin, id, 3).unwrap();
    let codes: Vec<&str> = recent.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, [o.a302.as_str(), o.a301[1].as_str(), o.gone.as_str()], "newest first; refused codes are not stored");
    assert_eq!(recent[0].location.as_deref(), Some("302室"));
    assert_eq!(recent[0].source, ScanSource::Keyboard);
}

#[test]
fn the_report_lists_missing_surplus_misplaced_and_statistics() {
    let mut f = setup();
    let o = office(&mut f);
    let id = task(&mut f, "");
    for code in [&o.a301[0], &o.a301[0], &o.a302] {
        scan(&mut f, id, code);
    }
    scan_at(&mut f, id, &o.a301[1], "302室");
    scan(&mut f, id, "ZC-OLD-0001");
    let r = f.ledger.stocktake_report(&f.admin, id).unwrap();
    assert_eq!((r.expected, r.found, r.duplicates), (5, 3, 1));
    let missing: Vec<&str> = r.missing.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(missing.len(), 2);
    assert!(missing.contains(&o.a301[2].as_str()) && missing.contains(&o.finance.as_str()));
    assert_eq!(r.missing_value.to_string(), "13999.00", "two laptops' worth at 6,999.50, exact");
    assert_eq!(r.surplus.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(), ["ZC-OLD-0001"]);
    assert_eq!(r.misplaced.len(), 1);
    assert_eq!(r.misplaced[0].location.as_deref(), Some("301室"));
    assert_eq!(r.misplaced[0].scanned_location.as_deref(), Some("302室"));
    let admin = r.by_dept.iter().find(|s| s.dept.as_deref() == Some("行政部")).unwrap();
    assert_eq!((admin.expected, admin.found, admin.missing), (4, 3, 1));
    let finance = r.by_dept.iter().find(|s| s.dept.as_deref() == Some("财务部")).unwrap();
    assert_eq!((finance.expected, finance.found, finance.missing), (1, 0, 1));
}

#[test]
fn closing_applies_the_differences_through_one_document_and_freezes_the_task() {
    let mut f = setup();
    let o = office(&mut f);
    // Where the ledger has no location, the counted one is filled in at close.
    let nowhere = f.ledger.add_asset(&f.admin, &AssetInput { location: String::new(), ..laptop("扫描仪") }).unwrap();
    let id = task(&mut f, "行政部");
    scan(&mut f, id, &o.a301[0]);
    scan_at(&mut f, id, &o.a301[1], "302室"); // misplaced within scope: location corrected
    scan(&mut f, id, &o.finance); // misplaced: another department, moves into 行政部
    scan_at(&mut f, id, "ZC-OLD-0001", "302室"); // surplus
    assert_eq!(scan_at(&mut f, id, &nowhere, "302室"), Verdict::Found);
    // a301[2] and a302 are never scanned: missing.

    let out = f.ledger.close_stocktake(&f.admin, id, ledger::UnreviewedLines::Accept).unwrap();
    let doc_no = out.doc_no.clone().unwrap();
    assert!(doc_no.starts_with("PD-"), "{doc_no}");
    assert_eq!(out.registered, ["ZC-OLD-0001"]);
    let mut missing = out.marked_missing.clone();
    missing.sort();
    let mut want = vec![o.a301[2].clone(), o.a302.clone()];
    want.sort();
    assert_eq!(missing, want);
    assert_eq!(out.corrected.len(), 3);
    assert!(out.corrected.contains(&nowhere));
    assert_eq!(f.ledger.asset(&f.admin, &nowhere).unwrap().row.location.as_deref(), Some("302室"));

    let card = f.ledger.asset(&f.admin, &o.a301[2]).unwrap();
    assert_eq!(card.row.status, AssetStatus::Missing);
    assert_eq!(card.history.last().unwrap().kind, "stocktake-adjust");
    let moved = f.ledger.asset(&f.admin, &o.a301[1]).unwrap();
    assert_eq!(moved.row.location.as_deref(), Some("302室"));
    let finance = f.ledger.asset(&f.admin, &o.finance).unwrap();
    assert_eq!(finance.row.dept.as_deref(), Some("行政部"));
    assert_eq!(finance.row.status, AssetStatus::InStock);
    let surplus = f.ledger.asset(&f.admin, "ZC-OLD-0001").unwrap();
    assert_eq!((surplus.row.name.as_str(), surplus.row.category.as_str()), ("盘盈资产", "盘盈资产"));
    assert_eq!(surplus.row.status, AssetStatus::InStock);
    assert_eq!(surplus.row.location.as_deref(), Some("302室"));
    assert_eq!(surplus.history.len(), 1);
    assert_eq!(surplus.history[0].doc_no, doc_no);
    // The search box finds them as they are now: the surplus asset, and the moved ones
    // by their new location and department (closing used to leave the index behind).
    let search = |text: &str| -> Vec<String> {
        let q = ledger::AssetQuery { text: text.into(), ..Default::default() };
        f.ledger.list_assets(&f.admin, &q).unwrap().rows.into_iter().map(|r| r.code).collect()
    };
    assert_eq!(search("ZC-OLD"), ["ZC-OLD-0001"]);
    assert_eq!(search("盘盈"), ["ZC-OLD-0001"]);
    assert!(search("302室").contains(&o.a301[1]) && search("302室").contains(&nowhere), "{:?}", search("302室"));
    assert!(search("行政部").contains(&o.finance));
    assert!(!search("财务部").contains(&o.finance));

    let doc = f.ledger.document(&f.admin, &doc_no).unwrap();
    assert_eq!(doc.row.kind, DocKind::StocktakeAdjust);
    assert_eq!(doc.lines.len(), 6);
    let details: Vec<&str> = doc.lines.iter().map(|l| l.detail.as_str()).collect();
    for d in ["盘亏", "位置更正", "盘盈", "位置补录"] {
        assert!(details.contains(&d), "{details:?}");
    }
    // The adjustment is the outcome of a closed stocktake: it cannot be voided.
    let void = f.ledger.void_document(&f.admin, &doc_no, "手误").unwrap_err();
    assert_eq!(void.code, ErrorCode::Conflict);
    // Writing off what is missing is a separate, ordinary write-off document.
    let mut wo = DocRequest::new(DocKind::WriteOff, vec![o.a302.clone()]);
    wo.method = "lost".into();
    assert!(f.ledger.post_document(&f.admin, &wo).unwrap().starts_with("HX-"));

    // Closed is read-only: no scans, no imports, no second close, no restart.
    let row = f.ledger.stocktake(&f.admin, id).unwrap();
    assert_eq!(row.state, StocktakeState::Closed);
    assert_eq!(row.close_doc.as_deref(), Some(doc_no.as_str()));
    let err = f.ledger.record_scan(&f.admin, id, &ScanInput::new(&o.a301[0], ScanSource::Manual)).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::Conflict, vec!["stocktake".to_string()]));
    assert!(err.message(ledger::Lang::ZhCn).contains("已结束"));
    assert_eq!(f.ledger.import_scans(&f.admin, id, &[(1, ScanInput::new("ZC-X", ScanSource::Batch))]).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(f.ledger.close_stocktake(&f.admin, id, ledger::UnreviewedLines::Accept).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(f.ledger.start_stocktake(&f.admin, id).unwrap_err().code, ErrorCode::Conflict);
    // The report of a closed task still reads the same.
    let r = f.ledger.stocktake_report(&f.admin, id).unwrap();
    assert_eq!(r.missing.len(), 2);
    assert_eq!(r.surplus.len(), 1);
    let check = f.ledger.verify_audit(&f.admin).unwrap();
    assert!(check.ok(), "{check:?}");
    assert_eq!(check.entries, f.ledger.audit_entries(&f.admin, 10_000).unwrap().len() as i64);
}

#[test]
fn an_asset_missing_from_an_earlier_count_comes_back_when_found() {
    let mut f = setup();
    let o = office(&mut f);
    let first = task(&mut f, "行政部");
    f.ledger.close_stocktake(&f.admin, first, ledger::UnreviewedLines::Accept).unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &o.a302).unwrap().row.status, AssetStatus::Missing);

    let second = task(&mut f, "行政部");
    assert_eq!(f.ledger.stocktake(&f.admin, second).unwrap().counters.expected, 4, "missing assets are still counted");
    assert_eq!(scan(&mut f, second, &o.a302), Verdict::Found);
    let out = f.ledger.close_stocktake(&f.admin, second, ledger::UnreviewedLines::Accept).unwrap();
    assert_eq!(out.recovered, std::slice::from_ref(&o.a302));
    assert_eq!(f.ledger.asset(&f.admin, &o.a302).unwrap().row.status, AssetStatus::InStock);
    assert!(out.marked_missing.is_empty(), "already missing ones are not marked twice");
}

#[test]
fn batch_import_keeps_good_lines_and_names_bad_ones() {
    let mut f = setup();
    let o = office(&mut f);
    let id = task(&mut f, "");
    let when = ledger::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(10, 15, 0).unwrap();
    let lines = vec![
        (2, ScanInput { at: Some(when), ..ScanInput::new(&o.a301[0], ScanSource::Batch) }),
        (3, ScanInput::new("bad code", ScanSource::Batch)),
        (4, ScanInput::new(&o.a301[0], ScanSource::Batch)),
        (5, ScanInput::new("ZC-NEW-1", ScanSource::Batch)),
    ];
    let out = f.ledger.import_scans(&f.admin, id, &lines).unwrap();
    let verdicts: Vec<Verdict> = out.outcomes.iter().map(|o| o.verdict).collect();
    assert_eq!(verdicts, [Verdict::Found, Verdict::Duplicate, Verdict::Surplus]);
    assert_eq!(out.errors.len(), 1);
    assert_eq!(out.errors[0].0, 3);
    let stored = f.ledger.recent_scans(&f.admin, id, 10).unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored.last().unwrap().at.starts_with("2026-11-23T"), "{}", stored.last().unwrap().at);
}

#[test]
fn permissions_and_states() {
    let mut f = setup();
    let o = office(&mut f);
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "clerk-pass").unwrap();
    f.ledger.add_user(&f.admin, "finclerk", Role::Normal, Some("财务部"), "clerk-pass").unwrap();
    let clerk = f.ledger.login("clerk", "clerk-pass").unwrap();
    let other = f.ledger.login("finclerk", "clerk-pass").unwrap();
    let planned = StocktakeInput { name: "行政部盘点".into(), dept: "行政部".into(), ..Default::default() };
    assert_eq!(f.ledger.create_stocktake(&clerk, &planned).unwrap_err().code, ErrorCode::Forbidden);

    let id = f.ledger.create_stocktake(&f.admin, &planned).unwrap();
    // Scanning a planned task that has not started is refused.
    let err = f.ledger.record_scan(&f.admin, id, &ScanInput::new(&o.a302, ScanSource::Manual)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    f.ledger.start_stocktake(&f.admin, id).unwrap();
    // A normal user scans within their own department, not another's.
    assert_eq!(f.ledger.record_scan(&clerk, id, &ScanInput::new(&o.a302, ScanSource::Keyboard)).unwrap().verdict, Verdict::Found);
    assert_eq!(f.ledger.record_scan(&other, id, &ScanInput::new(&o.a302, ScanSource::Keyboard)).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(f.ledger.list_stocktakes(&clerk).unwrap().len(), 1);
    assert!(f.ledger.list_stocktakes(&other).unwrap().is_empty());
    assert_eq!(f.ledger.close_stocktake(&clerk, id, ledger::UnreviewedLines::Accept).unwrap_err().code, ErrorCode::Forbidden);

    let bad = StocktakeInput { name: " ".into(), dept: "没有的部门".into(), plan_start: "2026-13-01".into(), ..Default::default() };
    let err = f.ledger.create_stocktake(&f.admin, &bad).unwrap_err();
    for field in ["name", "plan_start", "dept"] {
        assert!(err.fields.contains(&field.to_string()), "{:?}", err.fields);
    }
}

#[test]
fn scans_are_append_only_in_the_file_and_belong_to_their_sessions() {
    let mut f = setup();
    let o = office(&mut f);
    let id = task(&mut f, "");
    scan(&mut f, id, &o.a302);
    let serial = f.ledger.begin_scan_session(&f.admin, id, ScanSource::Serial, "/dev/ttyACM0").unwrap();
    let keyboard = f.ledger.begin_scan_session(&f.admin, id, ScanSource::Keyboard, "").unwrap();
    for (session, code) in [(serial, &o.a301[0]), (keyboard, &o.a301[1]), (serial, &o.a301[2])] {
        let input = ScanInput { session: Some(session), ..ScanInput::new(code.as_str(), ScanSource::Serial) };
        f.ledger.record_scan(&f.admin, id, &input).unwrap();
    }
    let dir = f.ledger.dir().to_path_buf();
    drop(f.ledger);
    let conn = rusqlite::Connection::open(Ledger::file_in(&dir)).unwrap();
    assert!(conn.execute("UPDATE stocktake_scans SET verdict = 'found'", []).is_err());
    assert!(conn.execute("DELETE FROM stocktake_scans", []).is_err());
    let per_session: i64 = conn.query_row("SELECT COUNT(*) FROM stocktake_scans WHERE session_id = ?1", [serial], |r| r.get(0)).unwrap();
    assert_eq!(per_session, 2, "several sessions feed one task");
}

#[test]
fn close_applies_only_accepted_lines_and_refuses_while_lines_are_unreviewed() {
    use ledger::{ReviewDecision, UnreviewedLines};
    let mut f = setup();
    let o = office(&mut f);
    let id = task(&mut f, "行政部");
    for code in [&o.a301[0], &o.a301[1]] {
        scan(&mut f, id, code);
    }
    scan(&mut f, id, "ZC-OLD-0001"); // surplus, looks like ours
    // a301[2] and a302 are missing; accept one, leave the other and the surplus unreviewed.
    f.ledger.review_stocktake_line(&f.admin, id, &o.a302, ReviewDecision::Accepted, "").unwrap();
    let before = f.ledger.audit_entries(&f.admin, 10_000).unwrap().len();

    let err = f.ledger.close_stocktake(&f.admin, id, UnreviewedLines::Refuse).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::Conflict, vec!["unreviewed".to_string()]));
    let zh = err.message(ledger::Lang::ZhCn);
    assert!(zh.contains("2 行差异尚未复核") && zh.contains(&o.a301[2]) && zh.contains("ZC-OLD-0001") && !zh.contains(&o.a302), "{zh}");
    assert_eq!(f.ledger.stocktake(&f.admin, id).unwrap().state, StocktakeState::Counting, "the refusal changes nothing");
    assert_eq!(f.ledger.audit_entries(&f.admin, 10_000).unwrap().len(), before);
    assert_eq!(f.ledger.asset(&f.admin, &o.a302).unwrap().row.status, AssetStatus::InStock);

    // Leaving them out applies the accepted line only and lists the rest.
    let out = f.ledger.close_stocktake(&f.admin, id, UnreviewedLines::Leave).unwrap();
    assert_eq!(out.marked_missing, std::slice::from_ref(&o.a302));
    assert!(out.registered.is_empty(), "{out:?}");
    let mut kept: Vec<&str> = out.not_applied.iter().map(|l| l.code.as_str()).collect();
    kept.sort();
    let mut want = vec!["ZC-OLD-0001", o.a301[2].as_str()];
    want.sort();
    assert_eq!(kept, want);
    assert!(out.not_applied.iter().all(|l| l.decision.is_none() && !l.applies));
    assert_eq!(f.ledger.asset(&f.admin, &o.a302).unwrap().row.status, AssetStatus::Missing);
    assert_eq!(f.ledger.asset(&f.admin, &o.a301[2]).unwrap().row.status, AssetStatus::InStock, "an unreviewed line is left as it was");
    let log = f.ledger.audit_entries(&f.admin, 10_000).unwrap();
    assert!(log.len() > before, "the close is audited");
    let check = f.ledger.verify_audit(&f.admin).unwrap();
    assert!(check.ok(), "{check:?}");
}
