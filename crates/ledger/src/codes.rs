//! Asset codes and document numbers: a configurable rule such as `ZC-{YYYY}-{SEQ5}`
//! and per-prefix sequences, so numbering restarts each year.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRule {
    template: String,
}

impl CodeRule {
    pub const DEFAULT: &'static str = "ZC-{YYYY}-{SEQ5}";

    /// Tokens: `{YYYY}`, `{YY}`, `{MM}` and exactly one `{SEQn}` (n = 3..=8 digits).
    pub fn parse(template: &str) -> Result<CodeRule> {
        let t = template.trim();
        let bad = |en: &str, zh: &str| {
            Error::invalid("asset_code_rule", format!("code rule '{t_q}': {en}", t_q = crate::error::quoted(&t)), format!("编码规则「{t_q}」：{zh}", t_q = crate::error::quoted(&t)))
        };
        let seqs = t.matches("{SEQ").count();
        if seqs != 1 {
            return Err(bad("must contain exactly one {SEQn}, e.g. ZC-{YYYY}-{SEQ5}", "必须且只能包含一个 {SEQn}，例如 ZC-{YYYY}-{SEQ5}"));
        }
        let rule = CodeRule { template: t.to_string() };
        let sample = rule.render(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), 1).ok_or_else(|| bad("has an unknown {token}", "含有未知的 {标记}"))?;
        validate_code(&sample).map_err(|_| bad("produces codes with characters a barcode cannot hold", "生成的编码含条码不支持的字符"))?;
        Ok(rule)
    }

    fn seq_width(&self) -> usize {
        let start = self.template.find("{SEQ").unwrap() + 4;
        let end = self.template[start..].find('}').map(|e| start + e).unwrap_or(start);
        self.template[start..end].parse().unwrap_or(0)
    }

    /// The code without its sequence digits: the key its counter is kept under.
    fn prefix_key(&self, date: NaiveDate) -> String {
        let start = self.template.find("{SEQ").unwrap();
        let end = start + self.template[start..].find('}').unwrap() + 1;
        let mut t = self.template.clone();
        t.replace_range(start..end, "#");
        fill_dates(&t, date)
    }

    fn render(&self, date: NaiveDate, seq: i64) -> Option<String> {
        let width = self.seq_width();
        if !(3..=8).contains(&width) {
            return None;
        }
        let key = self.prefix_key(date);
        if key.contains('{') || key.contains('}') {
            return None;
        }
        Some(key.replace('#', &format!("{seq:0width$}")))
    }

    /// Whether `code` has this rule's shape for some date and sequence: its literal
    /// parts, and digits where `{YYYY}`, `{YY}`, `{MM}` and `{SEQn}` stand (issue 20:
    /// a stocktake tells our codes from a stray barcode this way).
    pub fn matches(&self, code: &str) -> bool {
        let mut rest = code.as_bytes();
        let mut t = self.template.as_str();
        while !t.is_empty() {
            let (digits, skip) = if let Some(after) = t.strip_prefix("{YYYY}") {
                (4, t.len() - after.len())
            } else if let Some(after) = t.strip_prefix("{YY}").or_else(|| t.strip_prefix("{MM}")) {
                (2, t.len() - after.len())
            } else if t.starts_with("{SEQ") {
                let end = t.find('}').map(|e| e + 1).unwrap_or(t.len());
                (self.seq_width(), end)
            } else {
                let c = t.as_bytes()[0];
                match rest.split_first() {
                    Some((&b, tail)) if b == c => rest = tail,
                    _ => return false,
                }
                t = &t[1..];
                continue;
            };
            if rest.len() < digits || !rest[..digits].iter().all(u8::is_ascii_digit) {
                return false;
            }
            rest = &rest[digits..];
            t = &t[skip..];
        }
        rest.is_empty()
    }

    /// The fixed text the rule's codes start with ("ZC-" for ZC-{YYYY}-{SEQ5}); empty
    /// when the rule starts with a token.
    pub fn literal_prefix(&self) -> &str {
        &self.template[..self.template.find('{').unwrap_or(self.template.len())]
    }

    /// Whether `code` has this rule's shape, with or without a site prefix before it
    /// (`A1-ZC-2026-00012`: a code some desk of the hub made, issue 24).
    pub fn matches_with_site(&self, code: &str) -> bool {
        self.matches(code)
            || code.split_once('-').is_some_and(|(site, rest)| (1..=8).contains(&site.len()) && site.bytes().all(|b| b.is_ascii_alphanumeric()) && self.matches(rest))
    }

    /// Takes the next free code for `date`, skipping any already used (e.g. a legacy code).
    /// A desk joined to a hub puts its site prefix first (as `next_doc_no` does for
    /// numbers), so two desks on the same rule never make the same code.
    pub(crate) fn next_code(&self, tx: &Transaction, date: NaiveDate, mut taken: impl FnMut(&str) -> Result<bool>) -> Result<String> {
        let key = self.prefix_key(date);
        let site = crate::hub_sync::site_prefix(tx)?;
        let mut seq = next_sequence(tx, &format!("asset:{key}"))?;
        loop {
            let code = self.render(date, seq).expect("rule was validated");
            let code = match &site {
                Some(site) => format!("{site}-{code}"),
                None => code,
            };
            if !taken(&code)? {
                return Ok(code);
            }
            seq = next_sequence(tx, &format!("asset:{key}"))?;
        }
    }
}

fn fill_dates(t: &str, date: NaiveDate) -> String {
    t.replace("{YYYY}", &format!("{:04}", date.year()))
        .replace("{YY}", &format!("{:02}", date.year() % 100))
        .replace("{MM}", &format!("{:02}", date.month()))
}

pub(crate) fn next_sequence(tx: &Transaction, key: &str) -> Result<i64> {
    let last: Option<i64> = tx.query_row("SELECT last FROM sequences WHERE key = ?1", [key], |r| r.get(0)).optional()?;
    let next = last.unwrap_or(0) + 1;
    tx.execute(
        "INSERT INTO sequences(key, last) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET last = excluded.last",
        params![key, next],
    )?;
    Ok(next)
}

/// A document number such as `XZ-2026-00012`: kind prefix, year, five-digit sequence.
pub(crate) fn next_doc_no(tx: &Transaction, prefix: &str, date: NaiveDate) -> Result<String> {
    let template = crate::settings::get(tx, DOC_NUMBER_RULE_KEY)?.unwrap_or_else(|| DEFAULT_DOC_NUMBER_RULE.to_string());
    let rule = doc_rule(&template, prefix)?;
    let key = format!("doc:{}", rule.prefix_key(date));
    // Consumable movements (低值易耗品) share the rule and must not share a number either.
    let mut taken = tx.prepare_cached("SELECT EXISTS(SELECT 1 FROM documents WHERE doc_no = ?1) OR EXISTS(SELECT 1 FROM consumable_moves WHERE doc_no = ?1)")?;
    // A desk joined to a hub (issue 24) puts its site prefix first, so two desks never
    // make the same number: A1-LY-2026-00012.
    let site = crate::hub_sync::site_prefix(tx)?;
    loop {
        let doc_no = rule.render(date, next_sequence(tx, &key)?).expect("rule was validated");
        let doc_no = match &site {
            Some(site) => format!("{site}-{doc_no}"),
            None => doc_no,
        };
        // A number can already exist when the rule changed back to an earlier form.
        if !taken.query_row([&doc_no], |r| r.get::<_, bool>(0))? {
            return Ok(doc_no);
        }
    }
}

pub(crate) const DOC_NUMBER_RULE_KEY: &str = "doc_number_rule";
/// Document numbers: the kind's prefix (LY, TK, DB...), the year, a five-digit sequence.
pub const DEFAULT_DOC_NUMBER_RULE: &str = "{PREFIX}-{YYYY}-{SEQ5}";

/// The document number rule for one kind; `{PREFIX}` is required so kinds never share numbers.
pub(crate) fn doc_rule(template: &str, prefix: &str) -> Result<CodeRule> {
    if !template.contains("{PREFIX}") {
        return Err(Error::invalid(
            "doc_number_rule",
            format!("document number rule '{template_q}' must contain {{PREFIX}} (the kind, e.g. LY)", template_q = crate::error::quoted(&template)),
            format!("单据编号规则「{template_q}」必须包含 {{PREFIX}}（单据类型代码，如 LY）", template_q = crate::error::quoted(&template)),
        ));
    }
    CodeRule::parse(&template.replace("{PREFIX}", prefix)).map_err(|_| {
        Error::invalid(
            "doc_number_rule",
            format!("document number rule '{template_q}' must hold {{PREFIX}}, optional {{YYYY}}/{{YY}}/{{MM}} and one {{SEQn}} (n = 3..8), without spaces", template_q = crate::error::quoted(&template)),
            format!("单据编号规则「{template_q}」须由 {{PREFIX}}、可选的 {{YYYY}}/{{YY}}/{{MM}} 和一个 {{SEQn}}（n 为 3 到 8）组成，不能含空格", template_q = crate::error::quoted(&template)),
        )
    })
}

/// Asset codes go on barcodes: printable ASCII without spaces, 1 to 40 characters.
pub(crate) fn validate_code(code: &str) -> Result<()> {
    if code.is_empty() || code.len() > 40 || !code.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(
            "code",
            format!("asset code '{code_q}' must be 1 to 40 letters, digits or symbols without spaces", code_q = crate::error::quoted(&code)),
            format!("资产编码「{code_q}」须为 1 到 40 位字母、数字或符号，不能含空格或汉字", code_q = crate::error::quoted(&code)),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_renders_year_and_padded_sequence() {
        let rule = CodeRule::parse("ZC-{YYYY}-{SEQ5}").unwrap();
        assert_eq!(rule.render(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), 12).unwrap(), "ZC-2026-00012");
        let rule = CodeRule::parse("BG{YY}{MM}{SEQ4}").unwrap();
        assert_eq!(rule.render(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), 7).unwrap(), "BG26030007");
    }

    #[test]
    fn rule_without_one_sequence_or_with_unknown_token_is_refused() {
        for bad in ["ZC-{YYYY}", "{SEQ4}{SEQ4}", "ZC-{DD}-{SEQ5}", "ZC {SEQ5}", "ZC-{SEQ2}", "资产{SEQ5}"] {
            let err = CodeRule::parse(bad).unwrap_err();
            assert_eq!(err.fields, vec!["asset_code_rule"], "{bad}");
        }
    }

    #[test]
    fn a_code_matches_the_rule_by_shape() {
        let rule = CodeRule::parse("ZC-{YYYY}-{SEQ5}").unwrap();
        assert!(rule.matches("ZC-2019-00042"));
        for stray in ["9787111213823", "ZC-2019-0042", "ZC-2019-000421", "XZ-2019-00042", "ZC-20a9-00042", ""] {
            assert!(!rule.matches(stray), "{stray}");
        }
        assert!(CodeRule::parse("BG{YY}{MM}{SEQ4}").unwrap().matches("BG26030007"));
        assert!(rule.matches_with_site("A1-ZC-2019-00042") && rule.matches_with_site("ZC-2019-00042"));
        assert!(!rule.matches_with_site("分校-ZC-2019-00042") && !rule.matches_with_site("TOOLONGXX-ZC-2019-00042"));
    }

    #[test]
    fn codes_must_fit_a_barcode() {
        assert!(validate_code("ZC-2019-0042").is_ok());
        for bad in ["", "has space", "电脑01", &"X".repeat(41)] {
            assert!(validate_code(bad).is_err(), "{bad}");
        }
    }
}
