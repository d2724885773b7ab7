//! Paper printing (issue 18): the print preview and the jobs it sends. A preview holds
//! the one rendered PDF (reports::Printable / PaperJob) so the pages shown, the PDF
//! saved and the job printed are the same bytes; pages are rasterised one at a time
//! (sysprint, off the async runtime); printing goes through sysprint::print_pdf_to
//! (state checked, then sent) with `paper-print-progress` events and cancel.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};

use crate::dto::reports::ReportRequestDto;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The previews open in this window, by id.
#[derive(Default)]
pub struct PaperPreviews {
    next: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Held>>>,
}

pub(crate) struct Held {
    job: reports::PaperJob,
    cancel: AtomicBool,
    /// An A4 label sheet's label job: its labels are recorded as printed (audit
    /// label_print / label_reprint, with the reason) once the sheet is printed or saved.
    labels: Mutex<Option<api::labels::SheetJob>>,
}

impl Held {
    pub(crate) fn title(&self) -> &str {
        &self.job.title
    }
}

impl PaperPreviews {
    pub(crate) fn get(&self, id: u64) -> ApiResult<Arc<Held>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned().ok_or_else(|| ApiError {
            code: "not_found",
            message: "this print preview was closed / 此打印预览已关闭".into(),
            fields: vec![],
        })
    }
}

/// What a print button asks for.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintableDto {
    Slip { doc_no: String },
    ConsumableSlip { doc_no: String },
    Card { code: String },
    Report { request: ReportRequestDto },
    /// A stocktake's statistics and differences (盘点报告).
    StocktakeReport { id: i64 },
    /// A depreciation report of `period`: `detail`, `category` / `dept` (summary) or `register`.
    Depreciation { period: String, report: String },
    /// The repair and maintenance report (维修保养统计) of the 维修 screen.
    RepairReport { query: api::repairs::RepairReportQueryDto },
    /// The labels of an A4 sheet template as one PDF (the label dialog's 打印…).
    LabelSheet { request: api::labels::PrintRequestDto },
}

#[derive(Serialize)]
pub struct PreviewDto {
    pub id: u64,
    pub title: String,
    pub pages: usize,
    /// The first page in millimetres.
    pub width_mm: f64,
    pub height_mm: f64,
    /// portrait | landscape
    pub orientation: &'static str,
    /// a5 | a4 | a4-landscape: the paper it is laid out on, and the choices.
    pub paper: &'static str,
    pub papers: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct PaperPrinterDto {
    pub id: String,
    pub name: String,
    pub is_default: bool,
    pub state: &'static str,
    /// Why it cannot print now (in the UI language), when it cannot.
    pub problem: Option<String>,
    pub warnings: Vec<String>,
}

#[derive(Serialize)]
pub struct PaperPrintersDto {
    pub printers: Vec<PaperPrinterDto>,
    /// The printer this computer printed paper on last.
    pub last: Option<String>,
    /// Why the list could not be read (CUPS not running ...).
    pub error: Option<ApiError>,
}

#[derive(Serialize)]
pub struct PrintedDto {
    pub printer: String,
    pub copies: u32,
    pub pages: usize,
    pub job: Option<String>,
    pub warnings: Vec<String>,
}

#[derive(Serialize, Clone)]
struct Progress {
    id: u64,
    done: usize,
    total: usize,
}

pub(crate) fn print_error(e: sysprint::PrintError, lang: ledger::Lang) -> ApiError {
    let message = if lang == ledger::Lang::En { e.message_en() } else { e.message_zh() };
    ApiError { code: e.code(), message: ledger::clip_quotes(&message), fields: vec!["printer".into()] }
}

fn words(lang: ledger::Lang, en: String, zh: String) -> String {
    if lang == ledger::Lang::En {
        en
    } else {
        zh
    }
}

/// Renders what was asked for and opens a preview of it.
#[tauri::command]
pub async fn paper_preview(state: State<'_, AppState>, previews: State<'_, PaperPreviews>, source: PrintableDto, paper: Option<String>) -> ApiResult<PreviewDto> {
    let lang = state.lang();
    let paper = paper.as_deref().and_then(reports::Paper::from_choice);
    let mut labels = None;
    let job = if let PrintableDto::LabelSheet { request } = source {
        let (job, label_job) = label_sheet(&state, request, lang)?;
        labels = Some(label_job);
        job
    } else {
        paper_job(&state, source, paper, lang)?
    };
    let doc = sysprint::Document::open(&job.pdf).map_err(|e| print_error(e, lang))?;
    let (width_mm, height_mm) = doc.page_size_mm(0).map_err(|e| print_error(e, lang))?;
    let dto = PreviewDto {
        id: previews.next.fetch_add(1, Ordering::Relaxed) + 1,
        title: job.title.clone(),
        pages: doc.page_count(),
        width_mm,
        height_mm,
        orientation: if width_mm > height_mm { "landscape" } else { "portrait" },
        paper: job.paper.choice(),
        papers: job.papers.iter().map(|p| p.choice()).collect(),
    };
    previews.open.lock().unwrap_or_else(|p| p.into_inner()).insert(dto.id, Arc::new(Held { job, cancel: AtomicBool::new(false), labels: Mutex::new(labels) }));
    Ok(dto)
}

/// An A4 sheet's labels rendered as the label dialog's PDF job would be (every check of
/// `Job::prepare`: fit, permission, reprint reason), held instead of written.
fn label_sheet(state: &AppState, request: api::labels::PrintRequestDto, lang: ledger::Lang) -> ApiResult<(reports::PaperJob, api::labels::SheetJob)> {
    let job = crate::commands::labels::call_labels(state, |cx| api::labels::prepare_sheet(cx, &request, &state.export_dir))?;
    let count = job.labels();
    let en = lang == ledger::Lang::En;
    let paper_job = reports::PaperJob {
        pdf: job.pdf().to_vec(),
        title: if en { format!("Asset labels ({count})") } else { format!("资产标签 {count} 张") },
        stem: "labels".into(),
        rows: count,
        paper: reports::Paper::A4,
        papers: vec![reports::Paper::A4],
    };
    Ok((paper_job, job))
}

/// After a sheet went out (printed or saved): its labels recorded as printed.
fn record_labels(state: &AppState, held: &Held) -> ApiResult<()> {
    let taken = held.labels.lock().unwrap_or_else(|p| p.into_inner()).take();
    match taken {
        Some(job) => crate::commands::labels::call_labels(state, |cx| api::labels::record_sheet(cx, &job)),
        None => Ok(()),
    }
}

fn paper_job(state: &AppState, source: PrintableDto, paper: Option<reports::Paper>, lang: ledger::Lang) -> ApiResult<reports::PaperJob> {
    state.as_user(|ledger, actor| match source {
        PrintableDto::Slip { doc_no } => reports::Printable::Slip { doc_no }.render(ledger, actor, lang, paper),
        PrintableDto::ConsumableSlip { doc_no } => reports::Printable::ConsumableSlip { doc_no }.render(ledger, actor, lang, paper),
        PrintableDto::Card { code } => reports::Printable::Card { code }.render(ledger, actor, lang, paper),
        PrintableDto::Report { request } => {
            let (title, stem, sections) = crate::commands::reports::build(ledger, actor, request, lang)?;
            reports::PaperJob::table_report(ledger, &title, stem, &sections, lang, paper)
        }
        PrintableDto::StocktakeReport { id } => {
            let report = ledger.stocktake_report(actor, id)?;
            let en = lang == ledger::Lang::En;
            let title = format!("{} {}", report.task.name, if en { "stocktake report" } else { "盘点报告" });
            let sections = exchange::stocktake_sheets(&report, lang);
            reports::PaperJob::table_report(ledger, &title, if en { "stocktake-report" } else { "盘点报告" }, &sections, lang, paper)
        }
        PrintableDto::Depreciation { period, report } => {
            let en = lang == ledger::Lang::En;
            let p = ledger::parse_period("period", &period)?;
            let (title, table) = match report.as_str() {
                "category" | "dept" => {
                    let by = ledger::SummaryBy::parse(&report)?;
                    (if en { "Depreciation summary" } else { "折旧汇总表" }, exchange::depreciation_summary_table(&ledger.depreciation_summary(actor, p, by)?, by, lang))
                }
                "register" => (if en { "Asset register" } else { "资产明细账" }, exchange::asset_register_table(&ledger.asset_register_at(actor, p)?, lang)),
                _ => (if en { "Depreciation detail" } else { "折旧明细表" }, exchange::depreciation_detail_table(&ledger.depreciation_detail(actor, p)?, lang)),
            };
            let heading = format!("{title} {period}");
            reports::PaperJob::table_report(ledger, &heading, &format!("{title}-{period}"), &[(heading.clone(), table.0, table.1)], lang, paper)
        }
        PrintableDto::RepairReport { query } => {
            let (title, stem, sections) = api::repairs::report_paper(&mut api::Ctx::new(ledger, actor, lang), query)?;
            reports::PaperJob::table_report(ledger, &title, &stem, &sections, lang, paper)
        }
        PrintableDto::LabelSheet { .. } => unreachable!("prepared by label_sheet"),
    })
}

/// Page `index` of preview `id` as PNG, `width_px` wide (raw bytes, not JSON).
#[tauri::command]
pub async fn paper_page(state: State<'_, AppState>, previews: State<'_, PaperPreviews>, id: u64, index: usize, width_px: u32) -> ApiResult<tauri::ipc::Response> {
    let lang = state.lang();
    let held = previews.get(id)?;
    let png = tauri::async_runtime::spawn_blocking(move || -> sysprint::Result<Vec<u8>> {
        let doc = sysprint::Document::open(&held.job.pdf)?;
        let (w_mm, _) = doc.page_size_mm(index)?;
        let dpi = (f64::from(width_px.clamp(100, 2400)) / (w_mm / 25.4)).min(200.0);
        doc.render(index, dpi)?.png()
    })
    .await
    .map_err(|e| ApiError { code: "internal", message: e.to_string(), fields: vec![] })?
    .map_err(|e| print_error(e, lang))?;
    Ok(tauri::ipc::Response::new(png))
}

/// The installed printers with their state, and the one used last on this computer.
#[tauri::command]
pub async fn paper_printers(state: State<'_, AppState>) -> ApiResult<PaperPrintersDto> {
    let lang = state.lang();
    let last = sysprint::PrinterMemory::in_dir(&state.data_dir).last();
    let listed = tauri::async_runtime::spawn_blocking(sysprint::installed_printers).await.map_err(|e| ApiError { code: "internal", message: e.to_string(), fields: vec![] })?;
    Ok(match listed {
        Ok(printers) => PaperPrintersDto {
            printers: printers
                .iter()
                .map(|p| PaperPrinterDto {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    is_default: p.is_default,
                    state: p.state.as_str(),
                    problem: sysprint::readiness::problem(p).map(|pr| words(lang, pr.words_en(), pr.words_zh())),
                    warnings: sysprint::readiness::warnings(p).iter().map(|w| words(lang, w.words_en(), w.words_zh())).collect(),
                })
                .collect(),
            last,
            error: None,
        },
        Err(e) => PaperPrintersDto { printers: vec![], last, error: Some(print_error(e, lang)) },
    })
}

/// Prints preview `id` on `printer` (an id from `paper_printers`), `copies` times, with
/// `paper-print-progress`; remembers the printer for next time.
#[tauri::command]
pub async fn paper_print(app: AppHandle, state: State<'_, AppState>, previews: State<'_, PaperPreviews>, id: u64, printer: String, copies: u32) -> ApiResult<PrintedDto> {
    let held = previews.get(id)?;
    print_held(app, &state, held, id, printer, copies).await
}

/// The one way a preview's PDF is printed (the preview's button, the system dialog).
pub(crate) async fn print_held(app: AppHandle, state: &AppState, held: Arc<Held>, id: u64, printer: String, copies: u32) -> ApiResult<PrintedDto> {
    let lang = state.lang();
    held.cancel.store(false, Ordering::Relaxed);
    let held_again = held.clone();
    let given = printer.clone();
    let (target, submitted) = tauri::async_runtime::spawn_blocking(move || {
        let options = sysprint::PrintOptions { copies, job_name: held.job.title.clone(), ..Default::default() };
        sysprint::print_pdf_to(&given, &held.job.pdf, &options, &held.cancel, &mut |done, total| {
            let _ = app.emit("paper-print-progress", Progress { id, done, total });
        })
    })
    .await
    .map_err(|e| ApiError { code: "internal", message: e.to_string(), fields: vec![] })?
    .map_err(|e| print_error(e, lang))?;
    // Not remembering is no reason to fail a print that went out.
    let _ = sysprint::PrinterMemory::in_dir(&state.data_dir).remember(&printer);
    record_labels(state, &held_again)?;
    Ok(PrintedDto {
        printer: target.to_string(),
        copies,
        pages: submitted.pages,
        job: submitted.job_id,
        warnings: submitted.warnings.iter().map(|w| words(lang, w.words_en(), w.words_zh())).collect(),
    })
}

/// Stops preview `id`'s print between pages (Windows draws page by page; a CUPS job is
/// handed over whole and cannot be stopped half way from here).
#[tauri::command]
pub async fn paper_cancel(previews: State<'_, PaperPreviews>, id: u64) -> ApiResult<()> {
    previews.get(id)?.cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Writes preview `id`'s PDF to the export folder (recorded as an export); its path.
#[tauri::command]
pub async fn paper_save(state: State<'_, AppState>, previews: State<'_, PaperPreviews>, id: u64) -> ApiResult<String> {
    let held = previews.get(id)?;
    let file = state.as_user(|ledger, actor| {
        let file = crate::commands::print::save(&state, &held.job.stem, held.job.pdf.clone())?;
        ledger.record_export(actor, &file, held.job.rows)?;
        Ok(file)
    })?;
    record_labels(&state, &held)?;
    Ok(file)
}

#[tauri::command]
pub async fn paper_close(previews: State<'_, PaperPreviews>, id: u64) -> ApiResult<()> {
    previews.open.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    Ok(())
}
