//! Custom fields in an import (issue 21): a column headed with a custom field's name (or
//! mapped to it by hand) fills that field; each value is read by the field's type (a
//! date cell or text date, a number) and checked as the card checks it.

use std::collections::{BTreeMap, HashMap};

use ledger::CustomField;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use super::detect::header_text;
use super::error::ImportError;
use super::normalise::{self as norm, Problem};
use super::read::{Grid, RawCell};
use super::synonyms::ImportField;

/// The longest text a custom value may hold (as on the card).
const MAX_CHARS: usize = 500;

/// Columns whose header is a custom field's name (trimmed; Latin case ignored). Such a
/// column is the field's, even if its header also reads as a standard field: the clerk
/// named the field so. Those columns leave `standard`.
pub(super) fn auto_custom(grid: &Grid, header_index: usize, fields: &[CustomField], standard: &mut BTreeMap<u32, ImportField>) -> BTreeMap<u32, String> {
    let mut found = BTreeMap::new();
    let Some(row) = grid.rows.get(header_index) else { return found };
    for (offset, cell) in row.iter().enumerate() {
        let column = grid.first_col + offset as u32;
        let Some(header) = header_text(cell) else { continue };
        let Some(field) = fields.iter().find(|f| f.name.trim().to_lowercase() == header.to_lowercase()) else { continue };
        if found.values().any(|n| n == &field.name) {
            continue;
        }
        standard.remove(&column);
        found.insert(column, field.name.clone());
    }
    found
}

/// A hand-made mapping names only the ledger's custom fields, each once, on columns no
/// standard field takes.
pub(super) fn check_mapping(custom: &BTreeMap<u32, String>, standard: &BTreeMap<u32, ImportField>, fields: &[CustomField]) -> Result<(), ImportError> {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for (&column, name) in custom {
        let letter = super::plan::column_letter(column);
        if !fields.iter().any(|f| &f.name == name) {
            return Err(ImportError::BadMapping(format!("column {letter} is mapped to '{name}', which is not a custom field")));
        }
        if let Some(first) = seen.insert(name, column) {
            return Err(ImportError::BadMapping(format!("columns {} and {letter} are both mapped to {name}", super::plan::column_letter(first))));
        }
        if standard.contains_key(&column) {
            return Err(ImportError::BadMapping(format!("column {letter} is mapped to two fields")));
        }
    }
    Ok(())
}

/// A custom field's cell as the text the card stores: a date as YYYY-MM-DD, a number
/// without a float tail; empty when the cell is. Refused as the card refuses it.
pub(super) fn value(field: &CustomField, cell: &RawCell) -> Result<String, Problem> {
    let name = field.name.as_str();
    let shown = norm::cell_text(cell);
    let text = match field.kind.as_str() {
        "date" => norm::normalise_date(cell, (name, name))?.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        "number" => {
            // A number cell loses its float tail (65.0 → 65); typed text keeps its decimals.
            let n = match cell {
                RawCell::Number(n) => Decimal::from_f64(*n).map(|d| d.normalize()),
                _ if shown.is_empty() => None,
                _ => shown.replace([',', '，'], "").trim().parse::<Decimal>().ok(),
            };
            match n {
                Some(n) => n.to_string(),
                None if shown.is_empty() => String::new(),
                None => return Err(Problem::new(format!("{name}: '{shown}' is not a number"), format!("{name}：「{shown}」不是数字"))),
            }
        }
        _ => shown,
    };
    if text.is_empty() && field.required {
        return Err(Problem::new(format!("{name} is required"), format!("{name}不能为空")));
    }
    if text.chars().count() > MAX_CHARS {
        return Err(Problem::new(format!("{name} is longer than {MAX_CHARS} characters"), format!("{name}超过 {MAX_CHARS} 个字符")));
    }
    Ok(text)
}
