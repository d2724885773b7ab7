//! One installed printer as the operating system reports it.

/// What the printer is doing, as far as the system knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterState {
    Idle,
    Printing,
    /// CUPS "disabled", Windows "paused": jobs wait in the queue.
    Stopped,
    /// Windows: offline or "use printer offline".
    Offline,
    /// Windows: the driver reports an error (paper jam, out of paper, ...).
    Error,
    /// Known to the system but not reporting (a discovered network destination).
    Unknown,
}

impl PrinterState {
    /// Stable snake_case word for JSON and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            PrinterState::Idle => "idle",
            PrinterState::Printing => "printing",
            PrinterState::Stopped => "stopped",
            PrinterState::Offline => "offline",
            PrinterState::Error => "error",
            PrinterState::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    /// The name the system shows (CUPS queue name, Windows printer name).
    pub name: String,
    /// A target string that [`crate::resolve`] and the label transports understand:
    /// `cups:QUEUE` on Linux, `winspool:NAME` on Windows.
    pub id: String,
    pub is_default: bool,
    pub state: PrinterState,
    /// Whether new jobs are taken (CUPS `accepting`; Windows: not pending deletion).
    pub accepting: bool,
    /// The system's own words on the state ("Paused", "media-empty"), when it gives any.
    pub message: Option<String>,
    /// IPP printer-state-reasons as the system reports them (`media-empty-error`,
    /// `offline-report`, `toner-low-warning`; Windows status bits in the same words);
    /// `paused` and `none` left out. [`crate::readiness`] reads them.
    pub reasons: Vec<String>,
}

impl Printer {
    /// Can a job be handed over now? (A stopped CUPS queue still takes jobs; they wait.)
    pub fn takes_jobs(&self) -> bool {
        self.accepting
    }
}

/// The spooler's `PRINTER_INFO_2.Status` and `.Attributes` bits as a state, whether it
/// takes jobs and the words for it (pure, so it is tested off Windows too).
pub fn spooler_state(status: u32, attributes: u32) -> (PrinterState, bool, Option<String>) {
    const PAUSED: u32 = 0x1;
    const ERROR: u32 = 0x2;
    const PENDING_DELETION: u32 = 0x4;
    const PAPER_JAM: u32 = 0x8;
    const PAPER_OUT: u32 = 0x10;
    const PAPER_PROBLEM: u32 = 0x40;
    const OFFLINE: u32 = 0x80;
    const PRINTING: u32 = 0x400;
    const NOT_AVAILABLE: u32 = 0x1000;
    const NO_TONER: u32 = 0x4_0000;
    const USER_INTERVENTION: u32 = 0x10_0000;
    const DOOR_OPEN: u32 = 0x40_0000;
    const ATTRIBUTE_WORK_OFFLINE: u32 = 0x400;

    let problems: Vec<&str> = [
        (PAPER_JAM, "paper jam"),
        (PAPER_OUT, "out of paper"),
        (PAPER_PROBLEM, "paper problem"),
        (NO_TONER, "out of toner"),
        (DOOR_OPEN, "door open"),
        (USER_INTERVENTION, "needs attention"),
        (ERROR, "error"),
    ]
    .into_iter()
    .filter(|(bit, _)| status & bit != 0)
    .map(|(_, words)| words)
    .collect();
    let state = if status & PAUSED != 0 {
        PrinterState::Stopped
    } else if status & (OFFLINE | NOT_AVAILABLE) != 0 || attributes & ATTRIBUTE_WORK_OFFLINE != 0 {
        PrinterState::Offline
    } else if !problems.is_empty() {
        PrinterState::Error
    } else if status & PRINTING != 0 {
        PrinterState::Printing
    } else {
        PrinterState::Idle
    };
    let mut words = problems;
    match state {
        PrinterState::Stopped => words.insert(0, "paused"),
        PrinterState::Offline => words.insert(0, "offline"),
        _ => {}
    }
    let message = (!words.is_empty()).then(|| words.join(", "));
    (state, status & PENDING_DELETION == 0, message)
}

/// The spooler's `PRINTER_INFO_2.Status` bits in IPP printer-state-reasons words, so one
/// rule ([`crate::readiness`]) judges both systems.
pub fn spooler_reasons(status: u32) -> Vec<String> {
    [
        (0x8, "media-jam-error"),
        (0x10, "media-empty-error"),
        (0x40, "media-needed-error"),
        (0x80, "offline-error"),
        (0x1000, "offline-error"),
        (0x4_0000, "toner-empty-error"),
        (0x2_0000, "toner-low-warning"),
        (0x40_0000, "door-open-error"),
        (0x800, "output-area-full-error"),
    ]
    .into_iter()
    .filter(|(bit, _)| status & bit != 0)
    .map(|(_, reason)| reason.to_string())
    .collect()
}
