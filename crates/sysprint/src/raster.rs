//! PDF pages to pixels with hayro (pure Rust): the print preview's images and what the
//! Windows path draws on the printer, so the two cannot differ.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::Pixmap;
use hayro::{render, PixmapSettings, RenderCache, RenderSettings};

use crate::error::{PrintError, Result};

const MM_PER_POINT: f64 = 25.4 / 72.0;

/// The largest bitmap side hayro can draw (its pixmaps are u16 wide).
const MAX_SIDE: f64 = 65_535.0;

/// A parsed PDF, ready to be measured and rendered page by page.
pub struct Document {
    pdf: Pdf,
}

impl Document {
    pub fn open(bytes: &[u8]) -> Result<Document> {
        let data: Arc<Vec<u8>> = Arc::new(bytes.to_vec());
        let pdf = Pdf::new(data).map_err(|e| PrintError::BadPdf {
            detail: format!("{e:?}"),
        })?;
        if pdf.pages().is_empty() {
            return Err(PrintError::BadPdf {
                detail: "it has no pages".into(),
            });
        }
        Ok(Document { pdf })
    }

    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Width and height of page `index` (0-based) in millimetres, as it is shown
    /// (crop box, rotation applied).
    pub fn page_size_mm(&self, index: usize) -> Result<(f64, f64)> {
        let page = self.page(index)?;
        let (w, h) = page.render_dimensions();
        Ok((f64::from(w) * MM_PER_POINT, f64::from(h) * MM_PER_POINT))
    }

    /// Page `index` at `dpi` on white.
    pub fn render(&self, index: usize, dpi: f64) -> Result<Bitmap> {
        let page = self.page(index)?;
        let (w, h) = page.render_dimensions();
        let scale = (dpi / 72.0).min(MAX_SIDE / f64::from(w.max(h))) as f32;
        let cache = RenderCache::new();
        let pixmap = render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        Ok(Bitmap { pixmap })
    }

    fn page(&self, index: usize) -> Result<&hayro::hayro_syntax::page::Page<'_>> {
        self.pdf
            .pages()
            .get(index)
            .ok_or_else(|| PrintError::BadPdf {
                detail: format!(
                    "page {} asked for, the document has {}",
                    index + 1,
                    self.page_count()
                ),
            })
    }
}

/// One rendered page: RGBA, top row first, opaque (rendered on white).
pub struct Bitmap {
    pixmap: Pixmap,
}

impl Bitmap {
    pub fn width(&self) -> u32 {
        u32::from(self.pixmap.width())
    }

    pub fn height(&self) -> u32 {
        u32::from(self.pixmap.height())
    }

    /// 4 bytes a pixel, R G B A.
    pub fn rgba(&self) -> &[u8] {
        self.pixmap.data_as_u8_slice()
    }

    /// 4 bytes a pixel, B G R 0: a top-down 32-bit GDI DIB.
    pub fn bgrx(&self) -> Vec<u8> {
        let mut out = self.rgba().to_vec();
        for px in out.chunks_exact_mut(4) {
            px.swap(0, 2);
            px[3] = 0;
        }
        out
    }

    /// The page as PNG (the preview's image).
    pub fn png(self) -> Result<Vec<u8>> {
        self.pixmap.into_png().map_err(|e| PrintError::BadPdf {
            detail: format!("encoding the page image: {e}"),
        })
    }
}

/// Pages in a PDF (parses it).
pub fn page_count(pdf: &[u8]) -> Result<usize> {
    Ok(Document::open(pdf)?.page_count())
}

/// Size of page `index` (0-based) in millimetres.
pub fn page_size_mm(pdf: &[u8], index: usize) -> Result<(f64, f64)> {
    Document::open(pdf)?.page_size_mm(index)
}

/// One page at `dpi`.
pub fn render_page(pdf: &[u8], index: usize, dpi: f64) -> Result<Bitmap> {
    Document::open(pdf)?.render(index, dpi)
}

/// Every page at `dpi`, with progress (`done, total`) and a cancel flag checked
/// between pages ([`PrintError::Cancelled`]).
pub fn render_pages(
    pdf: &[u8],
    dpi: f64,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Bitmap>> {
    let doc = Document::open(pdf)?;
    let total = doc.page_count();
    let mut pages = Vec::with_capacity(total);
    for i in 0..total {
        if cancel.load(Ordering::Relaxed) {
            return Err(PrintError::Cancelled);
        }
        pages.push(doc.render(i, dpi)?);
        progress(i + 1, total);
    }
    Ok(pages)
}
