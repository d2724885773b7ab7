//! `assetdesk repair …`, `assetdesk maintenance …`, `assetdesk warranty …` and
//! `assetdesk register supplier …` (issue 22): flags → one api call → text or JSON.

use std::path::PathBuf;

use api::maintenance::{DoneDto, EditPlanDto, MaintenancePlanDto, SetActiveDto};
use api::repairs::{RepairCostDto, RepairOpenDto, RepairQueryDto, RepairReportQueryDto, RepairRowDto, RepairStepDto, RepairStepResultDto};
use api::suppliers::{SupplierInputDto, SupplierPatchDto};
use api::Result;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::Output;
use crate::session::login;

/// Flags every step takes.
#[derive(Args, Debug, Clone, Default)]
pub struct StepCommon {
    /// The step's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum RepairCommand {
    /// 报修: report a fault on an asset (nothing moves yet); prints the order's number.
    Open {
        code: String,
        #[arg(long, value_name = "TEXT")]
        fault: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// 受理: take the order on.
    Accept {
        /// The order's number (BX-2026-00001) or id.
        order: String,
        #[command(flatten)]
        common: StepCommon,
    },
    /// 送修: to a supplier of the register, or in-house; the asset goes 维修中 (a 故障登记).
    Send {
        order: String,
        /// The supplier (see `register supplier list`).
        #[arg(long, value_name = "SUPPLIER", conflicts_with = "in_house", required_unless_present = "in_house")]
        to: Option<String>,
        /// Repaired in-house by this technician.
        #[arg(long, value_name = "TECHNICIAN")]
        in_house: Option<String>,
        #[command(flatten)]
        common: StepCommon,
    },
    /// A cost with its invoice: expensed (default) or capitalised.
    Cost {
        order: String,
        #[arg(long, value_name = "AMOUNT")]
        amount: String,
        #[arg(long, value_name = "NUMBER")]
        invoice: Option<String>,
        /// expensed (费用化, default) | capitalised (资本化: posts a 改扩建 value-change document).
        #[arg(long, value_name = "HOW")]
        treatment: Option<String>,
        #[command(flatten)]
        common: StepCommon,
    },
    /// 完成: repaired and back; the asset returns to its status (a 故障维修). --note: what was done.
    Complete {
        order: String,
        #[command(flatten)]
        common: StepCommon,
    },
    /// 验收: the requester confirms it works; the order closes.
    Verify {
        order: String,
        #[command(flatten)]
        common: StepCommon,
    },
    /// 无法修复: closes the order and offers the scrap document, filled in.
    CannotFix {
        order: String,
        #[command(flatten)]
        common: StepCommon,
    },
    /// Repair orders, newest first.
    List {
        /// reported | accepted | sent | completed | verified | cannot_fix (or 报修, 受理 …).
        #[arg(long, value_name = "STATE")]
        state: Option<String>,
        /// Only orders still open.
        #[arg(long)]
        open: bool,
        /// Words in the number, asset, fault or supplier.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// One asset's orders.
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        /// Also write the list to this workbook.
        #[arg(long, value_name = "FILE.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// One order with its steps and costs.
    Show { order: String },
    /// The order's slip (维修单) as a PDF.
    Slip {
        order: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 维修保养统计: counts, costs and turnaround by dept, category, supplier or month.
    Report {
        #[arg(long, value_name = "BY", default_value = "dept")]
        by: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        #[arg(long, value_name = "FILE.xlsx")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum MaintenanceCommand {
    /// Maintenance plans.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Plans due within N days (overdue ones too).
    Due {
        #[arg(long, value_name = "DAYS", default_value_t = 30)]
        within: i64,
    },
    /// Record a plan as done; its next due date moves one interval on.
    Done {
        plan: i64,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// A plan for one asset (--asset) or every asset of a category (--category).
    Add {
        #[arg(long, value_name = "TEXT")]
        title: String,
        #[arg(long, value_name = "CODE")]
        asset: Option<String>,
        #[arg(long, value_name = "CATEGORY")]
        category: Option<String>,
        #[arg(long, value_name = "N")]
        every: String,
        /// days | months (default months).
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        /// The first due date (default: one interval from today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        first_due: Option<String>,
        #[arg(long, value_name = "SUPPLIER")]
        supplier: Option<String>,
    },
    List,
    /// Stop a plan: no more reminders, done refused; its records stay.
    Stop {
        plan: i64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Resume a stopped plan (it keeps its due date).
    Resume {
        plan: i64,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Change a plan (a stopped one too): only the flags given change.
    Edit {
        plan: i64,
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        #[arg(long, value_name = "N")]
        every: Option<String>,
        /// days | months.
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        next_due: Option<String>,
        /// Who does it, from the supplier register; "" for nobody named (in-house).
        #[arg(long, value_name = "SUPPLIER")]
        supplier: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum WarrantyCommand {
    /// Warranties ending within N days (30, 60, 90 …).
    Ending {
        #[arg(long, value_name = "DAYS", default_value_t = 30)]
        within: i64,
    },
}

#[derive(Subcommand, Debug)]
pub enum SupplierCommand {
    List,
    Add {
        name: String,
        #[arg(long)]
        contact: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// What they supply or repair.
        #[arg(long)]
        supplies: Option<String>,
    },
    /// Change details; only the flags given change.
    Edit {
        name: String,
        #[arg(long, value_name = "NEW_NAME")]
        rename: Option<String>,
        #[arg(long)]
        contact: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        supplies: Option<String>,
    },
    Deactivate { name: String },
    Activate { name: String },
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn step(order: &str, common: &StepCommon) -> RepairStepDto {
    RepairStepDto { order: order.to_string(), date: opt(&common.date), note: opt(&common.note), ..RepairStepDto::default() }
}

fn stepped(out: &Output, r: RepairStepResultDto) {
    let value = json!({"order": r.order_no, "state": r.state, "doc": r.doc_no, "cost": r.cost});
    out.result(value, || {
        let mut text = format!("{} {}", r.order_no, r.state);
        if let Some(doc) = &r.doc_no {
            text += &format!(" ({doc})");
        }
        if let Some(cost) = &r.cost {
            text += &format!(" cost {cost}");
        }
        text
    });
}

fn row_json(r: &RepairRowDto) -> Value {
    serde_json::to_value(r).expect("JSON")
}

pub fn repair(cli: &Cli, out: &Output, cmd: &RepairCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        RepairCommand::Open { code, fault, date } => {
            stepped(out, api::repairs::open(cx, RepairOpenDto { code: code.clone(), fault: fault.clone(), date: opt(date) })?);
        }
        RepairCommand::Accept { order, common } => stepped(out, api::repairs::accept(cx, step(order, common))?),
        RepairCommand::Send { order, to, in_house, common } => {
            let req = RepairStepDto { supplier: opt(to), technician: opt(in_house), ..step(order, common) };
            stepped(out, api::repairs::send(cx, req)?);
        }
        RepairCommand::Cost { order, amount, invoice, treatment, common } => {
            let req = RepairCostDto {
                order: order.clone(),
                amount: amount.clone(),
                invoice: opt(invoice),
                treatment: opt(treatment),
                date: opt(&common.date),
                note: opt(&common.note),
            };
            stepped(out, api::repairs::cost(cx, req)?);
        }
        RepairCommand::Complete { order, common } => stepped(out, api::repairs::complete(cx, step(order, common))?),
        RepairCommand::Verify { order, common } => stepped(out, api::repairs::verify(cx, step(order, common))?),
        RepairCommand::CannotFix { order, common } => {
            let offer = api::repairs::cannot_fix(cx, step(order, common))?;
            let value = json!({"order": offer.order_no, "state": "cannot_fix", "scrap": {"code": offer.code, "reason": offer.reason}});
            out.result(value, || {
                format!("{} cannot_fix\nto scrap it: assetdesk doc scrap --reason {:?} {}", offer.order_no, offer.reason, offer.code)
            });
        }
        RepairCommand::List { state, open, query, code, xlsx } => {
            let q = RepairQueryDto { state: state.clone(), open_only: *open, text: opt(query), code: opt(code) };
            if let Some(file) = xlsx {
                api::repairs::export_list(cx, q.clone(), file)?;
            }
            let rows = api::repairs::list(cx, q)?;
            out.result(Value::Array(rows.iter().map(row_json).collect()), || {
                rows.iter()
                    .map(|r| format!("{}\t{}\t{}\t{}\t{}\t{}\t{}", r.order_no, r.code, r.name, r.state, r.warranty_label, r.repairer, r.cost))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        RepairCommand::Show { order } => {
            let d = api::repairs::detail(cx, order)?;
            out.result(serde_json::to_value(&d).expect("JSON"), || {
                let mut lines = vec![format!("{} {} {} {} [{}] {}", d.row.order_no, d.row.code, d.row.name, d.row.state_label, d.row.warranty_label, d.row.fault)];
                lines.extend(d.events.iter().map(|e| format!("  {} {} {} {} {}", e.date, e.state_label, e.user, e.doc_no.clone().unwrap_or_default(), e.note)));
                lines.extend(d.costs.iter().map(|c| format!("  {} {} {} {}", c.date, c.amount, c.treatment_label, c.invoice)));
                lines.join("\n")
            });
        }
        RepairCommand::Slip { order, out: file } => {
            let pdf = api::repairs::slip_pdf(cx, order)?;
            std::fs::write(file, pdf)?;
            out.result(json!({"file": file.display().to_string()}), || format!("wrote {}", file.display()));
        }
        RepairCommand::Report { by, from, to, xlsx, pdf } => {
            let q = RepairReportQueryDto { by: by.clone(), from: from.clone(), to: to.clone() };
            if let Some(file) = xlsx {
                api::repairs::export_report(cx, q.clone(), file)?;
            }
            if let Some(file) = pdf {
                api::repairs::report_pdf(cx, q.clone(), file)?;
            }
            let r = api::repairs::report(cx, q)?;
            out.result(serde_json::to_value(&r).expect("JSON"), || {
                r.rows
                    .iter()
                    .chain(std::iter::once(&r.total))
                    .map(|g| format!("{}\t{}\t{}\t{}\t{}", g.group, g.orders, g.total_cost, g.avg_turnaround_days.clone().unwrap_or_default(), g.maintenance_done))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

pub fn maintenance(cli: &Cli, out: &Output, cmd: &MaintenanceCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        MaintenanceCommand::Plan(PlanCommand::Add { title, asset, category, every, unit, first_due, supplier }) => {
            let plan = MaintenancePlanDto {
                title: title.clone(),
                code: opt(asset),
                category: opt(category),
                every: every.clone(),
                unit: opt(unit),
                first_due: opt(first_due),
                supplier: opt(supplier),
            };
            let id = api::maintenance::add_plan(cx, plan)?;
            out.result(json!({"plan": id}), || format!("plan {id}"));
        }
        MaintenanceCommand::Plan(PlanCommand::List) => {
            let plans = api::maintenance::plans(cx)?;
            out.result(serde_json::to_value(&plans).expect("JSON"), || {
                plans
                    .iter()
                    .map(|p| format!("{}\t{}\t{}\t{} {}\t{}", p.id, p.title, if p.code.is_empty() { &p.category } else { &p.code }, p.every, p.unit, p.next_due))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        MaintenanceCommand::Plan(PlanCommand::Stop { plan, reason }) => {
            api::maintenance::set_active(cx, SetActiveDto { plan: *plan, active: false, reason: reason.clone() })?;
            out.result(json!({"plan": plan, "active": false}), || format!("plan {plan} stopped"));
        }
        MaintenanceCommand::Plan(PlanCommand::Resume { plan, reason }) => {
            api::maintenance::set_active(cx, SetActiveDto { plan: *plan, active: true, reason: opt(reason) })?;
            out.result(json!({"plan": plan, "active": true}), || format!("plan {plan} resumed"));
        }
        MaintenanceCommand::Plan(PlanCommand::Edit { plan, title, every, unit, next_due, supplier }) => {
            let edit = EditPlanDto { plan: *plan, title: title.clone(), every: every.clone(), unit: unit.clone(), next_due: next_due.clone(), supplier: supplier.clone() };
            let p = api::maintenance::edit_plan(cx, edit)?;
            out.result(serde_json::to_value(&p).expect("JSON"), || {
                format!("plan {}\t{}\tevery {} {}\tnext due {}\t{}", p.id, p.title, p.every, p.unit, p.next_due, p.supplier.clone().unwrap_or_default())
            });
        }
        MaintenanceCommand::Due { within } => {
            let due = api::maintenance::due(cx, *within)?;
            out.result(serde_json::to_value(&due).expect("JSON"), || {
                due.iter()
                    .map(|d| {
                        let target = if d.plan.code.is_empty() { d.plan.category.clone() } else { format!("{} {}", d.plan.code, d.plan.name) };
                        format!("{}\t{}\t{}\t{}\t{}", d.plan.id, d.plan.title, target, d.plan.next_due, if d.overdue { "overdue" } else { "due" })
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        MaintenanceCommand::Done { plan, note, date } => {
            let r = api::maintenance::done(cx, DoneDto { plan: *plan, note: opt(note), date: opt(date) })?;
            out.result(json!({"plan": r.plan, "next_due": r.next_due}), || format!("plan {} next due {}", r.plan, r.next_due));
        }
    }
    Ok(())
}

pub fn warranty(cli: &Cli, out: &Output, cmd: &WarrantyCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        WarrantyCommand::Ending { within } => {
            let rows = api::warranty::ending(cx, *within)?;
            out.result(serde_json::to_value(&rows).expect("JSON"), || {
                rows.iter().map(|w| format!("{}\t{}\t{}\t{} days", w.code, w.name, w.warranty_until, w.days_left)).collect::<Vec<_>>().join("\n")
            });
        }
    }
    Ok(())
}

pub fn supplier(cli: &Cli, out: &Output, cmd: &SupplierCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        SupplierCommand::List => {
            let rows = api::suppliers::list(cx)?;
            out.result(serde_json::to_value(&rows).expect("JSON"), || {
                rows.iter()
                    .map(|s| format!("{}\t{}\t{}\t{}{}", s.name, s.contact, s.phone, s.supplies, if s.active { "" } else { "\t(inactive)" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        SupplierCommand::Add { name, contact, phone, supplies } => {
            api::suppliers::add(cx, SupplierInputDto { name: name.clone(), contact: opt(contact), phone: opt(phone), supplies: opt(supplies) })?;
            out.result(json!({"name": name}), || format!("added {name}"));
        }
        SupplierCommand::Edit { name, rename, contact, phone, supplies } => {
            let patch = SupplierPatchDto { name: rename.clone(), contact: contact.clone(), phone: phone.clone(), supplies: supplies.clone() };
            api::suppliers::edit(cx, name, patch)?;
            let now = rename.clone().unwrap_or_else(|| name.clone());
            out.result(json!({"name": now}), || format!("changed {now}"));
        }
        SupplierCommand::Deactivate { name } | SupplierCommand::Activate { name } => {
            let active = matches!(cmd, SupplierCommand::Activate { .. });
            api::suppliers::set_active(cx, name, active)?;
            out.result(json!({"name": name, "active": active}), || format!("{name}: {}", if active { "active" } else { "inactive" }));
        }
    }
    Ok(())
}
