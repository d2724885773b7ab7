//! The system parameters page (系统参数): the organisation's name and asset-code rule,
//! and the operating parameters (backup schedule, screen lock, reminders, transfer
//! confirmation, document numbers, default salvage rate).

use ledger::{CodeRule, Parameters};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Ctx, Error, Result};

/// Everything the page edits: the organisation's two fields and the ledger's own
/// `Parameters` (one field list, derived in crates/ledger).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "Parameters")]
pub struct ParametersDto {
    pub org_name: String,
    pub asset_code_rule: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub parameters: Parameters,
}

pub fn get(cx: &mut Ctx) -> Result<ParametersDto> {
    let s = cx.ledger.settings()?;
    Ok(ParametersDto { org_name: s.org_name, asset_code_rule: s.asset_code_rule, parameters: cx.ledger.parameters()? })
}

/// Saves the page. The organisation's fields are checked before anything is written,
/// so a refusal changes nothing.
pub fn update(cx: &mut Ctx, page: ParametersDto) -> Result<()> {
    let mut settings = cx.ledger.settings()?;
    settings.org_name = page.org_name;
    settings.asset_code_rule = page.asset_code_rule;
    CodeRule::parse(&settings.asset_code_rule)?;
    if settings.org_name.trim().is_empty() {
        return Err(Error::invalid("org_name", "organisation name is required", "单位名称不能为空"));
    }
    cx.ledger.update_parameters(cx.actor, &page.parameters)?;
    cx.ledger.update_settings(cx.actor, &settings)
}
