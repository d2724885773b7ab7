//! Repair orders (issue 22): open, accept, send, cost, complete, verify, cannot-fix,
//! the list (searched, filtered, exported), one order with its steps, its slip, and the
//! repair and maintenance report (preview, workbook, PDF).

use std::path::Path;

use ledger::{
    format_money, Lang, RepairCost, RepairCostInput, RepairDetail, RepairEvent, RepairOpen, RepairQuery, RepairReport, RepairReportBy, RepairReportQuery,
    RepairReportRow, RepairRow, RepairState, RepairStep,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::wire::{date, non_empty};
use crate::{Ctx, ExportDto, Result};

/// 报修: the asset and its fault.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "RepairOpenRequest")]
pub struct RepairOpenDto {
    pub code: String,
    pub fault: String,
    #[ts(optional, as = "Option<String>")]
    pub date: String,
}

/// A step of an order. `supplier` or `technician` for sending; `note` is what was done
/// when completing, else a remark.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "RepairStepRequest")]
pub struct RepairStepDto {
    pub order: String,
    #[ts(optional, as = "Option<String>")]
    pub date: String,
    #[ts(optional, as = "Option<String>")]
    pub supplier: String,
    #[ts(optional, as = "Option<String>")]
    pub technician: String,
    #[ts(optional, as = "Option<String>")]
    pub note: String,
}

impl RepairStepDto {
    fn into_step(self) -> RepairStep {
        RepairStep { order: self.order, date: self.date, supplier: self.supplier, technician: self.technician, note: self.note }
    }
}

/// A cost: amount ("1,234.50"), invoice number, `expensed` (default) or `capitalised`.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "RepairCostRequest")]
pub struct RepairCostDto {
    pub order: String,
    pub amount: String,
    #[ts(optional, as = "Option<String>")]
    pub invoice: String,
    #[ts(optional, as = "Option<String>")]
    pub treatment: String,
    #[ts(optional, as = "Option<String>")]
    pub date: String,
    #[ts(optional, as = "Option<String>")]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "RepairQuery")]
pub struct RepairQueryDto {
    /// A state's key (reported, accepted, sent, completed, verified, cannot_fix) or label.
    #[ts(optional)]
    pub state: Option<String>,
    #[ts(optional, as = "Option<bool>")]
    pub open_only: bool,
    #[ts(optional, as = "Option<String>")]
    pub text: String,
    #[ts(optional, as = "Option<String>")]
    pub code: String,
}

impl RepairQueryDto {
    fn into_query(self) -> Result<RepairQuery> {
        Ok(RepairQuery { state: non_empty(&self.state).map(RepairState::parse).transpose()?, open_only: self.open_only, text: self.text, code: self.code })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairRow")]
pub struct RepairRowDto {
    #[ts(type = "number")]
    pub id: i64,
    pub order_no: String,
    pub code: String,
    pub name: String,
    #[ts(type = "RepairState")]
    pub state: String,
    pub state_label: String,
    pub fault: String,
    pub reported_on: String,
    pub reported_by: String,
    /// in (在保) | out (过保) | unknown
    pub warranty: String,
    pub warranty_label: String,
    pub warranty_until: Option<String>,
    pub dept: Option<String>,
    pub category: String,
    /// Where it was repaired: the supplier, else the in-house technician.
    pub repairer: String,
    pub accepted_on: Option<String>,
    pub sent_on: Option<String>,
    pub completed_on: Option<String>,
    pub closed_on: Option<String>,
    pub handling: String,
    pub fault_doc: Option<String>,
    pub repair_doc: Option<String>,
    pub cost: String,
    #[ts(type = "number | null")]
    pub turnaround_days: Option<i64>,
}

fn row_dto(r: RepairRow, lang: Lang) -> RepairRowDto {
    let d = |d: Option<ledger::NaiveDate>| d.map(|d| d.to_string());
    RepairRowDto {
        id: r.id,
        turnaround_days: r.turnaround_days(),
        order_no: r.order_no,
        code: r.code,
        name: r.name,
        state: r.state.as_str().into(),
        state_label: r.state.label(lang).into(),
        fault: r.fault,
        reported_on: r.reported_on.to_string(),
        reported_by: r.reported_by,
        warranty: r.warranty.as_str().into(),
        warranty_label: r.warranty.label(lang).into(),
        warranty_until: d(r.warranty_until),
        dept: r.dept,
        category: r.category,
        repairer: r.supplier.unwrap_or(r.technician),
        accepted_on: d(r.accepted_on),
        sent_on: d(r.sent_on),
        completed_on: d(r.completed_on),
        closed_on: d(r.closed_on),
        handling: r.handling,
        fault_doc: r.fault_doc,
        repair_doc: r.repair_doc,
        cost: format_money(r.cost),
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairEvent")]
pub struct RepairEventDto {
    #[ts(type = "RepairState")]
    pub state: String,
    pub state_label: String,
    pub date: String,
    pub user: String,
    pub note: String,
    pub doc_no: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairCost")]
pub struct RepairCostRowDto {
    pub amount: String,
    pub invoice: String,
    pub treatment: String,
    pub treatment_label: String,
    pub value_doc: Option<String>,
    pub date: String,
    pub note: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairDetail")]
pub struct RepairDetailDto {
    pub row: RepairRowDto,
    pub model: String,
    pub serial: String,
    pub supplier_contact: String,
    pub supplier_phone: String,
    pub events: Vec<RepairEventDto>,
    pub costs: Vec<RepairCostRowDto>,
    /// The steps this order can take next (accept, send, cost, complete, verify, cannot_fix).
    pub next: Vec<String>,
}

fn event_dto(e: RepairEvent, lang: Lang) -> RepairEventDto {
    RepairEventDto { state: e.state.as_str().into(), state_label: e.state.label(lang).into(), date: e.date.to_string(), user: e.user, note: e.note, doc_no: e.doc_no }
}

fn cost_dto(c: RepairCost, lang: Lang) -> RepairCostRowDto {
    RepairCostRowDto {
        amount: format_money(c.amount),
        invoice: c.invoice,
        treatment: c.treatment.as_str().into(),
        treatment_label: c.treatment.label(lang).into(),
        value_doc: c.value_doc,
        date: c.date.to_string(),
        note: c.note,
        recorded_by: c.recorded_by,
    }
}

/// The steps an order in `state` can take (the screen offers only these; the ledger decides).
fn next_steps(state: RepairState) -> Vec<String> {
    let steps: &[&str] = match state {
        RepairState::Reported => &["accept"],
        RepairState::Accepted => &["send", "cost", "cannot_fix"],
        RepairState::Sent => &["complete", "cost", "cannot_fix"],
        RepairState::Completed => &["verify", "cost"],
        RepairState::Verified | RepairState::CannotFix => &["cost"],
    };
    steps.iter().map(|s| s.to_string()).collect()
}

fn detail_dto(d: RepairDetail, lang: Lang) -> RepairDetailDto {
    RepairDetailDto {
        next: next_steps(d.row.state),
        row: row_dto(d.row, lang),
        model: d.model,
        serial: d.serial,
        supplier_contact: d.supplier_contact,
        supplier_phone: d.supplier_phone,
        events: d.events.into_iter().map(|e| event_dto(e, lang)).collect(),
        costs: d.costs.into_iter().map(|c| cost_dto(c, lang)).collect(),
    }
}

/// What a step did: the order's number and new state, and the document it posted (送修:
/// the 故障登记, 完成: the 故障维修).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairStepResult")]
pub struct RepairStepResultDto {
    pub order_no: String,
    #[ts(type = "RepairState")]
    pub state: String,
    pub doc_no: Option<String>,
    /// After a cost: the order's total cost.
    pub cost: Option<String>,
}

/// What 无法修复 offers: the scrap document, filled in (the clerk posts it, or not).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ScrapOffer")]
pub struct ScrapOfferDto {
    pub order_no: String,
    pub code: String,
    /// The reason for the scrap document, in the caller's language.
    pub reason: String,
}

fn state_of(cx: &mut Ctx, order: &str) -> Result<RepairDetail> {
    cx.ledger.repair_order(cx.actor, order)
}

pub fn open(cx: &mut Ctx, req: RepairOpenDto) -> Result<RepairStepResultDto> {
    let order_no = cx.ledger.open_repair(cx.actor, &RepairOpen { code: req.code, fault: req.fault, date: req.date })?;
    Ok(RepairStepResultDto { order_no, state: RepairState::Reported.as_str().into(), doc_no: None, cost: None })
}

fn stepped(cx: &mut Ctx, order: &str, doc_no: Option<String>) -> Result<RepairStepResultDto> {
    let d = state_of(cx, order)?;
    Ok(RepairStepResultDto { order_no: d.row.order_no, state: d.row.state.as_str().into(), doc_no, cost: None })
}

pub fn accept(cx: &mut Ctx, req: RepairStepDto) -> Result<RepairStepResultDto> {
    let order = req.order.clone();
    cx.ledger.accept_repair(cx.actor, &req.into_step())?;
    stepped(cx, &order, None)
}

pub fn send(cx: &mut Ctx, req: RepairStepDto) -> Result<RepairStepResultDto> {
    let order = req.order.clone();
    let doc = cx.ledger.send_repair(cx.actor, &req.into_step())?;
    stepped(cx, &order, Some(doc))
}

pub fn complete(cx: &mut Ctx, req: RepairStepDto) -> Result<RepairStepResultDto> {
    let order = req.order.clone();
    let doc = cx.ledger.complete_repair(cx.actor, &req.into_step())?;
    stepped(cx, &order, Some(doc))
}

pub fn verify(cx: &mut Ctx, req: RepairStepDto) -> Result<RepairStepResultDto> {
    let order = req.order.clone();
    cx.ledger.verify_repair(cx.actor, &req.into_step())?;
    stepped(cx, &order, None)
}

pub fn cost(cx: &mut Ctx, req: RepairCostDto) -> Result<RepairStepResultDto> {
    let order = req.order.clone();
    let input = RepairCostInput { order: req.order, amount: req.amount, invoice: req.invoice, treatment: req.treatment, date: req.date, note: req.note };
    let total = cx.ledger.record_repair_cost(cx.actor, &input)?;
    Ok(RepairStepResultDto { cost: Some(format_money(total)), ..stepped(cx, &order, None)? })
}

/// 无法修复: closes the order and hands back the scrap document to offer.
pub fn cannot_fix(cx: &mut Ctx, req: RepairStepDto) -> Result<ScrapOfferDto> {
    let draft = cx.ledger.cannot_fix_repair(cx.actor, &req.into_step())?;
    let reason = match cx.lang {
        Lang::ZhCn => format!("无法修复：{}（维修单 {}）", draft.fault, draft.order_no),
        Lang::En => format!("cannot be repaired: {} (repair order {})", draft.fault, draft.order_no),
    };
    Ok(ScrapOfferDto { order_no: draft.order_no, code: draft.code, reason })
}

pub fn list(cx: &mut Ctx, q: RepairQueryDto) -> Result<Vec<RepairRowDto>> {
    let rows = cx.ledger.list_repairs(cx.actor, &q.into_query()?)?;
    Ok(rows.into_iter().map(|r| row_dto(r, cx.lang)).collect())
}

pub fn detail(cx: &mut Ctx, order: &str) -> Result<RepairDetailDto> {
    let d = state_of(cx, order)?;
    Ok(detail_dto(d, cx.lang))
}

/// The state keys, for the UI's `RepairState` type.
pub fn state_keys() -> Vec<&'static str> {
    RepairState::ALL.iter().map(|s| s.as_str()).collect()
}

fn list_section(rows: &[RepairRow], lang: Lang) -> reports::Section {
    use exchange::{Cell, Column, ColumnKind};
    let zh = lang == Lang::ZhCn;
    let col = |zh_h: &str, en_h: &str, kind: ColumnKind, width: f64| Column { header: if zh { zh_h } else { en_h }.to_string(), kind, width };
    let columns = vec![
        col("维修单号", "Order", ColumnKind::Text, 16.0),
        col("资产编码", "Code", ColumnKind::Text, 16.0),
        col("资产名称", "Name", ColumnKind::Text, 18.0),
        col("状态", "State", ColumnKind::Text, 10.0),
        col("故障现象", "Fault", ColumnKind::Text, 24.0),
        col("报修日期", "Reported", ColumnKind::Date, 12.0),
        col("保修", "Warranty", ColumnKind::Text, 10.0),
        col("部门", "Department", ColumnKind::Text, 12.0),
        col("维修单位", "Repaired by", ColumnKind::Text, 16.0),
        col("完成日期", "Repaired on", ColumnKind::Date, 12.0),
        col("费用", "Cost", ColumnKind::Money, 12.0),
    ];
    let date = |d: Option<ledger::NaiveDate>| d.map(Cell::Date).unwrap_or(Cell::Empty);
    let cells = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.order_no.clone()),
                Cell::Text(r.code.clone()),
                Cell::Text(r.name.clone()),
                Cell::Text(r.state.label(lang).into()),
                Cell::Text(r.fault.clone()),
                Cell::Date(r.reported_on),
                Cell::Text(r.warranty.label(lang).into()),
                r.dept.clone().into(),
                Cell::Text(r.supplier.clone().unwrap_or_else(|| r.technician.clone())),
                date(r.completed_on),
                Cell::Money(r.cost),
            ]
        })
        .collect();
    (if zh { "维修单" } else { "Repair orders" }.to_string(), columns, cells)
}

/// The list as filtered, to a workbook; the export is recorded.
pub fn export_list(cx: &mut Ctx, q: RepairQueryDto, file: &Path) -> Result<ExportDto> {
    let rows = cx.ledger.list_repairs(cx.actor, &q.into_query()?)?;
    let (sheet, columns, cells) = list_section(&rows, cx.lang);
    exchange::write_xlsx(file, &sheet, &columns, &cells, &mut |_, _| true).map_err(ledger::Error::from)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), cells.len())?;
    Ok(ExportDto { file: file.display().to_string(), rows: cells.len() })
}

/// The order's slip as PDF bytes (维修单 with its steps, costs and signature lines).
pub fn slip_pdf(cx: &mut Ctx, order: &str) -> Result<Vec<u8>> {
    let d = state_of(cx, order)?;
    let org = cx.ledger.settings()?.org_name;
    Ok(reports::render_repair_slip(&d, &org, cx.lang, reports::Paper::A5))
}

// The report.

#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "RepairReportRequest")]
pub struct RepairReportQueryDto {
    /// dept | category | supplier | month
    pub by: String,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
}

impl RepairReportQueryDto {
    fn into_query(self) -> Result<RepairReportQuery> {
        let by = if self.by.trim().is_empty() { RepairReportBy::Dept } else { RepairReportBy::parse(&self.by)? };
        Ok(RepairReportQuery { by, from: date("from", &self.from)?, to: date("to", &self.to)? })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairReportRow")]
pub struct RepairReportRowDto {
    pub group: String,
    #[ts(type = "number")]
    pub orders: i64,
    #[ts(type = "number")]
    pub repaired: i64,
    #[ts(type = "number")]
    pub cannot_fix: i64,
    #[ts(type = "number")]
    pub in_warranty: i64,
    pub expensed: String,
    pub capitalised: String,
    pub total_cost: String,
    /// Average days from report to repair, one decimal ("2.5"); null when none was repaired.
    pub avg_turnaround_days: Option<String>,
    #[ts(type = "number")]
    pub maintenance_done: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RepairReport")]
pub struct RepairReportDto {
    pub by: String,
    pub rows: Vec<RepairReportRowDto>,
    pub total: RepairReportRowDto,
}

fn report_row(r: &RepairReportRow, by: RepairReportBy, lang: Lang) -> RepairReportRowDto {
    RepairReportRowDto {
        group: RepairReport::group_label(r, by, lang),
        orders: r.orders,
        repaired: r.repaired,
        cannot_fix: r.cannot_fix,
        in_warranty: r.in_warranty,
        expensed: format_money(r.expensed),
        capitalised: format_money(r.capitalised),
        total_cost: format_money(r.total_cost()),
        avg_turnaround_days: r.avg_turnaround_days.map(|d| d.to_string()),
        maintenance_done: r.maintenance_done,
    }
}

pub fn report(cx: &mut Ctx, q: RepairReportQueryDto) -> Result<RepairReportDto> {
    let r = cx.ledger.repair_report(cx.actor, &q.into_query()?)?;
    let lang = cx.lang;
    let mut total = report_row(&r.total, r.by, lang);
    total.group = if lang == Lang::ZhCn { "合计" } else { "Total" }.into();
    Ok(RepairReportDto { by: r.by.as_str().into(), rows: r.rows.iter().map(|row| report_row(row, r.by, lang)).collect(), total })
}

fn report_title(r: &RepairReport, lang: Lang) -> String {
    let period = match (r.from, r.to) {
        (None, None) => String::new(),
        (f, t) => format!(" {}～{}", f.map(|d| d.to_string()).unwrap_or_default(), t.map(|d| d.to_string()).unwrap_or_default()),
    };
    match lang {
        Lang::ZhCn => format!("维修保养统计（按{}）{period}", r.by.label(lang)),
        Lang::En => format!("Repairs and maintenance by {}{period}", r.by.label(lang).to_lowercase()),
    }
}

fn report_section(r: &RepairReport, lang: Lang) -> (Vec<reports::Section>, usize) {
    use exchange::{Cell, Column, ColumnKind};
    let zh = lang == Lang::ZhCn;
    let col = |zh_h: &str, en_h: &str, kind: ColumnKind, width: f64| Column { header: if zh { zh_h } else { en_h }.to_string(), kind, width };
    let columns = vec![
        col(r.by.label(Lang::ZhCn), r.by.label(Lang::En), ColumnKind::Text, 18.0),
        col("报修数", "Orders", ColumnKind::Integer, 8.0),
        col("已修复", "Repaired", ColumnKind::Integer, 8.0),
        col("无法修复", "Cannot fix", ColumnKind::Integer, 8.0),
        col("在保", "In warranty", ColumnKind::Integer, 8.0),
        col("费用化", "Expensed", ColumnKind::Money, 12.0),
        col("资本化", "Capitalised", ColumnKind::Money, 12.0),
        col("费用合计", "Total cost", ColumnKind::Money, 12.0),
        col("平均周期（天）", "Avg. days", ColumnKind::Number, 10.0),
        col("保养次数", "Maintenance", ColumnKind::Integer, 8.0),
    ];
    let line = |row: &RepairReportRow, name: String| {
        vec![
            Cell::Text(name),
            Cell::Integer(row.orders),
            Cell::Integer(row.repaired),
            Cell::Integer(row.cannot_fix),
            Cell::Integer(row.in_warranty),
            Cell::Money(row.expensed),
            Cell::Money(row.capitalised),
            Cell::Money(row.total_cost()),
            row.avg_turnaround_days.map(Cell::Number).unwrap_or(Cell::Empty),
            Cell::Integer(row.maintenance_done),
        ]
    };
    let mut cells: Vec<Vec<Cell>> = r.rows.iter().map(|row| line(row, RepairReport::group_label(row, r.by, lang))).collect();
    cells.push(line(&r.total, if zh { "合计" } else { "Total" }.into()));
    let bold = cells.len() - 1;
    (vec![(report_title(r, lang), columns, cells)], bold)
}

/// The report as a workbook (the total row in bold); the export is recorded.
pub fn export_report(cx: &mut Ctx, q: RepairReportQueryDto, file: &Path) -> Result<ExportDto> {
    let r = cx.ledger.repair_report(cx.actor, &q.into_query()?)?;
    let (sections, bold) = report_section(&r, cx.lang);
    let (_, columns, cells) = &sections[0];
    let sheet = if cx.lang == Lang::ZhCn { "维修保养统计" } else { "Repairs" };
    exchange::write_xlsx_bold(file, sheet, columns, cells, &[bold], &mut |_, _| true).map_err(ledger::Error::from)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), cells.len())?;
    Ok(ExportDto { file: file.display().to_string(), rows: cells.len() })
}

/// The report for the print preview: its title, file stem and table (as the PDF's).
pub fn report_paper(cx: &mut Ctx, q: RepairReportQueryDto) -> Result<(String, String, Vec<reports::Section>)> {
    let r = cx.ledger.repair_report(cx.actor, &q.into_query()?)?;
    let (sections, _) = report_section(&r, cx.lang);
    let stem = if cx.lang == Lang::ZhCn { "维修保养统计" } else { "repairs-report" };
    Ok((report_title(&r, cx.lang), stem.to_string(), sections))
}

/// The report as a PDF (the same table as the workbook); the export is recorded.
pub fn report_pdf(cx: &mut Ctx, q: RepairReportQueryDto, file: &Path) -> Result<ExportDto> {
    let r = cx.ledger.repair_report(cx.actor, &q.into_query()?)?;
    let (sections, _) = report_section(&r, cx.lang);
    let title = report_title(&r, cx.lang);
    let bytes = reports::render_tables(&cx.ledger.settings()?.org_name, &title, &sections, cx.lang);
    std::fs::write(file, bytes)?;
    let rows = sections[0].2.len();
    cx.ledger.record_export(cx.actor, &file.display().to_string(), rows)?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}
