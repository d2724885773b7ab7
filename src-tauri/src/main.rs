//! The AssetDesk desktop shell: window, state and the command table. Everything the
//! commands do is in the core crates; see ARCHITECTURE.md.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
mod error;
mod state;

use std::path::PathBuf;

use state::AppState;

/// The value of `--NAME VALUE` on the command line, if given.
fn arg(name: &str) -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from)
}

/// `--data-dir DIR` wins over `ASSETDESK_DATA_DIR` and the OS default.
fn data_dir() -> PathBuf {
    arg("--data-dir").unwrap_or_else(ledger::default_data_dir)
}

/// `--export-dir DIR`, else `ASSETDESK_EXPORT_DIR`, else the user's Documents/AssetDesk.
fn export_dir() -> PathBuf {
    arg("--export-dir")
        .or_else(|| std::env::var_os("ASSETDESK_EXPORT_DIR").filter(|d| !d.is_empty()).map(PathBuf::from))
        .or_else(|| directories::UserDirs::new().and_then(|u| u.document_dir().map(|d| d.join("AssetDesk"))))
        .unwrap_or_else(|| data_dir().join("exports"))
}

fn main() {
    tauri::Builder::default()
        .manage(AppState::new(data_dir(), export_dir()))
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::setup_ledger,
            commands::app::login,
            commands::app::logout,
            commands::app::set_language,
            commands::assets::list_assets,
            commands::assets::get_asset,
            commands::assets::add_asset,
            commands::assets::edit_asset,
            commands::assets::status_totals,
            commands::documents::post_document,
            commands::documents::void_document,
            commands::documents::list_documents,
            commands::documents::get_document,
            commands::documents::open_loans,
            commands::export::export_assets,
            commands::export::export_documents,
            commands::export::cancel_export,
            commands::registers::list_register,
            commands::registers::add_register,
            commands::registers::rename_register,
            commands::registers::set_register_active,
            // Depreciation (issue 6).
            commands::valuation::depreciation_status,
            commands::valuation::preview_depreciation,
            commands::valuation::run_depreciation,
            commands::valuation::reopen_period,
            commands::valuation::depreciation_detail,
            commands::valuation::depreciation_summary,
            commands::valuation::asset_schedule,
            commands::valuation::revise_depreciation,
            commands::valuation::disposal_valuation,
            commands::valuation::export_depreciation,
            commands::valuation::disposal_report,
            commands::valuation::set_disposal_costs,
            commands::valuation::set_units_used,
            commands::valuation::set_total_units,
            commands::valuation::category_defaults,
            commands::valuation::set_category_defaults,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("AssetDesk could not start its window");
}
