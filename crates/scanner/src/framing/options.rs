//! How a scanner's byte stream is cut into codes: which bytes end a scan, what the
//! scanner adds around the code, and how long a line may get.

use crate::ScanError;

/// Which bytes end a scan. CR followed at once by LF counts as one terminator (CRLF),
/// even when the two arrive in separate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminators {
    pub cr: bool,
    pub lf: bool,
    pub tab: bool,
}

impl Terminators {
    /// CR, LF, CRLF and Tab: the factory suffixes of common scanners.
    pub const ALL: Terminators = Terminators {
        cr: true,
        lf: true,
        tab: true,
    };
    /// CR, LF and CRLF only; a Tab then stays inside the line (and rejects it).
    pub const LINE_ENDINGS: Terminators = Terminators {
        cr: true,
        lf: true,
        tab: false,
    };

    pub(crate) fn ends_scan(&self, byte: u8) -> bool {
        match byte {
            b'\r' => self.cr,
            b'\n' => self.lf,
            b'\t' => self.tab,
            _ => false,
        }
    }

    fn any(&self) -> bool {
        self.cr || self.lf || self.tab
    }
}

impl Default for Terminators {
    fn default() -> Self {
        Terminators::ALL
    }
}

/// Default cap on one line, in bytes, before the terminator.
pub const DEFAULT_MAX_LINE_BYTES: usize = 128;

/// Options for [`crate::Framer`]. Order of what a scanner sends, and so of stripping:
/// `prefix`, AIM identifier (`]C1`), the code, `suffix`, terminator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FramingOptions {
    pub terminators: Terminators,
    /// Stripped from the start of a scan when present (scanners let users program one).
    pub prefix: String,
    /// Stripped from the end of a scan when present.
    pub suffix: String,
    /// Strip an AIM symbology identifier: `]` + letter + digit at the start (`]C1`, `]Q1`).
    pub strip_aim_id: bool,
    /// Lines longer than this (bytes, before the terminator) are rejected as a whole.
    pub max_line_bytes: usize,
    /// Reject scans that do not look like asset codes ([`crate::check_asset_code`]).
    pub check_asset_code: bool,
}

impl Default for FramingOptions {
    fn default() -> Self {
        FramingOptions {
            terminators: Terminators::ALL,
            prefix: String::new(),
            suffix: String::new(),
            strip_aim_id: true,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            check_asset_code: true,
        }
    }
}

impl FramingOptions {
    /// Refuses options under which no scan could ever complete.
    pub fn validate(&self) -> Result<(), ScanError> {
        if !self.terminators.any() {
            return Err(ScanError::InvalidConfig {
                detail: "at least one of CR, LF or Tab must end a scan".into(),
            });
        }
        if self.max_line_bytes == 0 {
            return Err(ScanError::InvalidConfig {
                detail: "max_line_bytes must be at least 1".into(),
            });
        }
        Ok(())
    }
}
