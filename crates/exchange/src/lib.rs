//! Spreadsheets in and out. Export writes any list as an .xlsx workbook with headers in
//! the UI language, real number and date cells, and column widths that fit.
//!
//! Invariant: a workbook is written to a temporary file beside the target and renamed
//! into place only when complete, so a cancelled or failed export leaves nothing behind.

mod export;
// Depreciation workbooks (issue 6).
mod valuation;

pub use export::{asset_table, document_table, write_xlsx, Cell, Column, ColumnKind, ExportError, Progress};
pub use valuation::{asset_register_table, depreciation_detail_table, depreciation_summary_table, schedule_table};
