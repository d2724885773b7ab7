//! The depreciation voucher's use cases (issue 21) on a real ledger file: the accounts
//! panel, a normal user refused setting accounts, and the voucher written as xlsx and
//! CSV and read back. Figures (enterprise, acquired 2026-03-10, first charged April):
//! 打印机 办公室/办公设备 12,000.00 over 5 years with 5% salvage = 190.00;
//! 车床 生产车间/机械设备 120,000.00 over 10 years with 4% salvage = 960.00; total 1,150.00.

use api::allocation::{self, AccountDefaultsDto};
use api::{Ctx, ErrorCode, Lang};
use calamine::{open_workbook, Data, Reader, Xlsx};
use ledger::{Actor, AssetInput, Ledger, Role, SetupInput};

struct Desk {
    dir: tempfile::TempDir,
    ledger: Ledger,
    admin: Actor,
    clerk: Actor,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    for (name, dept, category, value, years, salvage) in [("打印机", "办公室", "办公设备", "12000", "5", "5%"), ("车床", "生产车间", "机械设备", "120000", "10", "4%")] {
        let input = AssetInput {
            name: name.into(),
            dept: dept.into(),
            category: category.into(),
            acquired: "2026-03-10".into(),
            value: value.into(),
            life_years: years.into(),
            salvage_rate: salvage.into(),
            method: "straight-line".into(),
            ..AssetInput::default()
        };
        ledger.add_asset(&admin, &input).unwrap();
    }
    ledger.run_depreciation(&admin, "2026-04".parse().unwrap(), &mut |_, _| true).unwrap();
    ledger.add_user(&admin, "clerk", Role::Normal, Some("办公室"), "secret2").unwrap();
    let clerk = ledger.authenticate("clerk", "secret2").unwrap();
    Desk { dir, ledger, admin, clerk }
}

#[test]
fn accounts_are_set_by_register_keepers_and_the_chart_follows_the_regime() {
    let mut d = desk();
    let err = allocation::set_dept_accounts(&mut Ctx::new(&mut d.ledger, &d.clerk, Lang::ZhCn), "办公室", "6602", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let cx = &mut Ctx::new(&mut d.ledger, &d.admin, Lang::ZhCn);
    allocation::set_dept_accounts(cx, "生产车间", "5101", "CJ01").unwrap();
    allocation::set_category_accounts(cx, "机械设备", "", "1602.02").unwrap();
    let a = allocation::accounts(cx).unwrap();
    assert_eq!(a.regime, "enterprise");
    assert!(a.chart.iter().any(|c| c.code == "6602" && c.name == "管理费用"));
    let workshop = a.depts.iter().find(|x| x.dept == "生产车间").unwrap();
    assert_eq!((workshop.expense_account.as_str(), workshop.cost_centre.as_str()), ("5101", "CJ01"));
    assert_eq!(a.categories.iter().find(|c| c.category == "机械设备").unwrap().depreciation_account, "1602.02");
    assert_eq!(a.defaults.depreciation_account, "1602");

    // 办公室 has no account yet: the voucher names it and nothing is written.
    let file = d.dir.path().join("折旧分配.xlsx");
    let cx = &mut Ctx::new(&mut d.ledger, &d.admin, Lang::ZhCn);
    let err = allocation::export_voucher(cx, "2026-04", &file, &mut |_, _| true).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("办公室"), "{}", err.message(Lang::ZhCn));
    assert!(!file.exists());
}

#[test]
fn the_voucher_is_written_as_xlsx_and_csv_and_balances() {
    let mut d = desk();
    let cx = &mut Ctx::new(&mut d.ledger, &d.admin, Lang::ZhCn);
    let defaults = AccountDefaultsDto { expense_account: "6602".into(), depreciation_account: "1602".into(), asset_account: "1601".into() };
    allocation::set_defaults(cx, defaults).unwrap();
    allocation::set_dept_accounts(cx, "生产车间", "5101", "CJ01").unwrap();
    let v = allocation::voucher(cx, "2026-04").unwrap();
    assert_eq!((v.debit_total.as_str(), v.credit_total.as_str(), v.balanced), ("1150.00", "1150.00", true));
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["lines"][0]["side"], "debit");
    assert_eq!(json["lines"][0]["debit"], "190.00");
    assert_eq!(json["lines"][0]["credit"], "");

    let xlsx = d.dir.path().join("折旧分配.xlsx");
    let written = allocation::export_voucher(cx, "2026-04", &xlsx, &mut |_, _| true).unwrap();
    assert_eq!(written.rows, 5, "2 debits, 2 credits, the total");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("折旧分配凭证 2026-04").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| if let Data::Float(f) = c { format!("{f:.2}") } else { c.to_string() }).collect()).collect();
    assert_eq!(rows[0], ["摘要", "科目代码", "科目名称", "部门", "成本中心", "资产类别", "资产数", "借方金额", "贷方金额"]);
    assert_eq!(rows[1], ["计提 2026-04 折旧 办公室 办公设备", "6602", "管理费用", "办公室", "", "办公设备", "1.00", "190.00", ""]);
    assert_eq!(rows[2][1..], ["5101", "制造费用", "生产车间", "CJ01", "机械设备", "1.00", "960.00", ""]);
    assert_eq!(rows[4][7..], ["", "960.00"]);
    assert_eq!(rows[5], ["合计", "", "", "", "", "", "", "1150.00", "1150.00"]);

    let csv = d.dir.path().join("voucher.csv");
    allocation::export_voucher(cx, "2026-04", &csv, &mut |_, _| true).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(lines[1], "计提 2026-04 折旧 办公室 办公设备,6602,管理费用,办公室,,办公设备,1,190.00,");
    assert_eq!(lines[3], "计提 2026-04 折旧 办公设备,1602,累计折旧,,,办公设备,1,,190.00");
    assert_eq!(*lines.last().unwrap(), "合计,,,,,,,1150.00,1150.00");
    assert!(text.starts_with('\u{FEFF}'), "a BOM, so Excel reads UTF-8");
}

#[test]
fn the_tree_and_the_new_asset_form_say_which_parent_a_default_is_inherited_from() {
    let mut d = desk();
    let cx = &mut Ctx::new(&mut d.ledger, &d.admin, Lang::ZhCn);
    api::registers::add_category(cx, "笔记本电脑", Some("办公设备")).unwrap();
    api::valuation::set_category_defaults(cx, "办公设备", "straight-line", "5", "5%").unwrap();
    let tree = api::registers::category_tree(cx).unwrap();
    let child = tree.iter().find(|n| n.name == "笔记本电脑").unwrap();
    assert_eq!((child.life_years, child.life_from.as_deref(), child.defaults_from.as_deref()), (Some(5), Some("办公设备"), Some("办公设备")));
    assert_eq!((child.method.as_deref(), child.salvage_rate.as_deref()), (Some("straight-line"), Some("0.05")));
    let parent = tree.iter().find(|n| n.name == "办公设备").unwrap();
    assert_eq!((parent.life_years, parent.life_from.as_deref()), (Some(5), None), "its own");
    assert_eq!(tree.iter().find(|n| n.name == "机械设备").unwrap().life_years, None, "no defaults anywhere up its tree");
    let form = api::valuation::new_asset_defaults(cx, "笔记本电脑").unwrap();
    assert_eq!((form.life_years, form.inherited_from.as_deref(), form.salvage_from.as_str()), (Some(5), Some("办公设备"), "category"));
}
