use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use ledger::{AssetRow, DocumentRow, Lang};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    /// Two decimals with thousands separators, right-aligned.
    Money,
    Date,
    Integer,
    /// An exact decimal quantity (3, 2.5), right-aligned.
    Number,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
    /// In characters; CJK characters count double.
    pub width: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Money(Decimal),
    Date(NaiveDate),
    Integer(i64),
    /// A quantity: written as a number, shown as few decimals as it has.
    Number(Decimal),
    Empty,
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        v.map(Cell::Text).unwrap_or(Cell::Empty)
    }
}

#[derive(Debug)]
pub enum ExportError {
    Cancelled,
    Write(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Cancelled => f.write_str("export cancelled"),
            ExportError::Write(e) => write!(f, "cannot write the workbook: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError::Write(e.to_string())
    }
}

impl From<ExportError> for ledger::Error {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Cancelled => ledger::Error::new(ledger::ErrorCode::Conflict, "export cancelled", "导出已取消"),
            ExportError::Write(w) => ledger::Error::new(ledger::ErrorCode::Io, format!("cannot write the workbook: {w}"), format!("无法写入 Excel 文件：{w}")),
        }
    }
}

/// Told how many rows are written so far (of `total`); returns false to cancel.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

fn display_width(s: &str) -> f64 {
    s.chars().map(|c| if (c as u32) < 0x2E80 { 1.0 } else { 2.0 }).sum()
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    target.with_file_name(format!(".{name}.partial"))
}

/// One sheet of a workbook: its name, columns and rows, and the rows (by index) shown
/// in bold (subtotals, totals).
pub struct Sheet<'a> {
    pub name: &'a str,
    pub columns: &'a [Column],
    pub rows: &'a [Vec<Cell>],
    pub bold: &'a [usize],
}

/// Writes `rows` under `columns` to `path` as one sheet.
pub fn write_xlsx(path: &Path, sheet: &str, columns: &[Column], rows: &[Vec<Cell>], progress: Progress) -> Result<(), ExportError> {
    write_xlsx_bold(path, sheet, columns, rows, &[], progress)
}

/// [`write_xlsx`] with the rows at the `bold` indices (subtotals, totals) in bold.
pub fn write_xlsx_bold(path: &Path, sheet: &str, columns: &[Column], rows: &[Vec<Cell>], bold: &[usize], progress: Progress) -> Result<(), ExportError> {
    write_workbook(path, &[Sheet { name: sheet, columns, rows, bold }], progress)
}

/// Whether a spreadsheet would read this text as a formula if it were typed in.
pub(crate) fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@'])
}

/// Writes a text cell. It is always stored as a string; text that Excel would take for a
/// formula when the cell is re-entered (= + - @) also gets quotePrefix, so it stays text (issue 26).
fn write_text(ws: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, text: &str, format: &Format) -> Result<(), rust_xlsxwriter::XlsxError> {
    if looks_like_formula(text) {
        ws.write_string_with_format(row, col, text, &format.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// The one xlsx writer: every export, one sheet or several. Headers on a tinted row,
/// money as #,##0.00, dates as date cells, exact quantities as numbers, widths that fit
/// the first 1,000 rows, the header frozen and filtered. `progress` hears every 2,000
/// rows (of all sheets) and may cancel; the file appears only when complete.
pub fn write_workbook(path: &Path, sheets: &[Sheet], progress: Progress) -> Result<(), ExportError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let total: usize = sheets.iter().map(|s| s.rows.len()).sum();
    let mut done = 0;
    for sheet in sheets {
        let (columns, rows) = (sheet.columns, sheet.rows);
        let ws = workbook.add_worksheet();
        ws.set_name(sheet.name)?;
        let widths = fitted_widths(columns, rows);
        write_header(ws, columns, &formats)?;
        for (r, row) in rows.iter().enumerate() {
            write_cells(ws, (r + 1) as u32, row, sheet.bold.contains(&r), &formats)?;
            done += 1;
            if done % 2000 == 0 && !progress(done, total) {
                return Err(ExportError::Cancelled);
            }
        }
        finish_sheet(ws, &widths, columns.len(), rows.len())?;
    }
    save_whole(&mut workbook, path)?;
    progress(total, total);
    Ok(())
}

/// The cell formats every export shares.
pub(crate) struct Formats {
    header: Format,
    plain: Format,
    money: Format,
    date: Format,
    bold_text: Format,
    bold_money: Format,
    bold_date: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        let money = Format::new().set_num_format("#,##0.00").set_align(FormatAlign::Right);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        Formats {
            header: Format::new().set_bold().set_background_color("#DCE6F1").set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            plain: Format::new(),
            bold_text: Format::new().set_bold(),
            bold_money: money.clone().set_bold(),
            bold_date: date.clone().set_bold(),
            money,
            date,
        }
    }
}

/// Column widths that fit the header and the first 1,000 rows' text.
pub(crate) fn fitted_widths(columns: &[Column], rows: &[Vec<Cell>]) -> Vec<f64> {
    let mut widths: Vec<f64> = columns.iter().map(|c| display_width(&c.header).max(c.width)).collect();
    for row in rows.iter().take(1000) {
        for (i, cell) in row.iter().enumerate() {
            if let (Cell::Text(s), Some(w)) = (cell, widths.get_mut(i)) {
                *w = w.max(display_width(s).min(60.0));
            }
        }
    }
    widths
}

pub(crate) fn write_header(ws: &mut rust_xlsxwriter::Worksheet, columns: &[Column], formats: &Formats) -> Result<(), ExportError> {
    for (i, c) in columns.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, &c.header, &formats.header)?;
    }
    Ok(())
}

/// One row's cells at `excel_row`: money as #,##0.00, dates as date cells, exact
/// quantities as numbers; `strong` rows (subtotals, totals) in bold.
pub(crate) fn write_cells(ws: &mut rust_xlsxwriter::Worksheet, excel_row: u32, row: &[Cell], strong: bool, formats: &Formats) -> Result<(), ExportError> {
    let f = formats;
    let (text_format, money, date) = if strong { (&f.bold_text, &f.bold_money, &f.bold_date) } else { (&f.plain, &f.money, &f.date) };
    for (i, cell) in row.iter().enumerate() {
        let col = i as u16;
        match cell {
            Cell::Text(s) => write_text(ws, excel_row, col, s, text_format)?,
            Cell::Money(m) => {
                ws.write_number_with_format(excel_row, col, m.round_dp(2).to_f64().unwrap_or(0.0), money)?;
            }
            Cell::Date(d) => {
                let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                ws.write_datetime_with_format(excel_row, col, &dt, date)?;
            }
            Cell::Integer(n) => {
                ws.write_number_with_format(excel_row, col, *n as f64, text_format)?;
            }
            Cell::Number(n) => {
                ws.write_number_with_format(excel_row, col, n.to_f64().unwrap_or(0.0), text_format)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

/// Widths, the header frozen and filtered.
pub(crate) fn finish_sheet(ws: &mut rust_xlsxwriter::Worksheet, widths: &[f64], columns: usize, rows: usize) -> Result<(), ExportError> {
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, w + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if rows > 0 {
        ws.autofilter(0, 0, rows as u32, columns.saturating_sub(1) as u16)?;
    }
    Ok(())
}

/// Saves beside `path` and renames, so the file appears only when complete.
pub(crate) fn save_whole(workbook: &mut Workbook, path: &Path) -> Result<(), ExportError> {
    let partial = temp_path(path);
    let saved = workbook.save(&partial).map_err(ExportError::from).and_then(|_| std::fs::rename(&partial, path).map_err(|e| ExportError::Write(e.to_string())));
    if saved.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    saved
}

pub fn col(header_zh: &str, header_en: &str, lang: Lang, kind: ColumnKind, width: f64) -> Column {
    Column { header: if lang == Lang::En { header_en } else { header_zh }.to_string(), kind, width }
}

/// The asset list's standard columns and cells, in the UI language.
pub fn asset_table(rows: &[AssetRow], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    asset_table_with(rows, &[], lang)
}

/// The asset list's columns and cells, then one column per custom field in `custom`
/// (headed by its name; numbers and dates as number and date cells when they read as such).
pub fn asset_table_with(rows: &[AssetRow], custom: &[ledger::CustomField], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let mut columns = vec![
        col("资产编码", "Code", lang, Text, 14.0),
        col("资产名称", "Name", lang, Text, 16.0),
        col("类别", "Category", lang, Text, 8.0),
        col("规格型号", "Model", lang, Text, 10.0),
        col("状态", "Status", lang, Text, 6.0),
        col("使用部门", "Department", lang, Text, 8.0),
        col("存放位置", "Location", lang, Text, 8.0),
        col("保管人", "Custodian", lang, Text, 6.0),
        col("购置日期", "Acquired", lang, Date, 11.0),
        col("原值", "Value", lang, Money, 12.0),
    ];
    columns.extend(custom.iter().map(|f| {
        let kind = match f.kind.as_str() {
            "number" => Number,
            "date" => Date,
            _ => Text,
        };
        Column { header: f.name.clone(), kind, width: 10.0 }
    }));
    let cells = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::Text(r.code.clone()),
                Cell::Text(r.name.clone()),
                Cell::Text(r.category.clone()),
                Cell::Text(r.model.clone()),
                Cell::Text(r.status.label(lang).to_string()),
                r.dept.clone().into(),
                r.location.clone().into(),
                r.custodian.clone().into(),
                r.acquired.map(Cell::Date).unwrap_or(Cell::Empty),
                Cell::Money(r.value),
            ];
            cells.extend(custom.iter().map(|f| custom_cell(f, r.custom.get(&f.name))));
            cells
        })
        .collect();
    (columns, cells)
}

fn custom_cell(field: &ledger::CustomField, value: Option<&String>) -> Cell {
    let Some(v) = value.map(|v| v.trim()).filter(|v| !v.is_empty()) else { return Cell::Empty };
    match field.kind.as_str() {
        "number" => v.parse().map(Cell::Number).unwrap_or_else(|_| Cell::Text(v.to_string())),
        "date" => NaiveDate::parse_from_str(v, "%Y-%m-%d").map(Cell::Date).unwrap_or_else(|_| Cell::Text(v.to_string())),
        _ => Cell::Text(v.to_string()),
    }
}

/// A document list's columns and cells, in the UI language.
pub fn document_table(rows: &[DocumentRow], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let columns = vec![
        col("单据号", "Number", lang, Text, 14.0),
        col("业务", "Kind", lang, Text, 8.0),
        col("日期", "Date", lang, Date, 11.0),
        col("对方", "Counterparty", lang, Text, 8.0),
        col("资产数", "Assets", lang, Integer, 6.0),
        col("经办人", "Operator", lang, Text, 6.0),
        col("状态", "State", lang, Text, 6.0),
        col("备注", "Notes", lang, Text, 12.0),
    ];
    let state = |s: &str| match (s, lang) {
        ("voided", Lang::ZhCn) => "已冲销",
        ("voided", Lang::En) => "Voided",
        (_, Lang::ZhCn) => "有效",
        (_, Lang::En) => "Posted",
    };
    let cells = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.doc_no.clone()),
                Cell::Text(r.kind.label(lang).to_string()),
                Cell::Date(r.date),
                Cell::Text(r.counterparty.clone()),
                Cell::Integer(r.asset_count),
                Cell::Text(r.operator.clone()),
                Cell::Text(state(&r.state).to_string()),
                Cell::Text(r.notes.clone()),
            ]
        })
        .collect();
    (columns, cells)
}


/// The audit log's columns and cells, in the UI language.
pub fn audit_table(entries: &[ledger::AuditEntry], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::*;
    let columns = vec![
        col("序号", "#", lang, Integer, 6.0),
        col("时间", "Time", lang, Text, 20.0),
        col("用户", "User", lang, Text, 8.0),
        col("操作", "Action", lang, Text, 14.0),
        col("对象", "Target", lang, Text, 16.0),
        col("说明", "Detail", lang, Text, 30.0),
    ];
    let cells = entries
        .iter()
        .map(|e| {
            vec![
                Cell::Integer(e.id),
                Cell::Text(e.at.clone()),
                Cell::Text(e.user.clone()),
                Cell::Text(e.action.clone()),
                Cell::Text(e.target.clone()),
                Cell::Text(e.detail.clone()),
            ]
        })
        .collect();
    (columns, cells)
}
