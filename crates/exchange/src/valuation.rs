//! Depreciation workbooks (issue 6): 折旧明细表 (a period's lines by asset), 折旧汇总 (by
//! category or department), the asset register at a month end, and an asset's schedule.

use ledger::{AssetSchedule, DepreciationRun, Lang, RegisterLine, SummaryBy, SummaryRow};

use crate::export::{Cell, Column, ColumnKind};

fn col(header_zh: &str, header_en: &str, lang: Lang, kind: ColumnKind, width: f64) -> Column {
    Column { header: if lang == Lang::En { header_en } else { header_zh }.to_string(), kind, width }
}

fn total_label(lang: Lang) -> Cell {
    Cell::Text(if lang == Lang::En { "Total" } else { "合计" }.to_string())
}

/// 折旧明细表: one row per asset of a run, and a total row.
pub fn depreciation_detail_table(run: &DepreciationRun, lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let columns = vec![
        col("期间", "Period", lang, Text, 8.0),
        col("资产编码", "Code", lang, Text, 14.0),
        col("资产名称", "Name", lang, Text, 16.0),
        col("类别", "Category", lang, Text, 8.0),
        col("使用部门", "Department", lang, Text, 8.0),
        col("折旧方法", "Method", lang, Text, 10.0),
        col("原值", "Cost", lang, Money, 12.0),
        col("本期折旧", "Depreciation", lang, Money, 12.0),
        col("累计折旧", "Accumulated", lang, Money, 12.0),
        col("净值", "Net book value", lang, Money, 12.0),
    ];
    let period = run.period.to_string();
    let mut cells: Vec<Vec<Cell>> = run
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(period.clone()),
                Cell::Text(l.code.clone()),
                Cell::Text(l.name.clone()),
                Cell::Text(l.category.clone()),
                l.dept.clone().into(),
                Cell::Text(l.method.label(lang).to_string()),
                Cell::Money(l.cost),
                Cell::Money(l.amount),
                Cell::Money(l.accumulated),
                Cell::Money(l.net_book_value),
            ]
        })
        .collect();
    let sum = |f: fn(&ledger::RunLine) -> ledger::Decimal| run.lines.iter().map(f).sum();
    cells.push(vec![
        Cell::Text(period),
        total_label(lang),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Money(sum(|l| l.cost)),
        Cell::Money(sum(|l| l.amount)),
        Cell::Money(sum(|l| l.accumulated)),
        Cell::Money(sum(|l| l.net_book_value)),
    ]);
    (columns, cells)
}

/// 折旧汇总: one row per category or department, and a total row.
pub fn depreciation_summary_table(rows: &[SummaryRow], by: SummaryBy, lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let group = match by {
        SummaryBy::Category => col("类别", "Category", lang, Text, 10.0),
        SummaryBy::Dept => col("使用部门", "Department", lang, Text, 10.0),
    };
    let columns = vec![
        group,
        col("资产数", "Assets", lang, Integer, 6.0),
        col("原值", "Cost", lang, Money, 14.0),
        col("本期折旧", "Depreciation", lang, Money, 12.0),
        col("累计折旧", "Accumulated", lang, Money, 14.0),
        col("净值", "Net book value", lang, Money, 14.0),
    ];
    let mut cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| vec![Cell::Text(r.group.clone()), Cell::Integer(r.assets), Cell::Money(r.cost), Cell::Money(r.amount), Cell::Money(r.accumulated), Cell::Money(r.net_book_value)])
        .collect();
    cells.push(vec![
        total_label(lang),
        Cell::Integer(rows.iter().map(|r| r.assets).sum()),
        Cell::Money(rows.iter().map(|r| r.cost).sum()),
        Cell::Money(rows.iter().map(|r| r.amount).sum()),
        Cell::Money(rows.iter().map(|r| r.accumulated).sum()),
        Cell::Money(rows.iter().map(|r| r.net_book_value).sum()),
    ]);
    (columns, cells)
}

/// The asset register at a month end: original value, accumulated depreciation, NBV.
pub fn asset_register_table(rows: &[RegisterLine], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let columns = vec![
        col("资产编码", "Code", lang, Text, 14.0),
        col("资产名称", "Name", lang, Text, 16.0),
        col("类别", "Category", lang, Text, 8.0),
        col("使用部门", "Department", lang, Text, 8.0),
        col("状态", "Status", lang, Text, 6.0),
        col("购置日期", "Acquired", lang, Date, 11.0),
        col("原值", "Cost", lang, Money, 12.0),
        col("累计折旧", "Accumulated", lang, Money, 12.0),
        col("净值", "Net book value", lang, Money, 12.0),
    ];
    let mut cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.code.clone()),
                Cell::Text(r.name.clone()),
                Cell::Text(r.category.clone()),
                r.dept.clone().into(),
                Cell::Text(r.status.label(lang).to_string()),
                r.acquired.map(Cell::Date).unwrap_or(Cell::Empty),
                Cell::Money(r.cost),
                Cell::Money(r.accumulated),
                Cell::Money(r.net_book_value),
            ]
        })
        .collect();
    cells.push(vec![
        total_label(lang),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Money(rows.iter().map(|r| r.cost).sum()),
        Cell::Money(rows.iter().map(|r| r.accumulated).sum()),
        Cell::Money(rows.iter().map(|r| r.net_book_value).sum()),
    ]);
    (columns, cells)
}

/// One asset's schedule, posted and projected.
pub fn schedule_table(s: &AssetSchedule, lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let columns = vec![
        col("期间", "Period", lang, Text, 8.0),
        col("本期折旧", "Depreciation", lang, Money, 12.0),
        col("累计折旧", "Accumulated", lang, Money, 12.0),
        col("净值", "Net book value", lang, Money, 12.0),
        col("状态", "State", lang, Text, 6.0),
    ];
    let state = |posted: bool| match (posted, lang) {
        (true, Lang::En) => "Posted",
        (true, Lang::ZhCn) => "已计提",
        (false, Lang::En) => "Projected",
        (false, Lang::ZhCn) => "预计",
    };
    let cells = s
        .rows
        .iter()
        .map(|r| vec![Cell::Text(r.period.to_string()), Cell::Money(r.amount), Cell::Money(r.accumulated), Cell::Money(r.net_book_value), Cell::Text(state(r.posted).to_string())])
        .collect();
    (columns, cells)
}
