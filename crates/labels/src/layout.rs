//! Resolves a template and one label's data into placed items (the fit check happens
//! here: anything that cannot be placed is refused with the label and element named).
//! PDF, ZPL and TSPL all draw from the same [`LabelLayout`].

use crate::data::LabelData;
use crate::error::{LabelError, LabelRef, Result};
use crate::font;
use crate::symbology::{self, quiet_zone_modules, Symbol};
use crate::template::{BarcodeElement, Content, Element, Field, Symbology, Template, TextElement};

/// Narrowest bar/cell we print: 0.19 mm. On thermal printers the module is a whole
/// number of dots, so this becomes 2 dots (0.250 mm) at 203 dpi and 3 dots
/// (0.254 mm) at 300 dpi. Scanners read 0.19 mm reliably from laser-printed sheets.
pub const MIN_MODULE_MM: f64 = 0.19;

/// Smallest size `shrink_to_fit` text is set in; smaller is unreadable on 203 dpi.
pub const MIN_SHRINK_PT: f64 = 5.0;

/// Space between the bars and their human-readable line.
const HUMAN_READABLE_GAP_MM: f64 = 0.5;
/// Tolerance for floating-point comparisons of millimetres.
const EPS_MM: f64 = 1e-6;

/// What the output device can draw: any width (PDF) or whole printer dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Vector,
    Dpi(u32),
}

impl Resolution {
    fn dot_mm(self) -> Option<f64> {
        match self {
            Resolution::Vector => None,
            Resolution::Dpi(dpi) => Some(25.4 / f64::from(dpi)),
        }
    }
}

/// One label, ready to draw. Millimetres from the label's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelLayout {
    pub width_mm: f64,
    pub height_mm: f64,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text; (x_mm, y_mm) is the top-left of its line box.
    Text {
        x_mm: f64,
        y_mm: f64,
        size_pt: f64,
        text: String,
    },
    /// Bars of a linear code: (first module, modules wide) runs, from (x_mm, y_mm).
    /// `symbology` and `data` let printers with native barcode commands draw it.
    Bars {
        symbology: Symbology,
        data: String,
        x_mm: f64,
        y_mm: f64,
        module_mm: f64,
        height_mm: f64,
        bars: Vec<(usize, usize)>,
    },
    /// Dark cells of a matrix code, row-major, from (x_mm, y_mm) (quiet zone outside).
    Matrix {
        symbology: Symbology,
        data: String,
        x_mm: f64,
        y_mm: f64,
        module_mm: f64,
        width: usize,
        height: usize,
        cells: Vec<bool>,
    },
}

/// Checks that every label fits the template on the given device; the first problem
/// is returned. Run before printing anything so a job is never half printed.
pub fn check_fit(template: &Template, labels: &[LabelData], resolution: Resolution) -> Result<()> {
    layout_all(template, labels, resolution).map(|_| ())
}

/// Lays out every label, refusing the whole job on the first problem.
pub fn layout_all(
    template: &Template,
    labels: &[LabelData],
    resolution: Resolution,
) -> Result<Vec<LabelLayout>> {
    layout_all_with_progress(template, labels, resolution, &mut |_, _| true)
}

/// [`layout_all`] reporting `progress(labels laid out, total)`; returning `false`
/// stops with [`LabelError::Cancelled`].
pub fn layout_all_with_progress(
    template: &Template,
    labels: &[LabelData],
    resolution: Resolution,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<LabelLayout>> {
    template.validate()?;
    if labels.is_empty() {
        return Err(LabelError::NoLabels);
    }
    let mut layouts = Vec::with_capacity(labels.len());
    for (i, data) in labels.iter().enumerate() {
        layouts.push(layout_label(template, data, i + 1, resolution)?);
        if !progress(i + 1, labels.len()) {
            return Err(LabelError::Cancelled);
        }
    }
    Ok(layouts)
}

/// Lays out one label; `number` (1-based) names it in errors.
pub fn layout_label(
    template: &Template,
    data: &LabelData,
    number: usize,
    resolution: Resolution,
) -> Result<LabelLayout> {
    let (width_mm, height_mm) = template.canvas_mm();
    let label = LabelRef {
        number,
        code: data.code.clone(),
    };
    let mut items = Vec::new();
    // Area each element covers (quiet zones included), to refuse overlaps.
    let mut boxes: Vec<(usize, Area)> = Vec::new();
    for (i, element) in template.elements.iter().enumerate() {
        let ctx = Ctx {
            label: &label,
            element: i + 1,
            width_mm,
            height_mm,
        };
        let first_item = items.len();
        let quiet = match element {
            Element::Text(t) => {
                let text = one_line(&format!("{}{}", t.prefix, resolve(&t.content, data)));
                items.extend(place_text(&ctx, t, text)?);
                0.0
            }
            Element::Barcode(b) => {
                place_barcode(&ctx, b, resolve(&b.content, data), resolution, &mut items)?;
                f64::from(quiet_zone_modules(b.symbology))
            }
        };
        for item in &items[first_item..] {
            let area = item_area(item, quiet);
            if let Some((other, _)) = boxes.iter().find(|(n, b)| *n != i + 1 && b.overlaps(&area)) {
                return Err(LabelError::Overlap {
                    label: label.clone(),
                    element: i + 1,
                    other: *other,
                });
            }
            boxes.push((i + 1, area));
        }
    }
    Ok(LabelLayout {
        width_mm,
        height_mm,
        items,
    })
}

/// An axis-aligned area in mm: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct Area(f64, f64, f64, f64);

impl Area {
    fn overlaps(&self, other: &Area) -> bool {
        self.0 < other.2 - EPS_MM
            && other.0 < self.2 - EPS_MM
            && self.1 < other.3 - EPS_MM
            && other.1 < self.3 - EPS_MM
    }
}

/// The area an item needs: text by its measured width and line height; codes with
/// their quiet zones (`quiet` modules) left and right, and all round for matrices.
fn item_area(item: &Item, quiet: f64) -> Area {
    match item {
        Item::Text {
            x_mm,
            y_mm,
            size_pt,
            text,
        } => Area(
            *x_mm,
            *y_mm,
            x_mm + font::text_width_mm(text, *size_pt),
            y_mm + font::line_height_mm(*size_pt),
        ),
        Item::Bars {
            x_mm,
            y_mm,
            module_mm,
            height_mm,
            bars,
            ..
        } => {
            let modules = bars.last().map(|(start, width)| start + width).unwrap_or(0) as f64;
            let q = quiet * module_mm;
            Area(
                x_mm - q,
                *y_mm,
                x_mm + modules * module_mm + q,
                y_mm + height_mm,
            )
        }
        Item::Matrix {
            x_mm,
            y_mm,
            module_mm,
            width,
            height,
            ..
        } => {
            let q = quiet * module_mm;
            Area(
                x_mm - q,
                y_mm - q,
                x_mm + *width as f64 * module_mm + q,
                y_mm + *height as f64 * module_mm + q,
            )
        }
    }
}

struct Ctx<'a> {
    label: &'a LabelRef,
    element: usize,
    width_mm: f64,
    height_mm: f64,
}

fn resolve<'a>(content: &'a Content, data: &'a LabelData) -> &'a str {
    match content {
        Content::Literal(s) => s,
        Content::Extra(key) => data.extra.get(key).map(String::as_str).unwrap_or(""),
        Content::Field(f) => match f {
            Field::Code => &data.code,
            Field::Name => &data.name,
            Field::Model => &data.model,
            Field::Dept => &data.dept,
            Field::Location => &data.location,
            Field::Acquired => &data.acquired,
            Field::Org => &data.org,
        },
    }
}

/// Text elements are single lines: line breaks and other control characters (e.g.
/// from a spreadsheet cell) print as spaces, and runs of them as one space.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

fn content_name(content: &Content) -> String {
    match content {
        Content::Field(f) => f.as_str().to_string(),
        Content::Extra(k) => k.clone(),
        Content::Literal(_) => "literal".to_string(),
    }
}

fn place_text(ctx: &Ctx, t: &TextElement, text: String) -> Result<Vec<Item>> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let available_mm = t.max_width_mm.unwrap_or(ctx.width_mm - t.x_mm);
    let mut size_pt = t.font_size_pt;
    let max_lines = t.max_lines.max(1) as usize;
    let lines = if max_lines == 1 {
        let width_mm = font::text_width_mm(&text, size_pt);
        if t.shrink_to_fit && width_mm > available_mm {
            // Width scales linearly with size; round down to 0.1 pt so it surely fits.
            let fitted = (size_pt * available_mm / width_mm * 10.0).floor() / 10.0;
            if fitted >= MIN_SHRINK_PT {
                size_pt = fitted;
            }
        }
        vec![text]
    } else {
        let mut lines = wrap(&text, size_pt, available_mm);
        if lines.len() > max_lines && t.shrink_to_fit {
            // The largest size, in 0.1 pt steps, at which the text takes few enough lines.
            let mut tenths = (size_pt * 10.0).floor() as i64 - 1;
            while tenths as f64 >= MIN_SHRINK_PT * 10.0 - EPS_MM {
                let candidate = wrap(&text, tenths as f64 / 10.0, available_mm);
                if candidate.len() <= max_lines {
                    size_pt = tenths as f64 / 10.0;
                    lines = candidate;
                    break;
                }
                tenths -= 1;
            }
        }
        if lines.len() > max_lines {
            return Err(LabelError::TooManyLines {
                label: ctx.label.clone(),
                element: ctx.element,
                text,
                lines: lines.len(),
                max_lines,
            });
        }
        lines
    };
    let line_height = font::line_height_mm(size_pt);
    let mut items = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        let y_mm = t.y_mm + i as f64 * line_height;
        check_text(ctx, y_mm, size_pt, &line, available_mm)?;
        items.push(Item::Text { x_mm: t.x_mm, y_mm, size_pt, text: line });
    }
    Ok(items)
}

/// Punctuation that must not begin a line; it stays with the character before it.
const NO_LINE_START: &str = "，。、；：？！）」』》〉】…,.;:?!)";

/// Breaks `text` into lines no wider than `available_mm` at `size_pt`: between any
/// two Chinese characters, at spaces between other words, and inside a word only
/// when the word alone is wider than the line.
fn wrap(text: &str, size_pt: f64, available_mm: f64) -> Vec<String> {
    let fits = |s: &str| font::text_width_mm(s, size_pt) <= available_mm + EPS_MM;
    // Tokens: a Chinese character (with punctuation that follows it), a word, a space.
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let last = tokens.last_mut();
        match last {
            Some(prev) if NO_LINE_START.contains(c) && prev != " " => prev.push(c),
            Some(prev) if c.is_ascii() && !c.is_whitespace() && prev.chars().all(|p| p.is_ascii() && !p.is_whitespace()) => prev.push(c),
            _ if c.is_whitespace() => tokens.push(" ".into()),
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for token in tokens {
        if token == " " {
            if !line.is_empty() {
                line.push(' ');
            }
            continue;
        }
        if fits(&format!("{line}{token}")) {
            line.push_str(&token);
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        line = String::new();
        for c in token.chars() {
            if !line.is_empty() && !fits(&format!("{line}{c}")) {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn check_text(ctx: &Ctx, y_mm: f64, size_pt: f64, text: &str, available_mm: f64) -> Result<()> {
    if let Some(ch) = font::first_missing_glyph(text) {
        return Err(LabelError::MissingGlyph {
            label: ctx.label.clone(),
            element: ctx.element,
            ch,
        });
    }
    let width_mm = font::text_width_mm(text, size_pt);
    if width_mm > available_mm + EPS_MM {
        return Err(LabelError::TextOverflow {
            label: ctx.label.clone(),
            element: ctx.element,
            text: text.to_string(),
            width_mm,
            available_mm,
        });
    }
    let over_mm = y_mm + font::line_height_mm(size_pt) - ctx.height_mm;
    if over_mm > EPS_MM {
        return Err(LabelError::TextBelowLabel {
            label: ctx.label.clone(),
            element: ctx.element,
            text: text.to_string(),
            over_mm,
        });
    }
    Ok(())
}

/// Picks the module: the template's preference, shrunk to fit `available_mm` for
/// `modules` (quiet zones included), never below the minimum. `None` if it cannot fit.
fn choose_module(
    preferred_mm: f64,
    modules: usize,
    available_mm: f64,
    resolution: Resolution,
) -> (Option<f64>, f64) {
    let n = modules as f64;
    match resolution.dot_mm() {
        None => {
            let module = preferred_mm.min(available_mm / n);
            (
                Some(module).filter(|m| *m >= MIN_MODULE_MM - EPS_MM),
                MIN_MODULE_MM,
            )
        }
        Some(dot) => {
            let min_dots = (MIN_MODULE_MM / dot - EPS_MM).ceil().max(1.0);
            let preferred_dots = (preferred_mm / dot).round().max(1.0);
            let fitting_dots = ((available_mm + EPS_MM) / dot / n).floor();
            let dots = preferred_dots.min(fitting_dots);
            (
                Some(dots * dot).filter(|_| dots >= min_dots),
                min_dots * dot,
            )
        }
    }
}

fn place_barcode(
    ctx: &Ctx,
    b: &BarcodeElement,
    text: &str,
    resolution: Resolution,
    items: &mut Vec<Item>,
) -> Result<()> {
    if text.is_empty() {
        return Err(LabelError::EmptyBarcodeData {
            label: ctx.label.clone(),
            element: ctx.element,
            field: content_name(&b.content),
        });
    }
    let symbol = symbology::encode(b.symbology, text).map_err(|r| LabelError::Unencodable {
        label: ctx.label.clone(),
        element: ctx.element,
        symbology: b.symbology,
        what: r.what_en,
    })?;
    let quiet = quiet_zone_modules(b.symbology) as usize;
    let span = symbol.width_modules() + 2 * quiet;
    let too_large = |available_mm: f64, min_module_mm: f64| LabelError::BarcodeTooLarge {
        label: ctx.label.clone(),
        element: ctx.element,
        symbology: b.symbology,
        needed_mm: span as f64 * min_module_mm,
        available_mm,
        min_module_mm,
    };
    match symbol {
        Symbol::Linear(_) => {
            let available_mm = ctx.width_mm - b.x_mm;
            let (module, min_module) = choose_module(b.module_mm, span, available_mm, resolution);
            let module_mm = module.ok_or_else(|| too_large(available_mm, min_module))?;
            let bars_x = b.x_mm + quiet as f64 * module_mm;
            items.push(Item::Bars {
                symbology: b.symbology,
                data: text.to_string(),
                x_mm: bars_x,
                y_mm: b.y_mm,
                module_mm,
                height_mm: b.height_mm,
                bars: symbol.bars(),
            });
            if b.human_readable {
                let size = b.human_readable_size_pt;
                let bars_width = symbol.width_modules() as f64 * module_mm;
                let text_width = font::text_width_mm(text, size);
                // Centred under the bars, but kept on the label.
                let x = (bars_x + (bars_width - text_width) / 2.0)
                    .clamp(0.0, (ctx.width_mm - text_width).max(0.0));
                let y = b.y_mm + b.height_mm + HUMAN_READABLE_GAP_MM;
                check_text(ctx, y, size, text, ctx.width_mm - x)?;
                items.push(Item::Text {
                    x_mm: x,
                    y_mm: y,
                    size_pt: size,
                    text: text.to_string(),
                });
            }
        }
        Symbol::Matrix {
            width,
            height,
            cells,
        } => {
            let span_y = height + 2 * quiet;
            let available_x = ctx.width_mm - b.x_mm;
            let available_y = ctx.height_mm - b.y_mm;
            // Fit the larger of the two ratios so both directions fit.
            let (by_x, min_module) = choose_module(b.module_mm, span, available_x, resolution);
            let (by_y, _) = choose_module(b.module_mm, span_y, available_y, resolution);
            let module_mm = match (by_x, by_y) {
                (Some(a), Some(c)) => a.min(c),
                _ => return Err(too_large(available_x.min(available_y), min_module)),
            };
            let offset = quiet as f64 * module_mm;
            items.push(Item::Matrix {
                symbology: b.symbology,
                data: text.to_string(),
                x_mm: b.x_mm + offset,
                y_mm: b.y_mm + offset,
                module_mm,
                width,
                height,
                cells,
            });
        }
    }
    Ok(())
}
