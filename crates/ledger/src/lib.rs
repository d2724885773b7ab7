//! The AssetDesk core: the fixed-asset ledger and its SQLite storage.
//!
//! Invariant: this crate knows nothing of Tauri, JSON or printers. Every public
//! operation takes the acting user ([`Actor`]) and checks its permission here, so the
//! desktop app and the CLI enforce the same rules.

mod assets;
mod backup;
mod card_extras;
mod custom_columns;
mod audit;
// Tamper evidence (issue 26).
mod anchor;
// Approvals and user management (issue 20).
mod approvals;
mod user_admin;
mod audit_key;
mod private_files;
mod tamper;
mod auth;
mod codes;
mod consistency;
// Low-value consumables (issue 7).
mod consumables;
mod dashboard;
mod db;
/// The one date parser (forms, CLI, app commands, legacy sheets).
pub mod dates;
mod documents;
mod enum_str;
mod error;
mod import;
mod journal;
mod labels_log;
mod label_print_jobs;
mod ledger;
mod model;
mod money;
mod parameters;
mod recovery;
mod paths;
// Closed periods, registration/import voids, card corrections, loan extensions (issue 20).
mod periods;
mod corrections;
mod loans;
mod doc_filters;
mod registers;
// Standard reports (issue 9).
mod reports;
mod schema_history;
mod search;
mod settings;
mod stocktake;
// Upgrading keeps the ledger: a verified backup before migrating (issue 17).
mod upgrade;
// Depreciation (issue 6).
mod valuation;
// Repairs, suppliers and maintenance (issue 22).
mod maintenance;
mod repairs;
mod suppliers;
mod warranty;
// Accounting regimes, value changes, vouchers (issue 21).
mod accounting;
// Category tree, the GB/T 14885 seed, depreciation vouchers (issue 21).
mod category_tree;
mod allocation;
// Every call of a logged-in session re-reads its user (issue 20).
mod sessions;
// The desk's side of a PostgreSQL hub (issue 24); the hub itself is crates/hub.
mod hub_sync;
mod hub_registers;
pub use hub_registers::{HubRegisterChange, HubRegisterNote, HubRegisterOutgoing, HubRegisterPulled, RegisterApplied, HUB_REGISTER_KINDS};
pub use hub_sync::{check_site as check_hub_site, HubDocument, HubHeader, HubHold, HubLine, HubMembership, HubPushOutcome, HubSiteSummary, PullOutcome, PulledRecord, PushRefusal};
pub use hub_sync::{HUB_INTERVAL_DEFAULT, HUB_INTERVAL_RANGE};

pub use assets::{AssetDetail, AssetInput, AssetQuery, AssetRow, AssetSort, HistoryEntry, Page, SortDir, StatusTotal};
pub use audit::{AuditEntry, AuditHead};
// Tamper evidence (issue 26).
pub use anchor::set_after_commit_hook;
pub use tamper::{AuditCheck, AuditFinding, AuditStatus, BackupHead};
pub use backup::{list_backups, verify_backup, BackupInfo};
pub use card_extras::{Attachment, CustomField, MAX_ATTACHMENT_BYTES};
pub use custom_columns::{FieldFilter, FieldMatch};
pub use auth::{Actor, Permission, Role, UserRow};
pub use approvals::{approvable_kind, local_date as approvals_local_date, setting_key as approval_setting_key, Approval, ApprovalOutcome, ApprovalSetting, PendingApproval, APPROVABLE};
pub use user_admin::UserChange;
pub use codes::CodeRule;
// Low-value consumables (issue 7).
pub use consumables::{
    format_qty, parse_qty, BudgetLine, BudgetTotal, ConsumableStats, ItemInput, ItemRow, LowStock, MoveKind, MoveQuery, MoveRequest, MoveRow, StatsBucket,
    StatsBy, StatsQuery, StatsRow,
};
pub use corrections::{CardChange, ImportBatch, VoidBlocker};
pub use doc_filters::DOC_STATES;
pub use documents::{AWAITING_APPROVAL, DocQuery, DocRequest, DocumentDetail, DocumentLine, DocumentRow, LoanRow, RepairRecord, SelectionAction};
pub use dashboard::{Dashboard, GroupTotal, OpenStocktake, WarrantyEnding};
pub use error::{clip_quotes, quoted, Error, ErrorCode, Result, QUOTE_LIMIT};
pub use import::{ImportAsset, ImportOpening, ImportOutcome, ImportProgress};
pub use journal::DocKind;
pub use labels_log::LabelSource;
pub use label_print_jobs::{LabelJobInput, LabelJobRow, LabelJobStatus, LabelsPrinted};
pub use ledger::{Ledger, SetupInput, LEDGER_FILE_NAME};
pub use model::{AssetStatus, DepreciationMethod, Lang};
pub use money::{format_money, parse_money, parse_rate, Money};
pub use parameters::{BackupEvery, Parameters};
pub use paths::{config_dir, default_data_dir};
pub use registers::{RegisterItem, RegisterKind};
// Standard reports (issue 9).
pub use reports::{
    parse_as_of, parse_date, ChangeKind, ChangeRow, ChangeTotal, ChangesReport, GroupBy, RegisterGroup, RegisterQuery, RegisterReport, RegisterRow, RegisterTotals, ReportColumn,
};
pub use settings::Settings;
// What the search index stores and how the search box matches it, for the benchmark's
// fair import reference (issue 25), which loads the same tokens with the sqlite3 CLI.
pub use search::{index_tokens as search_index_tokens, match_expr as search_match_expr};
pub use stocktake::{
    CloseOutcome, Counters, DiffLine, DiffStat, ScanImportOutcome, ScanInput, ScanOutcome, ScanRow, ScanSource, StocktakeInput,
    StocktakeReport, StocktakeRow, StocktakeState, Verdict, SURPLUS_PLACEHOLDER,
};
pub use stocktake::ExpectedLine;
pub use stocktake::{ReviewDecision, ReviewLine, UnreviewedLines};
// Depreciation (issue 6).
pub use depreciation::Period;
pub use valuation::{
    parse_period, AssetSchedule, CategoryDefaults, DefaultSource, DepreciationRun, NewAssetDefaults, DepreciationStatus, DisposalValuation, PeriodRow, RegisterLine, RevisionEntry,
    RevisionInput, RunLine, RunProgress, ScheduleRow, SummaryBy, SummaryRow,
};

// Repairs, suppliers and maintenance (issue 22).
pub use maintenance::{MaintenanceDue, MaintenancePlanEdit, MaintenancePlanInput, MaintenanceDone, MaintenanceUnit, PlanRow};
pub use repairs::costs::{CostTreatment, RepairCost, RepairCostInput};
pub use repairs::report::{RepairReport, RepairReportBy, RepairReportQuery, RepairReportRow};
pub use repairs::{RepairDetail, RepairEvent, RepairOpen, RepairQuery, RepairRow, RepairState, RepairStep, ScrapDraft, Warranty};
pub use suppliers::{SupplierInput, SupplierRow};
pub use warranty::WarrantyRow;
// Issue 21.
pub use accounting::{CategoryMinLife, Regime};
pub use valuation::{ValueChangeEntry, ValueChangeInput, ValueChangeKind, ValueChangeOutcome};
pub use category_tree::{CategoryNode, SeedOutcome, SEEDS as CATEGORY_SEEDS};
pub use valuation::DefaultsInForce;
pub use valuation::{parse_tax_life, CategoryTaxSetting, TaxEstimates, TaxLine, TaxMethod, TaxReport, TaxSource};
pub use allocation::{chart as account_chart, AccountDefaults, CategoryAccounts, DeptAccounts, Voucher, VoucherLine, VoucherSide};

pub use chrono::NaiveDate;
pub use rust_decimal::Decimal;
