//! Every SQL value is bound as a parameter (`?N`), LIMIT/OFFSET and id lists included:
//! no `format!` that builds SQL splices a value into it. The scan reads every `format!`
//! in crates/*/src and src-tauri/src whose string holds SQL (SELECT, INSERT, UPDATE,
//! DELETE, WHERE, VALUES, LIMIT, OFFSET, IN (…)) and checks each `{…}` hole: `?{n}` is a
//! parameter's number; any other hole must be named and on the allow-list below — SQL
//! text from a constant or an enum, never a value. A positional `{}` is refused so the
//! allow-list can see what goes in.

use std::path::{Path, PathBuf};

/// The holes that may appear in SQL, and why each is never a value.
const ALLOWED: &[(&str, &str)] = &[
    ("table", "a register's table name from RegisterKind::table() or a fixed list"),
    ("column_list", "the bench's fair reference: column names read from pragma_table_info of our own schema"),
    ("marks", "the bench's fair reference: ?1, ?2 … placeholders"),
    ("column", "a column name chosen by a match on an enum"),
    ("count_col", "a column name chosen by a match on RegisterKind"),
    ("dir", "ASC or DESC from SortDir"),
    ("order", "AssetSort::order: enum columns and ASC/DESC"),
    ("conditions", "conditions built beside it, each value a ?N"),
    ("where_sql", "conditions built beside it, each value a ?N"),
    ("condition", "search::refresh's SQL condition, written by its callers with ?N"),
    ("filter", "valuation::load_subjects' SQL condition, written by its callers with ?N"),
    ("scope", "a fixed SQL fragment with ?N"),
    ("on_books", "a fixed SQL condition"),
    ("dept", "a fixed subquery (or NULL) chosen by RegisterKind"),
    ("prev_dept", "a fixed subquery"),
    ("prev_location", "a fixed subquery"),
    ("prev_custodian", "a fixed subquery"),
    ("location", "a fixed subquery"),
    ("custodian", "a fixed subquery"),
    ("period", "StatsBucket::sql(): a fixed expression"),
    ("key", "StatsBy::key_sql(): a fixed expression"),
    ("ROW_COLUMNS", "constant SQL"),
    ("ROW_FROM", "constant SQL"),
    ("ROW_SQL", "constant SQL"),
    ("ITEM_SELECT", "constant SQL"),
    ("MOVE_SELECT", "constant SQL"),
    ("COLUMNS", "constant SQL"),
    ("COUNTED_STATUSES", "constant SQL"),
    ("SUBJECT_COLUMNS", "constant SQL"),
    ("REFRESH_SEARCH_TEXT", "constant SQL"),
    // Repairs and maintenance (issue 22).
    ("REPAIR_SELECT", "constant SQL"),
    ("PLAN_SELECT", "constant SQL"),
    ("SCOPE", "a fixed SQL condition with ?N"),
    ("group_key", "RepairReportBy::key_sql(): a fixed expression"),
    ("ASSET_SUPPLIER_NAME", "constant SQL: the register name of an asset's supplier"),
    ("RECEIPT_SUPPLIER_NAME", "constant SQL: the register name of a receipt's supplier"),
    ("NEUTRAL", "constant SQL: the document kinds that move no asset (hub_sync)"),
    ("select", "hub_registers: one register kind's constant SELECT (DEPT_SQL, LOCATION_SQL …)"),
    ("alias", "hub_registers: that constant SELECT's table alias"),
];

const SQL_WORDS: &[&str] = &["SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", "VALUES", "LIMIT ", "OFFSET ", " IN ("];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of the string literal starting at `s[at..]` (normal or raw), escapes kept.
fn literal(s: &str, at: usize) -> Option<&str> {
    let rest = &s[at..];
    if let Some(raw) = rest.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let end = body.find(&format!("\"{}", "#".repeat(hashes)))?;
        return Some(&body[..end]);
    }
    let body = rest.strip_prefix('"')?;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(&body[..i]),
            _ => i += 1,
        }
    }
    None
}

/// The `{…}` holes of a format string that are not `?{n}` placeholders' numbers.
fn holes(fmt: &str) -> Vec<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => i += 2,
            '}' if chars.get(i + 1) == Some(&'}') => i += 2,
            '{' => {
                let end = chars[i..].iter().position(|c| *c == '}').map_or(chars.len(), |p| i + p);
                let inner: String = chars[i + 1..end].iter().collect();
                let name = inner.split(':').next().unwrap_or("").trim().to_string();
                if i == 0 || chars[i - 1] != '?' {
                    out.push(name);
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Every (file:line, hole) where a SQL format string takes something not allowed.
fn offences(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root.join("crates")).unwrap().map(|e| e.unwrap().path()) {
        rust_files(&dir.join("src"), &mut files);
    }
    rust_files(&root.join("src-tauri/src"), &mut files);
    assert!(files.len() > 50, "the scan found the sources: {}", files.len());
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("format!(") {
            let start = at + "format!(".len();
            let skip = text[start..].len() - text[start..].trim_start().len();
            let Some(fmt) = literal(&text, start + skip) else { continue };
            if !SQL_WORDS.iter().any(|w| fmt.contains(w)) {
                continue;
            }
            for hole in holes(fmt) {
                if !ALLOWED.iter().any(|(name, _)| *name == hole) {
                    let line = text[..at].matches('\n').count() + 1;
                    found.push(format!("{}:{line}: {{{hole}}} in SQL", file.strip_prefix(root).unwrap_or(&file).display()));
                }
            }
        }
    }
    found
}

#[test]
fn sql_takes_every_value_as_a_bound_parameter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let found = offences(&root);
    assert!(
        found.is_empty(),
        "bind these values as ?N parameters (id lists: json_each(?N)), or if one is SQL text from a constant or enum, name it and add it to ALLOWED with why:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_catches_a_spliced_value() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("crates/x/src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::create_dir_all(tmp.path().join("src-tauri/src")).unwrap();
    for i in 0..51 {
        std::fs::write(src.join(format!("f{i}.rs")), "").unwrap();
    }
    std::fs::write(
        src.join("bad.rs"),
        "fn f() {\n let a = format!(\"SELECT id FROM t LIMIT {limit}\");\n let b = format!(\n   \"SELECT * FROM t WHERE id IN ({})\", list);\n let c = format!(\"SELECT {ROW_COLUMNS} WHERE a = ?{n} AND b = '{{x}}'\");\n let d = format!(\"{name} was not found\");\n}\n",
    )
    .unwrap();
    let found = offences(tmp.path());
    assert_eq!(found, ["crates/x/src/bad.rs:2: {limit} in SQL", "crates/x/src/bad.rs:3: {} in SQL"], "{found:?}");
}
