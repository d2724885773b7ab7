//! Value-change documents (issue 21) on a real ledger file, with figures worked by hand.
//!
//! The printer of accounting.rs: 12,000.00, 5 years straight-line, acquired 2026-01-31.
//!
//! Enterprise (salvage 5% of the cost), 190.00 a month from 2026-02. February and March are
//! posted (380.00). 改扩建 +3,000.00 on 2026-04-30 (the last day of April: the month, not the
//! day, decides) is charged on from May: April still charges 190.00 on the old plan
//! (570.00), the new cost is 15,000.00 (salvage 750.00), the net value at the end of April
//! 14,430.00, 57 months left: (14,430 − 750) / 57 = 240.00 a month to 2031-01, ending 750.00.
//!
//! Government (no salvage), 200.00 a month from 2026-01. January–March are posted (600.00).
//! 改扩建 +2,850.00 on 2026-04-01 is charged from April itself (the month of the change):
//! cost 14,850.00, net 14,250.00, 57 months left: 250.00 a month to 2030-12, ending 0.00.

use ledger::{AssetInput, DocKind, DocRequest, ErrorCode, Lang, Period, Regime, RepairCostInput, RepairOpen, RepairStep, Role, ValueChangeInput};

use crate::common::{setup, Fixture};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn printer(f: &mut Fixture, salvage_rate: &str) -> String {
    let input = AssetInput {
        name: "激光打印机".into(),
        category: "办公设备".into(),
        dept: "办公室".into(),
        acquired: "2026-01-31".into(),
        value: "12000".into(),
        life_years: "5".into(),
        salvage_rate: salvage_rate.into(),
        method: "straight-line".into(),
        ..AssetInput::default()
    };
    f.ledger.add_asset(&f.admin, &input).unwrap()
}

fn ledger_with(regime: Regime) -> Fixture {
    let mut f = setup();
    f.ledger.set_accounting_regime(&f.admin, regime).unwrap();
    f
}

fn run(f: &mut Fixture, period: &str) -> ledger::DepreciationRun {
    f.ledger.run_depreciation(&f.admin, p(period), &mut |_, _| true).unwrap_or_else(|e| panic!("run {period}: {e}"))
}

fn change(code: &str, kind: &str, amount: &str, date: &str) -> ValueChangeInput {
    ValueChangeInput { code: code.into(), kind: kind.into(), amount: amount.into(), date: date.into(), reason: "加装双面器".into(), notes: String::new() }
}

/// (period, amount, net value) of the schedule's row for `period`.
fn row(f: &Fixture, code: &str, period: &str) -> (String, String) {
    let s = f.ledger.depreciation_schedule(&f.admin, code).unwrap();
    let r = s.rows.iter().find(|r| r.period == p(period)).unwrap_or_else(|| panic!("no row {period}"));
    (r.amount.to_string(), r.net_book_value.to_string())
}

fn register(f: &Fixture, code: &str, period: &str) -> (String, String, String) {
    let lines = f.ledger.asset_register_at(&f.admin, p(period)).unwrap();
    let l = lines.iter().find(|l| l.code == code).unwrap();
    (l.cost.to_string(), l.accumulated.to_string(), l.net_book_value.to_string())
}

#[test]
fn enterprise_add_value_mid_life_charges_the_new_net_value_from_the_next_month() {
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    run(&mut f, "2026-02");
    run(&mut f, "2026-03");
    let done = f.ledger.record_value_change(&f.admin, &change(&code, "add", "3,000.00", "2026-04-30")).unwrap();
    assert!(done.doc_no.starts_with("JZ-"), "{}", done.doc_no);
    assert!(!done.pending);
    assert_eq!(done.effective, p("2026-05"));
    assert_eq!((done.cost_before.to_string(), done.cost_after.to_string()), ("12000.00".into(), "15000.00".into()));
    assert_eq!((done.net_before.to_string(), done.net_after.to_string()), ("11430.00".into(), "14430.00".into()));
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.value.to_string(), "15000.00");

    let s = f.ledger.depreciation_schedule(&f.admin, &code).unwrap();
    assert_eq!(s.salvage.to_string(), "750.00");
    assert_eq!(row(&f, &code, "2026-04"), ("190.00".into(), "14430.00".into()), "April: old plan, new value at its end");
    assert_eq!(row(&f, &code, "2026-05"), ("240.00".into(), "14190.00".into()));
    let last = s.rows.last().unwrap();
    assert_eq!((last.period, last.net_book_value.to_string()), (p("2031-01"), "750.00".into()));
    assert!(s.rows.iter().filter(|r| r.period >= p("2026-05")).all(|r| r.amount.to_string() == "240.00"));
    assert_eq!(s.rows.iter().filter(|r| r.period >= p("2026-05")).count(), 57, "the remaining life, not a new one");

    // The register before, at and after the change's month.
    assert_eq!(register(&f, &code, "2026-03"), ("12000.00".into(), "380.00".into(), "11620.00".into()));
    assert_eq!(register(&f, &code, "2026-04"), ("15000.00".into(), "570.00".into(), "14430.00".into()));
    // The runs charge what the schedule said, and the posted lines keep it.
    let april = run(&mut f, "2026-04");
    let l = april.lines.iter().find(|l| l.code == code).unwrap();
    assert_eq!((l.amount.to_string(), l.cost.to_string(), l.net_book_value.to_string()), ("190.00".into(), "15000.00".into(), "14430.00".into()));
    let may = run(&mut f, "2026-05");
    assert_eq!(may.lines.iter().find(|l| l.code == code).unwrap().amount.to_string(), "240.00");
    assert_eq!(register(&f, &code, "2026-05"), ("15000.00".into(), "810.00".into(), "14190.00".into()));

    // The history shows it, and the value tab lists it.
    let card = f.ledger.asset(&f.admin, &code).unwrap();
    let h = card.history.iter().find(|h| h.doc_no == done.doc_no).expect("in the history");
    assert_eq!(h.kind_label(Lang::ZhCn), "价值变动");
    assert!(h.detail.contains("改扩建") && h.detail.contains("15000.00") && h.detail.contains("2026-05"), "{}", h.detail);
    // The changes report (资产变动) lists it with the change of net value.
    let april: chrono::NaiveDate = "2026-04-30".parse().unwrap();
    let changes = f.ledger.changes_report(&f.admin, april, april, &[ledger::ChangeKind::ValueChange]).unwrap();
    assert_eq!(changes.rows.len(), 1);
    assert_eq!((changes.rows[0].doc_no.as_str(), changes.rows[0].value.to_string(), changes.rows[0].note.as_str()), (done.doc_no.as_str(), "3000.00".into(), "加装双面器"));
    let tab = f.ledger.value_changes(&f.admin, &code).unwrap();
    assert_eq!(tab.len(), 1);
    assert_eq!((tab[0].state.as_str(), tab[0].net_after.to_string()), ("posted", "14430.00".into()));
    assert!(f.ledger.verify_audit(&f.admin).unwrap().ok());
}

#[test]
fn government_add_value_is_charged_from_the_month_of_the_change() {
    let mut f = ledger_with(Regime::Government);
    let code = printer(&mut f, "");
    for m in ["2026-01", "2026-02", "2026-03"] {
        run(&mut f, m);
    }
    let done = f.ledger.record_value_change(&f.admin, &change(&code, "add", "2850", "2026-04-01")).unwrap();
    assert_eq!(done.effective, p("2026-04"));
    assert_eq!(done.net_after.to_string(), "14250.00");
    assert_eq!(row(&f, &code, "2026-04"), ("250.00".into(), "14000.00".into()));
    let s = f.ledger.depreciation_schedule(&f.admin, &code).unwrap();
    let last = s.rows.last().unwrap();
    assert_eq!((last.period, last.net_book_value.to_string()), (p("2030-12"), "0.00".into()));
    assert_eq!(s.rows.iter().filter(|r| r.period >= p("2026-04")).count(), 57);
    assert_eq!(register(&f, &code, "2026-03"), ("12000.00".into(), "600.00".into(), "11400.00".into()));
    assert_eq!(register(&f, &code, "2026-04"), ("14850.00".into(), "850.00".into(), "14000.00".into()));
    assert_eq!(run(&mut f, "2026-04").lines.iter().find(|l| l.code == code).unwrap().amount.to_string(), "250.00");
}

#[test]
fn impairment_is_enterprise_only_and_lowers_the_net_value_not_the_cost() {
    // Enterprise: 1,140.00 impaired on 2026-04-15; April charges 190.00 (570.00), the net
    // value falls to 12,000 − 570 − 1,140 = 10,290.00; (10,290 − 600) / 57 = 170.00 a month.
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    run(&mut f, "2026-02");
    run(&mut f, "2026-03");
    let err = f.ledger.record_value_change(&f.admin, &change(&code, "impair", "20000", "2026-04-15")).unwrap_err();
    assert_eq!(err.fields, vec!["amount".to_string()], "more than the net value: {err}");
    let done = f.ledger.record_value_change(&f.admin, &change(&code, "减值", "1140", "2026-04-15")).unwrap();
    assert_eq!((done.cost_after.to_string(), done.net_after.to_string(), done.impairment_after.to_string()), ("12000.00".into(), "10290.00".into(), "1140.00".into()));
    assert_eq!(row(&f, &code, "2026-05"), ("170.00".into(), "10120.00".into()));
    assert_eq!(register(&f, &code, "2026-04"), ("12000.00".into(), "570.00".into(), "10290.00".into()));
    let s = f.ledger.depreciation_schedule(&f.admin, &code).unwrap();
    assert_eq!(s.impairment.to_string(), "1140.00");
    assert_eq!(s.rows.last().unwrap().net_book_value.to_string(), "600.00");
    // The posted detail still shows the original value.
    run(&mut f, "2026-04");
    let detail = f.ledger.depreciation_detail(&f.admin, p("2026-04")).unwrap();
    let l = detail.lines.iter().find(|l| l.code == code).unwrap();
    assert_eq!((l.cost.to_string(), l.net_book_value.to_string()), ("12000.00".into(), "10290.00".into()));

    // Government: refused, in both languages, and nothing is written.
    let mut g = ledger_with(Regime::Government);
    let code = printer(&mut g, "");
    let err = g.ledger.record_value_change(&g.admin, &change(&code, "impair", "100", "")).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::InvalidInput, vec!["kind".to_string()]));
    assert!(err.message(Lang::ZhCn).contains("政府会计准则下固定资产不计提减值准备"), "{err}");
    assert!(err.message(Lang::En).contains("government accounting regime"), "{err}");
    assert!(g.ledger.value_changes(&g.admin, &code).unwrap().is_empty());
    assert_eq!(g.ledger.asset(&g.admin, &code).unwrap().history.len(), 1, "only the registration");
}

#[test]
fn revaluation_makes_the_appraised_value_the_net_value() {
    // Government: net 11,400.00 after March; appraised at 11,970.00 on 2026-04-01: the cost
    // rises by 570.00 to 12,570.00 and 11,970 / 57 = 210.00 a month from April.
    let mut f = ledger_with(Regime::Government);
    let code = printer(&mut f, "");
    for m in ["2026-01", "2026-02", "2026-03"] {
        run(&mut f, m);
    }
    let err = f.ledger.record_value_change(&f.admin, &change(&code, "revalue", "11400", "2026-04-01")).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("与资产"), "the same value changes nothing: {err}");
    let done = f.ledger.record_value_change(&f.admin, &change(&code, "revalue", "11970", "2026-04-01")).unwrap();
    assert_eq!((done.cost_after.to_string(), done.net_after.to_string()), ("12570.00".into(), "11970.00".into()));
    assert_eq!(row(&f, &code, "2026-04"), ("210.00".into(), "11760.00".into()));
    assert_eq!(f.ledger.depreciation_schedule(&f.admin, &code).unwrap().rows.last().unwrap().net_book_value.to_string(), "0.00");
}

#[test]
fn bad_input_closed_periods_and_assets_off_the_books_are_refused() {
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    run(&mut f, "2026-02");
    let err = f.ledger.record_value_change(&f.admin, &ValueChangeInput { code: code.clone(), kind: "grow".into(), amount: "1.001".into(), date: "2026-13-01".into(), ..Default::default() }).unwrap_err();
    assert_eq!(err.fields, vec!["kind".to_string(), "amount".to_string(), "date".to_string(), "reason".to_string()], "all at once: {err}");
    let err = f.ledger.record_value_change(&f.admin, &change(&code, "add", "100", "2026-02-20")).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::Conflict, vec!["date".to_string()]), "a closed month: {err}");
    let err = f.ledger.record_value_change(&f.admin, &change(&code, "add", "-5", "")).unwrap_err();
    assert_eq!(err.fields, vec!["amount".to_string()]);
    let err = f.ledger.record_value_change(&f.admin, &change("ZC-NONE", "add", "5", "")).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    // A normal user may not.
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("办公室"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    assert_eq!(f.ledger.record_value_change(&clerk, &change(&code, "add", "5", "")).unwrap_err().code, ErrorCode::Forbidden);
    // The card's value no longer changes by editing once a value change exists (and the
    // depreciation already posted forbids it anyway).
    f.ledger.record_value_change(&f.admin, &change(&code, "add", "100", "2026-03-05")).unwrap();
    let err = f.ledger.record_value_change(&f.admin, &change(&code, "add", "100", "2026-03-01")).unwrap_err();
    assert_eq!(err.fields, vec!["date".to_string()], "not before the latest value change: {err}");
    // Scrapped: refused.
    f.ledger.post_document(&f.admin, &DocRequest { reason: "损坏".into(), ..DocRequest::new(DocKind::Scrap, vec![code.clone()]) }).unwrap();
    let err = f.ledger.record_value_change(&f.admin, &change(&code, "add", "100", "")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(Lang::ZhCn).contains("已报废"), "{err}");
}

#[test]
fn voiding_puts_the_value_back_only_while_nothing_depends_on_it() {
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    run(&mut f, "2026-02");
    let first = f.ledger.record_value_change(&f.admin, &change(&code, "add", "3000", "2026-03-10")).unwrap().doc_no;
    let second = f.ledger.record_value_change(&f.admin, &change(&code, "impair", "100", "2026-03-20")).unwrap().doc_no;
    let err = f.ledger.void_document(&f.admin, &first, "录错").unwrap_err();
    assert!(err.message(Lang::ZhCn).contains(&second), "a later document blocks it: {err}");
    f.ledger.void_document(&f.admin, &second, "录错").unwrap();
    f.ledger.void_document(&f.admin, &first, "录错").unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.value.to_string(), "12000.00");
    assert_eq!(row(&f, &code, "2026-04"), ("190.00".into(), "11430.00".into()), "the old plan again");
    assert!(f.ledger.value_changes(&f.admin, &code).unwrap().iter().all(|e| e.state == "voided"));
    // Once its month is closed it stays.
    let third = f.ledger.record_value_change(&f.admin, &change(&code, "add", "3000", "2026-03-25")).unwrap().doc_no;
    run(&mut f, "2026-03");
    let err = f.ledger.void_document(&f.admin, &third, "录错").unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("已结账"), "{err}");
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.value.to_string(), "15000.00");
    assert!(f.ledger.verify_audit(&f.admin).unwrap().ok());
}

#[test]
fn with_approval_on_a_value_change_waits_and_takes_effect_once_approved() {
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    run(&mut f, "2026-02");
    run(&mut f, "2026-03");
    f.ledger.set_approval_required(&f.admin, DocKind::ValueChange, true).unwrap();
    assert!(f.ledger.approval_settings(&f.admin).unwrap().iter().any(|s| s.kind == DocKind::ValueChange && s.required));
    f.ledger.add_user(&f.admin, "keeper", Role::Power, None, "secret2").unwrap();
    let keeper = f.ledger.login("keeper", "secret2").unwrap();
    let held = f.ledger.record_value_change(&keeper, &change(&code, "add", "3000", "2026-04-30")).unwrap();
    assert!(held.pending);
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.value.to_string(), "12000.00", "nothing changed yet");
    assert_eq!(row(&f, &code, "2026-05"), ("190.00".into(), "11240.00".into()));
    assert_eq!(f.ledger.value_changes(&f.admin, &code).unwrap()[0].state, "pending");
    assert!(f.ledger.pending_approvals(&f.admin).unwrap().iter().any(|p| p.doc_no == held.doc_no && p.kind == DocKind::ValueChange));
    assert_eq!(f.ledger.approve_document(&keeper, &held.doc_no).unwrap_err().code, ErrorCode::Forbidden, "not one's own");
    f.ledger.approve_document(&f.admin, &held.doc_no).unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.value.to_string(), "15000.00");
    assert_eq!(row(&f, &code, "2026-05"), ("240.00".into(), "14190.00".into()));
    assert_eq!(f.ledger.document(&f.admin, &held.doc_no).unwrap().row.state, "posted");

    // A rejected one never changes anything.
    let other = f.ledger.record_value_change(&keeper, &change(&code, "add", "500", "2026-04-30")).unwrap();
    f.ledger.reject_document(&f.admin, &other.doc_no, "无依据").unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.value.to_string(), "15000.00");
}

#[test]
fn a_capitalised_repair_cost_posts_and_links_an_add_value_document() {
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    run(&mut f, "2026-02");
    run(&mut f, "2026-03");
    let order = f.ledger.open_repair(&f.admin, &RepairOpen { code: code.clone(), fault: "卡纸".into(), date: "2026-04-02".into() }).unwrap();
    f.ledger.accept_repair(&f.admin, &RepairStep { order: order.clone(), ..RepairStep::default() }).unwrap();
    let cost = RepairCostInput { order: order.clone(), amount: "3,000.00".into(), invoice: "FP-9".into(), treatment: "capitalised".into(), date: "2026-04-30".into(), note: String::new() };
    f.ledger.record_repair_cost(&f.admin, &cost).unwrap();
    let detail = f.ledger.repair_order(&f.admin, &order).unwrap();
    let doc = detail.costs[0].value_doc.clone().expect("linked");
    assert!(doc.starts_with("JZ-"), "{doc}");
    let vc = f.ledger.document(&f.admin, &doc).unwrap();
    assert_eq!(vc.row.kind, DocKind::ValueChange);
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.value.to_string(), "15000.00");
    assert_eq!(row(&f, &code, "2026-05"), ("240.00".into(), "14190.00".into()));
    let err = f.ledger.void_document(&f.admin, &doc, "录错").unwrap_err();
    assert!(err.message(Lang::ZhCn).contains(&order), "a repair cost depends on it: {err}");
}

#[test]
fn a_revision_after_a_value_change_keeps_the_schedule_continuous() {
    // The value change (effective May) stored the accumulated through April on the old
    // plan; a revision from April changes April's charge, so it is carried into the change.
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    run(&mut f, "2026-02");
    run(&mut f, "2026-03");
    f.ledger.record_value_change(&f.admin, &change(&code, "add", "3000", "2026-04-30")).unwrap();
    let revision = ledger::RevisionInput { reason: "复核".into(), life_years: "6".into(), ..Default::default() };
    assert_eq!(f.ledger.revise_depreciation(&f.admin, &code, &revision).unwrap(), p("2026-04"));
    let s = f.ledger.depreciation_schedule(&f.admin, &code).unwrap();
    let mut accumulated = ledger::Decimal::ZERO;
    for r in &s.rows {
        accumulated += r.amount;
        assert_eq!(r.accumulated, accumulated, "{}", r.period);
    }
    let last = s.rows.last().unwrap();
    assert_eq!((last.period, last.net_book_value.to_string()), (p("2032-01"), "750.00".into()), "down to the new salvage at the new end");
    // Posting April and May keeps to the schedule.
    let april = s.rows.iter().find(|r| r.period == p("2026-04")).unwrap().amount;
    let may = s.rows.iter().find(|r| r.period == p("2026-05")).unwrap().amount;
    assert_eq!(run(&mut f, "2026-04").lines.iter().find(|l| l.code == code).unwrap().amount, april);
    assert_eq!(run(&mut f, "2026-05").lines.iter().find(|l| l.code == code).unwrap().amount, may);
    assert_eq!(f.ledger.depreciation_schedule(&f.admin, &code).unwrap().rows.last().unwrap().net_book_value.to_string(), "750.00");
}

#[test]
fn an_opening_balance_comes_first_and_then_stays() {
    let mut f = ledger_with(Regime::Enterprise);
    let code = printer(&mut f, "5%");
    f.ledger.set_opening_balance(&f.admin, &code, p("2026-03"), "380".parse().unwrap(), None).unwrap();
    let err = f.ledger.record_value_change(&f.admin, &change(&code, "add", "3000", "2026-03-31")).unwrap_err();
    assert_eq!(err.fields, vec!["date".to_string()], "not into the opening's months: {err}");
    let done = f.ledger.record_value_change(&f.admin, &change(&code, "add", "3000", "2026-04-30")).unwrap();
    assert_eq!(done.net_after.to_string(), "14430.00", "the opening's 380.00 and April's 190.00 carried");
    assert_eq!(row(&f, &code, "2026-05"), ("240.00".into(), "14190.00".into()));
    let err = f.ledger.set_opening_balance(&f.admin, &code, p("2026-03"), "0".parse().unwrap(), None).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
}
