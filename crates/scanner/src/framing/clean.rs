//! Turns one complete line (terminator removed) into a code: decode, trim, strip what
//! the scanner adds around the code, check its shape.

use super::reject::preview;
use super::{Frame, FramingOptions, RejectReason};
use crate::check_asset_code;

/// The outcome for one line; `None` for a line with nothing in it (ignored).
pub(crate) fn clean_line(raw: &[u8], options: &FramingOptions) -> Option<Frame> {
    let reject = |reason| {
        Some(Frame::Rejected {
            raw_preview: preview(raw),
            reason,
        })
    };
    let Ok(text) = std::str::from_utf8(raw) else {
        return reject(RejectReason::InvalidUtf8);
    };
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().any(char::is_control) {
        return reject(RejectReason::ControlCharacters);
    }
    let code = strip_decorations(text, options).trim();
    if code.is_empty() {
        return None;
    }
    if options.check_asset_code {
        if let Err(problem) = check_asset_code(code) {
            return reject(RejectReason::NotAssetCode(problem));
        }
    }
    Some(Frame::Scan(code.to_string()))
}

/// Strips, in the order a scanner sends them: prefix, AIM identifier, suffix.
fn strip_decorations<'a>(text: &'a str, options: &FramingOptions) -> &'a str {
    let mut text = strip_prefix_if_set(text, &options.prefix);
    if options.strip_aim_id {
        text = strip_aim_id(text);
    }
    strip_suffix_if_set(text, &options.suffix)
}

fn strip_prefix_if_set<'a>(text: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return text;
    }
    text.strip_prefix(prefix).unwrap_or(text)
}

fn strip_suffix_if_set<'a>(text: &'a str, suffix: &str) -> &'a str {
    if suffix.is_empty() {
        return text;
    }
    text.strip_suffix(suffix).unwrap_or(text)
}

/// Removes an AIM symbology identifier (`]` + symbology letter + modifier digit, e.g.
/// `]C1` Code 128, `]E0` EAN-13, `]Q1` QR, `]d2` Data Matrix) from the start.
pub fn strip_aim_id(text: &str) -> &str {
    match text.as_bytes() {
        [b']', letter, digit, ..] if letter.is_ascii_alphabetic() && digit.is_ascii_digit() => {
            &text[3..]
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> FramingOptions {
        FramingOptions {
            prefix: "<".into(),
            suffix: ">".into(),
            ..FramingOptions::default()
        }
    }

    fn scan(raw: &str) -> Option<Frame> {
        clean_line(raw.as_bytes(), &opts())
    }

    #[test]
    fn strips_aim_ids_of_common_symbologies() {
        for (raw, code) in [
            ("]C1ZC-1", "ZC-1"),
            ("]E06901234567892", "6901234567892"),
            ("]Q1A9", "A9"),
            ("]d2X", "X"),
        ] {
            assert_eq!(strip_aim_id(raw), code);
        }
        // Not an AIM id: the code is kept whole.
        for raw in ["]CX1", "]1C", "]C", "C1]"] {
            assert_eq!(strip_aim_id(raw), raw);
        }
    }

    #[test]
    fn strips_prefix_aim_suffix_in_order_and_trims() {
        assert_eq!(
            scan("  <]C1ZC-2026-00012>  "),
            Some(Frame::Scan("ZC-2026-00012".into()))
        );
        // Prefix/suffix are optional: absent ones are not required.
        assert_eq!(scan("ZC-1"), Some(Frame::Scan("ZC-1".into())));
    }

    #[test]
    fn ignores_lines_with_nothing_in_them() {
        assert_eq!(scan(""), None);
        assert_eq!(scan(" \u{3000} "), None);
        assert_eq!(scan("<>"), None);
    }

    #[test]
    fn rejects_noise_with_a_reason() {
        let reason = |raw: &[u8]| match clean_line(raw, &opts()) {
            Some(Frame::Rejected { reason, .. }) => reason,
            other => panic!("expected a rejection, got {other:?}"),
        };
        assert_eq!(reason(b"\xff\xfeZC"), RejectReason::InvalidUtf8);
        assert_eq!(reason(b"ZC\x001"), RejectReason::ControlCharacters);
        assert!(matches!(
            reason("笔记本".as_bytes()),
            RejectReason::NotAssetCode(_)
        ));
    }

    #[test]
    fn shape_check_can_be_turned_off() {
        let options = FramingOptions {
            check_asset_code: false,
            ..FramingOptions::default()
        };
        assert_eq!(
            clean_line("笔记本 1".as_bytes(), &options),
            Some(Frame::Scan("笔记本 1".into()))
        );
    }
}
