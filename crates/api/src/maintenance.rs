//! Maintenance plans (保养计划, issue 22): add, edit, list, what is due (Home and
//! `maintenance due`), done, stop/resume.

use ledger::{MaintenanceDone, MaintenanceDue, MaintenancePlanEdit, MaintenancePlanInput, PlanRow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Ctx, Result};

/// For an asset (`code`) or a category, every `every` `unit` (days | months).
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "MaintenancePlanInput")]
pub struct MaintenancePlanDto {
    pub title: String,
    #[ts(optional, as = "Option<String>")]
    pub code: String,
    #[ts(optional, as = "Option<String>")]
    pub category: String,
    pub every: String,
    #[ts(optional, as = "Option<String>")]
    pub unit: String,
    #[ts(optional, as = "Option<String>")]
    pub first_due: String,
    #[ts(optional, as = "Option<String>")]
    pub supplier: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "MaintenancePlan")]
pub struct PlanDto {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub code: String,
    pub name: String,
    pub category: String,
    #[ts(type = "number")]
    pub every: i64,
    /// days | months
    pub unit: String,
    pub unit_label: String,
    pub next_due: String,
    pub supplier: Option<String>,
    pub active: bool,
    pub last_done: Option<String>,
    #[ts(type = "number")]
    pub times_done: i64,
}

fn plan_dto(p: PlanRow, lang: ledger::Lang) -> PlanDto {
    PlanDto {
        id: p.id,
        title: p.title,
        code: p.code,
        name: p.name,
        category: p.category,
        every: p.every,
        unit: p.unit.as_str().into(),
        unit_label: p.unit.label(lang).into(),
        next_due: p.next_due.to_string(),
        supplier: p.supplier,
        active: p.active,
        last_done: p.last_done.map(|d| d.to_string()),
        times_done: p.times_done,
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "MaintenanceDue")]
pub struct DueDto {
    pub plan: PlanDto,
    /// Days until due; negative when overdue.
    #[ts(type = "number")]
    pub days_left: i64,
    pub overdue: bool,
}

fn due_dto(d: MaintenanceDue, lang: ledger::Lang) -> DueDto {
    DueDto { overdue: d.overdue(), days_left: d.days_left, plan: plan_dto(d.plan, lang) }
}

#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "MaintenanceDoneRequest")]
pub struct DoneDto {
    #[ts(type = "number")]
    pub plan: i64,
    #[ts(optional, as = "Option<String>")]
    pub date: String,
    #[ts(optional, as = "Option<String>")]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "MaintenanceDoneResult")]
pub struct DoneResultDto {
    #[ts(type = "number")]
    pub plan: i64,
    pub next_due: String,
}

/// Adds a plan; returns its id.
pub fn add_plan(cx: &mut Ctx, p: MaintenancePlanDto) -> Result<i64> {
    let input = MaintenancePlanInput { title: p.title, code: p.code, category: p.category, every: p.every, unit: p.unit, first_due: p.first_due, supplier: p.supplier };
    cx.ledger.add_maintenance_plan(cx.actor, &input)
}

pub fn plans(cx: &mut Ctx) -> Result<Vec<PlanDto>> {
    Ok(cx.ledger.list_maintenance_plans(cx.actor)?.into_iter().map(|p| plan_dto(p, cx.lang)).collect())
}

/// Plans due within `within_days` (overdue ones included); Home asks for the reminder
/// lead time's worth.
pub fn due(cx: &mut Ctx, within_days: i64) -> Result<Vec<DueDto>> {
    Ok(cx.ledger.maintenance_due(cx.actor, within_days)?.into_iter().map(|d| due_dto(d, cx.lang)).collect())
}

pub fn done(cx: &mut Ctx, d: DoneDto) -> Result<DoneResultDto> {
    let next = cx.ledger.maintenance_done(cx.actor, &MaintenanceDone { plan: d.plan, date: d.date, note: d.note })?;
    Ok(DoneResultDto { plan: d.plan, next_due: next.to_string() })
}

/// Stops (`active: false`, with a reason) or resumes a plan.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "MaintenancePlanActiveRequest")]
pub struct SetActiveDto {
    #[ts(type = "number")]
    pub plan: i64,
    pub active: bool,
    #[ts(optional, as = "Option<String>")]
    pub reason: String,
}

pub fn set_active(cx: &mut Ctx, r: SetActiveDto) -> Result<()> {
    cx.ledger.set_maintenance_plan_active(cx.actor, r.plan, r.active, &r.reason)
}

/// Changes a plan: only the fields given; `supplier: ""` clears who does it.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "MaintenancePlanEdit")]
pub struct EditPlanDto {
    #[ts(type = "number")]
    pub plan: i64,
    #[ts(optional)]
    pub title: Option<String>,
    #[ts(optional)]
    pub every: Option<String>,
    /// days | months
    #[ts(optional)]
    pub unit: Option<String>,
    #[ts(optional)]
    pub next_due: Option<String>,
    #[ts(optional)]
    pub supplier: Option<String>,
}

/// Edits a plan (a stopped one too); returns it as it now stands.
pub fn edit_plan(cx: &mut Ctx, r: EditPlanDto) -> Result<PlanDto> {
    let edit = MaintenancePlanEdit { title: r.title, every: r.every, unit: r.unit, next_due: r.next_due, supplier: r.supplier };
    let plan = cx.ledger.edit_maintenance_plan(cx.actor, r.plan, &edit)?;
    Ok(plan_dto(plan, cx.lang))
}
