//! Stocktake reports for Excel: the difference details (差异明细, one row per surplus,
//! missing and misplaced asset) and the 盘盈 / 盘亏 / 差异 statistics, in the UI language.

use std::path::Path;

use ledger::{DiffLine, Lang, StocktakeReport};

use crate::export::{col, write_workbook, Sheet};
use crate::{Cell, Column, ColumnKind, ExportError};

/// Columns and rows: 盘盈 first, then 盘亏, then 位置不符, each in report order.
pub fn stocktake_table(report: &StocktakeReport, lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let columns = vec![
        col("差异类型", "Difference", lang, Text, 8.0),
        col("资产编码", "Code", lang, Text, 14.0),
        col("资产名称", "Name", lang, Text, 16.0),
        col("类别", "Category", lang, Text, 8.0),
        col("账面部门", "Recorded department", lang, Text, 10.0),
        col("账面位置", "Recorded location", lang, Text, 10.0),
        col("盘点位置", "Counted at", lang, Text, 10.0),
        col("原值", "Value", lang, Money, 12.0),
        col("扫描时间", "Scanned at", lang, Text, 20.0),
    ];
    let row = |l: &DiffLine| {
        vec![
            Cell::Text(l.verdict.label(lang).to_string()),
            Cell::Text(l.code.clone()),
            l.name.clone().into(),
            l.category.clone().into(),
            l.dept.clone().into(),
            l.location.clone().into(),
            l.scanned_location.clone().into(),
            l.value.map(Cell::Money).unwrap_or(Cell::Empty),
            l.scanned_at.clone().into(),
        ]
    };
    let rows = report.surplus.iter().chain(&report.missing).chain(&report.misplaced).map(row).collect();
    (columns, rows)
}

/// The statistics sheets beside the details: 盘盈统计 (by counted location), 盘亏统计
/// and 差异统计 (by department, with a total line).
pub fn stocktake_sheets(report: &StocktakeReport, lang: Lang) -> Vec<(String, Vec<Column>, Vec<Vec<Cell>>)> {
    use ColumnKind::*;
    let en = lang == Lang::En;
    let name = |zh: &str, e: &str| if en { e.to_string() } else { zh.to_string() };
    let none = |zh: &str, e: &str| Cell::Text(name(zh, e));
    let total_label = name("合计", "Total");

    let mut by_place: Vec<(Option<String>, i64)> = Vec::new();
    for l in &report.surplus {
        match by_place.iter_mut().find(|(p, _)| *p == l.scanned_location) {
            Some((_, n)) => *n += 1,
            None => by_place.push((l.scanned_location.clone(), 1)),
        }
    }
    let mut surplus_rows: Vec<Vec<Cell>> = by_place
        .into_iter()
        .map(|(p, n)| vec![p.map(Cell::Text).unwrap_or_else(|| none("(未设位置)", "(no location)")), Cell::Integer(n)])
        .collect();
    surplus_rows.push(vec![Cell::Text(total_label.clone()), Cell::Integer(report.surplus.len() as i64)]);
    let surplus = (
        name("盘盈统计", "Surplus"),
        vec![col("盘点位置", "Counted at", lang, Text, 14.0), col("盘盈数量", "Surplus assets", lang, Integer, 10.0)],
        surplus_rows,
    );

    let dept = |d: &Option<String>| d.clone().map(Cell::Text).unwrap_or_else(|| none("(无部门)", "(no department)"));
    let mut missing_rows: Vec<Vec<Cell>> = report
        .by_dept
        .iter()
        .filter(|s| s.missing > 0)
        .map(|s| vec![dept(&s.dept), Cell::Integer(s.missing), Cell::Money(s.missing_value)])
        .collect();
    missing_rows.push(vec![Cell::Text(total_label.clone()), Cell::Integer(report.missing.len() as i64), Cell::Money(report.missing_value)]);
    let missing = (
        name("盘亏统计", "Missing"),
        vec![
            col("部门", "Department", lang, Text, 12.0),
            col("盘亏数量", "Missing assets", lang, Integer, 10.0),
            col("盘亏原值", "Missing value", lang, Money, 14.0),
        ],
        missing_rows,
    );

    let mut diff_rows: Vec<Vec<Cell>> = report
        .by_dept
        .iter()
        .map(|s| vec![dept(&s.dept), Cell::Integer(s.expected), Cell::Integer(s.found), Cell::Integer(s.missing), Cell::Money(s.missing_value)])
        .collect();
    diff_rows.push(vec![
        Cell::Text(total_label),
        Cell::Integer(report.expected),
        Cell::Integer(report.found),
        Cell::Integer(report.missing.len() as i64),
        Cell::Money(report.missing_value),
    ]);
    diff_rows.push(vec![none("盘盈", "Surplus"), Cell::Integer(report.surplus.len() as i64), Cell::Empty, Cell::Empty, Cell::Empty]);
    diff_rows.push(vec![none("位置不符", "Misplaced"), Cell::Integer(report.misplaced.len() as i64), Cell::Empty, Cell::Empty, Cell::Empty]);
    diff_rows.push(vec![none("重复扫描", "Duplicate scans"), Cell::Integer(report.duplicates), Cell::Empty, Cell::Empty, Cell::Empty]);
    let diff = (
        name("差异统计", "Differences"),
        vec![
            col("部门", "Department", lang, Text, 12.0),
            col("应盘", "Expected", lang, Integer, 8.0),
            col("已盘到", "Found", lang, Integer, 8.0),
            col("盘亏", "Missing", lang, Integer, 8.0),
            col("盘亏原值", "Missing value", lang, Money, 14.0),
        ],
        diff_rows,
    );

    let (columns, rows) = stocktake_table(report, lang);
    vec![surplus, missing, diff, (name("差异明细", "Difference details"), columns, rows)]
}

/// Writes the stocktake report as one workbook: 盘盈统计, 盘亏统计, 差异统计, 差异明细
/// (through the one writer, `write_workbook`). Returns the detail rows written.
pub fn write_stocktake_xlsx(path: &Path, report: &StocktakeReport, lang: Lang) -> Result<usize, ExportError> {
    let sheets = stocktake_sheets(report, lang);
    let parts: Vec<Sheet> = sheets.iter().map(|(name, columns, rows)| Sheet { name, columns, rows, bold: &[] }).collect();
    write_workbook(path, &parts, &mut |_, _| true)?;
    Ok(sheets.last().map(|s| s.2.len()).unwrap_or(0))
}
