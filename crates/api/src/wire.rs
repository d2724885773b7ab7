//! Small helpers for turning wire text into core values.

use ledger::NaiveDate;

/// The trimmed text, or None when blank.
pub(crate) fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// An optional "YYYY-MM-DD" filter for `field` (blank: no filter).
pub(crate) fn date(field: &str, s: &Option<String>) -> ledger::Result<Option<NaiveDate>> {
    non_empty(s).map(|t| ledger::parse_date(field, t)).transpose()
}
