//! A small page writer over printpdf: text at a position, lines, and page breaks.

use std::sync::OnceLock;

use printpdf::{Color, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem, TextRenderingMode};

/// Paper sizes a slip prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 x 297 mm, portrait.
    A4,
    /// 210 x 148 mm: A5 landscape, the usual size of a Chinese business slip.
    A5,
    /// 297 x 210 mm, for wide tables.
    A4Landscape,
}

impl Paper {
    pub fn parse(s: &str) -> Option<Paper> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "a5" => Some(Paper::A5),
            _ => None,
        }
    }
    pub(crate) fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A5 => (210.0, 148.0),
            Paper::A4Landscape => (297.0, 210.0),
        }
    }
}

fn font() -> &'static ParsedFont {
    static FONT: OnceLock<ParsedFont> = OnceLock::new();
    FONT.get_or_init(|| ParsedFont::from_bytes(labels::FONT_BYTES, labels::FONT_INDEX as usize, &mut Vec::new()).expect("bundled font parses"))
}

/// Approximate advance: CJK characters are one em wide, others a little over half.
pub(crate) fn text_width_mm(text: &str, size_pt: f32) -> f32 {
    let em = size_pt * 0.3528;
    text.chars().map(|c| if (c as u32) >= 0x2E80 { em } else { em * 0.55 }).sum()
}

/// Cuts `text` to fit `width_mm`, ending with "…" when cut.
pub(crate) fn fit(text: &str, size_pt: f32, width_mm: f32) -> String {
    if text_width_mm(text, size_pt) <= width_mm {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width_mm(&format!("{out}{c}…"), size_pt) > width_mm {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

pub(crate) struct Pages {
    doc: PdfDocument,
    font: PdfFontHandle,
    pub paper: Paper,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
}

impl Pages {
    pub fn new(title: &str, paper: Paper) -> Pages {
        let mut doc = PdfDocument::new(title);
        let font = PdfFontHandle::External(doc.add_font(font()));
        Pages { doc, font, paper, pages: Vec::new(), ops: Vec::new() }
    }

    pub fn height(&self) -> f32 {
        self.paper.size_mm().1
    }

    /// Text with its top-left corner at (x, y) mm from the page's top-left.
    pub fn text(&mut self, x: f32, y: f32, size_pt: f32, text: &str) {
        let baseline = y + size_pt * 0.3528 * 0.85;
        let h = self.height();
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: self.font.clone(), size: Pt(size_pt) },
            Op::SetTextCursor { pos: Point { x: Mm(x).into(), y: Mm(h - baseline).into() } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    /// Text drawn filled and stroked: a bold face from the one bundled font.
    pub fn bold_text(&mut self, x: f32, y: f32, size_pt: f32, text: &str) {
        self.ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(0.3) });
        self.text(x, y, size_pt, text);
        self.ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    }

    /// Text centred on x.
    pub fn text_centered(&mut self, x: f32, y: f32, size_pt: f32, text: &str) {
        self.text(x - text_width_mm(text, size_pt) / 2.0, y, size_pt, text);
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) {
        let h = self.height();
        self.ops.push(Op::SetOutlineColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint { p: Point { x: Mm(x1).into(), y: Mm(h - y1).into() }, bezier: false },
                    LinePoint { p: Point { x: Mm(x2).into(), y: Mm(h - y2).into() }, bezier: false },
                ],
                is_closed: false,
            },
        });
    }

    pub fn new_page(&mut self) {
        let (w, h) = self.paper.size_mm();
        self.pages.push(PdfPage::new(Mm(w), Mm(h), std::mem::take(&mut self.ops)));
    }

    pub fn finish(mut self) -> Vec<u8> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let mut warnings = Vec::new();
        self.doc.with_pages(self.pages).save(&PdfSaveOptions { subset_fonts: true, ..Default::default() }, &mut warnings)
    }
}
