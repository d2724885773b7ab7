//! Label templates, printers, previews and print jobs. Thin: every use case is
//! `api::labels` (the job itself — checks, rendering, delivery, audit — is shared with
//! the CLI). Big jobs are rendered and sent outside the session lock, label by label,
//! with `label-print-progress` events and `cancel_label_print` (issue 18).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use api::labels::{GatheredPrint, JobError, LabelProgressDto, LabelSettings, PreviewFor, PrintRequestDto, PrintResultDto, PrinterChoicesDto, Template};
use tauri::{AppHandle, Emitter, State};

use api::labels::{LabelPreviewDto as PreviewDto, TemplateInfo};
use crate::error::{ApiError, ApiResult};

use crate::state::AppState;

fn to_api(e: JobError, lang: api::Lang) -> ApiError {
    ApiError { code: e.code(), message: api::clip_quotes(&e.message(lang)), fields: e.fields() }
}

/// Runs one label use case of the api crate as the logged-in user (`state.call` for
/// the label jobs' own error type, which keeps the labels crate's codes).
pub(crate) fn call_labels<T>(state: &AppState, f: impl FnOnce(&mut api::Ctx) -> api::labels::JobResult<T>) -> ApiResult<T> {
    let lang = state.lang();
    let mut result = None;
    state.call(|cx| {
        result = Some(f(cx));
        Ok(())
    })?;
    result.expect("ran").map_err(|e| to_api(e, lang))
}

/// The label prints running now (rendering or sending), each with its cancel flag, by
/// the run number their progress events carry.
#[derive(Default)]
pub struct LabelPrints {
    next: AtomicU64,
    running: Mutex<HashMap<u64, Arc<AtomicBool>>>,
}

impl LabelPrints {
    fn start(&self) -> (u64, Arc<AtomicBool>) {
        let run = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let flag = Arc::new(AtomicBool::new(false));
        self.running.lock().unwrap_or_else(|p| p.into_inner()).insert(run, flag.clone());
        (run, flag)
    }
    fn end(&self, run: u64) {
        self.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&run);
    }
}

/// A path the user typed: absolute as given, else inside the export folder.
fn user_path(state: &AppState, path: &str) -> PathBuf {
    let p = PathBuf::from(path.trim());
    if p.is_absolute() {
        p
    } else {
        state.export_dir.join(p)
    }
}

#[tauri::command]
pub async fn label_templates(state: State<'_, AppState>) -> ApiResult<Vec<TemplateInfo>> {
    call_labels(&state, api::labels::templates)
}

#[tauri::command]
pub async fn label_template(state: State<'_, AppState>, name: String) -> ApiResult<Template> {
    call_labels(&state, |cx| api::labels::template(cx, &name))
}

/// Saves an own template; `replacing` is the name it was opened under (rename), if any.
#[tauri::command]
pub async fn save_label_template(state: State<'_, AppState>, template: Template, replacing: Option<String>) -> ApiResult<()> {
    call_labels(&state, |cx| api::labels::save_template(cx, &template, replacing.as_deref()))
}

#[tauri::command]
pub async fn delete_label_template(state: State<'_, AppState>, name: String) -> ApiResult<()> {
    call_labels(&state, |cx| api::labels::delete_template(cx, &name))
}

#[tauri::command]
pub async fn set_default_label_template(state: State<'_, AppState>, name: String) -> ApiResult<()> {
    call_labels(&state, |cx| api::labels::set_default_template(cx, &name))
}

/// Writes the template as JSON to `path` (default: `<export folder>/<name>.json`).
#[tauri::command]
pub async fn export_label_template(state: State<'_, AppState>, name: String, path: Option<String>) -> ApiResult<String> {
    let file = match path.filter(|p| !p.trim().is_empty()) {
        Some(p) => user_path(&state, &p),
        None => state.export_dir.join(format!("{name}.json")),
    };
    call_labels(&state, |cx| api::labels::export_template(cx, &name, &file))?;
    Ok(file.display().to_string())
}

/// Imports a template file (absolute path, or a name in the export folder); returns its name.
#[tauri::command]
pub async fn import_label_template(state: State<'_, AppState>, path: String) -> ApiResult<String> {
    let file = user_path(&state, &path);
    call_labels(&state, |cx| api::labels::import_template(cx, &file))
}

/// Imports a template from the bytes of the .json file chosen in the window (issue 27).
#[tauri::command]
pub async fn import_label_template_file(state: State<'_, AppState>, name: String, bytes: Vec<u8>) -> ApiResult<String> {
    call_labels(&state, |cx| api::labels::import_template_bytes(cx, &name, &bytes))
}

/// One label of `template` (as being designed, unsaved) with the data of asset
/// `code`, or sample data, drawn as it will print: on configured printer `printer`,
/// else on a thermal printer at `dpi`, else as the PDF.
#[tauri::command]
pub async fn preview_label(
    state: State<'_, AppState>,
    template: Template,
    code: Option<String>,
    dpi: Option<u32>,
    printer: Option<String>,
) -> ApiResult<PreviewDto> {
    let target = match (printer.filter(|p| !p.trim().is_empty()), dpi) {
        (Some(name), _) => PreviewFor::Printer(name),
        (None, Some(dpi)) => PreviewFor::Dpi(dpi),
        (None, None) => PreviewFor::Pdf,
    };
    let (preview, code) = call_labels(&state, |cx| api::labels::preview(cx, &template, code.as_deref(), &target))?;
    Ok(PreviewDto::new(preview, code))
}

#[tauri::command]
pub async fn label_settings(state: State<'_, AppState>) -> ApiResult<LabelSettings> {
    call_labels(&state, api::labels::settings)
}

#[tauri::command]
pub async fn save_label_settings(state: State<'_, AppState>, settings: LabelSettings) -> ApiResult<()> {
    call_labels(&state, |cx| api::labels::save_settings(cx, &settings))
}

/// Of `codes`, those printed before (printing them again needs a reason).
#[tauri::command]
pub async fn label_reprints(state: State<'_, AppState>, codes: Vec<String>) -> ApiResult<Vec<String>> {
    call_labels(&state, |cx| api::labels::reprints(cx, &codes))
}

/// The installed printers and the serial / USB ports, for the printer setup's picker.
#[tauri::command]
pub async fn label_printer_choices(state: State<'_, AppState>) -> ApiResult<PrinterChoicesDto> {
    // Listing runs lpstat / EnumPrinters: off the async runtime, without the session lock.
    let lang = state.lang();
    state.call(|_| Ok(()))?;
    tauri::async_runtime::spawn_blocking(move || api::labels::printer_choices_for(lang))
    .await
    .map_err(|e| ApiError { code: "internal", message: e.to_string(), fields: vec![] })
}

/// Prints labels: to a configured printer, or as a PDF in the export folder. The job
/// is checked under the session lock, rendered and then sent without it (label by label,
/// `label-print-progress`, cancellable), and recorded under it again.
#[tauri::command]
pub async fn print_labels(app: AppHandle, state: State<'_, AppState>, prints: State<'_, LabelPrints>, request: PrintRequestDto) -> ApiResult<PrintResultDto> {
    let export_dir = state.export_dir.clone();
    let gathered = call_labels(&state, |cx| api::labels::gather_print(cx, &request, &export_dir))?;
    run_gathered(app, &state, &prints, gathered).await
}

/// Stops label print `run`: while rendering, before anything is recorded or sent;
/// while sending, after the label being sent (the labels already sent are recorded as
/// printed; the job as cancelled, to retry).
#[tauri::command]
pub async fn cancel_label_print(prints: State<'_, LabelPrints>, run: u64) -> ApiResult<()> {
    if let Some(flag) = prints.running.lock().unwrap_or_else(|p| p.into_inner()).get(&run) {
        flag.store(true, Ordering::SeqCst);
    }
    Ok(())
}

fn internal(e: tauri::Error) -> ApiError {
    ApiError { code: "internal", message: e.to_string(), fields: vec![] }
}

/// Renders a checked job and sends it, both off the async runtime and outside the
/// session lock, with progress events and one cancel flag; records it as `sending` in
/// between and how it went at the end (a failure is recorded before it is returned).
pub(crate) async fn run_gathered(app: AppHandle, state: &AppState, prints: &LabelPrints, gathered: GatheredPrint) -> ApiResult<PrintResultDto> {
    let (run, cancel) = prints.start();
    let result = render_and_send(&app, state, run, &cancel, gathered).await;
    prints.end(run);
    result
}

async fn render_and_send(app: &AppHandle, state: &AppState, run: u64, cancel: &Arc<AtomicBool>, gathered: GatheredPrint) -> ApiResult<PrintResultDto> {
    let lang = state.lang();
    let emit = move |app: &AppHandle, job: i64, stage: &str, done: usize, total: usize| {
        let _ = app.emit("label-print-progress", LabelProgressDto { run, job, stage: stage.into(), done, total });
    };
    let (rendering_app, rendering_cancel) = (app.clone(), cancel.clone());
    let rendered = tauri::async_runtime::spawn_blocking(move || {
        gathered.render(&rendering_cancel, &mut |done, total| emit(&rendering_app, 0, "rendering", done, total))
    })
    .await
    .map_err(internal)?
    .map_err(|e| to_api(e, lang))?;
    let prepared = call_labels(state, |cx| api::labels::begin_print(cx, rendered))?;
    let job = prepared.id();
    let (sending_app, sending_cancel) = (app.clone(), cancel.clone());
    let (prepared, delivered) = tauri::async_runtime::spawn_blocking(move || {
        let delivered = prepared.deliver(&sending_cancel, &mut |done, total| emit(&sending_app, job, "sending", done, total));
        (prepared, delivered)
    })
    .await
    .map_err(internal)?;
    call_labels(state, |cx| api::labels::finish_print(cx, &prepared, delivered))
}
