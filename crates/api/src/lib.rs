//! `assetdesk-api`: the use cases every AssetDesk front end calls (the desktop shell in
//! src-tauri, the `assetdesk` CLI). One function per use case: it takes the caller's
//! context and a typed request, and returns a typed result or the ledger's `Error` (a
//! stable `ErrorCode`, the fields at fault, zh-CN and English messages).
//!
//! The request and result types here are the ONE definition of what crosses to the UI:
//! they derive serde (the Tauri wire shape) and ts-rs (`ui/src/generated/api.ts`, written
//! by `cargo run -p assetdesk-api --bin assetdesk-gen-ts`, checked by
//! `tests/generated_types.rs`). Adapters parse, call one function here, render.
//!
//! Permissions: every function reaches the ledger with the caller's `Actor`, and the
//! ledger method checks its `Permission` (and the period rules) before anything else;
//! nothing above this crate checks or bypasses them.

pub mod assets;
pub mod audit;
pub mod backups;
pub mod card;
pub mod consumables;
pub mod dashboard;
pub mod documents;
pub mod export;
pub mod forms;
pub mod ids;
pub mod labels;
pub mod paper;
pub mod registers;
pub mod reports;
pub mod session;
// The desktop app's session: first run, login, language, status, every call (issue 23).
pub mod desk;
mod error_dto;
pub use error_dto::ErrorDto;
pub mod settings;
pub mod stocktake;
pub mod typescript;
// Repairs, suppliers and maintenance (issue 22).
pub mod maintenance;
pub mod repairs;
pub mod suppliers;
pub mod warranty;
// Approvals and user management (issue 20).
pub mod approvals;
pub mod users;
// Depreciation, value and the accounting regime (issues 6, 21).
pub mod valuation;
// Value-change documents (issue 21).
pub mod value_changes;
mod wire;
// Putting mistakes right, the stocktake review, the import wizard (issue 20).
pub mod corrections;
pub mod import;
pub mod stocktake_review;
// Depreciation allocation and vouchers (issue 21).
pub mod allocation;
// The tax schedule beside the book one (issue 21).
pub mod tax_depreciation;
// The PostgreSQL hub, preview (issue 24).
pub mod hub;

use serde::Serialize;
use ts_rs::TS;

/// A file written for the clerk and how many rows it holds.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ExportResult")]
pub struct ExportDto {
    pub file: String,
    #[ts(type = "number")]
    pub rows: usize,
}

pub use ids::{AssetCode, AttachmentId, DocNo, StocktakeId};
pub use ledger::{clip_quotes, default_data_dir, quoted, set_after_commit_hook, Error, ErrorCode, Lang, Result};
pub use desk::Desk;
pub use session::{Ctx, Session};
