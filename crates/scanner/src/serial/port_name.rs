//! Serial port names as a clerk types them, made into names the OS opens. On Windows a
//! scanner in USB-COM mode is `COM3`; Windows' own dialogs show `COM3:`, the Device
//! Manager's advanced settings `\\.\COM10`, and with the Chinese IME on the letters
//! arrive full-width (`ＣＯＭ３`). All of these mean the same port.

/// The port name to open for what was typed: surrounding (also full-width) spaces
/// dropped, full-width letters and digits made ASCII, and any spelling of a COM port
/// (`com3`, `COM3:`, `\\.\COM10`) made `COMn`. Other names (`/dev/ttyACM0`, a pty
/// path) are kept as typed. The serial library adds the `\\.\` device prefix that
/// Windows needs for COM10 and above.
pub fn normalize_port_name(typed: &str) -> String {
    let ascii: String = typed.trim().chars().map(half_width).collect();
    let name = ascii.trim();
    com_port_number(name).map_or_else(|| name.to_string(), |n| format!("COM{n}"))
}

/// Full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to ASCII.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        _ => c,
    }
}

/// `n` of `COMn`, `COMn:` or `\\.\COMn` (any case), n from 1 to 255.
fn com_port_number(name: &str) -> Option<u16> {
    let name = name.strip_prefix(r"\\.\").unwrap_or(name);
    let name = name.strip_suffix(':').unwrap_or(name);
    let digits = name.get(..3).filter(|p| p.eq_ignore_ascii_case("com")).and(name.get(3..))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=255).contains(n))
}

/// Windows reports a missing COM port and one held by another program alike
/// (ERROR_FILE_NOT_FOUND and ERROR_ACCESS_DENIED both become `NoDevice`): a port the
/// OS lists is there, so it is busy; one it does not list is missing.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn busy_or_missing(path: &str, listed: &[String]) -> crate::ScanError {
    let path = path.to_string();
    if listed.iter().any(|p| normalize_port_name(p).eq_ignore_ascii_case(&normalize_port_name(&path))) {
        crate::ScanError::PortBusy { path }
    } else {
        crate::ScanError::PortNotFound { path }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ScanError;

    #[test]
    fn every_spelling_of_a_com_port_is_the_same_port() {
        for typed in ["COM3", "com3", " COM3 ", "COM3:", r"\\.\COM3", r"\\.\com3", "ＣＯＭ３", "\u{3000}ｃｏｍ３：", "Com3\t"] {
            assert_eq!(normalize_port_name(typed), "COM3", "{typed:?}");
        }
        for typed in ["COM10", r"\\.\COM10", "com10:", "ＣＯＭ１０", r"\\.\COM10 "] {
            assert_eq!(normalize_port_name(typed), "COM10", "{typed:?}");
        }
        assert_eq!(normalize_port_name("COM255"), "COM255");
    }

    #[test]
    fn other_names_are_kept_as_typed() {
        for typed in ["/dev/ttyACM0", "/dev/ttyUSB1", "/tmp/pty 7", r"\\.\pipe\scanner", "COM", "COM0", "COM03", "COM256", "COM3a", "COMX"] {
            assert_eq!(normalize_port_name(typed), typed, "{typed:?}");
        }
        assert_eq!(normalize_port_name("  /dev/ttyACM0\n"), "/dev/ttyACM0");
    }

    #[test]
    fn a_listed_port_that_does_not_open_is_busy_an_unlisted_one_missing() {
        let listed = vec!["COM1".to_string(), "COM10".to_string()];
        assert!(matches!(busy_or_missing(r"\\.\COM10", &listed), ScanError::PortBusy { path } if path == r"\\.\COM10"));
        assert!(matches!(busy_or_missing("com1", &listed), ScanError::PortBusy { .. }));
        assert!(matches!(busy_or_missing("COM3", &listed), ScanError::PortNotFound { path } if path == "COM3"));
    }
}
