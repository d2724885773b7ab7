//! Paper printing (issue 18): which PDF a print button means, rendered once for the
//! print preview (src-tauri/src/commands/paper.rs shows its pages, prints and saves
//! the same bytes), and the records a printed or saved preview leaves.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use reports::{Paper, PaperJob};

use crate::labels::{JobResult, PrintRequestDto, SheetJob};
use crate::reports::ReportRequestDto;
use crate::{Ctx, Lang, Result};

/// What a print button asks for (the UI's `Printable`).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "Printable")]
pub enum PrintableRequest {
    Slip { doc_no: String },
    ConsumableSlip { doc_no: String },
    Card { code: String },
    Report { request: ReportRequestDto },
    /// A stocktake's statistics and differences (盘点报告).
    StocktakeReport {
        #[ts(type = "number")]
        id: i64,
    },
    /// A depreciation report of `period`: `detail`, `category` / `dept` (summary) or `register`.
    Depreciation {
        period: String,
        #[ts(type = "'detail' | 'category' | 'dept' | 'register'")]
        report: String,
    },
    /// The repair and maintenance report (维修保养统计) of the 维修 screen.
    RepairReport { query: crate::repairs::RepairReportQueryDto },
    /// The labels of an A4 sheet template as one PDF (the label dialog's 打印…).
    LabelSheet { request: PrintRequestDto },
    /// 税务折旧对照表: book and tax depreciation side by side (issue 21).
    TaxReport { request: crate::tax_depreciation::TaxReportRequestDto },
}

/// A rendered preview: the paper job, and for an A4 label sheet the label job whose
/// labels are recorded as printed once the sheet went out ([`record_sheet`]).
pub struct Preview {
    pub job: PaperJob,
    pub labels: Option<SheetJob>,
}

/// Renders `source` on `paper` ("a4", "a5", "a4-landscape"; its usual paper when absent
/// or not one its layout supports), as the caller may see it.
pub fn preview(cx: &mut Ctx, source: PrintableRequest, paper: Option<&str>, export_dir: &Path) -> JobResult<Preview> {
    let paper = paper.and_then(Paper::from_choice);
    let lang = cx.lang;
    let en = lang == Lang::En;
    let job = match source {
        PrintableRequest::Slip { doc_no } => reports::Printable::Slip { doc_no }.render(cx.ledger, cx.actor, lang, paper)?,
        PrintableRequest::ConsumableSlip { doc_no } => reports::Printable::ConsumableSlip { doc_no }.render(cx.ledger, cx.actor, lang, paper)?,
        PrintableRequest::Card { code } => reports::Printable::Card { code }.render(cx.ledger, cx.actor, lang, paper)?,
        PrintableRequest::Report { request } => {
            let (title, stem, sections) = crate::reports::build(cx, request)?.into_parts();
            PaperJob::table_report(cx.ledger, &title, stem, &sections, lang, paper)?
        }
        PrintableRequest::StocktakeReport { id } => {
            let report = cx.ledger.stocktake_report(cx.actor, id)?;
            let title = format!("{} {}", report.task.name, if en { "stocktake report" } else { "盘点报告" });
            let sections = exchange::stocktake_sheets(&report, lang);
            PaperJob::table_report(cx.ledger, &title, if en { "stocktake-report" } else { "盘点报告" }, &sections, lang, paper)?
        }
        PrintableRequest::Depreciation { period, report } => depreciation(cx, &period, &report, paper)?,
        PrintableRequest::RepairReport { query } => {
            let (title, stem, sections) = crate::repairs::report_paper(cx, query)?;
            PaperJob::table_report(cx.ledger, &title, &stem, &sections, lang, paper)?
        }
        PrintableRequest::TaxReport { request } => {
            let (title, stem, sections) = crate::tax_depreciation::paper(cx, &request)?;
            PaperJob::table_report(cx.ledger, &title, stem, &sections, lang, paper)?
        }
        PrintableRequest::LabelSheet { request } => {
            let sheet = crate::labels::prepare_sheet(cx, &request, export_dir)?;
            return Ok(Preview { job: label_sheet_job(&sheet, lang), labels: Some(sheet) });
        }
    };
    Ok(Preview { job, labels: None })
}

/// A depreciation report of `period` on paper: `category` / `dept` (summary),
/// `register`, or anything else the detail.
fn depreciation(cx: &mut Ctx, period: &str, report: &str, paper: Option<Paper>) -> Result<PaperJob> {
    let lang = cx.lang;
    let en = lang == Lang::En;
    let p = ledger::parse_period("period", period)?;
    let (title, table) = match report {
        "category" | "dept" => {
            let by = ledger::SummaryBy::parse(report)?;
            (if en { "Depreciation summary" } else { "折旧汇总表" }, exchange::depreciation_summary_table(&cx.ledger.depreciation_summary(cx.actor, p, by)?, by, lang))
        }
        "register" => (if en { "Asset register" } else { "资产明细账" }, exchange::asset_register_table(&cx.ledger.asset_register_at(cx.actor, p)?, lang)),
        _ => (if en { "Depreciation detail" } else { "折旧明细表" }, exchange::depreciation_detail_table(&cx.ledger.depreciation_detail(cx.actor, p)?, lang)),
    };
    let heading = format!("{title} {period}");
    PaperJob::table_report(cx.ledger, &heading, &format!("{title}-{period}"), &[(heading.clone(), table.0, table.1)], lang, paper)
}

fn label_sheet_job(sheet: &SheetJob, lang: Lang) -> PaperJob {
    let count = sheet.labels();
    PaperJob {
        pdf: sheet.pdf().to_vec(),
        title: if lang == Lang::En { format!("Asset labels ({count})") } else { format!("资产标签 {count} 张") },
        stem: "labels".into(),
        rows: count,
        paper: Paper::A4,
        papers: vec![Paper::A4],
    }
}

/// After a preview went out (printed or saved): a label sheet's labels recorded as
/// printed (label_print / label_reprint with the reason). Taken, so recorded once.
pub fn record_sheet(cx: &mut Ctx, labels: Option<SheetJob>) -> JobResult<()> {
    match labels {
        Some(sheet) => crate::labels::record_sheet(cx, &sheet),
        None => Ok(()),
    }
}

/// A preview's PDF saved as `file`: the export's audit entry.
pub fn record_saved(cx: &mut Ctx, file: &str, job: &PaperJob) -> Result<()> {
    crate::export::recorded(cx, file, job.rows).map(|_| ())
}

// ---- What the print preview shows and answers (src-tauri/src/commands/paper.rs) ----

/// An open print preview: its pages and the papers its layout offers.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PaperPreview")]
pub struct PaperPreviewDto {
    #[ts(type = "number")]
    pub id: u64,
    pub title: String,
    #[ts(type = "number")]
    pub pages: usize,
    /// The first page in millimetres.
    pub width_mm: f64,
    pub height_mm: f64,
    #[ts(type = "'portrait' | 'landscape'")]
    pub orientation: &'static str,
    /// a5 | a4 | a4-landscape: the paper it is laid out on, and the choices.
    #[ts(type = "string")]
    pub paper: &'static str,
    #[ts(type = "Array<string>")]
    pub papers: Vec<&'static str>,
}

/// An installed printer as the preview lists it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PaperPrinter")]
pub struct PaperPrinterDto {
    pub id: String,
    pub name: String,
    pub is_default: bool,
    #[ts(type = "string")]
    pub state: &'static str,
    /// Why it cannot print now (in the UI language), when it cannot.
    pub problem: Option<String>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PaperPrinters")]
pub struct PaperPrintersDto {
    pub printers: Vec<PaperPrinterDto>,
    /// The printer this computer printed paper on last.
    pub last: Option<String>,
    /// Why the list could not be read (CUPS not running ...).
    pub error: Option<crate::ErrorDto>,
}

/// A preview's job that went out.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Printed")]
pub struct PrintedDto {
    pub printer: String,
    pub copies: u32,
    #[ts(type = "number")]
    pub pages: usize,
    pub job: Option<String>,
    pub warnings: Vec<String>,
}

/// `paper-print-progress`: pages of preview `id` sent so far.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PaperProgress")]
pub struct PaperProgressDto {
    #[ts(type = "number")]
    pub id: u64,
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
}
