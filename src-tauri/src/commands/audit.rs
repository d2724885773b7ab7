//! The audit log on the system page, with the tamper check (crates/api/src/audit.rs).

use api::audit::AuditLogDto;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, limit: i64) -> ApiResult<AuditLogDto> {
    state.call(|cx| api::audit::log(cx, limit))
}
