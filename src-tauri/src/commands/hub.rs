//! The PostgreSQL hub in the app (issue 24): the indicator, 立即同步, and the 数据中心 page.
//! Thin over crates/api/src/hub.rs; what waits on the network runs beside the session
//! (`AppState::side_call`), one round at a time.

use api::ExportDto;
use api::hub::{HubConflictDto, HubConflictQueryDto, HubJoinRequestDto, HubMembershipDto, HubOverviewDto, HubSyncDto, HubSyncStateDto, HubVerifyDto};
use tauri::{AppHandle, State};

use crate::error::ApiResult;
use crate::state::AppState;

/// The indicator's state: the last round's, or the counts from the ledger before one ran.
#[tauri::command]
pub async fn hub_sync_state(state: State<'_, AppState>) -> ApiResult<HubSyncStateDto> {
    match state.hub.current() {
        Some(s) => Ok(s),
        None => state.call(|cx| api::hub::sync_state(cx, None)),
    }
}

/// 立即同步: a round now (any logged-in user; only a settings manager's pulls).
#[tauri::command]
pub async fn hub_sync_now(app: AppHandle) -> ApiResult<HubSyncStateDto> {
    crate::hub_sync::round(&app)
}

#[tauri::command]
pub async fn hub_join(state: State<'_, AppState>, request: HubJoinRequestDto) -> ApiResult<HubMembershipDto> {
    let joined = state.side_call(|cx| api::hub::join(cx, request))?;
    state.hub.poke(true);
    Ok(joined)
}

#[tauri::command]
pub async fn hub_overview(state: State<'_, AppState>) -> ApiResult<HubOverviewDto> {
    let last = state.hub.current().map(|s| s.state);
    state.call(|cx| api::hub::overview(cx, last.as_deref()))
}

#[tauri::command]
pub async fn hub_conflicts(state: State<'_, AppState>, query: HubConflictQueryDto) -> ApiResult<Vec<HubConflictDto>> {
    state.call(|cx| api::hub::conflicts(cx, &query))
}

/// The conflicts as listed on screen, exported (every list exports).
#[tauri::command]
pub async fn export_hub_conflicts(app: AppHandle, state: State<'_, AppState>, query: HubConflictQueryDto) -> ApiResult<ExportDto> {
    let table = state.call(|cx| api::hub::conflicts_table(cx, &query))?;
    crate::commands::export::write_table(&app, &state, table)
}

/// 重试: every conflict tried again on the desk as it stands now.
#[tauri::command]
pub async fn hub_retry(state: State<'_, AppState>) -> ApiResult<HubSyncDto> {
    let result = state.side_call(api::hub::retry)?;
    state.hub.poke(false);
    Ok(result)
}

#[tauri::command]
pub async fn hub_verify(state: State<'_, AppState>) -> ApiResult<HubVerifyDto> {
    state.side_call(api::hub::verify)
}

#[tauri::command]
pub async fn hub_set_interval(state: State<'_, AppState>, seconds: u32) -> ApiResult<u32> {
    state.call(|cx| api::hub::set_interval(cx, seconds))
}
