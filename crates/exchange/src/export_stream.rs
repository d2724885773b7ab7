//! The full asset export, streamed (issue 25): the rows arrive a few thousand at a time
//! and the worksheet is written in rust_xlsxwriter's constant-memory mode (each finished
//! row goes to a temporary file), so exporting a million assets takes about as much
//! memory as exporting a thousand.
//!
//! [`AssetSheet`] is the writer; where the rows come from is the caller's: the desktop
//! reads each chunk under its session lock and writes it after releasing the lock, so
//! the clerk's other work goes on during a long export. [`export_assets`] is the same
//! over one ledger handle.

use std::path::{Path, PathBuf};

use ledger::{Actor, AssetQuery, AssetRow, CustomField, Lang, Ledger};
use rust_xlsxwriter::Workbook;

use crate::export::{asset_table_with, finish_sheet, fitted_widths, save_whole, write_cells, write_header, Column, ExportError, Formats, Progress};

/// Rows read from the ledger and written per step; progress is told after each.
pub const CHUNK: usize = 2_000;

/// One asset ledger sheet being written: the columns of [`asset_table_with`] (the
/// active custom fields after the standard ones). The file appears only at [`finish`](Self::finish).
pub struct AssetSheet {
    workbook: Workbook,
    path: PathBuf,
    formats: Formats,
    columns: Vec<Column>,
    custom: Vec<CustomField>,
    lang: Lang,
    /// Fitted to the first chunk, as every other export fits its first rows.
    widths: Option<Vec<f64>>,
    written: usize,
}

impl AssetSheet {
    pub fn create(path: &Path, sheet: &str, custom: Vec<CustomField>, lang: Lang) -> Result<AssetSheet, ExportError> {
        let mut workbook = Workbook::new();
        // Beside the export, not in the system temp folder, which may be held in memory.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            workbook.set_tempdir(dir)?;
        }
        workbook.add_worksheet_with_constant_memory()?.set_name(sheet)?;
        let (columns, _) = asset_table_with(&[], &custom, lang);
        Ok(AssetSheet { workbook, path: path.to_path_buf(), formats: Formats::new(), columns, custom, lang, widths: None, written: 0 })
    }

    /// Appends `rows` after those written so far.
    pub fn write(&mut self, rows: &[AssetRow]) -> Result<(), ExportError> {
        let (_, cells) = asset_table_with(rows, &self.custom, self.lang);
        let ws = self.workbook.worksheet_from_index(0)?;
        if self.widths.is_none() {
            self.widths = Some(fitted_widths(&self.columns, &cells));
            write_header(ws, &self.columns, &self.formats)?;
        }
        for row in &cells {
            self.written += 1;
            write_cells(ws, self.written as u32, row, false, &self.formats)?;
        }
        Ok(())
    }

    /// Widths, frozen header and filter, then the file saved whole; returns the rows written.
    pub fn finish(mut self) -> Result<usize, ExportError> {
        let ws = self.workbook.worksheet_from_index(0)?;
        if self.widths.is_none() {
            write_header(ws, &self.columns, &self.formats)?;
        }
        let widths = self.widths.take().unwrap_or_else(|| fitted_widths(&self.columns, &[]));
        finish_sheet(ws, &widths, self.columns.len(), self.written)?;
        save_whole(&mut self.workbook, &self.path)?;
        Ok(self.written)
    }
}

/// Writes every asset matching `query` (its paging ignored) to `path` as one sheet named
/// `sheet`; returns how many. `progress` may cancel, and the file appears only when complete.
pub fn export_assets(ledger: &Ledger, actor: &Actor, query: &AssetQuery, lang: Lang, sheet: &str, path: &Path, progress: Progress) -> ledger::Result<usize> {
    let ids = ledger.matching_asset_ids_in_order(actor, query)?;
    let mut out = AssetSheet::create(path, sheet, ledger.active_custom_fields(actor)?, lang)?;
    let mut done = 0;
    for part in ids.chunks(CHUNK) {
        let rows = ledger.asset_rows_of(actor, part)?;
        out.write(&rows)?;
        done += part.len();
        if !progress(done, ids.len()) {
            return Err(ExportError::Cancelled.into());
        }
    }
    let written = out.finish()?;
    progress(ids.len(), ids.len());
    Ok(written)
}
