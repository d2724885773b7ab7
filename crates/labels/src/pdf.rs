//! PDF output: one page per label (roll label printers) or labels placed on office
//! sheets. Barcodes are vector rectangles; text uses the bundled CJK font, embedded
//! as a subset so a Chinese label stays around 10 KB.

use std::sync::OnceLock;

use printpdf::{
    CurTransMat, DictItem, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, TextItem,
};

use crate::data::LabelData;
use crate::error::{LabelError, Result};
use crate::font::{self, FONT_BYTES, FONT_INDEX};
use crate::layout::{layout_all_with_progress, Item, LabelLayout, Resolution};
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
        ParsedFont::from_bytes(FONT_BYTES, FONT_INDEX as usize, &mut Vec::new())
            .expect("bundled label font parses")
    })
}

/// Renders the labels to PDF bytes after checking that every one fits.
pub fn render_pdf(
    template: &Template,
    labels: &[LabelData],
    options: &PdfOptions,
) -> Result<Vec<u8>> {
    render_pdf_with_progress(template, labels, options, &mut |_, _| true)
}

/// [`render_pdf`] reporting `progress(labels laid out, total)` (writing the file after
/// the last one is quick); returning `false` stops with [`LabelError::Cancelled`].
pub fn render_pdf_with_progress(
    template: &Template,
    labels: &[LabelData],
    options: &PdfOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>> {
    let layouts = layout_all_with_progress(template, labels, Resolution::Vector, progress)?;
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
                return Err(LabelError::StartOutsideSheet {
                    start: options.start_position,
                    cells,
                });
            }
            let (w, h) = template.canvas_mm();
            let mut pages = Vec::new();
            let mut ops = Vec::new();
            for (i, l) in layouts.iter().enumerate() {
                let slot = options.start_position + i;
                // `%` rather than is_multiple_of: the workspace supports Rust 1.85.
                #[allow(clippy::manual_is_multiple_of)]
                let sheet_full = slot > 0 && slot % cells == 0;
                if sheet_full {
                    pages.push(sheet_page(
                        sheet.page_width_mm,
                        sheet.page_height_mm,
                        std::mem::take(&mut ops),
                    ));
                }
                let (x, y) = sheet.cell_origin_mm(slot % cells, w, h);
                draw_label(&mut ops, l, x, y, sheet.page_height_mm, &font);
            }
            pages.push(sheet_page(sheet.page_width_mm, sheet.page_height_mm, ops));
            pages
        }
    };
    // `secure: false` lets the `re`/`f` operators above through (printpdf drops
    // operators it has no variant for unless told otherwise); all ops are ours.
    let options = PdfSaveOptions {
        subset_fonts: true,
        secure: false,
        ..Default::default()
    };
    let mut lopdf_doc = doc
        .with_pages(pages)
        .to_lopdf_document(&options, &mut Vec::new());
    lopdf_doc.compress();
    // Object streams pack the per-page dictionaries together: a page per label costs
    // a few hundred bytes less, which keeps 1,000 roll labels under 1 MB.
    let mut bytes = Vec::new();
    lopdf_doc
        .save_modern(&mut bytes)
        .map_err(|e| LabelError::Io {
            path: "(PDF in memory)".into(),
            source: std::io::Error::other(e.to_string()),
        })?;
    Ok(bytes)
}

fn sheet_page(width_mm: f64, height_mm: f64, ops: Vec<Op>) -> PdfPage {
    PdfPage::new(Mm(width_mm as f32), Mm(height_mm as f32), ops)
}

fn pt(mm: f64) -> Pt {
    Mm(mm as f32).into_pt()
}

/// Draws one label whose top-left is at (ox, oy) mm from the page's top-left; PDF
/// measures y upwards from the bottom, hence `page_h`.
fn draw_label(
    ops: &mut Vec<Op>,
    label: &LabelLayout,
    ox: f64,
    oy: f64,
    page_h: f64,
    font: &PdfFontHandle,
) {
    for item in &label.items {
        match item {
            Item::Bars {
                x_mm,
                y_mm,
                module_mm,
                height_mm,
                bars,
                ..
            } => {
                let bar_height = (height_mm / module_mm) as f32;
                let rects = bars
                    .iter()
                    .map(|&(start, width)| (start, 0, width, bar_height));
                draw_in_modules(ops, ox + x_mm, oy + y_mm, *module_mm, page_h, rects);
            }
            Item::Matrix {
                x_mm,
                y_mm,
                module_mm,
                width,
                height,
                cells,
                ..
            } => {
                let rects = matrix_rects(cells, *width, *height)
                    .into_iter()
                    .map(|(x, y, w, h)| (x, y, w, h as f32));
                draw_in_modules(ops, ox + x_mm, oy + y_mm, *module_mm, page_h, rects);
            }
            Item::Text {
                x_mm,
                y_mm,
                size_pt,
                text,
            } => {
                let baseline = oy + y_mm + font::ascent_mm(*size_pt);
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font: font.clone(),
                        size: Pt(*size_pt as f32),
                    },
                    Op::SetTextCursor {
                        pos: Point {
                            x: pt(ox + x_mm),
                            y: pt(page_h - baseline),
                        },
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
        }
    }
}

/// Dark cells as rectangles (column, row, width, height): horizontal runs, merged
/// with the identical run in the rows below.
fn matrix_rects(cells: &[bool], width: usize, height: usize) -> Vec<(usize, usize, usize, usize)> {
    let mut done = Vec::new();
    // Rectangles still growing downwards, keyed by (column, width).
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    for row in 0..height {
        let line = &cells[row * width..(row + 1) * width];
        let mut runs = Vec::new();
        let mut col = 0;
        while col < width {
            let run = line[col..].iter().take_while(|&&c| c).count();
            if run > 0 {
                runs.push((col, run));
                col += run;
            } else {
                col += 1;
            }
        }
        let mut next = Vec::with_capacity(runs.len());
        for (col, run) in runs {
            match open.iter().position(|r| r.0 == col && r.2 == run) {
                Some(i) => {
                    let mut r = open.swap_remove(i);
                    r.3 += 1;
                    next.push(r);
                }
                None => next.push((col, row, run, 1)),
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.append(&mut open);
    done
}

/// Fills rectangles given in module units (x right, y down) from the symbol's
/// top-left at (x_mm, y_mm). A scaling matrix turns every coordinate into a small
/// whole number and `re` keeps each rectangle to a few bytes, which keeps a
/// 1,000-label PDF under 1 MB.
fn draw_in_modules(
    ops: &mut Vec<Op>,
    x_mm: f64,
    y_mm: f64,
    module_mm: f64,
    page_h: f64,
    rects: impl Iterator<Item = (usize, usize, usize, f32)>,
) {
    let m = pt(module_mm).0;
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw([m, 0.0, 0.0, -m, pt(x_mm).0, pt(page_h - y_mm).0]),
    });
    let int = |v: usize| DictItem::Int(v as i64);
    for (x, y, w, h) in rects {
        let height = if h.fract() == 0.0 {
            DictItem::Int(h as i64)
        } else {
            DictItem::Real(h)
        };
        ops.push(Op::Unknown {
            key: "re".into(),
            value: vec![int(x), int(y), int(w), height],
        });
    }
    // One fill for all rectangles of the symbol.
    ops.push(Op::Unknown {
        key: "f".into(),
        value: Vec::new(),
    });
    ops.push(Op::RestoreGraphicsState);
}
