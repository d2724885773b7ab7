//! Putting mistakes right (issue 20): what stops a registration being voided, the
//! fields a card change changed (so it can be put back by voiding it), and extending a
//! loan. Voiding itself is `documents::void` (a registration, an import batch's
//! document or a card change, like any other document).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AssetCode, DocNo};
use crate::{Ctx, Result};

/// One asset that stops a registration (or import batch) being voided.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "VoidBlocker")]
pub struct VoidBlockerDto {
    /// The spreadsheet row, for an imported asset.
    #[ts(type = "number | null")]
    pub row: Option<usize>,
    pub code: String,
    /// The later document (or depreciation period, stocktake) that holds it.
    pub blocked_by: String,
    pub message: String,
}

/// What stops registration `doc_no` being voided now; empty: it can be voided.
pub fn void_blockers(cx: &mut Ctx, doc_no: &DocNo) -> Result<Vec<VoidBlockerDto>> {
    let lang = cx.lang;
    Ok(cx
        .ledger
        .void_blockers(cx.actor, doc_no.as_str())?
        .into_iter()
        .map(|b| VoidBlockerDto { row: b.row, code: b.code, blocked_by: b.blocked_by, message: b.error.message(lang).to_string() })
        .collect())
}

/// One field a card change changed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "CardChange")]
pub struct CardChangeDto {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The fields card change `doc_no` changed, before and after.
pub fn card_changes(cx: &mut Ctx, doc_no: &DocNo) -> Result<Vec<CardChangeDto>> {
    Ok(cx.ledger.card_changes(cx.actor, doc_no.as_str())?.into_iter().map(|c| CardChangeDto { field: c.field, before: c.before, after: c.after }).collect())
}

/// A loan's new due date.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "LoanExtension")]
pub struct LoanExtensionDto {
    pub code: String,
    /// YYYY-MM-DD, later than the current due date.
    pub due: String,
    #[ts(optional, as = "Option<String>")]
    pub notes: String,
}

/// Extends the loan of an asset to a new due date (a 续借 document); returns its number.
pub fn extend_loan(cx: &mut Ctx, request: &LoanExtensionDto) -> Result<DocNo> {
    let code = AssetCode::from(request.code.as_str());
    Ok(DocNo(cx.ledger.extend_loan(cx.actor, code.as_str(), &request.due, &request.notes)?))
}
