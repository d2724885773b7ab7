//! The asset search index. Each word of an asset's search text is stored as the
//! hex-encoded unigrams and overlapping bigrams of its characters; a query word becomes
//! a phrase of its own bigrams (or one unigram), so "电脑", "00012" or "t14" all match
//! as substrings through the FTS5 index instead of scanning every row.

use rusqlite::{params_from_iter, Connection, ToSql, Transaction};

use crate::error::Result;

fn hex(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    push_hex(&mut out, s);
    out
}

/// Appends the hex of `s`'s UTF-8 bytes; written out by hand because the import path
/// calls it for every character of every asset.
fn push_hex(out: &mut String, s: &str) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in s.bytes() {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0xf) as usize] as char);
    }
}

/// The tokens stored for one asset's search text.
pub(crate) fn tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 8);
    let mut buf = [0u8; 8];
    for word in text.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        // Bigrams first and contiguous, so a query's bigrams match as a phrase; then
        // the unigrams for one-character queries. "w" ends each part, so no phrase
        // runs from one word into the next.
        for pair in chars.windows(2) {
            out.push('b');
            push_hex(&mut out, pair[0].encode_utf8(&mut buf));
            push_hex(&mut out, pair[1].encode_utf8(&mut buf));
            out.push(' ');
        }
        out.push_str("w ");
        for c in &chars {
            out.push('u');
            push_hex(&mut out, c.encode_utf8(&mut buf));
            out.push(' ');
        }
        out.push_str("w ");
    }
    out
}

/// The pinyin initials of each word's Chinese characters (联想笔记本电脑 → lxbjbdn, 张伟
/// → zw), so a clerk can type the initials instead of switching input method.
fn initials(text: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::new();
    for word in text.split_whitespace() {
        let letters: String = word.to_pinyin().flatten().map(|p| p.first_letter()).collect();
        if letters.len() >= 2 {
            out.push_str(&letters);
            out.push(' ');
        }
    }
    out
}

/// The full toneless pinyin of each word's Chinese characters (笔记本电脑 →
/// bijibendiannao), so "bijiben" finds a 笔记本 as the initials "bjb" do.
fn full_pinyin(text: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::new();
    for word in text.split_whitespace() {
        let syllables: String = word.to_pinyin().flatten().map(|p| p.plain()).collect();
        if !syllables.is_empty() {
            out.push_str(&syllables);
            out.push(' ');
        }
    }
    out
}

/// What the index stores for an asset: its search text's tokens, its initials' and
/// its full pinyin's.
pub fn index_tokens(text: &str) -> String {
    let mut out = tokens(text);
    out.push_str(&tokens(&initials(text)));
    out.push_str(&tokens(&full_pinyin(text)));
    out
}

/// The FTS5 MATCH expression for the search box's words (all must match), or `None`
/// when there are no words.
pub fn match_expr(text: &str) -> Option<String> {
    let phrases: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            let chars: Vec<char> = word.to_lowercase().chars().collect();
            if chars.len() == 1 {
                format!("\"u{}\"", hex(&chars[0].to_string()))
            } else {
                let bigrams: Vec<String> = chars.windows(2).map(|w| format!("b{}", hex(&format!("{}{}", w[0], w[1])))).collect();
                format!("\"{}\"", bigrams.join(" "))
            }
        })
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

/// An asset's search text: code, name, model, serial and its register names. SQL's
/// `lower` folds ASCII only; `stored_text` finishes the job in Rust.
const REFRESH_SEARCH_TEXT: &str = "UPDATE assets SET search_text = lower(code || ' ' || name || ' ' || model || ' ' || serial || ' ' || \
     coalesce((SELECT name FROM categories WHERE id = category_id), '') || ' ' || \
     coalesce((SELECT name FROM departments WHERE id = dept_id), '') || ' ' || \
     coalesce((SELECT name FROM locations WHERE id = location_id), '') || ' ' || \
     coalesce((SELECT name FROM people WHERE id = custodian_id), ''))";

/// The search text lower-cased as the search box's words are (`str::to_lowercase`, so
/// "ＰＣ" typed with the IME on finds a model stored as "ＰＣ"), written back to the row
/// where SQL's ASCII-only `lower` left capitals (the document list matches against it).
fn stored_text(tx: &Transaction, asset_id: i64, text: String) -> Result<String> {
    let lower = text.to_lowercase();
    if lower != text {
        tx.prepare_cached("UPDATE assets SET search_text = ?1 WHERE id = ?2")?.execute(rusqlite::params![lower, asset_id])?;
    }
    Ok(lower)
}

/// Recomputes `search_text` and the index for the assets matching `condition`
/// (an SQL condition on `assets`, e.g. "id = ?1"). Every change to a searched field
/// (an asset's code, name, model, serial, category, department, location, custodian, or
/// a register's name) calls this or `index_new` in its own transaction.
pub(crate) fn refresh(tx: &Transaction, condition: &str, args: &[&dyn ToSql]) -> Result<()> {
    tx.prepare_cached(&format!("{REFRESH_SEARCH_TEXT} WHERE {condition}"))?.execute(params_from_iter(args))?;
    let mut select = tx.prepare_cached(&format!("SELECT id, search_text FROM assets WHERE {condition}"))?;
    let rows: Vec<(i64, String)> = select.query_map(params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut delete = tx.prepare_cached("DELETE FROM asset_fts WHERE rowid = ?1")?;
    let mut insert = tx.prepare_cached("INSERT INTO asset_fts(rowid, tokens) VALUES (?1, ?2)")?;
    for (id, text) in rows {
        let text = stored_text(tx, id, text)?;
        delete.execute([id])?;
        insert.execute(rusqlite::params![id, index_tokens(&text)])?;
    }
    Ok(())
}

/// Indexes an asset inserted in this transaction: nothing of it is in the index yet,
/// so there is nothing to delete first (a delete on a contentless index costs a search).
pub(crate) fn index_new(tx: &Transaction, asset_id: i64) -> Result<()> {
    let text: String = tx.prepare_cached(&format!("{REFRESH_SEARCH_TEXT} WHERE id = ?1 RETURNING search_text"))?.query_row([asset_id], |r| r.get(0))?;
    let text = stored_text(tx, asset_id, text)?;
    tx.prepare_cached("INSERT INTO asset_fts(rowid, tokens) VALUES (?1, ?2)")?.execute(rusqlite::params![asset_id, index_tokens(&text)])?;
    Ok(())
}

/// An asset's search text from its fields as stored (code, name, model, serial, then
/// its category, department, location and custodian names, empty when unset): what
/// REFRESH_SEARCH_TEXT and `stored_text` together compute from the row.
pub(crate) fn search_text(parts: &[&str]) -> String {
    parts.join(" ").to_lowercase()
}

/// Indexes a new asset whose `search_text` was written with its row.
pub(crate) fn index_text(tx: &Transaction, asset_id: i64, search_text: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO asset_fts(rowid, tokens) VALUES (?1, ?2)")?.execute(rusqlite::params![asset_id, index_tokens(search_text)])?;
    Ok(())
}

/// Builds the index for a ledger whose assets predate it.
pub(crate) fn rebuild_if_missing(conn: &mut Connection) -> Result<()> {
    let indexed: bool = conn.query_row("SELECT EXISTS(SELECT 1 FROM asset_fts)", [], |r| r.get(0))?;
    let any: bool = conn.query_row("SELECT EXISTS(SELECT 1 FROM assets)", [], |r| r.get(0))?;
    if any && !indexed {
        let tx = crate::db::begin(conn)?;
        refresh(&tx, "1 = 1", &[])?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_substring_of_a_word_is_a_phrase_of_its_tokens() {
        let stored = tokens("zc-2026-00012 联想笔记本电脑");
        for query in ["电脑", "笔", "想笔记", "00012", "-2026-", "z"] {
            let expr = match_expr(query).unwrap();
            let phrase = expr.trim_matches('"');
            assert!(stored.contains(phrase), "{query}: {phrase} not in {stored}");
        }
        assert!(!stored.contains(match_expr("2联").unwrap().trim_matches('"')), "no match across words");
    }

    #[test]
    fn chinese_words_are_also_indexed_by_their_pinyin_initials() {
        assert_eq!(initials("zc-2026-00012 联想笔记本电脑 行政部 张伟 t14"), "lxbjbdn xzb zw ");
        let stored = index_tokens("联想笔记本电脑 张伟");
        for query in ["lxbj", "bdn", "zw"] {
            assert!(stored.contains(match_expr(query).unwrap().trim_matches('"')), "{query}");
        }
    }

    #[test]
    fn chinese_words_are_also_indexed_by_their_full_pinyin() {
        assert_eq!(full_pinyin("zc-2026-00012 联想笔记本电脑 t14 张伟"), "lianxiangbijibendiannao zhangwei ");
        let stored = index_tokens("联想笔记本电脑 张伟");
        for query in ["bijiben", "diannao", "lianxiang", "zhangwei", "wei"] {
            assert!(stored.contains(match_expr(query).unwrap().trim_matches('"')), "{query}");
        }
    }

    #[test]
    fn tokens_keep_the_format_existing_indexes_were_built_with() {
        assert_eq!(tokens("ab 电"), "b6162 w u61 u62 w w ue794b5 w ");
    }
}
