//! Value-change documents (issue 21): thin commands over `api::value_changes`.

use api::value_changes::{self, ValueChangeDto, ValueChangeEntryDto, ValueChangeRequestDto};
use api::AssetCode;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// 改扩建 / 减值 / 评估 on one asset (held as 待审批 when approval is on).
#[tauri::command]
pub async fn record_value_change(state: State<'_, AppState>, request: ValueChangeRequestDto) -> ApiResult<ValueChangeDto> {
    state.call(|cx| value_changes::record(cx, request))
}

/// The asset's value changes for its value tab.
#[tauri::command]
pub async fn asset_value_changes(state: State<'_, AppState>, code: AssetCode) -> ApiResult<Vec<ValueChangeEntryDto>> {
    state.call(|cx| value_changes::list(cx, &code))
}
