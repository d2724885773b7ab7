//! TSPL / TSPL2 for TSC printers and the Chinese makes that speak it (Gprinter 佳博,
//! Xprinter 芯烨, HPRT 汉印). Native mode: `BARCODE` (Code 128 in manual mode, with
//! the code sets the fit check measured; Code 39), `QRCODE`, `DMATRIX`, and text in
//! the resident simplified-Chinese font `TSS24.BF2` with GBK bytes; text the font
//! cannot set at the layout's size and place is a `BITMAP`. Bitmap mode: the whole
//! label as one `BITMAP`.

use crate::data::LabelData;
use crate::error::Result;
use crate::printer_settings::{check_range, Media, Mode, PrinterSettings};
use crate::raster::{code128_manual, plain_data, resident_text, DotLabel, DotOp, ResidentFont};
use crate::template::{Symbology, Template};
use crate::MonoBitmap;

/// The GB2312/GBK font most TSPL printers sold in China carry: 24 x 24 dots for a
/// Chinese character, 12 x 24 for ASCII.
pub const TSS24: ResidentFont = ResidentFont {
    name: "TSS24.BF2",
    narrow: 12,
    wide: Some(24),
    height: 24,
    max_multiplier: 4,
};

/// One `CLS ... PRINT` block per label; the output is the same for the same input.
/// Text and `BITMAP` data are bytes (GBK, binary), so the result is bytes.
pub fn render_tspl(template: &Template, labels: &[LabelData], settings: &PrinterSettings) -> Result<Vec<u8>> {
    crate::thermal::render_thermal(crate::Format::Tspl, template, labels, settings, &mut |_, _| true)
}

pub(crate) fn check_settings(settings: &PrinterSettings) -> Result<()> {
    check_range("TSPL", "darkness", settings.darkness.map(u32::from), 0..=15, "0-15")?;
    check_range("TSPL", "speed", settings.speed.map(u32::from), 1..=12, "1-12")
}

fn line(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// Media, direction and print settings, once per job. `w`, `h`: label size in mm.
pub(crate) fn header(w: f64, h: f64, settings: &PrinterSettings) -> Vec<u8> {
    let mut out = Vec::new();
    line(&mut out, &format!("SIZE {} mm,{} mm", mm(w), mm(h)));
    let gap = mm(settings.gap_mm.max(0.0));
    match settings.media {
        Media::Gap => line(&mut out, &format!("GAP {gap} mm,0 mm")),
        Media::BlackMark => line(&mut out, &format!("BLINE {gap} mm,0 mm")),
        Media::Continuous => line(&mut out, "GAP 0 mm,0 mm"),
    }
    line(&mut out, "DIRECTION 0,0");
    line(&mut out, "REFERENCE 0,0");
    if let Some(s) = settings.speed {
        line(&mut out, &format!("SPEED {s}"));
    }
    if let Some(d) = settings.darkness {
        line(&mut out, &format!("DENSITY {d}"));
    }
    out
}

/// `CLS`, the label's commands, `PRINT`.
pub(crate) fn write_label(out: &mut Vec<u8>, label: &DotLabel, settings: &PrinterSettings) {
    line(out, "CLS");
    match settings.mode {
        Mode::Bitmap => bitmap(out, 0, 0, &label.to_bitmap()),
        Mode::Native => {
            for (i, op) in label.ops.iter().enumerate() {
                native(out, label, i, op, settings);
            }
        }
    }
    line(out, &format!("PRINT 1,{}", settings.copies));
}

fn native(out: &mut Vec<u8>, label: &DotLabel, index: usize, op: &DotOp, settings: &PrinterSettings) {
    match op {
        DotOp::Linear { x, y, module, height, symbology, data, bars } => {
            let m = module;
            match symbology {
                Symbology::Code128 if plain_data(data, "!") => {
                    let data = code128_manual(data, "!104", "!105", "!100", "!099");
                    line(out, &format!("BARCODE {x},{y},\"128M\",{height},0,0,{m},{m},\"{data}\""));
                }
                Symbology::Code39 if plain_data(data, "") => {
                    line(out, &format!("BARCODE {x},{y},\"39S\",{height},0,0,{m},{},\"{data}\"", 2 * m));
                }
                _ => {
                    for &(start, width) in bars {
                        let bx = x + start as i64 * m;
                        line(out, &format!("BAR {bx},{y},{},{height}", width as i64 * m));
                    }
                }
            }
        }
        DotOp::Matrix { x, y, module, columns, rows, symbology, data, bitmap: image } => match symbology {
            Symbology::Qr if plain_data(data, "") => {
                line(out, &format!("QRCODE {x},{y},M,{module},A,0,\"{data}\""));
            }
            Symbology::DataMatrix if plain_data(data, "") => line(
                out,
                &format!(
                    "DMATRIX {x},{y},{},{},x{module},{rows},{columns},\"{data}\"",
                    image.width, image.height
                ),
            ),
            _ => bitmap(out, *x, *y, image),
        },
        DotOp::Text { x, y, text, bitmap: image, .. } => {
            let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
            let font = if unmappable || text.contains(['"', '\\']) {
                None
            } else {
                resident_text(label, index, &[TSS24], settings.dpi)
            };
            match font {
                Some((font, m, tx, ty)) => {
                    out.extend_from_slice(format!("TEXT {tx},{ty},\"{}\",0,{m},{m},\"", font.name).as_bytes());
                    out.extend_from_slice(&gbk);
                    line(out, "\"");
                }
                None => bitmap(out, *x, *y, image),
            }
        }
        DotOp::Box { x, y, width, height } => line(out, &format!("BAR {x},{y},{width},{height}")),
    }
}

fn bitmap(out: &mut Vec<u8>, x: i64, y: i64, image: &MonoBitmap) {
    let header = format!("BITMAP {x},{y},{},{},0,", image.bytes_per_row(), image.height);
    out.extend_from_slice(header.as_bytes());
    // TSPL prints 0 bits.
    out.extend_from_slice(&image.packed_rows(false));
    out.extend_from_slice(b"\r\n");
}

/// Millimetres with at most two decimals and no trailing zeros ("50", "57.15").
pub(crate) fn mm(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
