//! First run, login and the session: thin over `api::Desk`.

use api::desk::{AppStatusDto, SetupDto};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Where the app stands: set up or not, and who is logged in. Opens the ledger if needed.
#[tauri::command]
pub async fn app_status(app: tauri::AppHandle, state: State<'_, AppState>) -> ApiResult<AppStatusDto> {
    if let Some(message) = &state.instance_error {
        return Err(crate::error::ApiError { code: "already_running", message: message.clone(), fields: Vec::new() });
    }
    state.with_session(|desk| {
        if desk.open_existing(&state.data_dir)? {
            // A damaged page anywhere past the header is found by a full check in the background.
            crate::commands::recovery::check_in_background(app, state.data_dir.clone(), desk.lang());
        }
        desk.status(&state.data_dir)
    })
}

#[tauri::command]
pub async fn setup_ledger(state: State<'_, AppState>, input: SetupDto) -> ApiResult<AppStatusDto> {
    state.with_session(|desk| {
        desk.setup(&state.data_dir, input)?;
        desk.status(&state.data_dir)
    })
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, name: String, password: String) -> ApiResult<AppStatusDto> {
    state.with_session(|desk| {
        desk.login(&name, &password)?;
        desk.status(&state.data_dir)
    })
}

/// Logs out (退出登录, also the first half of 切换用户): nobody is logged in, and nothing
/// the previous user left in the shell (an uploaded import file) is kept for the next.
#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> ApiResult<AppStatusDto> {
    *state.import_upload.lock().unwrap_or_else(|p| p.into_inner()) = None;
    state.with_session(|desk| {
        desk.logout();
        desk.status(&state.data_dir)
    })
}

/// The UI language: also the language of error messages from here on.
#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: String) -> ApiResult<AppStatusDto> {
    state.with_session(|desk| {
        desk.set_language(&lang)?;
        desk.status(&state.data_dir)
    })
}
