//! One data line of a batch file to an entry, or the reason it is not one.

use chrono::NaiveDateTime;

use super::columns::{split_fields, Column};
use super::fields::{looks_like_number, looks_like_time, parse_quantity, parse_scanned_at};
use super::{BatchProblem, MAX_BATCH_LINE_CHARS};
use crate::{check_asset_code, strip_aim_id};

/// What one good line says.
#[derive(Debug, Default)]
pub(crate) struct LineValues {
    pub code: String,
    pub scanned_at: Option<NaiveDateTime>,
    pub quantity: Option<u32>,
    pub location: Option<String>,
    /// `Some(false)`: a 实盘 column says this one was not found (not a scan).
    pub counted: Option<bool>,
}

/// Parses a data line; `columns` comes from the header, else content decides.
pub(crate) fn parse_line(
    line: &str,
    columns: Option<&[Column]>,
) -> Result<LineValues, BatchProblem> {
    let chars = line.chars().count();
    if chars > MAX_BATCH_LINE_CHARS {
        return Err(BatchProblem::TooLong { chars });
    }
    if line.contains('\u{FFFD}') {
        return Err(BatchProblem::Undecodable);
    }
    let mut values = LineValues::default();
    for (index, field) in split_fields(line).enumerate() {
        let column = match columns {
            Some(columns) => columns.get(index).copied().unwrap_or(Column::Ignored),
            None if index == 0 => Column::Code,
            None => column_by_content(field, index),
        };
        read_field(&mut values, column, field)?;
    }
    // A 实盘 column left empty at the end of the line (trimmed away) says "not found".
    if values.counted.is_none() && columns.is_some_and(|c| c.contains(&Column::Counted)) {
        values.counted = Some(false);
    }
    let code = strip_aim_id(&values.code);
    check_asset_code(code).map_err(BatchProblem::BadCode)?;
    values.code = code.to_string();
    Ok(values)
}

/// Without a header: a time-like field is the scan time, a number the quantity, the
/// second field otherwise the location (code,location,time), and anything after that (an
/// operator's name) is left alone.
fn column_by_content(field: &str, index: usize) -> Column {
    if parse_scanned_at(field).is_some() || looks_like_time(field) {
        Column::ScannedAt
    } else if looks_like_number(field) {
        Column::Quantity
    } else if index == 1 && !field.is_empty() {
        Column::Location
    } else {
        Column::Ignored
    }
}

/// A 实盘 mark: a count, a tick, 是/有/在… or 0, ×, 否/无/缺…; empty is "not counted".
fn parse_counted(field: &str) -> Option<bool> {
    let f = field.trim().to_lowercase();
    if let Ok(n) = f.parse::<f64>() {
        return Some(n > 0.0);
    }
    match f.as_str() {
        "" | "否" | "无" | "没有" | "缺" | "未盘到" | "未找到" | "盘亏" | "×" | "✗" | "✘" | "x" | "n" | "no" | "false" => Some(false),
        "是" | "有" | "在" | "已盘" | "盘到" | "已盘到" | "找到" | "√" | "✓" | "✔" | "☑" | "y" | "yes" | "true" | "ok" => {
            Some(true)
        }
        _ => None,
    }
}

fn read_field(values: &mut LineValues, column: Column, field: &str) -> Result<(), BatchProblem> {
    match column {
        Column::Code => values.code = field.to_string(),
        Column::ScannedAt if !field.is_empty() => {
            let at = parse_scanned_at(field)
                .ok_or_else(|| BatchProblem::BadScanTime { text: field.into() })?;
            values.scanned_at = Some(at);
        }
        Column::Quantity if !field.is_empty() => {
            let qty = parse_quantity(field)
                .ok_or_else(|| BatchProblem::BadQuantity { text: field.into() })?;
            values.quantity = Some(qty);
        }
        Column::Location if !field.is_empty() => values.location = Some(field.to_string()),
        Column::Counted => {
            let counted = parse_counted(field).ok_or_else(|| BatchProblem::BadCounted { text: field.into() })?;
            values.counted = Some(counted);
        }
        Column::ScannedAt | Column::Quantity | Column::Location | Column::Ignored => {}
    }
    Ok(())
}
