//! The category tree, the GB/T 14885 seed and the depreciation voucher (issue 21), on a
//! real ledger file.
//!
//! The voucher's figures, worked by hand (enterprise: first charged the month after
//! acquisition; everything acquired 2026-03-10, so April 2026 is the first month):
//! - 打印机 办公室/办公设备 12,000.00, 5 years, salvage 5%: (12,000 − 600) / 60 = 190.00
//! - 电脑 A 办公室/计算机设备 7,200.00, 3 years, no salvage: 7,200 / 36 = 200.00
//! - 电脑 B 生产车间/计算机设备 3,600.00, 3 years: 3,600 / 36 = 100.00
//! - 车床 生产车间/机械设备 120,000.00, 10 years, salvage 4%: (120,000 − 4,800) / 120 = 960.00
//!
//! 借 6602 管理费用 (办公室) 190.00 + 200.00; 借 5101 制造费用 (生产车间, CJ01) 960.00 + 100.00;
//! 贷 1602 累计折旧 (办公设备) 190.00, (计算机设备) 300.00; 贷 1602.02 (机械设备) 960.00.
//! Debits = credits = 1,450.00 = the April depreciation report's total.

use ledger::{AccountDefaults, AssetInput, ErrorCode, Lang, Period, RegisterKind, VoucherSide};

use crate::common::{setup, Fixture};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn asset(f: &mut Fixture, name: &str, dept: &str, category: &str, value: &str, years: &str, salvage: &str) -> String {
    let input = AssetInput {
        name: name.into(),
        category: category.into(),
        dept: dept.into(),
        acquired: "2026-03-10".into(),
        value: value.into(),
        life_years: years.into(),
        salvage_rate: salvage.into(),
        method: "straight-line".into(),
        ..AssetInput::default()
    };
    f.ledger.add_asset(&f.admin, &input).unwrap()
}

fn april(f: &mut Fixture) {
    asset(f, "打印机", "办公室", "办公设备", "12000", "5", "5%");
    asset(f, "电脑 A", "办公室", "计算机设备", "7200", "3", "");
    asset(f, "电脑 B", "生产车间", "计算机设备", "3600", "3", "");
    asset(f, "车床", "生产车间", "机械设备", "120000", "10", "4%");
    f.ledger.run_depreciation(&f.admin, p("2026-04"), &mut |_, _| true).unwrap();
}

#[test]
fn the_voucher_balances_and_equals_the_depreciation_report() {
    let mut f = setup();
    april(&mut f);
    f.ledger.set_dept_accounts(&f.admin, "办公室", "6602", "").unwrap();
    f.ledger.set_dept_accounts(&f.admin, "生产车间", "5101", "CJ01").unwrap();
    f.ledger.set_category_accounts(&f.admin, "机械设备", "1601", "1602.02").unwrap();

    let v = f.ledger.depreciation_voucher(&f.admin, p("2026-04"), Lang::ZhCn).unwrap();
    let lines: Vec<(VoucherSide, &str, &str, Option<&str>, &str, &str, String)> = v
        .lines
        .iter()
        .map(|l| (l.side, l.account.as_str(), l.account_name.as_str(), l.dept.as_deref(), l.cost_centre.as_str(), l.category.as_str(), l.amount.to_string()))
        .collect();
    use VoucherSide::{Credit, Debit};
    assert_eq!(
        lines,
        vec![
            (Debit, "6602", "管理费用", Some("办公室"), "", "办公设备", "190.00".into()),
            (Debit, "6602", "管理费用", Some("办公室"), "", "计算机设备", "200.00".into()),
            (Debit, "5101", "制造费用", Some("生产车间"), "CJ01", "机械设备", "960.00".into()),
            (Debit, "5101", "制造费用", Some("生产车间"), "CJ01", "计算机设备", "100.00".into()),
            (Credit, "1602", "累计折旧", None, "", "办公设备", "190.00".into()),
            (Credit, "1602.02", "累计折旧", None, "", "机械设备", "960.00".into()),
            (Credit, "1602", "累计折旧", None, "", "计算机设备", "300.00".into()),
        ]
    );
    assert_eq!(v.debit_total.to_string(), "1450.00");
    assert_eq!(v.credit_total.to_string(), "1450.00");
    let report = f.ledger.depreciation_detail(&f.admin, p("2026-04")).unwrap();
    assert_eq!(report.total, v.debit_total, "the voucher carries exactly the period's depreciation");
}

#[test]
fn a_missing_expense_account_names_the_department_and_a_default_fills_it() {
    let mut f = setup();
    april(&mut f);
    f.ledger.set_dept_accounts(&f.admin, "办公室", "6602", "").unwrap();
    let err = f.ledger.depreciation_voucher(&f.admin, p("2026-04"), Lang::ZhCn).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let zh = err.message(Lang::ZhCn);
    assert!(zh.contains("部门「生产车间」未设置费用科目"), "{zh}");
    assert!(!zh.contains("办公室"), "{zh}");
    assert!(err.message(Lang::En).contains("department 生产车间"), "{}", err.message(Lang::En));

    // A ledger default expense account covers departments without their own.
    let mut d = f.ledger.account_defaults(&f.admin).unwrap();
    assert_eq!((d.depreciation_account.as_str(), d.asset_account.as_str(), d.expense_account.as_str()), ("1602", "1601", ""));
    d.expense_account = "6602".into();
    f.ledger.set_account_defaults(&f.admin, &d).unwrap();
    let v = f.ledger.depreciation_voucher(&f.admin, p("2026-04"), Lang::En).unwrap();
    assert!(v.lines.iter().filter(|l| l.side == VoucherSide::Debit).all(|l| l.account == "6602"));
    assert_eq!(v.lines[0].account_name, "Administrative expenses");
    assert_eq!(v.debit_total.to_string(), "1450.00");

    // Bad codes are refused, naming the field; an empty accumulated-depreciation default too.
    let err = f.ledger.set_dept_accounts(&f.admin, "办公室", "66 02", "").unwrap_err();
    assert_eq!(err.fields, vec!["expense_account"]);
    let bad = AccountDefaults { depreciation_account: "".into(), ..d };
    assert_eq!(f.ledger.set_account_defaults(&f.admin, &bad).unwrap_err().fields, vec!["depreciation_account"]);
    assert_eq!(f.ledger.set_dept_accounts(&f.admin, "无此部门", "6602", "").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_government_ledger_names_government_accounts_and_unposted_periods_are_refused() {
    let mut f = setup();
    f.ledger.set_accounting_regime(&f.admin, ledger::Regime::Government).unwrap();
    let err = f.ledger.depreciation_voucher(&f.admin, p("2026-04"), Lang::ZhCn).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    asset(&mut f, "电脑", "办公室", "计算机设备", "7200", "6", "");
    f.ledger.run_depreciation(&f.admin, p("2026-03"), &mut |_, _| true).unwrap();
    f.ledger.set_dept_accounts(&f.admin, "办公室", "5101", "").unwrap();
    let v = f.ledger.depreciation_voucher(&f.admin, p("2026-03"), Lang::ZhCn).unwrap();
    // 7,200 / 72 = 100.00, charged in the month of acquisition.
    assert_eq!(v.lines[0].account_name, "单位管理费用");
    assert_eq!(v.lines[1].account_name, "固定资产累计折旧");
    assert_eq!(v.debit_total.to_string(), "100.00");
}

#[test]
fn a_normal_user_gets_their_own_departments_share() {
    let mut f = setup();
    april(&mut f);
    let mut d = f.ledger.account_defaults(&f.admin).unwrap();
    d.expense_account = "6602".into();
    f.ledger.set_account_defaults(&f.admin, &d).unwrap();
    f.ledger.add_user(&f.admin, "clerk", ledger::Role::Normal, Some("办公室"), "secret2").unwrap();
    let clerk = f.ledger.authenticate("clerk", "secret2").unwrap();
    let v = f.ledger.depreciation_voucher(&clerk, p("2026-04"), Lang::ZhCn).unwrap();
    assert_eq!(v.debit_total.to_string(), "390.00");
    assert_eq!(v.debit_total, f.ledger.depreciation_detail(&clerk, p("2026-04")).unwrap().total);
    assert_eq!(f.ledger.set_dept_accounts(&clerk, "办公室", "6602", "").unwrap_err().code, ErrorCode::Forbidden);
}

#[test]
fn the_tree_refuses_cycles_orphans_and_unknown_parents() {
    let mut f = setup();
    f.ledger.add_category(&f.admin, "设备", None).unwrap();
    f.ledger.add_category(&f.admin, "通用设备", Some("设备")).unwrap();
    f.ledger.add_category(&f.admin, "笔记本电脑", Some("通用设备")).unwrap();
    let tree = f.ledger.category_tree(&f.admin).unwrap();
    let shape: Vec<(usize, &str, Option<&str>)> = tree.iter().map(|n| (n.depth, n.name.as_str(), n.parent.as_deref())).collect();
    assert_eq!(shape, vec![(0, "设备", None), (1, "通用设备", Some("设备")), (2, "笔记本电脑", Some("通用设备"))]);

    let err = f.ledger.move_category(&f.admin, "设备", Some("笔记本电脑")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(Lang::ZhCn).contains("下级类别"), "{}", err.message(Lang::ZhCn));
    assert_eq!(f.ledger.move_category(&f.admin, "设备", Some("设备")).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(f.ledger.add_category(&f.admin, "台式机", Some("无此类别")).unwrap_err().code, ErrorCode::NotFound);

    // No active child under a deactivated parent.
    let err = f.ledger.set_register_active(&f.admin, RegisterKind::Category, "设备", false).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("通用设备"), "{}", err.message(Lang::ZhCn));
    f.ledger.set_register_active(&f.admin, RegisterKind::Category, "笔记本电脑", false).unwrap();
    f.ledger.set_register_active(&f.admin, RegisterKind::Category, "通用设备", false).unwrap();
    let err = f.ledger.set_register_active(&f.admin, RegisterKind::Category, "笔记本电脑", true).unwrap_err();
    assert!(err.message(Lang::En).contains("reactivate '通用设备' first"), "{}", err.message(Lang::En));
    assert_eq!(f.ledger.add_category(&f.admin, "台式机", Some("通用设备")).unwrap_err().fields, vec!["parent"]);

    // Renaming keeps the place in the tree (children point at the id).
    f.ledger.rename_register(&f.admin, RegisterKind::Category, "设备", "设备类").unwrap();
    let tree = f.ledger.category_tree(&f.admin).unwrap();
    assert_eq!(tree[1].parent.as_deref(), Some("设备类"));
    // Moving to the top.
    f.ledger.move_category(&f.admin, "通用设备", None).unwrap();
    assert_eq!(f.ledger.category_tree(&f.admin).unwrap().iter().find(|n| n.name == "通用设备").unwrap().depth, 0);
}

#[test]
fn the_gbt14885_seed_is_idempotent_and_feeds_the_minimum_lives() {
    let mut f = setup();
    // A clerk's own category of the same name is adopted, not duplicated.
    f.ledger.add_category(&f.admin, "计算机设备", None).unwrap();
    let first = f.ledger.seed_categories(&f.admin, "gbt14885").unwrap();
    assert!(first.added > 30, "{first:?}");
    assert_eq!(first.placed, 1, "{first:?}");
    let tree = f.ledger.category_tree(&f.admin).unwrap();
    let node = |name: &str| tree.iter().find(|n| n.name == name).unwrap_or_else(|| panic!("{name} seeded"));
    assert_eq!(node("设备").class_code.as_deref(), Some("A02"));
    assert_eq!(node("计算机设备").parent.as_deref(), Some("通用设备"));
    assert_eq!((node("计算机设备").depth, node("计算机设备").min_life_years), (2, Some(6)));
    assert_eq!(node("家具").min_life_years, Some(15));
    // The government minimum lives are the same table the regime enforces.
    let mins = f.ledger.category_min_lives(&f.admin).unwrap();
    assert!(mins.iter().any(|m| m.category == "车辆" && m.min_life_years == 8));
    let defaults = f.ledger.new_asset_defaults(&f.admin, "车辆").unwrap();
    assert_eq!(defaults.life_years, Some(8));

    let again = f.ledger.seed_categories(&f.admin, "gbt14885").unwrap();
    assert_eq!((again.added, again.placed, again.min_lives_set), (0, 0, 0));
    assert_eq!(f.ledger.category_tree(&f.admin).unwrap().len(), tree.len());
    assert_eq!(f.ledger.seed_categories(&f.admin, "iso").unwrap_err().fields, vec!["seed"]);
}

#[test]
fn a_subcategory_keeps_its_class_minimum_life_in_a_government_ledger() {
    let mut f = setup();
    f.ledger.set_accounting_regime(&f.admin, ledger::Regime::Government).unwrap();
    f.ledger.seed_categories(&f.admin, "gbt14885").unwrap();
    f.ledger.add_category(&f.admin, "笔记本电脑", Some("计算机设备")).unwrap();
    let short = AssetInput {
        name: "笔记本".into(),
        category: "笔记本电脑".into(),
        dept: "办公室".into(),
        acquired: "2026-03-10".into(),
        value: "6000".into(),
        life_years: "4".into(),
        method: "straight-line".into(),
        ..AssetInput::default()
    };
    let err = f.ledger.add_asset(&f.admin, &short).unwrap_err();
    assert_eq!(err.fields, vec!["life_years"]);
    assert!(err.message(Lang::ZhCn).contains("最低折旧年限 6 年"), "{}", err.message(Lang::ZhCn));
    // Its own minimum, once set, is nearer and wins.
    f.ledger.set_category_min_life(&f.admin, "笔记本电脑", Some(4)).unwrap();
    f.ledger.add_asset(&f.admin, &short).unwrap();
}

#[test]
fn reseeding_follows_renamed_classes_and_leaves_deactivated_ones_alone() {
    let mut f = setup();
    f.ledger.seed_categories(&f.admin, "gbt14885").unwrap();
    let before = f.ledger.category_tree(&f.admin).unwrap().len();
    // The clerk renames a class and deactivates another (with its children first).
    f.ledger.rename_register(&f.admin, RegisterKind::Category, "设备", "设备类").unwrap();
    for name in ["家具", "用具、装具", "家具和用具"] {
        f.ledger.set_register_active(&f.admin, RegisterKind::Category, name, false).unwrap();
    }
    f.ledger.rename_register(&f.admin, RegisterKind::Category, "家具", "旧家具").unwrap();
    let again = f.ledger.seed_categories(&f.admin, "gbt14885").unwrap();
    assert_eq!(again.added, 0, "{again:?}");
    let tree = f.ledger.category_tree(&f.admin).unwrap();
    assert_eq!(tree.len(), before, "no duplicate under the old names");
    assert_eq!(tree.iter().find(|n| n.name == "通用设备").unwrap().parent.as_deref(), Some("设备类"));
    assert!(!tree.iter().any(|n| n.name == "家具"), "nothing re-added under a deactivated class");
    assert!(tree.iter().filter(|n| n.parent.as_deref() == Some("家具和用具")).all(|n| !n.active));
}
