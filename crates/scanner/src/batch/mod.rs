//! Batch files from PDA / offline scanners: one code a line, optionally with the location
//! it was counted at, a scan time and a quantity, separated by comma, tab or semicolon; a
//! header line is allowed. A hand-filled expected list with a 实盘 (counted) column counts
//! the lines marked as found.
//! Bad lines are reported by number and the rest is kept; no input makes it panic.

mod columns;
mod decode;
mod fields;
mod line;
mod problem;

use std::path::Path;

use chrono::NaiveDateTime;

pub use decode::TextEncoding;
pub use fields::MAX_BATCH_QUANTITY;
pub use problem::{BatchLineError, BatchProblem, MAX_BATCH_LINE_CHARS};

use crate::ScanError;

/// Largest batch file read; PDA files are a few hundred kilobytes.
pub const MAX_BATCH_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One good line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchEntry {
    /// 1-based, as an editor shows it.
    pub line: usize,
    pub code: String,
    pub scanned_at: Option<NaiveDateTime>,
    /// As written; `None` when the file has no quantity (count it as 1).
    pub quantity: Option<u32>,
    /// Where this line was counted, when the file says.
    pub location: Option<String>,
}

/// A parsed batch file: good lines in file order, and every bad line with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchFile {
    pub entries: Vec<BatchEntry>,
    pub errors: Vec<BatchLineError>,
    pub encoding: TextEncoding,
    /// The line number of the header line, when the file has one.
    pub header_line: Option<usize>,
    /// Lines a 实盘 column marks as not found: not scans, not errors.
    pub not_counted: usize,
}

/// Parses a batch file's bytes (UTF-8 with or without BOM, UTF-16 with BOM, or GBK).
///
/// ```
/// let file = scanner::parse_batch("编码,时间,数量\nZC-1,2026-11-23 10:15:00,1\nZC 2\n".as_bytes());
/// assert_eq!(file.entries[0].code, "ZC-1");
/// assert_eq!(file.errors[0].message_zh(), "第 3 行：不是资产编码：编码中含有空格");
/// ```
pub fn parse_batch(bytes: &[u8]) -> BatchFile {
    let (text, encoding) = decode::decode(bytes);
    let mut file = BatchFile {
        entries: Vec::new(),
        errors: Vec::new(),
        encoding,
        header_line: None,
        not_counted: 0,
    };
    let mut columns = None;
    let mut seen_content = false;
    for (index, raw_line) in split_lines(&text).enumerate() {
        let line_no = index + 1;
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        // Only the first non-blank line may be a header.
        if !std::mem::replace(&mut seen_content, true) {
            if let Some(header) = columns::header_columns(line) {
                columns = Some(header);
                file.header_line = Some(line_no);
                continue;
            }
        }
        match line::parse_line(line, columns.as_deref()) {
            Ok(values) if values.counted == Some(false) => file.not_counted += 1,
            Ok(values) => file.entries.push(BatchEntry {
                line: line_no,
                code: values.code,
                scanned_at: values.scanned_at,
                quantity: values.quantity,
                location: values.location,
            }),
            Err(problem) => file.errors.push(BatchLineError {
                line: line_no,
                problem,
            }),
        }
    }
    file
}

/// Reads and parses a batch file.
pub fn read_batch_file(path: impl AsRef<Path>) -> Result<BatchFile, ScanError> {
    let path = path.as_ref();
    let read_error = |detail: String| ScanError::ReadFile {
        path: path.display().to_string(),
        detail,
    };
    let size = std::fs::metadata(path)
        .map_err(|err| read_error(err.to_string()))?
        .len();
    if size > MAX_BATCH_FILE_BYTES {
        return Err(read_error(format!(
            "the file is {size} bytes; at most {MAX_BATCH_FILE_BYTES} are read"
        )));
    }
    let bytes = std::fs::read(path).map_err(|err| read_error(err.to_string()))?;
    Ok(parse_batch(&bytes))
}

/// Lines ended by LF or CRLF; a file with only CRs (old Mac style) splits on CR.
fn split_lines(text: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if text.contains('\n') {
        Box::new(
            text.split('\n')
                .map(|line| line.strip_suffix('\r').unwrap_or(line)),
        )
    } else {
        Box::new(text.split('\r'))
    }
}
