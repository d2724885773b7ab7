//! `assetdesk settings ...`: ledger settings set from the command line. So far the
//! approval settings (issue 20): `settings set approval.scrap on`.

use api::approvals::{ApprovalSettingDto, SetApprovalDto};
use api::{Error, Result};
use clap::Subcommand;
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::Output;
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// The settings and their values (approval.transfer, approval.scrap, …).
    List,
    /// Set one: `approval.KIND on|off` makes documents of KIND (transfer, scrap,
    /// dispose or disposal, write-off) wait for approval (待审批).
    Set { key: String, value: String },
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

pub fn settings(cli: &Cli, out: &Output, cmd: &SettingsCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        SettingsCommand::List => {
            let all = api::approvals::settings(cx)?;
            out.result(Value::Array(all.iter().map(setting_json).collect()), || {
                all.iter().map(|s| format!("{}\t{}", s.key, if s.required { "on" } else { "off" })).collect::<Vec<_>>().join("\n")
            });
        }
        SettingsCommand::Set { key, value } => {
            let Some(kind) = key.trim().strip_prefix("approval.") else {
                let keys: Vec<String> = api::approvals::settings(cx)?.into_iter().map(|s| s.key).collect();
                return Err(Error::invalid(
                    "key",
                    format!("unknown setting {}; settings set knows {}", api::clip_quotes(&format!("'{key}'")), keys.join(", ")),
                    format!("未知设置「{key}」；可设置：{}", keys.join("、")),
                ));
            };
            let s = api::approvals::set_setting(cx, SetApprovalDto { kind: kind.to_string(), required: on_off(key, value)? })?;
            out.result(setting_json(&s), || format!("{} = {}", s.key, if s.required { "on" } else { "off" }));
        }
    }
    Ok(())
}
