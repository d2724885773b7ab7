//! The expected list (应盘清单) of a stocktake, for a PDA or an offline collector to count
//! against, or to print and tick by hand: every asset the task expects, where the ledger
//! had it when the task started, optionally one location's or one department's share.

use crate::auth::Actor;
use crate::error::Result;
use crate::ledger::Ledger;

use super::{existing, load_task, may_scan};
use crate::registers::RegisterKind;

/// One expected asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedLine {
    pub code: String,
    pub name: String,
    pub category: String,
    pub model: String,
    /// Where the ledger had it when the stocktake started.
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    /// Already counted in this task.
    pub found: bool,
}

impl Ledger {
    /// The expected list, by location then code; `location` / `dept` (names, empty for
    /// all) keep one location's or one department's share. An unknown name is refused.
    pub fn stocktake_expected(&self, actor: &Actor, id: i64, location: &str, dept: &str) -> Result<Vec<ExpectedLine>> {
        let task = load_task(&self.conn, id)?;
        may_scan(actor, &task)?;
        let location_id = existing(&self.conn, RegisterKind::Location, location)?;
        let dept_id = existing(&self.conn, RegisterKind::Department, dept)?;
        let mut stmt = self.conn.prepare(
            "SELECT a.code, a.name, c.name, a.model, d.name, l.name, p.name, e.found_scan_id IS NOT NULL \
             FROM stocktake_expected e JOIN assets a ON a.id = e.asset_id JOIN categories c ON c.id = a.category_id \
             LEFT JOIN departments d ON d.id = e.dept_id LEFT JOIN locations l ON l.id = e.location_id \
             LEFT JOIN people p ON p.id = a.custodian_id \
             WHERE e.stocktake_id = ?1 AND (?2 IS NULL OR e.location_id = ?2) AND (?3 IS NULL OR e.dept_id = ?3) \
             ORDER BY l.name, a.code",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![id, location_id, dept_id], |r| {
                Ok(ExpectedLine {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    category: r.get(2)?,
                    model: r.get(3)?,
                    dept: r.get(4)?,
                    location: r.get(5)?,
                    custodian: r.get(6)?,
                    found: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
