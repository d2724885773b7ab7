//! Spreadsheets in and out. Export writes any list as an .xlsx workbook with headers in
//! the UI language, real number and date cells, and column widths that fit. Import reads
//! a legacy ledger (.xlsx, .xls, .csv) into validated asset rows and a dry-run report.
//!
//! Invariant: a workbook is written to a temporary file beside the target and renamed
//! into place only when complete, so a cancelled or failed export leaves nothing behind.

// Consumables workbooks (issue 7).
mod consumables;
mod export;
// The one CSV writer (issue 21: the voucher for accounting software; PDA lists).
mod csv_out;
pub use csv_out::write_csv;
/// A column headed in the reader's language.
pub use export::col as column;
// The full asset export, streamed in constant memory (issue 25).
mod export_stream;
mod import;
// Standard reports (issue 9).
mod reports;
mod stocktake;
// Depreciation workbooks (issue 6).
mod valuation;

pub use consumables::{consumable_budget_table, consumable_moves_table, consumable_stats_table, consumable_stock_table};
pub use export_stream::{export_assets, AssetSheet, CHUNK as EXPORT_CHUNK};
pub use export::{asset_table, asset_table_with, audit_table, document_table, write_workbook, write_xlsx, write_xlsx_bold, Cell, Column, ColumnKind, ExportError, Progress, Sheet};
pub use import::{map_categories, parse_category_map, CategoryMap};
pub use import::{
    apply_plan, column_letter, new_registers, NewRegisters, header_key, lessons, match_header, plan_import, plan_import_bytes, ColumnMapping, ErrorLine, ImportError, ImportField,
    ImportOptions, ImportPlan, ImportReport, LearnedHeaders, ImportResult, ImportRow, ImportSummary, RowError, SourceColumn, MAX_FILE_BYTES,
};
// Standard reports (issue 9).
pub use reports::{
    changes_report_sections, changes_report_title, flatten_sections, register_report_sections, register_report_title, report_column, FlatReport, ReportSection,
};
pub use stocktake::{stocktake_sheets, stocktake_table, write_stocktake_xlsx};
// The PDA round trip (issue 19).
mod pda;
pub use pda::{expected_table, import_errors, parse_scan_file, read_scan_file, scans_of, write_expected};
pub use valuation::{asset_register_table, depreciation_detail_table, depreciation_summary_table, schedule_table};
pub use valuation::{tax_depreciation_table, tax_method_label, tax_source_label};
