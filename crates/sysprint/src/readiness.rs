//! Whether a printer can take a paper job now, judged from what the system reports
//! before anything is sent: a stopped CUPS queue or a paused Windows printer would keep
//! the job waiting unseen, a printer out of paper would eat it. Refusals are
//! [`PrintError::NotReady`]; milder reasons (IPP `-warning` / `-report`: toner low,
//! offline report from a network backend) are warnings the clerk is shown.

use crate::error::{PrintError, Result};
use crate::printer::{Printer, PrinterState};
use crate::target::Target;

/// Why a printer will not print now (the refusal's reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// CUPS "not accepting requests" (cupsreject), Windows pending deletion.
    NotAccepting,
    /// CUPS "disabled" (cupsdisable), Windows "paused"; `detail` is the system's reason.
    Stopped,
    Offline,
    OutOfPaper,
    PaperJam,
    DoorOpen,
    OutOfToner,
    /// Another error the printer reports (`output-area-full-error`, a driver error).
    Other(String),
}

impl Problem {
    pub fn as_str(&self) -> &'static str {
        match self {
            Problem::NotAccepting => "not_accepting",
            Problem::Stopped => "stopped",
            Problem::Offline => "offline",
            Problem::OutOfPaper => "out_of_paper",
            Problem::PaperJam => "paper_jam",
            Problem::DoorOpen => "door_open",
            Problem::OutOfToner => "out_of_toner",
            Problem::Other(_) => "error",
        }
    }

    pub fn words_en(&self) -> String {
        match self {
            Problem::NotAccepting => "it does not accept jobs (turn job acceptance back on in the printer settings)".into(),
            Problem::Stopped => "it is stopped (paused); the job would wait in the queue — resume the printer first".into(),
            Problem::Offline => "it is offline; switch it on and connect it".into(),
            Problem::OutOfPaper => "it is out of paper; load paper".into(),
            Problem::PaperJam => "it has a paper jam; clear it".into(),
            Problem::DoorOpen => "a door or cover is open; close it".into(),
            Problem::OutOfToner => "it is out of toner or ink".into(),
            Problem::Other(reason) => format!("it reports an error ({reason})"),
        }
    }

    pub fn words_zh(&self) -> String {
        match self {
            Problem::NotAccepting => "它不接收任务（请在打印机设置中重新允许接收任务）".into(),
            Problem::Stopped => "它已停止（暂停），任务只会在队列里等待；请先恢复打印机".into(),
            Problem::Offline => "它处于脱机状态；请开机并连接".into(),
            Problem::OutOfPaper => "它缺纸；请装纸".into(),
            Problem::PaperJam => "它卡纸；请清除卡纸".into(),
            Problem::DoorOpen => "它的机盖或纸盒门未关好；请关好".into(),
            Problem::OutOfToner => "它的墨粉或墨水已用完".into(),
            Problem::Other(reason) => format!("它报告了错误（{reason}）"),
        }
    }
}

/// A reason that does not stop the job but that the clerk should know of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The IPP reason as reported (`toner-low-warning`).
    pub reason: String,
}

impl Warning {
    pub fn words_en(&self) -> String {
        let base = base_reason(&self.reason);
        match base {
            "toner-low" | "marker-supply-low" => "toner or ink is low".into(),
            "media-low" => "paper is low".into(),
            "offline" => "the printer reported being offline; the job may wait in the queue".into(),
            "media-empty" | "media-needed" => "the printer reported running out of paper".into(),
            _ => format!("the printer reports {}", self.reason),
        }
    }

    pub fn words_zh(&self) -> String {
        match base_reason(&self.reason) {
            "toner-low" | "marker-supply-low" => "墨粉或墨水不足".into(),
            "media-low" => "纸张不足".into(),
            "offline" => "打印机曾报告脱机，任务可能在队列中等待".into(),
            "media-empty" | "media-needed" => "打印机曾报告缺纸".into(),
            _ => format!("打印机报告：{}", self.reason),
        }
    }
}

/// `media-empty-error` → `media-empty` (the IPP severity suffix cut off).
fn base_reason(reason: &str) -> &str {
    ["-error", "-warning", "-report"]
        .iter()
        .find_map(|suffix| reason.strip_suffix(suffix))
        .unwrap_or(reason)
}

/// Reasons informational by IPP's rule (`-warning`, `-report`) do not refuse a job.
fn is_severe(reason: &str) -> bool {
    !(reason.ends_with("-warning") || reason.ends_with("-report"))
}

/// Reasons that are states of the printer, not problems (CUPS adds them while it works).
fn is_benign(reason: &str) -> bool {
    matches!(
        base_reason(reason),
        "none" | "paused" | "moving-to-paused" | "connecting-to-device" | "cups-waiting-for-job-completed" | "cups-missing-filter" | "other"
    ) || reason.starts_with("cups-insecure-filter") || reason.starts_with("cups-ipp-")
}

fn problem_of_reason(reason: &str) -> Problem {
    match base_reason(reason) {
        "media-empty" | "media-needed" | "input-tray-missing" => Problem::OutOfPaper,
        "media-jam" => Problem::PaperJam,
        "door-open" | "cover-open" | "interlock-open" => Problem::DoorOpen,
        "toner-empty" | "marker-supply-empty" | "marker-waste-full" => Problem::OutOfToner,
        "offline" | "shutdown" | "timed-out" => Problem::Offline,
        _ => Problem::Other(reason.to_string()),
    }
}

/// What stops `printer` from printing now, if anything.
pub fn problem(printer: &Printer) -> Option<Problem> {
    if !printer.accepting {
        return Some(Problem::NotAccepting);
    }
    if let Some(reason) = printer.reasons.iter().find(|r| is_severe(r) && !is_benign(r)) {
        return Some(problem_of_reason(reason));
    }
    match printer.state {
        PrinterState::Stopped => Some(Problem::Stopped),
        PrinterState::Offline => Some(Problem::Offline),
        PrinterState::Error => Some(Problem::Other(printer.message.clone().unwrap_or_else(|| "error".into()))),
        _ => None,
    }
}

/// What the clerk should know about `printer` that does not stop the job.
pub fn warnings(printer: &Printer) -> Vec<Warning> {
    printer
        .reasons
        .iter()
        .filter(|r| !is_severe(r) && !is_benign(r))
        .map(|r| Warning { reason: r.clone() })
        .collect()
}

/// `Ok(warnings)` if `printer` can take a job now, else [`PrintError::NotReady`] naming
/// it, the problem and the system's own words. A queue that does not accept jobs is left
/// to the spooler, which refuses the job itself (`printer_refused`, in CUPS's words, as
/// the CLI has always reported it): it cannot be queued silently.
pub fn check_ready(printer: &Printer) -> Result<Vec<Warning>> {
    match problem(printer).filter(|p| *p != Problem::NotAccepting) {
        Some(problem) => Err(PrintError::NotReady {
            printer: printer.name.clone(),
            detail: printer.message.clone().filter(|m| !m.is_empty() && m != "paused"),
            problem,
        }),
        None => Ok(warnings(printer)),
    }
}

/// The system's entry for a paper target (`None` for `file:`, which has no state), with
/// the target resolved: the installed list of its own server for `cups://HOST/QUEUE`.
pub fn printer_state(given: &str) -> Result<(Target, Option<Printer>)> {
    let target: Target = given.parse()?;
    let printers = match &target {
        Target::File(_) => return Ok((target, None)),
        #[cfg(not(windows))]
        Target::Cups { server: Some(server), .. } => crate::cups::installed_printers(Some(server))?,
        _ => crate::installed_printers()?,
    };
    let resolved = match &target {
        Target::Cups { server: Some(_), queue } => {
            if !printers.iter().any(|p| &p.name == queue) {
                return Err(PrintError::UnknownPrinter {
                    given: given.trim().to_string(),
                    installed: printers.iter().map(|p| p.name.clone()).collect(),
                });
            }
            target.clone()
        }
        _ => crate::resolve_in(given, &printers)?,
    };
    let name = match &resolved {
        Target::Installed(name) | Target::Cups { queue: name, .. } => name.clone(),
        Target::File(_) => unreachable!("returned above"),
    };
    let printer = printers.into_iter().find(|p| p.name == name);
    Ok((resolved, printer))
}
