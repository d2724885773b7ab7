//! Labels and label printers (issues 18, 27): templates, the printer list, previews,
//! print jobs and their history, for the desktop shell and the CLI alike. The job itself
//! (checks, rendering, delivery, audit) is crates/label-jobs; this is the one door the
//! adapters use. Errors are label-jobs' `JobError`: the ledger's codes plus the labels
//! crate's own (`text_overflow`, `printer_unreachable`, `printer_not_ready` …).
//!
//! A print is three steps so the app can send outside its session lock: `prepare_print`
//! (every refusal, the job recorded as `sending`) → `PreparedPrint::deliver` (no ledger;
//! progress after each label, a cancel flag read between labels) → `finish_print`
//! (sent, failed or cancelled in the history; the labels that went out audited).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use label_jobs::{Destination, Job, JobRequest, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Ctx;

pub use label_jobs::{JobError, LabelSettings, PrinterEntry, PreviewFor, Stage, TemplateInfo};
pub use labels::{Format, Media, Mode, Preview, PrinterUri, StatusSeen, Template};

pub type JobResult<T> = std::result::Result<T, JobError>;

fn store(cx: &Ctx) -> Store {
    Store::new(cx.ledger.dir())
}

// ---- templates and settings ----

pub fn templates(cx: &mut Ctx) -> JobResult<Vec<TemplateInfo>> {
    store(cx).list()
}

pub fn template(cx: &mut Ctx, name: &str) -> JobResult<Template> {
    store(cx).get(name)
}

/// Saves an own template; `replacing`: the name it was opened under (a rename).
pub fn save_template(cx: &mut Ctx, template: &Template, replacing: Option<&str>) -> JobResult<()> {
    store(cx).save(cx.actor, template, replacing)
}

pub fn delete_template(cx: &mut Ctx, name: &str) -> JobResult<()> {
    store(cx).delete(cx.actor, name)
}

pub fn set_default_template(cx: &mut Ctx, name: &str) -> JobResult<()> {
    store(cx).set_default_template(cx.actor, name)
}

/// Writes template `name` as JSON to `file`.
pub fn export_template(cx: &mut Ctx, name: &str, file: &Path) -> JobResult<()> {
    store(cx).export(name, file)
}

/// Imports a template file; returns its name.
pub fn import_template(cx: &mut Ctx, file: &Path) -> JobResult<String> {
    Ok(store(cx).import(cx.actor, file)?.name)
}

/// Imports a template from the bytes of file `name` chosen in the window; its name.
pub fn import_template_bytes(cx: &mut Ctx, name: &str, bytes: &[u8]) -> JobResult<String> {
    Ok(store(cx).import_bytes(cx.actor, name, bytes)?.name)
}

pub fn settings(cx: &mut Ctx) -> JobResult<LabelSettings> {
    store(cx).settings()
}

pub fn save_settings(cx: &mut Ctx, settings: &LabelSettings) -> JobResult<()> {
    store(cx).save_settings(cx.actor, settings)
}

/// Of `codes`, those printed before (printing them again needs a reason).
pub fn reprints(cx: &mut Ctx, codes: &[String]) -> JobResult<Vec<String>> {
    Ok(cx.ledger.label_reprints(cx.actor, codes)?)
}

/// One label of `template` with asset `code`'s data (or the sample) drawn for `target`;
/// the preview and the code it shows.
pub fn preview(cx: &mut Ctx, template: &Template, code: Option<&str>, target: &PreviewFor) -> JobResult<(Preview, String)> {
    let store = store(cx);
    label_jobs::preview(cx.ledger, cx.actor, &store, template, code, target)
}

// ---- printers ----

/// Adds a printer (`uri` an address or an installed printer's name); the first one, or
/// one added with `make_default`, is the default.
pub fn add_printer(cx: &mut Ctx, entry: PrinterEntry, make_default: bool) -> JobResult<PrinterEntry> {
    let store = store(cx);
    let name = entry.name.trim().to_string();
    store.add_printer(cx.actor, entry)?;
    if make_default {
        store.set_default_printer(cx.actor, &name)?;
    }
    store.printer(Some(&name))
}

/// Changes printer `name` with `edit` (all checks as for a new one).
pub fn update_printer(cx: &mut Ctx, name: &str, edit: impl FnOnce(&mut PrinterEntry)) -> JobResult<PrinterEntry> {
    store(cx).update_printer(cx.actor, name, edit)
}

pub fn remove_printer(cx: &mut Ctx, name: &str) -> JobResult<()> {
    store(cx).remove_printer(cx.actor, name)
}

pub fn set_default_printer(cx: &mut Ctx, name: &str) -> JobResult<()> {
    store(cx).set_default_printer(cx.actor, name)
}

/// Printer `name`, or the default one.
pub fn printer(cx: &mut Ctx, name: Option<&str>) -> JobResult<PrinterEntry> {
    store(cx).printer(name)
}

/// An address as given, or an installed printer's name turned into its address.
pub fn printer_address(given: &str) -> String {
    if given.parse::<PrinterUri>().is_ok() {
        return given.to_string();
    }
    sysprint::installed_printers()
        .ok()
        .and_then(|list| list.into_iter().find(|p| p.name == given))
        .map(|p| p.id)
        .unwrap_or_else(|| given.to_string())
}

/// One printer or port the setup screen offers to pick (issue 18).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PrinterChoice")]
pub struct PrinterChoiceDto {
    /// The address saved for it: `cups:QUEUE` / `winspool:NAME`, `serial:PORT@9600`,
    /// `file:/dev/usb/lp0`.
    pub uri: String,
    /// What the clerk sees: the installed printer's or the port's name.
    pub name: String,
    /// `system` (CUPS / the Windows spooler), `serial`, `usb_serial`, `usb_printer`.
    pub kind: String,
    /// An installed printer's state (`idle`, `stopped`, `offline` …); empty for a port.
    pub state: String,
    /// The system's words on the state, or the USB device.
    pub detail: String,
    pub is_default: bool,
}

/// The installed printers and the ports present now.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PrinterChoices")]
pub struct PrinterChoicesDto {
    pub installed: Vec<PrinterChoiceDto>,
    pub ports: Vec<PrinterChoiceDto>,
    /// Why the installed list could not be read (CUPS not running …), in the caller's language.
    pub installed_error: Option<String>,
}

/// What the clerk may pick when adding a label printer: the operating system's installed
/// printers (CUPS queues; the Windows spooler's EnumPrinters) and the serial, USB-serial
/// and USB printer ports present. A raw TCP printer is typed (host:9100). Reading the
/// list changes nothing; setting a printer up needs ManageLabelTemplates.
pub fn printer_choices(cx: &mut Ctx) -> PrinterChoicesDto {
    printer_choices_for(cx.lang)
}

/// [`printer_choices`] for a caller that lists without holding the ledger (the app runs
/// it off its session lock: `lpstat` may wait for a slow CUPS). Only who is logged in
/// may ask; the adapter checks that first.
pub fn printer_choices_for(lang: crate::Lang) -> PrinterChoicesDto {
    let en = lang == crate::Lang::En;
    let (installed, installed_error) = match sysprint::installed_printers() {
        Ok(list) => (
            list.into_iter()
                .map(|p| PrinterChoiceDto {
                    uri: p.id,
                    state: p.state.as_str().to_string(),
                    detail: p.message.unwrap_or_default(),
                    name: p.name,
                    kind: "system".into(),
                    is_default: p.is_default,
                })
                .collect(),
            None,
        ),
        Err(e) => (Vec::new(), Some(if en { e.message_en() } else { e.message_zh() })),
    };
    let ports = labels::printer_ports()
        .into_iter()
        .map(|p| PrinterChoiceDto { uri: p.uri, name: p.name, kind: p.kind.into(), state: String::new(), detail: p.detail, is_default: false })
        .collect();
    PrinterChoicesDto { installed, ports, installed_error }
}

/// The calibration page of printer `name`, ready to send (nothing is recorded).
pub struct TestPage {
    pub printer: PrinterEntry,
    pub bytes: Vec<u8>,
}

impl TestPage {
    /// Sends it (no ledger needed); the bytes sent.
    pub fn send(&self) -> JobResult<usize> {
        labels::send(&self.printer.printer_uri()?, &self.bytes, labels::DEFAULT_TIMEOUT)?;
        Ok(self.bytes.len())
    }
}

pub fn test_page(cx: &mut Ctx, name: &str) -> JobResult<TestPage> {
    let store = store(cx);
    let printer = store.printer(Some(name))?;
    let bytes = label_jobs::test_page(cx.ledger, &store, &printer)?;
    Ok(TestPage { printer, bytes })
}

// ---- print jobs ----

/// What the label print dialog asks for.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(rename = "PrintRequest")]
pub struct PrintRequestDto {
    pub codes: Vec<String>,
    /// Empty: the default template.
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub template: String,
    /// A printer's name from the label settings; empty: a PDF in the export folder.
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub printer: String,
    /// Sheet templates: first free position, 1-based.
    #[serde(default = "one")]
    #[ts(as = "Option<u32>", optional)]
    pub start: usize,
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub reason: String,
    #[serde(default = "one_u32")]
    #[ts(as = "Option<u32>", optional)]
    pub copies: u32,
}

fn one() -> usize {
    1
}
fn one_u32() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "PrintResult")]
pub struct PrintResultDto {
    /// The job's number in the print history.
    #[ts(type = "number")]
    pub job: i64,
    #[ts(type = "number")]
    pub labels: usize,
    #[ts(type = "number")]
    pub bytes: usize,
    /// The PDF written, when not sent to a printer.
    pub out: Option<String>,
    /// The printer address, when sent to one.
    pub printer: Option<String>,
    #[ts(type = "number")]
    pub reprints: usize,
    /// The printer's status query: `ready`, `unknown` (no answer; sent anyway), `not_asked`.
    pub status: String,
}

/// A label job's progress, for the print dialog's bar (the app's
/// `label-print-progress` event).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "LabelPrintProgress")]
pub struct LabelProgressDto {
    /// The app's handle for this print, from its first event on (`cancel_label_print`).
    #[ts(type = "number")]
    pub run: u64,
    /// Its number in the print history; 0 while rendering (not in the history yet).
    #[ts(type = "number")]
    pub job: i64,
    /// `rendering` or `sending`.
    pub stage: String,
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
}

/// One job of the label print history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "LabelJob")]
pub struct LabelJobDto {
    #[ts(type = "number")]
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub user: String,
    pub printer: String,
    pub destination: String,
    pub template: String,
    pub language: String,
    pub codes: Vec<String>,
    #[ts(type = "number")]
    pub labels: usize,
    #[ts(type = "number")]
    pub bytes: usize,
    pub reason: String,
    /// `sending`, `sent`, `failed`, `cancelled` or `retried`.
    #[ts(type = "'sending' | 'sent' | 'failed' | 'cancelled' | 'retried'")]
    pub status: String,
    /// Why it failed (or what a sent job should still say): the zh-CN line, then English.
    pub error: String,
    #[ts(type = "number | null")]
    pub retry_of: Option<i64>,
}

impl From<ledger::LabelJobRow> for LabelJobDto {
    fn from(j: ledger::LabelJobRow) -> Self {
        LabelJobDto {
            id: j.id,
            created_at: j.created_at,
            updated_at: j.updated_at,
            user: j.user,
            printer: j.printer,
            destination: j.destination,
            template: j.template,
            language: j.language,
            codes: j.codes,
            labels: j.labels,
            bytes: j.bytes,
            reason: j.reason,
            status: j.status.as_str().to_string(),
            error: j.error,
            retry_of: j.retry_of,
        }
    }
}

/// The print history, newest first.
pub fn jobs(cx: &mut Ctx, limit: usize) -> JobResult<Vec<LabelJobDto>> {
    Ok(cx.ledger.label_jobs(cx.actor, limit)?.into_iter().map(Into::into).collect())
}

/// A job that passed every check and is in the history as `sending`.
pub struct PreparedPrint {
    job: Job,
    id: i64,
}

impl PreparedPrint {
    /// Its number in the print history.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// How many labels it prints (copies counted).
    pub fn labels(&self) -> usize {
        self.job.label_count()
    }

    /// Sends it (or writes the PDF), no ledger needed: `progress(done, total)` after each
    /// label; once `cancel` is set the job stops after the label being sent.
    pub fn deliver(&self, cancel: &AtomicBool, progress: &mut dyn FnMut(usize, usize)) -> JobResult<StatusSeen> {
        self.job.deliver_with_progress(&mut |done, total| {
            progress(done, total);
            !cancel.load(Ordering::SeqCst)
        })
    }
}

/// The request for `request`: to a configured printer, else a PDF in `export_dir`.
fn print_request(cx: &Ctx, request: &PrintRequestDto, export_dir: &Path) -> JobResult<JobRequest> {
    let printer = request.printer.trim();
    let mut req = if printer.is_empty() {
        JobRequest::new(request.codes.clone(), Format::Pdf, Destination::File(free_pdf_name(export_dir)))
    } else {
        let settings = store(cx).settings()?;
        let entry = settings.printer(printer).ok_or_else(|| {
            JobError::Core(ledger::Error::not_found(format!("no printer named \"{printer}\""), format!("没有名为“{printer}”的打印机")))
        })?;
        JobRequest::for_printer(request.codes.clone(), entry)?
    };
    req.template = Some(request.template.clone()).filter(|t| !t.trim().is_empty());
    req.start = request.start;
    req.reason = request.reason.clone();
    req.copies = request.copies;
    Ok(req)
}

/// `labels-YYYYMMDD-HHMMSS.pdf` in `dir`, with `-2`, `-3` … when taken.
fn free_pdf_name(dir: &Path) -> PathBuf {
    let stem = format!("labels-{}", chrono::Local::now().format("%Y%m%d-%H%M%S"));
    (1..)
        .map(|n| dir.join(if n == 1 { format!("{stem}.pdf") } else { format!("{stem}-{n}.pdf") }))
        .find(|f| !f.exists())
        .expect("a free file name")
}

/// Checks the labels of `request` (to a configured printer, else a PDF in `export_dir`)
/// and reads what they show: every refusal but a label that does not fit happens here.
/// Rendering comes next ([`GatheredPrint::render`]), without the ledger.
pub fn gather_print(cx: &mut Ctx, request: &PrintRequestDto, export_dir: &Path) -> JobResult<GatheredPrint> {
    let req = print_request(cx, request, export_dir)?;
    gather(cx, &req)
}

/// Failed (or cancelled, or interrupted) job `id` again: the same assets, template and
/// reason, to the same printer ([`begin_print`] records it as `sending`, the old job `retried`).
pub fn gather_retry(cx: &mut Ctx, id: i64) -> JobResult<GatheredPrint> {
    let store = store(cx);
    let req = Job::retry_request(cx.ledger, cx.actor, &store, id)?;
    gather(cx, &req)
}

fn gather(cx: &mut Ctx, req: &JobRequest) -> JobResult<GatheredPrint> {
    let store = store(cx);
    Ok(GatheredPrint { gathered: Job::gather(cx.ledger, cx.actor, &store, req)? })
}

/// A label job checked and read, not yet rendered nor in the history.
pub struct GatheredPrint {
    gathered: label_jobs::Gathered,
}

impl GatheredPrint {
    /// Lays out and encodes the labels, no ledger needed: `progress(done, total)` after
    /// each label; once `cancel` is set it stops with the `cancelled` error, and the job
    /// never reaches the history (nothing was sent).
    pub fn render(self, cancel: &AtomicBool, progress: &mut dyn FnMut(usize, usize)) -> JobResult<RenderedPrint> {
        let job = self.gathered.render(&mut |done, total| {
            progress(done, total);
            !cancel.load(Ordering::SeqCst)
        })?;
        Ok(RenderedPrint { job })
    }
}

/// A rendered label job, ready to be recorded as `sending` ([`begin_print`]).
pub struct RenderedPrint {
    job: Job,
}

/// Puts a rendered job in the print history as `sending`.
pub fn begin_print(cx: &mut Ctx, rendered: RenderedPrint) -> JobResult<PreparedPrint> {
    let id = rendered.job.begin(cx.ledger, cx.actor)?;
    Ok(PreparedPrint { job: rendered.job, id })
}

/// Records how `prepared` went (sent; failed with why; cancelled with the labels that
/// went out audited as printed); a failure comes back after it was recorded.
pub fn finish_print(cx: &mut Ctx, prepared: &PreparedPrint, delivered: JobResult<StatusSeen>) -> JobResult<PrintResultDto> {
    let outcome = prepared.job.finish(cx.ledger, cx.actor, prepared.id, delivered)?;
    Ok(result(prepared.id, &outcome))
}

fn result(job: i64, outcome: &label_jobs::Outcome) -> PrintResultDto {
    let (out, printer) = match &outcome.destination {
        Destination::File(p) => (Some(p.display().to_string()), None),
        Destination::Printer(uri) => (None, Some(uri.to_string())),
    };
    PrintResultDto {
        job,
        labels: outcome.labels,
        bytes: outcome.bytes,
        out,
        printer,
        reprints: outcome.reprints,
        status: outcome.status.as_str().to_string(),
    }
}

// ---- the CLI's one-process jobs ----

/// What `assetdesk label` asks for: codes, template, format, destination and settings.
pub use label_jobs::JobRequest as LabelJobRequest;
pub use label_jobs::Destination as LabelDestination;

/// The request for `assetdesk label … --printer GIVEN` when GIVEN is not an address: the
/// configured printer of that name with all its settings, else `not_address`.
pub fn request_for_printer(cx: &mut Ctx, codes: Vec<String>, given: &str, not_address: labels::LabelError) -> JobResult<JobRequest> {
    match store(cx).settings()?.printer(given) {
        Some(entry) => JobRequest::for_printer(codes, entry),
        None => Err(not_address.into()),
    }
}

/// Prepare, record as sending, deliver, record the result, in one go (the CLI):
/// `progress(stage, done, total)` returning `false` cancels (see [`Job::run_with_progress`]).
pub fn print(cx: &mut Ctx, req: &JobRequest, progress: &mut dyn FnMut(Stage, usize, usize) -> bool) -> JobResult<PrintResultDto> {
    let store = store(cx);
    let job = Job::prepare_with_progress(cx.ledger, cx.actor, &store, req, &mut |d, t| progress(Stage::Rendering, d, t))?;
    let id = job.begin(cx.ledger, cx.actor)?;
    let delivered = job.deliver_with_progress(&mut |d, t| progress(Stage::Sending, d, t));
    let outcome = job.finish(cx.ledger, cx.actor, id, delivered)?;
    Ok(result(id, &outcome))
}

/// Failed job `id` printed again in one go (the CLI's `printer retry`), with progress.
pub fn retry(cx: &mut Ctx, id: i64, progress: &mut dyn FnMut(Stage, usize, usize) -> bool) -> JobResult<PrintResultDto> {
    let store = store(cx);
    let req = Job::retry_request(cx.ledger, cx.actor, &store, id)?;
    print(cx, &req, progress)
}

// ---- an A4 label sheet through the paper print preview ----

/// A sheet template's labels as one PDF (every check of a label job), held by the paper
/// preview; [`record_sheet`] once it was printed or saved.
pub struct SheetJob {
    job: Job,
}

impl SheetJob {
    pub fn pdf(&self) -> &[u8] {
        &self.job.bytes
    }
    pub fn labels(&self) -> usize {
        self.job.label_count()
    }
}

pub fn prepare_sheet(cx: &mut Ctx, request: &PrintRequestDto, export_dir: &Path) -> JobResult<SheetJob> {
    let mut req = JobRequest::new(request.codes.clone(), Format::Pdf, Destination::File(export_dir.join("labels.pdf")));
    req.template = Some(request.template.clone()).filter(|t| !t.trim().is_empty());
    req.start = request.start;
    req.reason = request.reason.clone();
    let store = store(cx);
    Ok(SheetJob { job: Job::prepare(cx.ledger, cx.actor, &store, &req)? })
}

/// The sheet's labels recorded as printed (label_print / label_reprint with the reason).
pub fn record_sheet(cx: &mut Ctx, sheet: &SheetJob) -> JobResult<()> {
    sheet.job.record(cx.ledger, cx.actor).map(|_| ())
}

// ---- What the label designer and the print dialog show ----

/// One placed item of a laid-out label, in mm from the label's top-left.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "PreviewItem")]
pub enum PreviewItemDto {
    Text { x_mm: f64, y_mm: f64, size_pt: f64, text: String },
    /// Dark bars as (first module, modules wide).
    Bars {
        x_mm: f64,
        y_mm: f64,
        module_mm: f64,
        height_mm: f64,
        #[ts(type = "Array<[number, number]>")]
        bars: Vec<(usize, usize)>,
    },
    /// Dark cells as (column, row).
    Matrix {
        x_mm: f64,
        y_mm: f64,
        module_mm: f64,
        #[ts(type = "number")]
        width: usize,
        #[ts(type = "number")]
        height: usize,
        #[ts(type = "Array<[number, number]>")]
        dark: Vec<(usize, usize)>,
    },
}

/// A label as it will print: the image (a PNG data URL, `dpi` pixels per inch, shown at
/// `width_mm` x `height_mm`) and the layout it was drawn from.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "LabelPreviewData")]
pub struct LabelPreviewDto {
    pub width_mm: f64,
    pub height_mm: f64,
    pub dpi: u32,
    pub png: String,
    pub items: Vec<PreviewItemDto>,
    /// The code the preview shows (the chosen asset or the sample).
    pub code: String,
}

impl LabelPreviewDto {
    pub fn new(preview: labels::Preview, code: String) -> LabelPreviewDto {
        use base64::Engine as _;
        use labels::Item;
        let png = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(preview.to_png()));
        let items = preview
            .layout
            .items
            .into_iter()
            .map(|item| match item {
                Item::Text { x_mm, y_mm, size_pt, text } => PreviewItemDto::Text { x_mm, y_mm, size_pt, text },
                Item::Bars { x_mm, y_mm, module_mm, height_mm, bars, .. } => PreviewItemDto::Bars { x_mm, y_mm, module_mm, height_mm, bars },
                Item::Matrix { x_mm, y_mm, module_mm, width, height, cells, .. } => {
                    let dark = cells.iter().enumerate().filter(|(_, d)| **d).map(|(i, _)| (i % width.max(1), i / width.max(1))).collect();
                    PreviewItemDto::Matrix { x_mm, y_mm, module_mm, width, height, dark }
                }
            })
            .collect();
        LabelPreviewDto { width_mm: preview.width_mm, height_mm: preview.height_mm, dpi: preview.dpi, png, items, code }
    }
}
