//! Depreciation in the ledger (issue 6): the monthly run (计提折旧) with preview, posting,
//! order and re-opening; each asset's schedule (posted and projected); CAS 19 revisions;
//! legacy opening balances; units used; disposal gain or loss; and the reports (折旧明细表,
//! 折旧汇总, the register at a month end).
//!
//! The arithmetic is the `depreciation` crate's; this module stores its inputs and
//! results. A posted period is closed: its lines never change. Re-opening (admin) marks
//! the run `reopened` and keeps its lines, so nothing is deleted.

mod engine;
// Value-change documents (issue 21).
mod changes;
pub(crate) use changes::{apply_held as apply_held_value_change, record_in as record_value_change_in, void_value_change};
pub use changes::{ValueChangeEntry, ValueChangeInput, ValueChangeKind, ValueChangeOutcome};
// The tax schedule beside the book one (issue 21).
mod tax;
pub use tax::{parse_tax_life, CategoryTaxSetting, TaxEstimates, TaxLine, TaxMethod, TaxReport, TaxSource};

use std::collections::HashMap;

use chrono::NaiveDate;
use depreciation::{disposal_gain, schedule, schedule_with_usage, Method, Period};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;

use crate::auth::{Actor, Permission};
use crate::error::{Error, ErrorCode, Result};
use crate::journal::{self, DocHeader, DocKind};
use crate::ledger::Ledger;
use crate::model::DepreciationMethod;
use crate::money::{format_money, from_cents, parse_money, parse_rate, to_cents, Money};
use crate::{audit, db};

use engine::{calc_error, end_of_time, load_subjects, Estimates, Subject};

/// Called with (done, total) while a run is computed; returns false to cancel.
pub type RunProgress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

/// One asset's line of a run: what it is charged in the period and where that leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunLine {
    pub code: String,
    pub name: String,
    pub category: String,
    pub dept: Option<String>,
    pub method: DepreciationMethod,
    pub cost: Money,
    pub amount: Money,
    pub accumulated: Money,
    pub net_book_value: Money,
    /// Units-of-production: units used in the period.
    pub units: Option<Decimal>,
}

/// A monthly run, previewed or posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepreciationRun {
    pub period: Period,
    pub posted: bool,
    /// Assets charged a non-zero amount.
    pub assets: i64,
    pub total: Money,
    /// Every asset on the books and in its depreciation span this period, by code.
    pub lines: Vec<RunLine>,
    pub posted_by: Option<String>,
    pub posted_at: Option<String>,
    /// Assets charged for the first time although they started earlier, in months already
    /// closed (registered late): their missed months are not caught up. Set an opening
    /// balance at the last posted period before the run to carry them correctly.
    pub late_start: Vec<String>,
    /// Government ledgers (issue 21): assets charged with a life shorter than their
    /// category's minimum (cards from before the minimum was set); revise them.
    pub short_life: Vec<String>,
}

/// A run in the list of periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRow {
    pub period: Period,
    /// posted | reopened
    pub state: String,
    pub assets: i64,
    pub total: Money,
    pub posted_by: String,
    pub posted_at: String,
    pub reopened_by: Option<String>,
    pub reopened_at: Option<String>,
    pub reopen_reason: Option<String>,
}

/// Where depreciation stands: the last closed period, the one to run next, the runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepreciationStatus {
    pub last_posted: Option<Period>,
    /// `None` when no asset needs depreciation yet.
    pub next: Option<Period>,
    /// Newest first, re-opened runs included.
    pub periods: Vec<PeriodRow>,
}

/// One month of an asset's schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    pub period: Period,
    pub amount: Money,
    pub accumulated: Money,
    pub net_book_value: Money,
    /// True for a posted (closed) period, false for the projection.
    pub posted: bool,
}

/// A CAS 19 review as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionEntry {
    pub effective: Period,
    pub reason: String,
    pub old_life_months: Option<i64>,
    pub new_life_months: Option<i64>,
    /// "4%" or an amount "4000.00".
    pub old_salvage: String,
    pub new_salvage: String,
    pub old_method: DepreciationMethod,
    pub new_method: DepreciationMethod,
    pub accumulated: Money,
    pub by: String,
    pub at: String,
}

/// The asset card's depreciation: parameters, the schedule and the revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetSchedule {
    pub code: String,
    pub method: DepreciationMethod,
    pub cost: Money,
    pub salvage: Money,
    pub life_months: Option<i64>,
    pub total_units: Option<Decimal>,
    /// The first month charged in AssetDesk.
    pub start: Option<Period>,
    /// The month it leaves (enterprise: charged, then nothing; government: not charged).
    pub leaves: Option<Period>,
    pub opening: Option<(Period, Money)>,
    /// Accumulated and net book value after the last posted period.
    pub accumulated: Money,
    pub net_book_value: Money,
    /// 减值准备 (issue 21): the impairment provision; the net value is after it.
    pub impairment: Money,
    /// False when the card lacks what depreciation needs (date, value, life or units).
    pub depreciable: bool,
    /// What the card lacks for depreciation (field keys), when it is not depreciable.
    pub missing: Vec<&'static str>,
    pub rows: Vec<ScheduleRow>,
    pub revisions: Vec<RevisionEntry>,
}

/// A CAS 19 review as typed: the reason and the new values; empty means unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevisionInput {
    pub reason: String,
    pub life_years: String,
    /// "5%" or "0.05"; exclusive with `salvage`.
    pub salvage_rate: String,
    pub salvage: String,
    pub method: String,
    pub total_units: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryBy {
    Category,
    Dept,
}

impl SummaryBy {
    pub fn parse(s: &str) -> Result<SummaryBy> {
        match s.trim() {
            "category" | "类别" => Ok(SummaryBy::Category),
            "dept" | "department" | "部门" => Ok(SummaryBy::Dept),
            other => Err(Error::invalid("by", format!("cannot summarise by '{other_q}'; use category or dept", other_q = crate::error::quoted(&other)), format!("不能按「{other_q}」汇总，可选：category、dept", other_q = crate::error::quoted(&other)))),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SummaryBy::Category => "category",
            SummaryBy::Dept => "dept",
        }
    }
}

/// 折旧汇总: one category's or department's totals for a posted period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// The category or department name (empty: no department).
    pub group: String,
    pub assets: i64,
    pub cost: Money,
    pub amount: Money,
    pub accumulated: Money,
    pub net_book_value: Money,
}

/// One asset of the register at a month end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    pub code: String,
    pub name: String,
    pub category: String,
    pub dept: Option<String>,
    pub status: crate::AssetStatus,
    pub acquired: Option<NaiveDate>,
    pub cost: Money,
    pub accumulated: Money,
    pub net_book_value: Money,
}

/// 处置损益 of a disposal (or scrap, or write-off) document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisposalValuation {
    pub doc_no: String,
    pub date: NaiveDate,
    pub proceeds: Money,
    pub costs: Money,
    /// Net book value of its assets after their leaving month's charge.
    pub net_book_value: Money,
    /// proceeds − net book value − costs: positive a gain, negative a loss.
    pub gain_loss: Money,
    /// (code, name, net book value) per asset.
    pub lines: Vec<(String, String, Money)>,
}

/// A category's depreciation defaults for new assets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryDefaults {
    pub category: String,
    pub method: DepreciationMethod,
    pub life_years: Option<i64>,
    pub salvage_rate: Decimal,
}

/// Where a new asset's default salvage rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultSource {
    Category,
    Ledger,
}

/// What a new asset of a category gets when the clerk leaves method, life and salvage
/// empty: the category's defaults (its own, else its nearest parent's, see
/// [`category_defaults_in_force`]), else the ledger's default salvage rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssetDefaults {
    pub method: DepreciationMethod,
    pub life_years: Option<i64>,
    pub salvage_rate: Decimal,
    pub salvage_from: DefaultSource,
    /// The parent category whose defaults these are, when the category has none of its own.
    pub inherited_from: Option<String>,
}

/// A category's depreciation defaults in force: its own, else its nearest ancestor's
/// (issue 21: a clerk's 笔记本电脑 under the seeded 计算机设备 takes the class's life).
/// Method and salvage rate come from the nearest category with defaults; the life from
/// the nearest with a life (a subcategory may set its method but leave the life to its class).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultsInForce {
    pub method: DepreciationMethod,
    /// The stored salvage rate (the regime decides whether a new asset gets it).
    pub salvage_rate: Decimal,
    pub life_months: Option<i64>,
    /// Where method and salvage rate come from: None when the category's own.
    pub defaults_from: Option<String>,
    /// Where the life comes from: None when the category's own (or no life anywhere).
    pub life_from: Option<String>,
}

/// [`DefaultsInForce`] of the category with id `category_id`; None when neither it nor
/// any ancestor has defaults.
pub(crate) fn category_defaults_in_force(conn: &Connection, category_id: i64) -> Result<Option<DefaultsInForce>> {
    let mut stmt = conn.prepare_cached(crate::category_tree::with_category_ancestors!(
        "SELECT ?1, 0",
        "SELECT c.name, up.depth, cd.method, cd.life_months, cd.salvage_rate FROM up \
           JOIN category_depreciation cd ON cd.category_id = up.id JOIN categories c ON c.id = up.id ORDER BY up.depth"
    ))?;
    let rows: Vec<(String, i64, String, Option<i64>, String)> =
        stmt.query_map([category_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<rusqlite::Result<_>>()?;
    let Some((name, depth, method, _, rate)) = rows.first() else {
        return Ok(None);
    };
    let inherited = |name: &str, depth: i64| (depth > 0).then(|| name.to_string());
    let life = rows.iter().find(|r| r.3.is_some());
    Ok(Some(DefaultsInForce {
        method: method_of(method),
        salvage_rate: rate.parse().unwrap_or_default(),
        life_months: life.and_then(|r| r.3),
        defaults_from: inherited(name, *depth),
        life_from: life.and_then(|r| inherited(&r.0, r.1)),
    }))
}

fn new_asset_defaults(conn: &Connection, category: &str) -> Result<NewAssetDefaults> {
    let found = match crate::registers::find(conn, crate::RegisterKind::Category, category.trim())? {
        Some((id, _)) => category_defaults_in_force(conn, id)?,
        None => None,
    };
    // Government (issue 21): fixed assets carry no salvage value.
    let salvage_allowed = crate::accounting::regime(conn)?.allows_salvage();
    Ok(match found {
        Some(d) => NewAssetDefaults {
            method: d.method,
            life_years: d.life_months.map(|m| m / 12),
            salvage_rate: if salvage_allowed { d.salvage_rate } else { Decimal::ZERO },
            salvage_from: DefaultSource::Category,
            inherited_from: d.defaults_from.or(d.life_from),
        },
        None => NewAssetDefaults {
            method: DepreciationMethod::StraightLine,
            life_years: None,
            salvage_rate: if salvage_allowed { crate::parameters::default_salvage_rate(conn)? } else { Decimal::ZERO },
            salvage_from: DefaultSource::Ledger,
            inherited_from: None,
        },
    })
}

/// `input` with its empty method, life and salvage filled from [`new_asset_defaults`].
pub(crate) fn with_category_defaults(conn: &Connection, input: &crate::AssetInput) -> Result<crate::AssetInput> {
    let mut out = input.clone();
    let defaults = new_asset_defaults(conn, &input.category)?;
    if out.method.trim().is_empty() {
        out.method = defaults.method.as_str().to_string();
    }
    if out.life_years.trim().is_empty() {
        if let Some(y) = defaults.life_years {
            out.life_years = y.to_string();
        }
    }
    if out.salvage_rate.trim().is_empty() && out.salvage.trim().is_empty() {
        out.salvage_rate = defaults.salvage_rate.to_string();
    }
    Ok(out)
}

/// Parses "YYYY-MM" for `field`, in both languages.
pub fn parse_period(field: &str, text: &str) -> Result<Period> {
    text.trim().parse().map_err(|_| {
        Error::invalid(field, format!("'{text_q}' is not a period (use YYYY-MM, e.g. 2026-01)", text_q = crate::error::quoted(&text)), format!("「{text_q}」不是有效的期间（格式 YYYY-MM，例如 2026-01）", text_q = crate::error::quoted(&text)))
    })
}

fn method_of(text: &str) -> DepreciationMethod {
    DepreciationMethod::parse(text).unwrap_or(DepreciationMethod::StraightLine)
}

fn salvage_text(e: &Estimates) -> String {
    match e.salvage_fen {
        Some(fen) => format_money(from_cents(fen)),
        None => {
            let rate: Decimal = e.salvage_rate.parse().unwrap_or_default();
            format!("{}%", (rate * Decimal::from(100)).normalize())
        }
    }
}

fn last_posted(conn: &Connection) -> Result<Option<(i64, Period)>> {
    let row: Option<(i64, String)> = conn
        .query_row("SELECT id, period FROM depreciation_runs WHERE state = 'posted' ORDER BY period DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(id, p)| p.parse().ok().map(|p| (id, p))))
}

fn posted_run_id(conn: &Connection, period: Period) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM depreciation_runs WHERE state = 'posted' AND period = ?1", [period.to_string()], |r| r.get(0))
        .optional()?)
}

/// Accumulated (fen) per asset on the posted run `run_id`.
fn accumulated_on(conn: &Connection, run_id: i64) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare("SELECT asset_id, accumulated_fen FROM depreciation_lines WHERE run_id = ?1")?;
    let map = stmt.query_map([run_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

fn not_found(code: &str) -> Error {
    Error::not_found(format!("no asset with code {code}"), format!("找不到编码为 {code} 的资产")).with_field("code")
}

/// The one asset `code`, in the actor's scope.
fn subject(conn: &Connection, actor: &Actor, code: &str) -> Result<Subject> {
    let code = code.trim();
    let mut found = load_subjects(conn, "a.code = ?1", &[Value::Text(code.into())])?;
    let s = found.pop().ok_or_else(|| not_found(code))?;
    if let Some(scope) = actor.scope_dept() {
        if s.dept_id != Some(scope) {
            return Err(not_found(code));
        }
    }
    Ok(s)
}

/// The first period a run is due for: after the last posted one, else the earliest
/// month any asset needs.
fn next_period(conn: &Connection, subjects: Option<&[Subject]>) -> Result<Option<Period>> {
    if let Some((_, last)) = last_posted(conn)? {
        return Ok(Some(last.next()));
    }
    let loaded;
    let subjects = match subjects {
        Some(s) => s,
        None => {
            loaded = load_subjects(conn, "a.value_fen > 0 AND a.acquired IS NOT NULL AND a.status != 'voided'", &[])?;
            &loaded
        }
    };
    Ok(subjects
        .iter()
        .filter_map(|s| {
            let start = s.start()?;
            s.params_at(start)?;
            (s.last_charge().is_none_or(|l| l >= start)).then_some(start)
        })
        .min())
}

fn check_order(conn: &Connection, period: Period, subjects: &[Subject]) -> Result<()> {
    if period > Period::of(db::today()) {
        return Err(Error::invalid(
            "period",
            format!("period {period} has not begun; depreciation is run for the current or a past month"),
            format!("期间 {period} 尚未开始；只能为本月或以前的月份计提折旧"),
        ));
    }
    let next = next_period(conn, Some(subjects))?;
    match next {
        Some(next) if next == period => Ok(()),
        Some(next) => {
            let first = last_posted(conn)?.is_none();
            Err(Error::conflict(
                if first {
                    format!("runs go in order: the first run is for {next}, the earliest month an asset needs")
                } else {
                    format!("runs go in order: the next period to run is {next}")
                },
                if first { format!("折旧须按月依次计提：首次计提应从 {next} 开始（最早需要计提的月份）") } else { format!("折旧须按月依次计提：下一个应计提的期间是 {next}") },
            )
            .with_field("period"))
        }
        None => Err(Error::conflict("no asset needs depreciation yet", "目前没有需要计提折旧的资产").with_field("period")),
    }
}

/// One computed line: (index into the subjects, amount, accumulated, units) in fen.
type Computed = (usize, i64, i64, Option<Decimal>);

/// Computes the lines of `period` for `subjects` (assumed in order).
fn compute(conn: &Connection, period: Period, subjects: &[Subject], progress: RunProgress) -> Result<(Vec<Computed>, Vec<String>)> {
    let prev = match posted_run_id(conn, period.prev())? {
        Some(id) => accumulated_on(conn, id)?,
        None => HashMap::new(),
    };
    let any_posted = last_posted(conn)?.is_some();
    let total = subjects.len();
    let mut out = Vec::with_capacity(total);
    let mut errors = Vec::new();
    let mut late = Vec::new();
    for (i, s) in subjects.iter().enumerate() {
        if i % 5000 == 0 && !progress(i, total) {
            return Err(Error::conflict("the depreciation run was cancelled", "已取消计提折旧"));
        }
        match s.charge(period) {
            Ok(Some(amount)) => {
                let before = match prev.get(&s.id) {
                    Some(acc) => *acc,
                    // Not charged last month although started before: an older posted line
                    // (e.g. a scrap since voided) carries on; none at all means the asset was
                    // registered after its first months were closed.
                    None if any_posted && s.start().is_some_and(|st| st < period) => match latest_line_before(conn, s.id, period)? {
                        Some((_, acc)) => acc,
                        None => {
                            if s.revision_at(period).is_none() && s.opening.as_ref().is_none_or(|o| o.period < period.prev()) {
                                late.push(s.code.clone());
                            }
                            s.anchor_before(period)
                        }
                    },
                    None => s.anchor_before(period),
                };
                let amount = to_cents(amount);
                let units = s.params_at(period).filter(|p| p.method == Method::UnitsOfProduction).map(|_| s.usage.get(&period).copied().unwrap_or_default());
                out.push((i, amount, before + amount, units));
            }
            Ok(None) => {}
            Err(e) if errors.len() < 20 => errors.push(e),
            Err(_) => {}
        }
    }
    progress(total, total);
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    Ok((out, late))
}

/// Government ledgers (issue 21): the charged assets below their category's minimum life.
fn short_lives(conn: &Connection, period: Period, subjects: &[Subject], computed: &[Computed]) -> Result<Vec<String>> {
    let charged = computed.iter().map(|&(i, ..)| {
        let s = &subjects[i];
        (s.code.as_str(), s.category_id, s.params_at(period).filter(|p| p.method.is_time_based()).map(|p| p.life_months))
    });
    crate::accounting::short_lives(conn, charged)
}

fn run_of(period: Period, subjects: &[Subject], computed: &[Computed], late: Vec<String>) -> DepreciationRun {
    let lines: Vec<RunLine> = computed
        .iter()
        .map(|&(i, amount, accumulated, units)| {
            let s = &subjects[i];
            RunLine {
                code: s.code.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
                dept: s.dept.clone(),
                method: method_of(&s.params_at(period).map(|p| p.method.as_str().to_string()).unwrap_or_else(|| s.current.method.clone())),
                cost: from_cents(s.cost_at_end(period)),
                amount: from_cents(amount),
                accumulated: from_cents(accumulated),
                net_book_value: from_cents(s.net_at_end(period, accumulated)),
                units,
            }
        })
        .collect();
    DepreciationRun {
        period,
        posted: false,
        assets: computed.iter().filter(|c| c.1 > 0).count() as i64,
        total: from_cents(computed.iter().map(|c| c.1).sum()),
        lines,
        posted_by: None,
        posted_at: None,
        late_start: late,
        short_life: Vec::new(),
    }
}

/// The posted run of `period` with its lines, in the actor's scope.
fn posted_run(conn: &Connection, actor: &Actor, period: Period) -> Result<Option<DepreciationRun>> {
    let head: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, posted_by, posted_at FROM depreciation_runs WHERE state = 'posted' AND period = ?1",
            [period.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((run_id, by, at)) = head else { return Ok(None) };
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name, COALESCE(c.name, ''), d.name, a.method, l.amount_fen, l.accumulated_fen, l.nbv_fen, l.units, \
         (SELECT COALESCE(SUM(v.impairment_fen), 0) FROM value_changes v WHERE v.asset_id = l.asset_id AND v.state = 'posted' AND v.doc_period <= l.period) \
         FROM depreciation_lines l JOIN assets a ON a.id = l.asset_id LEFT JOIN categories c ON c.id = l.category_id \
         LEFT JOIN departments d ON d.id = l.dept_id WHERE l.run_id = ?1 AND (?2 IS NULL OR a.dept_id = ?2) ORDER BY a.code",
    )?;
    let lines: Vec<RunLine> = stmt
        .query_map(params![run_id, actor.scope_dept()], |r| {
            let method: String = r.get(4)?;
            let (amount, accumulated, nbv): (i64, i64, i64) = (r.get(5)?, r.get(6)?, r.get(7)?);
            let units: Option<String> = r.get(8)?;
            let impairment: i64 = r.get(9)?;
            Ok(RunLine {
                code: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                dept: r.get(3)?,
                method: method_of(&method),
                cost: from_cents(nbv + accumulated + impairment),
                amount: from_cents(amount),
                accumulated: from_cents(accumulated),
                net_book_value: from_cents(nbv),
                units: units.and_then(|u| u.parse().ok()),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(DepreciationRun {
        period,
        posted: true,
        assets: lines.iter().filter(|l| l.amount > Decimal::ZERO).count() as i64,
        total: lines.iter().map(|l| l.amount).sum(),
        lines,
        posted_by: Some(by),
        posted_at: Some(at),
        late_start: Vec::new(),
        short_life: Vec::new(),
    }))
}

/// The asset's latest posted line before `period`: (its period, accumulated fen).
fn latest_line_before(conn: &Connection, asset_id: i64, period: Period) -> Result<Option<(Period, i64)>> {
    let row: Option<(String, i64)> = conn
        .query_row(
            "SELECT l.period, l.accumulated_fen FROM depreciation_lines l JOIN depreciation_runs r ON r.id = l.run_id AND r.state = 'posted' \
             WHERE l.asset_id = ?1 AND l.period < ?2 ORDER BY l.period DESC LIMIT 1",
            params![asset_id, period.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(p, acc)| p.parse().ok().map(|p| (p, acc))))
}

/// Whether `asset_id` has a line in any posted period.
pub(crate) fn has_posted_lines(conn: &Connection, asset_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM depreciation_lines l JOIN depreciation_runs r ON r.id = l.run_id AND r.state = 'posted' WHERE l.asset_id = ?1)",
        [asset_id],
        |r| r.get(0),
    )?)
}

/// The card edit's guard: once a period is posted for the asset, its value fields change
/// only through a revision (or not at all: cost and acquisition date).
pub(crate) fn check_value_edit(tx: &Transaction, asset_id: i64, code: &str, changed: &[&str]) -> Result<()> {
    if changed.is_empty() {
        return Ok(());
    }
    if changed.contains(&"value") && changes::has_value_changes(tx, asset_id)? {
        return Err(Error::conflict(
            format!("asset {code} has value-change documents, so its original value changes only by another value change (doc value-change)"),
            format!("资产 {code} 已办理价值变动，原值只能通过价值变动单调整"),
        )
        .with_field("value"));
    }
    if !has_posted_lines(tx, asset_id)? {
        return Ok(());
    }
    let mut e = Error::conflict(
        format!(
            "asset {code} has posted depreciation, so its original value, acquisition date, life, salvage and method no longer change on the card; \
             change life, salvage or method with a depreciation revision (折旧估计变更), which needs a reason and applies from the next period"
        ),
        format!("资产 {code} 已计提折旧，原值、购置日期、使用年限、净残值和折旧方法不能在卡片上修改；使用年限、净残值或折旧方法请通过「折旧估计变更」办理（须填写原因，自下一期间起生效）"),
    );
    e.fields = changed.iter().map(|f| f.to_string()).collect();
    Err(e)
}

/// Accumulated (fen) of `s` once `period` is charged: the posted line if there is one,
/// else projected from the last posted line (or the opening) with the engine.
fn accumulated_at(conn: &Connection, s: &Subject, period: Period, last: Option<Period>) -> Result<i64> {
    let line_at = |p: Period| -> Result<Option<i64>> {
        Ok(conn
            .query_row(
                "SELECT l.accumulated_fen FROM depreciation_lines l JOIN depreciation_runs r ON r.id = l.run_id AND r.state = 'posted' \
                 WHERE l.asset_id = ?1 AND l.period = ?2",
                params![s.id, p.to_string()],
                |r| r.get(0),
            )
            .optional()?)
    };
    let period = match s.last_charge() {
        Some(l) if l < period => l,
        _ => period,
    };
    if last.is_some_and(|l| period <= l) {
        if let Some(acc) = line_at(period)? {
            return Ok(acc);
        }
        return Ok(s.anchor_before(period.next()));
    }
    // Beyond the last posted period: start from its line (or the anchor) and project.
    let (mut acc, mut p) = match last {
        Some(l) => match latest_line_before(conn, s.id, l.next())? {
            Some((_, acc)) => (acc, l.next()),
            None => (s.anchor_before(l.next()), l.next()),
        },
        None => {
            // Nothing posted yet: the plan in force then says it all, without a month loop.
            let Some(params) = s.params_at(period) else { return Ok(s.anchor_before(period.next())) };
            let plan = if params.method == Method::UnitsOfProduction {
                let usage: Vec<(Period, Decimal)> = s.usage.iter().map(|(p, u)| (*p, *u)).collect();
                schedule_with_usage(&params, &usage)
            } else {
                schedule(&params)
            }
            .map_err(|e| calc_error(&s.code, e))?;
            return Ok(to_cents(plan.accumulated_through(period)));
        }
    };
    if s.params_at(period).is_none() && s.revisions.is_empty() {
        return Ok(acc);
    }
    let mut guard = 0;
    while p <= period && guard < 1300 {
        if let Some(amount) = s.charge(p)? {
            acc += to_cents(amount);
        }
        p = p.next();
        guard += 1;
    }
    Ok(acc)
}

impl Ledger {
    /// Sets a category's defaults (method, life in years, salvage rate) for new assets.
    pub fn set_category_defaults(&mut self, actor: &Actor, category: &str, method: &str, life_years: &str, salvage_rate: &str) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let mut errors = Vec::new();
        let method = match method.trim() {
            "" => DepreciationMethod::StraightLine,
            t => DepreciationMethod::parse(t).unwrap_or_else(|e| {
                errors.push(e.for_field("method"));
                DepreciationMethod::StraightLine
            }),
        };
        let life_months = match life_years.trim() {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(y) if (1..=100).contains(&y) => Some(y * 12),
                _ => {
                    errors.push(Error::invalid("life_years", format!("useful life '{t_q}' must be a whole number of years from 1 to 100", t_q = crate::error::quoted(&t)), format!("使用年限「{t_q}」须为 1 到 100 的整数年", t_q = crate::error::quoted(&t))));
                    None
                }
            },
        };
        let rate = match salvage_rate.trim() {
            "" => Decimal::ZERO,
            t => parse_rate("salvage_rate", t).unwrap_or_else(|e| {
                errors.push(e);
                Decimal::ZERO
            }),
        };
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        crate::accounting::check_estimates(&self.conn, category, life_months, rate, None)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let category_id = crate::registers::resolve_or_create(&tx, actor, crate::RegisterKind::Category, category)?;
        tx.execute(
            "INSERT INTO category_depreciation(category_id, method, life_months, salvage_rate) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(category_id) DO UPDATE SET method = excluded.method, life_months = excluded.life_months, salvage_rate = excluded.salvage_rate",
            params![category_id, method.as_str(), life_months, rate.to_string()],
        )?;
        audit::record(&tx, &actor.name, "category_depreciation", category.trim(), &format!("{} {:?} {}", method.as_str(), life_months, rate))?;
        tx.commit()?;
        Ok(())
    }

    /// The defaults a new asset of `category` gets (the form shows them as values).
    pub fn new_asset_defaults(&self, actor: &Actor, category: &str) -> Result<NewAssetDefaults> {
        actor.require(Permission::RegisterAsset)?;
        new_asset_defaults(&self.conn, category)
    }

    /// Every category's depreciation defaults.
    pub fn category_defaults(&self, actor: &Actor) -> Result<Vec<CategoryDefaults>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT c.name, cd.method, cd.life_months, cd.salvage_rate FROM category_depreciation cd JOIN categories c ON c.id = cd.category_id ORDER BY c.name",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let method: String = r.get(1)?;
                let rate: String = r.get(3)?;
                Ok(CategoryDefaults {
                    category: r.get(0)?,
                    method: method_of(&method),
                    life_years: r.get::<_, Option<i64>>(2)?.map(|m| m / 12),
                    salvage_rate: rate.parse().unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Where depreciation stands: last posted period, the next to run, every run.
    pub fn depreciation_status(&self, actor: &Actor) -> Result<DepreciationStatus> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT period, state, assets, total_fen, posted_by, posted_at, reopened_by, reopened_at, reopen_reason \
             FROM depreciation_runs ORDER BY period DESC, id DESC",
        )?;
        let periods: Vec<PeriodRow> = stmt
            .query_map([], |r| {
                let period: String = r.get(0)?;
                Ok(PeriodRow {
                    period: period.parse().unwrap_or_else(|_| end_of_time()),
                    state: r.get(1)?,
                    assets: r.get(2)?,
                    total: from_cents(r.get(3)?),
                    posted_by: r.get(4)?,
                    posted_at: r.get(5)?,
                    reopened_by: r.get(6)?,
                    reopened_at: r.get(7)?,
                    reopen_reason: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DepreciationStatus { last_posted: last_posted(&self.conn)?.map(|(_, p)| p), next: next_period(&self.conn, None)?, periods })
    }

    /// Computes the run of `period` without posting it. A posted period shows its posted
    /// figures. Only the next period in order can be previewed.
    pub fn preview_depreciation(&self, actor: &Actor, period: Period, progress: RunProgress) -> Result<DepreciationRun> {
        actor.require(Permission::RunDepreciation)?;
        if let Some(run) = posted_run(&self.conn, actor, period)? {
            return Ok(run);
        }
        let subjects = load_subjects(&self.conn, "a.value_fen > 0 AND a.acquired IS NOT NULL AND a.status != 'voided'", &[])?;
        check_order(&self.conn, period, &subjects)?;
        let (computed, late) = compute(&self.conn, period, &subjects, progress)?;
        let mut run = run_of(period, &subjects, &computed, late);
        run.short_life = short_lives(&self.conn, period, &subjects, &computed)?;
        Ok(run)
    }

    /// 计提折旧: computes and posts `period`, closing it. Idempotent: a period already
    /// posted is returned as posted, unchanged.
    pub fn run_depreciation(&mut self, actor: &Actor, period: Period, progress: RunProgress) -> Result<DepreciationRun> {
        actor.require(Permission::RunDepreciation)?;
        if let Some(run) = posted_run(&self.conn, actor, period)? {
            return Ok(run);
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let subjects = load_subjects(&tx, "a.value_fen > 0 AND a.acquired IS NOT NULL AND a.status != 'voided'", &[])?;
        check_order(&tx, period, &subjects)?;
        let (computed, late) = compute(&tx, period, &subjects, progress)?;
        let mut run = run_of(period, &subjects, &computed, late);
        run.short_life = short_lives(&tx, period, &subjects, &computed)?;
        let now = db::now();
        tx.execute(
            "INSERT INTO depreciation_runs(period, state, assets, total_fen, posted_by, posted_at) VALUES (?1, 'posted', ?2, ?3, ?4, ?5)",
            params![period.to_string(), run.assets, to_cents(run.total), actor.name, now],
        )?;
        let run_id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare(
                "INSERT INTO depreciation_lines(run_id, asset_id, period, amount_fen, accumulated_fen, nbv_fen, units, category_id, dept_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let p = period.to_string();
            for &(i, amount, accumulated, units) in &computed {
                let s = &subjects[i];
                insert.execute(params![run_id, s.id, p, amount, accumulated, s.net_at_end(period, accumulated), units.map(|u| u.to_string()), s.category_id, s.dept_id])?;
            }
            // A revision effective from the next period starts from what was just posted.
            let mut refresh = tx.prepare("UPDATE depreciation_revisions SET accumulated_fen = ?1 WHERE asset_id = ?2 AND effective = ?3")?;
            let next = period.next().to_string();
            for &(i, _, accumulated, _) in &computed {
                if subjects[i].revisions.iter().any(|r| r.effective == period.next()) {
                    refresh.execute(params![accumulated, subjects[i].id, next])?;
                }
            }
            // So does a value change (issue 21).
            let mut refresh = tx.prepare("UPDATE value_changes SET accumulated_fen = ?1 WHERE asset_id = ?2 AND effective = ?3 AND state = 'posted'")?;
            for &(i, _, accumulated, _) in &computed {
                if subjects[i].value_changes.iter().any(|v| v.effective == period.next()) {
                    refresh.execute(params![accumulated, subjects[i].id, next])?;
                }
            }
        }
        audit::record(&tx, &actor.name, "depreciation_run", &period.to_string(), &format!("{} assets, total {}", run.assets, format_money(run.total)))?;
        tx.commit()?;
        run.posted = true;
        run.posted_by = Some(actor.name.clone());
        run.posted_at = Some(now);
        Ok(run)
    }

    /// Re-opens the latest posted period (admin): its run is marked re-opened (its lines
    /// kept) and the period can be run again. Journaled in the audit log with the reason.
    pub fn reopen_period(&mut self, actor: &Actor, period: Period, reason: &str) -> Result<()> {
        actor.require(Permission::ReopenPeriod)?;
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "say why the period is re-opened", "请填写反结账原因"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let Some((run_id, last)) = last_posted(&tx)? else {
            return Err(Error::conflict("no depreciation period is posted", "尚无已计提的折旧期间").with_field("period"));
        };
        if period != last {
            return Err(Error::conflict(
                format!("only the latest posted period ({last}) can be re-opened, not {period}"),
                format!("只能反结账最近一个已计提的期间（{last}），不能反结账 {period}"),
            )
            .with_field("period"));
        }
        tx.execute(
            "UPDATE depreciation_runs SET state = 'reopened', reopened_by = ?1, reopened_at = ?2, reopen_reason = ?3 WHERE id = ?4",
            params![actor.name, db::now(), reason.trim(), run_id],
        )?;
        audit::record(&tx, &actor.name, "depreciation_reopen", &period.to_string(), reason.trim())?;
        tx.commit()?;
        Ok(())
    }

    /// The asset's whole schedule: posted periods as posted, then the projection to the
    /// end of its life (or the month it leaves).
    pub fn depreciation_schedule(&self, actor: &Actor, code: &str) -> Result<AssetSchedule> {
        actor.require(Permission::ViewAssets)?;
        let s = subject(&self.conn, actor, code)?;
        let mut stmt = self.conn.prepare(
            "SELECT l.period, l.amount_fen, l.accumulated_fen, l.nbv_fen FROM depreciation_lines l \
             JOIN depreciation_runs r ON r.id = l.run_id AND r.state = 'posted' WHERE l.asset_id = ?1 ORDER BY l.period",
        )?;
        let mut rows: Vec<ScheduleRow> = stmt
            .query_map([s.id], |r| {
                let period: String = r.get(0)?;
                Ok(ScheduleRow {
                    period: period.parse().unwrap_or_else(|_| end_of_time()),
                    amount: from_cents(r.get(1)?),
                    accumulated: from_cents(r.get(2)?),
                    net_book_value: from_cents(r.get(3)?),
                    posted: true,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let last = last_posted(&self.conn)?.map(|(_, p)| p);
        let latest = s.params_at(end_of_time());
        let mut accumulated_fen = rows.last().map(|r| to_cents(r.accumulated)).unwrap_or_else(|| match last {
            Some(l) => s.anchor_before(l.next()),
            None => s.opening.as_ref().map(|o| o.accumulated_fen).unwrap_or(0),
        });
        let posted_accumulated = accumulated_fen;
        if let Some(params) = &latest {
            let plan = if params.method == Method::UnitsOfProduction {
                let usage: Vec<(Period, Decimal)> = s.usage.iter().map(|(p, u)| (*p, *u)).collect();
                schedule_with_usage(params, &usage)
            } else {
                schedule(params)
            }
            .map_err(|e| calc_error(&s.code, e))?;
            let from = [last.map(Period::next), rows.last().map(|r| r.period.next()), s.start()].into_iter().flatten().max();
            // A value change effective later than the next period (enterprise: the month
            // after its document) restarts the plan there; the months before it follow the
            // plan in force then.
            if let (Some(from), Some((restart, _))) = (from, s.restart_at(end_of_time())) {
                let mut p = from;
                while p < restart && s.last_charge().is_none_or(|l| p <= l) {
                    if let Some(amount) = s.charge(p)? {
                        accumulated_fen += to_cents(amount);
                        rows.push(ScheduleRow { period: p, amount, accumulated: from_cents(accumulated_fen), net_book_value: from_cents(s.net_at_end(p, accumulated_fen)), posted: false });
                    }
                    p = p.next();
                }
            }
            let from = from.max(s.restart_at(end_of_time()).map(|(p, _)| p));
            for line in plan.lines() {
                if from.is_some_and(|f| line.period < f) || s.last_charge().is_some_and(|l| line.period > l) {
                    continue;
                }
                let amount = to_cents(line.amount);
                accumulated_fen += amount;
                rows.push(ScheduleRow {
                    period: line.period,
                    amount: line.amount,
                    accumulated: from_cents(accumulated_fen),
                    net_book_value: from_cents(s.net_at_end(line.period, accumulated_fen)),
                    posted: false,
                });
            }
        }
        let estimates = s.revision_at(end_of_time()).map(|r| &r.new).unwrap_or(&s.current);
        let revisions = s
            .revisions
            .iter()
            .map(|r| RevisionEntry {
                effective: r.effective,
                reason: r.reason.clone(),
                old_life_months: r.old.life_months,
                new_life_months: r.new.life_months,
                old_salvage: salvage_text(&r.old),
                new_salvage: salvage_text(&r.new),
                old_method: method_of(&r.old.method),
                new_method: method_of(&r.new.method),
                accumulated: from_cents(r.accumulated_fen),
                by: r.by.clone(),
                at: r.at.clone(),
            })
            .collect();
        Ok(AssetSchedule {
            code: s.code.clone(),
            method: method_of(&estimates.method),
            cost: from_cents(s.cost_fen),
            salvage: estimates.salvage().amount(from_cents(s.cost_fen)),
            life_months: estimates.life_months,
            total_units: estimates.total_units(),
            start: s.start(),
            leaves: s.leaves,
            opening: s.opening.as_ref().map(|o| (o.period, from_cents(o.accumulated_fen))),
            accumulated: from_cents(posted_accumulated),
            net_book_value: from_cents(s.cost_fen - s.impairment_at_end(end_of_time()) - posted_accumulated),
            impairment: from_cents(s.impairment_at_end(end_of_time())),
            depreciable: latest.is_some(),
            missing: if latest.is_some() { Vec::new() } else { s.missing_for_depreciation() },
            rows,
            revisions,
        })
    }

    /// A CAS 19 review of life, salvage or method: needs a reason, applies from the next
    /// period to run (never back), and keeps the old values in the revision history.
    /// Returns the period it takes effect from.
    pub fn revise_depreciation(&mut self, actor: &Actor, code: &str, input: &RevisionInput) -> Result<Period> {
        actor.require(Permission::RunDepreciation)?;
        let mut errors = Vec::new();
        if input.reason.trim().is_empty() {
            errors.push(Error::invalid("reason", "a revision needs its reason (e.g. the review's finding)", "折旧估计变更须填写变更原因"));
        }
        let life_months = match input.life_years.trim() {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(y) if (1..=100).contains(&y) => Some(y * 12),
                _ => {
                    errors.push(Error::invalid("life_years", format!("useful life '{t_q}' must be a whole number of years from 1 to 100", t_q = crate::error::quoted(&t)), format!("使用年限「{t_q}」须为 1 到 100 的整数年", t_q = crate::error::quoted(&t))));
                    None
                }
            },
        };
        let (rate_text, amount_text) = (input.salvage_rate.trim(), input.salvage.trim());
        if !rate_text.is_empty() && !amount_text.is_empty() {
            errors.push(Error::invalid("salvage", "give a salvage rate or a salvage amount, not both", "净残值率和净残值只能填一项"));
        }
        let salvage_rate = match rate_text {
            "" => None,
            t => parse_rate("salvage_rate", t).map_err(|e| errors.push(e)).ok(),
        };
        let salvage = match amount_text {
            "" => None,
            t => parse_money("salvage", t).map_err(|e| errors.push(e)).ok(),
        };
        let method = match input.method.trim() {
            "" => None,
            t => DepreciationMethod::parse(t).map_err(|e| errors.push(e.for_field("method"))).ok(),
        };
        let total_units = match input.total_units.trim() {
            "" => None,
            t => match t.parse::<Decimal>() {
                Ok(u) if u > Decimal::ZERO => Some(u.normalize()),
                _ => {
                    errors.push(Error::invalid("total_units", format!("total units '{t_q}' must be a number above zero", t_q = crate::error::quoted(&t)), format!("预计总工作量「{t_q}」须为大于零的数", t_q = crate::error::quoted(&t))));
                    None
                }
            },
        };
        if errors.is_empty() && life_months.is_none() && salvage_rate.is_none() && salvage.is_none() && method.is_none() && total_units.is_none() {
            errors.push(Error::invalid("life_years", "a revision changes the life, the salvage, the method or the total units", "折旧估计变更须至少变更使用年限、净残值、折旧方法或预计总工作量之一"));
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let s = subject(&tx, actor, code)?;
        let Some(start) = s.start() else {
            return Err(Error::invalid("acquired", format!("asset {} has no acquisition date, so it is not depreciated yet; fill it in on the card", s.code), format!("资产 {} 没有购置日期，尚未计提折旧；请先在卡片上填写", s.code)));
        };
        if s.leaves.is_some() {
            return Err(Error::conflict(format!("asset {} has left the books; its estimates no longer change", s.code), format!("资产 {} 已减少（报废、处置或销账），不能再变更折旧估计", s.code)));
        }
        let last = last_posted(&tx)?.map(|(_, p)| p);
        let from = [last.map(Period::next), Some(start)].into_iter().flatten().max().expect("start");
        let old = s.current.clone();
        let mut new = old.clone();
        if let Some(m) = life_months {
            new.life_months = Some(m);
        }
        if let Some(r) = salvage_rate {
            new.salvage_rate = r.to_string();
            new.salvage_fen = None;
        }
        if let Some(a) = salvage {
            new.salvage_rate = "0".into();
            new.salvage_fen = Some(to_cents(a));
        }
        if let Some(m) = method {
            new.method = m.as_str().to_string();
        }
        if let Some(u) = total_units {
            new.total_units = Some(u.to_string());
        }
        if new == old {
            return Err(Error::invalid("life_years", "the revision changes nothing: these are the current estimates", "变更后的估计与当前相同，无需变更"));
        }
        // Government (issue 21): no salvage, and not below the category's minimum life.
        let new_salvage_rate: Decimal = new.salvage_rate.parse().unwrap_or_default();
        let new_salvage = new.salvage_fen.map(from_cents);
        let changed_salvage = salvage_rate.is_some() || salvage.is_some();
        crate::accounting::check_estimates(
            &tx,
            &s.category,
            life_months,
            if changed_salvage { new_salvage_rate } else { Decimal::ZERO },
            if changed_salvage { new_salvage } else { None },
        )?;
        let accumulated = accumulated_at(&tx, &s, from.prev(), last)?;
        let before = s.params_at(from.prev());
        let units_to_date = before.as_ref().map(|p| s.units_before(p, from)).unwrap_or_default();
        // Check the new plan with the calculation crate before storing anything.
        let mut probe = s.clone();
        probe.revisions.push(engine::RevisionRow {
            id: i64::MAX,
            effective: from,
            reason: input.reason.trim().into(),
            old: old.clone(),
            new: new.clone(),
            accumulated_fen: accumulated,
            units_to_date,
            by: actor.name.clone(),
            at: String::new(),
        });
        match probe.params_at(from) {
            Some(p) => p.validate().map_err(|e| calc_error(&s.code, e))?,
            None => {
                return Err(Error::invalid(
                    "life_years",
                    format!("asset {}: the new estimates need a life (or total units for units-of-production)", s.code),
                    format!("资产 {}：变更后须有使用年限（工作量法须有预计总工作量）", s.code),
                ))
            }
        }
        let now = db::now();
        tx.execute(
            "INSERT INTO depreciation_revisions(asset_id, effective, reason, old_life_months, old_salvage_rate, old_salvage_fen, old_method, old_total_units, \
             new_life_months, new_salvage_rate, new_salvage_fen, new_method, new_total_units, accumulated_fen, units_to_date, revised_by, revised_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                s.id, from.to_string(), input.reason.trim(), old.life_months, old.salvage_rate, old.salvage_fen, old.method, old.total_units,
                new.life_months, new.salvage_rate, new.salvage_fen, new.method, new.total_units, accumulated, units_to_date.to_string(), actor.name, now
            ],
        )?;
        tx.execute(
            "UPDATE assets SET life_months = ?1, salvage_rate = ?2, salvage_fen = ?3, method = ?4, total_units = ?5, updated_at = ?6 WHERE id = ?7",
            params![new.life_months, new.salvage_rate, new.salvage_fen, new.method, new.total_units, now, s.id],
        )?;
        // A value change effective later (issue 21) starts from the accumulated the revised
        // plan reaches by then, not the old plan's.
        for i in 0..probe.value_changes.len() {
            let v = probe.value_changes[i].clone();
            if v.effective > from {
                let accumulated = accumulated_at(&tx, &probe, v.effective.prev(), last)?;
                tx.execute("UPDATE value_changes SET accumulated_fen = ?1 WHERE id = ?2", params![accumulated, v.id])?;
                probe.value_changes[i].accumulated_fen = accumulated;
            }
        }
        let detail = format!(
            "折旧估计变更（自 {from} 起）：年限 {} → {}；残值 {} → {}；方法 {} → {}；原因：{}",
            old.life_months.map(|m| format!("{}个月", m)).unwrap_or_default(),
            new.life_months.map(|m| format!("{}个月", m)).unwrap_or_default(),
            salvage_text(&old),
            salvage_text(&new),
            method_of(&old.method).label(crate::Lang::ZhCn),
            method_of(&new.method).label(crate::Lang::ZhCn),
            input.reason.trim()
        );
        let (doc_id, _) = journal::open_document(&tx, actor, DocKind::Edit, db::today(), &DocHeader { reason: input.reason.trim(), ..DocHeader::default() })?;
        let placed = crate::documents::placement_of(&tx, s.id)?;
        journal::add_line(&tx, doc_id, s.id, Some(placed), placed, &detail)?;
        audit::record(&tx, &actor.name, "depreciation_revise", &s.code, &detail)?;
        tx.commit()?;
        Ok(from)
    }

    /// A legacy asset's accumulated depreciation through `period` (and, for
    /// units-of-production, the units used to date): its schedule goes on from the next
    /// month over the remaining life. For the importer and for migration by hand.
    pub fn set_opening_balance(&mut self, actor: &Actor, code: &str, period: Period, accumulated: Money, units_to_date: Option<Decimal>) -> Result<()> {
        actor.require(Permission::RunDepreciation)?;
        let tx = crate::db::begin(&mut self.conn)?;
        write_opening(&tx, actor, code, period, accumulated, units_to_date)?;
        audit::record(&tx, &actor.name, "depreciation_opening", code.trim(), &format!("{period} {}", format_money(accumulated)))?;
        tx.commit()?;
        Ok(())
    }

    /// Units-of-production: the total units expected over the life (before any posting;
    /// afterwards a revision changes it).
    pub fn set_total_units(&mut self, actor: &Actor, code: &str, units: Decimal) -> Result<()> {
        actor.require(Permission::EditAsset)?;
        if units <= Decimal::ZERO {
            return Err(Error::invalid("total_units", "total units must be above zero", "预计总工作量须大于零"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let s = subject(&tx, actor, code)?;
        check_value_edit(&tx, s.id, &s.code, &["total_units"])?;
        tx.execute("UPDATE assets SET total_units = ?1, updated_at = ?2 WHERE id = ?3", params![units.normalize().to_string(), db::now(), s.id])?;
        audit::record(&tx, &actor.name, "depreciation_total_units", &s.code, &units.normalize().to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// Units-of-production: the units used in `period`, entered before it is run.
    pub fn set_units_used(&mut self, actor: &Actor, code: &str, period: Period, units: Decimal) -> Result<()> {
        actor.require(Permission::RunDepreciation)?;
        if units < Decimal::ZERO {
            return Err(Error::invalid("units", "units used cannot be negative", "实际工作量不能为负数"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let s = subject(&tx, actor, code)?;
        if posted_run_id(&tx, period)?.is_some() {
            return Err(Error::conflict(format!("period {period} is posted and closed"), format!("期间 {period} 已计提折旧并结账，不能修改")).with_field("period"));
        }
        tx.execute(
            "INSERT INTO depreciation_usage(asset_id, period, units, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(asset_id, period) DO UPDATE SET units = excluded.units, entered_by = excluded.entered_by, entered_at = excluded.entered_at",
            params![s.id, period.to_string(), units.normalize().to_string(), actor.name, db::now()],
        )?;
        audit::record(&tx, &actor.name, "depreciation_units", &s.code, &format!("{period} {}", units.normalize()))?;
        tx.commit()?;
        Ok(())
    }

    /// 折旧明细表: the posted lines of `period`, by asset.
    pub fn depreciation_detail(&self, actor: &Actor, period: Period) -> Result<DepreciationRun> {
        actor.require(Permission::ViewAssets)?;
        posted_run(&self.conn, actor, period)?.ok_or_else(|| {
            Error::not_found(format!("period {period} is not posted"), format!("期间 {period} 尚未计提折旧")).with_field("period")
        })
    }

    /// 折旧汇总: a posted period's totals by category or by department (as posted).
    pub fn depreciation_summary(&self, actor: &Actor, period: Period, by: SummaryBy) -> Result<Vec<SummaryRow>> {
        let run = self.depreciation_detail(actor, period)?;
        let mut groups: std::collections::BTreeMap<String, SummaryRow> = std::collections::BTreeMap::new();
        for l in &run.lines {
            let key = match by {
                SummaryBy::Category => l.category.clone(),
                SummaryBy::Dept => l.dept.clone().unwrap_or_default(),
            };
            let row = groups.entry(key.clone()).or_insert_with(|| SummaryRow {
                group: key,
                assets: 0,
                cost: Decimal::ZERO,
                amount: Decimal::ZERO,
                accumulated: Decimal::ZERO,
                net_book_value: Decimal::ZERO,
            });
            row.assets += 1;
            row.cost += l.cost;
            row.amount += l.amount;
            row.accumulated += l.accumulated;
            row.net_book_value += l.net_book_value;
        }
        Ok(groups.into_values().collect())
    }

    /// The asset register at the end of `period`: every asset on the books then, with
    /// original value, accumulated depreciation and net book value (posted where posted,
    /// projected beyond the last posted period).
    pub fn asset_register_at(&self, actor: &Actor, period: Period) -> Result<Vec<RegisterLine>> {
        actor.require(Permission::ViewAssets)?;
        let mut args = vec![Value::Text(period.next().first_day().to_string())];
        let mut filter = "a.acquired IS NOT NULL AND a.acquired < ?1 AND a.status != 'voided'".to_string();
        if let Some(scope) = actor.scope_dept() {
            args.push(Value::Integer(scope));
            filter.push_str(" AND a.dept_id = ?2");
        }
        let subjects = load_subjects(&self.conn, &filter, &args)?;
        let last = last_posted(&self.conn)?.map(|(_, p)| p);
        let on_period = match posted_run_id(&self.conn, period)? {
            Some(id) => Some(accumulated_on(&self.conn, id)?),
            None => None,
        };
        let mut out = Vec::new();
        for s in &subjects {
            if s.leaves.is_some_and(|l| l <= period) {
                continue;
            }
            let accumulated = match on_period.as_ref().and_then(|m| m.get(&s.id)) {
                Some(acc) => *acc,
                None if on_period.is_some() => s.anchor_before(period.next()),
                None => accumulated_at(&self.conn, s, period, last)?,
            };
            out.push(RegisterLine {
                code: s.code.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
                dept: s.dept.clone(),
                status: crate::AssetStatus::parse(&s.status).unwrap_or(crate::AssetStatus::InStock),
                acquired: s.acquired,
                cost: from_cents(s.cost_at_end(period)),
                accumulated: from_cents(accumulated),
                net_book_value: from_cents(s.net_at_end(period, accumulated)),
            });
        }
        Ok(out)
    }

    /// 处置损益 of a disposal, scrap or write-off document: proceeds − net book value (after
    /// the leaving month's charge) − disposal costs.
    pub fn disposal_valuation(&self, actor: &Actor, doc_no: &str) -> Result<DisposalValuation> {
        let doc = self.document(actor, doc_no)?;
        if !matches!(doc.row.kind, DocKind::Dispose | DocKind::Scrap | DocKind::WriteOff) {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("{} is not a disposal, scrap or write-off document", doc.row.doc_no),
                format!("{} 不是处置、报废或销账单据", doc.row.doc_no),
            ));
        }
        let doc_id: i64 = self.conn.query_row("SELECT id FROM documents WHERE doc_no = ?1", [&doc.row.doc_no], |r| r.get(0))?;
        let costs: i64 = self.conn.query_row("SELECT COALESCE((SELECT cost_fen FROM disposal_costs WHERE document_id = ?1), 0)", [doc_id], |r| r.get(0))?;
        let last = last_posted(&self.conn)?.map(|(_, p)| p);
        let mut lines = Vec::new();
        let mut nbv_total = Decimal::ZERO;
        for line in &doc.lines {
            let s = subject(&self.conn, actor, &line.code)?;
            let leaving = s.leaves.unwrap_or_else(|| Period::of(doc.row.date));
            let nbv = if s.params_at(leaving).is_some() || s.opening.is_some() {
                from_cents(s.net_at_end(leaving, accumulated_at(&self.conn, &s, leaving, last)?))
            } else {
                from_cents(s.net_at_end(leaving, 0))
            };
            nbv_total += nbv;
            lines.push((s.code.clone(), s.name.clone(), nbv));
        }
        let proceeds = doc.amount.unwrap_or_default();
        Ok(DisposalValuation {
            doc_no: doc.row.doc_no.clone(),
            date: doc.row.date,
            proceeds,
            costs: from_cents(costs),
            net_book_value: nbv_total,
            gain_loss: disposal_gain(proceeds, nbv_total, from_cents(costs)),
            lines,
        })
    }

    /// 处置损益 report: every posted disposal document dated in `from..=to` (months),
    /// oldest first, with its gain or loss.
    pub fn disposal_report(&self, actor: &Actor, from: Period, to: Period) -> Result<Vec<DisposalValuation>> {
        actor.require(Permission::ViewAssets)?;
        let docs: Vec<String> = self
            .conn
            .prepare("SELECT doc_no FROM documents WHERE kind = 'dispose' AND state = 'posted' AND doc_date >= ?1 AND doc_date < ?2 ORDER BY doc_date, id")?
            .query_map([from.first_day().to_string(), to.next().first_day().to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for doc_no in docs {
            match self.disposal_valuation(actor, &doc_no) {
                Ok(v) => out.push(v),
                // A document of another department is not the actor's to see.
                Err(e) if e.code == ErrorCode::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// 处置费用 of a disposal document (for its gain or loss).
    pub fn set_disposal_costs(&mut self, actor: &Actor, doc_no: &str, costs: Money) -> Result<()> {
        actor.require(Permission::PostDocuments)?;
        let doc = self.document(actor, doc_no)?;
        if doc.row.kind != DocKind::Dispose {
            return Err(Error::invalid("doc", format!("{} is not a disposal document", doc.row.doc_no), format!("{} 不是处置单", doc.row.doc_no)));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let doc_id: i64 = tx.query_row("SELECT id FROM documents WHERE doc_no = ?1", [&doc.row.doc_no], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO disposal_costs(document_id, cost_fen, set_by, set_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(document_id) DO UPDATE SET cost_fen = excluded.cost_fen, set_by = excluded.set_by, set_at = excluded.set_at",
            params![doc_id, to_cents(costs), actor.name, db::now()],
        )?;
        audit::record(&tx, &actor.name, "disposal_costs", &doc.row.doc_no, &format_money(costs))?;
        tx.commit()?;
        Ok(())
    }
}

/// Checks and stores a legacy opening balance inside the caller's transaction (the
/// caller audits): used by `set_opening_balance` and by the legacy import, where an
/// opening that does not fit refuses its row.
pub(crate) fn write_opening(tx: &Transaction, actor: &Actor, code: &str, period: Period, accumulated: Money, units_to_date: Option<Decimal>) -> Result<()> {
    let s = subject(tx, actor, code)?;
    let Some(in_service) = s.in_service() else {
        return Err(Error::invalid("acquired", format!("asset {} needs its acquisition date before an opening balance", s.code), format!("资产 {} 须先填写购置日期，才能录入期初累计折旧", s.code)));
    };
    if period < in_service {
        return Err(Error::invalid(
            "period",
            format!("the opening balance at {period} is before asset {} was acquired ({in_service})", s.code),
            format!("期初余额期间 {period} 早于资产 {} 的购置月份（{in_service}）", s.code),
        ));
    }
    if has_posted_lines(tx, s.id)? || changes::has_value_changes(tx, s.id)? {
        return Err(Error::conflict(
            format!("asset {} already has posted depreciation or a value change; its opening balance no longer changes", s.code),
            format!("资产 {} 已在本系统计提折旧或办理价值变动，不能再修改期初累计折旧", s.code),
        ));
    }
    if let Some((_, last)) = last_posted(tx)? {
        if period < last {
            return Err(Error::conflict(
                format!("period {last} is already posted; an opening balance must be at {last} or later"),
                format!("期间 {last} 已计提折旧；期初余额期间不能早于 {last}"),
            )
            .with_field("period"));
        }
    }
    let mut probe = s.clone();
    probe.opening = Some(engine::OpeningRow { period, accumulated_fen: to_cents(accumulated), units_to_date: units_to_date.unwrap_or_default() });
    if let Some(p) = probe.params_at(period.next()) {
        p.validate().map_err(|e| calc_error(&s.code, e))?;
    } else if accumulated > from_cents(s.cost_fen) {
        return Err(Error::invalid("accumulated", format!("accumulated depreciation {} is larger than the cost of asset {}", format_money(accumulated), s.code), format!("累计折旧 {} 大于资产 {} 的原值", format_money(accumulated), s.code)));
    }
    tx.prepare_cached(
        "INSERT INTO depreciation_openings(asset_id, period, accumulated_fen, units_to_date, set_by, set_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT(asset_id) DO UPDATE SET period = excluded.period, accumulated_fen = excluded.accumulated_fen, \
         units_to_date = excluded.units_to_date, set_by = excluded.set_by, set_at = excluded.set_at",
    )?
    .execute(params![s.id, period.to_string(), to_cents(accumulated), units_to_date.unwrap_or_default().to_string(), actor.name, db::now()])?;
    Ok(())
}
