//! The home screen: totals by status, category and department, the 12-month series,
//! and the reminders.

use ledger::format_money;
use serde::Serialize;
use ts_rs::TS;

use crate::assets::StatusTotalDto;
use crate::consumables::LowStockDto;
use crate::{Ctx, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Group")]
pub struct GroupDto {
    pub name: String,
    #[ts(type = "number")]
    pub count: i64,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "WarrantyEnding")]
pub struct WarrantyEndingDto {
    pub code: String,
    pub name: String,
    pub warranty_until: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "OpenStocktake")]
pub struct OpenStocktakeDto {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub expected: i64,
    #[ts(type = "number")]
    pub found: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Dashboard")]
pub struct DashboardDto {
    pub by_status: Vec<StatusTotalDto>,
    /// Issue 20: Home's totals (on the books), and what left the books, shown apart.
    pub on_books: GroupDto,
    pub off_books: GroupDto,
    pub by_category: Vec<GroupDto>,
    pub by_dept: Vec<GroupDto>,
    pub additions: Vec<GroupDto>,
    pub registrations: Vec<GroupDto>,
    pub disposals: Vec<GroupDto>,
    #[ts(type = "number")]
    pub lead_days: i64,
    pub warranties_ending: Vec<WarrantyEndingDto>,
    pub stocktakes_open: Vec<OpenStocktakeDto>,
    pub backup_overdue: bool,
    #[ts(type = "number | null")]
    pub backup_age_days: Option<i64>,
    #[ts(type = "number")]
    pub overdue_loans: i64,
    #[ts(type = "number")]
    pub loans_due_soon: i64,
    #[ts(type = "number")]
    pub open_faults: i64,
    #[ts(type = "number")]
    pub open_defects: i64,
    /// Consumables at or below their threshold (issue 7).
    pub low_stock: Vec<LowStockDto>,
}

impl From<ledger::Dashboard> for DashboardDto {
    fn from(d: ledger::Dashboard) -> Self {
        let groups = |g: Vec<ledger::GroupTotal>| g.into_iter().map(|g| GroupDto { name: g.name, count: g.count, value: format_money(g.value) }).collect();
        let group = |g: ledger::GroupTotal| GroupDto { name: g.name, count: g.count, value: format_money(g.value) };
        DashboardDto {
            on_books: group(d.on_books),
            off_books: group(d.off_books),
            by_status: d.by_status.into_iter().map(Into::into).collect(),
            by_category: groups(d.by_category),
            by_dept: groups(d.by_dept),
            additions: groups(d.additions),
            registrations: groups(d.registrations),
            disposals: groups(d.disposals),
            lead_days: d.lead_days,
            warranties_ending: d
                .warranties_ending
                .into_iter()
                .map(|w| WarrantyEndingDto { code: w.code, name: w.name, warranty_until: w.warranty_until.to_string() })
                .collect(),
            backup_overdue: d.backup_overdue,
            backup_age_days: d.backup_age_days,
            stocktakes_open: d.stocktakes_open.into_iter().map(|s| OpenStocktakeDto { id: s.id, name: s.name, expected: s.expected, found: s.found }).collect(),
            overdue_loans: d.overdue_loans,
            loans_due_soon: d.loans_due_soon,
            open_faults: d.open_faults,
            open_defects: d.open_defects,
            low_stock: d.low_stock.into_iter().map(Into::into).collect(),
        }
    }
}

/// The home screen. Reminders look as far ahead as the clerk's lead time (系统参数 ·
/// 提前提醒天数).
pub fn home(cx: &mut Ctx) -> Result<DashboardDto> {
    let lead_days = cx.ledger.parameters()?.reminder_days;
    Ok(cx.ledger.dashboard(cx.actor, i64::from(lead_days))?.into())
}
