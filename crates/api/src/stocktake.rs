//! Stocktake (盘点): tasks, scans and their verdicts (keyboard, typed, device, batch
//! file), the difference report, its exports, and the close that applies it.

use std::path::Path;

use ledger::{format_money, CloseOutcome, Counters, DiffLine, DiffStat, Lang, ScanInput, ScanOutcome, ScanRow, ScanSource, StocktakeInput, StocktakeReport, StocktakeRow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::StocktakeId;
use crate::{Ctx, ExportDto, Result};

#[derive(Debug, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "StocktakeInput")]
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

#[derive(Debug, Serialize, Clone, Copy, TS)]
#[ts(rename = "Counters")]
pub struct CountersDto {
    #[ts(type = "number")]
    pub expected: i64,
    #[ts(type = "number")]
    pub found: i64,
    #[ts(type = "number")]
    pub remaining: i64,
    #[ts(type = "number")]
    pub scans: i64,
}

impl From<Counters> for CountersDto {
    fn from(c: Counters) -> Self {
        CountersDto { expected: c.expected, found: c.found, remaining: c.remaining, scans: c.scans }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "Stocktake")]
pub struct StocktakeDto {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub plan_start: Option<String>,
    pub plan_end: Option<String>,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub category: Option<String>,
    pub responsible: String,
    pub notes: String,
    #[ts(type = "'draft' | 'counting' | 'closed'")]
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
#[derive(Debug, Serialize, Clone, TS)]
#[ts(rename = "ScanOutcome")]
pub struct ScanOutcomeDto {
    #[ts(type = "number")]
    pub stocktake: i64,
    #[ts(type = "number")]
    pub scan_id: i64,
    pub code: String,
    #[ts(type = "Verdict")]
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    pub name: Option<String>,
    pub recorded_dept: Option<String>,
    pub recorded_location: Option<String>,
    pub scanned_location: Option<String>,
    #[ts(type = "ScanSource")]
    pub source: &'static str,
    /// 非本系统编码: a code that does not look like one of ours (flagged live, issue 20).
    pub foreign: bool,
    pub counters: CountersDto,
}

impl ScanOutcomeDto {
    pub fn new(stocktake: i64, o: ScanOutcome, source: ScanSource, lang: Lang) -> Self {
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
            foreign: o.foreign,
            counters: o.counters.into(),
        }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "ScanRow")]
pub struct ScanRowDto {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    #[ts(type = "Verdict")]
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    pub name: Option<String>,
    pub at: String,
    #[ts(type = "ScanSource")]
    pub source: &'static str,
    pub location: Option<String>,
    /// 非本系统编码 (as on the scan's outcome).
    pub foreign: bool,
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
            foreign: r.foreign,
        }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "DiffLine")]
pub struct DiffLineDto {
    pub code: String,
    #[ts(type = "Verdict")]
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

#[derive(Debug, Serialize, TS)]
#[ts(rename = "DiffStat")]
pub struct DiffStatDto {
    pub dept: Option<String>,
    #[ts(type = "number")]
    pub expected: i64,
    #[ts(type = "number")]
    pub found: i64,
    #[ts(type = "number")]
    pub missing: i64,
    pub missing_value: String,
}

impl From<DiffStat> for DiffStatDto {
    fn from(s: DiffStat) -> Self {
        DiffStatDto { dept: s.dept, expected: s.expected, found: s.found, missing: s.missing, missing_value: format_money(s.missing_value) }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "StocktakeReport")]
pub struct StocktakeReportDto {
    pub task: StocktakeDto,
    #[ts(type = "number")]
    pub expected: i64,
    #[ts(type = "number")]
    pub found: i64,
    #[ts(type = "number")]
    pub duplicates: i64,
    #[ts(type = "number")]
    pub out_of_scope: i64,
    pub missing: Vec<DiffLineDto>,
    pub missing_value: String,
    pub surplus: Vec<DiffLineDto>,
    pub misplaced: Vec<DiffLineDto>,
    pub by_dept: Vec<DiffStatDto>,
}

impl StocktakeReportDto {
    pub fn new(r: StocktakeReport, lang: Lang) -> Self {
        let lines = |v: Vec<DiffLine>| v.into_iter().map(|l| DiffLineDto::new(l, lang)).collect();
        StocktakeReportDto {
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

#[derive(Debug, Serialize, TS)]
#[ts(rename = "CloseResult")]
pub struct CloseDto {
    pub doc_no: Option<String>,
    pub registered: Vec<String>,
    pub marked_missing: Vec<String>,
    pub corrected: Vec<String>,
    pub recovered: Vec<String>,
    /// Issue 20: the difference lines the review kept out of the close.
    pub not_applied: Vec<crate::stocktake_review::ReviewLineDto>,
}

impl CloseDto {
    pub fn new(c: CloseOutcome, lang: Lang) -> Self {
        let not_applied = c.not_applied.into_iter().map(|l| crate::stocktake_review::ReviewLineDto::new(l, lang)).collect();
        CloseDto { doc_no: c.doc_no, registered: c.registered, marked_missing: c.marked_missing, corrected: c.corrected, recovered: c.recovered, not_applied }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "ScanImportResult")]
pub struct ScanImportDto {
    #[ts(type = "number")]
    pub imported: usize,
    /// Lines a 实盘 column marks as not found.
    #[ts(type = "number")]
    pub not_counted: usize,
    pub outcomes: Vec<ScanOutcomeDto>,
    /// "第 3 行：..." / "line 3: ...", in the UI language.
    pub errors: Vec<String>,
    /// The file's line of each of `errors` (the CLI's JSON gives them).
    #[serde(skip)]
    #[ts(skip)]
    pub error_lines: Vec<usize>,
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "SerialPort")]
pub struct PortDto {
    pub path: String,
    pub label: String,
}

/// How to open a serial scanner, as the scanner panel sets it.
#[derive(Debug, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "SerialConfig")]
pub struct SerialConfigDto {
    pub path: String,
    #[ts(type = "number")]
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
#[derive(Debug, Serialize, Clone, TS)]
#[ts(rename = "ScannerStatus")]
pub struct ScannerStatusDto {
    pub connected: bool,
    pub port: Option<String>,
    pub message: Option<String>,
}

/// Pushed as `scanner-reject` for a line that is not a scan (noise, bad code).
#[derive(Debug, Serialize, Clone, TS)]
#[ts(rename = "ScannerReject")]
pub struct ScannerRejectDto {
    pub raw: String,
    pub reason: &'static str,
    pub message: String,
}

/// A HID-POS scanner the OS lists (issue 19).
#[derive(Debug, Serialize, TS)]
#[ts(rename = "HidDevice")]
pub struct HidDeviceDto {
    /// "0c2e:0b61"
    pub id: String,
    pub label: String,
}

// ---- Use cases ----

pub fn list(cx: &mut Ctx) -> Result<Vec<StocktakeDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.list_stocktakes(cx.actor)?.into_iter().map(|r| StocktakeDto::new(r, lang)).collect())
}

pub fn get(cx: &mut Ctx, id: StocktakeId) -> Result<StocktakeDto> {
    Ok(StocktakeDto::new(cx.ledger.stocktake(cx.actor, id.0)?, cx.lang))
}

/// Plans a task; with `start`, also starts it (snapshots the expected set).
pub fn create(cx: &mut Ctx, input: StocktakeInputDto, start: bool) -> Result<StocktakeDto> {
    let id = cx.ledger.create_stocktake(cx.actor, &input.into())?;
    if start {
        cx.ledger.start_stocktake(cx.actor, id)?;
    }
    get(cx, StocktakeId(id))
}

/// Starts a planned task.
pub fn start(cx: &mut Ctx, id: StocktakeId) -> Result<StocktakeDto> {
    cx.ledger.start_stocktake(cx.actor, id.0)?;
    get(cx, id)
}

/// Opens a scanning session (a scanning screen, a device, a batch file); returns its id.
pub fn begin_scan_session(cx: &mut Ctx, id: StocktakeId, source: &str, device: &str) -> Result<i64> {
    cx.ledger.begin_scan_session(cx.actor, id.0, ScanSource::parse(source)?, device)
}

/// One scanned or typed code.
#[derive(Debug, Clone, Default)]
pub struct ScanRequest {
    pub code: String,
    /// "serial", "keyboard", "manual" or "batch".
    pub source: String,
    /// The location being counted (blank: not said).
    pub location: String,
    pub session: Option<i64>,
}

/// Records one scan and answers its verdict (found, misplaced, surplus, duplicate,
/// out of scope) with the task's counters.
pub fn scan(cx: &mut Ctx, id: StocktakeId, request: ScanRequest) -> Result<ScanOutcomeDto> {
    let source = ScanSource::parse(&request.source)?;
    let input = ScanInput { location: request.location, session: request.session, ..ScanInput::new(request.code, source) };
    let outcome = cx.ledger.record_scan(cx.actor, id.0, &input)?;
    Ok(ScanOutcomeDto::new(id.0, outcome, source, cx.lang))
}

pub fn recent_scans(cx: &mut Ctx, id: StocktakeId, limit: i64) -> Result<Vec<ScanRowDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.recent_scans(cx.actor, id.0, limit)?.into_iter().map(|r| ScanRowDto::new(r, lang)).collect())
}

/// 盘盈 / 盘亏 / 位置不符 with the statistics by department.
pub fn report(cx: &mut Ctx, id: StocktakeId) -> Result<StocktakeReportDto> {
    Ok(StocktakeReportDto::new(cx.ledger.stocktake_report(cx.actor, id.0)?, cx.lang))
}

/// Closes the task and applies its differences in one stocktake-adjustment document:
/// only the accepted lines (issue 20); the rest come back listed. `unreviewed` says what
/// to do with lines nobody reviewed: "refuse" (also when empty: close refuses and names
/// them), "accept" or "leave".
pub fn close(cx: &mut Ctx, id: StocktakeId, unreviewed: &str) -> Result<CloseDto> {
    let lang = cx.lang;
    let unreviewed = if unreviewed.trim().is_empty() { ledger::UnreviewedLines::Refuse } else { ledger::UnreviewedLines::parse(unreviewed)? };
    Ok(CloseDto::new(cx.ledger.close_stocktake(cx.actor, id.0, unreviewed)?, lang))
}

/// Writes the report (statistics and difference details) to the .xlsx `file` and
/// records the export; returns the rows written.
pub fn export_report(cx: &mut Ctx, id: StocktakeId, file: &Path) -> Result<ExportDto> {
    let report = cx.ledger.stocktake_report(cx.actor, id.0)?;
    let rows = exchange::write_stocktake_xlsx(file, &report, cx.lang).map_err(ledger::Error::from)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), rows)?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}

/// The report as a printable PDF (the same tables as the workbook); the export is
/// recorded as `file` with the number of differences.
pub fn report_pdf(cx: &mut Ctx, id: StocktakeId, file: &Path) -> Result<ExportDto> {
    let report = cx.ledger.stocktake_report(cx.actor, id.0)?;
    let title = format!("{} {}", report.task.name, if cx.lang == Lang::En { "stocktake report" } else { "盘点报告" });
    let bytes = reports::render_tables(&cx.ledger.settings()?.org_name, &title, &exchange::stocktake_sheets(&report, cx.lang), cx.lang);
    std::fs::write(file, bytes)?;
    let rows = report.surplus.len() + report.missing.len() + report.misplaced.len();
    cx.ledger.record_export(cx.actor, &file.display().to_string(), rows)?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}

/// Writes the expected list (CSV when `file` ends in .csv, else a workbook), optionally
/// one location's or department's share, for a PDA or a hand count.
pub fn export_expected(cx: &mut Ctx, id: StocktakeId, location: &str, dept: &str, file: &Path) -> Result<ExportDto> {
    let lines = cx.ledger.stocktake_expected(cx.actor, id.0, location, dept)?;
    let rows = exchange::write_expected(file, &lines, cx.lang).map_err(ledger::Error::from)?;
    cx.ledger.record_export(cx.actor, &file.display().to_string(), rows)?;
    Ok(ExportDto { file: file.display().to_string(), rows })
}

/// A PDA / batch results file: a path (the CLI) or the bytes of the file the clerk
/// picked (the app).
pub enum ScanFile<'a> {
    Path(&'a Path),
    Bytes { name: &'a str, bytes: Vec<u8> },
}

/// Imports a results file: CSV/TXT (UTF-8 or GBK) or a workbook, per-line location and
/// time when it has them (else `location`), or the expected list with 实盘 ticked.
pub fn import_scans(cx: &mut Ctx, id: StocktakeId, file: ScanFile, location: &str) -> Result<ScanImportDto> {
    let (batch, device) = match file {
        ScanFile::Path(path) => (exchange::read_scan_file(path).map_err(ledger::Error::from)?, path.display().to_string()),
        ScanFile::Bytes { name, bytes } => (exchange::parse_scan_file(bytes, name).map_err(ledger::Error::from)?, name.to_string()),
    };
    let session = Some(cx.ledger.begin_scan_session(cx.actor, id.0, ScanSource::Batch, &device)?);
    let result = cx.ledger.import_scans(cx.actor, id.0, &exchange::scans_of(&batch, location, session))?;
    let errors = exchange::import_errors(&batch, &result.errors, cx.lang);
    let lang = cx.lang;
    Ok(ScanImportDto {
        imported: result.outcomes.len(),
        not_counted: batch.not_counted,
        outcomes: result.outcomes.into_iter().map(|o| ScanOutcomeDto::new(id.0, o, ScanSource::Batch, lang)).collect(),
        error_lines: errors.iter().map(|(line, _)| *line).collect(),
        errors: errors.into_iter().map(|(_, m)| m).collect(),
    })
}

/// The enums' keys, for the UI's union types.
pub fn verdict_keys() -> Vec<&'static str> {
    ledger::Verdict::ALL.iter().map(|v| v.as_str()).collect()
}

pub fn source_keys() -> Vec<&'static str> {
    ScanSource::ALL.iter().map(|s| s.as_str()).collect()
}
