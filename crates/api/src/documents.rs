//! Lifecycle documents: posting (issue, return, transfer, loan, repair, scrap, …), void,
//! the document list and detail, open loans, transfer confirmation, and what a
//! selection of assets may take.

use ledger::{format_money, DocKind, DocQuery, DocRequest, DocumentDetail, DocumentRow, LoanRow, SelectionAction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AssetCode, DocNo};
use crate::wire::{date, non_empty};
use crate::{Ctx, Result};

/// A document as the clerk fills it in; which fields matter depends on `kind` (see
/// `forms::DOC_FORMS`). Every field but `kind` and `codes` may be left out.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "DocRequest")]
pub struct DocRequestDto {
    #[ts(type = "DocKind")]
    pub kind: String,
    pub codes: Vec<String>,
    #[ts(optional, as = "Option<String>")]
    pub date: String,
    #[ts(optional, as = "Option<String>")]
    pub person: String,
    #[ts(optional, as = "Option<String>")]
    pub dept: String,
    #[ts(optional, as = "Option<String>")]
    pub location: String,
    #[ts(optional, as = "Option<String>")]
    pub due: String,
    #[ts(optional, as = "Option<String>")]
    pub amount: String,
    #[ts(optional, as = "Option<String>")]
    pub method: String,
    #[ts(optional, as = "Option<String>")]
    pub reason: String,
    #[ts(optional, as = "Option<String>")]
    pub cause: String,
    #[ts(optional, as = "Option<String>")]
    pub cause_category: String,
    #[ts(optional, as = "Option<String>")]
    pub handling: String,
    #[ts(optional, as = "Option<String>")]
    pub vendor: String,
    #[ts(optional, as = "Option<String>")]
    pub notes: String,
    #[ts(optional, as = "Option<String>")]
    pub source: String,
    #[ts(optional, as = "Option<String>")]
    pub warranty: String,
    #[ts(optional, as = "Option<String>")]
    pub recheck: String,
}

impl DocRequestDto {
    /// A request of `kind` for `codes` with every other field empty.
    pub fn new(kind: &str, codes: Vec<String>) -> DocRequestDto {
        DocRequestDto { kind: kind.to_string(), codes, ..DocRequestDto::default() }
    }

    pub fn into_request(self) -> Result<DocRequest> {
        Ok(DocRequest {
            date: self.date,
            person: self.person,
            dept: self.dept,
            location: self.location,
            due: self.due,
            amount: self.amount,
            method: self.method,
            reason: self.reason,
            cause: self.cause,
            cause_category: self.cause_category,
            handling: self.handling,
            vendor: self.vendor,
            notes: self.notes,
            source: self.source,
            warranty: self.warranty,
            recheck: self.recheck,
            ..DocRequest::new(DocKind::parse(&self.kind)?, self.codes)
        })
    }
}

/// The document list's filters and page; every field may be left out.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "DocQuery")]
pub struct DocQueryDto {
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional, as = "Option<String>")]
    pub text: String,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    /// Issue 20: a department, a person, a state (posted, pending, voided, rejected).
    #[ts(optional)]
    pub dept: Option<String>,
    #[ts(optional)]
    pub person: Option<String>,
    #[ts(optional)]
    pub state: Option<String>,
    #[ts(optional, as = "Option<i32>")]
    pub offset: i64,
    #[ts(optional, as = "Option<i32>")]
    pub limit: i64,
}

impl DocQueryDto {
    pub fn into_query(self) -> Result<DocQuery> {
        Ok(DocQuery {
            kind: non_empty(&self.kind).map(DocKind::parse).transpose()?,
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            dept: non_empty(&self.dept).map(str::to_string),
            person: non_empty(&self.person).map(str::to_string),
            state: non_empty(&self.state).map(str::to_string),
            text: self.text,
            offset: self.offset,
            limit: self.limit,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DocumentRow")]
pub struct DocumentRowDto {
    pub doc_no: String,
    #[ts(type = "DocKind")]
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub date: String,
    pub operator: String,
    pub counterparty: String,
    #[ts(type = "number")]
    pub asset_count: i64,
    #[ts(type = "'posted' | 'voided' | 'pending' | 'awaiting_approval' | 'rejected'")]
    pub state: String,
    pub notes: String,
}

impl DocumentRowDto {
    pub fn new(r: DocumentRow, lang: ledger::Lang) -> Self {
        DocumentRowDto {
            doc_no: r.doc_no,
            kind: r.kind.as_str(),
            kind_label: r.kind.label(lang),
            date: r.date.to_string(),
            operator: r.operator,
            counterparty: r.counterparty,
            asset_count: r.asset_count,
            state: r.state,
            notes: r.notes,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DocumentLine")]
pub struct DocumentLineDto {
    pub code: String,
    pub name: String,
    #[ts(type = "Status | null")]
    pub prev_status: Option<&'static str>,
    #[ts(type = "Status")]
    pub status: &'static str,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub detail: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DocumentDetail")]
pub struct DocumentDetailDto {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: DocumentRowDto,
    pub person: Option<String>,
    pub to_dept: Option<String>,
    pub to_location: Option<String>,
    pub due: Option<String>,
    pub amount: Option<String>,
    pub method: String,
    pub reason: String,
    pub source: Option<String>,
    pub voided_by: Option<String>,
    pub repair: Option<RepairDto>,
    /// Applicant and approver, if it was held for approval (issue 20).
    pub approval: Option<crate::approvals::ApprovalDto>,
    pub lines: Vec<DocumentLineDto>,
    /// The lines' original values added up.
    pub total_value: String,
}

/// A repair document's record (维修记录).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairRecord")]
pub struct RepairDto {
    pub symptom: String,
    pub cause: String,
    pub cause_category: String,
    pub handling: String,
    pub vendor: String,
    pub under_warranty: Option<bool>,
    pub recheck: String,
}

impl DocumentDetailDto {
    pub fn new(d: DocumentDetail, lang: ledger::Lang) -> Self {
        let total_value = format_money(d.total_value());
        DocumentDetailDto {
            total_value,
            row: DocumentRowDto::new(d.row, lang),
            person: d.person,
            to_dept: d.to_dept,
            to_location: d.to_location,
            due: d.due.map(|x| x.to_string()),
            amount: d.amount.map(format_money),
            method: d.method,
            reason: d.reason,
            source: d.source,
            voided_by: d.voided_by,
            approval: d.approval.map(Into::into),
            repair: d.repair.map(|r| RepairDto {
                symptom: r.symptom,
                cause: r.cause,
                cause_category: r.cause_category,
                handling: r.handling,
                vendor: r.vendor,
                under_warranty: r.under_warranty,
                recheck: r.recheck,
            }),
            lines: d
                .lines
                .into_iter()
                .map(|l| DocumentLineDto {
                    code: l.code,
                    name: l.name,
                    prev_status: l.prev_status.map(|s| s.as_str()),
                    status: l.status.as_str(),
                    dept: l.dept,
                    location: l.location,
                    custodian: l.custodian,
                    detail: l.detail,
                    value: format_money(l.value),
                })
                .collect(),
        }
    }
}

/// An asset out on loan.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Loan")]
pub struct LoanDto {
    pub code: String,
    pub name: String,
    pub borrower: String,
    pub due: String,
    pub doc_no: String,
    #[ts(type = "number")]
    pub overdue_days: i64,
}

impl From<LoanRow> for LoanDto {
    fn from(l: LoanRow) -> Self {
        LoanDto { code: l.code, name: l.name, borrower: l.borrower, due: l.due.to_string(), doc_no: l.doc_no, overdue_days: l.overdue_days }
    }
}

/// Whether the selection may take one kind of document, and if not, why.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "SelectionAction")]
pub struct SelectionActionDto {
    #[ts(type = "DocKind")]
    pub kind: &'static str,
    pub allowed: bool,
    /// The first refusals, as the post would word them.
    pub reasons: Vec<String>,
    /// How many selected assets cannot take it.
    #[ts(type = "number")]
    pub refused: usize,
}

impl SelectionActionDto {
    pub fn new(a: SelectionAction, lang: ledger::Lang) -> Self {
        SelectionActionDto {
            kind: a.kind.as_str(),
            allowed: a.refused == 0,
            reasons: a.refusals.iter().map(|e| e.message(lang).to_string()).collect(),
            refused: a.refused,
        }
    }
}

/// A document's slip (领用单, 调拨单 …) with signature lines, as a PDF.
pub struct SlipPdf {
    pub doc_no: DocNo,
    /// The kind in the caller's language, for a print job's name.
    pub kind_label: &'static str,
    pub pdf: Vec<u8>,
}

// ---- Use cases ----

/// Posts a document; returns its number. A transfer into another department may wait
/// for that department's confirmation (the ledger's `transfer_confirmation`).
pub fn post(cx: &mut Ctx, request: DocRequestDto) -> Result<DocNo> {
    Ok(DocNo(cx.ledger.post_document(cx.actor, &request.into_request()?)?))
}

/// Voids a document with a reason; returns the void's own number.
pub fn void(cx: &mut Ctx, doc_no: &DocNo, reason: &str) -> Result<DocNo> {
    Ok(DocNo(cx.ledger.void_document(cx.actor, doc_no.as_str(), reason)?))
}

/// One page of the document list (all of it when `limit` is 0).
pub fn list(cx: &mut Ctx, query: DocQueryDto) -> Result<crate::assets::PageDto<DocumentRowDto>> {
    let page = cx.ledger.list_documents(cx.actor, &query.into_query()?)?;
    let lang = cx.lang;
    Ok(crate::assets::PageDto { total: page.total, rows: page.rows.into_iter().map(|r| DocumentRowDto::new(r, lang)).collect() })
}

pub fn detail(cx: &mut Ctx, doc_no: &DocNo) -> Result<DocumentDetailDto> {
    Ok(DocumentDetailDto::new(cx.ledger.document(cx.actor, doc_no.as_str())?, cx.lang))
}

/// Assets out on loan, the most overdue first.
pub fn open_loans(cx: &mut Ctx) -> Result<Vec<LoanDto>> {
    Ok(cx.ledger.open_loans(cx.actor)?.into_iter().map(Into::into).collect())
}

/// The receiving department accepts a pending transfer.
pub fn confirm_transfer(cx: &mut Ctx, doc_no: &DocNo) -> Result<()> {
    cx.ledger.confirm_transfer(cx.actor, doc_no.as_str())
}

/// The receiving department refuses a pending transfer, saying why.
pub fn reject_transfer(cx: &mut Ctx, doc_no: &DocNo, reason: &str) -> Result<()> {
    cx.ledger.reject_transfer(cx.actor, doc_no.as_str(), reason)
}

/// What the ledger's selection bar offers for `codes`: each of `kinds`, allowed or not
/// and why (the same words posting would use).
pub fn selection_actions(cx: &mut Ctx, codes: &[AssetCode], kinds: &[String]) -> Result<Vec<SelectionActionDto>> {
    let kinds = kinds.iter().map(|k| DocKind::parse(k)).collect::<Result<Vec<_>>>()?;
    let codes: Vec<String> = codes.iter().map(|c| c.0.clone()).collect();
    let lang = cx.lang;
    Ok(cx.ledger.selection_actions(cx.actor, &codes, &kinds)?.into_iter().map(|a| SelectionActionDto::new(a, lang)).collect())
}

/// The document's slip on `paper` ("a4" or "a5"; anything else: A5).
pub fn slip_pdf(cx: &mut Ctx, doc_no: &DocNo, paper: &str) -> Result<SlipPdf> {
    let detail = cx.ledger.document(cx.actor, doc_no.as_str())?;
    let org = cx.ledger.settings()?.org_name;
    let pdf = reports::render_slip(&detail, &org, cx.lang, reports::Paper::parse(paper).unwrap_or(reports::Paper::A5));
    Ok(SlipPdf { doc_no: DocNo(detail.row.doc_no.clone()), kind_label: detail.row.kind.label(cx.lang), pdf })
}

/// Every document kind's stable key, for the UI's `DocKind` type.
pub fn kind_keys() -> Vec<&'static str> {
    DocKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The documents `query` selects as a table to export (every row when its `limit` is 0).
pub fn table(cx: &mut Ctx, query: DocQueryDto) -> Result<crate::export::Table> {
    let rows = cx.ledger.list_documents(cx.actor, &query.into_query()?)?.rows;
    let (stem, sheet) = if cx.lang == ledger::Lang::En { ("documents", "Documents") } else { ("单据", "单据") };
    Ok(crate::export::Table::new(stem, sheet, exchange::document_table(&rows, cx.lang)))
}
