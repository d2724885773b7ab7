//! What the ledger knows about an asset for depreciation (a [`Subject`]): its card values,
//! legacy opening balance, CAS 19 revisions, units used and the month it leaves; and
//! from those, the calculation crate's [`AssetParams`] for any period and its charge.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use depreciation::{charge_for, AssetParams, Method, Opening, OpeningKind, Period, Salvage, Start, Usage};
use rusqlite::{params_from_iter, Connection};
use rust_decimal::Decimal;

use crate::accounting::Regime;
use crate::error::{Error, Result};
use crate::money::from_cents;

/// The estimates a plan follows: life, salvage, method (and total units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Estimates {
    pub life_months: Option<i64>,
    pub salvage_rate: String,
    pub salvage_fen: Option<i64>,
    pub method: String,
    pub total_units: Option<String>,
}

impl Estimates {
    pub fn salvage(&self) -> Salvage {
        match self.salvage_fen {
            Some(fen) => Salvage::Amount(from_cents(fen)),
            None => Salvage::Rate(self.salvage_rate.parse().unwrap_or_default()),
        }
    }
    pub fn method(&self) -> Method {
        self.method.parse().unwrap_or(Method::StraightLine)
    }
    pub fn total_units(&self) -> Option<Decimal> {
        self.total_units.as_deref().and_then(|u| u.parse().ok())
    }
    /// Whether these estimates describe a depreciation at all (a life, or total units).
    pub fn is_set(&self) -> bool {
        if self.method().is_time_based() {
            self.life_months.is_some_and(|m| m > 0)
        } else {
            self.total_units().is_some_and(|u| u > Decimal::ZERO)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpeningRow {
    pub period: Period,
    pub accumulated_fen: i64,
    pub units_to_date: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RevisionRow {
    pub id: i64,
    pub effective: Period,
    pub reason: String,
    pub old: Estimates,
    pub new: Estimates,
    pub accumulated_fen: i64,
    pub units_to_date: Decimal,
    pub by: String,
    pub at: String,
}

/// A posted value-change document (issue 21) as depreciation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueChangeRow {
    pub id: i64,
    /// `add` (改扩建), `impair` (减值) or `revalue` (评估).
    pub change: String,
    /// The document's month: from its end the register shows the new value.
    pub doc_period: Period,
    /// The first month charged on the new value.
    pub effective: Period,
    /// Change of 原值 and of 减值准备.
    pub cost_delta_fen: i64,
    pub impairment_fen: i64,
    /// Accumulated depreciation through the month before `effective`.
    pub accumulated_fen: i64,
}

/// One asset as depreciation sees it.
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category_id: i64,
    pub category: String,
    pub dept_id: Option<i64>,
    pub dept: Option<String>,
    pub status: String,
    pub cost_fen: i64,
    pub acquired: Option<NaiveDate>,
    /// The card's current estimates (after every revision).
    pub current: Estimates,
    pub opening: Option<OpeningRow>,
    /// Oldest first.
    pub revisions: Vec<RevisionRow>,
    /// The month of its scrap, disposal or write-off: still charged, then nothing.
    pub leaves: Option<Period>,
    /// Units-of-production: units used per period.
    pub usage: BTreeMap<Period, Decimal>,
    /// The ledger's accounting regime (issue 21): start month, salvage, leaving month.
    pub regime: Regime,
    /// Posted value changes, oldest first (issue 21). `cost_fen` is the value after all.
    pub value_changes: Vec<ValueChangeRow>,
}

/// Maps a calculation error about `code` to the ledger's error, in both languages.
pub(crate) fn calc_error(code: &str, e: depreciation::Error) -> Error {
    Error::invalid(
        e.field(),
        format!("asset {code}: {}", e.message_en()),
        format!("资产 {code}:{}", e.message_zh()),
    )
}

/// A far-future period: "as things stand now".
pub(crate) fn end_of_time() -> Period {
    Period::new(9999, 12).expect("valid period")
}

impl Subject {
    pub fn in_service(&self) -> Option<Period> {
        self.acquired.map(Period::of)
    }

    /// The first month of its life that is charged: the month after acquisition, or (government)
    /// the month of acquisition itself.
    pub fn first_charge(&self) -> Option<Period> {
        let in_service = self.in_service()?;
        Some(match self.regime.start() {
            Start::NextMonth => in_service.next(),
            Start::SameMonth => in_service,
        })
    }

    /// The first month this asset is charged in AssetDesk.
    pub fn start(&self) -> Option<Period> {
        match &self.opening {
            Some(o) => Some(o.period.next()),
            None => self.first_charge(),
        }
    }

    /// The last month charged for an asset that has left the books (the regime decides
    /// whether the leaving month itself is).
    pub fn last_charge(&self) -> Option<Period> {
        self.leaves.map(|l| self.regime.last_charge(l))
    }

    /// The latest revision in force in `period`.
    pub fn revision_at(&self, period: Period) -> Option<&RevisionRow> {
        self.revisions.iter().filter(|r| r.effective <= period).max_by_key(|r| r.id)
    }

    /// The original value before any value change.
    pub fn base_cost(&self) -> i64 {
        self.cost_fen - self.value_changes.iter().map(|v| v.cost_delta_fen).sum::<i64>()
    }

    /// 原值 a plan charging `period` works from (value changes effective by then).
    pub fn cost_charged(&self, period: Period) -> i64 {
        self.base_cost() + self.value_changes.iter().filter(|v| v.effective <= period).map(|v| v.cost_delta_fen).sum::<i64>()
    }

    /// 原值 at the end of `period` (value changes dated by then).
    pub fn cost_at_end(&self, period: Period) -> i64 {
        self.base_cost() + self.value_changes.iter().filter(|v| v.doc_period <= period).map(|v| v.cost_delta_fen).sum::<i64>()
    }

    /// 减值准备 at the end of `period`.
    pub fn impairment_at_end(&self, period: Period) -> i64 {
        self.value_changes.iter().filter(|v| v.doc_period <= period).map(|v| v.impairment_fen).sum()
    }

    fn impairment_charged(&self, period: Period) -> i64 {
        self.value_changes.iter().filter(|v| v.effective <= period).map(|v| v.impairment_fen).sum()
    }

    /// 净值 at the end of `period`, given the accumulated depreciation then.
    pub fn net_at_end(&self, period: Period, accumulated_fen: i64) -> i64 {
        self.cost_at_end(period) - self.impairment_at_end(period) - accumulated_fen
    }

    /// The latest revision or value change in force in `period`: where the plan in force
    /// restarts (its effective month) and the accumulated depreciation before it.
    pub fn restart_at(&self, period: Period) -> Option<(Period, i64)> {
        let revision = self.revision_at(period).map(|r| (r.effective, r.accumulated_fen));
        let change = self.value_changes.iter().filter(|v| v.effective <= period).max_by_key(|v| (v.effective, v.id)).map(|v| (v.effective, v.accumulated_fen));
        match (revision, change) {
            (Some(r), Some(c)) => Some(if c.0 >= r.0 { c } else { r }),
            (r, c) => r.or(c),
        }
    }

    /// The estimates before any revision.
    pub fn original(&self) -> &Estimates {
        self.revisions.first().map(|r| &r.old).unwrap_or(&self.current)
    }

    /// The parameters in force in `period`; `None` when the asset is not depreciated
    /// (no cost, no acquisition date, no life or total units).
    /// What the card lacks for depreciation (field keys: acquired, value, life_years or
    /// total_units), so the card names exactly that; empty when it has everything.
    pub fn missing_for_depreciation(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.acquired.is_none() {
            missing.push("acquired");
        }
        if self.cost_fen <= 0 {
            missing.push("value");
        }
        let estimates = self.revision_at(end_of_time()).map(|r| &r.new).unwrap_or(&self.current);
        if !estimates.is_set() {
            missing.push(if estimates.method().is_time_based() { "life_years" } else { "total_units" });
        }
        missing
    }

    pub fn params_at(&self, period: Period) -> Option<AssetParams> {
        let in_service = self.in_service()?;
        let cost_fen = self.cost_charged(period);
        if cost_fen <= 0 {
            return None;
        }
        let estimates = self.revision_at(period).map(|r| &r.new).unwrap_or(self.original());
        let (estimates, opening) = match self.restart_at(period) {
            // A revision or a value change: a new plan over the remaining life from the net
            // value then (the impairment provision lowers it like depreciation does).
            Some((effective, accumulated_fen)) => (
                estimates,
                Some(Opening {
                    period: effective.max(self.first_charge().unwrap_or(in_service)).prev(),
                    accumulated: from_cents(accumulated_fen + self.impairment_charged(period)),
                    units_to_date: self.units_at_restart(effective),
                    kind: OpeningKind::Revised,
                }),
            ),
            None => (
                self.original(),
                self.opening
                    .as_ref()
                    .map(|o| Opening::migrated(o.period, from_cents(o.accumulated_fen)).with_units(o.units_to_date)),
            ),
        };
        if !estimates.is_set() {
            return None;
        }
        // Government: no salvage, whatever the card says (it may predate the regime).
        let salvage = if self.regime.allows_salvage() { estimates.salvage() } else { Salvage::Rate(Decimal::ZERO) };
        let mut params = AssetParams::new(
            from_cents(cost_fen),
            salvage,
            estimates.life_months.unwrap_or(0).clamp(0, u32::MAX as i64) as u32,
            estimates.method(),
            in_service,
        )
        .with_start(self.regime.start());
        params.total_units = estimates.total_units();
        params.opening = opening;
        Some(params)
    }

    /// Units-of-production: units used before a restart at `effective` (a revision
    /// stored them; for a value change they are the plan before it plus usage since).
    fn units_at_restart(&self, effective: Period) -> Decimal {
        if let Some(r) = self.revisions.iter().filter(|r| r.effective == effective).max_by_key(|r| r.id) {
            return r.units_to_date;
        }
        match self.params_at(effective.prev()) {
            Some(before) => self.units_before(&before, effective),
            None => self.usage.range(..effective).map(|(_, u)| *u).sum(),
        }
    }

    /// Units used before `period`, life to date, under `params` (its opening's units plus
    /// the usage recorded after the opening).
    pub fn units_before(&self, params: &AssetParams, period: Period) -> Decimal {
        let (base, after) = match &params.opening {
            Some(o) => (o.units_to_date, o.period),
            None => (Decimal::ZERO, params.first_charge_period().prev()),
        };
        base + self.usage.range(after.next()..period).map(|(_, u)| *u).sum::<Decimal>()
    }

    /// The charge for `period`, or `None` when the asset has no line in it (not started,
    /// already left, or not depreciated).
    pub fn charge(&self, period: Period) -> Result<Option<Decimal>> {
        let Some(start) = self.start() else { return Ok(None) };
        if period < start || self.last_charge().is_some_and(|l| period > l) {
            return Ok(None);
        }
        let Some(params) = self.params_at(period) else { return Ok(None) };
        let usage = (params.method == Method::UnitsOfProduction).then(|| Usage {
            units: self.usage.get(&period).copied().unwrap_or_default(),
            units_before: self.units_before(&params, period),
        });
        charge_for(&params, period, usage).map(Some).map_err(|e| calc_error(&self.code, e))
    }

    /// Accumulated depreciation before `period` when no posted line says otherwise: the
    /// revision in force, else the opening balance, else nothing.
    pub fn anchor_before(&self, period: Period) -> i64 {
        if let Some((_, accumulated_fen)) = self.restart_at(period) {
            return accumulated_fen;
        }
        match &self.opening {
            Some(o) if o.period < period => o.accumulated_fen,
            _ => 0,
        }
    }
}

const SUBJECT_COLUMNS: &str = "SELECT a.id, a.code, a.name, a.category_id, c.name, a.dept_id, d.name, a.status, a.value_fen, a.acquired, \
     a.life_months, a.salvage_rate, a.salvage_fen, a.method, a.total_units \
     FROM assets a JOIN categories c ON c.id = a.category_id LEFT JOIN departments d ON d.id = a.dept_id";

fn read_subject(r: &rusqlite::Row) -> rusqlite::Result<Subject> {
    let acquired: Option<String> = r.get(9)?;
    Ok(Subject {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        category_id: r.get(3)?,
        category: r.get(4)?,
        dept_id: r.get(5)?,
        dept: r.get(6)?,
        status: r.get(7)?,
        cost_fen: r.get(8)?,
        acquired: acquired.and_then(|d| d.parse().ok()),
        current: Estimates {
            life_months: r.get(10)?,
            salvage_rate: r.get(11)?,
            salvage_fen: r.get(12)?,
            method: r.get(13)?,
            total_units: r.get(14)?,
        },
        opening: None,
        revisions: Vec::new(),
        leaves: None,
        usage: BTreeMap::new(),
        regime: Regime::Enterprise,
        value_changes: Vec::new(),
    })
}

fn period_of(text: &str) -> Period {
    text.parse().unwrap_or_else(|_| end_of_time())
}

/// Loads the assets matching `filter` (an SQL condition on `a`, with `args`) with
/// everything depreciation needs, ordered by code.
pub(crate) fn load_subjects(conn: &Connection, filter: &str, args: &[rusqlite::types::Value]) -> Result<Vec<Subject>> {
    let mut stmt = conn.prepare(&format!("{SUBJECT_COLUMNS} WHERE {filter} ORDER BY a.code"))?;
    let mut subjects: Vec<Subject> = stmt.query_map(params_from_iter(args.iter()), read_subject)?.collect::<rusqlite::Result<_>>()?;
    let regime = crate::accounting::regime(conn)?;
    for s in &mut subjects {
        s.regime = regime;
    }
    if subjects.is_empty() {
        return Ok(subjects);
    }
    let index: HashMap<i64, usize> = subjects.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    // For one asset, look it up by id; for many, read the (small) side tables whole.
    let (one, id) = if subjects.len() == 1 { (true, subjects[0].id) } else { (false, 0) };
    let scope = if one { "WHERE asset_id = ?1" } else { "WHERE ?1 = ?1" };

    let mut stmt = conn.prepare(&format!("SELECT asset_id, period, accumulated_fen, units_to_date FROM depreciation_openings {scope}"))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let period: String = r.get(1)?;
            let units: String = r.get(3)?;
            subjects[i].opening = Some(OpeningRow { period: period_of(&period), accumulated_fen: r.get(2)?, units_to_date: units.parse().unwrap_or_default() });
        }
    }

    let mut stmt = conn.prepare(&format!(
        "SELECT asset_id, id, effective, reason, old_life_months, old_salvage_rate, old_salvage_fen, old_method, old_total_units, \
         new_life_months, new_salvage_rate, new_salvage_fen, new_method, new_total_units, accumulated_fen, units_to_date, revised_by, revised_at \
         FROM depreciation_revisions {scope} ORDER BY id"
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let effective: String = r.get(2)?;
            let units: String = r.get(15)?;
            subjects[i].revisions.push(RevisionRow {
                id: r.get(1)?,
                effective: period_of(&effective),
                reason: r.get(3)?,
                old: Estimates { life_months: r.get(4)?, salvage_rate: r.get(5)?, salvage_fen: r.get(6)?, method: r.get(7)?, total_units: r.get(8)? },
                new: Estimates { life_months: r.get(9)?, salvage_rate: r.get(10)?, salvage_fen: r.get(11)?, method: r.get(12)?, total_units: r.get(13)? },
                accumulated_fen: r.get(14)?,
                units_to_date: units.parse().unwrap_or_default(),
                by: r.get(16)?,
                at: r.get(17)?,
            });
        }
    }

    let mut stmt = conn.prepare(&format!(
        "SELECT j.asset_id, MIN(d.doc_date) FROM journal j JOIN documents d ON d.id = j.document_id \
         WHERE d.kind IN ('scrap', 'dispose', 'write-off') AND d.state = 'posted' {scope} GROUP BY j.asset_id",
        scope = if one { "AND j.asset_id = ?1" } else { "AND ?1 = ?1" }
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let date: String = r.get(1)?;
            subjects[i].leaves = date.parse::<NaiveDate>().ok().map(Period::of);
        }
    }

    let mut stmt = conn.prepare(&format!(
        "SELECT asset_id, id, doc_period, effective, cost_delta_fen, impairment_fen, accumulated_fen, change FROM value_changes {scope} AND state = 'posted' ORDER BY id"
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let (doc_period, effective): (String, String) = (r.get(2)?, r.get(3)?);
            subjects[i].value_changes.push(ValueChangeRow {
                id: r.get(1)?,
                doc_period: period_of(&doc_period),
                effective: period_of(&effective),
                cost_delta_fen: r.get(4)?,
                impairment_fen: r.get(5)?,
                accumulated_fen: r.get(6)?,
                change: r.get(7)?,
            });
        }
    }

    let mut stmt = conn.prepare(&format!("SELECT asset_id, period, units FROM depreciation_usage {scope}"))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let period: String = r.get(1)?;
            let units: String = r.get(2)?;
            subjects[i].usage.insert(period_of(&period), units.parse().unwrap_or_default());
        }
    }
    Ok(subjects)
}
