//! TSPL / TSPL2 for TSC printers (common in China). Bars are `BAR` commands, text
//! and matrix codes `BITMAP` images rendered from the bundled font, so Chinese prints
//! without depending on the printer's GB font (TSS24.BF2) and its fixed sizes.

use crate::data::LabelData;
use crate::error::Result;
use crate::layout::{layout_all, Resolution};
use crate::printer_settings::{check_range, PrinterSettings};
use crate::raster::{to_dots, DotOp};
use crate::template::Template;

/// One `CLS ... PRINT` block per label; the output is the same for the same input.
/// `BITMAP` data is binary, so the result is bytes, not text.
pub fn render_tspl(
    template: &Template,
    labels: &[LabelData],
    settings: &PrinterSettings,
) -> Result<Vec<u8>> {
    check_range(
        "TSPL",
        "darkness",
        settings.darkness.map(u32::from),
        0..=15,
        "0-15",
    )?;
    check_range(
        "TSPL",
        "speed",
        settings.speed.map(u32::from),
        1..=12,
        "1-12",
    )?;
    check_range("TSPL", "copies", Some(settings.copies), 1..=9999, "1-9999")?;
    let layouts = layout_all(template, labels, Resolution::Dpi(settings.dpi.value()))?;
    let mut out: Vec<u8> = Vec::new();
    let (w, h) = template.canvas_mm();
    let line = |out: &mut Vec<u8>, s: String| {
        out.extend_from_slice(s.as_bytes());
        out.extend_from_slice(b"\r\n");
    };
    line(&mut out, format!("SIZE {} mm,{} mm", mm(w), mm(h)));
    line(
        &mut out,
        format!("GAP {} mm,0 mm", mm(settings.gap_mm.max(0.0))),
    );
    line(&mut out, "DIRECTION 0,0".into());
    line(&mut out, "REFERENCE 0,0".into());
    if let Some(s) = settings.speed {
        line(&mut out, format!("SPEED {s}"));
    }
    if let Some(d) = settings.darkness {
        line(&mut out, format!("DENSITY {d}"));
    }
    for layout in &layouts {
        let (_, _, ops) = to_dots(layout, settings.dpi);
        line(&mut out, "CLS".into());
        for op in &ops {
            match op {
                DotOp::Bar {
                    x,
                    y,
                    width,
                    height,
                } => line(&mut out, format!("BAR {x},{y},{width},{height}")),
                DotOp::Image { x, y, bitmap } => {
                    let header = format!(
                        "BITMAP {x},{y},{},{},0,",
                        bitmap.bytes_per_row(),
                        bitmap.height
                    );
                    out.extend_from_slice(header.as_bytes());
                    // TSPL prints 0 bits.
                    out.extend_from_slice(&bitmap.packed_rows(false));
                    out.extend_from_slice(b"\r\n");
                }
            }
        }
        line(&mut out, format!("PRINT 1,{}", settings.copies));
    }
    Ok(out)
}

/// Millimetres with at most two decimals and no trailing zeros ("50", "57.15").
fn mm(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
