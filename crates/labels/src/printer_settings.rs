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

/// How a thermal printer is driven. `Native`: the printer's own barcode and font
/// commands where they print what the layout measured (TSPL `BARCODE`/`QRCODE`/
/// `TEXT "TSS24.BF2"`, ZPL `^BC`/`^BQ`/`^BX`, EPL `B`/`A`), images for the rest
/// (Chinese on ZPL/EPL, sizes no resident font has). `Bitmap`: the whole label as one
/// image, for printers whose barcode commands misbehave or clones of unknown dialects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PrinterMode"))]
pub enum Mode {
    #[default]
    Native,
    Bitmap,
}

/// What the printer's sensor finds between labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PrinterMedia"))]
pub enum Media {
    /// Die-cut labels with a gap (`gap_mm`) between them.
    #[default]
    Gap,
    /// A black mark (`gap_mm` tall) on the back of the liner.
    BlackMark,
    /// Continuous stock: no gap, each label is cut/torn at its length.
    Continuous,
}

/// Job settings for ZPL, TSPL and EPL. `None` keeps the printer's own setting.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PrinterSettings {
    pub dpi: Dpi,
    /// ZPL `~SD` 0-30; TSPL `DENSITY` 0-15; EPL `D` 0-15.
    pub darkness: Option<u8>,
    /// Inches per second. ZPL `^PR` 2-14; TSPL `SPEED` 1-12; EPL `S` 1-6.
    pub speed: Option<u8>,
    /// Copies of each label, 1-9999.
    pub copies: u32,
    /// Gap between die-cut labels (or the black mark's height) in mm.
    pub gap_mm: f64,
    pub media: Media,
    /// Calibration: moves everything right (+) / left (-) by this many mm.
    pub offset_x_mm: f64,
    /// Calibration: moves everything down (+) / up (-) by this many mm.
    pub offset_y_mm: f64,
    pub mode: Mode,
    /// The label stock loaded (width, height in mm); `None`: the template's size.
    /// A template larger than the stock is refused.
    pub stock_mm: Option<(f64, f64)>,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            dpi: Dpi::D203,
            darkness: None,
            speed: None,
            copies: 1,
            gap_mm: 2.0,
            media: Media::Gap,
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
            mode: Mode::Native,
            stock_mm: None,
        }
    }
}

/// Largest calibration offset accepted, either way: more means the wrong stock.
pub const MAX_OFFSET_MM: f64 = 10.0;

impl PrinterSettings {
    /// Checks every setting against a printer language's ranges (darkness, speed,
    /// copies, offsets, gap) without rendering anything.
    pub fn check_for(&self, format: crate::Format) -> crate::Result<()> {
        let language = match format {
            crate::Format::Tspl => {
                crate::tspl::check_settings(self)?;
                "TSPL"
            }
            crate::Format::Zpl => {
                crate::zpl::check_settings(self)?;
                "ZPL"
            }
            crate::Format::Epl => {
                crate::epl::check_settings(self)?;
                "EPL"
            }
            crate::Format::Pdf => "PDF",
        };
        self.check_common(language, (0.0, 0.0)).map(|_| ())
    }

    /// The offsets in whole dots.
    pub(crate) fn offset_dots(&self) -> (i64, i64) {
        (self.dpi.dots(self.offset_x_mm), self.dpi.dots(self.offset_y_mm))
    }

    /// Checks what all languages share: copies, offsets, gap, and that the template
    /// fits the loaded stock. Returns the size the printer is told (mm).
    pub(crate) fn check_common(&self, language: &'static str, canvas_mm: (f64, f64)) -> crate::Result<(f64, f64)> {
        check_range(language, "copies", Some(self.copies), 1..=9999, "1-9999")?;
        for (setting, v) in [("offset_x_mm", self.offset_x_mm), ("offset_y_mm", self.offset_y_mm)] {
            if !v.is_finite() || v.abs() > MAX_OFFSET_MM {
                return Err(crate::LabelError::BadOffset { setting, value: v, max: MAX_OFFSET_MM });
            }
        }
        if !self.gap_mm.is_finite() || !(0.0..=20.0).contains(&self.gap_mm) {
            return Err(crate::LabelError::BadOffset { setting: "gap_mm", value: self.gap_mm, max: 20.0 });
        }
        match self.stock_mm {
            None => Ok(canvas_mm),
            Some((w, h)) => {
                if canvas_mm.0 > w + 1e-6 || canvas_mm.1 > h + 1e-6 {
                    return Err(crate::LabelError::LargerThanStock {
                        template_mm: canvas_mm,
                        stock_mm: (w, h),
                    });
                }
                Ok((w, h))
            }
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
