//! The fields an import row can fill and the header words clerks use for them.
//!
//! Matching is on a folded key (see [`header_key`]): full-width to half-width, lower
//! case, no spaces or punctuation, no bracketed units. Earlier synonyms in a field's
//! list are more specific and win when two columns claim the same field.

use serde::{Deserialize, Serialize};

use super::normalise::to_half_width;

/// What a spreadsheet column means. Serialised as snake_case for saved mappings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Code,
    /// A legacy barcode column beside the code; used as the code when the code is empty.
    Barcode,
    Name,
    Category,
    Model,
    Serial,
    Dept,
    Location,
    Custodian,
    Acquired,
    Value,
    Quantity,
    LifeYears,
    SalvageRate,
    Salvage,
    Method,
    AccumulatedDepreciation,
    /// Net book value: gives the accumulated depreciation as value minus net.
    NetBookValue,
    /// The date the accumulated depreciation was counted to.
    OpeningDate,
    Status,
    Notes,
    Supplier,
    /// 保修截止: the warranty's last day (may be in the future).
    WarrantyUntil,
}

impl ImportField {
    /// The snake_case name, which is also the ledger's field name for the same value.
    pub fn as_key(self) -> &'static str {
        match self {
            ImportField::Code => "code",
            ImportField::Barcode => "barcode",
            ImportField::Name => "name",
            ImportField::Category => "category",
            ImportField::Model => "model",
            ImportField::Serial => "serial",
            ImportField::Dept => "dept",
            ImportField::Location => "location",
            ImportField::Custodian => "custodian",
            ImportField::Acquired => "acquired",
            ImportField::Value => "value",
            ImportField::Quantity => "quantity",
            ImportField::LifeYears => "life_years",
            ImportField::SalvageRate => "salvage_rate",
            ImportField::Salvage => "salvage",
            ImportField::Method => "method",
            ImportField::AccumulatedDepreciation => "accumulated_depreciation",
            ImportField::NetBookValue => "net_book_value",
            ImportField::OpeningDate => "opening_date",
            ImportField::Status => "status",
            ImportField::Notes => "notes",
            ImportField::Supplier => "supplier",
            ImportField::WarrantyUntil => "warranty_until",
        }
    }

    pub const ALL: &'static [ImportField] = &[
        ImportField::Code,
        ImportField::Barcode,
        ImportField::Name,
        ImportField::Category,
        ImportField::Model,
        ImportField::Serial,
        ImportField::Dept,
        ImportField::Location,
        ImportField::Custodian,
        ImportField::Acquired,
        ImportField::Value,
        ImportField::Quantity,
        ImportField::LifeYears,
        ImportField::SalvageRate,
        ImportField::Salvage,
        ImportField::Method,
        ImportField::AccumulatedDepreciation,
        ImportField::NetBookValue,
        ImportField::OpeningDate,
        ImportField::Status,
        ImportField::Notes,
        ImportField::Supplier,
        ImportField::WarrantyUntil,
    ];

    /// (English, Chinese) names for a mapping editor and for messages.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            ImportField::Code => ("Asset code", "资产编码"),
            ImportField::Barcode => ("Barcode", "条形码"),
            ImportField::Name => ("Name", "资产名称"),
            ImportField::Category => ("Category", "资产类别"),
            ImportField::Model => ("Model", "规格型号"),
            ImportField::Serial => ("Serial number", "序列号"),
            ImportField::Dept => ("Department", "使用部门"),
            ImportField::Location => ("Location", "存放地点"),
            ImportField::Custodian => ("Custodian", "使用人"),
            ImportField::Acquired => ("Acquisition date", "购置日期"),
            ImportField::Value => ("Original value", "原值"),
            ImportField::Quantity => ("Quantity", "数量"),
            ImportField::LifeYears => ("Useful life (years)", "使用年限"),
            ImportField::SalvageRate => ("Salvage rate", "净残值率"),
            ImportField::Salvage => ("Salvage", "净残值"),
            ImportField::Method => ("Depreciation method", "折旧方法"),
            ImportField::AccumulatedDepreciation => ("Accumulated depreciation", "累计折旧"),
            ImportField::NetBookValue => ("Net book value", "净值"),
            ImportField::OpeningDate => ("Depreciation counted to", "折旧截止日期"),
            ImportField::Status => ("Status", "使用状况"),
            ImportField::Notes => ("Notes", "备注"),
            ImportField::Supplier => ("Supplier", "供应商"),
            ImportField::WarrantyUntil => ("Warranty until", "保修截止日期"),
        }
    }

    /// Header words for this field, folded with [`header_key`]; most specific first.
    #[rustfmt::skip]
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            ImportField::Code => &[
                "资产编号", "固定资产编号", "资产编码", "固定资产编码", "资产代码", "财产编号", "设备编号", "卡片编号",
                "资产条码", "编号", "编码", "代码", "assettag", "assetno", "assetnumber", "assetid", "assetcode",
                "tag", "tagno", "code", "id",
            ],
            ImportField::Barcode => &["条形码", "条码", "条码号", "标签号", "barcode", "label"],
            ImportField::Name => &[
                "资产名称", "固定资产名称", "名称", "设备名称", "财产名称", "品名", "物品名称", "assetname", "name",
                "description", "item", "itemname",
            ],
            ImportField::Category => &[
                "资产类别", "类别", "资产分类", "分类", "资产类型", "类型", "固定资产类别", "大类", "category", "class",
                "assetclass", "assetcategory", "type",
            ],
            ImportField::Model => &[
                "规格型号", "型号规格", "型号", "规格", "品牌型号", "品牌规格", "model", "spec", "specification",
                "modelno",
            ],
            ImportField::Serial => &[
                "序列号", "出厂编号", "出厂号", "机身号", "sn", "serial", "serialno", "serialnumber",
            ],
            ImportField::Dept => &[
                "使用部门", "部门", "所属部门", "使用单位", "管理部门", "归属部门", "科室", "department", "dept",
            ],
            ImportField::Location => &[
                "存放地点", "位置", "存放位置", "放置地点", "所在位置", "安装地点", "地点", "location", "site", "room",
            ],
            ImportField::Custodian => &[
                "使用人", "责任人", "保管人", "领用人", "负责人", "管理人", "custodian", "owner", "user", "assignedto",
                "holder",
            ],
            ImportField::Acquired => &[
                "购置日期", "购入日期", "入账日期", "取得日期", "购买日期", "启用日期", "开始使用日期", "购置时间",
                "购入时间", "日期", "purchasedate", "acquired", "acquisitiondate", "dateacquired", "inservicedate",
                "purchased",
            ],
            ImportField::Value => &[
                "原值", "资产原值", "原价", "账面原值", "购置金额", "购入金额", "购置价格", "价值", "金额", "单价",
                "价格", "cost", "value", "originalcost", "originalvalue", "purchaseprice", "price", "amount",
            ],
            ImportField::Quantity => &["数量", "quantity", "qty"],
            ImportField::LifeYears => &[
                "使用年限", "折旧年限", "预计使用年限", "年限", "使用寿命", "使用月数", "折旧月数", "预计使用月数", "usefullife", "life", "lifeyears",
            ],
            ImportField::SalvageRate => &[
                "残值率", "净残值率", "预计净残值率", "salvagerate", "residualrate",
            ],
            ImportField::Salvage => &[
                "净残值", "残值", "预计净残值", "salvage", "salvagevalue", "residualvalue",
            ],
            ImportField::Method => &["折旧方法", "折旧方式", "depreciationmethod", "method"],
            ImportField::AccumulatedDepreciation => &[
                "累计折旧", "累计折旧额", "已提折旧", "累计已提折旧", "accumulateddepreciation", "accumdepr",
                "accumulateddepr",
            ],
            ImportField::NetBookValue => &["净值", "账面净值", "资产净值", "净额", "netbookvalue", "nbv", "bookvalue"],
            ImportField::OpeningDate => &[
                "折旧截止日期", "累计折旧截止日期", "截止日期", "折旧截至", "期初日期", "结账日期", "asof", "asofdate",
            ],
            ImportField::Status => &[
                "使用状况", "状态", "使用状态", "资产状态", "状况", "status", "condition", "state",
            ],
            ImportField::Supplier => &["供应商", "供货商", "供货单位", "供应单位", "经销商", "supplier", "vendor"],
            ImportField::WarrantyUntil => &[
                "保修截止日期", "保修截止", "保修期至", "保修到期日", "保修到期", "质保截止日期", "质保期至", "质保到期日",
                "warrantyuntil", "warrantyend", "warrantyexpiry", "warrantyexpires",
            ],
            ImportField::Notes => &["备注", "说明", "附注", "notes", "note", "remarks", "remark", "comment", "comments", "memo"],
        }
    }
}

/// Folds a header cell for matching: half-width, lower case, bracketed units dropped,
/// no spaces or punctuation. "原值(元)" and " 原 值（元）" both give "原值".
pub fn header_key(text: &str) -> String {
    let half = to_half_width(text).to_lowercase();
    let mut key = String::with_capacity(half.len());
    let mut depth = 0u32;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => key.push(c),
            '/' | '|' | '、' => key.push('/'),
            _ => {}
        }
    }
    key
}

/// What is inside the brackets of a header, e.g. "万元" from "原值(万元)": amounts and
/// lives can carry their unit there.
pub fn header_unit(text: &str) -> String {
    let half = to_half_width(text);
    let mut unit = String::new();
    let mut depth = 0u32;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' => depth += 1,
            ')' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth > 0 && !c.is_whitespace() => unit.push(c),
            _ => {}
        }
    }
    unit
}

/// The field a header names and how specific the match is (lower is better).
pub fn match_header(text: &str) -> Option<(ImportField, usize)> {
    let key = header_key(text);
    if key.is_empty() || key.chars().count() > 40 {
        return None;
    }
    // "S/N" is a word of its own; "存放地点/位置" means either part.
    let whole = key.replace('/', "");
    if let Some(found) = lookup(&whole) {
        return Some(found);
    }
    if let Some(found) = key.split('/').find_map(lookup) {
        return Some(found);
    }
    // "固定资产名称", "*资产名称": try without the usual prefixes.
    for prefix in ["固定资产", "资产", "设备"] {
        if let Some(rest) = whole.strip_prefix(prefix) {
            if let Some((field, rank)) = lookup(rest) {
                return Some((field, rank + 100));
            }
        }
    }
    None
}

fn lookup(key: &str) -> Option<(ImportField, usize)> {
    if key.is_empty() {
        return None;
    }
    ImportField::ALL.iter().find_map(|&f| f.synonyms().iter().position(|s| *s == key).map(|rank| (f, rank)))
}
