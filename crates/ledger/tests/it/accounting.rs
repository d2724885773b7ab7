//! Accounting regimes (issue 21) on a real ledger file, with figures worked by hand.
//!
//! The printer: original value 12,000.00, 5 years straight-line, acquired on the LAST day
//! of January 2026 (a month boundary: the month, not the day, decides).
//! - Enterprise (企业会计准则), salvage 5% = 600.00: (12,000 − 600) / 60 = 190.00 a month,
//!   first charged 2026-02 (the month after), last 2031-01, ending at 600.00.
//! - Government (政府会计准则), no salvage: 12,000 / 60 = 200.00 a month, first charged
//!   2026-01 (the month of acquisition), last 2030-12, ending at 0.00.
//!
//! Scrapped on 2026-06-15: enterprise still charges June (Feb–Jun, 5 × 190 = 950.00);
//! government does not charge June (Jan–May, 5 × 200 = 1,000.00).

use ledger::{AssetInput, DocKind, DocRequest, ErrorCode, Period, Regime, RevisionInput};

use crate::common::{setup, Fixture};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn printer(acquired: &str, salvage_rate: &str) -> AssetInput {
    AssetInput {
        name: "激光打印机".into(),
        category: "办公设备".into(),
        dept: "办公室".into(),
        acquired: acquired.into(),
        value: "12000".into(),
        life_years: "5".into(),
        salvage_rate: salvage_rate.into(),
        method: "straight-line".into(),
        ..AssetInput::default()
    }
}

fn ledger_with(regime: Regime) -> Fixture {
    let mut f = setup();
    f.ledger.set_accounting_regime(&f.admin, regime).unwrap();
    assert_eq!(f.ledger.accounting_regime(&f.admin).unwrap(), regime);
    f
}

fn run(f: &mut Fixture, period: &str) -> ledger::DepreciationRun {
    f.ledger.run_depreciation(&f.admin, p(period), &mut |_, _| true).unwrap_or_else(|e| panic!("run {period}: {e}"))
}

fn charged(run: &ledger::DepreciationRun, code: &str) -> Option<String> {
    run.lines.iter().find(|l| l.code == code).map(|l| l.amount.to_string())
}

#[test]
fn a_new_ledger_is_enterprise_and_keeps_the_old_rules() {
    let f = setup();
    assert_eq!(f.ledger.accounting_regime(&f.admin).unwrap(), Regime::Enterprise);
}

#[test]
fn enterprise_starts_the_month_after_with_salvage() {
    let mut f = ledger_with(Regime::Enterprise);
    let code = f.ledger.add_asset(&f.admin, &printer("2026-01-31", "5%")).unwrap();
    let s = f.ledger.depreciation_schedule(&f.admin, &code).unwrap();
    assert_eq!(s.salvage.to_string(), "600.00");
    assert_eq!(s.rows.len(), 60);
    assert_eq!((s.rows[0].period, s.rows[0].amount.to_string()), (p("2026-02"), "190.00".into()));
    assert_eq!(s.rows.last().unwrap().period, p("2031-01"));
    assert_eq!(s.rows.last().unwrap().net_book_value.to_string(), "600.00");
    // The first run is February: January has nothing to charge.
    let err = f.ledger.run_depreciation(&f.admin, p("2026-01"), &mut |_, _| true).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(ledger::Lang::En).contains("2026-02"), "{}", err.message(ledger::Lang::En));
    assert_eq!(charged(&run(&mut f, "2026-02"), &code).as_deref(), Some("190.00"));
}

#[test]
fn government_starts_in_the_month_of_acquisition_without_salvage() {
    let mut f = ledger_with(Regime::Government);
    let code = f.ledger.add_asset(&f.admin, &printer("2026-01-31", "")).unwrap();
    let s = f.ledger.depreciation_schedule(&f.admin, &code).unwrap();
    assert_eq!(s.salvage.to_string(), "0.00");
    assert_eq!(s.rows.len(), 60);
    assert_eq!((s.rows[0].period, s.rows[0].amount.to_string()), (p("2026-01"), "200.00".into()));
    assert_eq!(s.rows.last().unwrap().period, p("2030-12"));
    assert_eq!(s.rows.last().unwrap().net_book_value.to_string(), "0.00");
    let jan = run(&mut f, "2026-01");
    assert_eq!(charged(&jan, &code).as_deref(), Some("200.00"), "当月增加当月计提");
    assert_eq!(jan.total.to_string(), "200.00");
    // One acquired on the first of February starts in February, not March.
    let feb_first = f.ledger.add_asset(&f.admin, &printer("2026-02-01", "")).unwrap();
    let feb = run(&mut f, "2026-02");
    assert_eq!(charged(&feb, &feb_first).as_deref(), Some("200.00"));
    assert_eq!(feb.total.to_string(), "400.00");
}

#[test]
fn the_disposal_month_is_charged_by_enterprises_and_not_by_government() {
    for (regime, salvage, first, months, monthly, accumulated) in [
        (Regime::Enterprise, "5%", "2026-02", ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06"], "190.00", "950.00"),
        (Regime::Government, "", "2026-01", ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"], "200.00", "1000.00"),
    ] {
        let mut f = ledger_with(regime);
        let code = f.ledger.add_asset(&f.admin, &printer("2026-01-31", salvage)).unwrap();
        let scrap = DocRequest { reason: "损坏".into(), date: "2026-06-15".into(), ..DocRequest::new(DocKind::Scrap, vec![code.clone()]) };
        f.ledger.post_document(&f.admin, &scrap).unwrap();
        let s = f.ledger.depreciation_schedule(&f.admin, &code).unwrap();
        assert_eq!(s.leaves, Some(p("2026-06")));
        let periods: Vec<Period> = s.rows.iter().map(|r| r.period).collect();
        assert_eq!(periods, months.map(p).to_vec(), "{regime:?}");
        assert_eq!(s.rows.last().unwrap().accumulated.to_string(), accumulated, "{regime:?}");
        let mut period = p(first);
        while period <= p("2026-07") {
            let r = run(&mut f, &period.to_string());
            let want = months.contains(&period.to_string().as_str()).then(|| monthly.to_string());
            assert_eq!(charged(&r, &code), want, "{regime:?} {period}");
            period = period.next();
        }
        let v = f.ledger.disposal_valuation(&f.admin, &f.ledger.list_documents(&f.admin, &Default::default()).unwrap().rows.iter().find(|d| d.kind == DocKind::Scrap).unwrap().doc_no.clone()).unwrap();
        assert_eq!(v.net_book_value.to_string(), if regime == Regime::Government { "11000.00" } else { "11050.00" }, "{regime:?}");
    }
}

#[test]
fn government_refuses_salvage_and_lives_below_the_category_minimum() {
    let mut f = ledger_with(Regime::Government);
    f.ledger.set_category_min_life(&f.admin, "办公设备", Some(6)).unwrap();
    assert_eq!(f.ledger.category_min_lives(&f.admin).unwrap()[0].min_life_years, 6);
    let err = f.ledger.add_asset(&f.admin, &printer("2026-01-31", "5%")).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.fields, vec!["salvage_rate", "life_years"], "both named at once");
    assert!(err.message(ledger::Lang::ZhCn).contains("政府会计准则") && err.message(ledger::Lang::ZhCn).contains("最低折旧年限 6 年"), "{}", err.message(ledger::Lang::ZhCn));
    assert!(err.message(ledger::Lang::En).contains("minimum of 6 years"), "{}", err.message(ledger::Lang::En));
    // Nothing was written.
    assert!(f.ledger.list_assets(&f.admin, &Default::default()).unwrap().rows.is_empty());
    // Six years is fine; the default salvage a new card gets is zero.
    let code = f.ledger.add_asset(&f.admin, &AssetInput { life_years: "6".into(), ..printer("2026-01-31", "") }).unwrap();
    assert_eq!(f.ledger.new_asset_defaults(&f.admin, "办公设备").unwrap().salvage_rate.to_string(), "0");
    // A revision below the minimum is refused too; a category default as well.
    let short = RevisionInput { reason: "复核".into(), life_years: "4".into(), ..RevisionInput::default() };
    assert_eq!(f.ledger.revise_depreciation(&f.admin, &code, &short).unwrap_err().fields, vec!["life_years"]);
    assert_eq!(f.ledger.set_category_defaults(&f.admin, "办公设备", "straight-line", "5", "").unwrap_err().fields, vec!["life_years"]);
    let bulk = [AssetInput { life_years: "6".into(), ..printer("2026-01-31", "") }, printer("2026-01-31", "")];
    let err = f.ledger.add_assets(&f.admin, &bulk).unwrap_err();
    assert!(err.message(ledger::Lang::En).contains("row 2"), "{}", err.message(ledger::Lang::En));
}

#[test]
fn a_run_warns_of_cards_below_the_minimum_set_afterwards() {
    let mut f = ledger_with(Regime::Government);
    let code = f.ledger.add_asset(&f.admin, &printer("2026-01-31", "")).unwrap();
    f.ledger.set_category_min_life(&f.admin, "办公设备", Some(6)).unwrap();
    let jan = run(&mut f, "2026-01");
    assert_eq!(jan.short_life, vec![code]);
}

#[test]
fn the_regime_changes_only_before_the_first_run() {
    let mut f = setup();
    let code = f.ledger.add_asset(&f.admin, &printer("2026-01-31", "")).unwrap();
    f.ledger.set_accounting_regime(&f.admin, Regime::Government).unwrap();
    f.ledger.set_accounting_regime(&f.admin, Regime::Enterprise).unwrap();
    f.ledger.set_accounting_regime(&f.admin, Regime::Government).unwrap();
    run(&mut f, "2026-01");
    let err = f.ledger.set_accounting_regime(&f.admin, Regime::Enterprise).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(ledger::Lang::ZhCn).contains("已计提过折旧"), "{}", err.message(ledger::Lang::ZhCn));
    // Re-opening the only run does not make it changeable: a run existed.
    f.ledger.reopen_period(&f.admin, p("2026-01"), "重算").unwrap();
    assert_eq!(f.ledger.set_accounting_regime(&f.admin, Regime::Enterprise).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(f.ledger.accounting_regime(&f.admin).unwrap(), Regime::Government);
    // Setting the same regime again is no change and no error.
    f.ledger.set_accounting_regime(&f.admin, Regime::Government).unwrap();
    assert_eq!(charged(&run(&mut f, "2026-01"), &code).as_deref(), Some("200.00"));
    // A normal user may not change it.
    let clerk = normal_user(&mut f);
    assert_eq!(f.ledger.set_accounting_regime(&clerk, Regime::Government).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(Regime::parse("政府会计准则").unwrap(), Regime::Government);
    assert!(Regime::parse("cash").unwrap_err().message(ledger::Lang::ZhCn).contains("enterprise、government"));
}

fn normal_user(f: &mut Fixture) -> ledger::Actor {
    f.ledger.add_user(&f.admin, "clerk", ledger::Role::Normal, Some("办公室"), "secret2").unwrap();
    f.ledger.authenticate("clerk", "secret2").unwrap()
}
