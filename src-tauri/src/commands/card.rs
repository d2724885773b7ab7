//! The card's extras: custom fields and attachments.

use api::card::{CardExtrasDto, CustomFieldDto};
use api::{AssetCode, AttachmentId};
use tauri::ipc::Response;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn card_extras(state: State<'_, AppState>, code: AssetCode) -> ApiResult<CardExtrasDto> {
    state.call(|cx| api::card::extras(cx, &code))
}

#[tauri::command]
pub async fn set_custom_values(state: State<'_, AppState>, code: AssetCode, values: Vec<(String, String)>) -> ApiResult<()> {
    state.call(|cx| api::card::set_custom_values(cx, &code, &values))
}

#[tauri::command]
pub async fn list_custom_fields(state: State<'_, AppState>) -> ApiResult<Vec<CustomFieldDto>> {
    state.call(api::card::custom_fields)
}

#[tauri::command]
pub async fn define_custom_field(state: State<'_, AppState>, field: CustomFieldDto) -> ApiResult<()> {
    state.call(|cx| api::card::define_custom_field(cx, field))
}

#[tauri::command]
pub async fn attach_file(state: State<'_, AppState>, code: AssetCode, name: String, mime: String, bytes: Vec<u8>) -> ApiResult<AttachmentId> {
    state.call(|cx| api::card::attach(cx, &code, &name, &mime, &bytes))
}

/// The attachment's bytes, raw (an ArrayBuffer in the UI, not a JSON array).
#[tauri::command]
pub async fn attachment_data(state: State<'_, AppState>, id: AttachmentId) -> ApiResult<Response> {
    state.call(|cx| Ok(Response::new(api::card::attachment_data(cx, id)?)))
}

#[tauri::command]
pub async fn remove_attachment(state: State<'_, AppState>, id: AttachmentId) -> ApiResult<()> {
    state.call(|cx| api::card::remove_attachment(cx, id))
}
