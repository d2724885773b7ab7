//! The shapes that cross the Tauri boundary, and their mapping to and from the core.
//! Money travels as "1600.00" strings, dates as "YYYY-MM-DD".

use ledger::{format_money, DocKind, DocQuery, DocRequest, DocumentDetail, DocumentRow, LoanRow, AssetDetail, AssetInput, AssetQuery, AssetRow, AssetSort, AssetStatus, HistoryEntry, NaiveDate, RegisterItem, SortDir, StatusTotal};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct UserDto {
    pub name: String,
    pub role: &'static str,
    pub dept_id: Option<i64>,
}

#[derive(Serialize)]
pub struct AppStatusDto {
    pub initialized: bool,
    pub data_dir: String,
    pub org_name: String,
    pub lang: &'static str,
    pub user: Option<UserDto>,
    pub permissions: Vec<&'static str>,
    /// Days since the last backup (None: never).
    pub backup_age_days: Option<i64>,
    /// Lock the screen after this many idle minutes (0: never).
    pub lock_minutes: u32,
    /// What the tamper check found when the ledger was opened (issue 26), in the UI language.
    pub audit_alarms: Vec<String>,
}

#[derive(Deserialize)]
pub struct SetupDto {
    pub org_name: String,
    pub admin_name: String,
    pub admin_password: String,
    pub lang: String,
}

#[derive(Serialize)]
pub struct AssetRowDto {
    pub code: String,
    pub name: String,
    pub category: String,
    pub model: String,
    pub status: &'static str,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub acquired: Option<String>,
    pub value: String,
}

impl From<AssetRow> for AssetRowDto {
    fn from(r: AssetRow) -> Self {
        AssetRowDto {
            code: r.code,
            name: r.name,
            category: r.category,
            model: r.model,
            status: r.status.as_str(),
            dept: r.dept,
            location: r.location,
            custodian: r.custodian,
            acquired: r.acquired.map(|d| d.to_string()),
            value: format_money(r.value),
        }
    }
}

#[derive(Serialize)]
pub struct PageDto<T> {
    pub total: i64,
    pub rows: Vec<T>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AssetQueryDto {
    pub text: String,
    pub status: Option<String>,
    pub category: Option<String>,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub acquired_from: Option<String>,
    pub acquired_to: Option<String>,
    pub value_min: Option<String>,
    pub value_max: Option<String>,
    pub sort: Option<String>,
    pub desc: bool,
    pub offset: i64,
    pub limit: i64,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date(field: &str, s: &Option<String>) -> ledger::Result<Option<NaiveDate>> {
    non_empty(s).map(|t| ledger::dates::parse(field, ("", ""), t)).transpose()
}

impl AssetQueryDto {
    pub fn into_query(self) -> ledger::Result<AssetQuery> {
        Ok(AssetQuery {
            status: non_empty(&self.status).map(AssetStatus::parse).transpose()?,
            category: non_empty(&self.category).map(str::to_string),
            dept: non_empty(&self.dept).map(str::to_string),
            location: non_empty(&self.location).map(str::to_string),
            custodian: non_empty(&self.custodian).map(str::to_string),
            acquired_from: date("acquired_from", &self.acquired_from)?,
            acquired_to: date("acquired_to", &self.acquired_to)?,
            value_min: non_empty(&self.value_min).map(|v| ledger::parse_money("value_min", v)).transpose()?,
            value_max: non_empty(&self.value_max).map(|v| ledger::parse_money("value_max", v)).transpose()?,
            sort: non_empty(&self.sort).map(AssetSort::parse).transpose()?.unwrap_or_default(),
            dir: if self.desc { SortDir::Desc } else { SortDir::Asc },
            offset: self.offset,
            limit: self.limit,
            text: self.text,
        })
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AssetInputDto {
    pub code: String,
    pub name: String,
    pub category: String,
    pub model: String,
    pub serial: String,
    pub dept: String,
    pub location: String,
    pub custodian: String,
    pub acquired: String,
    pub value: String,
    pub life_years: String,
    pub salvage_rate: String,
    pub salvage: String,
    pub method: String,
    pub notes: String,
    pub supplier: String,
    pub warranty_until: String,
}

impl From<AssetInputDto> for AssetInput {
    fn from(d: AssetInputDto) -> Self {
        AssetInput {
            code: d.code,
            name: d.name,
            category: d.category,
            model: d.model,
            serial: d.serial,
            dept: d.dept,
            location: d.location,
            custodian: d.custodian,
            acquired: d.acquired,
            value: d.value,
            life_years: d.life_years,
            salvage_rate: d.salvage_rate,
            salvage: d.salvage,
            method: d.method,
            notes: d.notes,
            supplier: d.supplier,
            warranty_until: d.warranty_until,
        }
    }
}

#[derive(Serialize)]
pub struct HistoryDto {
    pub date: String,
    pub doc_no: String,
    pub kind: String,
    pub kind_label: String,
    pub operator: String,
    pub counterparty: String,
    pub status: &'static str,
    pub detail: String,
}

#[derive(Serialize)]
pub struct AssetDetailDto {
    #[serde(flatten)]
    pub row: AssetRowDto,
    pub serial: String,
    pub life_years: Option<i64>,
    pub salvage_rate: String,
    pub salvage: Option<String>,
    pub method: &'static str,
    pub notes: String,
    pub supplier: String,
    pub warranty_until: Option<String>,
    pub created_at: String,
    pub history: Vec<HistoryDto>,
    pub open_defect: Option<String>,
    pub open_fault: Option<String>,
    pub allowed: Vec<&'static str>,
}

impl AssetDetailDto {
    pub fn new(d: AssetDetail, lang: ledger::Lang) -> Self {
        let history = d.history.into_iter().map(|h: HistoryEntry| HistoryDto {
            date: h.date.to_string(),
            kind_label: h.kind_label(lang).to_string(),
            doc_no: h.doc_no,
            kind: h.kind,
            operator: h.operator,
            counterparty: h.counterparty,
            status: h.status.as_str(),
            detail: h.detail,
        });
        AssetDetailDto {
            row: d.row.into(),
            serial: d.serial,
            life_years: d.life_years,
            salvage_rate: d.salvage_rate.to_string(),
            salvage: d.salvage.map(format_money),
            method: d.method.as_str(),
            notes: d.notes,
            supplier: d.supplier,
            warranty_until: d.warranty_until.map(|w| w.to_string()),
            created_at: d.created_at,
            history: history.collect(),
            open_defect: d.open_defect,
            open_fault: d.open_fault,
            allowed: d.allowed.iter().map(|k| k.as_str()).collect(),
        }
    }
}

#[derive(Serialize)]
pub struct RegisterItemDto {
    pub name: String,
    pub active: bool,
    pub dept: Option<String>,
    pub asset_count: i64,
}

impl From<RegisterItem> for RegisterItemDto {
    fn from(i: RegisterItem) -> Self {
        RegisterItemDto { name: i.name, active: i.active, dept: i.dept, asset_count: i.asset_count }
    }
}

#[derive(Serialize)]
pub struct StatusTotalDto {
    pub status: &'static str,
    pub count: i64,
    pub value: String,
}

impl From<StatusTotal> for StatusTotalDto {
    fn from(t: StatusTotal) -> Self {
        StatusTotalDto { status: t.status.as_str(), count: t.count, value: format_money(t.value) }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DocRequestDto {
    pub kind: String,
    pub codes: Vec<String>,
    pub date: String,
    pub person: String,
    pub dept: String,
    pub location: String,
    pub due: String,
    pub amount: String,
    pub method: String,
    pub reason: String,
    pub cause: String,
    pub cause_category: String,
    pub handling: String,
    pub vendor: String,
    pub notes: String,
    pub source: String,
    pub warranty: String,
    pub recheck: String,
}

impl DocRequestDto {
    pub fn into_request(self) -> ledger::Result<DocRequest> {
        Ok(DocRequest {
            date: self.date,
            person: self.person,
            dept: self.dept,
            location: self.location,
            due: self.due,
            amount: self.amount,
            method: self.method,
            reason: self.reason,
            cause: self.cause,
            cause_category: self.cause_category,
            handling: self.handling,
            vendor: self.vendor,
            notes: self.notes,
            source: self.source,
            warranty: self.warranty,
            recheck: self.recheck,
            ..DocRequest::new(DocKind::parse(&self.kind)?, self.codes)
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DocQueryDto {
    pub kind: Option<String>,
    pub text: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub offset: i64,
    pub limit: i64,
}

impl DocQueryDto {
    pub fn into_query(self) -> ledger::Result<DocQuery> {
        Ok(DocQuery {
            kind: non_empty(&self.kind).map(DocKind::parse).transpose()?,
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            text: self.text,
            offset: self.offset,
            limit: self.limit,
        })
    }
}

#[derive(Serialize)]
pub struct DocumentRowDto {
    pub doc_no: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub date: String,
    pub operator: String,
    pub counterparty: String,
    pub asset_count: i64,
    pub state: String,
    pub notes: String,
}

impl DocumentRowDto {
    pub fn new(r: DocumentRow, lang: ledger::Lang) -> Self {
        DocumentRowDto {
            doc_no: r.doc_no,
            kind: r.kind.as_str(),
            kind_label: r.kind.label(lang),
            date: r.date.to_string(),
            operator: r.operator,
            counterparty: r.counterparty,
            asset_count: r.asset_count,
            state: r.state,
            notes: r.notes,
        }
    }
}

#[derive(Serialize)]
pub struct DocumentLineDto {
    pub code: String,
    pub name: String,
    pub prev_status: Option<&'static str>,
    pub status: &'static str,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub detail: String,
    pub value: String,
}

#[derive(Serialize)]
pub struct DocumentDetailDto {
    #[serde(flatten)]
    pub row: DocumentRowDto,
    pub person: Option<String>,
    pub to_dept: Option<String>,
    pub to_location: Option<String>,
    pub due: Option<String>,
    pub amount: Option<String>,
    pub method: String,
    pub reason: String,
    pub source: Option<String>,
    pub voided_by: Option<String>,
    pub repair: Option<RepairDto>,
    pub lines: Vec<DocumentLineDto>,
    /// The lines' original values added up.
    pub total_value: String,
}

#[derive(Serialize)]
pub struct RepairDto {
    pub symptom: String,
    pub cause: String,
    pub cause_category: String,
    pub handling: String,
    pub vendor: String,
    pub under_warranty: Option<bool>,
    pub recheck: String,
}

impl DocumentDetailDto {
    pub fn new(d: DocumentDetail, lang: ledger::Lang) -> Self {
        let total_value = format_money(d.total_value());
        DocumentDetailDto {
            total_value,
            row: DocumentRowDto::new(d.row, lang),
            person: d.person,
            to_dept: d.to_dept,
            to_location: d.to_location,
            due: d.due.map(|x| x.to_string()),
            amount: d.amount.map(format_money),
            method: d.method,
            reason: d.reason,
            source: d.source,
            voided_by: d.voided_by,
            repair: d.repair.map(|r| RepairDto {
                symptom: r.symptom,
                cause: r.cause,
                cause_category: r.cause_category,
                handling: r.handling,
                vendor: r.vendor,
                under_warranty: r.under_warranty,
                recheck: r.recheck,
            }),
            lines: d
                .lines
                .into_iter()
                .map(|l| DocumentLineDto {
                    code: l.code,
                    name: l.name,
                    prev_status: l.prev_status.map(|s| s.as_str()),
                    status: l.status.as_str(),
                    dept: l.dept,
                    location: l.location,
                    custodian: l.custodian,
                    detail: l.detail,
                    value: format_money(l.value),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct LoanDto {
    pub code: String,
    pub name: String,
    pub borrower: String,
    pub due: String,
    pub doc_no: String,
    pub overdue_days: i64,
}

impl From<LoanRow> for LoanDto {
    fn from(l: LoanRow) -> Self {
        LoanDto { code: l.code, name: l.name, borrower: l.borrower, due: l.due.to_string(), doc_no: l.doc_no, overdue_days: l.overdue_days }
    }
}

#[derive(Serialize)]
pub struct ExportDto {
    pub file: String,
    pub rows: usize,
}

#[derive(Serialize)]
pub struct GroupDto {
    pub name: String,
    pub count: i64,
    pub value: String,
}

#[derive(Serialize)]
pub struct DashboardDto {
    pub by_status: Vec<StatusTotalDto>,
    pub by_category: Vec<GroupDto>,
    pub by_dept: Vec<GroupDto>,
    pub additions: Vec<GroupDto>,
    pub registrations: Vec<GroupDto>,
    pub disposals: Vec<GroupDto>,
    pub lead_days: i64,
    pub warranties_ending: Vec<WarrantyEndingDto>,
    pub stocktakes_open: Vec<OpenStocktakeDto>,
    pub backup_overdue: bool,
    pub backup_age_days: Option<i64>,
    pub overdue_loans: i64,
    pub loans_due_soon: i64,
    pub open_faults: i64,
    pub open_defects: i64,
    /// Consumables at or below their threshold (issue 7).
    pub low_stock: Vec<consumables::LowStockDto>,
}

#[derive(Serialize)]
pub struct WarrantyEndingDto {
    pub code: String,
    pub name: String,
    pub warranty_until: String,
}

#[derive(Serialize)]
pub struct OpenStocktakeDto {
    pub id: i64,
    pub name: String,
    pub expected: i64,
    pub found: i64,
}

impl From<ledger::Dashboard> for DashboardDto {
    fn from(d: ledger::Dashboard) -> Self {
        let groups = |g: Vec<ledger::GroupTotal>| g.into_iter().map(|g| GroupDto { name: g.name, count: g.count, value: format_money(g.value) }).collect();
        DashboardDto {
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
            stocktakes_open: d
                .stocktakes_open
                .into_iter()
                .map(|s| OpenStocktakeDto { id: s.id, name: s.name, expected: s.expected, found: s.found })
                .collect(),
            overdue_loans: d.overdue_loans,
            loans_due_soon: d.loans_due_soon,
            open_faults: d.open_faults,
            open_defects: d.open_defects,
            low_stock: d.low_stock.into_iter().map(Into::into).collect(),
        }
    }
}
// Depreciation (issue 6).
pub mod valuation;
// Standard reports (issue 9).
pub mod reports;
// Low-value consumables (issue 7).
pub mod consumables;
// What the ledger's selection bar may offer (issue 27).
pub mod selection;
