//! Printable PDFs: a document's slip (单据) with its lines and signature lines for both
//! parties, on A4 or A5, in Chinese or English, with the bundled CJK font embedded as a
//! subset so it prints the same on a machine without Chinese fonts.

// The asset card (issue 18).
mod card;
// Consumable movement slips (issue 7).
mod consumable_slip;
mod page;
// Which PDF a print button means, for the print preview (issue 18).
mod paper_job;
// Repair order slips (issue 22).
mod repair_slip;
mod slip;
mod table;

pub use card::render_asset_card;
pub use consumable_slip::render_consumable_slip;
pub use page::Paper;
pub use paper_job::{PaperJob, Printable};
pub use repair_slip::render_repair_slip;
pub use slip::render_slip;
pub use table::{render_tables, render_tables_fingerprinted, render_tables_with, Section, TableOptions};
