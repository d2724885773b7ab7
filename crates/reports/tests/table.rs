//! Tabular report PDFs read back with pdftotext.

use std::process::Command;

use exchange::{Cell, Column, ColumnKind};
use ledger::Lang;
use reports::render_tables;
use rust_decimal::Decimal;

#[test]
fn sections_continue_over_pages_with_numbers_formatted_and_chinese_text() {
    let columns = vec![
        Column { header: "资产编码".into(), kind: ColumnKind::Text, width: 14.0 },
        Column { header: "资产名称".into(), kind: ColumnKind::Text, width: 20.0 },
        Column { header: "原值".into(), kind: ColumnKind::Money, width: 12.0 },
    ];
    let rows: Vec<Vec<Cell>> = (0..120)
        .map(|i| vec![Cell::Text(format!("ZC-2026-{i:05}")), Cell::Text(format!("联想笔记本电脑{i}")), Cell::Money(Decimal::new(123450 + i, 2))])
        .collect();
    let summary = vec![vec![Cell::Text("合计".into()), Cell::Empty, Cell::Money(Decimal::new(148_854_000, 2))]];
    let sections = vec![("盘亏明细".to_string(), columns.clone(), rows), ("盘亏统计".to_string(), columns, summary)];
    let pdf = render_tables("华东示范学校", "2026年度盘点报告", &sections, Lang::ZhCn);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = String::from_utf8(Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext").stdout).unwrap();
    for want in ["华东示范学校", "2026年度盘点报告", "盘亏明细", "盘亏统计", "联想笔记本电脑119", "1,234.50", "1,488,540.00", "共5页"] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    let info = String::from_utf8(Command::new("pdfinfo").arg(&path).output().unwrap().stdout).unwrap();
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().parse().unwrap())).unwrap();
    assert!(pages >= 4, "120 rows take several A4 landscape pages, got {pages}");
    assert!(text.contains(&format!("第1页共{pages}页")), "pages are numbered of the total");
    assert_eq!(text.matches("资产编码").count(), pages + 1, "the header repeats on every page, and the second section has its own");
}

#[test]
fn a_report_with_few_columns_prints_portrait_and_wraps_long_text_instead_of_cutting_it() {
    let columns = vec![
        Column { header: "资产名称".into(), kind: ColumnKind::Text, width: 10.0 },
        Column { header: "备注".into(), kind: ColumnKind::Text, width: 10.0 },
        Column { header: "原值".into(), kind: ColumnKind::Money, width: 4.0 },
    ];
    let long = "这是一段很长的备注文字用来检查报表在列宽不够时会自动换行而不是被截断显示省略号的情况";
    let rows = vec![
        vec![Cell::Text("数控车床".into()), Cell::Text(long.into()), Cell::Money(Decimal::new(123_456_789, 2))],
        vec![Cell::Text("小计(1 项)".into()), Cell::Empty, Cell::Money(Decimal::new(123_456_789, 2))],
    ];
    let pdf = reports::render_tables_with("示例单位", "资产台账", &[("机器设备".into(), columns, rows)], Lang::ZhCn, &reports::TableOptions::report(3));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = String::from_utf8(Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext").stdout).unwrap();
    assert!(!text.contains('…'), "nothing is cut:\n{text}");
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(long), "the note reads whole across its lines:\n{text}");
    assert_eq!(text.matches("1,234,567.89").count(), 2, "money is never wrapped:\n{text}");
    let info = String::from_utf8(Command::new("pdfinfo").arg(&path).output().unwrap().stdout).unwrap();
    assert!(info.contains("595.276 x 841.89") || info.contains("595 x 842"), "portrait A4:\n{info}");
}
