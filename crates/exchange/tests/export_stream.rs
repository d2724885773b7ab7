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
