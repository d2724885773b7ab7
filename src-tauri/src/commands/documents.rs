//! Lifecycle documents.

use api::assets::PageDto;
use api::documents::{DocQueryDto, DocRequestDto, DocumentDetailDto, DocumentRowDto, LoanDto, SelectionActionDto};
use api::{AssetCode, DocNo};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Posts a document; returns its number.
#[tauri::command]
pub async fn post_document(state: State<'_, AppState>, request: DocRequestDto) -> ApiResult<DocNo> {
    state.call(|cx| api::documents::post(cx, request))
}

#[tauri::command]
pub async fn void_document(state: State<'_, AppState>, doc_no: DocNo, reason: String) -> ApiResult<DocNo> {
    state.call(|cx| api::documents::void(cx, &doc_no, &reason))
}

#[tauri::command]
pub async fn list_documents(state: State<'_, AppState>, query: DocQueryDto) -> ApiResult<PageDto<DocumentRowDto>> {
    state.call(|cx| api::documents::list(cx, query))
}

#[tauri::command]
pub async fn get_document(state: State<'_, AppState>, doc_no: DocNo) -> ApiResult<DocumentDetailDto> {
    state.call(|cx| api::documents::detail(cx, &doc_no))
}

#[tauri::command]
pub async fn open_loans(state: State<'_, AppState>) -> ApiResult<Vec<LoanDto>> {
    state.call(api::documents::open_loans)
}

#[tauri::command]
pub async fn confirm_transfer(state: State<'_, AppState>, doc_no: DocNo) -> ApiResult<()> {
    state.call(|cx| api::documents::confirm_transfer(cx, &doc_no))
}

#[tauri::command]
pub async fn reject_transfer(state: State<'_, AppState>, doc_no: DocNo, reason: String) -> ApiResult<()> {
    state.call(|cx| api::documents::reject_transfer(cx, &doc_no, &reason))
}

/// What the ledger's selection bar offers for `codes` (issue 27): each of `kinds`,
/// allowed or not and why.
#[tauri::command]
pub async fn selection_actions(state: State<'_, AppState>, codes: Vec<AssetCode>, kinds: Vec<String>) -> ApiResult<Vec<SelectionActionDto>> {
    state.call(|cx| api::documents::selection_actions(cx, &codes, &kinds))
}
