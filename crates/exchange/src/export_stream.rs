//! The full asset export, streamed (issue 25): the ledger hands the rows over a few
//! thousand at a time and the worksheet is written in rust_xlsxwriter's constant-memory
//! mode (each finished row goes to a temporary file), so exporting a million assets
//! takes about as much memory as exporting a thousand.

use std::path::Path;

use ledger::{Actor, AssetQuery, Lang, Ledger};
use rust_xlsxwriter::Workbook;

use crate::export::{asset_table_with, finish_sheet, fitted_widths, save_whole, write_cells, write_header, ExportError, Formats, Progress};

/// Rows read from the ledger and written per step; progress is told after each.
const CHUNK: usize = 2_000;

/// Writes every asset matching `query` (its paging ignored) to `path` as one sheet named
/// `sheet`, with the columns of [`asset_table_with`] (the active custom fields after the
/// standard ones); returns how many. `progress` may cancel,
/// and the file appears only when complete.
pub fn export_assets(ledger: &Ledger, actor: &Actor, query: &AssetQuery, lang: Lang, sheet: &str, path: &Path, progress: Progress) -> ledger::Result<usize> {
    let mut workbook = Workbook::new();
    // Beside the export, not in the system temp folder, which may be held in memory.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir).map_err(ExportError::from)?;
    }
    let formats = Formats::new();
    let ws = workbook.add_worksheet_with_constant_memory().map_err(ExportError::from)?;
    ws.set_name(sheet).map_err(ExportError::from)?;
    let custom = ledger.active_custom_fields(actor)?;
    let (columns, _) = asset_table_with(&[], &custom, lang);
    let mut widths = None;
    let mut written = 0u32;
    let mut failed: Option<ExportError> = None;
    let total = ledger.visit_assets(actor, query, CHUNK, &mut |rows, done, total| {
        let (_, cells) = asset_table_with(rows, &custom, lang);
        let step = (|| {
            if widths.is_none() {
                // The first rows decide the widths, as for every other export.
                let fitted = fitted_widths(&columns, &cells);
                write_header(ws, &columns, &formats)?;
                widths = Some(fitted);
            }
            for row in &cells {
                written += 1;
                write_cells(ws, written, row, false, &formats)?;
            }
            if progress(done, total) { Ok(()) } else { Err(ExportError::Cancelled) }
        })();
        match step {
            Ok(()) => Ok(true),
            Err(e) => {
                failed = Some(e);
                Ok(false)
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    if widths.is_none() {
        write_header(ws, &columns, &formats)?;
    }
    finish_sheet(ws, &widths.unwrap_or_else(|| fitted_widths(&columns, &[])), columns.len(), total)?;
    save_whole(&mut workbook, path)?;
    progress(total, total);
    Ok(total)
}
