//! Paper printing (issue 18): the print preview and the jobs it sends. A preview holds
//! the one rendered PDF (api::paper::preview) so the pages shown, the PDF
//! saved and the job printed are the same bytes; pages are rasterised one at a time
//! (sysprint, off the async runtime); printing goes through sysprint::print_pdf_to
//! (state checked, then sent) with `paper-print-progress` events and cancel.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use api::paper::{PaperPreviewDto as PreviewDto, PaperPrinterDto, PaperPrintersDto, PaperProgressDto as Progress, PrintedDto};
use tauri::{AppHandle, Emitter, State};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The previews open in this window, by id.
#[derive(Default)]
pub struct PaperPreviews {
    next: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Held>>>,
}

pub(crate) struct Held {
    job: api::paper::PaperJob,
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

pub(crate) fn print_error(e: sysprint::PrintError, lang: api::Lang) -> ApiError {
    let message = if lang == api::Lang::En { e.message_en() } else { e.message_zh() };
    ApiError { code: e.code(), message: api::clip_quotes(&message), fields: vec!["printer".into()] }
}

fn words(lang: api::Lang, en: String, zh: String) -> String {
    if lang == api::Lang::En {
        en
    } else {
        zh
    }
}

/// Renders what was asked for and opens a preview of it.
#[tauri::command]
pub async fn paper_preview(state: State<'_, AppState>, previews: State<'_, PaperPreviews>, source: api::paper::PrintableRequest, paper: Option<String>) -> ApiResult<PreviewDto> {
    let lang = state.lang();
    let api::paper::Preview { job, labels } = crate::commands::labels::call_labels(&state, |cx| api::paper::preview(cx, source, paper.as_deref(), &state.export_dir))?;
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

/// After a sheet went out (printed or saved): its labels recorded as printed, once.
fn record_labels(state: &AppState, held: &Held) -> ApiResult<()> {
    let taken = held.labels.lock().unwrap_or_else(|p| p.into_inner()).take();
    crate::commands::labels::call_labels(state, |cx| api::paper::record_sheet(cx, taken))
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
    let file = state.call(|cx| {
        let file = crate::commands::print::save(&state, &held.job.stem, held.job.pdf.clone())?;
        api::paper::record_saved(cx, &file, &held.job)?;
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
