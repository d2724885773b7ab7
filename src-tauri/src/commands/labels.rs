//! Label templates, printers, previews and print jobs. Thin: the job itself (checks,
//! rendering, delivery, audit) is crates/label-jobs, shared with the CLI.

use std::path::PathBuf;

use labels::{Format, Template};
use label_jobs::{Destination, Job, JobError, JobRequest, LabelSettings, PreviewFor, Store};
use ledger::{Actor, Lang, Ledger};
use tauri::State;

use crate::dto_labels::{PreviewDto, PrintRequestDto, PrintResultDto, TemplateInfoDto};
use crate::error::{ApiError, ApiResult};

use crate::state::AppState;

fn to_api(e: JobError, lang: Lang) -> ApiError {
    ApiError { code: e.code(), message: e.message(lang), fields: e.fields() }
}

/// Runs `f` as the logged-in user with the label store of the open ledger.
pub(crate) fn with_user<T>(state: &AppState, f: impl FnOnce(&mut Ledger, &Actor, &Store) -> label_jobs::Result<T>) -> ApiResult<T> {
    let lang = state.lang();
    let store = Store::new(&state.data_dir);
    let mut result = None;
    state.as_user(|ledger, actor| {
        result = Some(f(ledger, actor, &store));
        Ok(())
    })?;
    result.expect("ran").map_err(|e| to_api(e, lang))
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
pub async fn label_templates(state: State<'_, AppState>) -> ApiResult<Vec<TemplateInfoDto>> {
    with_user(&state, |_, _, store| Ok(store.list()?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub async fn label_template(state: State<'_, AppState>, name: String) -> ApiResult<Template> {
    with_user(&state, |_, _, store| store.get(&name))
}

/// Saves an own template; `replacing` is the name it was opened under (rename), if any.
#[tauri::command]
pub async fn save_label_template(state: State<'_, AppState>, template: Template, replacing: Option<String>) -> ApiResult<()> {
    with_user(&state, |_, actor, store| store.save(actor, &template, replacing.as_deref()))
}

#[tauri::command]
pub async fn delete_label_template(state: State<'_, AppState>, name: String) -> ApiResult<()> {
    with_user(&state, |_, actor, store| store.delete(actor, &name))
}

#[tauri::command]
pub async fn set_default_label_template(state: State<'_, AppState>, name: String) -> ApiResult<()> {
    with_user(&state, |_, actor, store| store.set_default_template(actor, &name))
}

/// Writes the template as JSON to `path` (default: `<export folder>/<name>.json`).
#[tauri::command]
pub async fn export_label_template(state: State<'_, AppState>, name: String, path: Option<String>) -> ApiResult<String> {
    let file = match path.filter(|p| !p.trim().is_empty()) {
        Some(p) => user_path(&state, &p),
        None => state.export_dir.join(format!("{name}.json")),
    };
    with_user(&state, |_, _, store| store.export(&name, &file))?;
    Ok(file.display().to_string())
}

/// Imports a template file (absolute path, or a name in the export folder); returns its name.
#[tauri::command]
pub async fn import_label_template(state: State<'_, AppState>, path: String) -> ApiResult<String> {
    let file = user_path(&state, &path);
    with_user(&state, |_, actor, store| Ok(store.import(actor, &file)?.name))
}

/// Imports a template from the bytes of the .json file chosen in the window (issue 27).
#[tauri::command]
pub async fn import_label_template_file(state: State<'_, AppState>, name: String, bytes: Vec<u8>) -> ApiResult<String> {
    with_user(&state, |_, actor, store| Ok(store.import_bytes(actor, &name, &bytes)?.name))
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
    with_user(&state, |ledger, actor, store| {
        let (preview, code) = label_jobs::preview(ledger, actor, store, &template, code.as_deref(), &target)?;
        Ok(PreviewDto::new(preview, code))
    })
}

#[tauri::command]
pub async fn label_settings(state: State<'_, AppState>) -> ApiResult<LabelSettings> {
    with_user(&state, |_, _, store| store.settings())
}

#[tauri::command]
pub async fn save_label_settings(state: State<'_, AppState>, settings: LabelSettings) -> ApiResult<()> {
    with_user(&state, |_, actor, store| store.save_settings(actor, &settings))
}

/// Of `codes`, those printed before (printing them again needs a reason).
#[tauri::command]
pub async fn label_reprints(state: State<'_, AppState>, codes: Vec<String>) -> ApiResult<Vec<String>> {
    with_user(&state, |ledger, actor, _| Ok(ledger.label_reprints(actor, &codes)?))
}

/// Prints labels: to a configured printer, or as a PDF in the export folder. The job
/// is checked and rendered under the session lock, sent without it, then recorded.
#[tauri::command]
pub async fn print_labels(state: State<'_, AppState>, request: PrintRequestDto) -> ApiResult<PrintResultDto> {
    let job = with_user(&state, |ledger, actor, store| {
        let settings = store.settings()?;
        let printer = request.printer.trim();
        let mut req = if printer.is_empty() {
            let stem = format!("labels-{}", chrono::Local::now().format("%Y%m%d-%H%M%S"));
            let file = (1..)
                .map(|n| state.export_dir.join(if n == 1 { format!("{stem}.pdf") } else { format!("{stem}-{n}.pdf") }))
                .find(|f| !f.exists())
                .expect("a free file name");
            JobRequest::new(request.codes.clone(), Format::Pdf, Destination::File(file))
        } else {
            let entry = settings.printer(printer).ok_or_else(|| {
                JobError::Core(ledger::Error::not_found(format!("no printer named \"{printer}\""), format!("没有名为“{printer}”的打印机")))
            })?;
            JobRequest::for_printer(request.codes.clone(), entry)?
        };
        req.template = Some(request.template.clone()).filter(|t| !t.trim().is_empty());
        req.start = request.start;
        req.reason = request.reason.clone();
        req.copies = request.copies;
        let job = Job::prepare(ledger, actor, store, &req)?;
        let id = job.begin(ledger, actor)?;
        Ok((job, id))
    })?;
    send_recorded(&state, job)
}

/// Sends a prepared job outside the session lock, then records how it went in the
/// print history (a failure is recorded before it is returned).
pub(crate) fn send_recorded(state: &AppState, (job, id): (Job, i64)) -> ApiResult<PrintResultDto> {
    let delivered = job.deliver();
    let outcome = with_user(state, |ledger, actor, _| job.finish(ledger, actor, id, delivered))?;
    let (out, printer) = match &outcome.destination {
        Destination::File(p) => (Some(p.display().to_string()), None),
        Destination::Printer(uri) => (None, Some(uri.to_string())),
    };
    Ok(PrintResultDto { labels: outcome.labels, bytes: outcome.bytes, out, printer, reprints: outcome.reprints })
}
