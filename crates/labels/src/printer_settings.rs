//! Settings shared by the thermal printer languages.

/// Print head resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Dpi {
    #[serde(rename = "203")]
    D203,
    #[serde(rename = "300")]
    D300,
}

impl Dpi {
    pub fn value(self) -> u32 {
        match self {
            Dpi::D203 => 203,
            Dpi::D300 => 300,
        }
    }

    /// Millimetres to the nearest whole dot.
    pub fn dots(self, mm: f64) -> i64 {
        (mm * f64::from(self.value()) / 25.4).round() as i64
    }
}

impl TryFrom<u32> for Dpi {
    type Error = crate::LabelError;

    /// 203 (8 dots/mm) or 300 (12 dots/mm); anything else is refused.
    fn try_from(dpi: u32) -> crate::Result<Self> {
        match dpi {
            203 => Ok(Dpi::D203),
            300 => Ok(Dpi::D300),
            other => Err(crate::LabelError::BadSetting {
                language: "printer",
                setting: "dpi",
                value: other,
                allowed: "203 or 300",
            }),
        }
    }
}

/// Job settings for ZPL and TSPL. `None` keeps the printer's own setting.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PrinterSettings {
    pub dpi: Dpi,
    /// ZPL `~SD` 0-30; TSPL `DENSITY` 0-15.
    pub darkness: Option<u8>,
    /// Inches per second. ZPL `^PR` 2-14; TSPL `SPEED` 1-12.
    pub speed: Option<u8>,
    /// Copies of each label, 1-9999.
    pub copies: u32,
    /// TSPL only: gap between die-cut labels in mm (0 for continuous media).
    pub gap_mm: f64,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            dpi: Dpi::D203,
            darkness: None,
            speed: None,
            copies: 1,
            gap_mm: 2.0,
        }
    }
}

pub(crate) fn check_range(
    language: &'static str,
    setting: &'static str,
    value: Option<u32>,
    range: std::ops::RangeInclusive<u32>,
    allowed: &'static str,
) -> crate::Result<()> {
    match value {
        Some(v) if !range.contains(&v) => Err(crate::LabelError::BadSetting {
            language,
            setting,
            value: v,
            allowed,
        }),
        _ => Ok(()),
    }
}
