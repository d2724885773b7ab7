//! ZPL II for Zebra printers. Native mode: `^BC` (Code 128 with the code-set
//! switches the fit check measured, so the printed width is exact), `^B3` (Code 39),
//! `^BQ` (QR), `^BX` (Data Matrix); text is always a `^GFA` image, because resident
//! ZPL fonts have no Chinese and their widths are not the layout's. Bitmap mode: the
//! whole label as one `^GFA`. Calibration offsets are applied to every position.

use std::fmt::Write;

use crate::bitmap::MonoBitmap;
use crate::data::LabelData;
use crate::error::Result;
use crate::printer_settings::{check_range, Media, Mode, PrinterSettings};
use crate::raster::{code128_manual, plain_data, DotLabel, DotOp};
use crate::template::{Symbology, Template};

/// One `^XA...^XZ` format per label; the output is the same for the same input.
pub fn render_zpl(template: &Template, labels: &[LabelData], settings: &PrinterSettings) -> Result<Vec<u8>> {
    crate::thermal::render_thermal(crate::Format::Zpl, template, labels, settings, &mut |_, _| true)
}

pub(crate) fn check_settings(settings: &PrinterSettings) -> Result<()> {
    check_range("ZPL", "darkness", settings.darkness.map(u32::from), 0..=30, "0-30")?;
    check_range("ZPL", "speed", settings.speed.map(u32::from), 2..=14, "2-14")
}

/// Job-wide commands: darkness.
pub(crate) fn header(settings: &PrinterSettings) -> String {
    let mut out = String::new();
    if let Some(d) = settings.darkness {
        let _ = writeln!(out, "~SD{d:02}");
    }
    out
}

pub(crate) fn write_label(out: &mut String, label: &DotLabel, settings: &PrinterSettings) {
    out.push_str("^XA\n^CI28\n^LH0,0\n");
    let _ = writeln!(out, "^PW{}\n^LL{}", label.width, label.height);
    // Media tracking: N = gap/notch, M = black mark, N with ^MN N = continuous.
    match settings.media {
        Media::Gap => {}
        Media::BlackMark => out.push_str("^MNM\n"),
        Media::Continuous => out.push_str("^MNN\n"),
    }
    if let Some(s) = settings.speed {
        let _ = writeln!(out, "^PR{s}");
    }
    match settings.mode {
        Mode::Bitmap => {
            let _ = writeln!(out, "^FO0,0{}^FS", graphic_field(&label.to_bitmap()));
        }
        Mode::Native => {
            for op in &label.ops {
                native(out, op);
            }
        }
    }
    let _ = writeln!(out, "^PQ{}\n^XZ", settings.copies);
}

fn native(out: &mut String, op: &DotOp) {
    match op {
        DotOp::Linear { x, y, module, height, symbology, data, bars } => match symbology {
            // `^` and `~` start commands; `>` starts a Code 128 invocation code.
            Symbology::Code128 if plain_data(data, "^~>") => {
                let data = code128_manual(data, ">:", ">;", ">6", ">5");
                let _ = writeln!(out, "^FO{x},{y}^BY{module}^BCN,{height},N,N,N^FD{data}^FS");
            }
            Symbology::Code39 if plain_data(data, "^~") => {
                let _ = writeln!(out, "^FO{x},{y}^BY{module},2.0^B3N,N,{height},N,N^FD{data}^FS");
            }
            _ => {
                for &(start, width) in bars {
                    let (bx, bw) = (x + start as i64 * module, width as i64 * module);
                    let thickness = bw.min(*height);
                    let _ = writeln!(out, "^FO{bx},{y}^GB{bw},{height},{thickness}^FS");
                }
            }
        },
        DotOp::Matrix { x, y, module, columns, rows, symbology, data, bitmap } => match symbology {
            Symbology::Qr if plain_data(data, "^~") && *module <= 10 => {
                let _ = writeln!(out, "^FO{x},{y}^BQN,2,{module}^FDMA,{data}^FS");
            }
            Symbology::DataMatrix if plain_data(data, "^~_") => {
                let _ = writeln!(out, "^FO{x},{y}^BXN,{module},200,{columns},{rows}^FD{data}^FS");
            }
            _ => {
                let _ = writeln!(out, "^FO{x},{y}{}^FS", graphic_field(bitmap));
            }
        },
        DotOp::Text { x, y, bitmap, .. } => {
            let _ = writeln!(out, "^FO{x},{y}{}^FS", graphic_field(bitmap));
        }
        DotOp::Box { x, y, width, height } => {
            let thickness = (*width).min(*height);
            let _ = writeln!(out, "^FO{x},{y}^GB{width},{height},{thickness}^FS");
        }
    }
}

/// `^GFA` with ZPL's row compression: `:` repeats the previous row and `,` fills
/// the rest of a row with white, which shrinks text images several times over.
pub fn graphic_field(bitmap: &MonoBitmap) -> String {
    let row_bytes = bitmap.bytes_per_row();
    let packed = bitmap.packed_rows(true);
    let total = packed.len();
    let mut data = String::new();
    let mut previous: Option<&[u8]> = None;
    for row in packed.chunks(row_bytes.max(1)) {
        if previous == Some(row) {
            data.push(':');
            continue;
        }
        let hex: String = row.iter().map(|b| format!("{b:02X}")).collect();
        let kept = hex.trim_end_matches('0');
        data.push_str(kept);
        if kept.len() < hex.len() {
            data.push(',');
        }
        previous = Some(row);
    }
    format!("^GFA,{total},{total},{row_bytes},{data}")
}
