//! One error type for system printing. Every variant says what was refused and why, in
//! English (`Display`, [`PrintError::message_en`]) and Chinese ([`PrintError::message_zh`]),
//! with a stable snake_case [`PrintError::code`] for the UI and scripts.

use std::path::PathBuf;

pub type Result<T> = std::result::Result<T, PrintError>;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("printer \"{given}\" is not installed; installed printers: {}", list_or_none(.installed, "none"))]
    UnknownPrinter {
        given: String,
        installed: Vec<String>,
    },

    #[error("printer address \"{given}\" is not understood: {reason}")]
    BadTarget { given: String, reason: String },

    #[error("the CUPS print service is not available: {detail}; install and start CUPS (Debian/UOS/Kylin: apt-get install cups; systemctl start cups)")]
    CupsUnavailable { detail: String },

    #[error("the Windows print spooler did not answer: {detail}")]
    Spooler { detail: String },

    #[error("printer \"{printer}\" refused the job: {detail}")]
    Refused { printer: String, detail: String },

    #[error("printer \"{printer}\" cannot print now: {}{}", .problem.words_en(), .detail.as_ref().map(|d| format!(" (the printer says: {d})")).unwrap_or_default())]
    NotReady {
        printer: String,
        problem: crate::readiness::Problem,
        detail: Option<String>,
    },

    #[error("printer \"{printer}\" did not take the job within {seconds} s")]
    Timeout { printer: String, seconds: u64 },

    #[error("copies must be between 1 and {max}; {given} was given")]
    BadCopies { given: u32, max: u32 },

    #[error("file:{} receives the PDF as it is, once; ask for 1 copy, not {copies}", .path.display())]
    CopiesToFile { path: PathBuf, copies: u32 },

    #[error("the document is not a PDF that can be printed: {detail}")]
    BadPdf { detail: String },

    #[error("{what} is not supported on this operating system")]
    Unsupported { what: String },

    #[error("the print job was cancelled; nothing more was sent")]
    Cancelled,

    #[error("file {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn list_or_none(names: &[String], none: &str) -> String {
    if names.is_empty() {
        none.to_string()
    } else {
        names.join(", ")
    }
}

impl PrintError {
    /// Stable snake_case code; never renamed.
    pub fn code(&self) -> &'static str {
        use PrintError::*;
        match self {
            UnknownPrinter { .. } => "unknown_printer",
            BadTarget { .. } => "bad_printer_uri",
            CupsUnavailable { .. } => "cups_unavailable",
            Spooler { .. } => "spooler_unavailable",
            Refused { .. } => "printer_refused",
            NotReady { .. } => "printer_not_ready",
            Timeout { .. } => "printer_timeout",
            BadCopies { .. } | CopiesToFile { .. } => "invalid_input",
            BadPdf { .. } => "bad_pdf",
            Unsupported { .. } => "unsupported",
            Cancelled => "cancelled",
            Io { .. } => "io",
        }
    }

    /// The English message (same as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    pub fn message_zh(&self) -> String {
        use PrintError::*;
        match self {
            UnknownPrinter { given, installed } => format!(
                "未安装名为“{given}”的打印机；已安装的打印机：{}",
                if installed.is_empty() { "无".to_string() } else { installed.join("、") }
            ),
            BadTarget { given, reason } => format!("无法识别打印机地址“{given}”：{reason}"),
            CupsUnavailable { detail } => format!(
                "CUPS 打印服务不可用：{detail}。请安装并启动 CUPS（Debian/UOS/麒麟：apt-get install cups；systemctl start cups）"
            ),
            Spooler { detail } => format!("Windows 打印后台处理程序（Print Spooler）没有响应：{detail}"),
            Refused { printer, detail } => format!("打印机“{printer}”拒绝了任务：{detail}"),
            NotReady { printer, problem, detail } => format!(
                "打印机“{printer}”现在无法打印：{}{}",
                problem.words_zh(),
                detail.as_ref().map(|d| format!("（打印机说明：{d}）")).unwrap_or_default()
            ),
            Timeout { printer, seconds } => format!("打印机“{printer}”在 {seconds} 秒内没有接收任务"),
            BadCopies { given, max } => format!("份数必须在 1 到 {max} 之间，输入的是 {given}"),
            CopiesToFile { path, copies } => format!(
                "file:{} 只按原样接收一份 PDF；请把份数设为 1，而不是 {copies}",
                path.display()
            ),
            BadPdf { detail } => format!("文档不是可打印的 PDF：{detail}"),
            Unsupported { what } => format!("当前操作系统不支持{what}"),
            Cancelled => "打印已取消，未再发送任何内容".to_string(),
            Io { path, source } => format!("文件 {}：{source}", path.display()),
        }
    }
}
