//! The documents list's filters by department, person and state (issue 20), beside the
//! kind, words and dates `Ledger::list_documents` reads itself.

use rusqlite::types::Value;

use crate::documents::DocQuery;
use crate::error::{Error, Result};

/// Document states a list can be filtered by.
pub const DOC_STATES: &[&str] = &["posted", "pending", "voided", "rejected"];

/// Adds the department, person and state conditions of `q` (SQL over `documents d`).
pub(crate) fn push(q: &DocQuery, conditions: &mut Vec<String>, args: &mut Vec<Value>) -> Result<()> {
    if let Some(state) = q.state.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if !DOC_STATES.contains(&state) {
            let s = crate::error::quoted(state);
            return Err(Error::invalid(
                "state",
                format!("document state '{s}' must be one of: {}", DOC_STATES.join(", ")),
                format!("单据状态「{s}」须为：{}", DOC_STATES.join("、")),
            ));
        }
        args.push(Value::Text(state.into()));
        conditions.push(format!("d.state = ?{}", args.len()));
    }
    if let Some(dept) = q.dept.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(dept.into()));
        let n = args.len();
        // Where a line's asset was before or after it, or the department it was sent to.
        conditions.push(format!(
            "(d.to_dept_id = (SELECT id FROM departments WHERE name = ?{n}) OR EXISTS (SELECT 1 FROM journal j WHERE j.document_id = d.id \
             AND (SELECT id FROM departments WHERE name = ?{n}) IN (j.dept_id, j.prev_dept_id)))"
        ));
    }
    if let Some(person) = q.person.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(person.into()));
        let n = args.len();
        conditions.push(format!(
            "(d.person_id = (SELECT id FROM people WHERE name = ?{n}) OR d.counterparty = ?{n} OR EXISTS (SELECT 1 FROM journal j WHERE j.document_id = d.id \
             AND (SELECT id FROM people WHERE name = ?{n}) IN (j.custodian_id, j.prev_custodian_id)))"
        ));
    }
    Ok(())
}
