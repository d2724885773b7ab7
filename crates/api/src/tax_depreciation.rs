//! The tax schedule (税务折旧, issue 21): the tax method and life per category (inherited
//! down the tree) and per asset, and the book/tax report with its 纳税调整, as a table,
//! a workbook and paper. Enterprise ledgers only (the ledger refuses government ones).

use std::path::Path;

use ledger::{format_money, parse_period, parse_tax_life, Period, TaxReport, TaxSource};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::valuation::Progress;
use crate::{Ctx, ExportDto, Lang, Result};

/// A category's own tax setting.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "TaxSetting")]
pub struct TaxSettingDto {
    pub category: String,
    /// straight-line | double-declining | sum-of-years | one-time
    pub method: String,
    /// "年限平均法 3 年", as the report says it.
    pub label: String,
    #[ts(type = "number | null")]
    pub life_months: Option<i64>,
}

/// Sets (or, with an empty method, clears) the tax setting of a category or of an asset.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "TaxSettingRequest")]
pub struct TaxSettingRequestDto {
    /// A category name; or empty, with `asset` set.
    pub category: String,
    /// An asset code (its own setting overrides its category's).
    pub asset: String,
    /// straight-line | double-declining | sum-of-years | one-time (or the Chinese name);
    /// empty: clear the setting.
    pub method: String,
    /// Years ("3") or months ("22个月"); empty for one-time.
    pub life: String,
}

/// Which months the report covers.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "TaxReportRequest")]
pub struct TaxReportRequestDto {
    /// YYYY-MM; empty: January of `to`'s year (the tax year so far).
    pub from: String,
    /// YYYY-MM.
    pub to: String,
}

/// One asset's book and tax figures (money as "1234.50").
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "TaxLine")]
pub struct TaxLineDto {
    pub code: String,
    pub name: String,
    pub category: String,
    pub dept: Option<String>,
    /// The tax method in force; null when tax follows the book.
    pub method: Option<String>,
    #[ts(type = "number | null")]
    pub life_months: Option<i64>,
    /// "年限平均法 3 年" or "同账面".
    pub method_label: String,
    /// asset | category | book
    #[ts(type = "'asset' | 'category' | 'book'")]
    pub source: String,
    pub source_label: String,
    pub cost: String,
    pub tax_base: String,
    pub book_charge: String,
    pub tax_charge: String,
    /// 纳税调整 = book − tax: positive 调增, negative 调减.
    pub adjustment: String,
    pub book_accumulated: String,
    pub tax_accumulated: String,
    pub book_net: String,
    pub tax_net: String,
    /// book net − tax net.
    pub temporary_difference: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "TaxReport")]
pub struct TaxReportDto {
    pub from: String,
    pub to: String,
    pub lines: Vec<TaxLineDto>,
    pub book_charge: String,
    pub tax_charge: String,
    pub adjustment: String,
    pub temporary_difference: String,
}

fn line_dto(l: &ledger::TaxLine, lang: Lang) -> TaxLineDto {
    TaxLineDto {
        code: l.code.clone(),
        name: l.name.clone(),
        category: l.category.clone(),
        dept: l.dept.clone(),
        method: l.tax.map(|t| t.method.as_str().to_string()),
        life_months: l.tax.and_then(|t| t.life_months),
        method_label: exchange::tax_method_label(l.tax, lang),
        source: match l.source {
            TaxSource::Asset => "asset",
            TaxSource::Category(_) => "category",
            TaxSource::Book => "book",
        }
        .to_string(),
        source_label: exchange::tax_source_label(&l.source, lang),
        cost: format_money(l.cost),
        tax_base: format_money(l.tax_base),
        book_charge: format_money(l.book_charge),
        tax_charge: format_money(l.tax_charge),
        adjustment: format_money(l.adjustment),
        book_accumulated: format_money(l.book_accumulated),
        tax_accumulated: format_money(l.tax_accumulated),
        book_net: format_money(l.book_net),
        tax_net: format_money(l.tax_net),
        temporary_difference: format_money(l.temporary_difference),
        note: l.note.clone(),
    }
}

/// Every category's own tax setting.
pub fn settings(cx: &mut Ctx) -> Result<Vec<TaxSettingDto>> {
    let lang = cx.lang;
    Ok(cx
        .ledger
        .category_tax_depreciation(cx.actor)?
        .into_iter()
        .map(|s| TaxSettingDto {
            category: s.category,
            method: s.estimates.method.as_str().to_string(),
            label: exchange::tax_method_label(Some(s.estimates), lang),
            life_months: s.estimates.life_months,
        })
        .collect())
}

/// Sets or clears a category's or an asset's tax setting.
pub fn set(cx: &mut Ctx, req: &TaxSettingRequestDto) -> Result<()> {
    let (category, asset) = (req.category.trim(), req.asset.trim());
    if category.is_empty() == asset.is_empty() {
        return Err(ledger::Error::invalid("category", "name a category or an asset, not both", "请填写类别或资产编码（二选一）"));
    }
    if req.method.trim().is_empty() {
        return if asset.is_empty() {
            cx.ledger.clear_category_tax_depreciation(cx.actor, category)
        } else {
            cx.ledger.clear_asset_tax_depreciation(cx.actor, asset)
        };
    }
    let life = parse_tax_life(&req.life)?;
    if asset.is_empty() {
        cx.ledger.set_category_tax_depreciation(cx.actor, category, &req.method, life)
    } else {
        cx.ledger.set_asset_tax_depreciation(cx.actor, asset, &req.method, life)
    }
}

fn range(req: &TaxReportRequestDto) -> Result<(Period, Period)> {
    let to = parse_period("to", &req.to)?;
    let from = match req.from.trim() {
        "" => Period::new(to.year(), 1).expect("January"),
        text => parse_period("from", text)?,
    };
    Ok((from, to))
}

fn load(cx: &mut Ctx, req: &TaxReportRequestDto) -> Result<TaxReport> {
    let (from, to) = range(req)?;
    cx.ledger.tax_depreciation_report(cx.actor, from, to)
}

/// Book and tax depreciation side by side for the months asked.
pub fn report(cx: &mut Ctx, req: &TaxReportRequestDto) -> Result<TaxReportDto> {
    let r = load(cx, req)?;
    let lang = cx.lang;
    Ok(TaxReportDto {
        from: r.from.to_string(),
        to: r.to.to_string(),
        lines: r.lines.iter().map(|l| line_dto(l, lang)).collect(),
        book_charge: format_money(r.book_charge),
        tax_charge: format_money(r.tax_charge),
        adjustment: format_money(r.adjustment),
        temporary_difference: format_money(r.temporary_difference),
    })
}

/// The report's file stem.
pub fn stem(lang: Lang) -> &'static str {
    if lang == Lang::En {
        "tax-depreciation"
    } else {
        "税务折旧对照表"
    }
}

/// The report's title and file stem: "税务折旧对照表 2026-01—2026-12".
pub fn title(lang: Lang, from: Period, to: Period) -> (String, &'static str) {
    let title = if lang == Lang::En { format!("Book and tax depreciation {from} to {to}") } else { format!("税务折旧对照表 {from}—{to}") };
    (title, stem(lang))
}

/// The report as a workbook (with the export's audit entry).
pub fn export(cx: &mut Ctx, req: &TaxReportRequestDto, file: &Path, progress: Progress) -> Result<ExportDto> {
    let r = load(cx, req)?;
    let (columns, cells) = exchange::tax_depreciation_table(&r, cx.lang);
    let sheet = if cx.lang == Lang::En { "Tax depreciation" } else { "税务折旧" };
    exchange::write_xlsx(file, sheet, &columns, &cells, progress).map_err(ledger::Error::from)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), cells.len())?;
    Ok(ExportDto { file: file.display().to_string(), rows: cells.len() })
}

/// The report for the paper preview: (title, file stem, its one table).
pub fn paper(cx: &mut Ctx, req: &TaxReportRequestDto) -> Result<(String, &'static str, Vec<(String, Vec<exchange::Column>, Vec<Vec<exchange::Cell>>)>)> {
    let r = load(cx, req)?;
    let (title, stem) = title(cx.lang, r.from, r.to);
    let (columns, cells) = exchange::tax_depreciation_table(&r, cx.lang);
    Ok((title.clone(), stem, vec![(title, columns, cells)]))
}

/// The report as a PDF with the audit fingerprint in its footer (the CLI's --pdf).
pub fn report_pdf(cx: &mut Ctx, req: &TaxReportRequestDto, file: &Path) -> Result<ExportDto> {
    let (title, _, sections) = paper(cx, req)?;
    let rows = sections[0].2.len();
    let org = cx.ledger.settings()?.org_name;
    let options = reports::TableOptions::report(sections[0].1.len());
    let bytes = reports::render_tables_fingerprinted(&org, &title, &sections, cx.lang, &options, &cx.ledger.audit_fingerprint()?);
    std::fs::write(file, bytes)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), rows)?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}
