//! The card's extras: custom fields and attachments.

use serde::{Deserialize, Serialize};
use tauri::ipc::Response;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Serialize, Deserialize)]
pub struct CustomFieldDto {
    pub name: String,
    pub kind: String,
    pub required: bool,
    pub active: bool,
}

#[derive(Serialize)]
pub struct CustomValueDto {
    pub name: String,
    pub kind: String,
    pub required: bool,
    pub value: String,
}

#[derive(Serialize)]
pub struct AttachmentDto {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub added_at: String,
    pub added_by: String,
}

#[derive(Serialize)]
pub struct CardExtrasDto {
    pub custom: Vec<CustomValueDto>,
    pub attachments: Vec<AttachmentDto>,
}

#[tauri::command]
pub async fn card_extras(state: State<'_, AppState>, code: String) -> ApiResult<CardExtrasDto> {
    state.as_user(|ledger, actor| {
        let fields = ledger.custom_fields(actor)?;
        let custom = ledger
            .custom_values(actor, &code)?
            .into_iter()
            .map(|(name, value)| {
                let f = fields.iter().find(|f| f.name == name);
                CustomValueDto { kind: f.map(|f| f.kind.clone()).unwrap_or_default(), required: f.is_some_and(|f| f.required), name, value }
            })
            .collect();
        let attachments = ledger
            .attachments(actor, &code)?
            .into_iter()
            .map(|a| AttachmentDto { id: a.id, name: a.name, mime: a.mime, size: a.size, added_at: a.added_at, added_by: a.added_by })
            .collect();
        Ok(CardExtrasDto { custom, attachments })
    })
}

#[tauri::command]
pub async fn set_custom_values(state: State<'_, AppState>, code: String, values: Vec<(String, String)>) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_custom_values(actor, &code, &values))
}

#[tauri::command]
pub async fn list_custom_fields(state: State<'_, AppState>) -> ApiResult<Vec<CustomFieldDto>> {
    state.as_user(|ledger, actor| {
        Ok(ledger.custom_fields(actor)?.into_iter().map(|f| CustomFieldDto { name: f.name, kind: f.kind, required: f.required, active: f.active }).collect())
    })
}

#[tauri::command]
pub async fn define_custom_field(state: State<'_, AppState>, field: CustomFieldDto) -> ApiResult<()> {
    state.as_user(|ledger, actor| {
        ledger.define_custom_field(actor, &ledger::CustomField { name: field.name, kind: field.kind, required: field.required, active: field.active })
    })
}

#[tauri::command]
pub async fn attach_file(state: State<'_, AppState>, code: String, name: String, mime: String, bytes: Vec<u8>) -> ApiResult<i64> {
    state.as_user(|ledger, actor| ledger.attach(actor, &code, &name, &mime, &bytes))
}

/// The attachment's bytes, raw (an ArrayBuffer in the UI, not a JSON array).
#[tauri::command]
pub async fn attachment_data(state: State<'_, AppState>, id: i64) -> ApiResult<Response> {
    state.as_user(|ledger, actor| Ok(Response::new(ledger.attachment_data(actor, id)?.1)))
}

#[tauri::command]
pub async fn remove_attachment(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.remove_attachment(actor, id))
}
