//! The stocktake difference details (差异明细) as a table for [`crate::write_xlsx`]:
//! one row per surplus, missing and misplaced asset, in the UI language.

use ledger::{DiffLine, Lang, StocktakeReport};

use crate::{Cell, Column, ColumnKind};

fn col(zh: &str, en: &str, lang: Lang, kind: ColumnKind, width: f64) -> Column {
    Column { header: if lang == Lang::En { en } else { zh }.to_string(), kind, width }
}

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
