//! `assetdesk`: the command line over the same core as the desktop app. See
//! ../shared/CLI.md for the contract (names, flags, JSON fields, exit codes).

mod args;
// Category tree, accounts and the depreciation voucher (issue 21).
mod allocation;
// The audit log and backups, through the api crate.
mod audit;
mod backup;
// Assets and registers, through the api crate.
mod assets;
mod commands;
// Custom fields on cards, lists, exports and imports (issue 21).
mod custom_fields;
// Voids of registrations and imports, document filters, loan extension, stocktake review (issue 20).
mod corrections;
// Low-value consumables (issue 7).
mod consumables;
// Depreciation (issue 6).
mod depreciation;
mod docs;
mod export;
mod labels;
mod output;
mod password;
// Paper printing through the system's printers (issue 18).
mod print;
mod printers;
// Standard reports (issue 9).
mod reports;
// Repairs, suppliers, maintenance and warranties (issue 22).
mod repairs;
mod session;
mod stocktake;
// Users and settings (issues 20, 21).
mod settings;
// The PostgreSQL hub, preview (issue 24).
mod hub;
mod users;
// Value-change documents (issue 21).
mod value_changes;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::output::Output;

/// `ASSETDESK_TEST_ABORT_AFTER_COMMIT=ACTION`: abort the process right after the commit
/// whose newest audit entry is ACTION, before the anchor is written (the crash the
/// tamper tests need to prove gives no false alarm). Unset in normal use.
fn install_test_hooks() {
    if std::env::var_os("ASSETDESK_TEST_ABORT_AFTER_COMMIT").is_some() {
        api::set_after_commit_hook(|action| {
            if std::env::var("ASSETDESK_TEST_ABORT_AFTER_COMMIT").is_ok_and(|a| a == action) {
                std::process::abort();
            }
        });
    }
}

fn main() -> ExitCode {
    // `assetdesk asset list | head`: when the reader goes away, stop quietly as Unix tools
    // do (Rust ignores SIGPIPE, so printing would panic instead).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    install_test_hooks();
    let cli = Cli::parse();
    let out = Output::new(cli.json);
    match commands::run(&cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            out.error(&err);
            ExitCode::from(1)
        }
    }
}
