//! Closed periods (issue 20): a month is closed once depreciation has been posted for
//! it (or a later month), because that run already counted every asset as the ledger
//! then stood. A document dated into a closed month would change what was posted, so it
//! is refused; an admin re-opens the latest posted month (`Ledger::reopen_period`, audited)
//! to enter it. Every asset document is opened by `journal::open_document`, which asks here.

use chrono::NaiveDate;
use depreciation::Period;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

/// The latest month depreciation is posted for; every month up to it is closed.
pub(crate) fn closed_through(conn: &Connection) -> Result<Option<Period>> {
    let last: Option<String> = conn
        .query_row("SELECT MAX(period) FROM depreciation_runs WHERE state = 'posted'", [], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(last.and_then(|p| p.parse().ok()))
}

/// Refuses a document dated `date` when its month is closed, saying which run closed it
/// and how to re-open it.
pub(crate) fn check_open(conn: &Connection, date: NaiveDate) -> Result<()> {
    let Some(last) = closed_through(conn)? else { return Ok(()) };
    if Period::of(date) > last {
        return Ok(());
    }
    Err(Error::conflict(
        format!(
            "the document date {date} falls in a closed period: depreciation is posted through {last}; \
             date the document after {last}, or have an admin re-open {last} first (depreciation reopen)"
        ),
        format!("单据日期 {date} 所在期间已结账：折旧已计提至 {last}；请将单据日期定在 {last} 之后，或由管理员先反结账 {last}"),
    )
    .with_field("date"))
}
