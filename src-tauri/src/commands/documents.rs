//! Lifecycle documents.

use tauri::State;

use crate::dto::{DocQueryDto, DocRequestDto, DocumentDetailDto, DocumentRowDto, LoanDto, PageDto};
use crate::error::ApiResult;
use crate::state::AppState;

/// Posts a document; returns its number.
#[tauri::command]
pub async fn post_document(state: State<'_, AppState>, request: DocRequestDto) -> ApiResult<String> {
    state.as_user(|ledger, actor| ledger.post_document(actor, &request.into_request()?))
}

#[tauri::command]
pub async fn void_document(state: State<'_, AppState>, doc_no: String, reason: String) -> ApiResult<String> {
    state.as_user(|ledger, actor| ledger.void_document(actor, &doc_no, &reason))
}

#[tauri::command]
pub async fn list_documents(state: State<'_, AppState>, query: DocQueryDto) -> ApiResult<PageDto<DocumentRowDto>> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        let page = ledger.list_documents(actor, &query.into_query()?)?;
        Ok(PageDto { total: page.total, rows: page.rows.into_iter().map(|r| DocumentRowDto::new(r, lang)).collect() })
    })
}

#[tauri::command]
pub async fn get_document(state: State<'_, AppState>, doc_no: String) -> ApiResult<DocumentDetailDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| Ok(DocumentDetailDto::new(ledger.document(actor, &doc_no)?, lang)))
}

#[tauri::command]
pub async fn open_loans(state: State<'_, AppState>) -> ApiResult<Vec<LoanDto>> {
    state.as_user(|ledger, actor| Ok(ledger.open_loans(actor)?.into_iter().map(Into::into).collect()))
}

/// Writes the document's slip as a PDF into the export folder; returns its path.
#[tauri::command]
pub async fn print_slip(state: State<'_, AppState>, doc_no: String, paper: String) -> ApiResult<String> {
    let lang = state.lang();
    let dir = state.export_dir.clone();
    state.as_user(|ledger, actor| {
        let detail = ledger.document(actor, &doc_no)?;
        let org = ledger.settings()?.org_name;
        let pdf = reports::render_slip(&detail, &org, lang, reports::Paper::parse(&paper).unwrap_or(reports::Paper::A5));
        std::fs::create_dir_all(&dir)?;
        let file = dir.join(format!("{}.pdf", detail.row.doc_no));
        std::fs::write(&file, pdf)?;
        Ok(file.display().to_string())
    })
}

#[tauri::command]
pub async fn confirm_transfer(state: State<'_, AppState>, doc_no: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.confirm_transfer(actor, &doc_no))
}

#[tauri::command]
pub async fn reject_transfer(state: State<'_, AppState>, doc_no: String, reason: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.reject_transfer(actor, &doc_no, &reason))
}

/// What the ledger's selection bar offers for `codes` (issue 27): each of `kinds`,
/// allowed or not and why.
#[tauri::command]
pub async fn selection_actions(state: State<'_, AppState>, codes: Vec<String>, kinds: Vec<String>) -> ApiResult<Vec<crate::dto::selection::SelectionActionDto>> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        let kinds = kinds.iter().map(|k| ledger::DocKind::parse(k)).collect::<ledger::Result<Vec<_>>>()?;
        Ok(ledger.selection_actions(actor, &codes, &kinds)?.into_iter().map(|a| crate::dto::selection::SelectionActionDto::new(a, lang)).collect())
    })
}
