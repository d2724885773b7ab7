//! Turning what legacy sheets hold into the canonical text the ledger accepts.
//! Every function here is total: bad input gives a [`Problem`], never a panic.

use chrono::NaiveDate;
use ledger::{AssetStatus, DepreciationMethod};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use super::read::RawCell;

/// Why one cell was refused, in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub en: String,
    pub zh: String,
}

impl Problem {
    /// A cell's value is quoted back at most `ledger::QUOTE_LIMIT` characters long.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Problem { en: ledger::clip_quotes(&en.into()), zh: ledger::clip_quotes(&zh.into()) }
    }
}

/// Full-width ASCII (ＡＢＣ１２３, （）) to half-width and the ideographic space to a space.
pub fn to_half_width(text: &str) -> String {
    text.chars().map(half_width_char).collect()
}

fn half_width_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '\u{FFE5}' => '¥',
        _ => c,
    }
}

/// Letters, digits and spaces to half-width; Chinese punctuation such as （） in a
/// name is left as the clerk typed it. Zero-width characters go, runs of blanks and
/// line breaks become one space, and the ends are trimmed.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => half_width_char(c),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() || c.is_control() => {
                pending_space = true;
                continue;
            }
            c => c,
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Words clerks put in a cell to mean "nothing here".
pub fn is_placeholder(text: &str) -> bool {
    matches!(text, "-" | "--" | "—" | "——" | "/" | "无" | "暂无" | "n/a" | "N/A" | "NA" | "null" | "NULL" | "#N/A")
}

/// A cell as plain text, for the descriptive fields. Numbers print as Excel shows a
/// General cell: 1001.0 as "1001".
pub fn cell_text(cell: &RawCell) -> String {
    let text = match cell {
        RawCell::Empty => return String::new(),
        RawCell::Text(s) => clean_text(s),
        RawCell::Number(n) => number_text(*n),
        RawCell::Date(d) => d.format("%Y-%m-%d").to_string(),
        RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        RawCell::Error(e) => e.clone(),
    };
    if is_placeholder(&text) {
        String::new()
    } else {
        text
    }
}

/// A float as its shortest exact text, without ".0" for whole numbers and without
/// exponent notation, so 1001.0 gives "1001" and 12345678901 gives "12345678901".
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// An asset code: text as is (leading zeros kept), numbers without a float tail.
pub fn normalise_code(cell: &RawCell) -> String {
    let text = cell_text(cell);
    // Codes are barcodes: any full-width punctuation is a typing slip.
    to_half_width(&text).trim().to_string()
}

pub fn check_code(code: &str) -> Result<(), Problem> {
    if code.len() > 40 || !code.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Problem::new(
            format!("asset code '{code}' must be 1 to 40 letters, digits or symbols without spaces"),
            format!("资产编码「{code}」须为 1 到 40 位字母、数字或符号，不能含空格或汉字"),
        ));
    }
    Ok(())
}

/// Dates as Excel date cells, serial numbers, or text: 2019-03-05, 2019.03.05,
/// 2019/3/5, 2019年3月5日, 20190305, with or without a time after it.
pub fn normalise_date(cell: &RawCell, what: (&str, &str)) -> Result<Option<NaiveDate>, Problem> {
    let bad = |shown: &str| {
        Problem::new(
            format!("{} '{shown}' is not a date (e.g. 2019-03-05)", what.0),
            format!("{}「{shown}」不是有效日期（例如 2019-03-05）", what.1),
        )
    };
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Date(d) => Ok(Some(*d)),
        RawCell::Number(n) => {
            let n = *n;
            if n.fract() == 0.0 && (19000101.0..=29991231.0).contains(&n) {
                return ledger::dates::compact(&number_text(n)).map(Some).ok_or_else(|| bad(&number_text(n)));
            }
            ledger::dates::from_excel_serial(n).map(Some).ok_or_else(|| bad(&number_text(n)))
        }
        _ => {
            let text = to_half_width(&cell_text(cell));
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            ledger::dates::parse_loose(text).map(Some).ok_or_else(|| bad(text))
        }
    }
}

/// An amount to two places. `scale` is 10000 when the sheet counts in 万元.
/// Numbers carrying only float noise past the fen are rounded; real fractions of a
/// fen and negatives are refused.
pub fn normalise_amount(cell: &RawCell, scale: Decimal, what: (&str, &str)) -> Result<Option<Decimal>, Problem> {
    let shown = cell_text(cell);
    let not_amount = || {
        Problem::new(
            format!("{} '{shown}' is not an amount (e.g. 1234.50)", what.0),
            format!("{}「{shown}」不是有效金额（例如 1234.50）", what.1),
        )
    };
    let value = match cell {
        RawCell::Empty => return Ok(None),
        RawCell::Number(n) => {
            let exact = Decimal::from_f64(*n).and_then(|d| d.checked_mul(scale)).ok_or_else(not_amount)?;
            let fen = exact.round_dp(2);
            if (exact - fen).abs() < Decimal::new(1, 6) {
                fen
            } else {
                exact
            }
        }
        _ if shown.is_empty() => return Ok(None),
        _ => parse_amount_text(&shown).and_then(|d| d.checked_mul(scale)).ok_or_else(not_amount)?,
    };
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Problem::new(
            format!("{} '{shown}' cannot be negative", what.0),
            format!("{}「{shown}」不能为负数", what.1),
        ));
    }
    if value.normalize().scale() > 2 {
        return Err(Problem::new(
            format!("{} '{shown}' has more than two decimal places", what.0),
            format!("{}「{shown}」小数位超过两位", what.1),
        ));
    }
    if value > Decimal::from(1_000_000_000_000i64) {
        return Err(Problem::new(
            format!("{} '{shown}' is too large", what.0),
            format!("{}「{shown}」金额过大", what.1),
        ));
    }
    Ok(Some(value.round_dp(2)))
}

/// "¥1,234.50", "1 234.5元", "RMB 88", "(12.00)" (accounting negative) to a number.
fn parse_amount_text(text: &str) -> Option<Decimal> {
    let half = to_half_width(text);
    let mut t: String = half.chars().filter(|c| !matches!(c, ',' | ' ' | '\'')).collect();
    for sign in ["¥", "RMB", "CNY", "人民币", "$"] {
        if let Some(rest) = t.strip_prefix(sign) {
            t = rest.to_string();
        }
    }
    for unit in ["元", "圆", "RMB", "CNY"] {
        if let Some(rest) = t.strip_suffix(unit) {
            t = rest.to_string();
        }
    }
    let negative_in_brackets = t.starts_with('(') && t.ends_with(')');
    let t = t.trim_start_matches('(').trim_end_matches(')');
    if t.is_empty() || t.len() > 40 || !t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return None;
    }
    let value: Decimal = t.parse().ok()?;
    Some(if negative_in_brackets { -value } else { value })
}

/// A rate as "0.05" from 5%, "5%", 0.05 or 5 (above 1 read as percent, as the ledger does).
pub fn normalise_rate(cell: &RawCell) -> Result<Option<String>, Problem> {
    let text = match cell {
        RawCell::Number(n) => number_text(*n),
        _ => to_half_width(&cell_text(cell)).replace(' ', ""),
    };
    if text.is_empty() {
        return Ok(None);
    }
    match ledger::parse_rate("salvage_rate", &text) {
        Ok(rate) => Ok(Some(rate.normalize().to_string())),
        Err(_) => Err(Problem::new(
            format!("salvage rate '{text}' is not a rate from 0% to 100% (e.g. 5% or 0.05)"),
            format!("残值率「{text}」不是 0% 到 100% 之间的比率（例如 5% 或 0.05）"),
        )),
    }
}

/// Useful life as whole years: 5, "5", "5年", or months when the header or cell says
/// so (60 months gives 5).
pub fn normalise_life(cell: &RawCell, header_in_months: bool) -> Result<Option<String>, Problem> {
    let shown = cell_text(cell);
    if shown.is_empty() {
        return Ok(None);
    }
    let half = to_half_width(&shown).replace(' ', "");
    let (number, months) = if let Some(n) = half.strip_suffix("个月").or_else(|| half.strip_suffix("月")) {
        (n, true)
    } else {
        (half.strip_suffix("年").unwrap_or(&half), header_in_months)
    };
    let bad = || {
        Problem::new(
            format!("useful life '{shown}' must be a whole number of years from 1 to 100"),
            format!("使用年限「{shown}」须为 1 到 100 的整数年"),
        )
    };
    let value: Decimal = number.parse().map_err(|_| bad())?;
    let years = if months { value / Decimal::from(12) } else { value };
    if years.fract() != Decimal::ZERO || years < Decimal::ONE || years > Decimal::from(100) {
        return Err(bad());
    }
    Ok(Some(years.normalize().to_string()))
}

/// Whole number of items in a row; legacy sheets sometimes list ten chairs in one row.
pub fn normalise_quantity(cell: &RawCell) -> Result<Option<u64>, Problem> {
    let shown = cell_text(cell);
    if shown.is_empty() {
        return Ok(None);
    }
    let number = shown.trim_end_matches(['台', '件', '个', '套', '张', '把', '辆', '部', '只', '块']).trim();
    match number.parse::<f64>() {
        Ok(n) if n.fract() == 0.0 && (0.0..1e9).contains(&n) => Ok(Some(n as u64)),
        _ => Err(Problem::new(format!("quantity '{shown}' is not a whole number"), format!("数量「{shown}」不是整数"))),
    }
}

/// Legacy status words to the ledger's statuses. Unknown words are refused rather
/// than guessed.
pub fn normalise_status(cell: &RawCell) -> Result<Option<AssetStatus>, Problem> {
    let shown = cell_text(cell);
    if shown.is_empty() {
        return Ok(None);
    }
    let word = to_half_width(&shown).replace(' ', "").to_lowercase();
    let status = match word.as_str() {
        "在用" | "在用中" | "使用中" | "正常" | "正常使用" | "已领用" | "领用" | "使用" | "已使用" | "inuse"
        | "active" | "inservice" => AssetStatus::InUse,
        "闲置" | "在库" | "库存" | "未使用" | "未用" | "备用" | "待用" | "待分配" | "停用" | "封存" | "instock"
        | "idle" | "spare" | "available" | "unused" => AssetStatus::InStock,
        "借出" | "已借出" | "外借" | "出借" | "借用" | "借用中" | "onloan" | "loaned" | "borrowed" => {
            AssetStatus::OnLoan
        }
        "维修中" | "维修" | "在修" | "送修" | "待修" | "待维修" | "故障" | "损坏" | "underrepair" | "inrepair"
        | "repair" | "broken" => AssetStatus::UnderRepair,
        "已报废" | "报废" | "待报废" | "报废待处置" | "scrapped" | "scrap" => AssetStatus::Scrapped,
        "已处置" | "处置" | "已变卖" | "变卖" | "已出售" | "出售" | "已销毁" | "销毁" | "disposed" | "sold" => {
            AssetStatus::Disposed
        }
        "已销账" | "销账" | "已核销" | "核销" | "writtenoff" => AssetStatus::WrittenOff,
        "盘亏" | "丢失" | "遗失" | "失窃" | "被盗" | "缺失" | "missing" | "lost" | "stolen" => {
            AssetStatus::Missing
        }
        _ => {
            return AssetStatus::parse(&shown).map(Some).map_err(|_| {
                Problem::new(
                    format!("status '{shown}' is not a known status (e.g. 在用, 闲置, 借出, 维修中, 已报废, 盘亏)"),
                    format!("使用状况「{shown}」无法识别（可用：在用、闲置、借出、维修中、已报废、盘亏等）"),
                )
            })
        }
    };
    Ok(Some(status))
}

/// Depreciation method words to the ledger's stable names.
pub fn normalise_method(cell: &RawCell) -> Result<Option<String>, Problem> {
    let shown = cell_text(cell);
    if shown.is_empty() {
        return Ok(None);
    }
    let word = to_half_width(&shown).replace(' ', "").to_lowercase();
    let method = match word.as_str() {
        "平均年限法" | "年限平均法" | "直线法" | "直线折旧法" | "平均年限" | "直线" | "straightline" | "sl" => {
            DepreciationMethod::StraightLine
        }
        "双倍余额递减法" | "双倍余额递减" | "双倍余额法" | "双倍" | "doubledeclining" | "ddb" => {
            DepreciationMethod::DoubleDeclining
        }
        "年数总和法" | "年数总和" | "年限总和法" | "sumofyears" | "syd" => DepreciationMethod::SumOfYears,
        "工作量法" | "unitsofproduction" => DepreciationMethod::UnitsOfProduction,
        _ => {
            return DepreciationMethod::parse(&shown).map(|m| Some(m.as_str().to_string())).map_err(|_| {
                Problem::new(
                    format!("depreciation method '{shown}' is not known (e.g. 年限平均法, 双倍余额递减法)"),
                    format!("折旧方法「{shown}」无法识别（可用：年限平均法、双倍余额递减法、年数总和法、工作量法）"),
                )
            })
        }
    };
    Ok(Some(method.as_str().to_string()))
}

/// Summary rows: 合计, 小计, 总计, Total, possibly with 本页 before or a colon after.
pub fn is_summary_word(text: &str) -> bool {
    let key: String = to_half_width(text).chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let key = key.trim_start_matches("本页").trim_start_matches("本表").trim_start_matches("全部");
    matches!(key, "合计" | "小计" | "总计" | "总合计" | "累计" | "total" | "subtotal" | "grandtotal" | "totals" | "sum")
}

/// Sign-off lines under a table: "制表人:张三", "审核人:", "打印日期:2024-12-31".
pub fn is_footer_text(text: &str) -> bool {
    let half = to_half_width(text).replace(' ', "");
    let signed = [
        "制表人",
        "制表",
        "审核人",
        "审核",
        "复核人",
        "复核",
        "填表人",
        "负责人",
        "单位负责人",
        "会计主管",
        "盘点人",
        "打印日期",
        "制表日期",
        "填报日期",
    ];
    half.contains(':') && signed.iter().any(|w| half.starts_with(w))
}

/// A date mentioned in a title line such as "台账(导出日期:2024-12-31)".
pub fn find_date_in_text(text: &str) -> Option<NaiveDate> {
    let half = to_half_width(text);
    let chars: Vec<char> = half.chars().collect();
    (0..chars.len()).filter(|&i| chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit())).find_map(
        |i| {
            let candidate: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/' | '年' | '月' | '日'))
                .collect();
            ledger::dates::parse_loose(candidate.trim_end_matches(['-', '.', '/']))
        },
    )
}
