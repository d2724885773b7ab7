//! Bytes of a batch file to text. PDAs and Windows tools write UTF-8 (with or without
//! a BOM), UTF-16 ("Unicode" in Notepad) or GBK; GB18030 decodes GBK and more.

use std::borrow::Cow;

/// The encoding a batch file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8WithBom,
    Utf16Le,
    Utf16Be,
    /// Not UTF-8: read as GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

/// Decodes `bytes`; undecodable bytes become U+FFFD, which the line parser rejects.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), TextEncoding::Utf8WithBom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (text, TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return (text, TextEncoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            (text, TextEncoding::Gb18030)
        }
    }
}
