//! The AssetDesk desktop shell: window, state and the command table. Everything the
//! commands do is in the core crates; see ARCHITECTURE.md.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
mod error;
mod state;

use std::path::PathBuf;

use state::AppState;

/// `--data-dir DIR` on the command line wins over `ASSETDESK_DATA_DIR` and the OS default.
fn data_dir_from_args() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--data-dir")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(ledger::default_data_dir)
}

fn main() {
    tauri::Builder::default()
        .manage(AppState::new(data_dir_from_args()))
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
            commands::registers::list_register,
            commands::registers::add_register,
            commands::registers::rename_register,
            commands::registers::set_register_active,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("AssetDesk could not start its window");
}
