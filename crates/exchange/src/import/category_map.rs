//! Mapping a legacy sheet's category names onto the ledger's (issue 21): e.g. the old
//! 电脑 and 笔记本 onto the seeded GB/T 14885 class 计算机设备. The map is a two-column
//! CSV/TSV (old name, ledger name; a header line 旧类别,新类别 or old,new is skipped),
//! UTF-8 or GBK as Excel saves it. With a map, every row's category must be in the map
//! or already in the ledger: any other name is that row's error, so no category is
//! created by accident.

use std::collections::BTreeMap;

use ledger::{Actor, Error, Ledger, RegisterKind};

use super::detect::{detect_format, FileFormat, TextEncoding};
use super::plan::ImportPlan;
use super::read::{parse_csv, RawCell};
use super::report::RowError;
use super::synonyms::ImportField;

/// Old category name → the ledger's category name.
pub type CategoryMap = BTreeMap<String, String>;

fn text(cell: &RawCell) -> String {
    match cell {
        RawCell::Text(s) => s.trim().to_string(),
        RawCell::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Reads a map file's bytes; a line with one name only, or an old name mapped twice
/// to different names, is refused naming its line.
pub fn parse_category_map(bytes: &[u8]) -> ledger::Result<CategoryMap> {
    let text_of = match detect_format(bytes) {
        FileFormat::Text(encoding) => encoding.decode(bytes),
        _ => TextEncoding::Utf8.decode(bytes),
    };
    let grid = parse_csv(&text_of, "category-map");
    let mut map = CategoryMap::new();
    for (i, row) in grid.rows.iter().enumerate() {
        let line = i + 1;
        let old = row.first().map(text).unwrap_or_default();
        let new = row.get(1).map(text).unwrap_or_default();
        if old.is_empty() && new.is_empty() {
            continue;
        }
        if i == 0 && matches!(old.to_lowercase().as_str(), "旧类别" | "原类别" | "old" | "old category" | "from") {
            continue;
        }
        if old.is_empty() || new.is_empty() {
            return Err(Error::invalid(
                "category_map",
                format!("category map line {line}: give the old name and the ledger's name, separated by a comma"),
                format!("类别映射表第 {line} 行：须写旧类别和台账类别两列，用逗号分隔"),
            ));
        }
        if let Some(before) = map.insert(old.clone(), new.clone()) {
            if before != new {
                return Err(Error::invalid(
                    "category_map",
                    format!("category map line {line}: '{old}' is mapped both to '{before}' and to '{new}'"),
                    format!("类别映射表第 {line} 行：「{old}」同时映射到「{before}」和「{new}」"),
                ));
            }
        }
    }
    Ok(map)
}

/// Renames each valid row's category through `map`; a row whose category is neither
/// mapped nor in the ledger becomes an error row. Refused when the map points at a
/// category the ledger does not have (seed or add it first).
pub fn map_categories(ledger: &Ledger, actor: &Actor, plan: &mut ImportPlan, map: &CategoryMap) -> ledger::Result<()> {
    let missing_targets = ledger.new_register_names(actor, RegisterKind::Category, map.values().map(String::as_str))?;
    if !missing_targets.is_empty() {
        return Err(Error::invalid(
            "category_map",
            format!("the category map points at categories the ledger does not have: {} (add them, or seed gbt14885, first)", missing_targets.join(", ")),
            format!("类别映射表中的台账类别不存在：{}（请先添加，或先导入 GB/T 14885 类别）", missing_targets.join("、")),
        ));
    }
    let unmapped: Vec<String> = plan.rows.iter().map(|r| r.asset.category.trim().to_string()).filter(|c| !map.contains_key(c)).collect();
    let unknown = ledger.new_register_names(actor, RegisterKind::Category, unmapped.iter().map(String::as_str))?;
    let column = plan
        .columns
        .iter()
        .find(|c| c.field == Some(ImportField::Category))
        .map(|c| c.header.clone())
        .unwrap_or_else(|| ImportField::Category.label().1.to_string());
    let mut kept = Vec::with_capacity(plan.rows.len());
    for mut row in std::mem::take(&mut plan.rows) {
        let name = row.asset.category.trim().to_string();
        if let Some(to) = map.get(&name) {
            row.asset.category = to.clone();
        } else if unknown.contains(&name) {
            plan.report.errors.push(RowError {
                row: row.row,
                column: column.clone(),
                field: Some(ImportField::Category),
                message_en: format!("category '{}' is neither in the category map nor in the ledger", ledger::quoted(&name)),
                message_zh: format!("类别「{}」不在类别映射表中，台账中也没有", ledger::quoted(&name)),
            });
            plan.report.valid_rows -= 1;
            plan.report.invalid_rows += 1;
            continue;
        }
        kept.push(row);
    }
    plan.rows = kept;
    plan.report.errors.sort_by_key(|e| e.row);
    Ok(())
}
