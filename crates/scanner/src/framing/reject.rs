//! Why a line from a scanner was not taken as a scan, and a safe preview of it.

use crate::AssetCodeProblem;

/// Why a line was rejected. Rejections are harmless: the stream goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectReason {
    /// The bytes are not UTF-8 (binary noise, wrong baud rate, wrong parity).
    InvalidUtf8,
    /// The line holds control bytes (NUL, ESC, GS, ...) inside it.
    ControlCharacters,
    /// Longer than the cap; everything up to the next terminator was dropped.
    TooLong { bytes: usize, max: usize },
    /// Well-formed text, but not shaped like an asset code.
    NotAssetCode(AssetCodeProblem),
    /// The port closed before the scan's terminator arrived: possibly truncated.
    Incomplete,
}

impl RejectReason {
    /// Stable snake_case name for the UI and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::InvalidUtf8 => "invalid_utf8",
            RejectReason::ControlCharacters => "control_characters",
            RejectReason::TooLong { .. } => "too_long",
            RejectReason::NotAssetCode(_) => "not_asset_code",
            RejectReason::Incomplete => "incomplete",
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            RejectReason::InvalidUtf8 => {
                "unreadable bytes (check the scanner's baud rate and parity)".into()
            }
            RejectReason::ControlCharacters => "the scan contains control characters".into(),
            RejectReason::TooLong { bytes, max } => {
                format!("the scan is {bytes} bytes long; at most {max} are allowed")
            }
            RejectReason::NotAssetCode(problem) => {
                format!("not an asset code: {}", problem.message_en())
            }
            RejectReason::Incomplete => "the port closed in the middle of a scan".into(),
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            RejectReason::InvalidUtf8 => "无法识别的数据（请检查扫描枪的波特率和校验位设置）".into(),
            RejectReason::ControlCharacters => "扫描内容含有控制字符".into(),
            RejectReason::TooLong { bytes, max } => {
                format!("扫描内容长 {bytes} 字节，最多允许 {max} 字节")
            }
            RejectReason::NotAssetCode(problem) => {
                format!("不是资产编码：{}", problem.message_zh())
            }
            RejectReason::Incomplete => "扫描未完成时串口已断开".into(),
        }
    }
}

/// Bytes shown in a preview at most; the rest is cut with "…".
pub const PREVIEW_BYTES: usize = 32;

/// A printable, bounded rendering of raw bytes: valid text as is, anything else as
/// escapes (`\r`, `\x00`), so a log line or UI cell never gets control bytes.
pub fn preview(raw: &[u8]) -> String {
    let shown = &raw[..raw.len().min(PREVIEW_BYTES)];
    let mut out = String::with_capacity(shown.len() + 4);
    for chunk in shown.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\r' => out.push_str("\\r"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => {
                    for unit in c.to_string().bytes() {
                        out.push_str(&format!("\\x{unit:02x}"));
                    }
                }
                c => out.push(c),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    if raw.len() > shown.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_escapes_and_truncates() {
        assert_eq!(preview(b"AB\x00\xff\r"), "AB\\x00\\xff\\r");
        assert_eq!(preview("笔记本".as_bytes()), "笔记本");
        let long = preview(&[b'x'; 100]);
        assert_eq!(long, format!("{}…", "x".repeat(PREVIEW_BYTES)));
    }
}
