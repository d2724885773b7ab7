//! The bundled CJK font: metrics for fit checks and PDF placement, and glyph
//! rasterising for thermal printers (whose resident fonts have no Chinese).

use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, GlyphId, PxScale};

use crate::bitmap::MonoBitmap;

/// WenQuanYi Micro Hei (Apache-2.0), shipped so labels print Chinese on machines
/// without any CJK font installed.
pub static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/wqy-microhei.ttc");
/// Face index inside the .ttc collection.
pub const FONT_INDEX: u32 = 0;

const MM_PER_PT: f64 = 25.4 / 72.0;

fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT.get_or_init(|| {
        // The font is compiled into the binary; a failure here is a build defect.
        FontRef::try_from_slice_and_index(FONT_BYTES, FONT_INDEX)
            .expect("bundled label font parses")
    })
}

fn units_per_em() -> f64 {
    f64::from(font().units_per_em().unwrap_or(1000.0))
}

/// First character of `text` the font cannot draw (it would print as a box).
pub fn first_missing_glyph(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| !c.is_whitespace() && font().glyph_id(c) == GlyphId(0))
}

/// Advance width of a single line of text, in mm.
pub fn text_width_mm(text: &str, size_pt: f64) -> f64 {
    let f = font();
    let units: f64 = text
        .chars()
        .map(|c| f64::from(f.h_advance_unscaled(f.glyph_id(c))))
        .sum();
    units / units_per_em() * size_pt * MM_PER_PT
}

/// Distance from the top of a line to its baseline, in mm.
pub fn ascent_mm(size_pt: f64) -> f64 {
    f64::from(font().ascent_unscaled()) / units_per_em() * size_pt * MM_PER_PT
}

/// Height of a line (ascent + descent), in mm.
pub fn line_height_mm(size_pt: f64) -> f64 {
    f64::from(font().height_unscaled()) / units_per_em() * size_pt * MM_PER_PT
}

/// Renders one line of text as a 1-bit bitmap at `dpi`, one line-height tall; the
/// top row is the top of the line box. Coverage of half a dot or more prints.
pub fn rasterize(text: &str, size_pt: f64, dpi: u32) -> MonoBitmap {
    let f = font();
    let px_per_em = size_pt / 72.0 * f64::from(dpi);
    let factor = px_per_em / units_per_em();
    let scale = PxScale::from((f64::from(f.height_unscaled()) * factor) as f32);
    let ascent_px = f64::from(f.ascent_unscaled()) * factor;
    let width = (text_width_mm(text, size_pt) / 25.4 * f64::from(dpi)).ceil() as usize + 1;
    let height = (line_height_mm(size_pt) / 25.4 * f64::from(dpi)).ceil() as usize;
    let mut bitmap = MonoBitmap::new(width, height);
    let mut pen_x = 0.0f64;
    for c in text.chars() {
        let id = f.glyph_id(c);
        let glyph = id.with_scale_and_position(scale, point(pen_x as f32, ascent_px as f32));
        if let Some(outlined) = f.outline_glyph(glyph) {
            let bounds = outlined.px_bounds();
            outlined.draw(|gx, gy, coverage| {
                if coverage >= 0.5 {
                    let x = bounds.min.x as i64 + i64::from(gx);
                    let y = bounds.min.y as i64 + i64::from(gy);
                    if x >= 0 && y >= 0 {
                        bitmap.set(x as usize, y as usize);
                    }
                }
            });
        }
        pen_x += f64::from(f.h_advance_unscaled(id)) * factor;
    }
    bitmap
}
