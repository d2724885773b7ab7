//! Shared by the sysprint tests: a real report PDF (CJK text, several pages) and the
//! poppler tools that read a PDF back.
#![allow(dead_code)]

use std::process::Command;

use exchange::{Cell, Column, ColumnKind};
use ledger::Lang;
use rust_decimal::Decimal;

/// A register-like report of `rows` rows: A4 portrait (three columns), Chinese text.
pub fn report_pdf(rows: usize) -> Vec<u8> {
    let columns = vec![
        Column {
            header: "资产编码".into(),
            kind: ColumnKind::Text,
            width: 14.0,
        },
        Column {
            header: "资产名称".into(),
            kind: ColumnKind::Text,
            width: 20.0,
        },
        Column {
            header: "原值".into(),
            kind: ColumnKind::Money,
            width: 12.0,
        },
    ];
    let body: Vec<Vec<Cell>> = (0..rows)
        .map(|i| {
            vec![
                Cell::Text(format!("ZC-2026-{i:05}")),
                Cell::Text(format!("联想笔记本电脑{i}")),
                Cell::Money(Decimal::new(123_450 + i as i64, 2)),
            ]
        })
        .collect();
    let sections = vec![("资产明细".to_string(), columns.clone(), body)];
    reports::render_tables_with(
        "华东示范学校",
        "固定资产台账",
        &sections,
        Lang::ZhCn,
        &reports::TableOptions::report(columns.len()),
    )
}

pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn pdf_pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (Debian: poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().parse().unwrap()))
        .expect("pdfinfo names the pages")
}
