//! Standard report shapes (issue 9). The preview is the very table the exports write:
//! the report's sections with their cells as text (money "1600.00", dates "YYYY-MM-DD").

use exchange::{Cell, ColumnKind, ReportSection};
use ledger::{format_money, parse_as_of, parse_date, ChangeKind, GroupBy, RegisterQuery, ReportColumn};
use serde::{Deserialize, Serialize};

use crate::dto::AssetQueryDto;

/// How many detail rows the preview carries; the exports have them all.
pub const PREVIEW_ROWS: usize = 200;

/// What the Reports page asks for: the register (filters, month end, grouping, columns)
/// or the changes in a period (from, to, kinds).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReportRequestDto {
    /// register | changes
    pub report: String,
    pub filters: AssetQueryDto,
    /// YYYY-MM (or a date: its month); empty: the current month.
    pub period: String,
    /// none | dept | category | location | custodian
    pub group_by: String,
    /// Column keys in order; empty: the defaults.
    pub columns: Vec<String>,
    pub from: String,
    pub to: String,
    pub kinds: Vec<String>,
}

impl ReportRequestDto {
    pub fn is_changes(&self) -> bool {
        self.report == "changes"
    }

    pub fn register_query(self) -> ledger::Result<RegisterQuery> {
        let period = self.period.trim();
        Ok(RegisterQuery {
            period: if period.is_empty() { None } else { Some(parse_as_of("period", period)?) },
            group_by: GroupBy::parse(&self.group_by)?,
            columns: ReportColumn::parse_list(&self.columns.join(","))?,
            filters: self.filters.into_query()?,
        })
    }

    /// (from, to, kinds) of a changes report.
    pub fn changes_query(&self) -> ledger::Result<(ledger::NaiveDate, ledger::NaiveDate, Vec<ChangeKind>)> {
        Ok((parse_date("from", &self.from)?, parse_date("to", &self.to)?, ChangeKind::parse_list(&self.kinds.join(","))?))
    }
}

#[derive(Serialize)]
pub struct ReportColumnDto {
    pub key: &'static str,
    pub label: &'static str,
    pub default: bool,
}

#[derive(Serialize)]
pub struct TableColumnDto {
    pub header: String,
    /// text | money | date | integer | number
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct TableSectionDto {
    pub heading: String,
    pub rows: Vec<Vec<String>>,
    /// Detail rows left out of the preview.
    pub hidden: usize,
    /// The section's subtotal (or total) row.
    pub subtotal: Vec<String>,
}

#[derive(Serialize)]
pub struct ReportTableDto {
    pub title: String,
    pub columns: Vec<TableColumnDto>,
    pub sections: Vec<TableSectionDto>,
    /// Detail rows in the whole report.
    pub row_count: usize,
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Money(m) => format_money(*m),
        Cell::Date(d) => d.to_string(),
        Cell::Integer(n) => n.to_string(),
        Cell::Number(n) => n.normalize().to_string(),
        Cell::Empty => String::new(),
    }
}

impl ReportTableDto {
    pub fn new(title: String, sections: &[ReportSection]) -> ReportTableDto {
        let columns = sections
            .first()
            .map(|s| {
                s.1.iter()
                    .map(|c| TableColumnDto {
                        header: c.header.clone(),
                        kind: match c.kind {
                            ColumnKind::Text => "text",
                            ColumnKind::Money => "money",
                            ColumnKind::Date => "date",
                            ColumnKind::Integer => "integer",
                            ColumnKind::Number => "number",
                        },
                    })
                    .collect()
            })
            .unwrap_or_default();
        let row_count = sections.iter().map(|s| s.2.len().saturating_sub(1)).sum();
        let mut budget = PREVIEW_ROWS;
        let sections = sections
            .iter()
            .map(|(heading, _, rows)| {
                let (detail, subtotal) = rows.split_at(rows.len().saturating_sub(1));
                let shown = detail.len().min(budget);
                budget -= shown;
                TableSectionDto {
                    heading: heading.clone(),
                    rows: detail[..shown].iter().map(|r| r.iter().map(text).collect()).collect(),
                    hidden: detail.len() - shown,
                    subtotal: subtotal.first().map(|r| r.iter().map(text).collect()).unwrap_or_default(),
                }
            })
            .collect();
        ReportTableDto { title, columns, sections, row_count }
    }
}
