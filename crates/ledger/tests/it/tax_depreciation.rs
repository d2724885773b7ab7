//! The tax schedule beside the book one (issue 21), on a real ledger file, with figures
//! worked by hand. Enterprise regime throughout.
//!
//! The server: 36,000.00 acquired 2025-06-15, book straight-line 5 years, no salvage:
//! 600.00 a month from 2025-07. Tax (电子设备, 3 years straight-line): 1,000.00 a month
//! from 2025-07. In 2026: book 7,200.00, tax 12,000.00, so 纳税调整 −4,800.00 (调减). At
//! the end of 2026, 18 months charged: book 10,800.00 (net 25,200.00), tax 18,000.00
//! (net 18,000.00), temporary difference 7,200.00.
//!
//! With 改扩建 +6,000.00 on 2026-06-20 (charged from July): through June book 7,200.00 and
//! tax 12,000.00. Book: net 34,800.00 over the 48 months left = 725.00 a month; tax: net
//! 30,000.00 over the 24 months left = 1,250.00 a month. In 2026: book 3,600 + 4,350 =
//! 7,950.00, tax 6,000 + 7,500 = 13,500.00, adjustment −5,550.00; at the end book net
//! 42,000 − 11,550 = 30,450.00, tax net 42,000 − 19,500 = 22,500.00, difference 7,950.00.

use ledger::{AssetInput, ErrorCode, Period, Regime, TaxMethod, TaxSource, ValueChangeInput};

use crate::common::{setup, Fixture};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn enterprise() -> Fixture {
    let mut f = setup();
    f.ledger.set_accounting_regime(&f.admin, Regime::Enterprise).unwrap();
    f.ledger.add_category(&f.admin, "电子设备", None).unwrap();
    f.ledger.add_category(&f.admin, "服务器", Some("电子设备")).unwrap();
    f
}

fn asset(f: &mut Fixture, name: &str, category: &str, acquired: &str, value: &str, life_years: &str, salvage: &str) -> String {
    let input = AssetInput {
        name: name.into(),
        category: category.into(),
        dept: "信息中心".into(),
        acquired: acquired.into(),
        value: value.into(),
        life_years: life_years.into(),
        salvage_rate: salvage.into(),
        method: "straight-line".into(),
        ..AssetInput::default()
    };
    f.ledger.add_asset(&f.admin, &input).unwrap()
}

fn server(f: &mut Fixture) -> String {
    asset(f, "机架服务器", "服务器", "2025-06-15", "36000", "5", "0")
}

/// (book charge, tax charge, adjustment, book net, tax net, temporary difference) of `code`.
fn figures(f: &Fixture, code: &str, from: &str, to: &str) -> [String; 6] {
    let report = f.ledger.tax_depreciation_report(&f.admin, p(from), p(to)).unwrap();
    let l = report.lines.iter().find(|l| l.code == code).unwrap_or_else(|| panic!("{code} not in the report"));
    [l.book_charge, l.tax_charge, l.adjustment, l.book_net, l.tax_net, l.temporary_difference].map(|m| m.to_string())
}

#[test]
fn a_shorter_tax_life_inherited_from_the_parent_category_gives_the_hand_worked_adjustment() {
    let mut f = enterprise();
    let code = server(&mut f);
    f.ledger.set_category_tax_depreciation(&f.admin, "电子设备", "straight-line", Some(36)).unwrap();
    assert_eq!(figures(&f, &code, "2026-01", "2026-12"), ["7200.00", "12000.00", "-4800.00", "25200.00", "18000.00", "7200.00"]);

    let report = f.ledger.tax_depreciation_report(&f.admin, p("2026-01"), p("2026-12")).unwrap();
    let line = &report.lines[0];
    assert_eq!(line.source, TaxSource::Category("电子设备".into()), "inherited from the parent");
    assert_eq!(line.tax.map(|t| (t.method, t.life_months)), Some((TaxMethod::StraightLine, Some(36))));
    assert_eq!((report.book_charge.to_string(), report.tax_charge.to_string(), report.adjustment.to_string()), ("7200.00".into(), "12000.00".into(), "-4800.00".into()));

    // Posting the book months changes nothing: the posted lines say what the projection did.
    let mut period = p("2025-07");
    while period <= p("2026-12") {
        f.ledger.run_depreciation(&f.admin, period, &mut |_, _| true).unwrap();
        period = period.next();
    }
    assert_eq!(figures(&f, &code, "2026-01", "2026-12"), ["7200.00", "12000.00", "-4800.00", "25200.00", "18000.00", "7200.00"]);
    // The tax life ends in 2028-06: in 2028 tax charges six months, the book twelve.
    assert_eq!(figures(&f, &code, "2028-01", "2028-12")[..3], ["7200.00", "6000.00", "1200.00"]);
}

#[test]
fn the_assets_own_setting_wins_and_clearing_it_falls_back_to_the_category_then_the_book() {
    let mut f = enterprise();
    let code = server(&mut f);
    f.ledger.set_category_tax_depreciation(&f.admin, "服务器", "straight-line", Some(36)).unwrap();
    f.ledger.set_asset_tax_depreciation(&f.admin, &code, "sum-of-years", Some(36)).unwrap();
    // Sum of the years' digits over 3 years: year 1 is 3/6 of 36,000 = 18,000 (1,500 a month).
    assert_eq!(figures(&f, &code, "2025-07", "2026-06")[1], "18000.00");
    let source = |f: &Fixture| f.ledger.tax_depreciation_report(&f.admin, p("2026-01"), p("2026-01")).unwrap().lines[0].source.clone();
    assert_eq!(source(&f), TaxSource::Asset);

    f.ledger.clear_asset_tax_depreciation(&f.admin, &code).unwrap();
    assert_eq!(source(&f), TaxSource::Category("服务器".into()));
    f.ledger.clear_category_tax_depreciation(&f.admin, "服务器").unwrap();
    assert_eq!(source(&f), TaxSource::Book);
    // Following the book, tax and book agree: no adjustment, no difference.
    assert_eq!(figures(&f, &code, "2026-01", "2026-12"), ["7200.00", "7200.00", "0.00", "25200.00", "25200.00", "0.00"]);

    let err = f.ledger.clear_asset_tax_depreciation(&f.admin, &code).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn a_one_time_deduction_takes_the_whole_base_in_the_month_after_acquisition() {
    let mut f = enterprise();
    // Book: 120,000.00, 10 years, 5% salvage: 950.00 a month from 2026-04.
    let code = asset(&mut f, "数控车床", "机器设备", "2026-03-10", "120000", "10", "5%");
    f.ledger.set_asset_tax_depreciation(&f.admin, &code, "一次性扣除", None).unwrap();
    assert_eq!(figures(&f, &code, "2026-01", "2026-03")[1], "0.00", "nothing before the month after acquisition");
    assert_eq!(figures(&f, &code, "2026-04", "2026-04")[..3], ["950.00", "120000.00", "-119050.00"]);
    assert_eq!(figures(&f, &code, "2026-01", "2026-12"), ["8550.00", "120000.00", "-111450.00", "111450.00", "0.00", "111450.00"]);
    // From then on the book charges what tax already deducted: adjustments add back.
    assert_eq!(figures(&f, &code, "2027-01", "2027-12")[..3], ["11400.00", "0.00", "11400.00"]);

    // Over 5,000,000.00 the deduction does not apply.
    let plant = asset(&mut f, "生产线", "机器设备", "2026-03-10", "6000000", "10", "5%");
    let err = f.ledger.set_asset_tax_depreciation(&f.admin, &plant, "one-time", None).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::InvalidInput, vec!["tax_method".to_string()]));
    assert!(err.message(ledger::Lang::ZhCn).contains("500 万元"), "{}", err.message(ledger::Lang::ZhCn));
    // A category's one-time setting leaves such an asset on the book, and says so.
    f.ledger.set_category_tax_depreciation(&f.admin, "机器设备", "one-time", None).unwrap();
    let report = f.ledger.tax_depreciation_report(&f.admin, p("2026-04"), p("2026-04")).unwrap();
    let line = report.lines.iter().find(|l| l.code == plant).unwrap();
    assert_eq!((line.tax, line.tax_charge, line.adjustment), (None, line.book_charge, rust_decimal::Decimal::ZERO));
    assert!(line.note.contains("500 万元"), "{}", line.note);
}

#[test]
fn an_addition_restarts_both_plans_and_an_impairment_moves_only_the_book() {
    let mut f = enterprise();
    let code = server(&mut f);
    f.ledger.set_category_tax_depreciation(&f.admin, "电子设备", "straight-line", Some(36)).unwrap();
    let mut period = p("2025-07");
    while period <= p("2026-05") {
        f.ledger.run_depreciation(&f.admin, period, &mut |_, _| true).unwrap();
        period = period.next();
    }
    let add = ValueChangeInput { code: code.clone(), kind: "add".into(), amount: "6000".into(), date: "2026-06-20".into(), reason: "加装内存".into(), notes: String::new() };
    f.ledger.record_value_change(&f.admin, &add).unwrap();
    assert_eq!(figures(&f, &code, "2026-01", "2026-12"), ["7950.00", "13500.00", "-5550.00", "30450.00", "22500.00", "7950.00"]);
    let report = f.ledger.tax_depreciation_report(&f.admin, p("2026-12"), p("2026-12")).unwrap();
    assert_eq!((report.lines[0].tax_base.to_string(), report.lines[0].cost.to_string()), ("42000.00".into(), "42000.00".into()));

    // An impairment of 2,000.00 in December: the book net drops, the tax base does not.
    let impair = ValueChangeInput { code: code.clone(), kind: "impair".into(), amount: "2000".into(), date: "2026-12-01".into(), reason: "减值测试".into(), notes: String::new() };
    let mut period = p("2026-06");
    while period <= p("2026-11") {
        f.ledger.run_depreciation(&f.admin, period, &mut |_, _| true).unwrap();
        period = period.next();
    }
    f.ledger.record_value_change(&f.admin, &impair).unwrap();
    assert_eq!(figures(&f, &code, "2026-01", "2026-12"), ["7950.00", "13500.00", "-5550.00", "28450.00", "22500.00", "5950.00"]);
}

#[test]
fn bad_settings_are_refused_with_the_field_and_a_government_ledger_has_no_tax_schedule() {
    let mut f = enterprise();
    let code = server(&mut f);
    let refused = |r: ledger::Result<()>| {
        let e = r.unwrap_err();
        (e.code, e.fields.first().cloned().unwrap_or_default())
    };
    assert_eq!(refused(f.ledger.set_asset_tax_depreciation(&f.admin, &code, "declining", Some(36))), (ErrorCode::InvalidInput, "tax_method".into()));
    assert_eq!(refused(f.ledger.set_asset_tax_depreciation(&f.admin, &code, "straight-line", None)), (ErrorCode::InvalidInput, "tax_life".into()));
    assert_eq!(refused(f.ledger.set_asset_tax_depreciation(&f.admin, &code, "one-time", Some(12))), (ErrorCode::InvalidInput, "tax_life".into()));
    assert_eq!(refused(f.ledger.set_asset_tax_depreciation(&f.admin, &code, "double-declining", Some(12))), (ErrorCode::InvalidInput, "tax_life".into()));
    assert_eq!(refused(f.ledger.set_asset_tax_depreciation(&f.admin, "ZC-NOPE", "straight-line", Some(36))).0, ErrorCode::NotFound);
    assert!(f.ledger.category_tax_depreciation(&f.admin).unwrap().is_empty(), "nothing was stored");
    let err = f.ledger.tax_depreciation_report(&f.admin, p("2026-12"), p("2026-01")).unwrap_err();
    assert_eq!(err.fields, vec!["from".to_string()]);

    let mut g = setup();
    g.ledger.set_accounting_regime(&g.admin, Regime::Government).unwrap();
    let e = g.ledger.set_category_tax_depreciation(&g.admin, "电子设备", "straight-line", Some(36)).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message(ledger::Lang::ZhCn).contains("不缴纳企业所得税"), "{}", e.message(ledger::Lang::ZhCn));
    assert_eq!(g.ledger.tax_depreciation_report(&g.admin, p("2026-01"), p("2026-12")).unwrap_err().code, ErrorCode::Conflict);
}
