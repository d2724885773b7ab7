//! The dry-run report: counts and every bad cell with its sheet row, its column as
//! headed in the sheet, and the reason in both UI languages.

use ledger::Lang;
use serde::Serialize;

use super::synonyms::ImportField;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// As the spreadsheet shows it: row 1 is the first row.
    pub row: u32,
    /// The header text in the sheet, or the field's name when the sheet has no such column.
    pub column: String,
    pub field: Option<ImportField>,
    pub message_en: String,
    pub message_zh: String,
}

impl RowError {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message_en,
            Lang::ZhCn => &self.message_zh,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Rows below the header up to the last non-blank one.
    pub rows_read: usize,
    /// Filled in by whoever stores the rows; the planner leaves it 0.
    pub imported: usize,
    /// Blank, summary and repeated header rows: passed over, not errors.
    pub skipped: usize,
    pub blank_rows: usize,
    pub summary_rows: usize,
    pub repeated_header_rows: usize,
    /// Rows with at least one error (a row can have several errors).
    pub invalid_rows: usize,
    /// Rows that passed every check.
    pub valid_rows: usize,
    pub errors: Vec<RowError>,
}

/// The CLI's JSON shape: `{"rows_read","imported","skipped","errors":[{"row","column","message"}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub rows_read: usize,
    pub imported: usize,
    pub skipped: usize,
    pub errors: Vec<ErrorLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorLine {
    pub row: u32,
    pub column: String,
    pub message: String,
}

impl ImportReport {
    pub fn summary(&self, lang: Lang) -> ImportSummary {
        ImportSummary {
            rows_read: self.rows_read,
            imported: self.imported,
            skipped: self.skipped,
            errors: self
                .errors
                .iter()
                .map(|e| ErrorLine { row: e.row, column: e.column.clone(), message: e.message(lang).to_string() })
                .collect(),
        }
    }
}
