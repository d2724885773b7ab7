//! Asset barcode labels for AssetDesk: templates, fit checks, renderers and printer
//! transports. Takes plain data ([`LabelData`]); knows nothing of Tauri, SQLite or
//! the ledger.
//!
//! ```no_run
//! use labels::{builtin, render_pdf, render_zpl, send, LabelData, PdfOptions, PrinterSettings, PrinterUri};
//! # fn main() -> Result<(), labels::LabelError> {
//! let template = builtin("50x30-code128")?;
//! let asset = LabelData { code: "ZC-2026-000123".into(), name: "笔记本电脑".into(), ..Default::default() };
//! let pdf = render_pdf(&template, &[asset.clone()], &PdfOptions::default())?;
//! let zpl = render_zpl(&template, &[asset], &PrinterSettings::default())?;
//! send(&"tcp://192.168.1.50:9100".parse::<PrinterUri>()?, &zpl, labels::DEFAULT_TIMEOUT)?;
//! # let _ = pdf; Ok(()) }
//! ```
//!
//! Every renderer lays labels out first ([`layout_all`]); a label that does not fit
//! (an unencodable character, a code too wide at [`MIN_MODULE_MM`], text past the
//! edge) refuses the whole job with a [`LabelError`] naming the label and element,
//! in English and Chinese.

mod bitmap;
mod builtin;
mod data;
mod epl;
mod error;
mod font;
mod layout;
mod pdf;
mod preview;
mod printer_settings;
mod raster;
mod ports;
mod status;
mod symbology;
mod template;
mod template_file;
mod test_page;
mod thermal;
mod transport;
mod tspl;
mod validate;
mod winspool;
mod zpl;

pub use bitmap::MonoBitmap;
pub use builtin::{builtin, builtin_names, builtins};
pub use data::LabelData;
pub use error::{LabelError, LabelRef, Result};
pub use font::{FONT_BYTES, FONT_INDEX};
pub use layout::{
    check_fit, layout_all, layout_label, Item, LabelLayout, Resolution, MIN_MODULE_MM,
    MIN_SHRINK_PT,
};
pub use pdf::{render_pdf, render_pdf_with_progress, PdfOptions};
pub use epl::render_epl;
pub use preview::{render_preview, Preview, PreviewTarget};
pub use printer_settings::{Dpi, Media, Mode, PrinterSettings, MAX_OFFSET_MM};
pub use test_page::{calibration_template, render_test_page, TEST_PAGE_CODE, TEST_PAGE_DEFAULT_MM};
pub use symbology::{encode, quiet_zone_modules, Symbol};
pub use template::{
    BarcodeElement, Content, Element, Field, LabelSize, Orientation, SheetLayout, Symbology,
    Template, TextElement, TEMPLATE_FORMAT_VERSION,
};
pub use ports::{printer_ports, PortChoice};
pub use status::{tspl_problems, zpl_problems, StatusProblem, StatusQuery, StatusSeen, STATUS_TIMEOUT};
pub use transport::{send, send_checked, send_with_progress, PrinterUri, DEFAULT_BAUD, DEFAULT_TIMEOUT};
pub use thermal::{render_thermal, render_thermal_parts};
pub use tspl::render_tspl;
pub use zpl::render_zpl;

/// Output formats, for callers that pick one at run time (CLI `--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelLanguage"))]
pub enum Format {
    Pdf,
    Zpl,
    Tspl,
    Epl,
}

impl Format {
    /// The word the CLI and the settings file use.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Zpl => "zpl",
            Format::Tspl => "tspl",
            Format::Epl => "epl",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = LabelError;

    /// `pdf`, `zpl`, `tspl` or `epl`, as the CLI's `--format` takes them.
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "pdf" => Ok(Format::Pdf),
            "zpl" => Ok(Format::Zpl),
            "tspl" => Ok(Format::Tspl),
            "epl" | "epl2" => Ok(Format::Epl),
            _ => Err(LabelError::UnknownFormat {
                given: s.to_string(),
            }),
        }
    }
}

/// Renders in the given format. `settings` is used by ZPL, TSPL and EPL, `pdf` by PDF.
pub fn render(
    format: Format,
    template: &Template,
    labels: &[LabelData],
    pdf: &PdfOptions,
    settings: &PrinterSettings,
) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => render_pdf(template, labels, pdf),
        Format::Zpl => render_zpl(template, labels, settings),
        Format::Tspl => render_tspl(template, labels, settings),
        Format::Epl => render_epl(template, labels, settings),
    }
}

/// A rendered job and where each label's commands end in it (thermal languages; a
/// PDF is one part), so it can be sent and stopped label by label: a job stopped at
/// such a boundary ends well formed (every label sent is whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub label_ends: Vec<usize>,
}

/// [`render`] with progress: `progress(done, total)` after each label (once at the end
/// for PDF); returning `false` stops with [`LabelError::Cancelled`] before anything
/// could be sent.
pub fn render_with_progress(
    format: Format,
    template: &Template,
    labels: &[LabelData],
    pdf: &PdfOptions,
    settings: &PrinterSettings,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>> {
    render_parts_with_progress(format, template, labels, pdf, settings, progress).map(|r| r.bytes)
}

/// [`render_with_progress`] keeping the label boundaries ([`Rendered`]).
pub fn render_parts_with_progress(
    format: Format,
    template: &Template,
    labels: &[LabelData],
    pdf: &PdfOptions,
    settings: &PrinterSettings,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Rendered> {
    match format {
        Format::Pdf => {
            let out = pdf::render_pdf_with_progress(template, labels, pdf, progress)?;
            Ok(Rendered { label_ends: vec![out.len()], bytes: out })
        }
        thermal => render_thermal_parts(thermal, template, labels, settings, progress),
    }
}
