//! The home screen's figures: where the assets are, what they are worth, how the
//! ledger grew, and what needs the clerk's attention.

use rusqlite::params;

use crate::auth::{Actor, Permission};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::money::{from_cents, Money};
use crate::{db, StatusTotal};

/// Count and original value of a group of assets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTotal {
    pub name: String,
    pub count: i64,
    pub value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub by_status: Vec<StatusTotal>,
    /// Issue 20: the assets on the books ([`crate::AssetStatus::on_books`]), what Home's
    /// totals show, and those that left them (disposed of, written off), shown apart.
    /// Voided registrations are in neither.
    pub on_books: GroupTotal,
    pub off_books: GroupTotal,
    /// Assets still on the books (not disposed of or written off), by category and department.
    pub by_category: Vec<GroupTotal>,
    pub by_dept: Vec<GroupTotal>,
    /// Additions (by acquisition month, "YYYY-MM") over the last 12 months.
    pub additions: Vec<GroupTotal>,
    /// Assets registered in AssetDesk (资产新增, imports included) by document month, over
    /// the same 12 months: what the clerk entered, whenever it was bought.
    pub registrations: Vec<GroupTotal>,
    /// Assets leaving the books (scrapped, disposed of, written off) by document month,
    /// over the same 12 months.
    pub disposals: Vec<GroupTotal>,
    /// Reminders, looking `lead_days` ahead.
    pub lead_days: i64,
    pub overdue_loans: i64,
    pub loans_due_soon: i64,
    pub open_faults: i64,
    pub open_defects: i64,
    /// Assets on the books whose warranty ends within the lead time (or ended in the last
    /// 30 days), soonest first.
    pub warranties_ending: Vec<WarrantyEnding>,
    /// The last backup is older than its schedule allows (or there is none yet).
    pub backup_overdue: bool,
    pub backup_age_days: Option<i64>,
    /// Stocktakes started and not yet closed.
    pub stocktakes_open: Vec<OpenStocktake>,
    /// Consumables at or below their low-stock threshold (issue 7), lowest first.
    pub low_stock: Vec<crate::LowStock>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarrantyEnding {
    pub code: String,
    pub name: String,
    pub warranty_until: chrono::NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStocktake {
    pub id: i64,
    pub name: String,
    pub expected: i64,
    pub found: i64,
}

impl Ledger {
    pub fn dashboard(&self, actor: &Actor, due_within_days: i64) -> Result<Dashboard> {
        actor.require(Permission::ViewAssets)?;
        let scope = actor.scope_dept();
        let group = |sql: &str| -> Result<Vec<GroupTotal>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt
                .query_map(params![scope], |r| Ok(GroupTotal { name: r.get::<_, Option<String>>(0)?.unwrap_or_default(), count: r.get(1)?, value: from_cents(r.get(2)?) }))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        };
        let on_books = "a.status NOT IN ('disposed', 'written_off', 'voided') AND (?1 IS NULL OR a.dept_id = ?1)";
        let by_category = group(&format!(
            "SELECT c.name, COUNT(*), COALESCE(SUM(a.value_fen), 0) FROM assets a JOIN categories c ON c.id = a.category_id WHERE {on_books} GROUP BY c.id ORDER BY 3 DESC"
        ))?;
        let by_dept = group(&format!(
            "SELECT d.name, COUNT(*), COALESCE(SUM(a.value_fen), 0) FROM assets a LEFT JOIN departments d ON d.id = a.dept_id WHERE {on_books} GROUP BY a.dept_id ORDER BY 3 DESC"
        ))?;
        let since = (db::today() - chrono::Months::new(11)).format("%Y-%m-01").to_string();
        let additions = {
            let mut stmt = self.conn.prepare(
                "SELECT substr(acquired, 1, 7), COUNT(*), COALESCE(SUM(value_fen), 0) FROM assets a \
                 WHERE acquired >= ?2 AND (?1 IS NULL OR a.dept_id = ?1) GROUP BY 1 ORDER BY 1",
            )?;
            let rows = stmt
                .query_map(params![scope, since], |r| Ok(GroupTotal { name: r.get(0)?, count: r.get(1)?, value: from_cents(r.get(2)?) }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let registrations = {
            let mut stmt = self.conn.prepare(
                "SELECT substr(d.doc_date, 1, 7), COUNT(*), COALESCE(SUM(a.value_fen), 0) FROM documents d \
                 JOIN journal j ON j.document_id = d.id JOIN assets a ON a.id = j.asset_id \
                 WHERE d.kind = 'register' AND d.voided_by IS NULL AND d.doc_date >= ?2 \
                 AND (?1 IS NULL OR a.dept_id = ?1) GROUP BY 1 ORDER BY 1",
            )?;
            let rows = stmt
                .query_map(params![scope, since], |r| Ok(GroupTotal { name: r.get(0)?, count: r.get(1)?, value: from_cents(r.get(2)?) }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let disposals = {
            let mut stmt = self.conn.prepare(
                "SELECT substr(d.doc_date, 1, 7), COUNT(*), COALESCE(SUM(a.value_fen), 0) FROM documents d \
                 JOIN journal j ON j.document_id = d.id JOIN assets a ON a.id = j.asset_id \
                 WHERE d.kind IN ('scrap', 'dispose', 'write-off') AND d.voided_by IS NULL AND d.doc_date >= ?2 \
                 AND (?1 IS NULL OR a.dept_id = ?1) GROUP BY 1 ORDER BY 1",
            )?;
            let rows = stmt
                .query_map(params![scope, since], |r| Ok(GroupTotal { name: r.get(0)?, count: r.get(1)?, value: from_cents(r.get(2)?) }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let today = db::today();
        let warranties_ending = {
            let (from, to) = (today - chrono::Days::new(30), today + chrono::Days::new(due_within_days.max(0) as u64));
            let mut stmt = self.conn.prepare(
                "SELECT a.code, a.name, a.warranty_until FROM assets a WHERE a.warranty_until BETWEEN ?2 AND ?3 \
                 AND a.status NOT IN ('scrapped', 'disposed', 'written_off') AND (?1 IS NULL OR a.dept_id = ?1) \
                 ORDER BY a.warranty_until, a.code LIMIT 100",
            )?;
            let rows = stmt
                .query_map(params![scope, from.to_string(), to.to_string()], |r| {
                    let until: String = r.get(2)?;
                    Ok((r.get(0)?, r.get(1)?, until))
                })?
                .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
            rows.into_iter()
                .filter_map(|(code, name, until)| Some(WarrantyEnding { code, name, warranty_until: until.parse().ok()? }))
                .collect()
        };
        let stocktakes_open = if actor.can(Permission::Stocktake) {
            let mut stmt = self.conn.prepare(
                "SELECT id, name, expected_count, found_count FROM stocktakes WHERE state = 'counting' \
                 AND (?1 IS NULL OR scope_dept_id = ?1) ORDER BY id",
            )?;
            let rows = stmt
                .query_map(params![scope], |r| Ok(OpenStocktake { id: r.get(0)?, name: r.get(1)?, expected: r.get(2)?, found: r.get(3)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        } else {
            Vec::new()
        };
        let backup_age = self.backup_age_days()?;
        let loans = self.open_loans(actor)?;
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, params![scope], |r| r.get(0))?) };
        let by_status = self.status_totals(actor)?;
        let sum = |keep: &dyn Fn(crate::AssetStatus) -> bool| {
            let kept = by_status.iter().filter(|t| keep(t.status));
            GroupTotal { name: String::new(), count: kept.clone().map(|t| t.count).sum(), value: kept.map(|t| t.value).sum() }
        };
        let on_books = sum(&|s| s.on_books());
        let off_books = sum(&|s| matches!(s, crate::AssetStatus::Disposed | crate::AssetStatus::WrittenOff));
        Ok(Dashboard {
            on_books,
            off_books,
            by_status,
            by_category,
            by_dept,
            additions,
            registrations,
            disposals,
            lead_days: due_within_days,
            warranties_ending,
            backup_overdue: self.backup_overdue(backup_age)?,
            backup_age_days: backup_age,
            stocktakes_open,
            overdue_loans: loans.iter().filter(|l| l.overdue_days > 0).count() as i64,
            loans_due_soon: loans.iter().filter(|l| l.overdue_days == 0 && (l.due - db::today()).num_days() <= due_within_days).count() as i64,
            open_faults: count("SELECT COUNT(*) FROM incidents i JOIN assets a ON a.id = i.asset_id WHERE i.kind = 'fault' AND i.closed_doc_id IS NULL AND (?1 IS NULL OR a.dept_id = ?1)")?,
            open_defects: count("SELECT COUNT(*) FROM incidents i JOIN assets a ON a.id = i.asset_id WHERE i.kind = 'defect' AND i.closed_doc_id IS NULL AND (?1 IS NULL OR a.dept_id = ?1)")?,
            low_stock: crate::consumables::low_stock(&self.conn)?,
        })
    }
}
