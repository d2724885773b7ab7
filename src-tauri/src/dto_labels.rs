//! Shapes of the label commands. Templates and label settings cross as the labels
//! crate's own JSON (the template file format), so the UI edits what is saved. The
//! print request, result and history shapes are crates/api's (`api::labels`).

use api::labels::TemplateInfo;
use labels::{Item, Preview};
use serde::Serialize;

#[derive(Serialize)]
pub struct TemplateInfoDto {
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub is_default: bool,
    pub width_mm: f64,
    pub height_mm: f64,
    pub sheet: bool,
}

impl From<TemplateInfo> for TemplateInfoDto {
    fn from(t: TemplateInfo) -> Self {
        TemplateInfoDto {
            name: t.name,
            description: t.description,
            builtin: t.builtin,
            is_default: t.is_default,
            width_mm: t.width_mm,
            height_mm: t.height_mm,
            sheet: t.sheet,
        }
    }
}

/// One placed item of a laid-out label, in mm from the label's top-left.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemDto {
    Text { x_mm: f64, y_mm: f64, size_pt: f64, text: String },
    /// Dark bars as (first module, modules wide).
    Bars { x_mm: f64, y_mm: f64, module_mm: f64, height_mm: f64, bars: Vec<(usize, usize)> },
    /// Dark cells as (column, row).
    Matrix { x_mm: f64, y_mm: f64, module_mm: f64, width: usize, height: usize, dark: Vec<(usize, usize)> },
}

/// A label as it will print: the image (a PNG data URL, `dpi` pixels per inch, shown
/// at `width_mm` x `height_mm`) and the layout it was drawn from.
#[derive(Serialize)]
pub struct PreviewDto {
    pub width_mm: f64,
    pub height_mm: f64,
    pub dpi: u32,
    pub png: String,
    pub items: Vec<ItemDto>,
    /// The code the preview shows (the chosen asset or the sample).
    pub code: String,
}

impl PreviewDto {
    pub fn new(preview: Preview, code: String) -> PreviewDto {
        use base64::Engine as _;
        let png = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(preview.to_png()));
        let items = preview
            .layout
            .items
            .into_iter()
            .map(|item| match item {
                Item::Text { x_mm, y_mm, size_pt, text } => ItemDto::Text { x_mm, y_mm, size_pt, text },
                Item::Bars { x_mm, y_mm, module_mm, height_mm, bars, .. } => ItemDto::Bars { x_mm, y_mm, module_mm, height_mm, bars },
                Item::Matrix { x_mm, y_mm, module_mm, width, height, cells, .. } => {
                    let dark = cells.iter().enumerate().filter(|(_, d)| **d).map(|(i, _)| (i % width.max(1), i / width.max(1))).collect();
                    ItemDto::Matrix { x_mm, y_mm, module_mm, width, height, dark }
                }
            })
            .collect();
        PreviewDto { width_mm: preview.width_mm, height_mm: preview.height_mm, dpi: preview.dpi, png, items, code }
    }
}
