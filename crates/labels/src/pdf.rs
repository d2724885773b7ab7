//! PDF output: one page per label (roll label printers) or labels placed on office
//! sheets. Barcodes are vector rectangles; text uses the bundled CJK font, embedded
//! as a subset so a Chinese label stays around 10 KB.

use std::sync::OnceLock;

use printpdf::{
    LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon,
    PolygonRing, Pt, TextItem, WindingOrder,
};

use crate::data::LabelData;
use crate::error::{LabelError, Result};
use crate::font::{self, FONT_BYTES, FONT_INDEX};
use crate::layout::{layout_all, Item, LabelLayout, Resolution};
use crate::template::Template;

/// Options of one PDF job.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// For sheet templates: the first free position on the first sheet (0-based, row
    /// by row), so a half-used sheet can go through the printer again.
    pub start_position: usize,
    /// Document title (PDF metadata).
    pub title: Option<String>,
}

fn parsed_font() -> &'static ParsedFont {
    // Parsing the 5 MB collection is the slow part of a job; do it once per process.
    static FONT: OnceLock<ParsedFont> = OnceLock::new();
    FONT.get_or_init(|| {
        ParsedFont::from_bytes(FONT_BYTES, FONT_INDEX as usize, &mut Vec::new()).expect("bundled label font parses")
    })
}

/// Renders the labels to PDF bytes after checking that every one fits.
pub fn render_pdf(template: &Template, labels: &[LabelData], options: &PdfOptions) -> Result<Vec<u8>> {
    let layouts = layout_all(template, labels, Resolution::Vector)?;
    let mut doc = PdfDocument::new(options.title.as_deref().unwrap_or("AssetDesk labels"));
    let font = PdfFontHandle::External(doc.add_font(parsed_font()));
    let pages = match &template.sheet {
        None => layouts
            .iter()
            .map(|l| {
                let mut ops = Vec::new();
                draw_label(&mut ops, l, 0.0, 0.0, l.height_mm, &font);
                PdfPage::new(Mm(l.width_mm as f32), Mm(l.height_mm as f32), ops)
            })
            .collect(),
        Some(sheet) => {
            let cells = sheet.cells();
            if options.start_position >= cells {
                return Err(LabelError::StartOutsideSheet { start: options.start_position, cells });
            }
            let (w, h) = template.canvas_mm();
            let mut pages = Vec::new();
            let mut ops = Vec::new();
            for (i, l) in layouts.iter().enumerate() {
                let slot = options.start_position + i;
                if slot > 0 && slot % cells == 0 {
                    pages.push(sheet_page(sheet.page_width_mm, sheet.page_height_mm, std::mem::take(&mut ops)));
                }
                let (x, y) = sheet.cell_origin_mm(slot % cells, w, h);
                draw_label(&mut ops, l, x, y, sheet.page_height_mm, &font);
            }
            pages.push(sheet_page(sheet.page_width_mm, sheet.page_height_mm, ops));
            pages
        }
    };
    let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    Ok(doc.with_pages(pages).save(&options, &mut Vec::new()))
}

fn sheet_page(width_mm: f64, height_mm: f64, ops: Vec<Op>) -> PdfPage {
    PdfPage::new(Mm(width_mm as f32), Mm(height_mm as f32), ops)
}

fn pt(mm: f64) -> Pt {
    Mm(mm as f32).into_pt()
}

/// Draws one label whose top-left is at (ox, oy) mm from the page's top-left; PDF
/// measures y upwards from the bottom, hence `page_h`.
fn draw_label(ops: &mut Vec<Op>, label: &LabelLayout, ox: f64, oy: f64, page_h: f64, font: &PdfFontHandle) {
    let mut rects: Vec<(f64, f64, f64, f64)> = Vec::new();
    for item in &label.items {
        match item {
            Item::Bars { x_mm, y_mm, module_mm, height_mm, bars } => {
                for &(start, width) in bars {
                    rects.push((ox + x_mm + start as f64 * module_mm, oy + y_mm, width as f64 * module_mm, *height_mm));
                }
            }
            Item::Matrix { x_mm, y_mm, module_mm, width, height, cells } => {
                // Horizontal runs of dark cells become one rectangle each.
                for row in 0..*height {
                    let mut col = 0;
                    while col < *width {
                        if cells[row * width + col] {
                            let run = cells[row * width + col..(row + 1) * width].iter().take_while(|&&c| c).count();
                            let x = ox + x_mm + col as f64 * module_mm;
                            let y = oy + y_mm + row as f64 * module_mm;
                            rects.push((x, y, run as f64 * module_mm, *module_mm));
                            col += run;
                        } else {
                            col += 1;
                        }
                    }
                }
            }
            Item::Text { x_mm, y_mm, size_pt, text } => {
                let baseline = oy + y_mm + font::ascent_mm(*size_pt);
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont { font: font.clone(), size: Pt(*size_pt as f32) },
                    Op::SetTextCursor { pos: Point { x: pt(ox + x_mm), y: pt(page_h - baseline) } },
                    Op::ShowText { items: vec![TextItem::Text(text.clone())] },
                    Op::EndTextSection,
                ]);
            }
        }
    }
    if !rects.is_empty() {
        ops.push(Op::DrawPolygon { polygon: filled(&rects, page_h) });
    }
}

/// All rectangles of a label as one filled path: one operator, small output.
fn filled(rects: &[(f64, f64, f64, f64)], page_h: f64) -> Polygon {
    let corner = |x: f64, y: f64| LinePoint { p: Point { x: pt(x), y: pt(page_h - y) }, bezier: false };
    Polygon {
        rings: rects
            .iter()
            .map(|&(x, y, w, h)| PolygonRing {
                points: vec![corner(x, y), corner(x + w, y), corner(x + w, y + h), corner(x, y + h)],
            })
            .collect(),
        mode: PaintMode::Fill,
        winding_order: WindingOrder::NonZero,
    }
}
