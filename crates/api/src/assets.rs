//! Assets: the paged list, the card, registration and card edits.

use ledger::{format_money, AssetDetail, AssetInput, AssetQuery, AssetRow, AssetSort, AssetStatus, HistoryEntry, SortDir};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::AssetCode;
use crate::wire::{date, non_empty};
use crate::{Ctx, Result};

/// One line of the asset list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AssetRow")]
pub struct AssetRowDto {
    pub code: String,
    pub name: String,
    pub category: String,
    pub model: String,
    #[ts(type = "Status")]
    pub status: &'static str,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub acquired: Option<String>,
    /// Original value, "1600.00".
    pub value: String,
    /// The custom fields' values (those set), by field name.
    #[ts(type = "Record<string, string>")]
    pub fields: std::collections::BTreeMap<String, String>,
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
            fields: r.custom,
        }
    }
}

/// One page of a list and how many rows match in all.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Page")]
pub struct PageDto<T> {
    #[ts(type = "number")]
    pub total: i64,
    pub rows: Vec<T>,
}

/// The asset list's search box, filters, sort and page; every field may be left out.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "AssetQuery")]
pub struct AssetQueryDto {
    #[ts(optional, as = "Option<String>")]
    pub text: String,
    #[ts(optional)]
    pub status: Option<String>,
    #[ts(optional)]
    pub category: Option<String>,
    #[ts(optional)]
    pub dept: Option<String>,
    #[ts(optional)]
    pub location: Option<String>,
    #[ts(optional)]
    pub custodian: Option<String>,
    #[ts(optional)]
    pub acquired_from: Option<String>,
    #[ts(optional)]
    pub acquired_to: Option<String>,
    #[ts(optional)]
    pub value_min: Option<String>,
    #[ts(optional)]
    pub value_max: Option<String>,
    /// Filters on custom fields, all of which must hold.
    #[ts(optional, as = "Option<Vec<FieldFilterDto>>")]
    pub fields: Vec<FieldFilterDto>,
    #[ts(optional)]
    pub sort: Option<String>,
    #[ts(optional, as = "Option<bool>")]
    pub desc: bool,
    #[ts(optional, as = "Option<i32>")]
    pub offset: i64,
    #[ts(optional, as = "Option<i32>")]
    pub limit: i64,
}

/// A filter on one custom field: its value `contains` (the default) or `equals` the text.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "FieldFilter")]
pub struct FieldFilterDto {
    pub name: String,
    #[ts(type = "'contains' | 'equals'")]
    pub op: String,
    pub value: String,
}

impl FieldFilterDto {
    /// `NAME=VALUE` (equals) or `NAME~VALUE` (contains), as the CLI's `--field` takes it.
    pub fn parse(arg: &str) -> Result<FieldFilterDto> {
        let at = arg.find(['=', '~']).ok_or_else(|| {
            ledger::Error::invalid("field", format!("'{}' is not NAME=VALUE or NAME~VALUE", ledger::quoted(arg)), format!("「{}」不是 名称=值 或 名称~值", ledger::quoted(arg)))
        })?;
        let op = if arg[at..].starts_with('~') { "contains" } else { "equals" };
        Ok(FieldFilterDto { name: arg[..at].trim().to_string(), op: op.into(), value: arg[at + 1..].to_string() })
    }
}

impl AssetQueryDto {
    pub fn into_query(self) -> Result<AssetQuery> {
        let fields = self
            .fields
            .iter()
            .map(|f| Ok(ledger::FieldFilter { name: f.name.clone(), op: ledger::FieldMatch::parse(&f.op)?, value: f.value.clone() }))
            .collect::<Result<Vec<_>>>()?;
        Ok(AssetQuery {
            fields,
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

/// An asset's card as a clerk fills it in: text, validated by the ledger all at once.
#[derive(Debug, Clone, Deserialize, Serialize, Default, TS)]
#[serde(default)]
#[ts(rename = "AssetInput")]
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

/// Changes to a card: only the fields given change (the CLI's `asset edit` flags).
#[derive(Debug, Clone, Default)]
pub struct AssetPatch {
    pub code: Option<String>,
    pub name: Option<String>,
    pub category: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub acquired: Option<String>,
    pub value: Option<String>,
    pub life_years: Option<String>,
    pub salvage_rate: Option<String>,
    pub salvage: Option<String>,
    pub method: Option<String>,
    pub notes: Option<String>,
    pub supplier: Option<String>,
    pub warranty_until: Option<String>,
}

impl AssetPatch {
    /// `base` with the given fields replaced. A new salvage rate replaces an amount and
    /// the other way round.
    pub fn apply(&self, base: AssetInput) -> AssetInput {
        let pick = |given: &Option<String>, current: String| given.clone().unwrap_or(current);
        AssetInput {
            code: pick(&self.code, base.code),
            name: pick(&self.name, base.name),
            category: pick(&self.category, base.category),
            model: pick(&self.model, base.model),
            serial: pick(&self.serial, base.serial),
            dept: pick(&self.dept, base.dept),
            location: pick(&self.location, base.location),
            custodian: pick(&self.custodian, base.custodian),
            acquired: pick(&self.acquired, base.acquired),
            value: pick(&self.value, base.value),
            life_years: pick(&self.life_years, base.life_years),
            salvage_rate: if self.salvage.is_some() { String::new() } else { pick(&self.salvage_rate, base.salvage_rate) },
            salvage: if self.salvage_rate.is_some() { String::new() } else { pick(&self.salvage, base.salvage) },
            method: pick(&self.method, base.method),
            notes: pick(&self.notes, base.notes),
            supplier: pick(&self.supplier, base.supplier),
            warranty_until: pick(&self.warranty_until, base.warranty_until),
        }
    }
}

/// The card as an input, so a patch changes only what it names.
fn input_of(d: &AssetDetail) -> AssetInput {
    AssetInput {
        code: d.row.code.clone(),
        name: d.row.name.clone(),
        category: d.row.category.clone(),
        model: d.row.model.clone(),
        serial: d.serial.clone(),
        dept: d.row.dept.clone().unwrap_or_default(),
        location: d.row.location.clone().unwrap_or_default(),
        custodian: d.row.custodian.clone().unwrap_or_default(),
        acquired: d.row.acquired.map(|a| a.to_string()).unwrap_or_default(),
        value: format_money(d.row.value),
        life_years: d.life_years.map(|y| y.to_string()).unwrap_or_default(),
        salvage_rate: if d.salvage.is_some() { String::new() } else { d.salvage_rate.to_string() },
        salvage: d.salvage.map(format_money).unwrap_or_default(),
        method: d.method.as_str().to_string(),
        supplier: d.supplier.clone(),
        warranty_until: d.warranty_until.map(|w| w.to_string()).unwrap_or_default(),
        notes: d.notes.clone(),
    }
}

/// One line of a card's history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "HistoryEntry")]
pub struct HistoryDto {
    pub date: String,
    pub doc_no: String,
    pub kind: String,
    pub kind_label: String,
    pub operator: String,
    pub counterparty: String,
    #[ts(type = "Status")]
    pub status: &'static str,
    pub detail: String,
}

/// An asset's card: the list row, the rest of its fields, its history and what
/// documents it may take now.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AssetDetail")]
pub struct AssetDetailDto {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: AssetRowDto,
    pub serial: String,
    #[ts(type = "number | null")]
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
    #[ts(type = "DocKind[]")]
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

/// How many assets, of what value, are in one status.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "StatusTotal")]
pub struct StatusTotalDto {
    #[ts(type = "Status")]
    pub status: &'static str,
    #[ts(type = "number")]
    pub count: i64,
    pub value: String,
}

impl From<ledger::StatusTotal> for StatusTotalDto {
    fn from(t: ledger::StatusTotal) -> Self {
        StatusTotalDto { status: t.status.as_str(), count: t.count, value: format_money(t.value) }
    }
}

// ---- Use cases ----

/// The asset list: one page of what matches (all of it when `limit` is 0).
pub fn list(cx: &mut Ctx, query: AssetQueryDto) -> Result<PageDto<AssetRowDto>> {
    let page = cx.ledger.list_assets(cx.actor, &query.into_query()?)?;
    Ok(PageDto { total: page.total, rows: page.rows.into_iter().map(Into::into).collect() })
}

/// One asset's card.
pub fn card(cx: &mut Ctx, code: &AssetCode) -> Result<AssetDetailDto> {
    Ok(AssetDetailDto::new(cx.ledger.asset(cx.actor, code.as_str())?, cx.lang))
}

/// Registers an asset (one 资产新增 document); returns its code.
pub fn register(cx: &mut Ctx, input: AssetInputDto) -> Result<AssetCode> {
    Ok(AssetCode(cx.ledger.add_asset(cx.actor, &input.into())?))
}

/// Registers an asset from the fields given (the rest empty); returns its code.
pub fn register_fields(cx: &mut Ctx, fields: &AssetPatch) -> Result<AssetCode> {
    Ok(AssetCode(cx.ledger.add_asset(cx.actor, &fields.apply(AssetInput::default()))?))
}

/// Replaces the card's editable fields (status, place and custodian change only by
/// documents; the ledger refuses them here).
pub fn edit(cx: &mut Ctx, code: &AssetCode, input: AssetInputDto) -> Result<()> {
    cx.ledger.edit_asset(cx.actor, code.as_str(), &input.into())
}

/// Changes only the fields `patch` gives; returns the asset's code.
pub fn patch(cx: &mut Ctx, code: &AssetCode, patch: &AssetPatch) -> Result<AssetCode> {
    let current = cx.ledger.asset(cx.actor, code.as_str())?;
    cx.ledger.edit_asset(cx.actor, code.as_str(), &patch.apply(input_of(&current)))?;
    Ok(AssetCode(current.row.code))
}

/// Count and value per status.
pub fn status_totals(cx: &mut Ctx) -> Result<Vec<StatusTotalDto>> {
    Ok(cx.ledger.status_totals(cx.actor)?.into_iter().map(Into::into).collect())
}

/// The asset card as a printable PDF (A4 or A5).
pub fn card_pdf(cx: &mut Ctx, code: &AssetCode, paper: &str) -> Result<Vec<u8>> {
    let card = cx.ledger.asset(cx.actor, code.as_str())?;
    let paper = reports::Paper::parse(paper).unwrap_or(reports::Paper::A4);
    Ok(reports::render_asset_card(&card, &cx.ledger.settings()?.org_name, cx.lang, paper))
}

/// Exports every asset `query` selects (its paging ignored) to `file`, streamed (issue
/// 25): the matching ids in the list's order first, then the rows a chunk at a time, each
/// chunk read in a step of its own and written outside it, so memory stays flat in the
/// ledger's size and the session is held only briefly; then the export is recorded.
/// `progress` (done, total) returns false to cancel; a cancelled or failed export leaves
/// no file. An asset changed during the export is written as it is when its chunk is read.
pub fn export(steps: &mut crate::export::Steps, query: AssetQueryDto, file: &std::path::Path, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<crate::ExportDto> {
    let query = AssetQueryDto { offset: 0, limit: 0, ..query }.into_query()?;
    let mut ids = Vec::new();
    let mut sheet = None;
    steps(&mut |cx| {
        ids = cx.ledger.matching_asset_ids_in_order(cx.actor, &query)?;
        let name = if cx.lang == ledger::Lang::En { "Ledger" } else { "资产台账" };
        sheet = Some(exchange::AssetSheet::create(file, name, cx.ledger.active_custom_fields(cx.actor)?, cx.lang)?);
        Ok(())
    })?;
    let mut sheet = sheet.expect("the first step creates the sheet");
    let mut done = 0;
    for part in ids.chunks(exchange::EXPORT_CHUNK) {
        let mut rows = Vec::new();
        steps(&mut |cx| {
            rows = cx.ledger.asset_rows_of(cx.actor, part)?;
            Ok(())
        })?;
        sheet.write(&rows)?;
        done += part.len();
        if !progress(done, ids.len()) {
            return Err(exchange::ExportError::Cancelled.into());
        }
    }
    let written = sheet.finish()?;
    progress(ids.len(), ids.len());
    let mut recorded = None;
    steps(&mut |cx| {
        recorded = Some(crate::export::recorded(cx, &file.display().to_string(), written)?);
        Ok(())
    })?;
    Ok(recorded.expect("the last step records the export"))
}

/// The file name an asset export starts with, in the session's language.
pub fn export_stem(lang: ledger::Lang) -> &'static str {
    if lang == ledger::Lang::En { "asset-ledger" } else { "资产台账" }
}

