//! The PDA / offline-collector round trip (issue 19): a stocktake's expected list out as
//! CSV or .xlsx (with empty 实盘 and 实盘位置 columns a clerk may fill by hand), and the
//! results back in — a PDA's CSV/TXT (UTF-8 or GBK) or a workbook, one code a line or
//! columns code[,location][,time], or that expected list with 实盘 filled in.

use std::path::Path;

use ledger::{ExpectedLine, Lang, ScanInput, ScanSource};
use scanner::BatchFile;

use crate::export::col;
use crate::import::read::Source;
use crate::import::detect::{detect_format, FileFormat};
use crate::{write_xlsx, Cell, Column, ColumnKind, ExportError, ImportError};

/// The expected list as a table. 实盘 / 实盘位置 stay empty: what the counter fills in.
/// The recorded location is "账面位置", which the importer does not read as where it was counted.
pub fn expected_table(lines: &[ExpectedLine], lang: Lang) -> (Vec<Column>, Vec<Vec<Cell>>) {
    use ColumnKind::Text;
    let columns = vec![
        col("资产编码", "Code", lang, Text, 14.0),
        col("资产名称", "Name", lang, Text, 16.0),
        col("类别", "Category", lang, Text, 8.0),
        col("规格型号", "Model", lang, Text, 10.0),
        col("账面部门", "Recorded department", lang, Text, 10.0),
        col("账面位置", "Recorded location", lang, Text, 10.0),
        col("保管人", "Custodian", lang, Text, 8.0),
        col("实盘", "Counted", lang, Text, 6.0),
        col("实盘位置", "Counted at", lang, Text, 10.0),
    ];
    let rows = lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(l.code.clone()),
                Cell::Text(l.name.clone()),
                Cell::Text(l.category.clone()),
                Cell::Text(l.model.clone()),
                l.dept.clone().into(),
                l.location.clone().into(),
                l.custodian.clone().into(),
                Cell::Empty,
                Cell::Empty,
            ]
        })
        .collect();
    (columns, rows)
}

/// Writes the expected list: `.csv` (UTF-8 with BOM, which Excel and PDA tools open) or
/// `.xlsx`, by the file's extension. Returns the number of assets written.
pub fn write_expected(path: &Path, lines: &[ExpectedLine], lang: Lang) -> Result<usize, ExportError> {
    let (columns, rows) = expected_table(lines, lang);
    let csv = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !csv {
        write_xlsx(path, if lang == Lang::En { "Expected" } else { "应盘清单" }, &columns, &rows, &mut |_, _| true)?;
        return Ok(lines.len());
    }
    crate::csv_out::write_csv(path, &columns, &rows)?;
    Ok(lines.len())
}

/// A results file's bytes to scans: text (CSV/TXT in UTF-8, UTF-16 or GBK) through the
/// scanner crate's batch parser; a workbook (.xlsx/.xls) sheet by sheet as the same lines,
/// numbered as the sheet's rows. The first sheet with a code column or any code wins.
pub fn parse_scan_file(bytes: Vec<u8>, name: &str) -> Result<BatchFile, ImportError> {
    if !matches!(detect_format(&bytes), FileFormat::Xlsx | FileFormat::Xls) {
        return Ok(scanner::parse_batch(&bytes));
    }
    let mut source = Source::from_bytes(bytes, name)?;
    let mut first = None;
    for sheet in source.sheet_names() {
        let Some((first_row, rows)) = source.load_text(&sheet)? else { break };
        // Blank lines for the rows above the used range keep line numbers = sheet rows.
        let mut text = "\n".repeat(first_row as usize);
        for row in &rows {
            text.push_str(&row.join("\t"));
            text.push('\n');
        }
        let parsed = scanner::parse_batch(text.as_bytes());
        if parsed.header_line.is_some() || !parsed.entries.is_empty() {
            return Ok(parsed);
        }
        first.get_or_insert(parsed);
    }
    Ok(first.unwrap_or_else(|| scanner::parse_batch(b"")))
}

/// Reads a results file (see [`parse_scan_file`]).
pub fn read_scan_file(path: &Path) -> Result<BatchFile, ImportError> {
    let size = std::fs::metadata(path).map_err(|e| ImportError::Io(e.to_string()))?.len();
    if size > scanner::MAX_BATCH_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: size, limit: scanner::MAX_BATCH_FILE_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()))?;
    parse_scan_file(bytes, &path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string())
}

/// The file's lines as scans (line number, scan): each line's own location and time when
/// it has them, else `location` (the one the clerk chose) and now.
pub fn scans_of(batch: &BatchFile, location: &str, session: Option<i64>) -> Vec<(usize, ScanInput)> {
    batch
        .entries
        .iter()
        .map(|e| {
            let at = e.location.clone().unwrap_or_else(|| location.to_string());
            (e.line, ScanInput { location: at, at: e.scanned_at, session, ..ScanInput::new(e.code.as_str(), ScanSource::Batch) })
        })
        .collect()
}

/// Every refused line of an import, numbered and in the UI language, in line order: the
/// file's own problems and the ledger's refusals (`refused`: line and error).
pub fn import_errors(batch: &BatchFile, refused: &[(usize, ledger::Error)], lang: Lang) -> Vec<(usize, String)> {
    let mut errors: Vec<(usize, String)> =
        batch.errors.iter().map(|e| (e.line, if lang == Lang::En { e.message_en() } else { e.message_zh() })).collect();
    errors.extend(refused.iter().map(|(line, e)| {
        (*line, if lang == Lang::En { format!("line {line}: {}", e.message(lang)) } else { format!("第 {line} 行：{}", e.message(lang)) })
    }));
    errors.sort();
    errors
}
