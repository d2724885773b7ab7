//! EPL2 for older Zebra (LP/TLP 2824, 2844) and the clones that copied it. Native
//! mode: `B` barcodes (Code 128 auto, Code 39) and `A` text in the resident fonts for
//! ASCII that fits; Chinese, matrix codes and text no resident font fits are `GW`
//! images. Bitmap mode: the whole label as one `GW`. Lines end in LF.

use crate::bitmap::MonoBitmap;
use crate::data::LabelData;
use crate::error::Result;
use crate::printer_settings::{check_range, Dpi, Media, Mode, PrinterSettings};
use crate::raster::{plain_data, resident_text, DotLabel, DotOp, ResidentFont};
use crate::template::{Symbology, Template};

const fn font(name: &'static str, narrow: i64, height: i64) -> ResidentFont {
    ResidentFont { name, narrow, wide: None, height, max_multiplier: 4 }
}

/// EPL2 fonts 1-5 (character cell with spacing), at 203 and at 300 dpi.
const FONTS_203: [ResidentFont; 5] =
    [font("1", 10, 12), font("2", 12, 16), font("3", 14, 20), font("4", 16, 24), font("5", 34, 48)];
const FONTS_300: [ResidentFont; 5] =
    [font("1", 14, 20), font("2", 18, 28), font("3", 22, 36), font("4", 26, 44), font("5", 50, 80)];

/// One `N ... P` block per label; the output is the same for the same input.
pub fn render_epl(template: &Template, labels: &[LabelData], settings: &PrinterSettings) -> Result<Vec<u8>> {
    crate::thermal::render_thermal(crate::Format::Epl, template, labels, settings, &mut |_, _| true)
}

pub(crate) fn check_settings(settings: &PrinterSettings) -> Result<()> {
    check_range("EPL", "darkness", settings.darkness.map(u32::from), 0..=15, "0-15")?;
    check_range("EPL", "speed", settings.speed.map(u32::from), 1..=6, "1-6")
}

fn line(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
    out.push(b'\n');
}

/// Label width, length and gap (`q`, `Q`), speed and density, once per job. A
/// leading blank line ends any half-sent command left in the printer.
pub(crate) fn header(w: f64, h: f64, settings: &PrinterSettings) -> Vec<u8> {
    let dots = |mm: f64| settings.dpi.dots(mm);
    let mut out = vec![b'\n'];
    line(&mut out, &format!("q{}", dots(w)));
    let gap = dots(settings.gap_mm.max(0.0));
    match settings.media {
        Media::Gap => line(&mut out, &format!("Q{},{gap}", dots(h))),
        Media::BlackMark => line(&mut out, &format!("Q{},B{gap}", dots(h))),
        Media::Continuous => line(&mut out, &format!("Q{},0", dots(h))),
    }
    if let Some(s) = settings.speed {
        line(&mut out, &format!("S{s}"));
    }
    if let Some(d) = settings.darkness {
        line(&mut out, &format!("D{d}"));
    }
    line(&mut out, "ZT");
    out
}

pub(crate) fn write_label(out: &mut Vec<u8>, label: &DotLabel, settings: &PrinterSettings) {
    line(out, "N");
    match settings.mode {
        Mode::Bitmap => graphic(out, 0, 0, &label.to_bitmap()),
        Mode::Native => {
            let fonts: &[ResidentFont] = match settings.dpi {
                Dpi::D203 => &FONTS_203,
                Dpi::D300 => &FONTS_300,
            };
            for (i, op) in label.ops.iter().enumerate() {
                native(out, label, i, op, fonts, settings.dpi);
            }
        }
    }
    line(out, &format!("P{}", settings.copies));
}

fn native(out: &mut Vec<u8>, label: &DotLabel, index: usize, op: &DotOp, fonts: &[ResidentFont], dpi: Dpi) {
    match op {
        DotOp::Linear { x, y, module, height, symbology, data, bars } => match symbology {
            Symbology::Code128 if plain_data(data, "") => {
                line(out, &format!("B{x},{y},0,1,{module},{module},{height},N,\"{data}\""));
            }
            Symbology::Code39 if plain_data(data, "") => {
                line(out, &format!("B{x},{y},0,3,{module},{},{height},N,\"{data}\"", 2 * module));
            }
            _ => {
                for &(start, width) in bars {
                    let bx = x + start as i64 * module;
                    line(out, &format!("LO{bx},{y},{},{height}", width as i64 * module));
                }
            }
        },
        DotOp::Matrix { x, y, bitmap, .. } => graphic(out, *x, *y, bitmap),
        DotOp::Text { x, y, text, bitmap, .. } => {
            let resident = if plain_data(text, "") { resident_text(label, index, fonts, dpi) } else { None };
            match resident {
                Some((font, m, tx, ty)) => line(out, &format!("A{tx},{ty},0,{},{m},{m},N,\"{text}\"", font.name)),
                None => graphic(out, *x, *y, bitmap),
            }
        }
        DotOp::Box { x, y, width, height } => line(out, &format!("LO{x},{y},{width},{height}")),
    }
}

/// `GW` graphic: bytes per row, rows, then the rows (0 bits print).
fn graphic(out: &mut Vec<u8>, x: i64, y: i64, image: &MonoBitmap) {
    out.extend_from_slice(format!("GW{x},{y},{},{},", image.bytes_per_row(), image.height).as_bytes());
    out.extend_from_slice(&image.packed_rows(false));
    out.push(b'\n');
}
