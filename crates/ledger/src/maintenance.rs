//! Maintenance plans (保养计划, issue 22): regular work on one asset or on every asset of
//! a category (air-conditioner cleaning, UPS battery checks, fire extinguishers), every
//! N days or months. A plan carries its next due date; marking it done records what was
//! done (append-only) and moves the due date one interval on from the day it was done.

use chrono::{Days, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::auth::{Actor, Permission};
use crate::enum_str::string_enum;
use crate::error::{quoted, Error, Result};
use crate::ledger::Ledger;
use crate::registers::RegisterKind;
use crate::{audit, db};

string_enum!(
    /// The unit of a plan's interval.
    MaintenanceUnit, field: "unit", what: ("interval unit", "周期单位"), {
    Days => ("days", "days", "天"),
    Months => ("months", "months", "个月"),
});

impl MaintenanceUnit {
    /// `date` moved on by `n` of this unit (months keep the day, or the month's last).
    pub fn advance(self, date: NaiveDate, n: u32) -> NaiveDate {
        match self {
            MaintenanceUnit::Days => date.checked_add_days(Days::new(n.into())),
            MaintenanceUnit::Months => date.checked_add_months(Months::new(n)),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

/// A plan as the clerk types it: for an asset (`code`) or a category, not both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MaintenancePlanInput {
    pub title: String,
    pub code: String,
    pub category: String,
    /// Every N units, 1..=3650.
    pub every: String,
    /// days | months
    pub unit: String,
    /// The first due date; empty: one interval from today.
    pub first_due: String,
    /// Who does it (from the supplier register), optional.
    pub supplier: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub id: i64,
    pub title: String,
    /// The asset's code and name, or empty for a category plan.
    pub code: String,
    pub name: String,
    pub category: String,
    pub every: i64,
    pub unit: MaintenanceUnit,
    pub next_due: NaiveDate,
    pub supplier: Option<String>,
    pub active: bool,
    pub last_done: Option<NaiveDate>,
    pub times_done: i64,
}

/// A plan that is due within the window asked for, or overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaintenanceDue {
    pub plan: PlanRow,
    /// Days until due; negative when overdue.
    pub days_left: i64,
}

impl MaintenanceDue {
    pub fn overdue(&self) -> bool {
        self.days_left < 0
    }
}

/// A change to a plan: `None` keeps the field. What the plan is for (its asset or
/// category) does not change: a plan for something else is a new plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MaintenancePlanEdit {
    pub title: Option<String>,
    /// Every N units, 1..=3650.
    pub every: Option<String>,
    /// days | months
    pub unit: Option<String>,
    pub next_due: Option<String>,
    /// Who does it, from the supplier register; empty: nobody named (in-house).
    pub supplier: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MaintenanceDone {
    pub plan: i64,
    pub date: String,
    pub note: String,
}

const PLAN_SELECT: &str = "SELECT p.id, p.title, COALESCE(a.code, ''), COALESCE(a.name, ''), COALESCE(c.name, ac.name, ''), p.every_n, p.unit, p.next_due, \
     s.name, p.active, (SELECT MAX(done_on) FROM maintenance_records r WHERE r.plan_id = p.id), \
     (SELECT COUNT(*) FROM maintenance_records r WHERE r.plan_id = p.id) \
     FROM maintenance_plans p LEFT JOIN assets a ON a.id = p.asset_id LEFT JOIN categories c ON c.id = p.category_id \
     LEFT JOIN categories ac ON ac.id = a.category_id LEFT JOIN suppliers s ON s.id = p.supplier_id";

fn plan_of(r: &rusqlite::Row) -> rusqlite::Result<PlanRow> {
    let unit: String = r.get(6)?;
    Ok(PlanRow {
        id: r.get(0)?,
        title: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        category: r.get(4)?,
        every: r.get(5)?,
        unit: MaintenanceUnit::parse(&unit).unwrap_or(MaintenanceUnit::Days),
        next_due: r.get::<_, String>(7)?.parse().unwrap_or_default(),
        supplier: r.get(8)?,
        active: r.get(9)?,
        last_done: r.get::<_, Option<String>>(10)?.and_then(|d| d.parse().ok()),
        times_done: r.get(11)?,
    })
}

/// A normal user sees the plans of their department's assets and the category plans
/// (`?1` is their department, NULL for everyone else).
const SCOPE: &str = "(?1 IS NULL OR p.asset_id IS NULL OR a.dept_id = ?1)";

fn load_plan(conn: &Connection, id: i64) -> Result<PlanRow> {
    conn.query_row(&format!("{PLAN_SELECT} WHERE p.id = ?1"), [id], plan_of)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no maintenance plan {id}"), format!("找不到保养计划 {id}")).with_field("plan"))
}

fn check_title(errors: &mut Vec<Error>, title: &str) {
    if title.is_empty() {
        errors.push(Error::invalid("title", "say what the maintenance is (e.g. air-conditioner cleaning)", "请填写保养内容（如空调清洗）"));
    } else if title.chars().count() > 100 {
        errors.push(Error::invalid("title", "the title is longer than 100 characters", "保养内容超过 100 个字符"));
    }
}

fn parse_every(errors: &mut Vec<Error>, every: &str) -> Option<u32> {
    match every.trim().parse::<u32>() {
        Ok(n) if (1..=3650).contains(&n) => Some(n),
        _ => {
            errors.push(Error::invalid(
                "every",
                format!("the interval '{}' must be a whole number from 1 to 3650", quoted(every.trim())),
                format!("周期「{}」须为 1 到 3650 的整数", quoted(every.trim())),
            ));
            None
        }
    }
}

fn check_supplier_length(errors: &mut Vec<Error>, supplier: &str) {
    if supplier.trim().chars().count() > 100 {
        errors.push(Error::invalid("supplier", "the supplier is longer than 100 characters", "供应商超过 100 个字符"));
    }
}

impl Ledger {
    /// Adds a plan; returns its id. Every field is checked at once.
    pub fn add_maintenance_plan(&mut self, actor: &Actor, input: &MaintenancePlanInput) -> Result<i64> {
        crate::repairs::require_handler(actor)?;
        let mut errors = Vec::new();
        let title = input.title.trim();
        check_title(&mut errors, title);
        let (code, category) = (input.code.trim(), input.category.trim());
        if code.is_empty() == category.is_empty() {
            errors.push(Error::invalid("code", "a plan is for one asset or for one category: give exactly one", "保养计划针对一项资产或一个类别：二者须填且只填一个"));
        }
        let every = parse_every(&mut errors, &input.every);
        let unit = match input.unit.trim() {
            "" => Some(MaintenanceUnit::Months),
            u => MaintenanceUnit::parse(u).map_err(|e| errors.push(e)).ok(),
        };
        let first_due = crate::dates::parse_optional("first_due", ("first due date", "首次到期日"), &input.first_due).map_err(|e| errors.push(e)).ok().flatten();
        check_supplier_length(&mut errors, &input.supplier);
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let (every, unit) = (every.expect("checked"), unit.expect("checked"));
        let next_due = first_due.unwrap_or_else(|| unit.advance(db::today(), every));
        let tx = db::begin(&mut self.conn)?;
        let (asset_id, category_id) = if !code.is_empty() {
            let asset: Option<(i64, Option<i64>, String)> =
                tx.query_row("SELECT id, dept_id, status FROM assets WHERE code = ?1", [code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
            let Some((id, _, status)) = asset else {
                return Err(Error::not_found(format!("no asset with code {code}"), format!("找不到编码为 {code} 的资产")).with_field("code"));
            };
            if matches!(status.as_str(), "scrapped" | "disposed" | "written_off") {
                return Err(Error::conflict(format!("asset {code} is off the books; it needs no maintenance plan"), format!("资产 {code} 已不在账，无需保养计划")).with_field("code"));
            }
            (Some(id), None)
        } else {
            let id = crate::registers::find(&tx, RegisterKind::Category, category)?.map(|(id, _)| id).ok_or_else(|| {
                Error::not_found(format!("no category named '{}'", quoted(category)), format!("找不到类别「{}」", quoted(category))).with_field("category")
            })?;
            (None, Some(id))
        };
        let supplier_id = match input.supplier.trim() {
            "" => None,
            s => Some(crate::suppliers::resolve_active(&tx, s, "supplier")?),
        };
        tx.execute(
            "INSERT INTO maintenance_plans(title, asset_id, category_id, every_n, unit, next_due, supplier_id, created_by, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![title, asset_id, category_id, every, unit.as_str(), next_due.to_string(), supplier_id, actor.name, db::now()],
        )?;
        let id = tx.last_insert_rowid();
        audit::record(&tx, &actor.name, "maintenance_plan_add", &id.to_string(), &format!("{title}: {}{} every {every} {}", code, category, unit.as_str()))?;
        tx.commit()?;
        Ok(id)
    }

    /// Records the plan as done on a day (default today) and moves its due date on.
    /// Returns the new due date.
    pub fn maintenance_done(&mut self, actor: &Actor, done: &MaintenanceDone) -> Result<NaiveDate> {
        crate::repairs::require_handler(actor)?;
        let date = match done.date.trim() {
            "" => db::today(),
            t => crate::dates::parse("date", ("date", "日期"), t)?,
        };
        if date > db::today() {
            return Err(Error::invalid("date", format!("date {date} is in the future"), format!("日期 {date} 晚于今天")));
        }
        if done.note.trim().chars().count() > 500 {
            return Err(Error::invalid("note", "the note is longer than 500 characters", "备注超过 500 个字符"));
        }
        let tx = db::begin(&mut self.conn)?;
        let plan = load_plan(&tx, done.plan)?;
        if !plan.active {
            return Err(Error::conflict(format!("maintenance plan {} is stopped", plan.id), format!("保养计划 {} 已停用", plan.id)).with_field("plan"));
        }
        let next = plan.unit.advance(date, plan.every as u32);
        tx.execute(
            "INSERT INTO maintenance_records(plan_id, done_on, due_was, note, user_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![plan.id, date.to_string(), plan.next_due.to_string(), done.note.trim(), actor.name, db::now()],
        )?;
        tx.execute("UPDATE maintenance_plans SET next_due = ?1 WHERE id = ?2", params![next.to_string(), plan.id])?;
        audit::record(&tx, &actor.name, "maintenance_done", &plan.id.to_string(), &format!("{} {date} → {next}: {}", plan.title, done.note.trim()))?;
        tx.commit()?;
        Ok(next)
    }

    /// Stops a plan (no reminders, `done` refused; its records stay) or resumes it. A
    /// stop needs its reason, kept in the audit log; a resumed plan keeps its due date,
    /// so one whose date has passed shows as overdue at once.
    pub fn set_maintenance_plan_active(&mut self, actor: &Actor, plan: i64, active: bool, reason: &str) -> Result<()> {
        crate::repairs::require_handler(actor)?;
        let reason = reason.trim();
        if !active && reason.is_empty() {
            return Err(Error::invalid("reason", "say why the plan stops", "请填写停用原因"));
        }
        if reason.chars().count() > 500 {
            return Err(Error::invalid("reason", "the reason is longer than 500 characters", "原因超过 500 个字符"));
        }
        let tx = db::begin(&mut self.conn)?;
        let found = load_plan(&tx, plan)?;
        if found.active == active {
            return Err(match active {
                true => Error::conflict(format!("maintenance plan {plan} is not stopped"), format!("保养计划 {plan} 未停用")),
                false => Error::conflict(format!("maintenance plan {plan} is stopped already"), format!("保养计划 {plan} 已停用")),
            }
            .with_field("plan"));
        }
        tx.execute("UPDATE maintenance_plans SET active = ?1 WHERE id = ?2", params![active, plan])?;
        let action = if active { "maintenance_plan_resume" } else { "maintenance_plan_stop" };
        audit::record(&tx, &actor.name, action, &plan.to_string(), &format!("{}: {reason}", found.title))?;
        tx.commit()?;
        Ok(())
    }

    /// Changes a plan's title, interval, next due date or who does it (only the fields
    /// given); returns the plan as it now stands. Every field is checked at once. A
    /// stopped plan may be edited too, so it can be set right before it is resumed
    /// (resuming keeps the due date). Audited with each field's before → after; a plan
    /// is no document, so nothing is journaled (as for adding, stopping, resuming).
    pub fn edit_maintenance_plan(&mut self, actor: &Actor, plan: i64, edit: &MaintenancePlanEdit) -> Result<PlanRow> {
        crate::repairs::require_handler(actor)?;
        let tx = db::begin(&mut self.conn)?;
        let before = load_plan(&tx, plan)?;
        let mut errors = Vec::new();
        let title = edit.title.as_deref().map(str::trim).unwrap_or(&before.title).to_string();
        check_title(&mut errors, &title);
        let every = match &edit.every {
            Some(e) => parse_every(&mut errors, e),
            None => Some(before.every as u32),
        };
        let unit = match edit.unit.as_deref().map(str::trim) {
            None | Some("") => Some(before.unit),
            Some(u) => MaintenanceUnit::parse(u).map_err(|e| errors.push(e)).ok(),
        };
        let next_due = match edit.next_due.as_deref() {
            None => Some(before.next_due),
            Some(d) => crate::dates::parse("next_due", ("next due date", "下次到期日"), d).map_err(|e| errors.push(e)).ok(),
        };
        if let (Some(due), Some(last)) = (next_due, before.last_done) {
            if due < last {
                errors.push(Error::invalid(
                    "next_due",
                    format!("the next due date {due} is before the plan was last done ({last})"),
                    format!("下次到期日 {due} 早于上次保养日期（{last}）"),
                ));
            }
        }
        let supplier = edit.supplier.as_deref().map(str::trim);
        if let Some(s) = supplier {
            check_supplier_length(&mut errors, s);
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let (every, unit, next_due) = (every.expect("checked"), unit.expect("checked"), next_due.expect("checked"));
        // Who does it: a new name must be an active register entry; the one the plan
        // already has stays even if it was deactivated since.
        let supplier = match supplier {
            None => before.supplier.clone(),
            Some("") => None,
            Some(s) => Some(s.to_string()),
        };
        let supplier_id = match supplier.as_deref() {
            None => None,
            Some(s) if Some(s) == before.supplier.as_deref() => crate::suppliers::find(&tx, s)?.map(|(id, _)| id),
            Some(s) => Some(crate::suppliers::resolve_active(&tx, s, "supplier")?),
        };
        let interval = |n: i64, u: MaintenanceUnit| format!("{n} {}", u.as_str());
        let changes: Vec<String> = [
            ("title", before.title.clone(), title.clone()),
            ("every", interval(before.every, before.unit), interval(every.into(), unit)),
            ("next_due", before.next_due.to_string(), next_due.to_string()),
            ("supplier", before.supplier.clone().unwrap_or_default(), supplier.clone().unwrap_or_default()),
        ]
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, a, b)| format!("{field}: {a} → {b}"))
        .collect();
        if changes.is_empty() {
            return Ok(before);
        }
        tx.execute(
            "UPDATE maintenance_plans SET title = ?1, every_n = ?2, unit = ?3, next_due = ?4, supplier_id = ?5 WHERE id = ?6",
            params![title, every, unit.as_str(), next_due.to_string(), supplier_id, plan],
        )?;
        audit::record(&tx, &actor.name, "maintenance_plan_edit", &plan.to_string(), &changes.join("; "))?;
        let after = load_plan(&tx, plan)?;
        tx.commit()?;
        Ok(after)
    }

    /// Every plan, soonest due first.
    pub fn list_maintenance_plans(&self, actor: &Actor) -> Result<Vec<PlanRow>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(&format!("{PLAN_SELECT} WHERE {SCOPE} ORDER BY p.active DESC, p.next_due, p.id"))?;
        let rows = stmt.query_map([actor.scope_dept()], plan_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Active plans due within `within_days` of today, overdue ones included, soonest first.
    pub fn maintenance_due(&self, actor: &Actor, within_days: i64) -> Result<Vec<MaintenanceDue>> {
        actor.require(Permission::ViewAssets)?;
        if !(0..=3650).contains(&within_days) {
            return Err(Error::invalid("within", "the window must be 0 to 3650 days", "天数须为 0 到 3650"));
        }
        let today = db::today();
        let until = today + chrono::Duration::days(within_days);
        let mut stmt = self.conn.prepare(&format!("{PLAN_SELECT} WHERE p.active = 1 AND p.next_due <= ?2 AND {SCOPE} ORDER BY p.next_due, p.id"))?;
        let rows = stmt.query_map(params![actor.scope_dept(), until.to_string()], plan_of)?;
        Ok(rows
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|plan| MaintenanceDue { days_left: (plan.next_due - today).num_days(), plan })
            .collect())
    }
}
