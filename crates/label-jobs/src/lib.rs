//! Label jobs: the glue between the ledger (which assets, who may print, the audit
//! record) and the labels crate (templates, rendering, printers). The CLI and the
//! desktop app both print through here, so a label printed from either is the same
//! job with the same checks.
//!
//! Files under the data folder (beside the ledger):
//! - `label-templates/NAME.json`: the clerk's own templates (built-ins are read-only);
//! - `label-settings.json`: the default template and the printers (address, language,
//!   dpi, media, darkness, speed, calibration offsets, loaded label size).
//!
//! Every job sent is kept in the ledger's print history (`label_print_jobs`: sending,
//! sent, failed with the printer's words, cancelled, retried).
//!
//! A job is prepared (ledger data, template, fit check and rendering: anything that
//! cannot print is refused here, before a byte goes anywhere), delivered (file or
//! printer; no ledger lock needed) and recorded (`label_print` / `label_reprint`).

mod error;
mod job;
mod preview;
mod store;

pub use error::JobError;
pub use job::{label_data, sample_data, send_test_page, status_unknown_note, test_page, Destination, Gathered, Job, JobRequest, Outcome, Stage};
pub use preview::{preview, PreviewFor, PDF_PREVIEW_DPI};
pub use store::{LabelSettings, PrinterEntry, Store, TemplateInfo, DEFAULT_TEMPLATE};

pub type Result<T, E = JobError> = std::result::Result<T, E>;
