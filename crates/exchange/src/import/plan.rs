//! Planning an import: options, the chosen sheet and header, the column mapping, and the
//! plan the ledger stores from.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use ledger::{AssetInput, AssetStatus};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::detect::{auto_mapping, find_header, header_text};
use super::error::ImportError;
use super::learned::LearnedHeaders;
use super::normalise as norm;
use super::read::{Grid, RawCell, Source};
use super::report::ImportReport;
use super::rows::RowContext;
use super::synonyms::ImportField;

/// Which sheet column holds which field, by 0-based column index (A is 0). Saved as
/// JSON between imports, e.g. `{"columns":{"1":"code","2":"name"}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub columns: BTreeMap<u32, ImportField>,
    /// Columns that fill a custom field, by the field's name (issue 21); left out of the
    /// JSON when none, so mappings saved before read and write as they did.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<u32, String>,
}

impl ColumnMapping {
    pub fn column_of(&self, field: ImportField) -> Option<u32> {
        self.columns.iter().find(|(_, f)| **f == field).map(|(c, _)| *c)
    }
    /// Maps `column` to `field` (None clears it); a field keeps at most one column.
    pub fn set(&mut self, column: u32, field: Option<ImportField>) {
        if let Some(field) = field {
            self.columns.retain(|_, f| *f != field);
            self.columns.insert(column, field);
        } else {
            self.columns.remove(&column);
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Sheet name; default: the first sheet with a recognisable header.
    pub sheet: Option<String>,
    /// The header's row as the sheet shows it (1 is the first); default: found.
    pub header_row: Option<u32>,
    /// Replaces the automatic mapping.
    pub mapping: Option<ColumnMapping>,
    /// Dates after this are refused; default: today on this computer.
    pub today: Option<NaiveDate>,
    /// The date accumulated depreciation was counted to, for sheets without such a
    /// column; default: a date in the title lines (e.g. "导出日期:2024-12-31").
    pub opening_date: Option<NaiveDate>,
    /// Header words the clerk taught earlier (stored in the ledger).
    pub learned: LearnedHeaders,
    /// The ledger's active custom fields: a column headed with one's name fills it.
    pub custom_fields: Vec<ledger::CustomField>,
}

/// A header cell with what it was mapped to, for a mapping editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceColumn {
    /// 0-based column index, the key of [`ColumnMapping`].
    pub column: u32,
    /// "A", "B", ... "AA".
    pub letter: String,
    pub header: String,
    pub field: Option<ImportField>,
    /// The custom field the column fills, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom: Option<String>,
}

/// One row ready for the ledger: every text field is canonical for `AssetInput`.
/// Serialises flat (row, the asset's fields, status, ...) for a preview table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// As the spreadsheet shows it.
    pub row: u32,
    pub asset: AssetInput,
    pub status: Option<AssetStatus>,
    pub accumulated_depreciation: Option<Decimal>,
    /// Set whenever `accumulated_depreciation` is.
    pub opening_date: Option<NaiveDate>,
    /// Custom field values (field name, value as the card stores it), non-empty ones.
    pub custom: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportPlan {
    pub sheets: Vec<String>,
    pub sheet: String,
    /// As the spreadsheet shows it.
    pub header_row: u32,
    pub columns: Vec<SourceColumn>,
    pub mapping: ColumnMapping,
    /// The default date for accumulated depreciation, from the options or the title.
    pub opening_date: Option<NaiveDate>,
    /// Valid rows only, in sheet order.
    pub rows: Vec<ImportRow>,
    pub report: ImportReport,
    /// The file's name (no folder): the import batch keeps it (issue 20).
    pub source: String,
}

impl Serialize for ImportRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let a = &self.asset;
        let mut s = serializer.serialize_struct("ImportRow", 22)?;
        s.serialize_field("row", &self.row)?;
        for (key, value) in [
            ("code", &a.code),
            ("name", &a.name),
            ("category", &a.category),
            ("model", &a.model),
            ("serial", &a.serial),
            ("dept", &a.dept),
            ("location", &a.location),
            ("custodian", &a.custodian),
            ("acquired", &a.acquired),
            ("value", &a.value),
            ("life_years", &a.life_years),
            ("salvage_rate", &a.salvage_rate),
            ("salvage", &a.salvage),
            ("method", &a.method),
            ("notes", &a.notes),
            ("supplier", &a.supplier),
            ("warranty_until", &a.warranty_until),
        ] {
            s.serialize_field(key, value)?;
        }
        s.serialize_field("status", &self.status.map(|st| st.as_str()))?;
        s.serialize_field("accumulated_depreciation", &self.accumulated_depreciation.map(ledger::format_money))?;
        s.serialize_field("opening_date", &self.opening_date.map(|d| d.format("%Y-%m-%d").to_string()))?;
        let fields: BTreeMap<&str, &str> = self.custom.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        // Only rows with custom values carry them, so older previews look as they did.
        if fields.is_empty() {
            s.skip_field("fields")?;
        } else {
            s.serialize_field("fields", &fields)?;
        }
        s.end()
    }
}

pub fn plan_import(path: &Path, options: &ImportOptions) -> Result<ImportPlan, ImportError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    plan_source(Source::open(path)?, &name, options)
}

/// For files that are already in memory (a dropped file, a test). `name` stands in
/// as the sheet name of a CSV file.
pub fn plan_import_bytes(bytes: Vec<u8>, name: &str, options: &ImportOptions) -> Result<ImportPlan, ImportError> {
    plan_source(Source::from_bytes(bytes, name)?, name, options)
}

/// "A" for 0, "Z" for 25, "AA" for 26.
pub fn column_letter(column: u32) -> String {
    let mut n = column as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn plan_source(mut source: Source, name: &str, options: &ImportOptions) -> Result<ImportPlan, ImportError> {
    let sheets = source.sheet_names();
    let (grid, header_index) = choose_sheet(&mut source, &sheets, options)?;
    let mapping = match &options.mapping {
        Some(m) => {
            super::custom::check_mapping(&m.custom, &m.columns, &options.custom_fields)?;
            check_mapping(m)?
        }
        None => {
            let mut columns = auto_mapping(&grid, header_index, &options.learned);
            let custom = super::custom::auto_custom(&grid, header_index, &options.custom_fields, &mut columns);
            ColumnMapping { columns, custom }
        }
    };
    if mapping.column_of(ImportField::Name).is_none() {
        return Err(ImportError::NameColumnMissing);
    }
    let columns = source_columns(&grid, header_index, &mapping);
    let title_date =
        grid.rows[..header_index].iter().flatten().filter_map(header_text).find_map(|t| norm::find_date_in_text(&t));
    let opening_date = options.opening_date.or(title_date);
    let today = options.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let context = RowContext::new(&grid, header_index, &columns, &options.custom_fields, opening_date, today);
    let (rows, report) = context.plan_rows(&grid, header_index);
    Ok(ImportPlan {
        sheets,
        sheet: grid.name.clone(),
        header_row: grid.sheet_row(header_index),
        columns,
        mapping,
        opening_date,
        rows,
        report,
        source: name.rsplit(['/', '\\']).next().unwrap_or(name).to_string(),
    })
}

fn choose_sheet(source: &mut Source, sheets: &[String], options: &ImportOptions) -> Result<(Grid, usize), ImportError> {
    let wanted = match &options.sheet {
        Some(name) => {
            let found = sheets
                .iter()
                .find(|s| *s == name)
                .or_else(|| sheets.iter().find(|s| s.trim().eq_ignore_ascii_case(name.trim())));
            match found {
                Some(s) => vec![s.clone()],
                None => return Err(ImportError::SheetNotFound { name: name.clone(), available: sheets.to_vec() }),
            }
        }
        None if options.header_row.is_some() => sheets.iter().take(1).cloned().collect(),
        None => sheets.to_vec(),
    };
    let mut all_empty = true;
    for name in &wanted {
        let grid = source.load(name)?;
        if grid.rows.iter().all(|r| r.iter().all(RawCell::is_blank)) {
            continue;
        }
        all_empty = false;
        let header = match options.header_row {
            Some(row) => {
                let index = row.checked_sub(grid.first_row + 1).map(|i| i as usize).filter(|i| *i < grid.rows.len());
                Some(index.ok_or_else(|| ImportError::BadMapping(format!("header row {row} is outside the sheet")))?)
            }
            None => find_header(&grid, &options.learned),
        };
        if let Some(index) = header {
            return Ok((grid, index));
        }
    }
    if all_empty {
        return Err(ImportError::EmptySheet { sheet: wanted.first().cloned().unwrap_or_default() });
    }
    let named = options.sheet.as_ref().and(wanted.first().cloned());
    Err(ImportError::NoHeader { sheet: named })
}

fn check_mapping(mapping: &ColumnMapping) -> Result<ColumnMapping, ImportError> {
    let mut seen: HashMap<ImportField, u32> = HashMap::new();
    for (&column, &field) in &mapping.columns {
        if let Some(first) = seen.insert(field, column) {
            return Err(ImportError::BadMapping(format!(
                "columns {} and {} are both mapped to {}",
                column_letter(first),
                column_letter(column),
                field.label().0
            )));
        }
    }
    Ok(mapping.clone())
}

fn source_columns(grid: &Grid, header_index: usize, mapping: &ColumnMapping) -> Vec<SourceColumn> {
    let width = grid.first_col + grid.width();
    let last_mapped = mapping.columns.keys().chain(mapping.custom.keys()).max().copied();
    let last = last_mapped.map_or(width, |c| width.max(c + 1));
    (0..last)
        .filter_map(|column| {
            let header = header_text(grid.cell(header_index, column)).unwrap_or_default();
            let field = mapping.columns.get(&column).copied();
            let custom = mapping.custom.get(&column).cloned();
            (!header.is_empty() || field.is_some() || custom.is_some()).then(|| SourceColumn {
                column,
                letter: column_letter(column),
                header,
                field,
                custom,
            })
        })
        .collect()
}
