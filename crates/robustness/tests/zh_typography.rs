//! zh-CN typography (issue 27, item 13) of the UI catalogue (ui/src/lib/i18n-zh.ts) and
//! of the Chinese text the Rust side writes (core error messages, import problems, label,
//! printer and scanner errors, the CLI's zh output, the shell's messages): Chinese text
//! takes full-width ，：；（）！？, never the ASCII ones. An ASCII mark is wrong when it
//! touches a Chinese character (or full-width mark), and a pair of parentheses is wrong
//! when it holds Chinese or follows it. A full-width mark carries its own space, so no
//! space stands beside ，。：；？！、（）. What stays ASCII: formats and values the clerk
//! types (HH:MM, YYYY-MM-DD, tcp://IP:9100, 5% or 0.05), and whatever a `{placeholder}`
//! brings in (quoted user input is shown as typed).
//!
//! Other engineers add strings in parallel: a failure names the file and line, the mark
//! and what to write instead.

use std::path::PathBuf;

fn chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”')
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        '!' => '！',
        '?' => '？',
        other => other,
    }
}

/// The ASCII marks in `value` that should be full-width: (char index, mark).
fn misplaced_marks(value: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = value.chars().collect();
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i).copied());
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let (before, after) = (at(i.checked_sub(1)), at(Some(i + 1)));
        let touches = before.is_some_and(chinese) || after.is_some_and(chinese);
        match c {
            ',' | ':' | ';' | '!' | '?' if touches => found.push((i, c)),
            '(' => {
                let close = chars[i + 1..].iter().position(|&x| x == ')').map(|p| i + 1 + p);
                let inner = &chars[i + 1..close.unwrap_or(i + 1)];
                let before_word = chars[..i].iter().rev().find(|x| **x != ' ').copied();
                if inner.iter().any(|&x| chinese(x)) || before_word.is_some_and(chinese) {
                    found.push((i, '('));
                    if let Some(j) = close {
                        found.push((j, ')'));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Full-width marks that carry their own space.
fn spaced(c: char) -> bool {
    matches!(c, '，' | '。' | '：' | '；' | '？' | '！' | '、' | '（' | '）')
}

/// The spaces in `value` that stand beside a full-width mark: char indexes.
fn misplaced_spaces(value: &str) -> Vec<usize> {
    let chars: Vec<char> = value.chars().collect();
    (0..chars.len())
        .filter(|&i| chars[i] == ' ' && (i.checked_sub(1).is_some_and(|b| spaced(chars[b])) || chars.get(i + 1).is_some_and(|&a| spaced(a))))
        .collect()
}

/// What is wrong with `value`, one line each.
fn problems_in(value: &str) -> Vec<String> {
    let mut found: Vec<String> = misplaced_marks(value)
        .into_iter()
        .map(|(at, mark)| format!("ASCII '{mark}' at character {} — write '{}' instead", at + 1, full_width(mark)))
        .collect();
    found.extend(misplaced_spaces(value).into_iter().map(|at| format!("a space beside a full-width mark at character {} — drop it", at + 1)));
    found
}

/// Every `'key': 'value',` line of the catalogue: (line number, key, value).
fn entries(source: &str) -> Vec<(usize, String, String)> {
    source
        .lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let rest = line.trim().strip_prefix('\'')?;
            let (key, rest) = rest.split_once("': '")?;
            let value = rest.strip_suffix("',").or_else(|| rest.strip_suffix('\''))?;
            Some((n + 1, key.to_string(), value.to_string()))
        })
        .collect()
}

#[test]
fn the_rule_finds_ascii_marks_in_chinese_and_leaves_formats_alone() {
    assert_eq!(misplaced_marks("请填写:{fields}"), vec![(3, ':')]);
    assert_eq!(misplaced_marks("首次使用,请填写"), vec![(4, ',')]);
    assert_eq!(misplaced_marks("使用年限(年)"), vec![(4, '('), (6, ')')]);
    assert_eq!(misplaced_marks("打印机 (TSPL)"), vec![(4, '('), (9, ')')]);
    assert!(misplaced_marks("HH:MM").is_empty());
    assert!(misplaced_marks("YYYY-MM-DD").is_empty());
    assert!(misplaced_marks("地址：tcp://IP:9100（网络打印机）· cups:<队列名>").is_empty());
    assert!(misplaced_marks("例如 5% 或 0.05").is_empty());
    assert!(misplaced_marks("{PREFIX}-{YYYY}-{SEQ5}").is_empty());
    assert_eq!(misplaced_spaces("位置 （{x}, {y}） 毫米"), vec![2, 13]);
    assert!(misplaced_spaces("资产 {code} 已领用，请先归还").is_empty());
}

#[test]
fn the_zh_catalogue_uses_full_width_punctuation_in_chinese_text() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/i18n-zh.ts");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let entries = entries(&source);
    assert!(entries.len() > 500, "the catalogue was not read: {} entries", entries.len());
    let mut problems = Vec::new();
    for (line, key, value) in &entries {
        for problem in problems_in(value) {
            problems.push(format!("ui/src/lib/i18n-zh.ts:{line} key '{key}' \"{value}\": {problem}"));
        }
    }
    assert!(problems.is_empty(), "{} punctuation problem(s) in Chinese text:\n{}", problems.len(), problems.join("\n"));
}

// ---- The Rust side's Chinese text ----

/// The string literals of Rust `source` outside comments, with their line: the product
/// code only (the `#[cfg(test)] mod` at a file's end feeds data, such as CSV rows).
fn rust_literals(source: &str) -> Vec<(usize, String)> {
    let product = match source.find("\n#[cfg(test)]\nmod ") {
        Some(end) => &source[..end],
        None => source,
    };
    let chars: Vec<char> = product.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    let starts = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        } else if starts(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        } else if starts(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if starts(i, "/*") {
                    depth += 1;
                    i += 1;
                } else if starts(i, "*/") {
                    depth -= 1;
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                } else if chars[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
        } else if c == 'r' && (starts(i, "r\"") || starts(i, "r#")) && !i.checked_sub(1).is_some_and(|b| chars[b].is_alphanumeric() || chars[b] == '_') {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let start = i + 2 + hashes;
                let mut j = start;
                while j < chars.len() && !starts(j, &close) {
                    j += 1;
                }
                let text: String = chars[start..j].iter().collect();
                out.push((line, text.clone()));
                line += text.matches('\n').count();
                i = j + close.chars().count();
                continue;
            }
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let text: String = chars[i + 1..j].iter().collect();
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = j + 1;
            continue;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{3000}'); else a lifetime.
            if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 2;
            }
        }
        i += 1;
    }
    out
}

/// Chinese text, not an English message that names a Chinese word ("status '…' is not
/// known (e.g. 在用, 闲置)"): more than two Chinese characters per English word, outside
/// `{placeholders}`.
fn is_chinese_text(segment: &str) -> bool {
    let mut outside = String::new();
    let mut depth = 0;
    for c in segment.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let han = outside.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    let words = outside.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).count();
    han > 0 && han > 2 * words
}

/// Printed table text (report and stocktake export headings, group labels), left to the
/// print work: its "部门:…" labels are joined in crates/reports, which this pass does
/// not touch. Messages are all held to the rule.
const PRINTED_TABLE_TEXT: &[(&str, &str)] = &[
    ("crates/exchange/src/reports.rs", "({n} 项)"),
    ("crates/exchange/src/reports.rs", "资产台账(按{}) 截至 {} 月末"),
    ("crates/exchange/src/stocktake.rs", "(未设位置)"),
    ("crates/exchange/src/stocktake.rs", "(无部门)"),
    ("crates/ledger/src/reports.rs", "(无{})"),
];

fn rust_sources(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_rust_source_reader_finds_literals_and_skips_comments() {
    let source = "// 注释:不算\nlet a = \"第 {row} 行:{}\"; /* 块注释,不算 */ let c = '\"'; let r = r#\"原始(字符串)\"#;\nfn f<'a>(x: &'a str) {}\n#[cfg(test)]\nmod tests { const CSV: &str = \"编号,名称\"; }";
    let found = rust_literals(source);
    assert_eq!(found, vec![(2, "第 {row} 行:{}".to_string()), (2, "原始(字符串)".to_string())]);
    assert!(is_chinese_text("资产 {code} 当前{status_zh},不能{kind_zh}"));
    assert!(is_chinese_text("--map「{entry}」:没有字段「{field}」;可用 {} 或 ignore"));
    assert!(!is_chinese_text("status '{shown}' is not a known status (e.g. 在用, 闲置, 借出, 维修中, 已报废, 盘亏)"));
    assert!(!is_chinese_text("AssetDesk fixed-asset ledger (固定资产台账) from the command line"));
}

#[test]
fn the_rust_side_writes_chinese_with_full_width_punctuation() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root.join("crates")).unwrap() {
        let dir = dir.unwrap().path();
        // The benchmarks' seed data is CSV, not text for the clerk.
        if dir.join("src").is_dir() && !dir.ends_with("bench") {
            rust_sources(&dir.join("src"), &mut files);
        }
    }
    rust_sources(&root.join("src-tauri/src"), &mut files);
    assert!(files.len() > 100, "the sources were not read: {} files", files.len());
    let (mut problems, mut chinese) = (Vec::new(), 0);
    for file in &files {
        let shown = file.strip_prefix(&root).unwrap().display().to_string();
        for (line, literal) in rust_literals(&std::fs::read_to_string(file).unwrap()) {
            if PRINTED_TABLE_TEXT.contains(&(shown.as_str(), literal.as_str())) {
                continue;
            }
            // A bilingual literal ("中文。/ English.") is judged part by part.
            for segment in literal.split("/ ").filter(|s| is_chinese_text(s)) {
                chinese += 1;
                for problem in problems_in(segment) {
                    problems.push(format!("{shown}:{line} \"{segment}\": {problem}"));
                }
            }
        }
    }
    assert!(chinese > 300, "too few Chinese literals found ({chinese}): is the reader broken?");
    assert!(problems.is_empty(), "{} punctuation problem(s) in Chinese text:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn messages_joined_at_run_time_keep_full_width_punctuation() {
    use ledger::{Error, Lang};
    // Several field errors folded into one, said of a row of an import.
    let combined = Error::combine(vec![Error::invalid("name", "name is empty", "资产名称为空"), Error::invalid("category", "category is empty", "请填写资产类别")])
        .unwrap()
        .in_row(3);
    let zh = combined.message(Lang::ZhCn);
    assert_eq!(zh, "第 3 行：资产名称为空；请填写资产类别");
    assert!(problems_in(zh).is_empty(), "{zh}");
    // Every reason a scan is not an asset code, with the scanned text brought in.
    for scan in ["", "资产一号", "ZC 1", &"Z".repeat(41)] {
        let message = scanner::check_asset_code(scan).unwrap_err().message_zh();
        assert!(problems_in(&message).is_empty(), "{message}");
    }
}
