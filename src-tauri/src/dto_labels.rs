//! Shapes of the label commands. Templates and label settings cross as the labels
//! crate's own JSON (the template file format), so the UI edits what is saved.

use labels::{Item, Preview};
use label_jobs::TemplateInfo;
use serde::{Deserialize, Serialize};

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

#[derive(Deserialize)]
pub struct PrintRequestDto {
    pub codes: Vec<String>,
    /// Empty: the default template.
    #[serde(default)]
    pub template: String,
    /// A printer's name from the label settings; empty: a PDF in the export folder.
    #[serde(default)]
    pub printer: String,
    /// Sheet templates: first free position, 1-based.
    #[serde(default = "one")]
    pub start: usize,
    #[serde(default)]
    pub reason: String,
    #[serde(default = "one_u32")]
    pub copies: u32,
}

fn one() -> usize {
    1
}
fn one_u32() -> u32 {
    1
}

#[derive(Serialize)]
pub struct PrintResultDto {
    pub labels: usize,
    pub bytes: usize,
    /// The PDF written, when not sent to a printer.
    pub out: Option<String>,
    /// The printer URI, when sent to one.
    pub printer: Option<String>,
    pub reprints: usize,
}

/// One job of the label print history.
#[derive(Serialize)]
pub struct LabelJobDto {
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub user: String,
    pub printer: String,
    pub destination: String,
    pub template: String,
    pub language: String,
    pub codes: Vec<String>,
    pub labels: usize,
    pub bytes: usize,
    pub reason: String,
    /// `sending`, `sent`, `failed`, `cancelled` or `retried`.
    pub status: &'static str,
    /// Why it failed: the zh-CN line, then the English line.
    pub error: String,
    pub retry_of: Option<i64>,
}

impl From<ledger::LabelJobRow> for LabelJobDto {
    fn from(j: ledger::LabelJobRow) -> Self {
        LabelJobDto {
            id: j.id,
            created_at: j.created_at,
            updated_at: j.updated_at,
            user: j.user,
            printer: j.printer,
            destination: j.destination,
            template: j.template,
            language: j.language,
            codes: j.codes,
            labels: j.labels,
            bytes: j.bytes,
            reason: j.reason,
            status: j.status.as_str(),
            error: j.error,
            retry_of: j.retry_of,
        }
    }
}
