//! The repair and maintenance report (issue 22): per department, category, supplier or
//! month — repair orders reported in the period, how many were repaired, their costs
//! (expensed and capitalised, exact), the average turnaround from report to repair, and
//! the maintenance done in the period.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

use crate::auth::{Actor, Permission};
use crate::enum_str::string_enum;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::model::Lang;
use crate::money::{from_cents, Money};

string_enum!(
    /// What the report's rows are.
    RepairReportBy, field: "by", what: ("grouping", "分组"), {
    Dept => ("dept", "Department", "部门"),
    Category => ("category", "Category", "类别"),
    Supplier => ("supplier", "Supplier", "供应商"),
    Month => ("month", "Month", "月份"),
});

impl RepairReportBy {
    /// The group's name for a repair order (`o`) and for a maintenance record (`r` of plan `p`).
    fn key_sql(self) -> (&'static str, &'static str) {
        match self {
            RepairReportBy::Dept => ("(SELECT name FROM departments WHERE id = o.dept_id)", "(SELECT d.name FROM assets a JOIN departments d ON d.id = a.dept_id WHERE a.id = p.asset_id)"),
            RepairReportBy::Category => (
                "(SELECT name FROM categories WHERE id = o.category_id)",
                "(SELECT name FROM categories WHERE id = COALESCE(p.category_id, (SELECT category_id FROM assets WHERE id = p.asset_id)))",
            ),
            RepairReportBy::Supplier => (
                "COALESCE((SELECT name FROM suppliers WHERE id = o.supplier_id), NULLIF(o.technician, ''))",
                "(SELECT name FROM suppliers WHERE id = p.supplier_id)",
            ),
            RepairReportBy::Month => ("substr(o.reported_on, 1, 7)", "substr(r.done_on, 1, 7)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairReportQuery {
    pub by: RepairReportBy,
    /// Orders reported and maintenance done in [from, to]; open ends when None.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairReportRow {
    /// The group's name; empty for "none" (no department, in-house without a name …).
    pub group: String,
    pub orders: i64,
    pub repaired: i64,
    pub cannot_fix: i64,
    pub in_warranty: i64,
    pub expensed: Money,
    pub capitalised: Money,
    /// Average days from report to repair over the repaired orders, one decimal.
    pub avg_turnaround_days: Option<Decimal>,
    pub maintenance_done: i64,
}

impl RepairReportRow {
    pub fn total_cost(&self) -> Money {
        self.expensed + self.capitalised
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairReport {
    pub by: RepairReportBy,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub rows: Vec<RepairReportRow>,
    pub total: RepairReportRow,
}

impl RepairReport {
    /// The name a row shows: the group, or "(none)" in the report's words.
    pub fn group_label(row: &RepairReportRow, by: RepairReportBy, lang: Lang) -> String {
        if !row.group.is_empty() {
            return row.group.clone();
        }
        match (by, lang) {
            (RepairReportBy::Dept, Lang::ZhCn) => "（无部门）".into(),
            (RepairReportBy::Category, Lang::ZhCn) => "（无类别）".into(),
            (RepairReportBy::Supplier, Lang::ZhCn) => "（未送修）".into(),
            (RepairReportBy::Month, Lang::ZhCn) => "（无）".into(),
            (RepairReportBy::Dept, Lang::En) => "(no department)".into(),
            (RepairReportBy::Category, Lang::En) => "(no category)".into(),
            (RepairReportBy::Supplier, Lang::En) => "(not sent)".into(),
            (RepairReportBy::Month, Lang::En) => "(none)".into(),
        }
    }
}

struct Acc {
    row: RepairReportRow,
    turnaround_sum: i64,
}

fn slot(groups: &mut BTreeMap<String, Acc>, key: Option<String>) -> &mut Acc {
    let key = key.unwrap_or_default();
    groups.entry(key.clone()).or_insert_with(|| Acc { row: RepairReportRow { group: key, ..RepairReportRow::default() }, turnaround_sum: 0 })
}

impl Ledger {
    /// The report; a normal user's covers their department's assets.
    pub fn repair_report(&self, actor: &Actor, q: &RepairReportQuery) -> Result<RepairReport> {
        actor.require(Permission::ViewAssets)?;
        if let (Some(f), Some(t)) = (q.from, q.to) {
            if f > t {
                return Err(Error::invalid("from", format!("the period starts ({f}) after it ends ({t})"), format!("开始日期 {f} 晚于结束日期 {t}")));
            }
        }
        let (from, to) = (q.from.map(|d| d.to_string()), q.to.map(|d| d.to_string()));
        let scope = actor.scope_dept();
        let (order_key, maint_key) = q.by.key_sql();
        let mut groups: BTreeMap<String, Acc> = BTreeMap::new();
        let group_key = order_key;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {group_key}, o.state, o.warranty, o.reported_on, o.completed_on, \
             (SELECT COALESCE(SUM(amount_fen), 0) FROM repair_costs WHERE order_id = o.id AND treatment = 'expensed'), \
             (SELECT COALESCE(SUM(amount_fen), 0) FROM repair_costs WHERE order_id = o.id AND treatment = 'capitalised') \
             FROM repair_orders o WHERE (?1 IS NULL OR o.reported_on >= ?1) AND (?2 IS NULL OR o.reported_on <= ?2) AND (?3 IS NULL OR o.dept_id = ?3)"
        ))?;
        let orders = stmt.query_map(rusqlite::params![from, to, scope], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?, r.get::<_, i64>(5)?, r.get::<_, i64>(6)?))
        })?;
        for o in orders {
            let (key, state, warranty, reported, completed, expensed, capitalised) = o?;
            let a = slot(&mut groups, key);
            a.row.orders += 1;
            if state == "cannot_fix" {
                a.row.cannot_fix += 1;
            }
            if warranty == "in" {
                a.row.in_warranty += 1;
            }
            if let (Ok(r), Some(Ok(c))) = (reported.parse::<NaiveDate>(), completed.map(|c| c.parse::<NaiveDate>())) {
                a.row.repaired += 1;
                a.turnaround_sum += (c - r).num_days();
            }
            a.row.expensed += from_cents(expensed);
            a.row.capitalised += from_cents(capitalised);
        }
        let group_key = maint_key;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {group_key} FROM maintenance_records r JOIN maintenance_plans p ON p.id = r.plan_id \
             WHERE (?1 IS NULL OR r.done_on >= ?1) AND (?2 IS NULL OR r.done_on <= ?2) \
             AND (?3 IS NULL OR p.asset_id IS NULL OR (SELECT dept_id FROM assets WHERE id = p.asset_id) = ?3)"
        ))?;
        let done = stmt.query_map(rusqlite::params![from, to, scope], |r| r.get::<_, Option<String>>(0))?;
        for key in done {
            let a = slot(&mut groups, key?);
            a.row.maintenance_done += 1;
        }
        let mut rows: Vec<RepairReportRow> = Vec::new();
        let mut total = Acc { row: RepairReportRow::default(), turnaround_sum: 0 };
        let finish = |a: &Acc| -> RepairReportRow {
            let mut row = a.row.clone();
            row.avg_turnaround_days = (row.repaired > 0).then(|| (Decimal::from(a.turnaround_sum) / Decimal::from(row.repaired)).round_dp(1));
            row
        };
        // Named groups by name, the unnamed one last (as the standard reports do).
        let mut entries: Vec<&Acc> = groups.values().collect();
        entries.sort_by_key(|a| (a.row.group.is_empty(), a.row.group.clone()));
        for a in entries {
            rows.push(finish(a));
            total.row.orders += a.row.orders;
            total.row.repaired += a.row.repaired;
            total.row.cannot_fix += a.row.cannot_fix;
            total.row.in_warranty += a.row.in_warranty;
            total.row.expensed += a.row.expensed;
            total.row.capitalised += a.row.capitalised;
            total.row.maintenance_done += a.row.maintenance_done;
            total.turnaround_sum += a.turnaround_sum;
        }
        let total = finish(&total);
        Ok(RepairReport { by: q.by, from: q.from, to: q.to, rows, total })
    }
}
