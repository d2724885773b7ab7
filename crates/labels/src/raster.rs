//! Converts a [`LabelLayout`] to whole printer dots: the part ZPL and TSPL share.

use crate::bitmap::MonoBitmap;
use crate::font;
use crate::layout::{Item, LabelLayout};
use crate::printer_settings::Dpi;

/// A drawing command in printer dots from the label's top-left.
#[derive(Debug, Clone, PartialEq)]
pub enum DotOp {
    /// A filled rectangle (a bar).
    Bar {
        x: i64,
        y: i64,
        width: i64,
        height: i64,
    },
    /// A 1-bit image (text lines, matrix codes).
    Image { x: i64, y: i64, bitmap: MonoBitmap },
}

/// Label size in dots and its drawing commands, in template order.
pub fn to_dots(layout: &LabelLayout, dpi: Dpi) -> (i64, i64, Vec<DotOp>) {
    let mut ops = Vec::new();
    for item in &layout.items {
        match item {
            Item::Bars {
                x_mm,
                y_mm,
                module_mm,
                height_mm,
                bars,
            } => {
                let (x0, y0, m, h) = (
                    dpi.dots(*x_mm),
                    dpi.dots(*y_mm),
                    dpi.dots(*module_mm),
                    dpi.dots(*height_mm),
                );
                for &(start, width) in bars {
                    ops.push(DotOp::Bar {
                        x: x0 + start as i64 * m,
                        y: y0,
                        width: width as i64 * m,
                        height: h,
                    });
                }
            }
            Item::Matrix {
                x_mm,
                y_mm,
                module_mm,
                width,
                height,
                cells,
            } => {
                let m = dpi.dots(*module_mm).max(1) as usize;
                let bitmap = MonoBitmap::from_cells(cells, *width, *height, m);
                ops.push(DotOp::Image {
                    x: dpi.dots(*x_mm),
                    y: dpi.dots(*y_mm),
                    bitmap,
                });
            }
            Item::Text {
                x_mm,
                y_mm,
                size_pt,
                text,
            } => {
                let bitmap = font::rasterize(text, *size_pt, dpi.value());
                if !bitmap.is_blank() {
                    ops.push(DotOp::Image {
                        x: dpi.dots(*x_mm),
                        y: dpi.dots(*y_mm),
                        bitmap,
                    });
                }
            }
        }
    }
    (dpi.dots(layout.width_mm), dpi.dots(layout.height_mm), ops)
}
