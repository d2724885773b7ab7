//! The label preview (issue 27): the first label of a job drawn as the chosen output
//! will print it, from the same layout (`labels::render_preview`).

use labels::{Format, Preview, PreviewTarget, PrinterSettings, Template};
use ledger::{Actor, Ledger};

use crate::{label_data, sample_data, Result, Store};

/// Resolution of the preview of a PDF (a file or a paper printer).
pub const PDF_PREVIEW_DPI: u32 = 300;

/// What the preview must look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewFor {
    /// The PDF in the export folder.
    Pdf,
    /// A configured printer: its language, dpi, offsets, mode and loaded stock.
    Printer(String),
    /// Any thermal printer at this dpi, with default settings (the designer's choice
    /// before a printer is set up).
    Dpi(u32),
}

/// Draws `template` (as being designed, perhaps unsaved) with asset `code`'s data, or
/// the sample data, for `target`. A label that would be refused when printing is
/// refused here with the same error. Returns the preview and the code it shows.
pub fn preview(ledger: &Ledger, actor: &Actor, store: &Store, template: &Template, code: Option<&str>, target: &PreviewFor) -> Result<(Preview, String)> {
    let data = match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => label_data(&ledger.label_preview_source(actor, c)?),
        None => sample_data(&ledger.settings()?.org_name),
    };
    let target = match target {
        PreviewFor::Pdf => PreviewTarget::Pdf { dpi: PDF_PREVIEW_DPI },
        PreviewFor::Printer(name) => {
            let entry = store.printer(Some(name))?;
            match entry.language {
                Format::Pdf => PreviewTarget::Pdf { dpi: PDF_PREVIEW_DPI },
                format => PreviewTarget::Thermal { format, settings: entry.settings(1)? },
            }
        }
        PreviewFor::Dpi(dpi) => PreviewTarget::Thermal {
            format: Format::Tspl,
            settings: PrinterSettings { dpi: labels::Dpi::try_from(*dpi)?, ..PrinterSettings::default() },
        },
    };
    Ok((labels::render_preview(template, &data, &target)?, data.code))
}
