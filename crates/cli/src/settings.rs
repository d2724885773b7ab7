//! `assetdesk settings list|get|set`: ledger settings set from the command line, through
//! the api crate. Keys: `approval.KIND` on|off (issue 20: documents of KIND wait for
//! approval) and `accounting.regime` enterprise|government (issue 21: changeable only
//! before the first depreciation run).

use api::approvals::{ApprovalSettingDto, SetApprovalDto};
use api::valuation;
use api::{Error, Result};
use clap::Subcommand;
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::Output;
use crate::session::login;

const REGIME: &str = "accounting.regime";

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// The settings and their values (approval.transfer, approval.scrap, …, accounting.regime).
    List,
    /// Print a setting (without KEY: the accounting regime).
    Get {
        #[arg(value_name = "KEY")]
        key: Option<String>,
    },
    /// Set one: `approval.KIND on|off` makes documents of KIND (transfer, scrap,
    /// dispose or disposal, write-off) wait for approval (待审批);
    /// `accounting.regime government|enterprise`.
    Set {
        #[arg(value_name = "KEY")]
        key: String,
        #[arg(value_name = "VALUE")]
        value: String,
    },
}

fn setting_json(s: &ApprovalSettingDto) -> Value {
    json!({"key": s.key, "value": if s.required { "on" } else { "off" }})
}

fn on_off(key: &str, value: &str) -> Result<bool> {
    match value.trim() {
        "on" | "true" | "yes" => Ok(true),
        "off" | "false" | "no" => Ok(false),
        other => Err(Error::invalid(
            "value",
            format!("{key} is on or off, not {}", api::clip_quotes(&format!("'{other}'"))),
            format!("{key} 的值须为 on 或 off，而不是「{other}」"),
        )),
    }
}

fn unknown(cx: &mut api::Ctx, key: &str) -> Result<Error> {
    let mut keys: Vec<String> = api::approvals::settings(cx)?.into_iter().map(|s| s.key).collect();
    keys.push(REGIME.to_string());
    Ok(Error::invalid(
        "key",
        format!("unknown setting '{}'; settings set knows {}", api::quoted(key), keys.join(", ")),
        format!("未知设置「{}」；可设置：{}", api::quoted(key), keys.join("、")),
    ))
}

fn show_regime(out: &Output, regime: &valuation::RegimeDto) {
    out.result(json!({REGIME: regime.regime, "label": regime.label, "changeable": regime.changeable}), || {
        format!("{REGIME} = {} ({}){}", regime.regime, regime.label, if regime.changeable { "" } else { ", fixed: depreciation has been run" })
    });
}

pub fn settings(cli: &Cli, out: &Output, cmd: &SettingsCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        SettingsCommand::List => {
            let all = api::approvals::settings(cx)?;
            let regime = valuation::regime(cx)?;
            let mut rows: Vec<Value> = all.iter().map(setting_json).collect();
            rows.push(json!({"key": REGIME, "value": regime.regime}));
            out.result(Value::Array(rows), || {
                let mut lines: Vec<String> = all.iter().map(|s| format!("{}\t{}", s.key, if s.required { "on" } else { "off" })).collect();
                lines.push(format!("{REGIME}\t{}", regime.regime));
                lines.join("\n")
            });
        }
        SettingsCommand::Get { key } => match key.as_deref().map(str::trim) {
            None | Some(REGIME) => show_regime(out, &valuation::regime(cx)?),
            Some(k) => {
                let Some(s) = api::approvals::settings(cx)?.into_iter().find(|s| s.key == k) else {
                    return Err(unknown(cx, k)?);
                };
                out.result(setting_json(&s), || format!("{} = {}", s.key, if s.required { "on" } else { "off" }));
            }
        },
        SettingsCommand::Set { key, value } => {
            if key.trim() == REGIME {
                show_regime(out, &valuation::set_regime(cx, value)?);
            } else if let Some(kind) = key.trim().strip_prefix("approval.") {
                let s = api::approvals::set_setting(cx, SetApprovalDto { kind: kind.to_string(), required: on_off(key, value)? })?;
                out.result(setting_json(&s), || format!("{} = {}", s.key, if s.required { "on" } else { "off" }));
            } else {
                return Err(unknown(cx, key)?);
            }
        }
    }
    Ok(())
}
