//! Standard reports (issue 9): the register with values (资产台账: filters, month end,
//! grouping, chosen columns) and the changes in a period (资产变动). One request builds
//! a [`Report`]: its preview for the Reports page, its workbook (subtotal rows in bold),
//! its PDF, and the report's data for the CLI's JSON.

use std::path::PathBuf;

use exchange::{Cell, ColumnKind, ReportSection};
use ledger::{format_money, parse_as_of, parse_date, ChangeKind, ChangesReport, GroupBy, RegisterQuery, RegisterReport, RegisterRow, RegisterTotals, ReportColumn};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use ts_rs::TS;

use crate::assets::AssetQueryDto;
use crate::export::Table;
use crate::{Ctx, ExportDto, Result};

/// How many detail rows the preview carries; the exports have them all.
pub const PREVIEW_ROWS: usize = 200;

/// What the Reports page (or the CLI) asks for: the register (filters, month end,
/// grouping, columns) or the changes in a period (from, to, kinds).
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "ReportRequest")]
pub struct ReportRequestDto {
    #[ts(type = "'register' | 'changes'")]
    pub report: String,
    /// The asset list's filters (paging and sorting are ignored).
    #[ts(optional, as = "Option<AssetQueryDto>")]
    pub filters: AssetQueryDto,
    /// YYYY-MM (or a date: its month); empty: the current month.
    #[ts(optional, as = "Option<String>")]
    pub period: String,
    /// none | dept | category | location | custodian | cf:FIELD (a custom field)
    #[ts(optional, as = "Option<String>")]
    pub group_by: String,
    /// Column keys in order (cf:FIELD for a custom field, shown after the others); empty:
    /// the defaults.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub columns: Vec<String>,
    #[ts(optional, as = "Option<String>")]
    pub from: String,
    #[ts(optional, as = "Option<String>")]
    pub to: String,
    /// Change kinds (addition, transfer, …); empty: all.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub kinds: Vec<String>,
}

impl ReportRequestDto {
    fn register_query(self) -> Result<RegisterQuery> {
        let period = self.period.trim();
        let keys: Vec<&str> = self.columns.iter().flat_map(|c| c.split(',')).map(str::trim).filter(|k| !k.is_empty()).collect();
        let (custom, standard): (Vec<&str>, Vec<&str>) = keys.into_iter().partition(|k| k.starts_with(CUSTOM_PREFIX));
        let group_custom = self.group_by.trim().strip_prefix(CUSTOM_PREFIX).map(|f| f.trim().to_string());
        Ok(RegisterQuery {
            period: if period.is_empty() { None } else { Some(parse_as_of("period", period)?) },
            group_by: if group_custom.is_some() { GroupBy::None } else { GroupBy::parse(&self.group_by)? },
            columns: ReportColumn::parse_list(&standard.join(","))?,
            custom_columns: custom.iter().map(|k| k[CUSTOM_PREFIX.len()..].trim().to_string()).collect(),
            group_custom,
            filters: self.filters.into_query()?,
        })
    }
}

/// How a report column or group-by names a custom field: `cf:` and its name (issue 21).
pub const CUSTOM_PREFIX: &str = "cf:";

/// A column the clerk may choose for the register, in the caller's language.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ReportColumnInfo")]
pub struct ReportColumnDto {
    pub key: String,
    pub label: String,
    /// Shown unless the clerk chooses otherwise.
    pub default: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ReportTableColumn")]
pub struct TableColumnDto {
    pub header: String,
    #[ts(type = "'text' | 'money' | 'date' | 'integer' | 'number'")]
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ReportTableSection")]
pub struct TableSectionDto {
    pub heading: String,
    pub rows: Vec<Vec<String>>,
    /// Detail rows left out of the preview.
    #[ts(type = "number")]
    pub hidden: usize,
    /// The section's subtotal (or total) row.
    pub subtotal: Vec<String>,
}

/// The report's preview: the very table the exports write, cells as text (money
/// "1600.00", dates "YYYY-MM-DD"), the first [`PREVIEW_ROWS`] detail rows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ReportTable")]
pub struct ReportTableDto {
    pub title: String,
    pub columns: Vec<TableColumnDto>,
    pub sections: Vec<TableSectionDto>,
    /// Detail rows in the whole report.
    #[ts(type = "number")]
    pub row_count: usize,
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Money(m) => format_money(*m),
        Cell::Date(d) => d.to_string(),
        Cell::Integer(n) => n.to_string(),
        Cell::Number(n) => n.normalize().to_string(),
        Cell::Empty => String::new(),
    }
}

impl ReportTableDto {
    fn new(title: String, sections: &[ReportSection]) -> ReportTableDto {
        let columns = sections
            .first()
            .map(|s| {
                s.1.iter()
                    .map(|c| TableColumnDto {
                        header: c.header.clone(),
                        kind: match c.kind {
                            ColumnKind::Text => "text",
                            ColumnKind::Money => "money",
                            ColumnKind::Date => "date",
                            ColumnKind::Integer => "integer",
                            ColumnKind::Number => "number",
                        },
                    })
                    .collect()
            })
            .unwrap_or_default();
        let row_count = sections.iter().map(|s| s.2.len().saturating_sub(1)).sum();
        let mut budget = PREVIEW_ROWS;
        let sections = sections
            .iter()
            .map(|(heading, _, rows)| {
                let (detail, subtotal) = rows.split_at(rows.len().saturating_sub(1));
                let shown = detail.len().min(budget);
                budget -= shown;
                TableSectionDto {
                    heading: heading.clone(),
                    rows: detail[..shown].iter().map(|r| r.iter().map(text).collect()).collect(),
                    hidden: detail.len() - shown,
                    subtotal: subtotal.first().map(|r| r.iter().map(text).collect()).unwrap_or_default(),
                }
            })
            .collect();
        ReportTableDto { title, columns, sections, row_count }
    }
}

// ---- The report's data, for the CLI's JSON (shared/CLI.md) ----

#[derive(Debug, Clone, Serialize)]
pub struct TotalsDto {
    pub count: i64,
    pub value: String,
    pub accumulated: String,
    pub net_value: String,
}

impl From<&RegisterTotals> for TotalsDto {
    fn from(t: &RegisterTotals) -> Self {
        TotalsDto { count: t.count, value: format_money(t.value), accumulated: format_money(t.accumulated), net_value: format_money(t.net_value) }
    }
}

/// One asset of the register: on the wire the chosen columns by key; the fixed fields
/// are for a plain-text listing.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterLineDto {
    #[serde(skip)]
    pub code: String,
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub value: String,
    #[serde(skip)]
    pub accumulated: String,
    #[serde(skip)]
    pub net_value: String,
    #[serde(flatten)]
    pub cells: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterGroupDto {
    /// None when the register is not grouped.
    pub name: Option<String>,
    pub rows: Vec<RegisterLineDto>,
    pub totals: TotalsDto,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterReportDto {
    /// YYYY-MM
    pub period: String,
    /// none, dept, …, or cf:FIELD.
    pub group_by: String,
    pub columns: Vec<&'static str>,
    /// The custom fields shown (each line's `fields` holds their values).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_columns: Vec<String>,
    pub groups: Vec<RegisterGroupDto>,
    pub total: TotalsDto,
}

fn cell_json(r: &RegisterRow, c: ReportColumn) -> Value {
    use ReportColumn::*;
    match c {
        Code => json!(r.code),
        Name => json!(r.name),
        Category => json!(r.category),
        Model => json!(r.model),
        Serial => json!(r.serial),
        Status => json!(r.status.as_str()),
        Dept => json!(r.dept),
        Location => json!(r.location),
        Custodian => json!(r.custodian),
        Acquired => json!(r.acquired.map(|d| d.to_string())),
        Method => json!(r.method.as_str()),
        LifeYears => json!(r.life_years),
        Value => json!(format_money(r.value)),
        Accumulated => json!(format_money(r.accumulated)),
        NetValue => json!(format_money(r.net_value)),
        Notes => json!(r.notes),
    }
}

impl From<&RegisterReport> for RegisterReportDto {
    fn from(report: &RegisterReport) -> Self {
        let groups = report
            .groups
            .iter()
            .map(|g| RegisterGroupDto {
                name: g.name.clone(),
                rows: g
                    .rows
                    .iter()
                    .map(|r| RegisterLineDto {
                        code: r.code.clone(),
                        name: r.name.clone(),
                        value: format_money(r.value),
                        accumulated: format_money(r.accumulated),
                        net_value: format_money(r.net_value),
                        cells: {
                            let mut cells: Map<String, Value> = report.columns.iter().map(|c| (c.as_str().to_string(), cell_json(r, *c))).collect();
                            if !report.custom_columns.is_empty() {
                                let fields: Map<String, Value> = report.custom_columns.iter().map(|f| (f.clone(), json!(r.custom.get(f)))).collect();
                                cells.insert("fields".into(), Value::Object(fields));
                            }
                            cells
                        },
                    })
                    .collect(),
                totals: (&g.totals).into(),
            })
            .collect();
        RegisterReportDto {
            period: report.period.to_string(),
            group_by: match &report.group_custom {
                Some(f) => format!("{CUSTOM_PREFIX}{f}"),
                None => report.group_by.as_str().to_string(),
            },
            columns: report.columns.iter().map(|c| c.as_str()).collect(),
            custom_columns: report.custom_columns.clone(),
            groups,
            total: (&report.total).into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeLineDto {
    pub kind: &'static str,
    #[serde(skip)]
    pub kind_label: &'static str,
    pub doc: String,
    pub date: String,
    pub code: String,
    pub name: String,
    pub category: String,
    /// Where or with whom it was before; None for an addition.
    pub from: Option<String>,
    /// Where or with whom it went; None for scraps, disposals and write-offs.
    pub to: Option<String>,
    pub value: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeTotalDto {
    pub kind: &'static str,
    #[serde(skip)]
    pub kind_label: &'static str,
    pub count: i64,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangesReportDto {
    pub from: String,
    pub to: String,
    pub rows: Vec<ChangeLineDto>,
    /// Every kind (zero when none).
    pub totals: Vec<ChangeTotalDto>,
}

impl ChangesReportDto {
    fn new(report: &ChangesReport, lang: ledger::Lang) -> Self {
        ChangesReportDto {
            from: report.from.to_string(),
            to: report.to.to_string(),
            rows: report
                .rows
                .iter()
                .map(|r| ChangeLineDto {
                    kind: r.kind.as_str(),
                    kind_label: r.kind.label(lang),
                    doc: r.doc_no.clone(),
                    date: r.date.to_string(),
                    code: r.code.clone(),
                    name: r.name.clone(),
                    category: r.category.clone(),
                    from: r.from.clone(),
                    to: r.to.clone(),
                    value: format_money(r.value),
                    note: r.note.clone(),
                })
                .collect(),
            totals: report.totals.iter().map(|t| ChangeTotalDto { kind: t.kind.as_str(), kind_label: t.kind.label(lang), count: t.count, value: format_money(t.value) }).collect(),
        }
    }
}

/// What a report holds.
#[derive(Debug, Clone)]
pub enum ReportData {
    Register(RegisterReportDto),
    Changes(ChangesReportDto),
}

/// A report as built for one request: its title, its sections as the exports write
/// them, and its data.
pub struct Report {
    pub title: String,
    pub data: ReportData,
    /// The desktop's file name stem, and the workbook's sheet name.
    stem: &'static str,
    sheet: &'static str,
    sections: Vec<ReportSection>,
}

impl Report {
    /// The detail, subtotal and total rows the exports hold (what the audit entry counts).
    pub fn rows(&self) -> usize {
        self.sections.iter().map(|s| s.2.len()).sum()
    }

    /// (title, file stem, sections), for the paper print preview (crate::paper), which
    /// lays the sections out on its paper.
    pub fn into_parts(self) -> (String, &'static str, Vec<ReportSection>) {
        (self.title, self.stem, self.sections)
    }
}

// ---- Use cases ----

/// The columns a clerk may choose for the register, in the caller's language, then the
/// active custom fields (`cf:` and the name; they also group).
pub fn columns(cx: &mut Ctx) -> Result<Vec<ReportColumnDto>> {
    let defaults = ReportColumn::defaults();
    let mut all: Vec<ReportColumnDto> =
        ReportColumn::all().into_iter().map(|c| ReportColumnDto { key: c.as_str().to_string(), label: c.label(cx.lang).to_string(), default: defaults.contains(&c) }).collect();
    all.extend(cx.ledger.active_custom_fields(cx.actor)?.into_iter().map(|f| ReportColumnDto { key: format!("{CUSTOM_PREFIX}{}", f.name), label: f.name, default: false }));
    Ok(all)
}

/// Builds the report asked for.
pub fn build(cx: &mut Ctx, request: ReportRequestDto) -> Result<Report> {
    let lang = cx.lang;
    let en = lang == ledger::Lang::En;
    if request.report == "changes" {
        let kinds = ChangeKind::parse_list(&request.kinds.join(","))?;
        let report = cx.ledger.changes_report(cx.actor, parse_date("from", &request.from)?, parse_date("to", &request.to)?, &kinds)?;
        Ok(Report {
            title: exchange::changes_report_title(&report, lang),
            sections: exchange::changes_report_sections(&report, lang),
            data: ReportData::Changes(ChangesReportDto::new(&report, lang)),
            stem: if en { "asset-changes" } else { "资产变动" },
            sheet: if en { "Changes" } else { "资产变动" },
        })
    } else {
        let report = cx.ledger.register_report(cx.actor, &request.register_query()?)?;
        Ok(Report {
            title: exchange::register_report_title(&report, lang),
            sections: exchange::register_report_sections(&report, lang),
            data: ReportData::Register((&report).into()),
            stem: if en { "asset-register" } else { "资产台账" },
            sheet: if en { "Register" } else { "资产台账" },
        })
    }
}

/// The report's preview: the first rows of each section, every subtotal and the total.
pub fn preview(cx: &mut Ctx, request: ReportRequestDto) -> Result<ReportTableDto> {
    let report = build(cx, request)?;
    Ok(ReportTableDto::new(report.title, &report.sections))
}

/// The report as one sheet to export, its subtotal and total rows in bold.
pub fn table(cx: &mut Ctx, request: ReportRequestDto) -> Result<Table> {
    Ok(table_of(&build(cx, request)?))
}

/// A built report's sheet (see [`table`]).
pub fn table_of(report: &Report) -> Table {
    let flat = exchange::flatten_sections(&report.sections);
    Table { bold: flat.bold, ..Table::new(report.stem, report.sheet, (flat.columns, flat.rows)) }
}

/// A built report as PDF bytes (portrait or landscape by its width), with the audit
/// chain's fingerprint in the footer.
pub fn pdf_of(cx: &mut Ctx, report: &Report) -> Result<Vec<u8>> {
    let options = reports::TableOptions::report(report.sections.first().map(|s| s.1.len()).unwrap_or(0));
    Ok(reports::render_tables_fingerprinted(&cx.ledger.settings()?.org_name, &report.title, &report.sections, cx.lang, &options, &cx.ledger.audit_fingerprint()?))
}

/// The report as a PDF written to the file `name(stem)` gives, recorded as an export.
pub fn save_pdf(cx: &mut Ctx, request: ReportRequestDto, name: impl FnOnce(&str) -> PathBuf) -> Result<ExportDto> {
    let report = build(cx, request)?;
    let bytes = pdf_of(cx, &report)?;
    let file = name(report.stem);
    crate::consumables::write_file(&file, &bytes)?;
    crate::export::recorded(cx, &file.display().to_string(), report.rows())
}
