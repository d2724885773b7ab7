//! Custom fields in a legacy import (issue 21), on real workbooks and a real ledger: a
//! column headed with a field's name (or mapped to it) fills the field, values are read
//! by the field's type and refused as the card refuses them, row by row.

use std::collections::BTreeMap;

use exchange::{apply_plan, plan_import_bytes, ColumnMapping, ImportError, ImportField, ImportOptions, ImportPlan};
use ledger::{AssetQuery, CustomField, Lang, Ledger, SetupInput};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

enum V<'a> {
    S(&'a str),
    N(f64),
    D(u16, u8, u8),
    E,
}
use V::{D, E, N, S};

fn xlsx(rows: &[Vec<V>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                S(s) => drop(sheet.write_string(r, c, *s).unwrap()),
                N(n) => drop(sheet.write_number(r, c, *n).unwrap()),
                D(y, m, d) => drop(sheet.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date).unwrap()),
                E => {}
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn ledger_with_fields() -> (tempfile::TempDir, Ledger, ledger::Actor) {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "导入测试".into(), admin_name: "admin".into(), admin_password: "secret-123".into(), ..Default::default() };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    for (name, kind, required) in [("品牌", "text", false), ("功率", "number", false), ("检定日期", "date", false), ("资产标签", "text", true)] {
        ledger.define_custom_field(&admin, &CustomField { name: name.into(), kind: kind.into(), required, active: true }).unwrap();
    }
    (dir, ledger, admin)
}

fn options(ledger: &Ledger, admin: &ledger::Actor) -> ImportOptions {
    ImportOptions { today: chrono::NaiveDate::from_ymd_opt(2024, 12, 31), custom_fields: ledger.active_custom_fields(admin).unwrap(), ..Default::default() }
}

fn sheet() -> Vec<u8> {
    xlsx(&[
        vec![S("资产名称"), S("资产类别"), S("品牌"), S("功率"), S("检定日期"), S("资产标签")],
        vec![S("笔记本"), S("电脑"), S("联想"), N(65.0), D(2024, 5, 1), S("T-1")],
        vec![S("显示器"), S("电脑"), S("戴尔"), S("很大"), S("明年"), E],
        vec![S("打印机"), S("办公设备"), E, S("1,200.50"), S("2024/6/1"), S("T-3")],
    ])
}

fn custom_of(plan: &ImportPlan, row: u32) -> Vec<(String, String)> {
    plan.rows.iter().find(|r| r.row == row).map(|r| r.custom.clone()).unwrap_or_default()
}

#[test]
fn columns_named_as_custom_fields_fill_them_typed_and_checked_row_by_row() {
    let (_dir, mut ledger, admin) = ledger_with_fields();
    let plan = plan_import_bytes(sheet(), "台账.xlsx", &options(&ledger, &admin)).unwrap();
    assert_eq!(plan.mapping.custom, BTreeMap::from([(2, "品牌".into()), (3, "功率".into()), (4, "检定日期".into()), (5, "资产标签".into())]));
    assert_eq!(plan.columns.iter().find(|c| c.letter == "D").unwrap().custom.as_deref(), Some("功率"));
    // Typed: a date cell and a text date both become YYYY-MM-DD; numbers lose thousands separators.
    assert_eq!(custom_of(&plan, 2), [("品牌".into(), "联想".into()), ("功率".into(), "65".into()), ("检定日期".into(), "2024-05-01".into()), ("资产标签".into(), "T-1".into())]);
    assert_eq!(custom_of(&plan, 4), [("功率".into(), "1200.50".into()), ("检定日期".into(), "2024-06-01".into()), ("资产标签".into(), "T-3".into())]);
    // Row 3: each bad value named with its row and column, in the clerk's language.
    let errors: Vec<(u32, String, String)> = plan.report.errors.iter().map(|e| (e.row, e.column.clone(), e.message(Lang::ZhCn).to_string())).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!((errors[0].0, errors[0].1.as_str(), errors[0].2.as_str()), (3, "功率", "功率：「很大」不是数字"));
    assert_eq!((errors[1].0, errors[1].1.as_str()), (3, "检定日期"));
    assert_eq!((errors[2].0, errors[2].1.as_str(), errors[2].2.as_str()), (3, "资产标签", "资产标签不能为空"));
    // The preview rows carry the values by field name.
    let json = serde_json::to_value(&plan.rows[0]).unwrap();
    assert_eq!(json["fields"]["功率"], "65");

    // A dry run reports them as the importer reports the others; nothing is written.
    let dry = apply_plan(&mut ledger, &admin, &plan, Lang::ZhCn, false, true, &mut |_, _| true).unwrap();
    assert!(dry.errors.iter().any(|e| e.row == 3 && e.column == "功率"), "{:?}", dry.errors);
    assert_eq!((dry.would_import, dry.imported), (2, 0));

    // Imported (skipping row 3), the cards and the list carry the values.
    let done = apply_plan(&mut ledger, &admin, &plan, Lang::ZhCn, true, false, &mut |_, _| true).unwrap();
    assert_eq!(done.imported, 2);
    let rows = ledger.list_assets(&admin, &AssetQuery::default()).unwrap().rows;
    let printer = rows.iter().find(|r| r.name == "打印机").unwrap();
    assert_eq!(printer.custom.get("功率").map(String::as_str), Some("1200.50"));
    assert_eq!(printer.custom.get("品牌"), None, "an empty cell sets nothing");
    let laptop = rows.iter().find(|r| r.name == "笔记本").unwrap();
    assert_eq!(ledger.custom_values(&admin, &laptop.code).unwrap()[2], ("检定日期".to_string(), "2024-05-01".to_string()));
}

#[test]
fn a_column_mapped_by_hand_fills_a_custom_field_and_bad_mappings_are_refused() {
    let (_dir, mut ledger, admin) = ledger_with_fields();
    let bytes = xlsx(&[vec![S("资产名称"), S("资产类别"), S("厂牌")], vec![S("笔记本"), S("电脑"), S("华为")]]);
    let auto = plan_import_bytes(bytes.clone(), "t.xlsx", &options(&ledger, &admin)).unwrap();
    assert!(auto.mapping.custom.is_empty(), "厂牌 is no field's name");
    let mut mapping = auto.mapping.clone();
    mapping.custom.insert(2, "品牌".into());
    let plan = plan_import_bytes(bytes.clone(), "t.xlsx", &ImportOptions { mapping: Some(mapping.clone()), ..options(&ledger, &admin) }).unwrap();
    assert_eq!(custom_of(&plan, 2), [("品牌".to_string(), "华为".to_string())]);
    // The mapping travels as JSON between the wizard and the backend.
    let json = serde_json::to_string(&mapping).unwrap();
    assert_eq!(serde_json::from_str::<ColumnMapping>(&json).unwrap(), mapping);
    assert_eq!(serde_json::from_str::<ColumnMapping>(r#"{"columns":{"0":"name"}}"#).unwrap().custom, BTreeMap::new(), "old saved mappings still read");

    let bad = |m: ColumnMapping| plan_import_bytes(bytes.clone(), "t.xlsx", &ImportOptions { mapping: Some(m), ..options(&ledger, &admin) }).unwrap_err();
    let mut unknown = auto.mapping.clone();
    unknown.custom.insert(2, "颜色".into());
    assert!(matches!(bad(unknown), ImportError::BadMapping(m) if m.contains("颜色")));
    let mut twice = auto.mapping.clone();
    twice.custom.insert(2, "品牌".into());
    twice.custom.insert(1, "品牌".into());
    twice.columns.remove(&1);
    assert!(matches!(bad(twice), ImportError::BadMapping(_)));
    let mut both = auto.mapping.clone();
    both.custom.insert(1, "品牌".into());
    assert_eq!(both.columns.get(&1), Some(&ImportField::Category));
    assert!(matches!(bad(both), ImportError::BadMapping(_)), "one column, one field");

    // The ledger checks the values again, as the card does, whoever plans the rows.
    let row = ledger::ImportAsset {
        row: 2,
        input: ledger::AssetInput { name: "显示器".into(), category: "电脑".into(), ..Default::default() },
        status: None,
        opening: None,
        custom: vec![("功率".into(), "abc".into())],
    };
    let outcome = ledger.import_assets(&admin, "test.csv", &[row], false, false, &mut |_, _| true).unwrap();
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(outcome.errors[0].1.fields, vec!["功率"]);
    assert_eq!(ledger.list_assets(&admin, &AssetQuery::default()).unwrap().total, 0);
}
