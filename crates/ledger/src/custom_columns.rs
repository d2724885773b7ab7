//! Custom fields beyond the card (issue 21): their values on list rows, and the list's
//! filters on them, applied in SQL inside the asset search so they combine with every
//! other filter, the sort and the paging.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::{quoted, Error, Result};

/// How a filter compares a custom field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldMatch {
    /// The value contains the text (case-insensitive for Latin letters).
    #[default]
    Contains,
    /// The value is the text (for a number field: the same number, 5 = 5.00).
    Equals,
}

impl FieldMatch {
    pub fn parse(s: &str) -> Result<FieldMatch> {
        match s {
            "" | "contains" => Ok(FieldMatch::Contains),
            "equals" => Ok(FieldMatch::Equals),
            other => Err(Error::invalid(
                "fields",
                format!("a custom field filter is 'contains' or 'equals', not '{}'", quoted(other)),
                format!("自定义字段筛选须为 contains 或 equals，不能是「{}」", quoted(other)),
            )),
        }
    }
}

/// One filter on a custom field of the asset list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldFilter {
    pub name: String,
    pub op: FieldMatch,
    pub value: String,
}

/// Adds one SQL condition per filter (with its bound values) to the asset search.
/// An unknown or inactive field, or a number filter that is not a number, is refused
/// with the field named; filters with an empty value are ignored.
pub(crate) fn add_filters(conn: &Connection, filters: &[FieldFilter], conditions: &mut Vec<String>, args: &mut Vec<Value>) -> Result<()> {
    for f in filters {
        let value = f.value.trim();
        if value.is_empty() {
            continue;
        }
        let name = f.name.trim();
        let found: Option<(i64, String)> = rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT id, kind FROM custom_fields WHERE name = ?1 AND active = 1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ))?;
        let Some((field_id, kind)) = found else { return Err(crate::card_extras::unknown_field(name)) };
        args.push(Value::Integer(field_id));
        let n_field = args.len();
        args.push(Value::Text(value.to_string()));
        let n_value = args.len();
        conditions.push(match (f.op, kind.as_str()) {
            (FieldMatch::Equals, "number") => {
                if value.parse::<rust_decimal::Decimal>().is_err() {
                    return Err(Error::invalid(name, format!("{name}: '{}' is not a number", quoted(value)), format!("{name}：「{}」不是数字", quoted(value))));
                }
                format!("a.id IN (SELECT v.asset_id FROM custom_values v WHERE v.field_id = ?{n_field} AND CAST(v.value AS NUMERIC) = CAST(?{n_value} AS NUMERIC))")
            }
            (FieldMatch::Equals, _) => format!("a.id IN (SELECT v.asset_id FROM custom_values v WHERE v.field_id = ?{n_field} AND v.value = ?{n_value})"),
            (FieldMatch::Contains, _) => format!("a.id IN (SELECT v.asset_id FROM custom_values v WHERE v.field_id = ?{n_field} AND instr(lower(v.value), lower(?{n_value})) > 0)"),
        });
    }
    Ok(())
}

/// The active custom fields' non-empty values of the assets `ids` (a JSON array), by
/// asset id and field name.
pub(crate) fn values_of(conn: &Connection, ids_json: &str) -> Result<HashMap<i64, BTreeMap<String, String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.asset_id, f.name, v.value FROM custom_values v JOIN custom_fields f ON f.id = v.field_id \
         WHERE f.active = 1 AND v.value <> '' AND v.asset_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut by_asset: HashMap<i64, BTreeMap<String, String>> = HashMap::new();
    let rows = stmt.query_map([ids_json], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (asset, name, value) = row?;
        by_asset.entry(asset).or_default().insert(name, value);
    }
    Ok(by_asset)
}
