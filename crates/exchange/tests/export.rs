//! Workbooks written by the exporter and read back with calamine, as a clerk's Excel would.

use calamine::{open_workbook, Data, Reader, Xlsx};
use exchange::{asset_table, write_xlsx, Cell, Column, ColumnKind, ExportError};
use ledger::{AssetRow, AssetStatus, Lang, NaiveDate};
use rust_decimal::Decimal;

fn rows(n: usize) -> Vec<AssetRow> {
    (0..n)
        .map(|i| AssetRow {
            code: format!("ZC-2026-{i:05}"),
            name: format!("联想笔记本电脑{i}"),
            category: "电脑".into(),
            model: "T14".into(),
            status: if i % 2 == 0 { AssetStatus::InUse } else { AssetStatus::InStock },
            dept: Some("行政部".into()),
            location: None,
            custodian: Some("张三".into()),
            acquired: NaiveDate::from_ymd_opt(2025, 3, 1),
            value: Decimal::new(699950 + i as i64, 2),
            custom: Default::default(),
        })
        .collect()
}

#[test]
fn the_asset_list_reads_back_with_chinese_headers_numbers_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    let (columns, cells) = asset_table(&rows(3), Lang::ZhCn);
    let mut calls = Vec::new();
    write_xlsx(&path, "资产台账", &columns, &cells, &mut |done, total| {
        calls.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(calls.last(), Some(&(3, 3)), "progress ends at the total");

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("资产台账").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, vec!["资产编码", "资产名称", "类别", "规格型号", "状态", "使用部门", "存放位置", "保管人", "购置日期", "原值"]);
    let first = &range.rows().nth(1).unwrap();
    assert_eq!(first[0], Data::String("ZC-2026-00000".into()));
    assert_eq!(first[4], Data::String("在用".into()));
    assert_eq!(first[6], Data::Empty);
    assert_eq!(first[9], Data::Float(6999.50), "money is a number cell, not text");
    match &first[8] {
        Data::DateTime(dt) => assert_eq!(dt.as_f64(), 45717.0, "Excel serial day of 2025-03-01"),
        other => panic!("acquired should be a date cell, got {other:?}"),
    }
    assert_eq!(range.height(), 4);
}

#[test]
fn english_headers_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.xlsx");
    let (columns, cells) = asset_table(&rows(1), Lang::En);
    write_xlsx(&path, "Ledger", &columns, &cells, &mut |_, _| true).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Ledger").unwrap();
    assert_eq!(range.get((0, 0)), Some(&Data::String("Code".into())));
    assert_eq!(range.get((1, 4)), Some(&Data::String("In use".into())));
}

#[test]
fn a_cancelled_export_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    let (columns, cells) = asset_table(&rows(5000), Lang::ZhCn);
    let err = write_xlsx(&path, "资产台账", &columns, &cells, &mut |done, _| done < 2000).unwrap_err();
    assert!(matches!(err, ExportError::Cancelled));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "neither the workbook nor a partial file remains");
}

#[test]
fn an_unwritable_target_is_an_error_not_a_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("x.xlsx");
    let columns = vec![Column { header: "a".into(), kind: ColumnKind::Text, width: 4.0 }];
    let err = write_xlsx(&path, "s", &columns, &[vec![Cell::Text("x".into())]], &mut |_, _| true).unwrap_err();
    assert!(matches!(err, ExportError::Write(_)));
}

/// The `s` (style index) of cell `reference` in sheet 1, and the `cellXfs` entries of
/// the styles part, read from the workbook's XML.
fn style_of(path: &std::path::Path, reference: &str) -> (usize, Vec<String>) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    let styles = part("xl/styles.xml");
    let cell = &sheet[sheet.find(&format!("<c r=\"{reference}\"")).unwrap_or_else(|| panic!("no cell {reference}"))..];
    let cell = &cell[..cell.find('>').unwrap()];
    let s = cell.split(" s=\"").nth(1).map_or(0, |rest| rest[..rest.find('"').unwrap()].parse().unwrap());
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    (s, xfs.split("<xf ").skip(1).map(|x| x.to_string()).collect())
}

#[test]
fn text_that_looks_like_a_formula_carries_quote_prefix_and_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.xlsx");
    let columns = vec![Column { header: "名称".into(), kind: ColumnKind::Text, width: 10.0 }];
    let texts = ["=1+2", "+86 123", "-5", "@SUM(A1)", "普通文本"];
    let cells: Vec<Vec<Cell>> = texts.iter().map(|t| vec![Cell::Text(t.to_string())]).collect();
    write_xlsx(&path, "Sheet", &columns, &cells, &mut |_, _| true).unwrap();

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Sheet").unwrap();
    for (i, t) in texts.iter().enumerate() {
        assert_eq!(range.get((i + 1, 0)), Some(&Data::String(t.to_string())), "stored as a string");
        let (s, xfs) = style_of(&path, &format!("A{}", i + 2));
        let quoted = xfs[s].contains("quotePrefix=\"1\"");
        assert_eq!(quoted, i < 4, "{t}: style {s} = {}", xfs[s]);
    }
}
