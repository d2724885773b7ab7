//! `assetdesk doc value-change CODE --kind add|impair|revalue --amount A --reason R` and
//! `doc value-changes CODE` (issue 21): flags → one api call → text or JSON.

use api::value_changes::{ValueChangeDto, ValueChangeEntryDto, ValueChangeRequestDto};
use api::{AssetCode, Ctx, Result};
use serde_json::{json, Value};

use crate::output::Output;

fn result_json(d: &ValueChangeDto) -> Value {
    json!({"doc": d.doc, "code": d.code, "kind": d.kind, "date": d.date, "amount": d.amount, "effective": d.effective,
        "cost_before": d.cost_before, "cost_after": d.cost_after, "net_before": d.net_before, "net_after": d.net_after,
        "impairment": d.impairment, "state": if d.pending { "awaiting_approval" } else { "posted" }})
}

#[allow(clippy::too_many_arguments)]
pub fn record(cx: &mut Ctx, out: &Output, code: &str, kind: &str, amount: &str, reason: &str, date: &str, notes: &str) -> Result<()> {
    let request = ValueChangeRequestDto {
        code: AssetCode::from(code),
        kind: kind.into(),
        amount: amount.into(),
        date: date.into(),
        reason: reason.into(),
        notes: notes.into(),
    };
    let d = api::value_changes::record(cx, request)?;
    out.result(result_json(&d), || {
        let head = format!("{} {} {}: 原值 {} -> {}, 净值 {} -> {}, from {}", d.doc, d.kind_label, d.code, d.cost_before, d.cost_after, d.net_before, d.net_after, d.effective);
        if d.pending {
            format!("{head} (awaiting approval; nothing changed yet)")
        } else {
            head
        }
    });
    Ok(())
}

fn entry_json(e: &ValueChangeEntryDto) -> Value {
    json!({"doc": e.doc, "kind": e.kind, "date": e.date, "effective": e.effective, "amount": e.amount,
        "cost_before": e.cost_before, "cost_after": e.cost_after, "net_before": e.net_before, "net_after": e.net_after,
        "impairment": e.impairment, "reason": e.reason, "operator": e.operator, "state": e.state})
}

pub fn list(cx: &mut Ctx, out: &Output, code: &str) -> Result<()> {
    let rows = api::value_changes::list(cx, &AssetCode::from(code))?;
    out.result(Value::Array(rows.iter().map(entry_json).collect()), || {
        rows.iter()
            .map(|e| format!("{}\t{}\t{}\t{}\t{} -> {}\t{}", e.doc, e.date, e.kind_label, e.amount, e.net_before, e.net_after, e.state))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
