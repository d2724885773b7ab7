//! The card's extras: admin-defined custom fields and attachments.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AssetCode, AttachmentId};
use crate::{Ctx, Result};

/// A custom field as the administrator defines it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "CustomField")]
pub struct CustomFieldDto {
    pub name: String,
    /// "text", "number" or "date".
    pub kind: String,
    pub required: bool,
    pub active: bool,
}

/// A custom field's value on one card.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "CustomValue")]
pub struct CustomValueDto {
    pub name: String,
    #[ts(type = "'text' | 'number' | 'date'")]
    pub kind: String,
    pub required: bool,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Attachment")]
pub struct AttachmentDto {
    #[ts(type = "number")]
    pub id: AttachmentId,
    pub name: String,
    pub mime: String,
    #[ts(type = "number")]
    pub size: i64,
    pub added_at: String,
    pub added_by: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "CardExtras")]
pub struct CardExtrasDto {
    pub custom: Vec<CustomValueDto>,
    pub attachments: Vec<AttachmentDto>,
}

/// The card's custom values (with their field's kind) and attachments.
pub fn extras(cx: &mut Ctx, code: &AssetCode) -> Result<CardExtrasDto> {
    let fields = cx.ledger.custom_fields(cx.actor)?;
    let custom = cx
        .ledger
        .custom_values(cx.actor, code.as_str())?
        .into_iter()
        .map(|(name, value)| {
            let f = fields.iter().find(|f| f.name == name);
            CustomValueDto { kind: f.map(|f| f.kind.clone()).unwrap_or_default(), required: f.is_some_and(|f| f.required), name, value }
        })
        .collect();
    let attachments = cx
        .ledger
        .attachments(cx.actor, code.as_str())?
        .into_iter()
        .map(|a| AttachmentDto { id: AttachmentId(a.id), name: a.name, mime: a.mime, size: a.size, added_at: a.added_at, added_by: a.added_by })
        .collect();
    Ok(CardExtrasDto { custom, attachments })
}

/// `NAME=VALUE` as the CLI's `asset set-field` takes it, as a (field name, value) pair.
pub fn parse_value_pair(arg: &str) -> Result<(String, String)> {
    match arg.split_once('=') {
        Some((name, value)) => Ok((name.trim().to_string(), value.to_string())),
        None => Err(ledger::Error::invalid("field", format!("'{}' is not NAME=VALUE", ledger::quoted(arg)), format!("「{}」不是 名称=值", ledger::quoted(arg)))),
    }
}

/// Sets custom values as (field name, value) pairs.
pub fn set_custom_values(cx: &mut Ctx, code: &AssetCode, values: &[(String, String)]) -> Result<()> {
    cx.ledger.set_custom_values(cx.actor, code.as_str(), values)
}

pub fn custom_fields(cx: &mut Ctx) -> Result<Vec<CustomFieldDto>> {
    Ok(cx.ledger.custom_fields(cx.actor)?.into_iter().map(|f| CustomFieldDto { name: f.name, kind: f.kind, required: f.required, active: f.active }).collect())
}

/// Defines a custom field or changes one (by name).
pub fn define_custom_field(cx: &mut Ctx, field: CustomFieldDto) -> Result<()> {
    cx.ledger.define_custom_field(cx.actor, &ledger::CustomField { name: field.name, kind: field.kind, required: field.required, active: field.active })
}

/// Attaches a file to the card; returns the attachment's id.
pub fn attach(cx: &mut Ctx, code: &AssetCode, name: &str, mime: &str, bytes: &[u8]) -> Result<AttachmentId> {
    Ok(AttachmentId(cx.ledger.attach(cx.actor, code.as_str(), name, mime, bytes)?))
}

/// The attachment's bytes.
pub fn attachment_data(cx: &mut Ctx, id: AttachmentId) -> Result<Vec<u8>> {
    Ok(cx.ledger.attachment_data(cx.actor, id.0)?.1)
}

pub fn remove_attachment(cx: &mut Ctx, id: AttachmentId) -> Result<()> {
    cx.ledger.remove_attachment(cx.actor, id.0)
}
