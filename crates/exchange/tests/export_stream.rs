//! The full asset export streamed from a real ledger (issue 25): every asset matching the
//! filter, in the list's order, read back with calamine; progress in steps; a cancel
//! leaves no file.

use calamine::{open_workbook, Data, Reader, Xlsx};
use ledger::{AssetInput, AssetQuery, AssetSort, Lang, Ledger, SetupInput, SortDir};

fn ledger_with(n: usize) -> (tempfile::TempDir, Ledger, ledger::Actor) {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "导出测试".into(), admin_name: "admin".into(), admin_password: "secret-123".into(), ..Default::default() };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let inputs: Vec<AssetInput> = (0..n)
        .map(|i| AssetInput {
            name: if i == 0 { "=SUM(A1)".into() } else { format!("联想笔记本电脑{i}") },
            category: "电脑".into(),
            dept: if i % 2 == 0 { "行政部".into() } else { "财务部".into() },
            acquired: "2024-03-01".into(),
            value: format!("{}.50", 1000 + i),
            ..AssetInput::default()
        })
        .collect();
    ledger.add_assets(&admin, &inputs).unwrap();
    (dir, ledger, admin)
}

#[test]
fn every_matching_asset_is_written_in_the_list_order_with_progress_in_steps() {
    let (dir, ledger, admin) = ledger_with(4_500);
    let path = dir.path().join("台账.xlsx");
    let query = AssetQuery { dept: Some("行政部".into()), sort: AssetSort::Value, dir: SortDir::Desc, limit: 50, offset: 100, ..AssetQuery::default() };
    let mut calls = Vec::new();
    let n = exchange::export_assets(&ledger, &admin, &query, Lang::ZhCn, "资产台账", &path, &mut |done, total| {
        calls.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(n, 2_250, "the filter, not the screen's page");
    assert_eq!(calls, vec![(2_000, 2_250), (2_250, 2_250), (2_250, 2_250)], "progress after each step, ending at the total");

    let listed = ledger.list_assets(&admin, &AssetQuery { limit: 0, offset: 0, ..query }).unwrap().rows;
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("资产台账").unwrap();
    assert_eq!(range.height(), 2_251);
    assert_eq!(range.get((0, 0)), Some(&Data::String("资产编码".into())));
    let codes: Vec<String> = range.rows().skip(1).map(|r| r[0].to_string()).collect();
    let expected: Vec<String> = listed.iter().map(|r| r.code.clone()).collect();
    assert_eq!(codes, expected, "the list's order, highest value first");
    assert_eq!(range.get((1, 9)), Some(&Data::Float(listed[0].value.to_string().parse().unwrap())), "money is a number cell");
    assert_eq!(range.get((1, 5)), Some(&Data::String("行政部".into())));
    let formula_like = range.rows().skip(1).find(|r| r[1] == Data::String("=SUM(A1)".into()));
    assert!(formula_like.is_some(), "text that looks like a formula stays text");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().contains("partial")).count(), 0);
}

#[test]
fn a_cancelled_streamed_export_leaves_no_file_behind() {
    let (dir, ledger, admin) = ledger_with(4_500);
    let out = dir.path().join("exports");
    std::fs::create_dir(&out).unwrap();
    let path = out.join("台账.xlsx");
    let err = exchange::export_assets(&ledger, &admin, &AssetQuery::default(), Lang::ZhCn, "资产台账", &path, &mut |done, _| done < 2_000).unwrap_err();
    assert_eq!(err.code, ledger::ErrorCode::Conflict, "{err:?}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "neither the workbook, a partial file nor the row spool remains");
}

/// Issue 21: the active custom fields follow the standard columns, headed by their names,
/// for the filtered rows; numbers and dates as number and date cells.
#[test]
fn custom_fields_are_columns_after_the_standard_ones_for_the_filtered_rows() {
    let (dir, mut ledger, admin) = ledger_with(6);
    for (name, kind, active) in [("品牌", "text", true), ("功率", "number", true), ("检定日期", "date", true), ("旧编号", "text", false)] {
        ledger.define_custom_field(&admin, &ledger::CustomField { name: name.into(), kind: kind.into(), required: false, active }).unwrap();
    }
    let codes: Vec<String> = ledger.list_assets(&admin, &AssetQuery::default()).unwrap().rows.into_iter().map(|r| r.code).collect();
    let set = |l: &mut Ledger, code: &str, values: &[(&str, &str)]| {
        l.set_custom_values(&admin, code, &values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()).unwrap()
    };
    set(&mut ledger, &codes[0], &[("品牌", "联想"), ("功率", "65.5"), ("检定日期", "2026-05-01")]);
    set(&mut ledger, &codes[2], &[("品牌", "联想")]);
    set(&mut ledger, &codes[3], &[("品牌", "戴尔")]);
    let path = dir.path().join("台账.xlsx");
    let query = AssetQuery { fields: vec![ledger::FieldFilter { name: "品牌".into(), op: ledger::FieldMatch::Equals, value: "联想".into() }], ..AssetQuery::default() };
    let n = exchange::export_assets(&ledger, &admin, &query, Lang::ZhCn, "资产台账", &path, &mut |_, _| true).unwrap();
    assert_eq!(n, 2, "only the rows the custom filter keeps");
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("资产台账").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[9..], ["原值", "品牌", "功率", "检定日期"], "inactive fields are left out");
    let first = range.rows().nth(1).unwrap();
    assert_eq!(first[0], Data::String(codes[0].clone()));
    assert_eq!((&first[10], &first[11]), (&Data::String("联想".into()), &Data::Float(65.5)));
    match &first[12] {
        Data::DateTime(dt) => assert_eq!(dt.as_f64(), 46143.0, "Excel serial day of 2026-05-01"),
        other => panic!("a date field should be a date cell, got {other:?}"),
    }
    let second = range.rows().nth(2).unwrap();
    assert_eq!((&second[0], &second[10], &second[11]), (&Data::String(codes[2].clone()), &Data::String("联想".into()), &Data::Empty));
}
