//! One print job: prepared (everything that can refuse it), delivered, recorded.

use std::path::PathBuf;

use labels::{Format, LabelData, PdfOptions, PrinterSettings, PrinterUri};
use ledger::{Actor, LabelJobInput, LabelSource, Lang, Ledger};

use crate::{JobError, PrinterEntry, Result, Store};

/// Where the bytes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    File(PathBuf),
    Printer(PrinterUri),
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Destination::File(p) => write!(f, "{}", p.display()),
            Destination::Printer(uri) => write!(f, "{uri}"),
        }
    }
}

/// What the CLI flags or the UI's print dialog ask for.
#[derive(Debug, Clone)]
pub struct JobRequest {
    pub codes: Vec<String>,
    /// `None`: the default template.
    pub template: Option<String>,
    pub format: Format,
    pub destination: Destination,
    /// 203 or 300; ZPL and TSPL only.
    pub dpi: u32,
    /// Sheet templates (PDF): the first free position, 1-based as a clerk counts.
    pub start: usize,
    /// Required when any of the labels was printed before.
    pub reason: String,
    pub darkness: Option<u8>,
    pub speed: Option<u8>,
    pub copies: u32,
    /// A configured printer's settings (calibration, media, mode); when set they are
    /// used instead of `dpi`/`darkness`/`speed` (copies still come from `copies`).
    pub settings: Option<PrinterSettings>,
    /// The name the job history shows: the configured printer, else the address.
    pub printer_name: String,
    /// The failed job this one prints again.
    pub retry_of: Option<i64>,
}

impl JobRequest {
    pub fn new(codes: Vec<String>, format: Format, destination: Destination) -> JobRequest {
        JobRequest {
            codes,
            template: None,
            format,
            destination,
            dpi: 203,
            start: 1,
            reason: String::new(),
            darkness: None,
            speed: None,
            copies: 1,
            settings: None,
            printer_name: String::new(),
            retry_of: None,
        }
    }

    /// A job for configured printer `entry`: its address, language and settings.
    pub fn for_printer(codes: Vec<String>, entry: &PrinterEntry) -> Result<JobRequest> {
        let mut req = JobRequest::new(codes, entry.language, Destination::Printer(entry.printer_uri()?));
        req.dpi = entry.dpi;
        req.darkness = entry.darkness;
        req.speed = entry.speed;
        req.settings = Some(entry.settings(1)?);
        req.printer_name = entry.name.clone();
        Ok(req)
    }
}

/// What a long job is doing, for its progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Laying out and encoding the labels (nothing sent yet).
    Rendering,
    /// Labels going to the printer.
    Sending,
}

/// What a delivered job did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub labels: usize,
    pub bytes: usize,
    pub destination: Destination,
    pub reprints: usize,
    /// What the printer's status query found before sending (TSPL/ZPL over raw TCP or
    /// serial); `Unknown`: it did not answer in time and the job was sent anyway.
    pub status: labels::StatusSeen,
}

/// What the history notes of a job sent to a printer that did not answer its status query.
pub fn status_unknown_note() -> String {
    "打印机未回应状态查询（状态未知），已照常发送\nthe printer did not answer the status query (status unknown); the job was sent anyway".to_string()
}

/// A job that passed every check; its bytes are ready.
pub struct Job {
    sources: Vec<LabelSource>,
    pub bytes: Vec<u8>,
    /// Where each label's commands end in `bytes` (one part for a PDF).
    label_ends: Vec<usize>,
    /// Each label's copies (the printer repeats a label block).
    copies: usize,
    pub destination: Destination,
    labels: usize,
    how: String,
    reason: String,
    history: LabelJobInput,
    /// The language's status query, asked before a raw-port or serial send.
    query: Option<labels::StatusQuery>,
}

/// The plain data a label shows, from the ledger's record of the asset.
pub fn label_data(s: &LabelSource) -> LabelData {
    let mut data = LabelData {
        code: s.code.clone(),
        name: s.name.clone(),
        model: s.model.clone(),
        dept: s.dept.clone(),
        location: s.location.clone(),
        acquired: s.acquired.map(|d| d.to_string()).unwrap_or_default(),
        org: s.org.clone(),
        ..Default::default()
    };
    for (k, v) in [("category", &s.category), ("custodian", &s.custodian), ("serial", &s.serial)] {
        data.extra.insert(k.to_string(), v.clone());
    }
    data
}

/// Example data for previews when no asset is chosen.
pub fn sample_data(org: &str) -> LabelData {
    let mut data = LabelData {
        code: "ZC-2026-00001".into(),
        name: "联想笔记本电脑".into(),
        model: "ThinkPad T14".into(),
        dept: "行政部".into(),
        location: "301室".into(),
        acquired: "2026-03-01".into(),
        org: if org.is_empty() { "示例单位".into() } else { org.into() },
        ..Default::default()
    };
    data.extra.insert("category".into(), "电脑".into());
    data.extra.insert("custodian".into(), "张三".into());
    data.extra.insert("serial".into(), "SN0001".into());
    data
}

impl Job {
    /// Reads the assets, picks the template and renders: a label that does not fit,
    /// an unknown asset, a missing reprint reason or a bad setting refuses the whole
    /// job here, before anything is written or sent.
    pub fn prepare(ledger: &Ledger, actor: &Actor, store: &Store, req: &JobRequest) -> Result<Job> {
        Job::prepare_with_progress(ledger, actor, store, req, &mut |_, _| true)
    }

    /// [`Job::prepare`] reporting `progress(labels rendered, total)`; returning `false`
    /// cancels with the `cancelled` error before anything is sent or recorded.
    pub fn prepare_with_progress(
        ledger: &Ledger,
        actor: &Actor,
        store: &Store,
        req: &JobRequest,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Job> {
        Job::gather(ledger, actor, store, req)?.render(progress)
    }

    /// The part of [`Job::prepare`] that reads the ledger and the label settings: the
    /// assets (unknown ones, a missing reprint reason refuse here), the template and the
    /// printer settings. Rendering, the long part, needs neither ([`Gathered::render`]),
    /// so the app does it outside the session lock.
    pub fn gather(ledger: &Ledger, actor: &Actor, store: &Store, req: &JobRequest) -> Result<Gathered> {
        let sources = ledger.label_sources(actor, &req.codes, &req.reason)?;
        let template = store.get_or_default(req.template.as_deref())?;
        let settings = match &req.settings {
            Some(s) => PrinterSettings { copies: req.copies.max(1), ..s.clone() },
            None => PrinterSettings {
                dpi: labels::Dpi::try_from(req.dpi)?,
                darkness: req.darkness,
                speed: req.speed,
                copies: req.copies.max(1),
                ..PrinterSettings::default()
            },
        };
        Ok(Gathered { req: req.clone(), sources, template, settings })
    }
}

/// A label job's assets, template and settings, read and checked, not yet rendered.
pub struct Gathered {
    req: JobRequest,
    sources: Vec<LabelSource>,
    template: labels::Template,
    settings: PrinterSettings,
}

impl Gathered {
    /// How many labels it renders (one per asset; copies are the printer's).
    pub fn label_count(&self) -> usize {
        self.sources.len()
    }

    /// Lays out and encodes every label, reporting `progress(labels rendered, total)`;
    /// returning `false` cancels with the `cancelled` error. A label that does not fit
    /// refuses the whole job here, before anything is written or sent.
    pub fn render(self, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<Job> {
        let Gathered { req, sources, template, settings } = self;
        let data: Vec<LabelData> = sources.iter().map(label_data).collect();
        let pdf = PdfOptions {
            start_position: req.start.saturating_sub(1),
            title: Some(template.name.clone()),
        };
        let labels::Rendered { bytes, label_ends } =
            labels::render_parts_with_progress(req.format, &template, &data, &pdf, &settings, progress)?;
        let format = match req.format {
            Format::Pdf => "pdf".to_string(),
            f => format!("{f} {} dpi", settings.dpi.value()),
        };
        let copies = if req.format == Format::Pdf { 1 } else { settings.copies as usize };
        let printer_name = if req.printer_name.is_empty() { req.destination.to_string() } else { req.printer_name.clone() };
        let history = LabelJobInput {
            printer: printer_name,
            destination: req.destination.to_string(),
            template: template.name.clone(),
            language: format.clone(),
            codes: req.codes.clone(),
            labels: sources.len() * copies,
            bytes: bytes.len(),
            reason: req.reason.trim().to_string(),
            retry_of: req.retry_of,
        };
        Ok(Job {
            history,
            labels: sources.len() * copies,
            how: format!("template {}, {format}, to {}", template.name, req.destination),
            sources,
            bytes,
            label_ends,
            copies,
            destination: req.destination.clone(),
            reason: req.reason.trim().to_string(),
            query: labels::StatusQuery::for_format(req.format),
        })
    }
}

impl Job {
    /// Writes the file or sends the job to the printer.
    pub fn deliver(&self) -> Result<labels::StatusSeen> {
        self.deliver_with_progress(&mut |_, _| true)
    }

    /// [`Job::deliver`] reporting `progress(labels sent, total)` as the printer takes
    /// them; returning `false` stops after the label being sent (the job ends well
    /// formed) with the `cancelled` error saying how many were sent. Files and
    /// spoolers take the job whole. A thermal printer on a raw port or a serial line is
    /// asked its status first: paper out, head open or paused fails the job
    /// (`printer_not_ready`) before anything is sent.
    pub fn deliver_with_progress(&self, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<labels::StatusSeen> {
        match &self.destination {
            Destination::File(path) => {
                if !progress(0, self.labels) {
                    return Err(labels::LabelError::Cancelled.into());
                }
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|source| labels::LabelError::Io {
                        path: parent.into(),
                        source,
                    })?;
                }
                std::fs::write(path, &self.bytes).map_err(|source| labels::LabelError::Io {
                    path: path.clone(),
                    source,
                })?;
                progress(self.labels, self.labels);
                Ok(labels::StatusSeen::NotAsked)
            }
            Destination::Printer(uri) => {
                let copies = self.copies.max(1);
                let mut each = |done: usize, total: usize| progress(done * copies, total * copies);
                let seen = labels::send_checked(uri, &self.bytes, &self.label_ends, self.query, labels::DEFAULT_TIMEOUT, &mut each).map_err(|e| match e {
                    labels::LabelError::CancelledWhileSending { sent, total } => {
                        labels::LabelError::CancelledWhileSending { sent: sent * copies, total: total * copies }
                    }
                    e => e,
                })?;
                Ok(seen)
            }
        }
    }

    /// Records the delivered job in the audit log (print or reprint with its reason).
    pub fn record(&self, ledger: &mut Ledger, actor: &Actor) -> Result<Outcome> {
        ledger.record_label_prints(actor, &self.sources, &self.how, &self.reason)?;
        Ok(self.outcome())
    }

    pub fn outcome(&self) -> Outcome {
        Outcome {
            labels: self.labels,
            bytes: self.bytes.len(),
            destination: self.destination.clone(),
            reprints: self.sources.iter().filter(|s| s.printed_before).count(),
            status: labels::StatusSeen::NotAsked,
        }
    }

    /// How many labels the job prints (copies counted).
    pub fn label_count(&self) -> usize {
        self.labels
    }

    /// Puts the job in the print history as `sending`; returns its number.
    pub fn begin(&self, ledger: &mut Ledger, actor: &Actor) -> Result<i64> {
        Ok(ledger.label_job_begin(actor, &self.history)?)
    }

    /// Records how delivery went: sent (and each label's print / reprint audit entry;
    /// a printer that did not answer its status query noted) or failed with the error's
    /// words in both languages (zh-CN line, then English). A job cancelled half way
    /// records the labels that did go out as printed. A failure is returned after it
    /// was recorded, so it is never lost silently.
    pub fn finish(&self, ledger: &mut Ledger, actor: &Actor, id: i64, delivered: Result<labels::StatusSeen>) -> Result<Outcome> {
        match delivered {
            Ok(status) => {
                let note = if status == labels::StatusSeen::Unknown { status_unknown_note() } else { String::new() };
                ledger.label_job_sent(actor, id, &self.sources, &self.how, &self.reason, &note)?;
                Ok(Outcome { status, ..self.outcome() })
            }
            Err(e) => {
                let words = format!("{}\n{}", e.message(Lang::ZhCn), e.message(Lang::En));
                let sent_labels = match &e {
                    JobError::Label(labels::LabelError::CancelledWhileSending { sent, .. }) => *sent / self.copies.max(1),
                    _ => 0,
                };
                let printed = ledger::LabelsPrinted {
                    sources: &self.sources[..sent_labels.min(self.sources.len())],
                    how: &self.how,
                    reason: &self.reason,
                };
                ledger.label_job_failed(actor, id, e.code() == "cancelled", &words, &printed)?;
                Err(e)
            }
        }
    }

    /// Prepare, record as sending, deliver, record the result (the CLI).
    pub fn run(ledger: &mut Ledger, actor: &Actor, store: &Store, req: &JobRequest) -> Result<Outcome> {
        Job::run_with_progress(ledger, actor, store, req, &mut |_, _, _| true)
    }

    /// [`Job::run`] reporting `progress(stage, done, total)`; returning `false` cancels:
    /// while rendering nothing is sent or recorded; while sending the job stops after
    /// the label being sent and is recorded as cancelled with how many were sent.
    pub fn run_with_progress(
        ledger: &mut Ledger,
        actor: &Actor,
        store: &Store,
        req: &JobRequest,
        progress: &mut dyn FnMut(Stage, usize, usize) -> bool,
    ) -> Result<Outcome> {
        let job = Job::prepare_with_progress(ledger, actor, store, req, &mut |d, t| progress(Stage::Rendering, d, t))?;
        let id = job.begin(ledger, actor)?;
        let delivered = job.deliver_with_progress(&mut |d, t| progress(Stage::Sending, d, t));
        job.finish(ledger, actor, id, delivered)
    }

    /// The request that prints failed job `id` again: the same assets, template and
    /// reason, to the same printer (with its current settings if it is still set up,
    /// else to the same address in the same language).
    pub fn retry_request(ledger: &Ledger, actor: &Actor, store: &Store, id: i64) -> Result<JobRequest> {
        let row = ledger.label_job(actor, id)?;
        if matches!(row.status, ledger::LabelJobStatus::Sent | ledger::LabelJobStatus::Retried) {
            let status = row.status.as_str();
            return Err(JobError::Core(ledger::Error::conflict(
                format!("label job {id} is {status}; only a failed, cancelled or interrupted job can be retried (print again as a reprint with a reason)"),
                format!("第 {id} 号标签打印任务的状态是“{status}”，只有失败、已取消或中断的任务可以重试（如需再打，请作为补打并填写原因）"),
            )));
        }
        let mut req = match store.settings()?.printer(&row.printer) {
            Some(entry) => JobRequest::for_printer(row.codes.clone(), entry)?,
            None => {
                let language = row.language.split_whitespace().next().unwrap_or("pdf");
                let destination = match row.destination.parse::<PrinterUri>() {
                    Ok(uri) => Destination::Printer(uri),
                    Err(_) => Destination::File(row.destination.clone().into()),
                };
                let mut req = JobRequest::new(row.codes.clone(), language.parse()?, destination);
                if let Some(dpi) = row.language.split_whitespace().nth(1).and_then(|d| d.parse().ok()) {
                    req.dpi = dpi;
                }
                req.printer_name = row.printer.clone();
                req
            }
        };
        req.template = Some(row.template.clone());
        req.reason = row.reason.clone();
        req.retry_of = Some(id);
        Ok(req)
    }

    /// Prints failed job `id` again (the CLI's `printer retry`).
    pub fn retry(ledger: &mut Ledger, actor: &Actor, store: &Store, id: i64) -> Result<Outcome> {
        let req = Job::retry_request(ledger, actor, store, id)?;
        Job::run(ledger, actor, store, &req)
    }
}

/// The calibration test page for printer `entry`, then a sample label of the default
/// template (when it fits the stock). Nothing is recorded: it prints no asset.
pub fn test_page(ledger: &Ledger, store: &Store, entry: &PrinterEntry) -> Result<Vec<u8>> {
    let settings = entry.settings(1)?;
    let template = store.get_or_default(None)?;
    let sample = sample_data(&ledger.settings()?.org_name);
    let fits = labels::render(entry.language, &template, std::slice::from_ref(&sample), &PdfOptions::default(), &settings).is_ok();
    let with = fits.then_some((&template, &sample));
    Ok(labels::render_test_page(entry.language, &settings, &entry.name, with)?)
}

/// Sends printer `entry`'s test page; the transport's error says why it did not arrive.
pub fn send_test_page(ledger: &Ledger, store: &Store, entry: &PrinterEntry) -> Result<usize> {
    let bytes = test_page(ledger, store, entry)?;
    labels::send(&entry.printer_uri()?, &bytes, labels::DEFAULT_TIMEOUT).map_err(JobError::Label)?;
    Ok(bytes.len())
}
