//! Who runs a command: the ledger opened and logged in to through the api crate.

use std::path::PathBuf;

use crate::args::Cli;
use crate::output::Output;
use crate::password;

pub fn data_dir(cli: &Cli) -> PathBuf {
    cli.data_dir.clone().unwrap_or_else(api::default_data_dir)
}

/// Opens the ledger and proves who acts (`--user`, else the only administrator; the
/// password from ASSETDESK_PASSWORD or the terminal). Tamper alarms go to stderr.
pub fn login(cli: &Cli) -> api::Result<api::Session> {
    let session = api::Session::login(&data_dir(cli), cli.user.as_deref(), password::current)?;
    let lang = Output::new(false).lang;
    for alarm in session.alarms(lang) {
        eprintln!("assetdesk: {}: {}", if lang == api::Lang::En { "warning" } else { "警告" }, alarm);
    }
    Ok(session)
}
