//! System printing for AssetDesk: the printers the operating system has installed and
//! PDF jobs sent to them. Linux, UOS and Kylin go through CUPS (`lpstat`, `lp`, which
//! print PDFs natively and honour `CUPS_SERVER`); Windows goes through the spooler
//! (`EnumPrintersW`; pages rasterised here and drawn with GDI, because most office
//! printers cannot take a PDF raw). The same rasteriser makes the app's print preview,
//! so what the clerk previews is what the Windows printer gets.
//!
//! ```no_run
//! # fn main() -> Result<(), sysprint::PrintError> {
//! let printers = sysprint::installed_printers()?;
//! let target = sysprint::resolve("cups:office")?;
//! let pdf = std::fs::read("slip.pdf").unwrap();
//! sysprint::print_pdf(&target, &pdf, &sysprint::PrintOptions::copies(2))?;
//! # let _ = printers; Ok(()) }
//! ```

mod cups;
mod dialog;
mod error;
mod options;
mod printer;
mod raster;
pub mod readiness;
mod memory;
mod target;
mod windows;

pub use cups::{apply_alerts, parse_lpstat, submit_raw, held_jobs, jobs_titled, CUPS_SERVER_ENV, CUPS_TIMEOUT};
pub use error::{PrintError, Result};
pub use options::{lp_options, DevModeFields, Orientation, Paper, PrintOptions, MAX_COPIES};
pub use printer::{spooler_reasons, spooler_state, Printer, PrinterState};
pub use dialog::DialogChoice;
#[cfg(windows)]
pub use dialog::windows_print_dialog;
pub use memory::PrinterMemory;
pub use readiness::{check_ready, printer_state, Problem, Warning};
pub use raster::{page_count, page_size_mm, render_page, render_pages, Bitmap, Document};
pub use target::{resolve, resolve_in, Target};

use std::sync::atomic::AtomicBool;

/// The printers installed on this computer, the default one marked.
///
/// Linux: CUPS (`CUPS_SERVER` selects another server, as for `lp`); an absent CUPS
/// (no `lpstat`, scheduler not running) is an error saying so, not an empty list.
/// Windows: the spooler's local and connected printers.
pub fn installed_printers() -> Result<Vec<Printer>> {
    #[cfg(windows)]
    {
        windows::installed_printers()
    }
    #[cfg(not(windows))]
    {
        cups::installed_printers(None)
    }
}

/// What a submitted job became: the system's job id when it reports one
/// (CUPS: `office-42`), and the pages sent per copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub job_id: Option<String>,
    pub pages: usize,
    /// What the printer reported that did not stop the job (toner low ...).
    pub warnings: Vec<Warning>,
}

/// Prints a PDF on `target`: `copies` of the whole document (collated), on the paper
/// and orientation of `options` (by default those of the PDF's pages).
pub fn print_pdf(target: &Target, pdf: &[u8], options: &PrintOptions) -> Result<Submitted> {
    print_pdf_with(
        target,
        pdf,
        options,
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
}

/// [`print_pdf`] with progress (`pages done, pages total`: on Windows pages drawn,
/// counted over all copies; on CUPS the share of the PDF gone into `lp`) and a cancel
/// flag checked as it goes. A cancelled job is withdrawn (Windows: `AbortDoc`; CUPS:
/// `lp` stopped and its unfinished job cancelled) and returns [`PrintError::Cancelled`].
pub fn print_pdf_with(
    target: &Target,
    pdf: &[u8],
    options: &PrintOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Submitted> {
    options.check()?;
    let pages = raster::page_count(pdf)?;
    match target {
        Target::File(path) => {
            if options.copies != 1 {
                return Err(PrintError::CopiesToFile {
                    path: path.clone(),
                    copies: options.copies,
                });
            }
            std::fs::write(path, pdf).map_err(|source| PrintError::Io {
                path: path.clone(),
                source,
            })?;
            progress(pages, pages);
            Ok(Submitted {
                job_id: None,
                pages,
                warnings: Vec::new(),
            })
        }
        Target::Cups { queue, server } => {
            let job_id = cups::submit_pdf(queue, server.as_deref(), pdf, options, cancel, &mut pages_fed(pages, progress))?;
            progress(pages, pages);
            Ok(Submitted { job_id, pages, warnings: Vec::new() })
        }
        Target::Installed(name) => {
            #[cfg(windows)]
            {
                windows::print_pdf(name, pdf, options, cancel, progress)
            }
            #[cfg(not(windows))]
            {
                let job_id = cups::submit_pdf(name, None, pdf, options, cancel, &mut pages_fed(pages, progress))?;
                progress(pages, pages);
                Ok(Submitted { job_id, pages, warnings: Vec::new() })
            }
        }
    }
}

/// CUPS takes a PDF as a byte stream: its progress in pages is the share of the bytes
/// gone in (a whole page only once the last byte is in).
#[cfg_attr(windows, allow(dead_code))]
fn pages_fed<'a>(pages: usize, progress: &'a mut dyn FnMut(usize, usize)) -> impl FnMut(usize, usize) + 'a {
    move |fed: usize, total: usize| {
        let done = if total == 0 { pages } else { pages * fed / total };
        progress(done.min(pages), pages)
    }
}

/// The whole job as both faces run it: options checked, `given` (a printer name,
/// `cups:QUEUE`, `cups://HOST/QUEUE`, `winspool:NAME`, `file:PATH`) resolved against the
/// installed list, the printer's state checked ([`check_ready`]: a stopped queue, a
/// printer offline or out of paper is refused), then printed. Every refusal happens
/// before anything is sent; the printer's warnings come back in [`Submitted::warnings`].
pub fn print_pdf_to(
    given: &str,
    pdf: &[u8],
    options: &PrintOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Target, Submitted)> {
    options.check()?;
    let (target, printer) = printer_state(given)?;
    let warnings = match &printer {
        Some(printer) => check_ready(printer)?,
        None => Vec::new(),
    };
    let mut submitted = print_pdf_with(&target, pdf, options, cancel, progress)?;
    submitted.warnings = warnings;
    Ok((target, submitted))
}
