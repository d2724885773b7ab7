//! Files to a grid of cells: .xlsx and .xls through calamine, .csv (UTF-8 with or
//! without BOM, UTF-16 with BOM, or GBK) through a small parser that numbers rows as
//! Excel shows them (blank lines are rows; a quoted line break is not).

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use calamine::{Data, Reader, Sheets};
use chrono::NaiveDate;

use super::detect::{detect_format, FileFormat};
use super::error::ImportError;

/// Files above this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    Error(String),
}

impl RawCell {
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(s) => s.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}'),
            _ => false,
        }
    }
}

/// One sheet's cells. `first_row`/`first_col` are 0-based sheet positions of `rows[0][0]`.
#[derive(Debug, Clone)]
pub struct Grid {
    pub name: String,
    pub first_row: u32,
    pub first_col: u32,
    pub rows: Vec<Vec<RawCell>>,
}

impl Grid {
    pub fn cell(&self, row: usize, column: u32) -> &RawCell {
        static EMPTY: RawCell = RawCell::Empty;
        column.checked_sub(self.first_col).and_then(|c| self.rows.get(row)?.get(c as usize)).unwrap_or(&EMPTY)
    }
    /// The row number a spreadsheet shows for `rows[index]` (row 1 is the first).
    pub fn sheet_row(&self, index: usize) -> u32 {
        self.first_row.saturating_add(index as u32).saturating_add(1)
    }
    pub fn width(&self) -> u32 {
        self.rows.iter().map(|r| r.len() as u32).max().unwrap_or(0)
    }
}

/// An opened file whose sheets are loaded one at a time.
pub enum Source {
    Workbook(Box<Sheets<Cursor<Vec<u8>>>>),
    Csv(Grid),
}

impl Source {
    pub fn open(path: &Path) -> Result<Source, ImportError> {
        let size = std::fs::metadata(path).map_err(|e| ImportError::Io(e.to_string()))?.len();
        if size > MAX_FILE_BYTES {
            return Err(ImportError::TooLarge { bytes: size, limit: MAX_FILE_BYTES });
        }
        let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()))?;
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("csv").to_string();
        Source::from_bytes(bytes, &name)
    }

    /// `name` is used as the sheet name of a CSV file.
    pub fn from_bytes(bytes: Vec<u8>, name: &str) -> Result<Source, ImportError> {
        match detect_format(&bytes) {
            FileFormat::Xlsx => guarded(|| {
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map(Sheets::Xlsx).map_err(|e| e.to_string())
            })
            .map(|s| Source::Workbook(Box::new(s))),
            FileFormat::Xls => super::cfb_check::check(&bytes).map_err(ImportError::Unreadable).and_then(|()| {
                guarded(|| calamine::open_workbook_from_rs(Cursor::new(bytes)).map(Sheets::Xls).map_err(|e| e.to_string()))
            })
            .map(|s| Source::Workbook(Box::new(s))),
            FileFormat::Text(encoding) => Ok(Source::Csv(parse_csv(&encoding.decode(&bytes), name))),
            FileFormat::Unknown => Err(ImportError::UnknownFormat),
        }
    }

    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Source::Workbook(book) => book.sheet_names(),
            Source::Csv(grid) => vec![grid.name.clone()],
        }
    }

    pub fn load(&mut self, sheet: &str) -> Result<Grid, ImportError> {
        match self {
            // A CSV has one sheet and it is loaded once: hand it over rather than copy it.
            Source::Csv(grid) => {
                let empty = Grid { name: grid.name.clone(), first_row: 0, first_col: 0, rows: Vec::new() };
                Ok(std::mem::replace(grid, empty))
            }
            Source::Workbook(book) => {
                let range = guarded(|| book.worksheet_range(sheet).map_err(|e| e.to_string()))?;
                let (first_row, first_col) = range.start().unwrap_or((0, 0));
                let rows = range.rows().map(|r| r.iter().map(convert).collect()).collect();
                Ok(Grid { name: sheet.to_string(), first_row, first_col, rows })
            }
        }
    }
}

impl Source {
    /// A workbook sheet as text cells, date-times with their time of day (a PDA's scan
    /// times; `load` keeps dates only, which is what a ledger import wants). `None` for a CSV.
    pub(crate) fn load_text(&mut self, sheet: &str) -> Result<Option<(u32, Vec<Vec<String>>)>, ImportError> {
        let Source::Workbook(book) = self else { return Ok(None) };
        let range = guarded(|| book.worksheet_range(sheet).map_err(|e| e.to_string()))?;
        let (first_row, _) = range.start().unwrap_or((0, 0));
        let rows = range.rows().map(|r| r.iter().map(text_of).collect()).collect();
        Ok(Some((first_row, rows)))
    }
}

fn text_of(cell: &Data) -> String {
    match cell {
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) { format!("{y:04}-{m:02}-{d:02}") } else { format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}:{s:02}") }
        }
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Error(_) | Data::Empty => String::new(),
        // A tab or line break inside a cell would split it.
        other => other.to_string().replace(['\t', '\r', '\n'], " "),
    }
}

/// The reader is third-party code fed arbitrary bytes: a panic in it becomes an error.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, ImportError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(ImportError::Unreadable(e)),
        Err(_) => Err(ImportError::Unreadable("the reader failed on this file".into())),
    }
}

fn convert(cell: &Data) -> RawCell {
    match cell {
        Data::Empty => RawCell::Empty,
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()).map_or(RawCell::Number(dt.as_f64()), RawCell::Date)
        }
        Data::DateTime(dt) => RawCell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(ledger::dates::parse_ymd)
            .map_or_else(|| RawCell::Text(s.clone()), RawCell::Date),
        Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Error(format!("#{e:?}")),
    }
}

/// CSV as Excel opens it: the delimiter is the first of comma, tab or semicolon seen
/// on the first line; quotes may hold delimiters, doubled quotes and line breaks.
pub fn parse_csv(text: &str, name: &str) -> Grid {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut rows = Vec::new();
    let mut row: Vec<RawCell> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut field_started_quoted = false;
    let mut chars = text.chars().peekable();
    let finish_field = |field: &mut String, row: &mut Vec<RawCell>| {
        let value = std::mem::take(field);
        row.push(if value.is_empty() { RawCell::Empty } else { RawCell::Text(value) });
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !field_started_quoted => {
                in_quotes = true;
                field_started_quoted = true;
            }
            c if c == delimiter => {
                finish_field(&mut field, &mut row);
                field_started_quoted = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_field(&mut field, &mut row);
                field_started_quoted = false;
                rows.push(trim_trailing_empty(std::mem::take(&mut row)));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() || field_started_quoted {
        finish_field(&mut field, &mut row);
        rows.push(trim_trailing_empty(row));
    }
    Grid { name: name.to_string(), first_row: 0, first_col: 0, rows }
}

fn trim_trailing_empty(mut row: Vec<RawCell>) -> Vec<RawCell> {
    while row.last() == Some(&RawCell::Empty) {
        row.pop();
    }
    row
}

fn sniff_delimiter(text: &str) -> char {
    // The header decides; title lines above it rarely hold delimiters, so look at a few lines.
    let sample = text.lines().take(30);
    let mut counts = [(',', 0usize), ('\t', 0), (';', 0)];
    for line in sample {
        for (d, n) in counts.iter_mut() {
            *n = (*n).max(line.matches(*d).count());
        }
    }
    // Strictly more wins, so a tie keeps the comma.
    counts.iter().fold((',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}
