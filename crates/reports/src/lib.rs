//! Printable PDFs: a document's slip (单据) with its lines and signature lines for both
//! parties, on A4 or A5, in Chinese or English, with the bundled CJK font embedded as a
//! subset so it prints the same on a machine without Chinese fonts.

mod page;
mod slip;
mod table;

pub use page::Paper;
pub use slip::render_slip;
pub use table::{render_tables, render_tables_with, Section, TableOptions};
