//! Tables written for the clerk: every list's Excel export goes through here. A use
//! case builds the [`Table`] (reading the ledger as the caller), the front end writes
//! it where the clerk wants it ([`write_xlsx`], which needs no ledger, so the desktop
//! shell writes outside its session lock with progress and cancel), and [`recorded`]
//! leaves the export's audit entry.

use std::path::Path;

use crate::{Ctx, ExportDto, Result};

/// A table's columns and cells, for the adapters not yet ported that still build their
/// table from the exchange crate (depreciation); ported use cases return a [`Table`].
pub use exchange::{Cell, Column};

/// One sheet ready to write, named in the caller's language.
pub struct Table {
    /// How the desktop's file name starts (资产台账-20260105-093000.xlsx).
    pub stem: String,
    /// The workbook's sheet name.
    pub sheet: String,
    pub(crate) columns: Vec<exchange::Column>,
    pub(crate) cells: Vec<Vec<exchange::Cell>>,
    /// Rows in bold (subtotals, totals).
    pub(crate) bold: Vec<usize>,
}

impl Table {
    pub(crate) fn new(stem: &str, sheet: &str, (columns, cells): (Vec<exchange::Column>, Vec<Vec<exchange::Cell>>)) -> Table {
        Table { stem: stem.to_string(), sheet: sheet.to_string(), columns, cells, bold: Vec::new() }
    }

    /// A table from its columns and cells (see [`Cell`]).
    pub fn from_parts(stem: &str, sheet: &str, table: (Vec<Column>, Vec<Vec<Cell>>)) -> Table {
        Table::new(stem, sheet, table)
    }

    /// The body rows the table holds (what the audit entry counts).
    pub fn rows(&self) -> usize {
        self.cells.len()
    }
}

/// Writes `table` to the workbook `file`; `progress(done, total)` answering false
/// cancels, and a cancelled or failed export leaves no file behind.
pub fn write_xlsx(table: &Table, file: &Path, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<()> {
    exchange::write_xlsx_bold(file, &table.sheet, &table.columns, &table.cells, &table.bold, progress).map_err(ledger::Error::from)
}

/// Records that `target` (a file, or a printer) received `rows` rows: the audit entry
/// every export leaves.
/// How a long use case reaches the session, one short step at a time: the desktop takes
/// its session lock for each step, so the clerk's other work goes on between them; the
/// CLI runs each step on the session it holds.
pub type Steps<'a> = dyn FnMut(&mut dyn FnMut(&mut Ctx) -> Result<()>) -> Result<()> + 'a;

pub fn recorded(cx: &mut Ctx, target: &str, rows: usize) -> Result<ExportDto> {
    cx.ledger.record_export(cx.actor, target, rows)?;
    Ok(ExportDto { file: target.to_string(), rows })
}
