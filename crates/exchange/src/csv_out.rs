//! The one CSV writer: UTF-8 with a BOM (Excel and Chinese accounting software open it
//! as UTF-8), CRLF lines, RFC 4180 quoting. Money is written plainly ("1450.00", no
//! thousands separators) so an importer reads it as a number. Written to a partial file
//! first, so a failed write leaves no half file behind.

use std::path::Path;

use crate::export::{Cell, Column, ExportError};

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => quote(s),
        Cell::Money(m) => format!("{:.2}", m.round_dp(2)),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Integer(i) => i.to_string(),
        Cell::Number(n) => n.normalize().to_string(),
        Cell::Empty => String::new(),
    }
}

/// Writes `rows` under `columns` to `path` as CSV.
pub fn write_csv(path: &Path, columns: &[Column], rows: &[Vec<Cell>]) -> Result<(), ExportError> {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&columns.iter().map(|c| quote(&c.header)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.iter().map(field).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    let partial = path.with_extension("csv.partial");
    std::fs::write(&partial, out).and_then(|_| std::fs::rename(&partial, path)).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        ExportError::Write(e.to_string())
    })
}
