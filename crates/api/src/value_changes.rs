//! Value-change documents (价值变动单, issue 21): 改扩建 `add`, 减值 `impair` (enterprise
//! regime only), 评估 `revalue` (the amount is the appraised value, which becomes the net
//! value). The rules live in `ledger::Ledger::record_value_change`; this is the wire.

use ledger::{format_money, Lang, ValueChangeEntry, ValueChangeInput, ValueChangeKind, ValueChangeOutcome};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::AssetCode;
use crate::{Ctx, Result};

/// The value change kinds' keys (add, impair, revalue), for the generated union type.
pub fn kind_keys() -> Vec<&'static str> {
    ValueChangeKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// A value change as the clerk typed it. Money as typed ("1,234.56"); date YYYY-MM-DD
/// (empty or left out: today).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(rename = "ValueChangeRequest")]
pub struct ValueChangeRequestDto {
    #[ts(type = "string")]
    pub code: AssetCode,
    #[ts(type = "ValueChangeKind")]
    pub kind: String,
    pub amount: String,
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub date: String,
    pub reason: String,
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub notes: String,
}

/// What a value change did (while `pending`, what it will do as the asset stands now).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ValueChangeResult")]
pub struct ValueChangeDto {
    pub doc: String,
    pub code: String,
    #[ts(type = "ValueChangeKind")]
    pub kind: String,
    pub kind_label: String,
    pub date: String,
    pub amount: String,
    /// The first month charged on the new value (YYYY-MM).
    pub effective: String,
    pub cost_before: String,
    pub cost_after: String,
    pub net_before: String,
    pub net_after: String,
    pub impairment: String,
    /// Waits for approval (待审批): nothing changed yet.
    pub pending: bool,
}

impl ValueChangeDto {
    fn new(o: ValueChangeOutcome, lang: Lang) -> Self {
        ValueChangeDto {
            doc: o.doc_no,
            code: o.code,
            kind: o.kind.as_str().into(),
            kind_label: o.kind.label(lang).into(),
            date: o.date.to_string(),
            amount: format_money(o.amount),
            effective: o.effective.to_string(),
            cost_before: format_money(o.cost_before),
            cost_after: format_money(o.cost_after),
            net_before: format_money(o.net_before),
            net_after: format_money(o.net_after),
            impairment: format_money(o.impairment_after),
            pending: o.pending,
        }
    }
}

/// One value change on the asset's value tab.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ValueChangeEntry")]
pub struct ValueChangeEntryDto {
    pub doc: String,
    #[ts(type = "ValueChangeKind")]
    pub kind: String,
    pub kind_label: String,
    pub date: String,
    pub effective: String,
    pub amount: String,
    pub cost_before: String,
    pub cost_after: String,
    pub net_before: String,
    pub net_after: String,
    pub impairment: String,
    pub reason: String,
    pub operator: String,
    #[ts(type = "'posted' | 'voided' | 'pending' | 'rejected'")]
    pub state: String,
}

impl ValueChangeEntryDto {
    fn new(e: ValueChangeEntry, lang: Lang) -> Self {
        ValueChangeEntryDto {
            doc: e.doc_no,
            kind: e.kind.as_str().into(),
            kind_label: e.kind.label(lang).into(),
            date: e.date.to_string(),
            effective: e.effective.to_string(),
            amount: format_money(e.amount),
            cost_before: format_money(e.cost_before),
            cost_after: format_money(e.cost_after),
            net_before: format_money(e.net_before),
            net_after: format_money(e.net_after),
            impairment: format_money(e.impairment),
            reason: e.reason,
            operator: e.operator,
            state: e.state,
        }
    }
}

/// Records a value-change document on one asset.
pub fn record(cx: &mut Ctx, request: ValueChangeRequestDto) -> Result<ValueChangeDto> {
    let input = ValueChangeInput {
        code: request.code.0,
        kind: request.kind,
        amount: request.amount,
        date: request.date,
        reason: request.reason,
        notes: request.notes,
    };
    let outcome = cx.ledger.record_value_change(cx.actor, &input)?;
    Ok(ValueChangeDto::new(outcome, cx.lang))
}

/// The asset's value changes, oldest first.
pub fn list(cx: &mut Ctx, code: &AssetCode) -> Result<Vec<ValueChangeEntryDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.value_changes(cx.actor, code.as_str())?.into_iter().map(|e| ValueChangeEntryDto::new(e, lang)).collect())
}
