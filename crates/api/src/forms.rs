//! Which fields each document kind's form asks for, in the order a clerk fills them:
//! the one definition the UI's document dialog is generated from (`DOC_FORMS` in
//! ui/src/generated/api.ts). The ledger validates every request itself
//! (`documents.rs`, `check_header`); tests/forms.rs proves each field marked required
//! here is refused when empty, and each option offered is accepted, so the two agree.

use ledger::DocKind;
use serde::Serialize;
use ts_rs::TS;

/// A `DocRequest` field a form may show.
pub const DOC_FIELDS: &[&str] =
    &["person", "dept", "location", "due", "amount", "method", "reason", "vendor", "cause", "cause_category", "handling", "warranty", "recheck", "date", "notes"];

/// One field of a document form.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "FieldSpec")]
pub struct FieldSpec {
    #[ts(type = "DocField")]
    pub field: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(optional, as = "Option<bool>")]
    pub required: bool,
    /// The UI's i18n key for the label when the field's own label does not fit the kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub label: Option<&'static str>,
    /// The values a choice field offers ("" = not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub options: Option<&'static [&'static str]>,
}

const fn f(field: &'static str) -> FieldSpec {
    FieldSpec { field, required: false, label: None, options: None }
}

impl FieldSpec {
    const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    const fn label(mut self, key: &'static str) -> Self {
        self.label = Some(key);
        self
    }
    const fn options(mut self, values: &'static [&'static str]) -> Self {
        self.options = Some(values);
        self
    }
}

/// The form of `kind`, or None for kinds a clerk does not post from a form (register,
/// card change, void, stocktake adjustment, value change).
pub fn doc_form(kind: DocKind) -> Option<Vec<FieldSpec>> {
    use DocKind::*;
    Some(match kind {
        Issue => vec![f("person").required().label("doc.f.issue_person"), f("dept").label("doc.f.issue_dept"), f("location")],
        Return => vec![f("location")],
        Transfer => vec![f("dept").required().label("doc.f.to_dept"), f("location").label("doc.f.to_location")],
        Loan => vec![f("person").required().label("doc.f.borrower"), f("due").required()],
        LoanReturn => vec![],
        Defect => vec![f("reason").required().label("doc.f.defect")],
        DefectClear => vec![f("handling")],
        Fault => vec![f("reason").required().label("doc.f.symptom")],
        Repair => vec![
            f("method").options(&["in-house", "vendor"]).label("doc.f.repair_by"),
            f("vendor"),
            f("amount").label("doc.f.cost"),
            f("cause"),
            f("cause_category").options(&["", "quality", "human", "other"]),
            f("handling"),
            f("warranty").options(&["", "yes", "no"]),
            f("recheck"),
        ],
        Scrap => vec![f("reason").required().label("doc.f.scrap_reason")],
        Dispose => vec![f("method").required().options(&["sale", "destroy"]).label("doc.f.dispose_method"), f("amount").label("doc.f.proceeds")],
        WriteOff => vec![f("method").required().options(&["sold", "destroyed", "lost", "stolen"]).label("doc.f.writeoff_reason")],
        // A value change has its own dialog on the asset card (one asset, its figures).
        Register | Edit | Void | StocktakeAdjust | LoanExtend | ValueChange => return None,
    })
}

/// Every form, in `DocKind::ALL` order: (kind key, fields).
pub fn doc_forms() -> Vec<(&'static str, Vec<FieldSpec>)> {
    DocKind::ALL.iter().filter_map(|&k| doc_form(k).map(|form| (k.as_str(), form))).collect()
}
