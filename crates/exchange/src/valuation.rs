//! Depreciation workbooks (issue 6): 折旧明细表 (a period's lines by asset), 折旧汇总 (by
//! category or department), the asset register at a month end, and an asset's schedule.

use ledger::{AssetSchedule, DepreciationRun, Lang, RegisterLine, SummaryBy, SummaryRow, TaxReport, TaxSource};

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

/// What a tax line's method says: the method and life, or 同账面 when tax follows the book.
pub fn tax_method_label(tax: Option<ledger::TaxEstimates>, lang: Lang) -> String {
    let en = lang == Lang::En;
    match tax {
        None => (if en { "as book" } else { "同账面" }).to_string(),
        Some(t) => {
            let name = if en { t.method.as_str() } else { t.method.name_zh() };
            match t.life_months {
                Some(m) if m % 12 == 0 => format!("{name} {} {}", m / 12, if en { "y" } else { "年" }),
                Some(m) => format!("{name} {m} {}", if en { "mo" } else { "个月" }),
                None => name.to_string(),
            }
        }
    }
}

/// Where a tax line's setting comes from, as the report says it.
pub fn tax_source_label(source: &TaxSource, lang: Lang) -> String {
    let en = lang == Lang::En;
    match source {
        TaxSource::Asset => (if en { "asset" } else { "资产" }).to_string(),
        TaxSource::Category(c) => if en { format!("category {c}") } else { format!("类别 {c}") },
        TaxSource::Book => (if en { "book" } else { "账面" }).to_string(),
    }
}

/// 税务折旧对照表: book and tax depreciation side by side, with the 纳税调整 and the
/// temporary difference, and a total row.
pub fn tax_depreciation_table(report: &TaxReport, lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let columns = vec![
        col("资产编码", "Code", lang, Text, 14.0),
        col("资产名称", "Name", lang, Text, 14.0),
        col("类别", "Category", lang, Text, 8.0),
        col("税务折旧方法", "Tax method", lang, Text, 12.0),
        col("设置来源", "Set on", lang, Text, 8.0),
        col("账载原值", "Book cost", lang, Money, 11.0),
        col("计税基础", "Tax base", lang, Money, 11.0),
        col("账载折旧", "Book depreciation", lang, Money, 11.0),
        col("税收折旧", "Tax depreciation", lang, Money, 11.0),
        col("纳税调整", "Adjustment", lang, Money, 11.0),
        col("账面价值", "Book net", lang, Money, 11.0),
        col("计税基础余额", "Tax net", lang, Money, 11.0),
        col("暂时性差异", "Temporary difference", lang, Money, 11.0),
        col("说明", "Note", lang, Text, 14.0),
    ];
    let mut cells: Vec<Vec<Cell>> = report
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(l.code.clone()),
                Cell::Text(l.name.clone()),
                Cell::Text(l.category.clone()),
                Cell::Text(tax_method_label(l.tax, lang)),
                Cell::Text(tax_source_label(&l.source, lang)),
                Cell::Money(l.cost),
                Cell::Money(l.tax_base),
                Cell::Money(l.book_charge),
                Cell::Money(l.tax_charge),
                Cell::Money(l.adjustment),
                Cell::Money(l.book_net),
                Cell::Money(l.tax_net),
                Cell::Money(l.temporary_difference),
                Cell::Text(l.note.clone()),
            ]
        })
        .collect();
    let sum = |f: fn(&ledger::TaxLine) -> ledger::Decimal| Cell::Money(report.lines.iter().map(f).sum());
    cells.push(vec![
        total_label(lang),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        sum(|l| l.cost),
        sum(|l| l.tax_base),
        Cell::Money(report.book_charge),
        Cell::Money(report.tax_charge),
        Cell::Money(report.adjustment),
        sum(|l| l.book_net),
        sum(|l| l.tax_net),
        Cell::Money(report.temporary_difference),
        Cell::Empty,
    ]);
    (columns, cells)
}
