//! `assetdesk settings get|set KEY [VALUE]` (issue 21): ledger settings by key, through
//! the api crate. Keys: `accounting.regime` (enterprise | government; changeable only
//! before the first depreciation run).

use api::valuation;
use api::{Error, Result};
use clap::Subcommand;
use serde_json::json;

use crate::args::Cli;
use crate::output::Output;
use crate::session::login;

/// The keys `settings` knows.
const KEYS: &[&str] = &["accounting.regime"];

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// Print a setting (without KEY: every one).
    Get {
        #[arg(value_name = "KEY")]
        key: Option<String>,
    },
    /// Change a setting, e.g. `settings set accounting.regime government`.
    Set {
        #[arg(value_name = "KEY")]
        key: String,
        #[arg(value_name = "VALUE")]
        value: String,
    },
}

fn unknown(key: &str) -> Error {
    Error::invalid(
        "key",
        format!("unknown setting '{}'; known: {}", api::quoted(key), KEYS.join(", ")),
        format!("未知的设置项「{}」，可选：{}", api::quoted(key), KEYS.join("、")),
    )
}

pub fn settings(cli: &Cli, out: &Output, cmd: &SettingsCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let (key, regime) = match cmd {
        SettingsCommand::Get { key } => {
            if let Some(k) = key.as_deref().filter(|k| !KEYS.contains(&k.trim())) {
                return Err(unknown(k));
            }
            ("accounting.regime", valuation::regime(cx)?)
        }
        SettingsCommand::Set { key, value } => {
            if key.trim() != "accounting.regime" {
                return Err(unknown(key));
            }
            ("accounting.regime", valuation::set_regime(cx, value)?)
        }
    };
    out.result(json!({key: regime.regime, "label": regime.label, "changeable": regime.changeable}), || {
        format!("{key} = {} ({}){}", regime.regime, regime.label, if regime.changeable { "" } else { ", fixed: depreciation has been run" })
    });
    Ok(())
}
