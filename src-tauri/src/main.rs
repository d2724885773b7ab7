//! The AssetDesk desktop shell: window, state and the command table. Everything the
//! commands do is in the core crates; see ARCHITECTURE.md.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
mod dto_labels;
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
            commands::labels::label_templates,
            commands::labels::label_template,
            commands::labels::save_label_template,
            commands::labels::delete_label_template,
            commands::labels::set_default_label_template,
            commands::labels::export_label_template,
            commands::labels::import_label_template,
            commands::labels::preview_label,
            commands::labels::label_settings,
            commands::labels::save_label_settings,
            commands::labels::label_reprints,
            commands::labels::print_labels,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("AssetDesk could not start its window");
}
