//! ZPL II for Zebra printers. Bars are `^GB` boxes and text / matrix codes are `^GFA`
//! images, drawn from the same layout as the PDF: what the fit check measured is
//! exactly what prints, Chinese included (resident ZPL fonts have none), and no asset
//! code can collide with ZPL's `^`/`~` command characters.

use std::fmt::Write;

use crate::bitmap::MonoBitmap;
use crate::data::LabelData;
use crate::error::Result;
use crate::layout::{layout_all, Resolution};
use crate::printer_settings::{check_range, PrinterSettings};
use crate::raster::{to_dots, DotOp};
use crate::template::Template;

/// One `^XA...^XZ` format per label; the output is the same for the same input.
pub fn render_zpl(
    template: &Template,
    labels: &[LabelData],
    settings: &PrinterSettings,
) -> Result<Vec<u8>> {
    check_range(
        "ZPL",
        "darkness",
        settings.darkness.map(u32::from),
        0..=30,
        "0-30",
    )?;
    check_range(
        "ZPL",
        "speed",
        settings.speed.map(u32::from),
        2..=14,
        "2-14",
    )?;
    check_range("ZPL", "copies", Some(settings.copies), 1..=9999, "1-9999")?;
    let layouts = layout_all(template, labels, Resolution::Dpi(settings.dpi.value()))?;
    let mut out = String::new();
    if let Some(d) = settings.darkness {
        let _ = writeln!(out, "~SD{d:02}");
    }
    for layout in &layouts {
        let (width, height, ops) = to_dots(layout, settings.dpi);
        out.push_str("^XA\n^CI28\n^LH0,0\n");
        let _ = writeln!(out, "^PW{width}\n^LL{height}");
        if let Some(s) = settings.speed {
            let _ = writeln!(out, "^PR{s}");
        }
        for op in &ops {
            match op {
                DotOp::Bar {
                    x,
                    y,
                    width,
                    height,
                } => {
                    let thickness = (*width).min(*height);
                    let _ = writeln!(out, "^FO{x},{y}^GB{width},{height},{thickness}^FS");
                }
                DotOp::Image { x, y, bitmap } => {
                    let _ = writeln!(out, "^FO{x},{y}{}^FS", graphic_field(bitmap));
                }
            }
        }
        let _ = writeln!(out, "^PQ{}\n^XZ", settings.copies);
    }
    Ok(out.into_bytes())
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
