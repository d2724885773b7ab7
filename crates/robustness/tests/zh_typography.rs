//! zh-CN typography of the UI catalogue (ui/src/lib/i18n-zh.ts, issue 27): Chinese text
//! takes full-width ，：；（）！？, never the ASCII ones. An ASCII mark is wrong when it
//! touches a Chinese character (or full-width mark), and a pair of parentheses is wrong
//! when it holds Chinese or follows it. What stays ASCII: formats and values the clerk
//! types (HH:MM, YYYY-MM-DD, tcp://IP:9100, 5% or 0.05).
//!
//! Other engineers add strings in parallel: a failure names the line, the key, the mark
//! and what to write instead.

use std::path::PathBuf;

fn chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '「' | '」' | '“' | '”')
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
}

#[test]
fn the_zh_catalogue_uses_full_width_punctuation_in_chinese_text() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/i18n-zh.ts");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let entries = entries(&source);
    assert!(entries.len() > 500, "the catalogue was not read: {} entries", entries.len());
    let mut problems = Vec::new();
    for (line, key, value) in &entries {
        for (at, mark) in misplaced_marks(value) {
            problems.push(format!(
                "ui/src/lib/i18n-zh.ts:{line} key '{key}': ASCII '{mark}' at character {} of \"{value}\" — write '{}' instead",
                at + 1,
                full_width(mark)
            ));
        }
    }
    assert!(problems.is_empty(), "{} ASCII punctuation mark(s) in Chinese text:\n{}", problems.len(), problems.join("\n"));
}
