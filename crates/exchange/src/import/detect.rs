//! Working out what a file is and where its table starts: the format from the bytes
//! (not the extension), the text encoding of a CSV, and the header row of a sheet.

use std::collections::BTreeMap;

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::read::Grid;
use super::learned::LearnedHeaders;
use super::synonyms::ImportField;

/// How far down a sheet a header is looked for: title, unit and blank lines come first.
pub const HEADER_SEARCH_ROWS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Xlsx,
    Xls,
    Text(TextEncoding),
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GBK as Excel on Chinese Windows saves CSV; decoded as GB18030, its superset.
    Gbk,
}

impl TextEncoding {
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            TextEncoding::Utf8 => {
                String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).into_owned()
            }
            TextEncoding::Utf16Le => UTF_16LE.decode(bytes).0.into_owned(),
            TextEncoding::Utf16Be => UTF_16BE.decode(bytes).0.into_owned(),
            TextEncoding::Gbk => GB18030.decode(bytes).0.into_owned(),
        }
    }
}

pub fn detect_format(bytes: &[u8]) -> FileFormat {
    if bytes.starts_with(b"PK\x03\x04") {
        return FileFormat::Xlsx;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return FileFormat::Xls;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return FileFormat::Text(TextEncoding::Utf16Le);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return FileFormat::Text(TextEncoding::Utf16Be);
    }
    // Text never holds NUL bytes; other binaries (PDF, images, zip-less junk) do.
    if bytes.contains(&0) {
        return FileFormat::Unknown;
    }
    if std::str::from_utf8(bytes).is_ok() {
        FileFormat::Text(TextEncoding::Utf8)
    } else {
        FileFormat::Text(TextEncoding::Gbk)
    }
}

/// The header row of a grid: among the first rows, the one naming the most distinct
/// fields (at least two, one of them the name or code). Earlier rows win ties.
pub fn find_header(grid: &Grid, learned: &LearnedHeaders) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (index, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut distinct: Vec<ImportField> =
            row.iter().filter_map(header_text).filter_map(|t| learned.match_header(&t)).map(|(f, _)| f).collect();
        distinct.sort();
        distinct.dedup();
        let identifies =
            distinct.iter().any(|f| matches!(f, ImportField::Name | ImportField::Code | ImportField::Barcode));
        if distinct.len() >= 2 && identifies && best.is_none_or(|(_, score)| distinct.len() > score) {
            best = Some((index, distinct.len()));
        }
    }
    best.map(|(index, _)| index)
}

/// A header cell as text; numbers are not headers.
pub fn header_text(cell: &super::read::RawCell) -> Option<String> {
    match cell {
        super::read::RawCell::Text(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Column (0-based sheet index) to field for a header row; when two columns claim a
/// field, the more specific word wins, then the leftmost.
pub fn auto_mapping(grid: &Grid, header_index: usize, learned: &LearnedHeaders) -> BTreeMap<u32, ImportField> {
    let mut best: BTreeMap<ImportField, (usize, u32)> = BTreeMap::new();
    let Some(row) = grid.rows.get(header_index) else { return BTreeMap::new() };
    for (offset, cell) in row.iter().enumerate() {
        let column = grid.first_col + offset as u32;
        if let Some((field, rank)) = header_text(cell).and_then(|t| learned.match_header(&t)) {
            let entry = best.entry(field).or_insert((rank, column));
            if rank < entry.0 {
                *entry = (rank, column);
            }
        }
    }
    best.into_iter().map(|(field, (_, column))| (column, field)).collect()
}
