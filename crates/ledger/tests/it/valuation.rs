//! Depreciation through the ledger on a real SQLite file: the worked examples (100,000,
//! 4% salvage, 5 years) under each method, run idempotence, closed periods, order,
//! re-opening, the leaving month, revisions, opening balances and disposal gain/loss.

use depreciation::{schedule as plan, AssetParams, Method, Opening, Salvage};
use ledger::{AssetInput, DocKind, DocRequest, ErrorCode, Period, RevisionInput, Role, SummaryBy};
use rust_decimal::Decimal;

use crate::common::{setup, Fixture};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn machine(name: &str, method: &str, acquired: &str) -> AssetInput {
    AssetInput {
        name: name.into(),
        category: "机器设备".into(),
        dept: "生产部".into(),
        acquired: acquired.into(),
        value: "100000".into(),
        life_years: "5".into(),
        salvage_rate: "4%".into(),
        method: method.into(),
        ..AssetInput::default()
    }
}

fn add(f: &mut Fixture, input: AssetInput) -> String {
    f.ledger.add_asset(&f.admin, &input).unwrap()
}

fn run(f: &mut Fixture, period: &str) -> ledger::DepreciationRun {
    f.ledger.run_depreciation(&f.admin, p(period), &mut |_, _| true).unwrap_or_else(|e| panic!("run {period}: {e}"))
}

fn run_through(f: &mut Fixture, from: &str, to: &str) {
    let mut period = p(from);
    while period <= p(to) {
        run(f, &period.to_string());
        period = period.next();
    }
}

/// Yearly totals of a schedule's amounts, 12 months at a time.
fn years(rows: &[ledger::ScheduleRow]) -> Vec<String> {
    rows.chunks(12).map(|c| c.iter().map(|r| r.amount).sum::<Decimal>().to_string()).collect()
}

#[test]
fn worked_examples_schedule_and_post_to_the_cent_under_every_method() {
    let cases: [(&str, &[&str], &str); 3] = [
        ("straight-line", &["19200.00", "19200.00", "19200.00", "19200.00", "19200.00"], "1600.00"),
        ("double-declining", &["40000.00", "24000.00", "14400.00", "8800.00", "8800.00"], "3333.33"),
        ("sum-of-years", &["32000.00", "25600.00", "19200.00", "12800.00", "6400.00"], "2666.67"),
    ];
    let mut f = setup();
    let codes: Vec<String> = cases.iter().map(|(m, _, _)| add(&mut f, machine(m, m, "2020-12-10"))).collect();

    // Projected before anything is posted.
    for ((method, want_years, first_month), code) in cases.iter().zip(&codes) {
        let s = f.ledger.depreciation_schedule(&f.admin, code).unwrap();
        assert_eq!(s.rows.len(), 60, "{method}");
        assert_eq!(s.rows[0].period, p("2021-01"), "{method}: starts the month after acquisition");
        assert_eq!(s.rows[0].amount.to_string(), *first_month, "{method}");
        assert!(s.rows.iter().all(|r| !r.posted));
        assert_eq!(years(&s.rows), *want_years, "{method}");
        assert_eq!(s.rows.last().unwrap().net_book_value.to_string(), "4000.00", "{method}: down to salvage");
        assert_eq!(s.salvage.to_string(), "4000.00");
    }

    // Post all 60 months: each run charges what the schedule said.
    let mut period = p("2021-01");
    while period <= p("2025-12") {
        let r = run(&mut f, &period.to_string());
        assert!(r.posted);
        assert_eq!(r.lines.len(), 3);
        period = period.next();
    }
    // Nothing left to charge after the life: the next run has lines of zero.
    let after = run(&mut f, "2026-01");
    assert_eq!(after.total, Decimal::ZERO);
    assert_eq!(after.assets, 0);

    for ((method, want_years, _), code) in cases.iter().zip(&codes) {
        let s = f.ledger.depreciation_schedule(&f.admin, code).unwrap();
        let posted: Vec<_> = s.rows.iter().filter(|r| r.posted && r.period <= p("2025-12")).cloned().collect();
        assert_eq!(posted.len(), 60, "{method}");
        assert_eq!(years(&posted), *want_years, "{method}: posted years");
        assert_eq!(s.accumulated.to_string(), "96000.00", "{method}");
        assert_eq!(s.net_book_value.to_string(), "4000.00", "{method}");
    }
    let sl = f.ledger.depreciation_detail(&f.admin, p("2023-06")).unwrap();
    let line = sl.lines.iter().find(|l| l.code == codes[0]).unwrap();
    assert_eq!((line.amount.to_string(), line.accumulated.to_string(), line.net_book_value.to_string()), ("1600.00".into(), "48000.00".into(), "52000.00".into()));
}

#[test]
fn a_run_is_previewed_then_posted_and_rerunning_changes_nothing() {
    let mut f = setup();
    let a = add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    let preview = f.ledger.preview_depreciation(&f.admin, p("2025-02"), &mut |_, _| true).unwrap();
    assert!(!preview.posted);
    assert_eq!((preview.assets, preview.total.to_string()), (1, "1600.00".into()));
    assert_eq!(f.ledger.depreciation_status(&f.admin).unwrap().last_posted, None, "a preview posts nothing");

    let posted = run(&mut f, "2025-02");
    assert_eq!((posted.total, posted.lines.clone()), (preview.total, preview.lines.clone()));
    let again = run(&mut f, "2025-02");
    assert_eq!((again.total, again.lines), (posted.total, posted.lines));
    let status = f.ledger.depreciation_status(&f.admin).unwrap();
    assert_eq!(status.periods.len(), 1, "idempotent: one run, not two");
    assert_eq!((status.last_posted, status.next), (Some(p("2025-02")), Some(p("2025-03"))));
    let s = f.ledger.depreciation_schedule(&f.admin, &a).unwrap();
    assert!(s.rows[0].posted && !s.rows[1].posted);
}

#[test]
fn runs_go_in_order_from_the_earliest_month_an_asset_needs() {
    let mut f = setup();
    add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    add(&mut f, machine("铣床", "straight-line", "2025-03-05"));
    let err = f.ledger.run_depreciation(&f.admin, p("2025-04"), &mut |_, _| true).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.to_string().contains("2025-02"), "{err}");
    assert!(err.message(ledger::Lang::ZhCn).contains("2025-02"));
    run(&mut f, "2025-02");
    let err = f.ledger.run_depreciation(&f.admin, p("2025-04"), &mut |_, _| true).unwrap_err();
    assert!(err.to_string().contains("2025-03"), "{err}");
    assert_eq!(run(&mut f, "2025-03").lines.len(), 1, "the second asset starts the month after it was acquired");
    assert_eq!(run(&mut f, "2025-04").lines.len(), 2);
    let future = Period::of(chrono::Local::now().date_naive()).next();
    let err = f.ledger.preview_depreciation(&f.admin, future, &mut |_, _| true).unwrap_err();
    assert_eq!(err.fields, vec!["period"]);
}

#[test]
fn a_posted_period_is_closed_and_only_the_admin_reopens_the_latest() {
    let mut f = setup();
    let a = add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    run_through(&mut f, "2025-02", "2025-03");

    // The card's value fields are closed once posted; descriptive fields are not.
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    let mut input = machine("车床", "straight-line", "2025-01-05");
    input.life_years = "8".into();
    let err = f.ledger.edit_asset(&f.admin, &a, &input).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(err.fields, vec!["life_years"]);
    assert!(err.message(ledger::Lang::ZhCn).contains("折旧估计变更"), "{}", err.message(ledger::Lang::ZhCn));
    input.life_years = "5".into();
    input.value = "120000".into();
    assert_eq!(f.ledger.edit_asset(&f.admin, &a, &input).unwrap_err().fields, vec!["value"]);
    input.value = "100000".into();
    input.name = "数控车床".into();
    f.ledger.edit_asset(&f.admin, &a, &input).unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &a).unwrap().life_years, card.life_years);

    // Re-opening: admin only, latest period only, with a reason; the audit log keeps it.
    f.ledger.add_user(&f.admin, "power", Role::Power, None, "secret1").unwrap();
    let power = f.ledger.login("power", "secret1").unwrap();
    assert_eq!(f.ledger.reopen_period(&power, p("2025-03"), "错账").unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(f.ledger.reopen_period(&f.admin, p("2025-02"), "错账").unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(f.ledger.reopen_period(&f.admin, p("2025-03"), " ").unwrap_err().fields, vec!["reason"]);
    f.ledger.reopen_period(&f.admin, p("2025-03"), "部门分摊有误").unwrap();
    let status = f.ledger.depreciation_status(&f.admin).unwrap();
    assert_eq!((status.last_posted, status.next), (Some(p("2025-02")), Some(p("2025-03"))));
    assert_eq!(status.periods[0].state, "reopened");
    assert_eq!(status.periods[0].reopen_reason.as_deref(), Some("部门分摊有误"));
    let audit = f.ledger.audit_entries(&f.admin, 5).unwrap();
    assert!(audit.iter().any(|e| e.action == "depreciation_reopen" && e.target == "2025-03"));
    let check = f.ledger.verify_audit(&f.admin).unwrap();
    assert!(check.ok() && check.entries == audit[0].id, "{check:?}");

    // Run again: the same figures, posted by the power user (who may run, not reopen).
    let rerun = f.ledger.run_depreciation(&power, p("2025-03"), &mut |_, _| true).unwrap();
    assert_eq!(rerun.lines[0].accumulated.to_string(), "3200.00");
    assert_eq!(f.ledger.depreciation_status(&f.admin).unwrap().periods.len(), 3, "the reopened run is kept");
}

#[test]
fn the_leaving_month_is_charged_and_nothing_after_it() {
    let mut f = setup();
    let a = add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    let b = add(&mut f, machine("铣床", "straight-line", "2025-01-05"));
    run(&mut f, "2025-02");
    let scrap = DocRequest { reason: "损坏".into(), date: "2025-03-20".into(), ..DocRequest::new(DocKind::Scrap, vec![a.clone()]) };
    f.ledger.post_document(&f.admin, &scrap).unwrap();
    let march = run(&mut f, "2025-03");
    assert!(march.lines.iter().any(|l| l.code == a && l.amount.to_string() == "1600.00"), "当月减少当月照提");
    let april = run(&mut f, "2025-04");
    assert!(april.lines.iter().all(|l| l.code != a), "nothing after the leaving month");
    assert!(april.lines.iter().any(|l| l.code == b));
    let s = f.ledger.depreciation_schedule(&f.admin, &a).unwrap();
    assert_eq!(s.leaves, Some(p("2025-03")));
    assert_eq!(s.rows.last().unwrap().period, p("2025-03"), "no catch-up, no projection beyond");
    assert_eq!(s.rows.len(), 2);
}

#[test]
fn a_revision_applies_from_the_next_period_and_keeps_history() {
    let mut f = setup();
    let a = add(&mut f, machine("车床", "straight-line", "2020-12-10"));
    run_through(&mut f, "2021-01", "2021-12");
    let no_reason = RevisionInput { life_years: "8".into(), ..RevisionInput::default() };
    assert_eq!(f.ledger.revise_depreciation(&f.admin, &a, &no_reason).unwrap_err().fields, vec!["reason"]);
    let revision = RevisionInput { reason: "技术更新,预计使用年限延长".into(), life_years: "8".into(), salvage_rate: "5%".into(), ..RevisionInput::default() };
    let from = f.ledger.revise_depreciation(&f.admin, &a, &revision).unwrap();
    assert_eq!(from, p("2022-01"), "from the next period, never back");

    // The expected plan, straight from the calculation crate.
    let original = AssetParams::new(d("100000"), Salvage::Rate(d("0.04")), 60, Method::StraightLine, p("2020-12"));
    let revised = original
        .revised(p("2022-01"), d("19200"), Decimal::ZERO, &depreciation::Revision { life_months: Some(96), salvage: Some(Salvage::Rate(d("0.05"))), ..Default::default() })
        .unwrap();
    let expected = plan(&revised).unwrap();

    let s = f.ledger.depreciation_schedule(&f.admin, &a).unwrap();
    assert!(s.rows[..12].iter().all(|r| r.posted && r.amount.to_string() == "1600.00"), "posted history unchanged");
    assert_eq!(s.rows[12].period, p("2022-01"));
    assert_eq!(s.rows[12].amount, expected.lines()[0].amount);
    assert_eq!(s.rows.len(), 96);
    assert_eq!(s.rows.last().unwrap().net_book_value.to_string(), "5000.00");
    assert_eq!(s.revisions.len(), 1);
    assert_eq!((s.revisions[0].old_life_months, s.revisions[0].new_life_months), (Some(60), Some(96)));
    assert_eq!((s.revisions[0].old_salvage.as_str(), s.revisions[0].new_salvage.as_str()), ("4%", "5%"));
    assert_eq!(s.revisions[0].accumulated.to_string(), "19200.00");
    assert_eq!(f.ledger.asset(&f.admin, &a).unwrap().life_years, Some(8), "the card shows the current estimate");
    assert!(f.ledger.asset(&f.admin, &a).unwrap().history.iter().any(|h| h.detail.contains("折旧估计变更")));

    let jan = run(&mut f, "2022-01");
    assert_eq!(jan.lines[0].amount, expected.lines()[0].amount);
    assert_eq!(jan.lines[0].accumulated, expected.lines()[0].accumulated);

    // A method change mid-life, to double-declining from the next period.
    let to_ddb = RevisionInput { reason: "资产使用强度增加".into(), method: "double-declining".into(), ..RevisionInput::default() };
    assert_eq!(f.ledger.revise_depreciation(&f.admin, &a, &to_ddb).unwrap(), p("2022-02"));
    let feb = f.ledger.preview_depreciation(&f.admin, p("2022-02"), &mut |_, _| true).unwrap();
    let ddb = revised.revised(p("2022-02"), jan.lines[0].accumulated, Decimal::ZERO, &depreciation::Revision { method: Some(Method::DoubleDeclining), ..Default::default() }).unwrap();
    assert_eq!(feb.lines[0].amount, plan(&ddb).unwrap().lines()[0].amount);
}

#[test]
fn an_opening_balance_continues_the_schedule() {
    let mut f = setup();
    let a = add(&mut f, machine("旧车床", "straight-line", "2020-12-10"));
    let b = add(&mut f, machine("旧铣床", "double-declining", "2020-12-10"));
    // Migrated at the end of 2022 with what the original plans charged by then.
    f.ledger.set_opening_balance(&f.admin, &a, p("2022-12"), d("38400"), None).unwrap();
    f.ledger.set_opening_balance(&f.admin, &b, p("2022-12"), d("64000"), None).unwrap();
    let err = f.ledger.set_opening_balance(&f.admin, &a, p("2020-11"), d("100"), None).unwrap_err();
    assert_eq!(err.fields, vec!["period"]);
    assert_eq!(f.ledger.set_opening_balance(&f.admin, &a, p("2022-12"), d("100001"), None).unwrap_err().code, ErrorCode::InvalidInput);

    let status = f.ledger.depreciation_status(&f.admin).unwrap();
    assert_eq!(status.next, Some(p("2023-01")), "the first run is the month after the openings");
    let jan = run(&mut f, "2023-01");
    let line = |code: &str| jan.lines.iter().find(|l| l.code == code).unwrap().clone();
    assert_eq!((line(&a).amount.to_string(), line(&a).accumulated.to_string(), line(&a).net_book_value.to_string()), ("1600.00".into(), "40000.00".into(), "60000.00".into()));
    // Double-declining year 3 of the original plan is 14,400: 1,200 a month.
    assert_eq!(line(&b).amount.to_string(), "1200.00");
    let original = AssetParams::new(d("100000"), Salvage::Rate(d("0.04")), 60, Method::DoubleDeclining, p("2020-12"));
    let continued = plan(&original.clone().with_opening(Opening::migrated(p("2022-12"), d("64000")))).unwrap();
    let s = f.ledger.depreciation_schedule(&f.admin, &b).unwrap();
    assert_eq!(s.rows.len(), continued.lines().len());
    assert_eq!(years(&s.rows), ["14400.00", "8800.00", "8800.00"]);
    assert_eq!(s.opening, Some((p("2022-12"), d("64000"))));
    // Once posted, the opening balance is closed too.
    assert_eq!(f.ledger.set_opening_balance(&f.admin, &a, p("2023-01"), d("40000"), None).unwrap_err().code, ErrorCode::Conflict);
}

#[test]
fn disposal_gain_or_loss_uses_the_book_value_after_the_leaving_month() {
    let mut f = setup();
    let a = add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    run_through(&mut f, "2025-02", "2025-03");
    let scrap = DocRequest { reason: "损坏".into(), date: "2025-04-20".into(), ..DocRequest::new(DocKind::Scrap, vec![a.clone()]) };
    f.ledger.post_document(&f.admin, &scrap).unwrap();
    let dispose = DocRequest { method: "sale".into(), amount: "90000".into(), date: "2025-05-02".into(), ..DocRequest::new(DocKind::Dispose, vec![a.clone()]) };
    let no = f.ledger.post_document(&f.admin, &dispose).unwrap();
    f.ledger.set_disposal_costs(&f.admin, &no, d("500")).unwrap();
    // April is not posted yet: its charge is projected (1,600), so NBV = 100,000 − 4,800.
    let v = f.ledger.disposal_valuation(&f.admin, &no).unwrap();
    assert_eq!((v.proceeds.to_string(), v.costs.to_string(), v.net_book_value.to_string()), ("90000.00".into(), "500.00".into(), "95200.00".into()));
    assert_eq!(v.gain_loss.to_string(), "-5700.00");
    run(&mut f, "2025-04");
    assert!(run(&mut f, "2025-05").lines.is_empty(), "left in April");
    assert_eq!(f.ledger.disposal_valuation(&f.admin, &no).unwrap().gain_loss.to_string(), "-5700.00");
    let report = f.ledger.disposal_report(&f.admin, p("2025-01"), p("2025-12")).unwrap();
    assert_eq!(report.iter().map(|v| (v.doc_no.as_str(), v.gain_loss.to_string())).collect::<Vec<_>>(), [(no.as_str(), "-5700.00".to_string())]);
    assert!(f.ledger.disposal_report(&f.admin, p("2025-06"), p("2025-12")).unwrap().is_empty());
    let err = f.ledger.disposal_valuation(&f.admin, &f.ledger.asset(&f.admin, &a).unwrap().history[0].doc_no.clone()).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[test]
fn reports_summarise_by_category_and_department_and_the_register_at_a_month_end() {
    let mut f = setup();
    add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    add(&mut f, AssetInput { category: "运输设备".into(), dept: "物流部".into(), ..machine("货车", "sum-of-years", "2025-01-05") });
    add(&mut f, AssetInput { life_years: String::new(), ..machine("未定年限", "straight-line", "2025-01-05") });
    run_through(&mut f, "2025-02", "2025-03");
    let by_cat = f.ledger.depreciation_summary(&f.admin, p("2025-03"), SummaryBy::Category).unwrap();
    let groups: Vec<(String, i64, String)> = by_cat.iter().map(|r| (r.group.clone(), r.assets, r.amount.to_string())).collect();
    assert_eq!(groups, [("机器设备".to_string(), 1, "1600.00".to_string()), ("运输设备".to_string(), 1, "2666.67".to_string())]);
    let by_dept = f.ledger.depreciation_summary(&f.admin, p("2025-03"), SummaryBy::Dept).unwrap();
    assert_eq!(by_dept.iter().map(|r| r.group.as_str()).collect::<Vec<_>>(), ["物流部", "生产部"]);

    let register = f.ledger.asset_register_at(&f.admin, p("2025-03")).unwrap();
    assert_eq!(register.len(), 3, "every asset on the books, depreciated or not");
    let lathe = register.iter().find(|r| r.name == "车床").unwrap();
    assert_eq!((lathe.cost.to_string(), lathe.accumulated.to_string(), lathe.net_book_value.to_string()), ("100000.00".into(), "3200.00".into(), "96800.00".into()));
    assert_eq!(register.iter().find(|r| r.name == "未定年限").unwrap().accumulated, Decimal::ZERO);
    // Beyond the last posted period, projected.
    let june = f.ledger.asset_register_at(&f.admin, p("2025-06")).unwrap();
    assert_eq!(june.iter().find(|r| r.name == "车床").unwrap().accumulated.to_string(), "8000.00");
    let january = f.ledger.asset_register_at(&f.admin, p("2025-01")).unwrap();
    assert_eq!(january.iter().find(|r| r.name == "车床").unwrap().accumulated, Decimal::ZERO);
    assert_eq!(f.ledger.depreciation_detail(&f.admin, p("2025-04")).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn units_of_production_charges_the_units_entered_per_period() {
    let mut f = setup();
    let a = add(&mut f, machine("压力机", "units-of-production", "2025-01-05"));
    f.ledger.set_total_units(&f.admin, &a, d("100000")).unwrap();
    f.ledger.set_units_used(&f.admin, &a, p("2025-02"), d("1000")).unwrap();
    let feb = run(&mut f, "2025-02");
    assert_eq!(feb.lines[0].amount.to_string(), "960.00");
    assert_eq!(feb.lines[0].units, Some(d("1000")));
    assert_eq!(f.ledger.set_units_used(&f.admin, &a, p("2025-02"), d("5")).unwrap_err().code, ErrorCode::Conflict, "a posted period is closed");
    f.ledger.set_units_used(&f.admin, &a, p("2025-03"), d("2500")).unwrap();
    assert_eq!(run(&mut f, "2025-03").lines[0].accumulated.to_string(), "3360.00");
    assert_eq!(run(&mut f, "2025-04").lines[0].amount, Decimal::ZERO, "no units entered, nothing charged");
}

#[test]
fn only_power_users_and_admins_run_depreciation() {
    let mut f = setup();
    add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("生产部"), "secret1").unwrap();
    let clerk = f.ledger.login("clerk", "secret1").unwrap();
    let err = f.ledger.run_depreciation(&clerk, p("2025-02"), &mut |_, _| true).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(err.message(ledger::Lang::ZhCn).contains("计提折旧"));
    run(&mut f, "2025-02");
    assert_eq!(f.ledger.depreciation_detail(&clerk, p("2025-02")).unwrap().lines.len(), 1, "but may read their department's");
}

#[test]
fn before_any_run_the_register_and_gain_or_loss_are_projected_from_the_plan() {
    let mut f = setup();
    let a = add(&mut f, machine("车床", "double-declining", "2025-01-05"));
    let legacy = add(&mut f, machine("旧车床", "straight-line", "2020-12-10"));
    f.ledger.set_opening_balance(&f.admin, &legacy, p("2022-12"), d("38400"), None).unwrap();
    let register = f.ledger.asset_register_at(&f.admin, p("2025-06")).unwrap();
    let acc = |code: &str| register.iter().find(|r| r.code == code).unwrap().accumulated.to_string();
    assert_eq!(acc(&a), "16666.65", "five months of 3,333.33");
    assert_eq!(acc(&legacy), "86400.00", "the opening plus 30 months of 1,600");
    let scrap = DocRequest { reason: "损坏".into(), date: "2025-03-20".into(), ..DocRequest::new(DocKind::Scrap, vec![a.clone()]) };
    let no = f.ledger.post_document(&f.admin, &scrap).unwrap();
    let v = f.ledger.disposal_valuation(&f.admin, &no).unwrap();
    assert_eq!((v.net_book_value.to_string(), v.gain_loss.to_string()), ("93333.34".into(), "-93333.34".into()));
    assert!(f.ledger.asset_register_at(&f.admin, p("2025-06")).unwrap().iter().all(|r| r.code != a), "left the books in March");
}

#[test]
fn a_new_asset_takes_its_categorys_defaults_unless_given() {
    let mut f = setup();
    f.ledger.set_category_defaults(&f.admin, "机器设备", "double-declining", "10", "5%").unwrap();
    assert_eq!(f.ledger.set_category_defaults(&f.admin, "机器设备", "fifo", "0", "x").unwrap_err().fields, vec!["method", "life_years", "salvage_rate"]);
    let plain = AssetInput { life_years: String::new(), salvage_rate: String::new(), method: String::new(), ..machine("车床", "", "2025-01-05") };
    let a = add(&mut f, plain.clone());
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    assert_eq!((card.method.as_str(), card.life_years, card.salvage_rate.to_string()), ("double-declining", Some(10), "0.05".to_string()));
    let b = add(&mut f, AssetInput { method: "straight-line".into(), life_years: "5".into(), ..plain });
    let card = f.ledger.asset(&f.admin, &b).unwrap();
    assert_eq!((card.method.as_str(), card.life_years, card.salvage_rate.to_string()), ("straight-line", Some(5), "0.05".to_string()));
    let defaults = f.ledger.category_defaults(&f.admin).unwrap();
    assert_eq!((defaults[0].category.as_str(), defaults[0].life_years), ("机器设备", Some(10)));
}

#[test]
fn without_category_defaults_a_new_asset_takes_the_ledgers_salvage_rate() {
    let mut f = setup();
    // Older ledgers never set it: 0, as before.
    let d = f.ledger.new_asset_defaults(&f.admin, "电脑").unwrap();
    assert_eq!((d.salvage_rate.to_string(), d.salvage_from), ("0".to_string(), ledger::DefaultSource::Ledger));
    let bad = ledger::Parameters { default_salvage_rate: "150%".into(), ..f.ledger.parameters().unwrap() };
    let err = f.ledger.update_parameters(&f.admin, &bad).unwrap_err();
    assert_eq!(err.fields, vec!["default_salvage_rate"]);
    assert!(err.message(ledger::Lang::ZhCn).contains("默认净残值率"), "{}", err.message(ledger::Lang::ZhCn));
    let p = ledger::Parameters { default_salvage_rate: "5%".into(), ..f.ledger.parameters().unwrap() };
    f.ledger.update_parameters(&f.admin, &p).unwrap();
    assert_eq!(f.ledger.parameters().unwrap().default_salvage_rate, "0.05");
    f.ledger.set_category_defaults(&f.admin, "机器设备", "double-declining", "10", "3%").unwrap();
    assert_eq!(f.ledger.new_asset_defaults(&f.admin, "机器设备").unwrap().salvage_from, ledger::DefaultSource::Category);

    let plain = AssetInput { life_years: String::new(), salvage_rate: String::new(), method: String::new(), ..machine("服务器", "", "2025-01-05") };
    let a = add(&mut f, AssetInput { category: "电脑".into(), ..plain.clone() });
    assert_eq!(f.ledger.asset(&f.admin, &a).unwrap().salvage_rate.to_string(), "0.05");
    let b = add(&mut f, AssetInput { category: "机器设备".into(), ..plain });
    assert_eq!(f.ledger.asset(&f.admin, &b).unwrap().salvage_rate.to_string(), "0.03");
}

#[test]
fn a_voided_scrap_carries_on_from_the_last_posted_line_and_late_assets_are_flagged() {
    let mut f = setup();
    let a = add(&mut f, machine("车床", "straight-line", "2025-01-05"));
    let scrap = DocRequest { reason: "误报废".into(), date: "2025-03-10".into(), ..DocRequest::new(DocKind::Scrap, vec![a.clone()]) };
    let no = f.ledger.post_document(&f.admin, &scrap).unwrap();
    run_through(&mut f, "2025-02", "2025-04");
    f.ledger.void_document(&f.admin, &no, "报废有误").unwrap();
    let may = run(&mut f, "2025-05");
    let line = may.lines.iter().find(|l| l.code == a).unwrap();
    assert_eq!((line.amount.to_string(), line.accumulated.to_string()), ("1600.00".into(), "4800.00".into()), "March's 3,200 carried on; April missed, no catch-up");
    assert!(may.late_start.is_empty());

    // Registered after its first months were closed: charged from now on, and flagged.
    let late = add(&mut f, machine("补录设备", "straight-line", "2025-02-01"));
    let june = f.ledger.preview_depreciation(&f.admin, p("2025-06"), &mut |_, _| true).unwrap();
    assert_eq!(june.late_start, vec![late.clone()]);
    // The remedy: an opening balance at the last posted period.
    f.ledger.set_opening_balance(&f.admin, &late, p("2025-05"), d("4800"), None).unwrap();
    let june = run(&mut f, "2025-06");
    assert!(june.late_start.is_empty());
    assert_eq!(june.lines.iter().find(|l| l.code == late).unwrap().accumulated.to_string(), "6400.00");
}

#[test]
fn a_card_that_is_not_depreciated_names_exactly_what_it_lacks() {
    let mut f = setup();
    let missing = |f: &Fixture, code: &str| f.ledger.depreciation_schedule(&f.admin, code).unwrap().missing;
    let no_life = add(&mut f, AssetInput { life_years: String::new(), ..machine("车床", "straight-line", "2025-01-05") });
    assert_eq!(missing(&f, &no_life), vec!["life_years"]);
    let no_date = add(&mut f, AssetInput { acquired: String::new(), value: "0".into(), ..machine("铣床", "straight-line", "") });
    assert_eq!(missing(&f, &no_date), vec!["acquired", "value"]);
    let units = add(&mut f, machine("冲床", "units-of-production", "2025-01-05"));
    assert_eq!(missing(&f, &units), vec!["total_units"]);
    let whole = add(&mut f, machine("刨床", "straight-line", "2025-01-05"));
    assert!(missing(&f, &whole).is_empty());
}
