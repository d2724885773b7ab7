//! The stocktake shapes that cross the Tauri boundary (kept beside dto.rs so the
//! stocktake branch merges without touching it). Money as "1600.00" strings.

use ledger::{format_money, CloseOutcome, Counters, DiffLine, DiffStat, Lang, ScanOutcome, ScanRow, StocktakeInput, StocktakeReport, StocktakeRow};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StocktakeInputDto {
    pub name: String,
    pub plan_start: String,
    pub plan_end: String,
    pub dept: String,
    pub location: String,
    pub category: String,
    pub responsible: String,
    pub notes: String,
}

impl From<StocktakeInputDto> for StocktakeInput {
    fn from(d: StocktakeInputDto) -> Self {
        StocktakeInput {
            name: d.name,
            plan_start: d.plan_start,
            plan_end: d.plan_end,
            dept: d.dept,
            location: d.location,
            category: d.category,
            responsible: d.responsible,
            notes: d.notes,
        }
    }
}

#[derive(Serialize, Clone, Copy)]
pub struct CountersDto {
    pub expected: i64,
    pub found: i64,
    pub remaining: i64,
    pub scans: i64,
}

impl From<Counters> for CountersDto {
    fn from(c: Counters) -> Self {
        CountersDto { expected: c.expected, found: c.found, remaining: c.remaining, scans: c.scans }
    }
}

#[derive(Serialize)]
pub struct StocktakeDto {
    pub id: i64,
    pub name: String,
    pub plan_start: Option<String>,
    pub plan_end: Option<String>,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub category: Option<String>,
    pub responsible: String,
    pub notes: String,
    pub state: &'static str,
    pub state_label: &'static str,
    pub created_by: String,
    pub created_at: String,
    pub started_at: Option<String>,
    pub closed_at: Option<String>,
    pub close_doc: Option<String>,
    pub counters: CountersDto,
}

impl StocktakeDto {
    pub fn new(r: StocktakeRow, lang: Lang) -> Self {
        StocktakeDto {
            id: r.id,
            name: r.name,
            plan_start: r.plan_start.map(|d| d.to_string()),
            plan_end: r.plan_end.map(|d| d.to_string()),
            dept: r.dept,
            location: r.location,
            category: r.category,
            responsible: r.responsible,
            notes: r.notes,
            state: r.state.as_str(),
            state_label: r.state.label(lang),
            created_by: r.created_by,
            created_at: r.created_at,
            started_at: r.started_at,
            closed_at: r.closed_at,
            close_doc: r.close_doc,
            counters: r.counters.into(),
        }
    }
}

/// One scan's verdict, as answered to a command and as pushed in `stocktake-scan` events.
#[derive(Serialize, Clone)]
pub struct ScanOutcomeDto {
    pub stocktake: i64,
    pub scan_id: i64,
    pub code: String,
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    pub name: Option<String>,
    pub recorded_dept: Option<String>,
    pub recorded_location: Option<String>,
    pub scanned_location: Option<String>,
    pub source: &'static str,
    pub counters: CountersDto,
}

impl ScanOutcomeDto {
    pub fn new(stocktake: i64, o: ScanOutcome, source: ledger::ScanSource, lang: Lang) -> Self {
        ScanOutcomeDto {
            stocktake,
            scan_id: o.scan_id,
            code: o.code,
            verdict: o.verdict.as_str(),
            verdict_label: o.verdict.label(lang),
            name: o.name,
            recorded_dept: o.recorded_dept,
            recorded_location: o.recorded_location,
            scanned_location: o.scanned_location,
            source: source.as_str(),
            counters: o.counters.into(),
        }
    }
}

#[derive(Serialize)]
pub struct ScanRowDto {
    pub id: i64,
    pub code: String,
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    pub name: Option<String>,
    pub at: String,
    pub source: &'static str,
    pub location: Option<String>,
}

impl ScanRowDto {
    pub fn new(r: ScanRow, lang: Lang) -> Self {
        ScanRowDto {
            id: r.id,
            code: r.code,
            verdict: r.verdict.as_str(),
            verdict_label: r.verdict.label(lang),
            name: r.name,
            at: r.at,
            source: r.source.as_str(),
            location: r.location,
        }
    }
}

#[derive(Serialize)]
pub struct DiffLineDto {
    pub code: String,
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    pub name: Option<String>,
    pub category: Option<String>,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub value: Option<String>,
    pub scanned_location: Option<String>,
    pub scanned_at: Option<String>,
}

impl DiffLineDto {
    fn new(l: DiffLine, lang: Lang) -> Self {
        DiffLineDto {
            code: l.code,
            verdict: l.verdict.as_str(),
            verdict_label: l.verdict.label(lang),
            name: l.name,
            category: l.category,
            dept: l.dept,
            location: l.location,
            value: l.value.map(format_money),
            scanned_location: l.scanned_location,
            scanned_at: l.scanned_at,
        }
    }
}

#[derive(Serialize)]
pub struct DiffStatDto {
    pub dept: Option<String>,
    pub expected: i64,
    pub found: i64,
    pub missing: i64,
    pub missing_value: String,
}

impl From<DiffStat> for DiffStatDto {
    fn from(s: DiffStat) -> Self {
        DiffStatDto { dept: s.dept, expected: s.expected, found: s.found, missing: s.missing, missing_value: format_money(s.missing_value) }
    }
}

#[derive(Serialize)]
pub struct ReportDto {
    pub task: StocktakeDto,
    pub expected: i64,
    pub found: i64,
    pub duplicates: i64,
    pub out_of_scope: i64,
    pub missing: Vec<DiffLineDto>,
    pub missing_value: String,
    pub surplus: Vec<DiffLineDto>,
    pub misplaced: Vec<DiffLineDto>,
    pub by_dept: Vec<DiffStatDto>,
}

impl ReportDto {
    pub fn new(r: StocktakeReport, lang: Lang) -> Self {
        let lines = |v: Vec<DiffLine>| v.into_iter().map(|l| DiffLineDto::new(l, lang)).collect();
        ReportDto {
            task: StocktakeDto::new(r.task, lang),
            expected: r.expected,
            found: r.found,
            duplicates: r.duplicates,
            out_of_scope: r.out_of_scope,
            missing: lines(r.missing),
            missing_value: format_money(r.missing_value),
            surplus: lines(r.surplus),
            misplaced: lines(r.misplaced),
            by_dept: r.by_dept.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize)]
pub struct CloseDto {
    pub doc_no: Option<String>,
    pub registered: Vec<String>,
    pub marked_missing: Vec<String>,
    pub corrected: Vec<String>,
    pub recovered: Vec<String>,
}

impl From<CloseOutcome> for CloseDto {
    fn from(c: CloseOutcome) -> Self {
        CloseDto { doc_no: c.doc_no, registered: c.registered, marked_missing: c.marked_missing, corrected: c.corrected, recovered: c.recovered }
    }
}

#[derive(Serialize)]
pub struct ImportDto {
    pub imported: usize,
    /// Lines a 实盘 column marks as not found.
    pub not_counted: usize,
    pub outcomes: Vec<ScanOutcomeDto>,
    /// "第 3 行：..." / "line 3: ...", in the UI language.
    pub errors: Vec<String>,
}

#[derive(Serialize)]
pub struct PortDto {
    pub path: String,
    pub label: String,
}

/// How to open a serial scanner, as the scanner panel sets it.
#[derive(Deserialize)]
#[serde(default)]
pub struct SerialConfigDto {
    pub path: String,
    pub baud: u32,
    pub cr: bool,
    pub lf: bool,
    pub tab: bool,
    pub prefix: String,
    pub suffix: String,
    pub strip_aim_id: bool,
    pub location: String,
}

impl Default for SerialConfigDto {
    fn default() -> Self {
        SerialConfigDto {
            path: String::new(),
            baud: 9600,
            cr: true,
            lf: true,
            tab: false,
            prefix: String::new(),
            suffix: String::new(),
            strip_aim_id: true,
            location: String::new(),
        }
    }
}

/// Pushed as `scanner-status` when a scanner connects, is unplugged or comes back.
#[derive(Serialize, Clone)]
pub struct ScannerStatusDto {
    pub connected: bool,
    pub port: Option<String>,
    pub message: Option<String>,
}

/// Pushed as `scanner-reject` for a line that is not a scan (noise, bad code).
#[derive(Serialize, Clone)]
pub struct ScannerRejectDto {
    pub raw: String,
    pub reason: &'static str,
    pub message: String,
}

/// A HID-POS scanner the OS lists (issue 19).
#[derive(Serialize)]
pub struct HidDeviceDto {
    /// "0c2e:0b61"
    pub id: String,
    pub label: String,
}
