//! The AssetDesk desktop shell: window, state and the command table. Everything the
//! commands do is in the core crates; see ARCHITECTURE.md.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
// The hub's background sync (issue 24).
mod hub_sync;
mod scheduler;
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
    arg("--data-dir").unwrap_or_else(api::default_data_dir)
}

/// `--export-dir DIR`, else `ASSETDESK_EXPORT_DIR`, else the user's Documents/AssetDesk.
fn export_dir() -> PathBuf {
    arg("--export-dir")
        .or_else(|| std::env::var_os("ASSETDESK_EXPORT_DIR").filter(|d| !d.is_empty()).map(PathBuf::from))
        .or_else(|| directories::UserDirs::new().and_then(|u| u.document_dir().map(|d| d.join("AssetDesk"))))
        .unwrap_or_else(|| data_dir().join("exports"))
}

/// One window per ledger: a second instance would race the first one's session state
/// and scheduled backups. The lock is held for the life of the process.
fn instance_lock(dir: &std::path::Path) -> Result<std::fs::File, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join("app.lock")).map_err(|e| e.to_string())?;
    // A window closed a moment ago may still be exiting: give it a few seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(_) if std::time::Instant::now() < deadline => std::thread::sleep(std::time::Duration::from_millis(100)),
            Err(_) => {
                return Err(format!(
                    "AssetDesk 已经打开了这个台账（{}），请切换到已打开的窗口。/ AssetDesk is already open on this ledger ({}); switch to that window.",
                    dir.display(),
                    dir.display()
                ))
            }
        }
    }
}

/// WebKitGTK's accelerated compositing doubles the web process's memory (about 110 MB
/// more, measured by scripts/bench_app.py) and slows the first paint, for nothing a list
/// of assets needs. A clerk or packager can still choose otherwise by setting the
/// variable.
fn prefer_lean_webview() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Set before any thread starts, while nothing else reads the environment.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
}

/// A PC without the WebView2 Runtime can be given a fixed-version runtime folder, which
/// the installer copies beside the app as `WebView2Runtime` (see the .nsi): point the
/// WebView2 loader at it unless the clerk's IT already set the variable.
fn use_bundled_webview2() {
    #[cfg(windows)]
    if std::env::var_os("WEBVIEW2_BROWSER_EXECUTABLE_FOLDER").is_none() {
        let bundled = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|d| d.join("WebView2Runtime")));
        if let Some(dir) = bundled.filter(|d| d.join("msedgewebview2.exe").is_file()) {
            // Set before any thread starts, while nothing else reads the environment.
            unsafe { std::env::set_var("WEBVIEW2_BROWSER_EXECUTABLE_FOLDER", dir) };
        }
    }
}

/// `--build-profile` prints `release` or `debug` and exits, before any window: the
/// benchmark (scripts/bench_app.py) refuses to time a debug build (issue 25).
fn print_build_profile_if_asked() {
    if std::env::args().any(|a| a == "--build-profile") {
        println!("{}", if cfg!(debug_assertions) { "debug" } else { "release" });
        std::process::exit(0);
    }
}

fn main() {
    print_build_profile_if_asked();
    prefer_lean_webview();
    use_bundled_webview2();
    let data_dir = data_dir();
    let lock = instance_lock(&data_dir);
    let mut state = AppState::new(data_dir, export_dir());
    if let Err(message) = &lock {
        state.instance_error = Some(message.clone());
    }
    tauri::Builder::default()
        // Opened only from commands::choose; the window has no dialog permission.
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            scheduler::start(app.handle().clone());
            hub_sync::start(app.handle().clone());
            Ok(())
        })
        .manage(commands::stocktake::ScannerState::default())
        .manage(commands::hid::HidState::default())
        .manage(commands::paper::PaperPreviews::default())
        .manage(commands::labels::LabelPrints::default())
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
            commands::assets::dashboard,
            commands::documents::post_document,
            commands::documents::void_document,
            commands::documents::list_documents,
            commands::documents::get_document,
            commands::documents::open_loans,
            commands::documents::confirm_transfer,
            commands::documents::reject_transfer,
            commands::export::export_assets,
            commands::export::export_documents,
            commands::export::cancel_export,
            commands::import::cancel_import,
            commands::export::export_audit,
            commands::import::upload_import_file,
            commands::import::plan_import,
            commands::import::apply_import,
            commands::recovery::recovery_backups,
            commands::recovery::restore_damaged,
            commands::backups::backup_status,
            commands::backups::create_backup,
            commands::backups::inspect_backup,
            commands::backups::restore_backup,
            commands::audit::audit_log,
            commands::settings::get_parameters,
            commands::settings::update_parameters,
            commands::system::change_password,
            commands::system::role_permissions,
            commands::system::set_role_permission,
            commands::card::card_extras,
            commands::card::set_custom_values,
            commands::card::list_custom_fields,
            commands::card::define_custom_field,
            commands::card::attach_file,
            commands::card::attachment_data,
            commands::card::remove_attachment,
            commands::registers::list_register,
            commands::registers::add_register,
            commands::registers::rename_register,
            commands::registers::set_register_active,
            // stocktake
            commands::stocktake::list_stocktakes,
            commands::stocktake::create_stocktake,
            commands::stocktake::start_stocktake,
            commands::stocktake::get_stocktake,
            commands::stocktake::begin_scan_session,
            commands::stocktake::stocktake_scan,
            commands::stocktake::recent_scans,
            commands::stocktake::stocktake_report,
            commands::stocktake::close_stocktake,
            commands::stocktake::export_stocktake,
            commands::stocktake::list_serial_ports,
            commands::stocktake::serial_connect,
            commands::stocktake::serial_disconnect,
            commands::stocktake::set_scan_location,
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
            // Low-value consumables (issue 7).
            commands::consumables::consumable_stock,
            commands::consumables::add_consumable_item,
            commands::consumables::edit_consumable_item,
            commands::consumables::set_consumable_item_active,
            commands::consumables::post_consumable,
            commands::consumables::void_consumable,
            commands::consumables::consumable_moves,
            commands::consumables::consumable_move,
            commands::consumables::consumable_stats,
            commands::consumables::consumable_budget,
            commands::consumables::set_consumable_budget,
            commands::consumables::export_consumables,
            commands::consumables::print_consumable_stats,
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
            // Label printers (issue 18).
            commands::label_printers::label_printer_test,
            commands::label_printers::label_jobs,
            commands::label_printers::retry_label_job,
            // Standard reports (issue 9).
            commands::reports::report_columns,
            commands::reports::preview_report,
            commands::reports::export_report,
            // Scanning: the PDA round trip (issue 19).
            commands::pda::export_stocktake_expected,
            commands::pda::stocktake_import_file,
            commands::hid::list_hid_scanners,
            commands::hid::hid_connect,
            commands::hid::hid_disconnect,
            // The clerk's first hour (issue 27).
            commands::valuation::new_asset_defaults,
            commands::documents::selection_actions,
            commands::labels::import_label_template_file,
            // Paper printing: print preview and the system print dialog (issue 18).
            commands::paper::paper_preview,
            commands::paper::paper_page,
            commands::paper::paper_printers,
            commands::paper::paper_print,
            commands::paper::paper_cancel,
            commands::paper::paper_save,
            commands::paper::paper_close,
            commands::paper_dialog::paper_system_dialog,
            // Label printers (issue 18): the setup's picker, cancelling a job being sent.
            commands::labels::label_printer_choices,
            commands::labels::cancel_label_print,
            // Native choosers instead of typed paths (issue 27, item 7).
            commands::choose::choose_backup_file,
            commands::choose::choose_folder,
            commands::choose::choose_save_file,
            // Users and approvals (issue 20).
            commands::users::users_list,
            commands::users::users_add,
            commands::users::users_change,
            commands::users::users_reset_password,
            commands::users::approval_settings,
            commands::users::set_approval_setting,
            commands::users::pending_approvals,
            commands::users::approve_document,
            commands::users::reject_document,
            // Repairs, suppliers, maintenance and warranties (issue 22).
            commands::repairs::repair_list,
            commands::repairs::repair_detail,
            commands::repairs::repair_open,
            commands::repairs::repair_accept,
            commands::repairs::repair_send,
            commands::repairs::repair_complete,
            commands::repairs::repair_verify,
            commands::repairs::repair_cost,
            commands::repairs::repair_cannot_fix,
            commands::repairs::repair_export,
            commands::repairs::repair_report,
            commands::repairs::repair_report_export,
            commands::repairs::supplier_list,
            commands::repairs::supplier_add,
            commands::repairs::supplier_edit,
            commands::repairs::supplier_set_active,
            commands::repairs::maintenance_plans,
            commands::repairs::maintenance_due,
            commands::repairs::maintenance_add,
            commands::repairs::maintenance_done,
            commands::repairs::maintenance_set_active,
            commands::repairs::maintenance_edit,
            commands::repairs::warranty_ending,
            // Accounting regimes, value changes, vouchers (issue 21).
            commands::valuation::accounting_regime,
            commands::valuation::set_accounting_regime,
            commands::valuation::set_category_min_life,
            // The tax schedule (issue 21).
            commands::tax_depreciation::tax_settings,
            commands::tax_depreciation::set_tax_setting,
            commands::tax_depreciation::tax_report,
            commands::tax_depreciation::export_tax_report,
            // Putting mistakes right (issue 20).
            commands::import::import_batches,
            commands::import::void_import,
            commands::corrections::void_blockers,
            commands::corrections::card_changes,
            commands::corrections::extend_loan,
            commands::corrections::stocktake_review,
            commands::corrections::stocktake_review_line,
            // Value-change documents (issue 21).
            commands::value_changes::record_value_change,
            commands::value_changes::asset_value_changes,
            // Category tree, voucher accounts, the depreciation voucher (issue 21).
            commands::allocation::category_tree,
            commands::allocation::add_category,
            commands::allocation::move_category,
            commands::allocation::seed_categories,
            commands::allocation::voucher_accounts,
            commands::allocation::set_account_defaults,
            commands::allocation::set_category_accounts,
            commands::allocation::set_dept_accounts,
            commands::allocation::depreciation_voucher,
            commands::allocation::export_voucher,
            commands::allocation::read_category_map,
            // Import batches in the app, sessions checked on every call (issue 20).
            commands::import::export_import_batches,
            // The PostgreSQL hub (issue 24): the indicator and the 数据中心 page.
            commands::hub::hub_sync_state,
            commands::hub::hub_sync_now,
            commands::hub::hub_join,
            commands::hub::hub_overview,
            commands::hub::hub_conflicts,
            commands::hub::export_hub_conflicts,
            commands::hub::hub_retry,
            commands::hub::hub_verify,
            commands::hub::hub_set_interval,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("AssetDesk could not start its window");
}
