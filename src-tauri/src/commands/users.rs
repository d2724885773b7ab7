//! Users and approvals (issue 20): thin commands over crates/api (users.rs, approvals.rs).

use api::approvals::{ApprovalSettingDto, ApproveDto, PendingApprovalDto, SetApprovalDto};
use api::users::{NewUserDto, UserChangeDto, UserDto};
use api::DocNo;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn users_list(state: State<'_, AppState>) -> ApiResult<Vec<UserDto>> {
    state.call(api::users::list)
}

#[tauri::command]
pub async fn users_add(state: State<'_, AppState>, user: NewUserDto) -> ApiResult<UserDto> {
    state.call(|cx| api::users::add(cx, user))
}

/// Disable, enable, another role or department.
#[tauri::command]
pub async fn users_change(state: State<'_, AppState>, change: UserChangeDto) -> ApiResult<UserDto> {
    state.call(|cx| api::users::change(cx, change))
}

/// An administrator sets a temporary password for another user.
#[tauri::command]
pub async fn users_reset_password(state: State<'_, AppState>, user: String, password: String) -> ApiResult<()> {
    state.call(|cx| api::users::reset_password(cx, &user, &password))
}

#[tauri::command]
pub async fn approval_settings(state: State<'_, AppState>) -> ApiResult<Vec<ApprovalSettingDto>> {
    state.call(api::approvals::settings)
}

#[tauri::command]
pub async fn set_approval_setting(state: State<'_, AppState>, request: SetApprovalDto) -> ApiResult<ApprovalSettingDto> {
    state.call(|cx| api::approvals::set_setting(cx, request))
}

/// The 待审批 queue (an approver: all of it; anyone else: their own).
#[tauri::command]
pub async fn pending_approvals(state: State<'_, AppState>) -> ApiResult<Vec<PendingApprovalDto>> {
    state.call(api::approvals::pending)
}

#[tauri::command]
pub async fn approve_document(state: State<'_, AppState>, doc_no: DocNo) -> ApiResult<ApproveDto> {
    state.call(|cx| api::approvals::approve(cx, &doc_no))
}

#[tauri::command]
pub async fn reject_document(state: State<'_, AppState>, doc_no: DocNo, reason: String) -> ApiResult<()> {
    state.call(|cx| api::approvals::reject(cx, &doc_no, &reason))
}
