//! Legacy data import (历史数据迁移), the spreadsheet half: read an .xlsx, .xls or
//! .csv, find the sheet and its header row, map columns by their header words,
//! normalise every value to what `ledger::AssetInput` accepts, and report every bad
//! row. Storing the rows (all or nothing, de-duplication against the ledger) is the
//! ledger's job; nothing here touches the database.
//!
//! Invariant: no input makes this panic; a file that cannot be planned gives an
//! [`ImportError`], a bad row gives a [`RowError`] in the report and never stops the plan.

mod apply;
// Old category names onto the ledger's (issue 21).
mod category_map;
pub use category_map::{map_categories, parse_category_map, CategoryMap};
mod cfb_check;
// Custom fields as import columns (issue 21).
mod custom;
pub(crate) mod detect;
mod error;
mod learned;
mod normalise;
mod plan;
pub(crate) mod read;
mod report;
mod rows;
mod synonyms;

pub use apply::{apply_plan, new_registers, ImportResult, NewRegisters};
pub use error::ImportError;
pub use learned::{lessons, LearnedHeaders};
pub use plan::{
    column_letter, plan_import, plan_import_bytes, ColumnMapping, ImportOptions, ImportPlan, ImportRow, SourceColumn,
};
pub use read::MAX_FILE_BYTES;
pub use report::{ErrorLine, ImportReport, ImportSummary, RowError};
pub use synonyms::{header_key, match_header, ImportField};
