//! Small domain enums with their stable storage names and display names.

use crate::error::{Error, Result};

/// The UI languages. Chinese first: it is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Lang {
        if s.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::ZhCn
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }
}

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident, $what_en:literal, $what_zh:literal,
     { $($variant:ident => ($key:literal, $en:literal, $zh:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable name used in storage, JSON and the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::En) => $en, ($name::$variant, Lang::ZhCn) => $zh),+
                }
            }
            pub fn parse(s: &str) -> Result<Self> {
                let s = s.trim();
                $(if s == $key || s == $zh || s.eq_ignore_ascii_case($en) { return Ok($name::$variant); })+
                let all: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                Err(Error::invalid(
                    stringify!($name),
                    format!("unknown {} '{}'; expected one of: {}", $what_en, s, all.join(", ")),
                    format!("未知的{}「{}」，可选：{}", $what_zh, s, all.join("、")),
                ))
            }
        }
    };
}

named_enum!(
    /// Where an asset stands in its life. Changed only by documents.
    AssetStatus, "status", "状态", {
    InStock => ("in_stock", "In stock", "在库"),
    InUse => ("in_use", "In use", "在用"),
    OnLoan => ("on_loan", "On loan", "借出"),
    UnderRepair => ("under_repair", "Under repair", "维修中"),
    Scrapped => ("scrapped", "Scrapped", "已报废"),
    Disposed => ("disposed", "Disposed", "已处置"),
    WrittenOff => ("written_off", "Written off", "已销账"),
    Missing => ("missing", "Missing", "盘亏"),
});

named_enum!(
    /// CAS 4 depreciation methods.
    DepreciationMethod, "depreciation method", "折旧方法", {
    StraightLine => ("straight-line", "Straight-line", "年限平均法"),
    DoubleDeclining => ("double-declining", "Double-declining balance", "双倍余额递减法"),
    SumOfYears => ("sum-of-years", "Sum-of-years-digits", "年数总和法"),
    UnitsOfProduction => ("units-of-production", "Units of production", "工作量法"),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_parses_storage_chinese_and_english_names() {
        assert_eq!(AssetStatus::parse("on_loan").unwrap(), AssetStatus::OnLoan);
        assert_eq!(AssetStatus::parse("在用").unwrap(), AssetStatus::InUse);
        assert_eq!(AssetStatus::parse("under repair").unwrap(), AssetStatus::UnderRepair);
        let err = AssetStatus::parse("lost").unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::InvalidInput);
        assert!(err.to_string().contains("in_stock"), "{err}");
    }
}
