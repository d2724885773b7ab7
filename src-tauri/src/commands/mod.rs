//! One thin function per `#[tauri::command]`: parse the DTO, call the core, map the
//! result. No business rule lives here.

pub mod app;
pub mod assets;
pub mod card;
// Low-value consumables (issue 7).
pub mod consumables;
pub mod documents;
pub mod export;
pub mod import;
pub mod print;
pub mod recovery;
pub mod labels;
// Label printers (issue 18).
pub mod label_printers;
pub mod registers;
// Standard reports (issue 9).
pub mod reports;
pub mod system;
pub mod stocktake;
// Depreciation (issue 6).
pub mod valuation;
// The PDA round trip (issue 19).
pub mod pda;
// HID-POS scanners (issue 19).
pub mod hid;
// Paper printing: the print preview and the system print dialog (issue 18).
pub mod paper;
pub mod paper_dialog;
// Native file choosers (issue 27).
pub mod choose;
// Users and approvals (issue 20).
pub mod users;
// Repairs, suppliers, maintenance and warranties (issue 22).
pub mod repairs;
// The system page: backups, the audit log, the parameters (issue 23: through crates/api).
pub mod audit;
pub mod backups;
pub mod settings;
// Putting mistakes right: voids, card changes, loan extensions, stocktake review (issue 20).
pub mod corrections;
// Value-change documents (issue 21).
pub mod value_changes;
// Category tree, voucher accounts, the depreciation voucher (issue 21).
pub mod allocation;
// The tax schedule (issue 21).
pub mod tax_depreciation;
// The PostgreSQL hub (issue 24).
pub mod hub;
