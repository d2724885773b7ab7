//! Consumables workbooks (issue 7): the stock list (库存), the movements (出入库单据),
//! consumption statistics (领用统计) and next year's budget (采购预算), each with
//! headers in the UI language, real number cells and a total row where sums mean something.

use ledger::{BudgetLine, BudgetTotal, ConsumableStats, ItemRow, Lang, MoveRow};

use crate::export::{col, Cell, Column, ColumnKind};

fn total_label(lang: Lang) -> Cell {
    Cell::Text(if lang == Lang::En { "Total" } else { "合计" }.to_string())
}

/// A row of `width` empty cells but for the ones given (totals, subtotals).
fn sparse_row(width: usize, cells: Vec<(usize, Cell)>) -> Vec<Cell> {
    let mut row = vec![Cell::Empty; width];
    for (i, c) in cells {
        row[i] = c;
    }
    row
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// 库存: one row per item with its stock on hand, and the total value.
pub fn consumable_stock_table(rows: &[ItemRow], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let en = lang == Lang::En;
    let columns = vec![
        col("编码", "Code", lang, Text, 8.0),
        col("名称", "Name", lang, Text, 16.0),
        col("类别", "Type", lang, Text, 8.0),
        col("规格", "Spec", lang, Text, 10.0),
        col("单位", "Unit", lang, Text, 4.0),
        col("库存数量", "Quantity", lang, Number, 8.0),
        col("平均单价", "Unit cost", lang, Money, 10.0),
        col("库存金额", "Value", lang, Money, 12.0),
        col("预警数量", "Threshold", lang, Number, 8.0),
        col("状态", "State", lang, Text, 8.0),
    ];
    let mut cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            let state = match (r.low, en) {
                (true, true) => "Low stock",
                (true, false) => "库存不足",
                (false, _) => "",
            };
            vec![
                text(&r.code),
                text(&r.name),
                text(&r.kind),
                text(&r.spec),
                text(&r.unit),
                Cell::Number(r.qty),
                Cell::Money(r.unit_cost),
                Cell::Money(r.value),
                if r.threshold.is_zero() { Cell::Empty } else { Cell::Number(r.threshold) },
                text(state),
            ]
        })
        .collect();
    cells.push(sparse_row(columns.len(), vec![(0, total_label(lang)), (7, Cell::Money(rows.iter().map(|r| r.value).sum()))]));
    (columns, cells)
}

/// 出入库单据 (the stock ledger): every movement as listed, its quantity and value signed by
/// direction, and the balance it left.
pub fn consumable_moves_table(rows: &[MoveRow], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let en = lang == Lang::En;
    let columns = vec![
        col("单据号", "Document", lang, Text, 14.0),
        col("类型", "Kind", lang, Text, 8.0),
        col("日期", "Date", lang, Date, 10.0),
        col("编码", "Code", lang, Text, 8.0),
        col("名称", "Name", lang, Text, 14.0),
        col("单位", "Unit", lang, Text, 4.0),
        col("数量", "Quantity", lang, Number, 8.0),
        col("单价", "Unit price", lang, Money, 10.0),
        col("金额", "Amount", lang, Money, 12.0),
        col("部门", "Department", lang, Text, 8.0),
        col("领用人", "Person", lang, Text, 8.0),
        col("供应商", "Supplier", lang, Text, 10.0),
        col("用途/原因", "Purpose / reason", lang, Text, 12.0),
        col("经办人", "Operator", lang, Text, 8.0),
        col("状态", "State", lang, Text, 6.0),
        col("结存数量", "Balance", lang, Number, 8.0),
        col("结存金额", "Balance value", lang, Money, 12.0),
    ];
    let cells = rows
        .iter()
        .map(|r| {
            let state = match (r.state.as_str(), en) {
                ("voided", true) => "Voided",
                ("voided", false) => "已冲销",
                (_, true) => "Posted",
                (_, false) => "已生效",
            };
            let why = [r.purpose.as_str(), r.reason.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(";");
            vec![
                text(&r.doc_no),
                text(r.kind.label(lang)),
                Cell::Date(r.date),
                text(&r.item_code),
                text(&r.item_name),
                text(&r.unit),
                Cell::Number(r.qty_change),
                Cell::Money(r.unit_price),
                Cell::Money(r.value_change),
                r.dept.clone().into(),
                r.person.clone().into(),
                text(&r.supplier),
                text(&why),
                text(&r.operator),
                text(state),
                Cell::Number(r.qty_after),
                Cell::Money(r.value_after),
            ]
        })
        .collect();
    (columns, cells)
}

/// 领用统计: net consumption per group (and period), and the total.
pub fn consumable_stats_table(stats: &ConsumableStats, lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let by_item = stats.by == ledger::StatsBy::Item;
    let mut columns = vec![col("期间", "Period", lang, Text, 8.0), Column { header: stats.by.label(lang).to_string(), kind: Text, width: 12.0 }];
    if by_item {
        columns.push(col("名称", "Name", lang, Text, 14.0));
        columns.push(col("单位", "Unit", lang, Text, 4.0));
    }
    columns.push(col("领用数量", "Quantity", lang, Number, 8.0));
    columns.push(col("领用金额", "Amount", lang, Money, 12.0));
    let mut cells: Vec<Vec<Cell>> = stats
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![text(&r.period), text(&r.key)];
            if by_item {
                row.push(text(&r.name));
                row.push(text(&r.unit));
            }
            row.push(Cell::Number(r.qty));
            row.push(Cell::Money(r.value));
            row
        })
        .collect();
    let n = columns.len();
    // Quantities of different items (and units) do not add up; by group they are one unit's.
    let qty = if by_item { Cell::Empty } else { Cell::Number(stats.total_qty) };
    cells.push(sparse_row(n, vec![(0, total_label(lang)), (n - 2, qty), (n - 1, Cell::Money(stats.total_value))]));
    (columns, cells)
}

/// 采购预算: per item the past consumption, trend, forecast and plan; then a total per type.
pub fn consumable_budget_table(year: i32, lines: &[BudgetLine], totals: &[BudgetTotal], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let en = lang == Lang::En;
    let columns = vec![
        col("年度", "Year", lang, Integer, 6.0),
        col("编码", "Code", lang, Text, 8.0),
        col("名称", "Name", lang, Text, 14.0),
        col("类别", "Type", lang, Text, 8.0),
        col("单位", "Unit", lang, Text, 4.0),
        col("近12个月用量", "Last 12 months", lang, Number, 10.0),
        col("近6个月", "Last 6 months", lang, Number, 8.0),
        col("前6个月", "Prior 6 months", lang, Number, 8.0),
        col("趋势系数", "Trend", lang, Number, 6.0),
        col("预测数量", "Forecast", lang, Number, 8.0),
        col("计划数量", "Planned quantity", lang, Number, 8.0),
        col("单价", "Unit price", lang, Money, 10.0),
        col("预算金额", "Amount", lang, Money, 12.0),
        col("备注", "Note", lang, Text, 12.0),
    ];
    let mut cells: Vec<Vec<Cell>> = lines
        .iter()
        .map(|l| {
            let note = if l.overridden && l.note.is_empty() { if en { "adjusted" } else { "已调整" }.to_string() } else { l.note.clone() };
            vec![
                Cell::Integer(year as i64),
                text(&l.code),
                text(&l.name),
                text(&l.kind),
                text(&l.unit),
                Cell::Number(l.last12),
                Cell::Number(l.recent6),
                Cell::Number(l.prior6),
                Cell::Number(l.trend),
                Cell::Number(l.forecast),
                Cell::Number(l.qty),
                Cell::Money(l.price),
                Cell::Money(l.amount),
                Cell::Text(note),
            ]
        })
        .collect();
    let y = || Cell::Integer(year as i64);
    for t in totals {
        let label = if en { format!("Subtotal {}", t.kind) } else { format!("{} 小计", t.kind) };
        cells.push(sparse_row(columns.len(), vec![(0, y()), (2, Cell::Text(label)), (3, text(&t.kind)), (12, Cell::Money(t.amount))]));
    }
    cells.push(sparse_row(columns.len(), vec![(0, y()), (2, total_label(lang)), (12, Cell::Money(totals.iter().map(|t| t.amount).sum()))]));
    (columns, cells)
}
