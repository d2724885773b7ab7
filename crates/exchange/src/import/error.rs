//! Why a file could not be planned at all (as opposed to a bad row, which is reported
//! in the [`super::ImportReport`] and never stops the plan).

use std::fmt;

use ledger::{ErrorCode, Lang};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file could not be opened or read.
    Io(String),
    /// Not an .xlsx, .xls or .csv file (whatever its extension says).
    UnknownFormat,
    /// The workbook is damaged or the reader gave up on it.
    Unreadable(String),
    /// `--sheet NAME` names no sheet; the names it could have been are listed.
    SheetNotFound { name: String, available: Vec<String> },
    /// No row in the first rows of any (or of the chosen) sheet looks like a header.
    NoHeader { sheet: Option<String> },
    /// The sheet (or file) holds no cells at all.
    EmptySheet { sheet: String },
    /// The mapping has no column for the asset name, so no row could be imported.
    NameColumnMissing,
    /// An explicit mapping names a column twice for one field, or a header row beyond the sheet.
    BadMapping(String),
    /// The file is larger than the importer accepts.
    TooLarge { bytes: u64, limit: u64 },
}

impl ImportError {
    /// The stable snake_case code the CLI prints with `--json`.
    pub fn code(&self) -> ErrorCode {
        match self {
            ImportError::Io(_) => ErrorCode::Io,
            _ => ErrorCode::InvalidInput,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            ImportError::Io(e) if zh => format!("无法读取文件：{e}"),
            ImportError::Io(e) => format!("cannot read the file: {e}"),
            ImportError::UnknownFormat if zh => "不是可识别的表格文件（支持 .xlsx、.xls、.csv）".into(),
            ImportError::UnknownFormat => "not a spreadsheet this importer reads (.xlsx, .xls or .csv)".into(),
            ImportError::Unreadable(e) if zh => format!("表格文件已损坏或无法解析（{e}）；请用 Excel 或 WPS 打开并另存为 .xlsx 后再导入"),
            ImportError::Unreadable(e) => format!("the spreadsheet is damaged or cannot be read ({e}); open it in Excel or WPS, save it as .xlsx and import that"),
            ImportError::SheetNotFound { name, available } if zh => {
                format!("找不到工作表「{name}」，现有：{}", available.join("、"))
            }
            ImportError::SheetNotFound { name, available } => {
                format!("no sheet named '{name}'; the sheets are: {}", available.join(", "))
            }
            ImportError::NoHeader { sheet: Some(s) } if zh => {
                format!("工作表「{s}」中找不到表头行（如 资产编号、资产名称）")
            }
            ImportError::NoHeader { sheet: Some(s) } => {
                format!("no header row (such as Code, Name) found in sheet '{s}'")
            }
            ImportError::NoHeader { sheet: None } if zh => "任何工作表中都找不到表头行（如 资产编号、资产名称）".into(),
            ImportError::NoHeader { sheet: None } => "no sheet has a header row (such as Code, Name)".into(),
            ImportError::EmptySheet { sheet } if zh => format!("工作表「{sheet}」是空的"),
            ImportError::EmptySheet { sheet } => format!("sheet '{sheet}' is empty"),
            ImportError::NameColumnMissing if zh => "没有对应「资产名称」的列，请在列对应关系中指定".into(),
            ImportError::NameColumnMissing => {
                "no column is mapped to the asset name; choose one in the column mapping".into()
            }
            ImportError::BadMapping(e) if zh => format!("列对应关系有误：{e}"),
            ImportError::BadMapping(e) => format!("the column mapping is wrong: {e}"),
            ImportError::TooLarge { bytes, limit } if zh => format!("文件过大（{bytes} 字节，上限 {limit} 字节）"),
            ImportError::TooLarge { bytes, limit } => {
                format!("the file is too large ({bytes} bytes; the limit is {limit})")
            }
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// So the CLI and the app can report it like any other core error.
impl From<ImportError> for ledger::Error {
    fn from(e: ImportError) -> Self {
        ledger::Error::new(e.code(), e.message(Lang::En), e.message(Lang::ZhCn))
    }
}
