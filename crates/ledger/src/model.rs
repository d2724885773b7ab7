//! Small domain enums with their stable storage names and display names.


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

use crate::enum_str::string_enum;

string_enum!(
    /// Where an asset stands in its life. Changed only by documents.
    AssetStatus, field: "AssetStatus", what: ("status", "状态"), {
    InStock => ("in_stock", "In stock", "在库"),
    InUse => ("in_use", "In use", "在用"),
    OnLoan => ("on_loan", "On loan", "借出"),
    UnderRepair => ("under_repair", "Under repair", "维修中"),
    Scrapped => ("scrapped", "Scrapped", "已报废"),
    Disposed => ("disposed", "Disposed", "已处置"),
    WrittenOff => ("written_off", "Written off", "已销账"),
    Missing => ("missing", "Missing", "盘亏"),
    // A registration voided as a mistake (issue 20): kept, never counted again.
    Voided => ("voided", "Voided", "已作废"),
});

impl AssetStatus {
    /// Still on the books (在账): neither disposed of, written off, nor a voided
    /// registration. Home's totals count these (issue 20).
    pub fn on_books(self) -> bool {
        !matches!(self, AssetStatus::Disposed | AssetStatus::WrittenOff | AssetStatus::Voided)
    }
}

string_enum!(
    /// CAS 4 depreciation methods.
    DepreciationMethod, field: "DepreciationMethod", what: ("depreciation method", "折旧方法"), {
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
