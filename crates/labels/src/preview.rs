//! The label preview (issue 27): one label drawn from the very layout the output
//! uses, so what the clerk sees is what prints. For a thermal printer it is the dots
//! the printer gets ([`crate::thermal`]'s canvas: the printer's dpi, calibration
//! offsets and loaded stock; exactly the image `Mode::Bitmap` sends). For a PDF it is
//! the vector layout ([`Resolution::Vector`], as `render_pdf` draws it) rasterised at
//! the given dpi.

use crate::bitmap::MonoBitmap;
use crate::data::LabelData;
use crate::error::Result;
use crate::font;
use crate::layout::{layout_label, Item, LabelLayout, Resolution};
use crate::printer_settings::PrinterSettings;
use crate::template::Template;
use crate::Format;

/// What the preview is for: the output it must look like.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewTarget {
    /// A PDF (a file or a paper printer), rasterised at `dpi` pixels per inch.
    Pdf { dpi: u32 },
    /// A thermal printer speaking `format` with these settings.
    Thermal { format: Format, settings: PrinterSettings },
}

/// One label as it will print.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The layout drawn (the same one the output is made from).
    pub layout: LabelLayout,
    pub image: MonoBitmap,
    /// Pixels (or printer dots) per inch of `image`.
    pub dpi: u32,
    /// Size of `image` in mm: the loaded stock's on a thermal printer.
    pub width_mm: f64,
    pub height_mm: f64,
}

/// Lays out label `data` for `target` and draws it; a label that would be refused
/// when printing is refused here with the same error.
pub fn render_preview(template: &Template, data: &LabelData, target: &PreviewTarget) -> Result<Preview> {
    match target {
        PreviewTarget::Pdf { dpi } => {
            let layout = layout_label(template, data, 1, Resolution::Vector)?;
            let image = draw_vector(&layout, *dpi);
            Ok(Preview { width_mm: layout.width_mm, height_mm: layout.height_mm, image, dpi: *dpi, layout })
        }
        PreviewTarget::Thermal { format: Format::Pdf, .. } => {
            render_preview(template, data, &PreviewTarget::Pdf { dpi: 300 })
        }
        PreviewTarget::Thermal { format, settings } => {
            let size = crate::thermal::check(*format, settings, template.canvas_mm())?;
            let layout = layout_label(template, data, 1, Resolution::Dpi(settings.dpi.value()))?;
            let image = crate::thermal::dot_label(&layout, settings, size).to_bitmap();
            Ok(Preview { layout, image, dpi: settings.dpi.value(), width_mm: size.0, height_mm: size.1 })
        }
    }
}

/// Draws a vector layout at `dpi` as `render_pdf` places it: every edge rounded to
/// the nearest pixel on its own (so a code keeps its true width), text set with the
/// bundled font from the top of its line box.
fn draw_vector(layout: &LabelLayout, dpi: u32) -> MonoBitmap {
    let px = |mm: f64| (mm * f64::from(dpi) / 25.4).round() as i64;
    // The page's last partial pixel is a whole one, as PDF rasterisers do.
    let side = |mm: f64| ((mm * f64::from(dpi) / 25.4 - 1e-6).ceil() as usize).max(1);
    let mut image = MonoBitmap::new(side(layout.width_mm), side(layout.height_mm));
    let fill = |image: &mut MonoBitmap, x0: f64, y0: f64, x1: f64, y1: f64| {
        for y in px(y0).max(0)..px(y1).max(0) {
            for x in px(x0).max(0)..px(x1).max(0) {
                image.set(x as usize, y as usize);
            }
        }
    };
    for item in &layout.items {
        match item {
            Item::Bars { x_mm, y_mm, module_mm, height_mm, bars, .. } => {
                for &(start, width) in bars {
                    let x0 = x_mm + start as f64 * module_mm;
                    fill(&mut image, x0, *y_mm, x0 + width as f64 * module_mm, y_mm + height_mm);
                }
            }
            Item::Matrix { x_mm, y_mm, module_mm, width, cells, .. } => {
                for (i, _) in cells.iter().enumerate().filter(|(_, dark)| **dark) {
                    let (col, row) = ((i % width) as f64, (i / width) as f64);
                    let (x0, y0) = (x_mm + col * module_mm, y_mm + row * module_mm);
                    fill(&mut image, x0, y0, x0 + module_mm, y0 + module_mm);
                }
            }
            Item::Text { x_mm, y_mm, size_pt, text } => {
                image.blit(&font::rasterize(text, *size_pt, dpi), px(*x_mm), px(*y_mm));
            }
        }
    }
    image
}

impl Preview {
    /// The image as a greyscale PNG (black dots on white) that records its dpi, so
    /// shown at `width_mm` x `height_mm` it is true size.
    pub fn to_png(&self) -> Vec<u8> {
        let (w, h) = (self.image.width, self.image.height);
        let mut pixels = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                pixels.push(if self.image.get(x, y) { 0u8 } else { 255u8 });
            }
        }
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, w as u32, h as u32);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Eight);
            let per_metre = (f64::from(self.dpi) / 0.0254).round() as u32;
            encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
            // Writing into a Vec cannot fail; the sizes come from the image itself.
            let mut writer = encoder.write_header().expect("PNG header into memory");
            writer.write_image_data(&pixels).expect("PNG data into memory");
        }
        out
    }
}
