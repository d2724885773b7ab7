//! Stocktake (盘点): a task with a scope, the expected set snapshotted when it starts,
//! scans from any number of sessions (serial scanner, keyboard wedge, manual entry, PDA
//! batch files) each judged the moment it arrives, the reconciliation report, and the
//! close that turns the differences into one stocktake-adjustment document (PD-...).
//!
//! Verdicts of a scan, in the order they are decided:
//! - `duplicate`: this code was already scanned in this task;
//! - `surplus` (盘盈): no asset has this code;
//! - `found`: an expected asset (scanned at its recorded location, when the clerk set one);
//! - `misplaced` (位置不符): an asset of the ledger recorded outside the task's scope
//!   (another department or location), or an expected one scanned at another location;
//! - `out_of_scope`: an asset that does not belong in this count at all (another
//!   category, or off the books / on loan).
//!
//! `missing` (盘亏) is not a scan's verdict: it is an expected asset never scanned.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::auth::{Actor, Permission, Role};
use crate::enum_str::string_enum;
use crate::codes::validate_code;
use crate::error::{Error, Result};
use crate::journal::{self, DocHeader, DocKind, Placement};
use crate::ledger::Ledger;
use crate::model::{AssetStatus, Lang};
use crate::money::{from_cents, Money};
use crate::registers::{resolve_or_create, RegisterKind};
use crate::{audit, db};

// The expected list for PDAs and hand counts (issue 19).
mod expected;
pub use expected::ExpectedLine;
// The review of each difference line before close (issue 20).
mod review;
pub use review::{ReviewDecision, ReviewLine, UnreviewedLines};

/// The statuses an asset must have to be expected in a count: on the books and on site.
const COUNTED_STATUSES: &str = "('in_stock', 'in_use', 'under_repair', 'missing')";

/// What a surplus (盘盈) asset is registered as, until the clerk completes its card.
pub const SURPLUS_PLACEHOLDER: &str = "盘盈资产";

string_enum!(
    /// Where a scan came from.
    ScanSource, field: "ScanSource", what: ("scan source", "扫描来源"), {
        Serial => ("serial", "Serial scanner", "串口扫描枪"),
        Keyboard => ("keyboard", "Keyboard scanner", "键盘扫描枪"),
        Manual => ("manual", "Typed in", "手工录入"),
        Batch => ("batch", "Batch file", "批量文件"),
    }
);

string_enum!(
    /// What a scan (or, for `Missing`, the absence of one) means.
    Verdict, field: "Verdict", what: ("verdict", "盘点结果"), {
        Found => ("found", "Found", "已盘到"),
        Misplaced => ("misplaced", "Misplaced", "位置不符"),
        Surplus => ("surplus", "Surplus", "盘盈"),
        Duplicate => ("duplicate", "Duplicate", "重复扫描"),
        OutOfScope => ("out_of_scope", "Not in scope", "不在盘点范围"),
        Missing => ("missing", "Missing", "盘亏"),
    }
);

string_enum!(
    /// A task's life: planned, counting (expected set snapshotted), closed (read-only).
    StocktakeState, field: "StocktakeState", what: ("stocktake state", "盘点状态"), {
        Draft => ("draft", "Planned", "未开始"),
        Counting => ("counting", "Counting", "盘点中"),
        Closed => ("closed", "Closed", "已结束"),
    }
);

/// A stocktake task as planned in a form or with CLI flags. Empty means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StocktakeInput {
    pub name: String,
    /// YYYY-MM-DD.
    pub plan_start: String,
    pub plan_end: String,
    /// Scope: empty for all; else assets recorded in this department / location / category.
    pub dept: String,
    pub location: String,
    pub category: String,
    /// Responsible people (盘点负责人), as typed, e.g. "张三、李四".
    pub responsible: String,
    pub notes: String,
}

/// Running counters: what the scanning screen shows after every scan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub expected: i64,
    /// Expected assets scanned at least once.
    pub found: i64,
    pub remaining: i64,
    /// Every accepted scan, duplicates included.
    pub scans: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StocktakeRow {
    pub id: i64,
    pub name: String,
    pub plan_start: Option<NaiveDate>,
    pub plan_end: Option<NaiveDate>,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub category: Option<String>,
    pub responsible: String,
    pub notes: String,
    pub state: StocktakeState,
    pub created_by: String,
    pub created_at: String,
    pub started_at: Option<String>,
    pub closed_at: Option<String>,
    /// The stocktake-adjustment document written at close.
    pub close_doc: Option<String>,
    pub counters: Counters,
}

/// One scan to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanInput {
    pub code: String,
    pub source: ScanSource,
    /// The location being counted, when the clerk set one; empty otherwise.
    pub location: String,
    /// When it was scanned (local time), for batch files that carry one; else now.
    pub at: Option<NaiveDateTime>,
    /// The scanning session it belongs to ([`Ledger::begin_scan_session`]).
    pub session: Option<i64>,
}

impl ScanInput {
    pub fn new(code: impl Into<String>, source: ScanSource) -> ScanInput {
        ScanInput { code: code.into(), source, location: String::new(), at: None, session: None }
    }
}

/// The instant answer to a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanOutcome {
    pub scan_id: i64,
    pub code: String,
    pub verdict: Verdict,
    /// The asset's name, when the ledger knows the code.
    pub name: Option<String>,
    /// Where the ledger records the asset.
    pub recorded_dept: Option<String>,
    pub recorded_location: Option<String>,
    pub scanned_location: Option<String>,
    /// 非本系统编码: unknown to the ledger and not shaped like one of its codes (a book's
    /// ISBN), flagged at scan time so the clerk can tell it from a real 盘盈 at once.
    pub foreign: bool,
    pub counters: Counters,
}

/// One stored scan, for the "last scans" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanRow {
    pub id: i64,
    pub code: String,
    pub verdict: Verdict,
    pub name: Option<String>,
    pub at: String,
    pub source: ScanSource,
    pub location: Option<String>,
    /// 非本系统编码 (see [`ScanOutcome::foreign`]).
    pub foreign: bool,
}

/// One line of the difference details (差异明细).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub code: String,
    pub verdict: Verdict,
    pub name: Option<String>,
    pub category: Option<String>,
    /// Where the ledger had it (at start for missing, at scan time for misplaced).
    pub dept: Option<String>,
    pub location: Option<String>,
    pub value: Option<Money>,
    /// Where it was scanned, when the clerk set a location.
    pub scanned_location: Option<String>,
    pub scanned_at: Option<String>,
}

/// Difference statistics (差异统计) for one department of the expected set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffStat {
    /// The department's name; `None` for assets recorded without one.
    pub dept: Option<String>,
    pub expected: i64,
    pub found: i64,
    pub missing: i64,
    pub missing_value: Money,
}

/// The reconciliation: what the review screen, the report and the export show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StocktakeReport {
    pub task: StocktakeRow,
    pub expected: i64,
    pub found: i64,
    pub duplicates: i64,
    pub out_of_scope: i64,
    /// 盘亏: expected, not scanned.
    pub missing: Vec<DiffLine>,
    pub missing_value: Money,
    /// 盘盈: scanned, unknown to the ledger.
    pub surplus: Vec<DiffLine>,
    /// 位置不符: in the ledger, found somewhere else than recorded.
    pub misplaced: Vec<DiffLine>,
    pub by_dept: Vec<DiffStat>,
}

/// What closing did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CloseOutcome {
    /// The stocktake-adjustment document, when there was anything to adjust.
    pub doc_no: Option<String>,
    /// Codes of the surplus assets now registered (盘盈资产, to complete).
    pub registered: Vec<String>,
    /// Assets now marked missing (盘亏), to write off later with a write-off document.
    pub marked_missing: Vec<String>,
    /// Misplaced assets whose department/location were corrected, and found assets
    /// without a recorded location that now have the counted one.
    pub corrected: Vec<String>,
    /// Assets marked missing before and found in this count (back in stock).
    pub recovered: Vec<String>,
    /// Difference lines close did not apply (rejected, noted, or a 非本系统编码 code
    /// nobody accepted), with their review (issue 20).
    pub not_applied: Vec<ReviewLine>,
}

/// Result of importing many scans (a PDA batch file): outcomes in order, and the
/// refused lines (by the caller's line number) with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanImportOutcome {
    pub outcomes: Vec<ScanOutcome>,
    pub errors: Vec<(usize, Error)>,
}

/// A task as the scan path needs it.
struct Task {
    id: i64,
    name: String,
    state: StocktakeState,
    dept_id: Option<i64>,
    location_id: Option<i64>,
    category_id: Option<i64>,
    counters: Counters,
}

fn not_found(id: i64) -> Error {
    Error::not_found(format!("no stocktake numbered {id}"), format!("找不到编号为 {id} 的盘点任务")).with_field("stocktake")
}

fn load_task(tx: &rusqlite::Connection, id: i64) -> Result<Task> {
    tx.query_row(
        "SELECT id, name, state, scope_dept_id, scope_location_id, scope_category_id, expected_count, found_count, scan_count \
         FROM stocktakes WHERE id = ?1",
        [id],
        |r| {
            let state: String = r.get(2)?;
            let (expected, found): (i64, i64) = (r.get(6)?, r.get(7)?);
            Ok(Task {
                id: r.get(0)?,
                name: r.get(1)?,
                state: StocktakeState::parse(&state).unwrap_or(StocktakeState::Closed),
                dept_id: r.get(3)?,
                location_id: r.get(4)?,
                category_id: r.get(5)?,
                counters: Counters { expected, found, remaining: expected - found, scans: r.get(8)? },
            })
        },
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

/// Admins and power users run any stocktake; a normal user may view and scan one scoped
/// to their own department.
fn may_scan(actor: &Actor, task: &Task) -> Result<()> {
    if actor.can(Permission::Stocktake) {
        return Ok(());
    }
    if actor.role == Role::Normal && task.dept_id.is_some() && task.dept_id == actor.dept_id {
        return Ok(());
    }
    actor.require(Permission::Stocktake)
}

fn require_counting(task: &Task) -> Result<()> {
    match task.state {
        StocktakeState::Counting => Ok(()),
        StocktakeState::Draft => Err(Error::conflict(
            format!("stocktake {} '{}' has not started; start it first", task.id, task.name),
            format!("盘点任务 {}「{}」尚未开始，请先开始盘点", task.id, task.name),
        )
        .with_field("stocktake")),
        StocktakeState::Closed => Err(closed(task)),
    }
}

fn closed(task: &Task) -> Error {
    Error::conflict(
        format!("stocktake {} '{}' is closed and read-only", task.id, task.name),
        format!("盘点任务 {}「{}」已结束，只能查看", task.id, task.name),
    )
    .with_field("stocktake")
}

fn optional_date(errors: &mut Vec<Error>, field: &str, text: &str, what: (&str, &str)) -> Option<NaiveDate> {
    crate::dates::parse_optional(field, what, text).unwrap_or_else(|e| {
        errors.push(e);
        None
    })
}

/// An existing, active register entry by name (scopes and scan locations never create one).
fn existing(tx: &rusqlite::Connection, kind: RegisterKind, name: &str) -> Result<Option<i64>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    let table = match kind {
        RegisterKind::Category => "categories",
        RegisterKind::Department => "departments",
        RegisterKind::Location => "locations",
        RegisterKind::Person => "people",
    };
    let id: Option<i64> = tx.query_row(&format!("SELECT id FROM {table} WHERE name = ?1"), [name], |r| r.get(0)).optional()?;
    id.map(Some).ok_or_else(|| {
        Error::not_found(
            format!("no {} named '{name_q}'", kind.label(Lang::En), name_q = crate::error::quoted(&name)),
            format!("没有名为「{name_q}」的{}", kind.label(Lang::ZhCn), name_q = crate::error::quoted(&name)),
        )
        .with_field(kind.as_str())
    })
}

fn name_of(tx: &rusqlite::Connection, table: &str, id: Option<i64>) -> Result<Option<String>> {
    match id {
        None => Ok(None),
        Some(id) => Ok(tx.query_row(&format!("SELECT name FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).optional()?),
    }
}

fn to_utc_text(at: NaiveDateTime) -> String {
    use chrono::TimeZone;
    match chrono::Local.from_local_datetime(&at).earliest() {
        Some(local) => local.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        None => db::now(),
    }
}

/// Judges and stores one scan inside `tx`; updates the task's counters.
fn scan_in(tx: &Transaction, actor: &Actor, task: &mut Task, input: &ScanInput) -> Result<ScanOutcome> {
    let code = input.code.trim();
    if validate_code(code).is_err() {
        let shown: String = code.chars().take(40).collect();
        return Err(Error::invalid(
            "code",
            format!("'{shown_q}' is not an asset code (1 to 40 letters, digits or symbols, no spaces); nothing was recorded", shown_q = crate::error::quoted(&shown)),
            format!("「{shown_q}」不是资产编码（1 到 40 位字母、数字或符号，不含空格），未记录", shown_q = crate::error::quoted(&shown)),
        ));
    }
    let scanned_location = existing(tx, RegisterKind::Location, &input.location)?;
    // (id, name, status, dept, location, category)
    type Scanned = (i64, String, String, Option<i64>, Option<i64>, i64);
    let asset: Option<Scanned> = tx
        .query_row("SELECT id, name, status, dept_id, location_id, category_id FROM assets WHERE code = ?1", [code], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()?;
    let duplicate: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM stocktake_scans WHERE stocktake_id = ?1 AND code = ?2)",
        params![task.id, code],
        |r| r.get(0),
    )?;
    let mut newly_found = false;
    let verdict = match &asset {
        _ if duplicate => Verdict::Duplicate,
        None => Verdict::Surplus,
        Some((asset_id, _, status, dept_id, location_id, category_id)) => {
            let expected: Option<Option<i64>> = tx
                .query_row(
                    "SELECT found_scan_id FROM stocktake_expected WHERE stocktake_id = ?1 AND asset_id = ?2",
                    params![task.id, asset_id],
                    |r| r.get(0),
                )
                .optional()?;
            let elsewhere = matches!((scanned_location, location_id), (Some(s), Some(l)) if s != *l);
            match expected {
                Some(found) => {
                    newly_found = found.is_none();
                    if elsewhere {
                        Verdict::Misplaced
                    } else {
                        Verdict::Found
                    }
                }
                None => {
                    let counted = matches!(status.as_str(), "in_stock" | "in_use" | "under_repair" | "missing");
                    let right_category = task.category_id.is_none_or(|c| c == *category_id);
                    let in_place = task.dept_id.is_none_or(|d| Some(d) == *dept_id) && task.location_id.is_none_or(|l| Some(l) == *location_id);
                    if !counted || !right_category {
                        Verdict::OutOfScope
                    } else if in_place && !elsewhere {
                        // Registered after the task started, and where the task counts.
                        Verdict::Found
                    } else {
                        Verdict::Misplaced
                    }
                }
            }
        }
    };
    let at = input.at.map(to_utc_text).unwrap_or_else(db::now);
    tx.execute(
        "INSERT INTO stocktake_scans(stocktake_id, session_id, code, scanned_at, source, location_id, verdict, asset_id, \
         recorded_dept_id, recorded_location_id, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            task.id,
            input.session,
            code,
            at,
            input.source.as_str(),
            scanned_location,
            verdict.as_str(),
            asset.as_ref().map(|a| a.0),
            asset.as_ref().and_then(|a| a.3),
            asset.as_ref().and_then(|a| a.4),
            actor.user_id
        ],
    )?;
    let scan_id = tx.last_insert_rowid();
    task.counters.scans += 1;
    if newly_found {
        let asset_id = asset.as_ref().map(|a| a.0);
        tx.execute(
            "UPDATE stocktake_expected SET found_scan_id = ?1 WHERE stocktake_id = ?2 AND asset_id = ?3",
            params![scan_id, task.id, asset_id],
        )?;
        task.counters.found += 1;
        task.counters.remaining = task.counters.expected - task.counters.found;
    }
    tx.execute(
        "UPDATE stocktakes SET found_count = ?1, scan_count = ?2 WHERE id = ?3",
        params![task.counters.found, task.counters.scans, task.id],
    )?;
    Ok(ScanOutcome {
        scan_id,
        code: code.to_string(),
        verdict,
        name: asset.as_ref().map(|a| a.1.clone()),
        recorded_dept: name_of(tx, "departments", asset.as_ref().and_then(|a| a.3))?,
        recorded_location: name_of(tx, "locations", asset.as_ref().and_then(|a| a.4))?,
        scanned_location: name_of(tx, "locations", scanned_location)?,
        // Only an unknown code is asked (the rule is read for it alone: scans are the hot path).
        foreign: asset.is_none() && review::is_foreign(tx, &review::code_rule(tx)?, code)?,
        counters: task.counters,
    })
}

const ROW_SQL: &str = "SELECT s.id, s.name, s.plan_start, s.plan_end, (SELECT name FROM departments WHERE id = s.scope_dept_id), \
     (SELECT name FROM locations WHERE id = s.scope_location_id), (SELECT name FROM categories WHERE id = s.scope_category_id), \
     s.responsible, s.notes, s.state, u.name, s.created_at, s.started_at, s.closed_at, \
     (SELECT doc_no FROM documents WHERE id = s.close_doc_id), s.expected_count, s.found_count, s.scan_count \
     FROM stocktakes s JOIN users u ON u.id = s.created_by";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<StocktakeRow> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> { Ok(r.get::<_, Option<String>>(i)?.and_then(|d| d.parse().ok())) };
    let state: String = r.get(9)?;
    let (expected, found): (i64, i64) = (r.get(15)?, r.get(16)?);
    Ok(StocktakeRow {
        id: r.get(0)?,
        name: r.get(1)?,
        plan_start: date(2)?,
        plan_end: date(3)?,
        dept: r.get(4)?,
        location: r.get(5)?,
        category: r.get(6)?,
        responsible: r.get(7)?,
        notes: r.get(8)?,
        state: StocktakeState::parse(&state).unwrap_or(StocktakeState::Closed),
        created_by: r.get(10)?,
        created_at: r.get(11)?,
        started_at: r.get(12)?,
        closed_at: r.get(13)?,
        close_doc: r.get(14)?,
        counters: Counters { expected, found, remaining: expected - found, scans: r.get(17)? },
    })
}

impl Ledger {
    /// Plans a stocktake task (盘点任务单); it counts nothing until started.
    pub fn create_stocktake(&mut self, actor: &Actor, input: &StocktakeInput) -> Result<i64> {
        actor.require(Permission::Stocktake)?;
        let mut errors = Vec::new();
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            errors.push(Error::invalid("name", "a stocktake needs a name of 1 to 100 characters", "请填写盘点任务名称（1 到 100 个字符）"));
        }
        let start = optional_date(&mut errors, "plan_start", &input.plan_start, ("planned start", "计划开始日期"));
        let end = optional_date(&mut errors, "plan_end", &input.plan_end, ("planned end", "计划结束日期"));
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(Error::invalid("plan_end", "the planned end is before the planned start", "计划结束日期早于开始日期"));
            }
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let mut scope = |kind, text: &str, field: &str| match existing(&tx, kind, text) {
            Ok(id) => id,
            Err(e) => {
                errors.push(e.for_field(field));
                None
            }
        };
        let dept_id = scope(RegisterKind::Department, &input.dept, "dept");
        let location_id = scope(RegisterKind::Location, &input.location, "location");
        let category_id = scope(RegisterKind::Category, &input.category, "category");
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        tx.execute(
            "INSERT INTO stocktakes(name, plan_start, plan_end, scope_dept_id, scope_location_id, scope_category_id, responsible, notes, \
             created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                name,
                start.map(|d| d.to_string()),
                end.map(|d| d.to_string()),
                dept_id,
                location_id,
                category_id,
                input.responsible.trim(),
                input.notes.trim(),
                actor.user_id,
                db::now()
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit::record(&tx, &actor.name, "stocktake_new", &format!("ST-{id}"), name)?;
        tx.commit()?;
        Ok(id)
    }

    /// Starts counting: snapshots the expected set (every asset in scope that is on the
    /// books and on site). Returns the counters.
    pub fn start_stocktake(&mut self, actor: &Actor, id: i64) -> Result<Counters> {
        actor.require(Permission::Stocktake)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let task = load_task(&tx, id)?;
        match task.state {
            StocktakeState::Draft => {}
            StocktakeState::Counting => {
                return Err(Error::conflict(format!("stocktake {id} has already started"), format!("盘点任务 {id} 已经开始")).with_field("stocktake"))
            }
            StocktakeState::Closed => return Err(closed(&task)),
        }
        let expected = tx.execute(
            &format!(
                "INSERT INTO stocktake_expected(stocktake_id, asset_id, dept_id, location_id) \
                 SELECT ?1, id, dept_id, location_id FROM assets WHERE status IN {COUNTED_STATUSES} \
                 AND (?2 IS NULL OR dept_id = ?2) AND (?3 IS NULL OR location_id = ?3) AND (?4 IS NULL OR category_id = ?4)"
            ),
            params![id, task.dept_id, task.location_id, task.category_id],
        )? as i64;
        tx.execute(
            "UPDATE stocktakes SET state = 'counting', started_at = ?1, expected_count = ?2 WHERE id = ?3",
            params![db::now(), expected, id],
        )?;
        audit::record(&tx, &actor.name, "stocktake_start", &format!("ST-{id}"), &format!("{expected} expected"))?;
        tx.commit()?;
        Ok(Counters { expected, found: 0, remaining: expected, scans: 0 })
    }

    /// Stocktakes, newest first. A normal user sees those of their own department.
    pub fn list_stocktakes(&self, actor: &Actor) -> Result<Vec<StocktakeRow>> {
        actor.require(Permission::ViewAssets)?;
        let scope = if actor.can(Permission::Stocktake) { None } else { Some(actor.dept_id.unwrap_or(-1)) };
        let mut stmt = self.conn.prepare(&format!("{ROW_SQL} WHERE (?1 IS NULL OR s.scope_dept_id = ?1) ORDER BY s.id DESC"))?;
        let rows = stmt.query_map([scope], read_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn stocktake(&self, actor: &Actor, id: i64) -> Result<StocktakeRow> {
        let task = load_task(&self.conn, id)?;
        may_scan(actor, &task)?;
        Ok(self.conn.query_row(&format!("{ROW_SQL} WHERE s.id = ?1"), [id], read_row)?)
    }

    /// Opens a scanning session (a scanner connected, a keyboard screen opened, a file
    /// imported); its scans point at it.
    pub fn begin_scan_session(&mut self, actor: &Actor, id: i64, source: ScanSource, device: &str) -> Result<i64> {
        let tx = crate::db::begin(&mut self.conn)?;
        let task = load_task(&tx, id)?;
        may_scan(actor, &task)?;
        require_counting(&task)?;
        tx.execute(
            "INSERT INTO stocktake_sessions(stocktake_id, source, device, user_id, started_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, source.as_str(), device.trim(), actor.user_id, db::now()],
        )?;
        let session = tx.last_insert_rowid();
        audit::record(&tx, &actor.name, "stocktake_session", &format!("ST-{id}"), &format!("{} {}", source.as_str(), device.trim()))?;
        tx.commit()?;
        Ok(session)
    }

    /// Records one scan and answers its verdict at once. A code that cannot be an asset
    /// code is refused (`invalid_input`) and nothing is stored.
    pub fn record_scan(&mut self, actor: &Actor, id: i64, input: &ScanInput) -> Result<ScanOutcome> {
        let tx = crate::db::begin(&mut self.conn)?;
        let mut task = load_task(&tx, id)?;
        may_scan(actor, &task)?;
        require_counting(&task)?;
        let outcome = scan_in(&tx, actor, &mut task, input)?;
        audit::record(&tx, &actor.name, "stocktake_scan", &format!("ST-{id}"), &format!("{} {}", outcome.code, outcome.verdict.as_str()))?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Records many scans (a PDA batch file) in one transaction. Each scan gets its
    /// verdict; bad codes are listed with their line number and the rest is kept.
    pub fn import_scans(&mut self, actor: &Actor, id: i64, scans: &[(usize, ScanInput)]) -> Result<ScanImportOutcome> {
        let tx = crate::db::begin(&mut self.conn)?;
        let mut task = load_task(&tx, id)?;
        may_scan(actor, &task)?;
        require_counting(&task)?;
        let mut result = ScanImportOutcome::default();
        for (line, input) in scans {
            match scan_in(&tx, actor, &mut task, input) {
                Ok(o) => result.outcomes.push(o),
                Err(e) if e.code == crate::ErrorCode::InvalidInput || e.code == crate::ErrorCode::NotFound => result.errors.push((*line, e)),
                Err(e) => return Err(e),
            }
        }
        audit::record(
            &tx,
            &actor.name,
            "stocktake_import",
            &format!("ST-{id}"),
            &format!("{} scans, {} refused", result.outcomes.len(), result.errors.len()),
        )?;
        tx.commit()?;
        Ok(result)
    }

    /// The latest scans, newest first.
    pub fn recent_scans(&self, actor: &Actor, id: i64, limit: i64) -> Result<Vec<ScanRow>> {
        let task = load_task(&self.conn, id)?;
        may_scan(actor, &task)?;
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.code, s.verdict, a.name, s.scanned_at, s.source, l.name FROM stocktake_scans s \
             LEFT JOIN assets a ON a.id = s.asset_id LEFT JOIN locations l ON l.id = s.location_id \
             WHERE s.stocktake_id = ?1 ORDER BY s.id DESC LIMIT ?2",
        )?;
        let mut rows = stmt
            .query_map(params![id, limit], |r| {
                let (verdict, source): (String, String) = (r.get(2)?, r.get(5)?);
                Ok(ScanRow {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    verdict: Verdict::parse(&verdict).unwrap_or(Verdict::Duplicate),
                    name: r.get(3)?,
                    at: r.get(4)?,
                    source: ScanSource::parse(&source).unwrap_or(ScanSource::Manual),
                    location: r.get(6)?,
                    foreign: false,
                })
            })?
            .collect::<rusqlite::Result<Vec<ScanRow>>>()?;
        // Rows without an asset: flag the codes that are not ours, as the scan did.
        let rule = review::code_rule(&self.conn)?;
        for row in rows.iter_mut().filter(|r| r.name.is_none()) {
            row.foreign = review::is_foreign(&self.conn, &rule, &row.code)?;
        }
        Ok(rows)
    }

    /// The reconciliation: 盘盈, 盘亏, misplaced, with details and statistics.
    pub fn stocktake_report(&self, actor: &Actor, id: i64) -> Result<StocktakeReport> {
        let task = self.stocktake(actor, id)?;
        let conn = &self.conn;
        let missing: Vec<DiffLine> = conn
            .prepare(
                "SELECT a.code, a.name, c.name, d.name, l.name, a.value_fen FROM stocktake_expected e JOIN assets a ON a.id = e.asset_id \
                 JOIN categories c ON c.id = a.category_id LEFT JOIN departments d ON d.id = e.dept_id LEFT JOIN locations l ON l.id = e.location_id \
                 WHERE e.stocktake_id = ?1 AND e.found_scan_id IS NULL ORDER BY l.name, a.code",
            )?
            .query_map([id], |r| {
                Ok(DiffLine {
                    code: r.get(0)?,
                    verdict: Verdict::Missing,
                    name: r.get(1)?,
                    category: r.get(2)?,
                    dept: r.get(3)?,
                    location: r.get(4)?,
                    value: Some(from_cents(r.get(5)?)),
                    scanned_location: None,
                    scanned_at: None,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let first_scans = |verdict: Verdict| -> Result<Vec<DiffLine>> {
            let mut stmt = conn.prepare(
                "SELECT s.code, a.name, c.name, d.name, l.name, a.value_fen, sl.name, s.scanned_at FROM stocktake_scans s \
                 LEFT JOIN assets a ON a.id = s.asset_id LEFT JOIN categories c ON c.id = a.category_id \
                 LEFT JOIN departments d ON d.id = s.recorded_dept_id LEFT JOIN locations l ON l.id = s.recorded_location_id \
                 LEFT JOIN locations sl ON sl.id = s.location_id \
                 WHERE s.id IN (SELECT MIN(id) FROM stocktake_scans WHERE stocktake_id = ?1 AND verdict = ?2 GROUP BY code) ORDER BY s.id",
            )?;
            let rows = stmt
                .query_map(params![id, verdict.as_str()], |r| {
                    Ok(DiffLine {
                        code: r.get(0)?,
                        verdict,
                        name: if verdict == Verdict::Surplus { None } else { r.get(1)? },
                        category: if verdict == Verdict::Surplus { None } else { r.get(2)? },
                        dept: r.get(3)?,
                        location: r.get(4)?,
                        value: if verdict == Verdict::Surplus { None } else { r.get::<_, Option<i64>>(5)?.map(from_cents) },
                        scanned_location: r.get(6)?,
                        scanned_at: r.get(7)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        };
        let surplus = first_scans(Verdict::Surplus)?;
        let misplaced = first_scans(Verdict::Misplaced)?;
        let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [id], |r| r.get(0))?) };
        let duplicates = count("SELECT COUNT(*) FROM stocktake_scans WHERE stocktake_id = ?1 AND verdict = 'duplicate'")?;
        let out_of_scope = count("SELECT COUNT(DISTINCT code) FROM stocktake_scans WHERE stocktake_id = ?1 AND verdict = 'out_of_scope'")?;
        let by_dept: Vec<DiffStat> = conn
            .prepare(
                "SELECT d.name, COUNT(*), COUNT(e.found_scan_id), SUM(CASE WHEN e.found_scan_id IS NULL THEN a.value_fen ELSE 0 END) \
                 FROM stocktake_expected e JOIN assets a ON a.id = e.asset_id LEFT JOIN departments d ON d.id = e.dept_id \
                 WHERE e.stocktake_id = ?1 GROUP BY e.dept_id ORDER BY d.name",
            )?
            .query_map([id], |r| {
                let (expected, found): (i64, i64) = (r.get(1)?, r.get(2)?);
                Ok(DiffStat { dept: r.get(0)?, expected, found, missing: expected - found, missing_value: from_cents(r.get(3)?) })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let missing_value = missing.iter().filter_map(|l| l.value).sum();
        Ok(StocktakeReport {
            expected: task.counters.expected,
            found: task.counters.found,
            task,
            duplicates,
            out_of_scope,
            missing,
            missing_value,
            surplus,
            misplaced,
            by_dept,
        })
    }

    /// Closes a stocktake and applies its result in one stocktake-adjustment document:
    /// surplus codes become new in-stock assets (盘盈资产, to complete), expected assets not
    /// found are marked missing (盘亏; writing them off stays a separate document),
    /// misplaced assets get the counted department/location (found ones without a
    /// recorded location get the counted one), and assets marked missing
    /// earlier that were found come back in stock. The task is read-only afterwards.
    ///
    /// Issue 20: of the difference lines only the accepted ones are applied. While any
    /// line is unreviewed close refuses and lists them, unless `unreviewed` says to apply
    /// them as accepted (never a 非本系统编码 code) or to leave them out.
    pub fn close_stocktake(&mut self, actor: &Actor, id: i64, unreviewed: UnreviewedLines) -> Result<CloseOutcome> {
        actor.require(Permission::Stocktake)?;
        require_counting(&load_task(&self.conn, id)?)?;
        let mut lines = self.stocktake_review(actor, id)?;
        let pending: Vec<&ReviewLine> = lines.iter().filter(|l| l.decision.is_none()).collect();
        if unreviewed == UnreviewedLines::Refuse && !pending.is_empty() {
            return Err(review::unreviewed_refusal(id, &pending));
        }
        for l in &mut lines {
            l.applies = review::applies(l.foreign, l.decision, unreviewed);
        }
        let kept_out: Vec<ReviewLine> = lines.into_iter().filter(|l| !l.applies).collect();
        let skip: std::collections::HashSet<String> = kept_out.iter().map(|l| l.code.clone()).collect();
        let tx = crate::db::begin(&mut self.conn)?;
        let task = load_task(&tx, id)?;
        require_counting(&task)?;
        let mut out = CloseOutcome { not_applied: kept_out, ..CloseOutcome::default() };
        // (asset id, code, before (None for a new asset), after, detail)
        type Adjust<'a> = (Option<i64>, String, Option<Placement>, Placement, &'a str);
        let mut lines: Vec<Adjust> = Vec::new();
        let placement = |r: &rusqlite::Row, from: usize| -> rusqlite::Result<Placement> {
            let status: String = r.get(from)?;
            Ok(Placement {
                status: AssetStatus::parse(&status).unwrap_or(AssetStatus::InStock),
                dept_id: r.get(from + 1)?,
                location_id: r.get(from + 2)?,
                custodian_id: r.get(from + 3)?,
            })
        };

        // 盘亏: expected, never scanned, still counted (not moved off the books meanwhile).
        let missing: Vec<(i64, String, Placement)> = tx
            .prepare(&format!(
                "SELECT a.id, a.code, a.status, a.dept_id, a.location_id, a.custodian_id FROM stocktake_expected e JOIN assets a ON a.id = e.asset_id \
                 WHERE e.stocktake_id = ?1 AND e.found_scan_id IS NULL AND a.status IN {COUNTED_STATUSES} AND a.status != 'missing' ORDER BY a.code"
            ))?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, placement(r, 2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (asset_id, code, before) in missing {
            if skip.contains(&code) {
                continue;
            }
            lines.push((Some(asset_id), code.clone(), Some(before), Placement { status: AssetStatus::Missing, ..before }, "盘亏"));
            out.marked_missing.push(code);
        }

        // Misplaced: the first misplaced scan of each asset says where it really is.
        let misplaced: Vec<(i64, String, Placement, Option<i64>)> = tx
            .prepare(
                "SELECT a.id, a.code, a.status, a.dept_id, a.location_id, a.custodian_id, s.location_id FROM stocktake_scans s \
                 JOIN assets a ON a.id = s.asset_id \
                 WHERE s.id IN (SELECT MIN(id) FROM stocktake_scans WHERE stocktake_id = ?1 AND verdict = 'misplaced' GROUP BY code) ORDER BY a.code",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, placement(r, 2)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (asset_id, code, before, scanned_location) in misplaced {
            if skip.contains(&code) {
                continue;
            }
            let mut after = before;
            after.dept_id = task.dept_id.or(before.dept_id);
            after.location_id = scanned_location.or(task.location_id).or(before.location_id);
            if after.status == AssetStatus::Missing {
                after.status = AssetStatus::InStock;
            }
            if after != before {
                lines.push((Some(asset_id), code.clone(), Some(before), after, "位置更正"));
                out.corrected.push(code);
            }
        }

        // Found where the ledger had no location: the counted location is filled in.
        let placed: Vec<(i64, String, Placement, i64)> = tx
            .prepare(
                "SELECT a.id, a.code, a.status, a.dept_id, a.location_id, a.custodian_id, s.location_id FROM stocktake_scans s \
                 JOIN assets a ON a.id = s.asset_id \
                 WHERE s.id IN (SELECT MIN(id) FROM stocktake_scans WHERE stocktake_id = ?1 AND verdict = 'found' AND location_id IS NOT NULL GROUP BY code) \
                 AND a.location_id IS NULL ORDER BY a.code",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, placement(r, 2)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (asset_id, code, before, location) in placed {
            let status = if before.status == AssetStatus::Missing { AssetStatus::InStock } else { before.status };
            lines.push((Some(asset_id), code.clone(), Some(before), Placement { status, location_id: Some(location), ..before }, "位置补录"));
            out.corrected.push(code);
        }

        // Found again: marked missing by an earlier count, scanned in this one.
        let recovered: Vec<(i64, String, Placement)> = tx
            .prepare(
                "SELECT a.id, a.code, a.status, a.dept_id, a.location_id, a.custodian_id FROM stocktake_expected e JOIN assets a ON a.id = e.asset_id \
                 WHERE e.stocktake_id = ?1 AND e.found_scan_id IS NOT NULL AND a.status = 'missing' ORDER BY a.code",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, placement(r, 2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (asset_id, code, before) in recovered {
            if out.corrected.contains(&code) {
                continue;
            }
            lines.push((Some(asset_id), code.clone(), Some(before), Placement { status: AssetStatus::InStock, ..before }, "盘亏找回"));
            out.recovered.push(code);
        }

        // 盘盈: codes unknown to the ledger (and still unknown now) become new assets.
        let surplus: Vec<(String, Option<i64>)> = tx
            .prepare(
                "SELECT s.code, s.location_id FROM stocktake_scans s \
                 WHERE s.id IN (SELECT MIN(id) FROM stocktake_scans WHERE stocktake_id = ?1 AND verdict = 'surplus' GROUP BY code) \
                 AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.code = s.code) ORDER BY s.id",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, Option<i64>)>>>()?
            .into_iter()
            .filter(|(code, _)| !skip.contains(code))
            .collect();
        if !surplus.is_empty() {
            actor.require(Permission::RegisterAsset)?;
            let category_id = resolve_or_create(&tx, actor, RegisterKind::Category, SURPLUS_PLACEHOLDER)?;
            let now = db::now();
            let notes = format!("盘盈：盘点任务 {id}「{}」", task.name);
            for (code, scanned_location) in surplus {
                let after = Placement {
                    status: AssetStatus::InStock,
                    dept_id: task.dept_id,
                    location_id: scanned_location.or(task.location_id),
                    custodian_id: None,
                };
                tx.execute(
                    "INSERT INTO assets(code, name, category_id, dept_id, location_id, status, notes, created_at, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, 'in_stock', ?6, ?7, ?7)",
                    params![code, SURPLUS_PLACEHOLDER, category_id, after.dept_id, after.location_id, notes, now],
                )?;
                let asset_id = tx.last_insert_rowid();
                crate::search::index_new(&tx, asset_id)?;
                lines.push((Some(asset_id), code.clone(), None, after, "盘盈"));
                out.registered.push(code);
            }
        }

        let mut doc_id = None;
        if !lines.is_empty() {
            let header = DocHeader {
                counterparty: &task.name,
                notes: "",
                reason: &format!("盘点任务 {id}"),
                to_dept_id: task.dept_id,
                to_location_id: task.location_id,
                ..DocHeader::default()
            };
            let (doc, doc_no) = journal::open_document(&tx, actor, DocKind::StocktakeAdjust, db::today(), &header)?;
            for (asset_id, _, before, after, detail) in &lines {
                let asset_id = asset_id.expect("every line has its asset by now");
                // The one way an asset moves: its row, its search text and its index entry.
                crate::documents::set_placement(&tx, asset_id, *after)?;
                journal::add_line(&tx, doc, asset_id, *before, *after, detail)?;
            }
            doc_id = Some(doc);
            out.doc_no = Some(doc_no);
        }
        tx.execute(
            "UPDATE stocktakes SET state = 'closed', closed_at = ?1, close_doc_id = ?2 WHERE id = ?3",
            params![db::now(), doc_id, id],
        )?;
        audit::record(
            &tx,
            &actor.name,
            "stocktake_close",
            &format!("ST-{id}"),
            &format!(
                "{}: {} surplus, {} missing, {} corrected, {} recovered, {} not applied",
                out.doc_no.as_deref().unwrap_or("-"),
                out.registered.len(),
                out.marked_missing.len(),
                out.corrected.len(),
                out.recovered.len(),
                out.not_applied.len()
            ),
        )?;
        tx.commit()?;
        Ok(out)
    }
}
