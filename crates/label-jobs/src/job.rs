//! One print job: prepared (everything that can refuse it), delivered, recorded.

use std::path::PathBuf;

use labels::{Format, LabelData, PdfOptions, PrinterSettings, PrinterUri};
use ledger::{Actor, LabelSource, Ledger};

use crate::{Result, Store};

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
        }
    }
}

/// What a delivered job did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub labels: usize,
    pub bytes: usize,
    pub destination: Destination,
    pub reprints: usize,
}

/// A job that passed every check; its bytes are ready.
pub struct Job {
    sources: Vec<LabelSource>,
    pub bytes: Vec<u8>,
    pub destination: Destination,
    labels: usize,
    how: String,
    reason: String,
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
        let sources = ledger.label_sources(actor, &req.codes, &req.reason)?;
        let template = store.get_or_default(req.template.as_deref())?;
        let data: Vec<LabelData> = sources.iter().map(label_data).collect();
        let settings = PrinterSettings {
            dpi: labels::Dpi::try_from(req.dpi)?,
            darkness: req.darkness,
            speed: req.speed,
            copies: req.copies.max(1),
            ..PrinterSettings::default()
        };
        let pdf = PdfOptions {
            start_position: req.start.saturating_sub(1),
            title: Some(template.name.clone()),
        };
        let bytes = labels::render(req.format, &template, &data, &pdf, &settings)?;
        let format = match req.format {
            Format::Pdf => "pdf".to_string(),
            f => format!("{f} {} dpi", req.dpi),
        };
        let copies = if req.format == Format::Pdf { 1 } else { settings.copies as usize };
        Ok(Job {
            labels: sources.len() * copies,
            how: format!("template {}, {format}, to {}", template.name, req.destination),
            sources,
            bytes,
            destination: req.destination.clone(),
            reason: req.reason.trim().to_string(),
        })
    }

    /// Writes the file or sends the job to the printer.
    pub fn deliver(&self) -> Result<()> {
        match &self.destination {
            Destination::File(path) => {
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
            }
            Destination::Printer(uri) => labels::send(uri, &self.bytes, labels::DEFAULT_TIMEOUT)?,
        }
        Ok(())
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
        }
    }

    /// Prepare, deliver and record in one go (the CLI).
    pub fn run(ledger: &mut Ledger, actor: &Actor, store: &Store, req: &JobRequest) -> Result<Outcome> {
        let job = Job::prepare(ledger, actor, store, req)?;
        job.deliver()?;
        job.record(ledger, actor)
    }
}
