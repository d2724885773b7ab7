//! Standard reports (issue 9) as tables: the register with values (grouped, with a bold
//! subtotal row per group and a grand total) and the changes in a period (one section per
//! kind with its subtotal). The same sections print as PDF (one titled table each) and
//! flatten into one worksheet, so both outputs carry the same columns and figures.

use ledger::{ChangesReport, Lang, RegisterReport, RegisterRow, RegisterTotals, ReportColumn};

use crate::export::{Cell, Column, ColumnKind};

/// A titled table: (heading, columns, rows). Its last row is the section's subtotal.
pub type ReportSection = (String, Vec<Column>, Vec<Vec<Cell>>);

/// The workbook form of sections: one header, every section's rows in order, and the
/// indices (in `rows`) of the subtotal and total rows, which are written in bold.
pub struct FlatReport {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub bold: Vec<usize>,
}

/// "(3 项)" / " (3 assets)": put right after a name.
fn items(count: i64, lang: Lang) -> String {
    match (lang, count) {
        (Lang::ZhCn, n) => format!("({n} 项)"),
        (Lang::En, 1) => " (1 asset)".to_string(),
        (Lang::En, n) => format!(" ({n} assets)"),
    }
}

fn zh_en(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::En { en } else { zh }.to_string()
}

/// The spreadsheet column of a register column.
pub fn report_column(c: ReportColumn, lang: Lang) -> Column {
    use ReportColumn::*;
    let (kind, width) = match c {
        Value | Accumulated | NetValue => (ColumnKind::Money, 13.0),
        Acquired => (ColumnKind::Date, 11.0),
        LifeYears => (ColumnKind::Integer, 6.0),
        Code => (ColumnKind::Text, 14.0),
        Name | Notes => (ColumnKind::Text, 16.0),
        Model | Serial | Method => (ColumnKind::Text, 10.0),
        Status | Custodian => (ColumnKind::Text, 6.0),
        Category | Dept | Location => (ColumnKind::Text, 8.0),
    };
    Column { header: c.label(lang).to_string(), kind, width }
}

fn register_cell(r: &RegisterRow, c: ReportColumn, lang: Lang) -> Cell {
    use ReportColumn::*;
    match c {
        Code => Cell::Text(r.code.clone()),
        Name => Cell::Text(r.name.clone()),
        Category => Cell::Text(r.category.clone()),
        Model => Cell::Text(r.model.clone()),
        Serial => Cell::Text(r.serial.clone()),
        Status => Cell::Text(r.status.label(lang).to_string()),
        Dept => r.dept.clone().into(),
        Location => r.location.clone().into(),
        Custodian => r.custodian.clone().into(),
        Acquired => r.acquired.map(Cell::Date).unwrap_or(Cell::Empty),
        Method => Cell::Text(r.method.label(lang).to_string()),
        LifeYears => r.life_years.map(Cell::Integer).unwrap_or(Cell::Empty),
        Value => Cell::Money(r.value),
        Accumulated => Cell::Money(r.accumulated),
        NetValue => Cell::Money(r.net_value),
        Notes => Cell::Text(r.notes.clone()),
    }
}

/// A subtotal row: the label in the first column, the sums under the money columns.
fn totals_row(columns: &[ReportColumn], label: String, t: &RegisterTotals) -> Vec<Cell> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            ReportColumn::Value => Cell::Money(t.value),
            ReportColumn::Accumulated => Cell::Money(t.accumulated),
            ReportColumn::NetValue => Cell::Money(t.net_value),
            _ if i == 0 => Cell::Text(label.clone()),
            _ => Cell::Empty,
        })
        .collect()
}

/// "资产台账(按部门) 截至 2025-06 月末" / "Asset register by department at the end of 2025-06".
pub fn register_report_title(report: &RegisterReport, lang: Lang) -> String {
    match (lang, report.grouping(lang)) {
        (Lang::ZhCn, None) => format!("资产台账 截至 {} 月末", report.period),
        (Lang::ZhCn, Some(by)) => format!("资产台账(按{}) 截至 {} 月末", by, report.period),
        (Lang::En, None) => format!("Asset register at the end of {}", report.period),
        (Lang::En, Some(by)) => format!("Asset register by {by} at the end of {}", report.period),
    }
}

/// The register as sections: one per group (its rows, then "小计") and a last "合计" section.
pub fn register_report_sections(report: &RegisterReport, lang: Lang) -> Vec<ReportSection> {
    let mut columns: Vec<Column> = report.columns.iter().map(|c| report_column(*c, lang)).collect();
    // Custom fields (issue 21) after the standard columns, headed by their names.
    columns.extend(report.custom_columns.iter().map(|name| Column { header: name.clone(), kind: ColumnKind::Text, width: 10.0 }));
    let custom_cells = |r: &RegisterRow| report.custom_columns.iter().map(|f| r.custom.get(f).cloned().into()).collect::<Vec<Cell>>();
    let totals = |label: String, t: &RegisterTotals| {
        let mut row = totals_row(&report.columns, label, t);
        row.resize(row.len() + report.custom_columns.len(), Cell::Empty);
        row
    };
    let grouping = report.grouping(lang);
    let mut sections = Vec::new();
    for g in &report.groups {
        let name = g.name.clone().unwrap_or_else(|| match &report.group_custom {
            Some(field) => zh_en(lang, &format!("（无{field}）"), &format!("(no {field})")),
            None => report.group_by.none_label(lang),
        });
        let mut rows: Vec<Vec<Cell>> = g
            .rows
            .iter()
            .map(|r| report.columns.iter().map(|c| register_cell(r, *c, lang)).chain(custom_cells(r)).collect())
            .collect();
        let (heading, label) = match (&grouping, lang) {
            (None, _) => (register_report_title(report, lang), format!("{}{}", zh_en(lang, "小计", "Subtotal"), items(g.totals.count, lang))),
            (Some(by), Lang::ZhCn) => (format!("{by}:{name}"), format!("小计 {name}{}", items(g.totals.count, lang))),
            (Some(by), Lang::En) => (format!("{}: {name}", capitalise(by)), format!("Subtotal {name}{}", items(g.totals.count, lang))),
        };
        rows.push(totals(label, &g.totals));
        sections.push((heading, columns.clone(), rows));
    }
    let label = format!("{}{}", zh_en(lang, "合计", "Total"), items(report.total.count, lang));
    sections.push((zh_en(lang, "合计", "Total"), columns, vec![totals(label, &report.total)]));
    sections
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// "资产变动表 2026-01-01 至 2026-01-31".
pub fn changes_report_title(report: &ChangesReport, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("资产变动表 {} 至 {}", report.from, report.to),
        Lang::En => format!("Asset changes {} to {}", report.from, report.to),
    }
}

/// The changes as one section per kind that has lines, each ending with its subtotal.
pub fn changes_report_sections(report: &ChangesReport, lang: Lang) -> Vec<ReportSection> {
    use ColumnKind::*;
    let col = |zh: &str, en: &str, kind: ColumnKind, width: f64| Column { header: zh_en(lang, zh, en), kind, width };
    let columns = vec![
        col("业务", "Kind", Text, 8.0),
        col("单据号", "Document", Text, 15.0),
        col("日期", "Date", Date, 11.0),
        col("资产编码", "Code", Text, 14.0),
        col("资产名称", "Name", Text, 14.0),
        col("类别", "Category", Text, 8.0),
        col("原部门/位置/使用人", "From", Text, 16.0),
        col("去向", "To", Text, 16.0),
        col("原值", "Value", Money, 13.0),
        col("说明", "Note", Text, 10.0),
    ];
    let mut sections = Vec::new();
    for total in report.totals.iter().filter(|t| t.count > 0) {
        let label = total.kind.label(lang).to_string();
        let mut rows: Vec<Vec<Cell>> = report
            .rows
            .iter()
            .filter(|r| r.kind == total.kind)
            .map(|r| {
                vec![
                    Cell::Text(label.clone()),
                    Cell::Text(r.doc_no.clone()),
                    Cell::Date(r.date),
                    Cell::Text(r.code.clone()),
                    Cell::Text(r.name.clone()),
                    Cell::Text(r.category.clone()),
                    r.from.clone().into(),
                    r.to.clone().into(),
                    Cell::Money(r.value),
                    Cell::Text(r.note.clone()),
                ]
            })
            .collect();
        let mut subtotal = vec![Cell::Empty; columns.len()];
        subtotal[0] = Cell::Text(format!("{} {label}{}", zh_en(lang, "小计", "Subtotal"), items(total.count, lang)));
        subtotal[8] = Cell::Money(total.value);
        rows.push(subtotal);
        sections.push((format!("{label}{}", items(total.count, lang)), columns.clone(), rows));
    }
    if sections.is_empty() {
        let none = vec![Cell::Text(zh_en(lang, "本期无变动", "No changes in this period"))];
        let mut empty = vec![Cell::Empty; columns.len() - 1];
        empty.splice(0..0, none);
        sections.push((changes_report_title(report, lang), columns, vec![empty]));
    }
    sections
}

/// One header, the sections' rows one after another, their last rows in bold.
pub fn flatten_sections(sections: &[ReportSection]) -> FlatReport {
    let columns = sections.first().map(|s| s.1.clone()).unwrap_or_default();
    let mut rows = Vec::new();
    let mut bold = Vec::new();
    for (_, _, section_rows) in sections {
        if section_rows.is_empty() {
            continue;
        }
        rows.extend(section_rows.iter().cloned());
        bold.push(rows.len() - 1);
    }
    FlatReport { columns, rows, bold }
}
