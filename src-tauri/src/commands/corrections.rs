//! Putting mistakes right (issue 20): what blocks a registration's void, a card
//! change's fields, a loan's extension, and the stocktake review.

use api::corrections::{CardChangeDto, LoanExtensionDto, VoidBlockerDto};
use api::stocktake_review::{ReviewLineDto, ReviewRequestDto};
use api::{DocNo, StocktakeId};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn void_blockers(state: State<'_, AppState>, doc_no: DocNo) -> ApiResult<Vec<VoidBlockerDto>> {
    state.call(|cx| api::corrections::void_blockers(cx, &doc_no))
}

#[tauri::command]
pub async fn card_changes(state: State<'_, AppState>, doc_no: DocNo) -> ApiResult<Vec<CardChangeDto>> {
    state.call(|cx| api::corrections::card_changes(cx, &doc_no))
}

#[tauri::command]
pub async fn extend_loan(state: State<'_, AppState>, request: LoanExtensionDto) -> ApiResult<DocNo> {
    state.call(|cx| api::corrections::extend_loan(cx, &request))
}

#[tauri::command]
pub async fn stocktake_review(state: State<'_, AppState>, id: StocktakeId) -> ApiResult<Vec<ReviewLineDto>> {
    state.call(|cx| api::stocktake_review::review(cx, id))
}

#[tauri::command]
pub async fn stocktake_review_line(state: State<'_, AppState>, id: StocktakeId, request: ReviewRequestDto) -> ApiResult<ReviewLineDto> {
    state.call(|cx| api::stocktake_review::decide(cx, id, &request))
}
