//! Converts a [`LabelLayout`] to whole printer dots: the part ZPL, TSPL and EPL share.
//! Each op keeps what a native printer command needs (symbology and data, the text)
//! and what the image fallback needs (bars, a bitmap), so each language can choose.

use crate::bitmap::MonoBitmap;
use crate::font;
use crate::layout::{Item, LabelLayout};
use crate::printer_settings::Dpi;
use crate::symbology::quiet_zone_modules;
use crate::template::Symbology;

/// A drawing command in printer dots from the label's top-left (offsets applied).
#[derive(Debug, Clone, PartialEq)]
pub enum DotOp {
    /// A linear code: `bars` are (first module, modules wide) runs of `module` dots.
    Linear {
        x: i64,
        y: i64,
        module: i64,
        height: i64,
        symbology: Symbology,
        data: String,
        bars: Vec<(usize, usize)>,
    },
    /// A matrix code of `columns` x `rows` cells, `module` dots each; `bitmap` is
    /// the symbol drawn.
    Matrix {
        x: i64,
        y: i64,
        module: i64,
        columns: usize,
        rows: usize,
        symbology: Symbology,
        data: String,
        bitmap: MonoBitmap,
    },
    /// A line of text; `bitmap` is it drawn with the bundled font at the layout's size.
    Text {
        x: i64,
        y: i64,
        size_pt: f64,
        text: String,
        bitmap: MonoBitmap,
    },
    /// A filled rectangle (test page rulers and frame).
    Box {
        x: i64,
        y: i64,
        width: i64,
        height: i64,
    },
}

/// A dot rectangle: left, top, right (exclusive), bottom (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x0: i64,
    pub y0: i64,
    pub x1: i64,
    pub y1: i64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn inside(&self, width: i64, height: i64) -> bool {
        self.x0 >= 0 && self.y0 >= 0 && self.x1 <= width && self.y1 <= height
    }
}

impl DotOp {
    /// The area the op needs, quiet zones of codes included.
    pub fn area(&self) -> Rect {
        match self {
            DotOp::Linear { x, y, module, height, symbology, bars, .. } => {
                let modules = bars.last().map(|(s, w)| s + w).unwrap_or(0) as i64;
                let quiet = i64::from(quiet_zone_modules(*symbology)) * module;
                Rect { x0: x - quiet, y0: *y, x1: x + modules * module + quiet, y1: y + height }
            }
            DotOp::Matrix { x, y, module, symbology, bitmap, .. } => {
                let quiet = i64::from(quiet_zone_modules(*symbology)) * module;
                Rect {
                    x0: x - quiet,
                    y0: y - quiet,
                    x1: x + bitmap.width as i64 + quiet,
                    y1: y + bitmap.height as i64 + quiet,
                }
            }
            DotOp::Text { x, y, bitmap, .. } => {
                Rect { x0: *x, y0: *y, x1: x + bitmap.width as i64, y1: y + bitmap.height as i64 }
            }
            DotOp::Box { x, y, width, height } => Rect { x0: *x, y0: *y, x1: x + width, y1: y + height },
        }
    }

    /// Draws the op onto a whole-label image (the bitmap fallback).
    pub fn draw(&self, canvas: &mut MonoBitmap) {
        let fill = |canvas: &mut MonoBitmap, x: i64, y: i64, w: i64, h: i64| {
            for yy in y.max(0)..(y + h).max(0) {
                for xx in x.max(0)..(x + w).max(0) {
                    canvas.set(xx as usize, yy as usize);
                }
            }
        };
        match self {
            DotOp::Linear { x, y, module, height, bars, .. } => {
                for &(start, width) in bars {
                    fill(canvas, x + start as i64 * module, *y, width as i64 * module, *height);
                }
            }
            DotOp::Matrix { x, y, bitmap, .. } | DotOp::Text { x, y, bitmap, .. } => {
                canvas.blit(bitmap, *x, *y)
            }
            DotOp::Box { x, y, width, height } => fill(canvas, *x, *y, *width, *height),
        }
    }
}

/// One label in dots: its size and drawing commands, in template order.
#[derive(Debug, Clone, PartialEq)]
pub struct DotLabel {
    pub width: i64,
    pub height: i64,
    pub ops: Vec<DotOp>,
}

impl DotLabel {
    /// The whole label as one image (for printers drawn as a single bitmap).
    pub fn to_bitmap(&self) -> MonoBitmap {
        let mut canvas = MonoBitmap::new(self.width.max(0) as usize, self.height.max(0) as usize);
        for op in &self.ops {
            op.draw(&mut canvas);
        }
        canvas
    }

    /// True when `rect` stays on the label and clear of every op but `except`: a
    /// native command whose size differs from the layout's may only be used then.
    pub fn is_free(&self, rect: &Rect, except: usize) -> bool {
        rect.inside(self.width, self.height)
            && self.ops.iter().enumerate().all(|(i, op)| i == except || !op.area().overlaps(rect))
    }
}

/// Converts a layout to dots. `offset` (dots, may be negative) moves every element,
/// as the printer's calibration asks; an element never moves past the top or left
/// edge (a negative offset stops there).
pub fn to_dots(layout: &LabelLayout, dpi: Dpi, offset: (i64, i64)) -> DotLabel {
    let at = |x_mm: f64, y_mm: f64| {
        ((dpi.dots(x_mm) + offset.0).max(0), (dpi.dots(y_mm) + offset.1).max(0))
    };
    let mut ops = Vec::new();
    for item in &layout.items {
        match item {
            Item::Bars { symbology, data, x_mm, y_mm, module_mm, height_mm, bars } => {
                let (x, y) = at(*x_mm, *y_mm);
                ops.push(DotOp::Linear {
                    x,
                    y,
                    module: dpi.dots(*module_mm).max(1),
                    height: dpi.dots(*height_mm),
                    symbology: *symbology,
                    data: data.clone(),
                    bars: bars.clone(),
                });
            }
            Item::Matrix { symbology, data, x_mm, y_mm, module_mm, width, height, cells } => {
                let m = dpi.dots(*module_mm).max(1);
                let (x, y) = at(*x_mm, *y_mm);
                ops.push(DotOp::Matrix {
                    x,
                    y,
                    module: m,
                    columns: *width,
                    rows: *height,
                    symbology: *symbology,
                    data: data.clone(),
                    bitmap: MonoBitmap::from_cells(cells, *width, *height, m as usize),
                });
            }
            Item::Text { x_mm, y_mm, size_pt, text } => {
                let bitmap = font::rasterize(text, *size_pt, dpi.value());
                if !bitmap.is_blank() {
                    let (x, y) = at(*x_mm, *y_mm);
                    ops.push(DotOp::Text { x, y, size_pt: *size_pt, text: text.clone(), bitmap });
                }
            }
        }
    }
    DotLabel { width: dpi.dots(layout.width_mm), height: dpi.dots(layout.height_mm), ops }
}

/// Code 128 data with the code-set switches this crate's encoder chose, written the
/// way a printer's manual-mode barcode command takes them, so the printer draws the
/// same modules the fit check measured. `start_b`/`start_c` begin the symbol,
/// `to_b`/`to_c` switch inside it.
pub fn code128_manual(data: &str, start_b: &str, start_c: &str, to_b: &str, to_c: &str) -> String {
    let sets = crate::symbology::code128_with_code_sets(data);
    let mut out = String::new();
    for (i, c) in sets.chars().enumerate() {
        match c {
            'Ɓ' => out.push_str(if i == 0 { start_b } else { to_b }),
            'Ć' => out.push_str(if i == 0 { start_c } else { to_c }),
            c => out.push(c),
        }
    }
    out
}

/// A printer's built-in font: cell sizes in dots at multiplier 1.
#[derive(Debug, Clone, Copy)]
pub struct ResidentFont {
    /// What the printer command calls it (`"TSS24.BF2"`, EPL `"3"`).
    pub name: &'static str,
    /// Advance of an ASCII character.
    pub narrow: i64,
    /// Advance of a Chinese character; `None`: the font has none.
    pub wide: Option<i64>,
    pub height: i64,
    pub max_multiplier: i64,
}

/// Where text op `index` can be set in a resident font instead of an image: the font
/// and multiplier whose height is closest to the layout's size (within -20 %..+30 %),
/// placed at the layout's left edge, vertically centred in the line, and only if the
/// printed box stays on the label and clear of every other element.
/// Returns (font, multiplier, x, y).
pub fn resident_text(
    label: &DotLabel,
    index: usize,
    fonts: &[ResidentFont],
    dpi: Dpi,
) -> Option<(ResidentFont, i64, i64, i64)> {
    let DotOp::Text { x, y, size_pt, text, bitmap } = &label.ops[index] else {
        return None;
    };
    let em = size_pt / 72.0 * f64::from(dpi.value());
    let mut best: Option<(f64, (ResidentFont, i64, i64, i64))> = None;
    for font in fonts {
        let has_wide = text.chars().any(|c| !c.is_ascii());
        if has_wide && font.wide.is_none() {
            continue;
        }
        for m in 1..=font.max_multiplier {
            let h = font.height * m;
            let ratio = h as f64 / em;
            if !(0.8..=1.3).contains(&ratio) {
                continue;
            }
            let width: i64 = text
                .chars()
                .map(|c| if c.is_ascii() { font.narrow } else { font.wide.unwrap_or(0) } * m)
                .sum();
            let top = y + ((bitmap.height as i64 - h) / 2).max(0);
            let rect = Rect { x0: *x, y0: top, x1: x + width, y1: top + h };
            let score = (ratio - 1.0).abs();
            if label.is_free(&rect, index) && best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, (*font, m, *x, top)));
            }
        }
    }
    best.map(|(_, b)| b)
}

/// Data a printer command can carry between double quotes: printable ASCII without
/// the quote, the backslash or `extra` (each language's escape characters).
pub fn plain_data(data: &str, extra: &str) -> bool {
    !data.is_empty()
        && data
            .chars()
            .all(|c| (' '..='~').contains(&c) && c != '"' && c != '\\' && !extra.contains(c))
}
