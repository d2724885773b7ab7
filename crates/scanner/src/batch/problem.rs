//! Why one line of a batch file was not taken, in both UI languages.

use crate::AssetCodeProblem;

/// Longest line looked at, in characters; longer ones are rejected, not parsed.
pub const MAX_BATCH_LINE_CHARS: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchProblem {
    /// The first column is not shaped like an asset code.
    BadCode(AssetCodeProblem),
    /// A quantity that is not a whole number from 1 to 1,000,000.
    BadQuantity { text: String },
    /// A scan time in no known format (e.g. `2026-11-23 10:15:00`).
    BadScanTime { text: String },
    /// A 实盘 (counted) mark that says neither yes nor no.
    BadCounted { text: String },
    /// Bytes that are not text in the file's encoding.
    Undecodable,
    /// Longer than [`MAX_BATCH_LINE_CHARS`].
    TooLong { chars: usize },
}

/// One rejected line. `line` counts from 1, as an editor shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchLineError {
    pub line: usize,
    pub problem: BatchProblem,
}

impl BatchProblem {
    pub fn code(&self) -> &'static str {
        match self {
            BatchProblem::BadCode(_) => "bad_code",
            BatchProblem::BadQuantity { .. } => "bad_quantity",
            BatchProblem::BadScanTime { .. } => "bad_scan_time",
            BatchProblem::BadCounted { .. } => "bad_counted",
            BatchProblem::Undecodable => "undecodable",
            BatchProblem::TooLong { .. } => "too_long",
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            BatchProblem::BadCode(problem) => {
                format!("not an asset code: {}", problem.message_en())
            }
            BatchProblem::BadQuantity { text } => {
                format!("quantity {text:?} is not a whole number from 1 to 1000000")
            }
            BatchProblem::BadScanTime { text } => {
                format!("scan time {text:?} is not a date-time like 2026-11-23 10:15:00")
            }
            BatchProblem::BadCounted { text } => {
                format!("counted mark {text:?} says neither yes nor no (use 1/0, √/×, 是/否, or leave it empty)")
            }
            BatchProblem::Undecodable => {
                "the line has bytes that are not text (a damaged file?)".into()
            }
            BatchProblem::TooLong { chars } => {
                format!("the line has {chars} characters; at most {MAX_BATCH_LINE_CHARS} are read")
            }
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            BatchProblem::BadCode(problem) => format!("不是资产编码：{}", problem.message_zh()),
            BatchProblem::BadQuantity { text } => {
                format!("数量 {text:?} 不是 1 到 1000000 之间的整数")
            }
            BatchProblem::BadScanTime { text } => {
                format!("扫描时间 {text:?} 格式无法识别，应如 2026-11-23 10:15:00")
            }
            BatchProblem::BadCounted { text } => {
                format!("实盘标记 {text:?} 无法判断有无（请填 1/0、√/×、是/否，或留空）")
            }
            BatchProblem::Undecodable => "该行含有无法识别的字符（文件可能已损坏）".into(),
            BatchProblem::TooLong { chars } => {
                format!("该行有 {chars} 个字符，最多读取 {MAX_BATCH_LINE_CHARS} 个")
            }
        }
    }
}

impl BatchLineError {
    /// e.g. `line 7: quantity "0" is not a whole number from 1 to 1000000`.
    pub fn message_en(&self) -> String {
        format!("line {}: {}", self.line, self.problem.message_en())
    }

    /// e.g. `第 7 行:数量 "0" 不是 1 到 1000000 之间的整数`.
    pub fn message_zh(&self) -> String {
        format!("第 {} 行：{}", self.line, self.problem.message_zh())
    }
}
