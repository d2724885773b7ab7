//! The AssetDesk core: the fixed-asset ledger and its SQLite storage.
//!
//! Invariant: this crate knows nothing of Tauri, JSON or printers. Every public
//! operation takes the acting user ([`Actor`]) and checks its permission here, so the
//! desktop app and the CLI enforce the same rules.

mod assets;
mod audit;
mod auth;
mod codes;
mod db;
mod documents;
mod error;
mod journal;
mod labels_log;
mod ledger;
mod model;
mod money;
mod paths;
mod registers;
mod search;
mod settings;

pub use assets::{AssetDetail, AssetInput, AssetQuery, AssetRow, AssetSort, HistoryEntry, Page, SortDir, StatusTotal};
pub use audit::AuditEntry;
pub use auth::{Actor, Permission, Role, UserRow};
pub use codes::CodeRule;
pub use documents::{DocQuery, DocRequest, DocumentDetail, DocumentLine, DocumentRow, LoanRow};
pub use error::{Error, ErrorCode, Result};
pub use journal::DocKind;
pub use labels_log::LabelSource;
pub use ledger::{Ledger, SetupInput, LEDGER_FILE_NAME};
pub use model::{AssetStatus, DepreciationMethod, Lang};
pub use money::{format_money, parse_money, parse_rate, Money};
pub use paths::default_data_dir;
pub use registers::{RegisterItem, RegisterKind};
pub use settings::Settings;

pub use chrono::NaiveDate;
pub use rust_decimal::Decimal;
