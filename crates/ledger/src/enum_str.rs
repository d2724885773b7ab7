//! The one enum-string helper: a small domain enum with its stable storage word (also
//! the JSON and CLI word), its zh-CN and English labels, `ALL`, `parse` (the word, the
//! Chinese label or the English one, trimmed) with one bilingual error naming the
//! choices, and for document kinds the prefix their numbers start with.
//!
//! ```ignore
//! string_enum!(
//!     /// Where a scan came from.
//!     ScanSource, field: "ScanSource", what: ("scan source", "扫描来源"), {
//!     Serial => ("serial", "Serial scanner", "串口扫描枪"),
//! });
//! // With a number prefix: Issue => ("issue", "LY", "Issue-out", "领用出库"),
//! ```

macro_rules! string_enum {
    (@enum $(#[$meta:meta])* $name:ident, $field:literal, $what_en:literal, $what_zh:literal,
     { $($variant:ident => ($key:literal, $en:literal, $zh:literal)),+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable word used in storage, JSON and the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
            pub fn label(self, lang: $crate::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, $crate::Lang::En) => $en, ($name::$variant, $crate::Lang::ZhCn) => $zh),+
                }
            }
            /// The stable word, the Chinese label or the English one (any case).
            pub fn parse(s: &str) -> $crate::error::Result<$name> {
                let s = s.trim();
                $(if s == $key || s == $zh || s.eq_ignore_ascii_case($en) { return Ok($name::$variant); })+
                let all: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                Err($crate::error::Error::invalid(
                    $field,
                    format!("unknown {} '{s_q}'; expected one of: {}", $what_en, all.join(", "), s_q = $crate::error::quoted(&s)),
                    format!("未知的{}「{s_q}」，可选：{}", $what_zh, all.join("、"), s_q = $crate::error::quoted(&s)),
                ))
            }
        }
    };
    // Kinds whose numbers start with a prefix (documents, consumable movements).
    ($(#[$meta:meta])* $name:ident, field: $field:literal, what: ($what_en:literal, $what_zh:literal),
     { $($variant:ident => ($key:literal, $prefix:literal, $en:literal, $zh:literal)),+ $(,)? }) => {
        $crate::enum_str::string_enum!(@enum $(#[$meta])* $name, $field, $what_en, $what_zh, { $($variant => ($key, $en, $zh)),+ });
        impl $name {
            /// What its numbers start with, e.g. LY-2026-00012.
            pub fn prefix(self) -> &'static str {
                match self { $($name::$variant => $prefix),+ }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident, field: $field:literal, what: ($what_en:literal, $what_zh:literal),
     { $($variant:ident => ($key:literal, $en:literal, $zh:literal)),+ $(,)? }) => {
        $crate::enum_str::string_enum!(@enum $(#[$meta])* $name, $field, $what_en, $what_zh, { $($variant => ($key, $en, $zh)),+ });
    };
}

pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    use crate::{AssetStatus, DocKind, ErrorCode, Lang, ScanSource};

    #[test]
    fn one_helper_parses_the_word_either_label_and_says_what_is_allowed() {
        assert_eq!(DocKind::parse(" issue ").unwrap(), DocKind::Issue);
        assert_eq!(DocKind::parse("领用出库").unwrap(), DocKind::Issue);
        assert_eq!(DocKind::parse("issue-out").unwrap(), DocKind::Issue);
        assert_eq!((DocKind::Issue.prefix(), DocKind::Issue.label(Lang::En)), ("LY", "Issue-out"));
        assert_eq!(ScanSource::parse("键盘扫描枪").unwrap(), ScanSource::Keyboard);
        assert_eq!(AssetStatus::ALL.len(), 9);
        let err = DocKind::parse("lend").unwrap_err();
        assert_eq!((err.code, err.fields.clone()), (ErrorCode::InvalidInput, vec!["kind".to_string()]));
        assert!(err.message(Lang::En).starts_with("unknown document kind 'lend'; expected one of: register, edit, issue"), "{err}");
        assert!(err.message(Lang::ZhCn).starts_with("未知的单据类型「lend」，可选：register、edit"), "{err:?}");
        assert_eq!(ScanSource::parse("x").unwrap_err().fields, ["ScanSource"]);
    }
}
