//! The PostgreSQL hub in the app (issue 24): the indicator, 立即同步, and the 数据中心 page.
//! Thin over crates/api/src/hub.rs; what waits on the network runs beside the session
//! (`AppState::side_call`), one round at a time.

use api::ExportDto;
use api::hub::{HubConflictDto, HubConflictQueryDto, HubJoinRequestDto, HubMembershipDto, HubOverviewDto, HubSyncDto, HubSyncStateDto, HubVerifyDto};
use tauri::{AppHandle, Manager, State};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Runs `f` off the async runtime's workers: the PostgreSQL client is synchronous and
/// drives a runtime of its own, which cannot start on a thread already driving one.
async fn off_runtime<T: Send + 'static>(app: AppHandle, f: impl FnOnce(&AppHandle, &AppState) -> ApiResult<T> + Send + 'static) -> ApiResult<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app, &app.state::<AppState>()))
        .await
        .map_err(|e| ApiError::internal(e))?
}

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
    off_runtime(app, |app, _| crate::hub_sync::round(app)).await
}

#[tauri::command]
pub async fn hub_join(app: AppHandle, request: HubJoinRequestDto) -> ApiResult<HubMembershipDto> {
    off_runtime(app, |_, state| {
        let joined = state.side_call(|cx| api::hub::join(cx, request))?;
        state.hub.poke(true);
        Ok(joined)
    })
    .await
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
pub async fn hub_retry(app: AppHandle) -> ApiResult<HubSyncDto> {
    off_runtime(app, |_, state| {
        let result = state.side_call(api::hub::retry)?;
        state.hub.poke(false);
        Ok(result)
    })
    .await
}

#[tauri::command]
pub async fn hub_verify(app: AppHandle) -> ApiResult<HubVerifyDto> {
    off_runtime(app, |_, state| state.side_call(api::hub::verify)).await
}

#[tauri::command]
pub async fn hub_set_interval(state: State<'_, AppState>, seconds: u32) -> ApiResult<u32> {
    state.call(|cx| api::hub::set_interval(cx, seconds))
}
