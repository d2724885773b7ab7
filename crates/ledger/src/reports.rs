//! Standard reports (issue 9): the asset register with values at a month end (资产台账,
//! grouped by department, category, location or custodian with subtotals) and the
//! changes in a period (资产变动: additions, transfers, issues, returns, scraps,
//! disposals, write-offs). Plain rows and totals; the columns the clerk chose travel
//! with the report, so the Excel and PDF builders print the same table.
//!
//! Stocktake results and the depreciation summary are reports of their own
//! (`stocktake_report`, `depreciation_summary`); they are not repeated here.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use depreciation::Period;
use rusqlite::types::Value;
use rusqlite::params_from_iter;

use crate::assets::{AssetQuery, AssetSort, SortDir};
use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::journal::DocKind;
use crate::ledger::Ledger;
use crate::model::{AssetStatus, DepreciationMethod, Lang};
use crate::money::{from_cents, Money};

/// A column a clerk may put on the register. The key is stable (CLI, JSON, the UI's
/// saved choice); the same list drives the preview, the workbook and the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportColumn {
    Code,
    Name,
    Category,
    Model,
    Serial,
    Status,
    Dept,
    Location,
    Custodian,
    Acquired,
    Method,
    LifeYears,
    Value,
    Accumulated,
    NetValue,
    Notes,
}

/// (column, key, English, Chinese), in the order the chooser shows them.
const COLUMNS: &[(ReportColumn, &str, &str, &str)] = &[
    (ReportColumn::Code, "code", "Code", "资产编码"),
    (ReportColumn::Name, "name", "Name", "资产名称"),
    (ReportColumn::Category, "category", "Category", "类别"),
    (ReportColumn::Model, "model", "Model", "规格型号"),
    (ReportColumn::Serial, "serial", "Serial no.", "序列号"),
    (ReportColumn::Status, "status", "Status", "状态"),
    (ReportColumn::Dept, "dept", "Department", "使用部门"),
    (ReportColumn::Location, "location", "Location", "存放位置"),
    (ReportColumn::Custodian, "custodian", "Custodian", "保管人"),
    (ReportColumn::Acquired, "acquired", "Acquired", "购置日期"),
    (ReportColumn::Method, "method", "Method", "折旧方法"),
    (ReportColumn::LifeYears, "life_years", "Life (years)", "使用年限"),
    (ReportColumn::Value, "value", "Original value", "原值"),
    (ReportColumn::Accumulated, "accumulated", "Accumulated depr.", "累计折旧"),
    (ReportColumn::NetValue, "net_value", "Net book value", "净值"),
    (ReportColumn::Notes, "notes", "Notes", "备注"),
];

impl ReportColumn {
    pub fn all() -> Vec<ReportColumn> {
        COLUMNS.iter().map(|c| c.0).collect()
    }
    /// What the register shows when the clerk has not chosen.
    pub fn defaults() -> Vec<ReportColumn> {
        use ReportColumn::*;
        vec![Code, Name, Category, Model, Status, Dept, Location, Custodian, Acquired, Value, Accumulated, NetValue]
    }
    fn entry(self) -> &'static (ReportColumn, &'static str, &'static str, &'static str) {
        COLUMNS.iter().find(|c| c.0 == self).expect("every column is listed")
    }
    pub fn as_str(self) -> &'static str {
        self.entry().1
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.entry().2,
            Lang::ZhCn => self.entry().3,
        }
    }
    /// Money columns get subtotals.
    pub fn is_money(self) -> bool {
        matches!(self, ReportColumn::Value | ReportColumn::Accumulated | ReportColumn::NetValue)
    }
    pub fn parse(s: &str) -> Result<ReportColumn> {
        let s = s.trim();
        COLUMNS.iter().find(|c| c.1 == s || c.3 == s || c.2.eq_ignore_ascii_case(s)).map(|c| c.0).ok_or_else(|| {
            let keys: Vec<&str> = COLUMNS.iter().map(|c| c.1).collect();
            Error::invalid("columns", format!("unknown report column '{s_q}'; choose from: {}", keys.join(", "), s_q = crate::error::quoted(&s)), format!("未知的报表列「{s_q}」，可选：{}", keys.join("、"), s_q = crate::error::quoted(&s)))
        })
    }
    /// A comma-separated list ("code,name,value"); empty means the defaults. Repeats are dropped.
    pub fn parse_list(text: &str) -> Result<Vec<ReportColumn>> {
        let mut out: Vec<ReportColumn> = Vec::new();
        for part in text.split([',', ',']).map(str::trim).filter(|p| !p.is_empty()) {
            let c = ReportColumn::parse(part)?;
            if !out.contains(&c) {
                out.push(c);
            }
        }
        Ok(if out.is_empty() { ReportColumn::defaults() } else { out })
    }
}

/// How the register is grouped; each group gets a subtotal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    None,
    Dept,
    Category,
    Location,
    Custodian,
}

impl GroupBy {
    pub fn parse(s: &str) -> Result<GroupBy> {
        Ok(match s.trim() {
            "" | "none" => GroupBy::None,
            "dept" | "department" | "部门" => GroupBy::Dept,
            "category" | "类别" => GroupBy::Category,
            "location" | "位置" => GroupBy::Location,
            "custodian" | "保管人" => GroupBy::Custodian,
            other => {
                return Err(Error::invalid(
                    "group_by",
                    format!("cannot group the register by '{other_q}'; use dept, category, location or custodian", other_q = crate::error::quoted(&other)),
                    format!("不能按「{other_q}」分组,可选:dept、category、location、custodian", other_q = crate::error::quoted(&other)),
                ))
            }
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::None => "none",
            GroupBy::Dept => "dept",
            GroupBy::Category => "category",
            GroupBy::Location => "location",
            GroupBy::Custodian => "custodian",
        }
    }
    /// "按部门" / "by department".
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (GroupBy::None, Lang::ZhCn) => "",
            (GroupBy::Dept, Lang::ZhCn) => "部门",
            (GroupBy::Category, Lang::ZhCn) => "类别",
            (GroupBy::Location, Lang::ZhCn) => "存放位置",
            (GroupBy::Custodian, Lang::ZhCn) => "保管人",
            (GroupBy::None, Lang::En) => "",
            (GroupBy::Dept, Lang::En) => "department",
            (GroupBy::Category, Lang::En) => "category",
            (GroupBy::Location, Lang::En) => "location",
            (GroupBy::Custodian, Lang::En) => "custodian",
        }
    }
    /// The name of the group for rows that have none ("(无部门)").
    pub fn none_label(self, lang: Lang) -> String {
        match lang {
            Lang::ZhCn => format!("(无{})", self.label(lang)),
            Lang::En => format!("(no {})", self.label(lang)),
        }
    }
}

/// The register's filters, month end, grouping and columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterQuery {
    /// Text, status, category, dept, location, custodian and acquired-date filters
    /// (paging and sorting are ignored: the report has every matching asset, by code).
    pub filters: AssetQuery,
    /// Values at the end of this month (None: the current month).
    pub period: Option<Period>,
    pub group_by: GroupBy,
    /// Empty: [`ReportColumn::defaults`].
    pub columns: Vec<ReportColumn>,
    /// Custom fields shown as columns after `columns`, by name (issue 21).
    pub custom_columns: Vec<String>,
    /// Group by this custom field's value instead of `group_by`.
    pub group_custom: Option<String>,
}

/// One asset of the register, with every field a column may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub code: String,
    pub name: String,
    pub category: String,
    pub model: String,
    pub serial: String,
    pub status: AssetStatus,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub acquired: Option<NaiveDate>,
    pub method: DepreciationMethod,
    pub life_years: Option<i64>,
    pub notes: String,
    pub value: Money,
    pub accumulated: Money,
    pub net_value: Money,
    /// The custom fields' values (those set), by name.
    pub custom: std::collections::BTreeMap<String, String>,
}

/// Count and values of a set of register rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterTotals {
    pub count: i64,
    pub value: Money,
    pub accumulated: Money,
    pub net_value: Money,
}

impl RegisterTotals {
    fn zero() -> RegisterTotals {
        RegisterTotals { count: 0, value: from_cents(0), accumulated: from_cents(0), net_value: from_cents(0) }
    }
    fn add(&mut self, r: &RegisterRow) {
        self.count += 1;
        self.value += r.value;
        self.accumulated += r.accumulated;
        self.net_value += r.net_value;
    }
}

/// A group of the register and its subtotal. `name` None: rows without that register
/// entry (no department, ...); with `GroupBy::None` there is one group named None.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterGroup {
    pub name: Option<String>,
    pub rows: Vec<RegisterRow>,
    pub totals: RegisterTotals,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterReport {
    pub period: Period,
    pub group_by: GroupBy,
    pub columns: Vec<ReportColumn>,
    /// Custom field columns after `columns`, by name.
    pub custom_columns: Vec<String>,
    /// The custom field the groups are by, when they are (then `group_by` is None).
    pub group_custom: Option<String>,
    pub groups: Vec<RegisterGroup>,
    pub total: RegisterTotals,
}

impl RegisterReport {
    /// What the groups are by ("部门", "department", a custom field's name); None: ungrouped.
    pub fn grouping(&self, lang: Lang) -> Option<String> {
        match (&self.group_custom, self.group_by) {
            (Some(name), _) => Some(name.clone()),
            (None, GroupBy::None) => None,
            (None, by) => Some(by.label(lang).to_string()),
        }
    }
}

/// What a line of the changes report records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Registered, imported, or found as stocktake surplus (盘盈).
    Addition,
    Transfer,
    Issue,
    Return,
    Scrap,
    Dispose,
    WriteOff,
    /// 价值变动 (issue 21): 改扩建, 减值, 评估.
    ValueChange,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::Addition,
        ChangeKind::Transfer,
        ChangeKind::Issue,
        ChangeKind::Return,
        ChangeKind::Scrap,
        ChangeKind::Dispose,
        ChangeKind::WriteOff,
        ChangeKind::ValueChange,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Addition => "addition",
            ChangeKind::Transfer => "transfer",
            ChangeKind::Issue => "issue",
            ChangeKind::Return => "return",
            ChangeKind::Scrap => "scrap",
            ChangeKind::Dispose => "dispose",
            ChangeKind::WriteOff => "write-off",
            ChangeKind::ValueChange => "value-change",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ChangeKind::Addition, Lang::ZhCn) => "新增",
            (ChangeKind::Addition, Lang::En) => "Additions",
            (k, lang) => k.doc_kind().label(lang),
        }
    }
    fn doc_kind(self) -> DocKind {
        match self {
            ChangeKind::Addition => DocKind::Register,
            ChangeKind::Transfer => DocKind::Transfer,
            ChangeKind::Issue => DocKind::Issue,
            ChangeKind::Return => DocKind::Return,
            ChangeKind::Scrap => DocKind::Scrap,
            ChangeKind::Dispose => DocKind::Dispose,
            ChangeKind::WriteOff => DocKind::WriteOff,
            ChangeKind::ValueChange => DocKind::ValueChange,
        }
    }
    fn of(kind: DocKind) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.doc_kind() == kind)
    }
}

/// One asset on one document of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub kind: ChangeKind,
    pub doc_no: String,
    pub date: NaiveDate,
    pub code: String,
    pub name: String,
    pub category: String,
    /// Where or with whom it was before ("行政部 / 三楼301", "张三"); None for an addition.
    pub from: Option<String>,
    /// Where or with whom it went; None for scraps, disposals and write-offs.
    pub to: Option<String>,
    /// The asset's original value; for a value change, how much its net value changed.
    pub value: Money,
    /// The document's reason (scrap, write-off), else its notes.
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeTotal {
    pub kind: ChangeKind,
    pub count: i64,
    pub value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// By date, then document, then line.
    pub rows: Vec<ChangeRow>,
    /// Every kind, in [`ChangeKind::ALL`] order (zero when none).
    pub totals: Vec<ChangeTotal>,
}

impl ChangeKind {
    pub fn parse(s: &str) -> Result<ChangeKind> {
        let s = s.trim();
        ChangeKind::ALL.into_iter().find(|k| k.as_str() == s || k.label(Lang::ZhCn) == s).ok_or_else(|| {
            let keys: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
            Error::invalid("kind", format!("unknown change kind '{s_q}'; choose from: {}", keys.join(", "), s_q = crate::error::quoted(&s)), format!("未知的变动类型「{s_q}」，可选：{}", keys.join("、"), s_q = crate::error::quoted(&s)))
        })
    }
    /// A comma-separated list; empty means every kind.
    pub fn parse_list(text: &str) -> Result<Vec<ChangeKind>> {
        text.split([',', ',']).map(str::trim).filter(|p| !p.is_empty()).map(ChangeKind::parse).collect()
    }
}

/// The month end a register is valued at: "YYYY-MM", or a date "YYYY-MM-DD" (its month).
pub fn parse_as_of(field: &str, text: &str) -> Result<Period> {
    match crate::dates::parse_ymd(text) {
        Some(date) => Ok(Period::of(date)),
        None => crate::valuation::parse_period(field, text),
    }
}

/// A report date, "YYYY-MM-DD", for `field`, in both languages.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    crate::dates::parse(field, ("", ""), text)
}

/// "行政部 / 三楼301": the non-empty parts.
fn place(parts: &[&Option<String>]) -> Option<String> {
    let parts: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" / "))
    }
}

impl Ledger {
    /// 资产台账 with values: every asset matching the filters that is on the books at the
    /// end of the month (acquired by then and not yet scrapped, disposed or written off;
    /// assets without an acquisition date count while they are on the books), with original
    /// value, accumulated depreciation and net book value as the depreciation module
    /// figures them (posted where posted, projected beyond), grouped with subtotals.
    /// A normal user sees their own department only.
    pub fn register_report(&self, actor: &Actor, q: &RegisterQuery) -> Result<RegisterReport> {
        actor.require(Permission::ViewAssets)?;
        let period = q.period.unwrap_or_else(|| Period::of(crate::db::today()));
        let columns = if q.columns.is_empty() { ReportColumn::defaults() } else { q.columns.clone() };
        let fields = crate::card_extras::active_fields(&self.conn)?;
        for name in q.custom_columns.iter().chain(q.group_custom.iter()) {
            if !fields.iter().any(|f| &f.name == name) {
                return Err(crate::card_extras::unknown_field(name));
            }
        }
        let group_by = if q.group_custom.is_some() { GroupBy::None } else { q.group_by };
        let mut filters = q.filters.clone();
        filters.sort = AssetSort::Code;
        filters.dir = SortDir::Asc;
        filters.offset = 0;
        filters.limit = 0;
        let rows = self.list_assets(actor, &filters)?.rows;
        // The original value at that month end too: a later value change (issue 21) is not yet in it.
        let values: HashMap<String, (Money, Money, Money)> =
            self.asset_register_at(actor, period)?.into_iter().map(|l| (l.code, (l.cost, l.accumulated, l.net_book_value))).collect();
        let mut extras: HashMap<String, (String, String, Option<i64>, String)> = HashMap::new();
        {
            let mut stmt = self.conn.prepare("SELECT code, serial, method, life_months, notes FROM assets WHERE (?1 IS NULL OR dept_id = ?1)")?;
            let mut found = stmt.query(params_from_iter([actor.scope_dept()]))?;
            while let Some(r) = found.next()? {
                extras.insert(r.get(0)?, (r.get(1)?, r.get(2)?, r.get::<_, Option<i64>>(3)?, r.get(4)?));
            }
        }
        let off_books = |s: AssetStatus| matches!(s, AssetStatus::Scrapped | AssetStatus::Disposed | AssetStatus::WrittenOff | AssetStatus::Voided);
        let mut groups: BTreeMap<(bool, String), RegisterGroup> = BTreeMap::new();
        let mut total = RegisterTotals::zero();
        for a in rows {
            let (value, accumulated, net_value) = match values.get(&a.code) {
                Some(v) => *v,
                // Not depreciated (no acquisition date): on the books at its original value.
                None if a.acquired.is_none() && !off_books(a.status) => (a.value, from_cents(0), a.value),
                None => continue,
            };
            let (serial, method, life_months, notes) = extras.remove(&a.code).unwrap_or_default();
            let row = RegisterRow {
                serial,
                method: DepreciationMethod::parse(&method).unwrap_or(DepreciationMethod::StraightLine),
                life_years: life_months.map(|m| m / 12),
                notes,
                accumulated,
                net_value,
                code: a.code,
                name: a.name,
                category: a.category.clone(),
                model: a.model,
                status: a.status,
                dept: a.dept,
                location: a.location,
                custodian: a.custodian,
                acquired: a.acquired,
                value,
                custom: a.custom,
            };
            let name = match group_by {
                _ if q.group_custom.is_some() => q.group_custom.as_ref().and_then(|f| row.custom.get(f).cloned()),
                GroupBy::None => None,
                GroupBy::Dept => row.dept.clone(),
                GroupBy::Category => Some(row.category.clone()),
                GroupBy::Location => row.location.clone(),
                GroupBy::Custodian => row.custodian.clone(),
            };
            // Named groups by name; the unnamed group last.
            let key = (name.is_none(), name.clone().unwrap_or_default());
            let group = groups.entry(key).or_insert_with(|| RegisterGroup { name, rows: Vec::new(), totals: RegisterTotals::zero() });
            group.totals.add(&row);
            total.add(&row);
            group.rows.push(row);
        }
        Ok(RegisterReport {
            period,
            group_by,
            columns,
            custom_columns: q.custom_columns.clone(),
            group_custom: q.group_custom.clone(),
            groups: groups.into_values().collect(),
            total,
        })
    }

    /// 资产变动: the additions, transfers, issues, returns, scraps, disposals and write-offs
    /// dated `from..=to` (posted documents; voided ones and their voids are left out), with
    /// totals per kind. `kinds` empty: every kind. A normal user sees the lines that
    /// left or reached their department.
    pub fn changes_report(&self, actor: &Actor, from: NaiveDate, to: NaiveDate, kinds: &[ChangeKind]) -> Result<ChangesReport> {
        actor.require(Permission::ViewAssets)?;
        if from > to {
            return Err(Error::invalid("from", format!("the period starts ({from}) after it ends ({to})"), format!("开始日期 {from} 晚于结束日期 {to}，请调换")));
        }
        let mut args = vec![Value::Text(from.to_string()), Value::Text(to.to_string())];
        let mut scope = String::new();
        if let Some(dept) = actor.scope_dept() {
            args.push(Value::Integer(dept));
            scope = " AND (j.dept_id = ?3 OR j.prev_dept_id = ?3)".into();
        }
        let name_of = |table: &str, column: &str| format!("(SELECT name FROM {table} WHERE id = j.{column})");
        let sql = format!(
            "SELECT d.kind, d.doc_no, d.doc_date, a.code, a.name, c.name, \
             CASE WHEN d.kind = 'value-change' THEN COALESCE((SELECT v.cost_delta_fen - v.impairment_fen FROM value_changes v WHERE v.document_id = d.id), 0) \
             ELSE a.value_fen END, j.prev_status, \
             {prev_dept}, {prev_location}, {prev_custodian}, {dept}, {location}, {custodian}, d.reason, d.notes \
             FROM journal j JOIN documents d ON d.id = j.document_id JOIN assets a ON a.id = j.asset_id \
             JOIN categories c ON c.id = a.category_id \
             WHERE d.state = 'posted' AND d.doc_date >= ?1 AND d.doc_date <= ?2 \
             AND d.kind IN ('register', 'stocktake-adjust', 'transfer', 'issue', 'return', 'scrap', 'dispose', 'write-off', 'value-change'){scope} \
             ORDER BY d.doc_date, d.id, j.id",
            prev_dept = name_of("departments", "prev_dept_id"),
            prev_location = name_of("locations", "prev_location_id"),
            prev_custodian = name_of("people", "prev_custodian_id"),
            dept = name_of("departments", "dept_id"),
            location = name_of("locations", "location_id"),
            custodian = name_of("people", "custodian_id"),
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut found = stmt.query(params_from_iter(args.iter()))?;
        let mut rows = Vec::new();
        while let Some(r) = found.next()? {
            let doc_kind = DocKind::parse(&r.get::<_, String>(0)?)?;
            let prev_status: Option<String> = r.get(7)?;
            let kind = match (doc_kind, &prev_status) {
                // A stocktake adjustment adds only its surplus (盘盈) lines.
                (DocKind::Register | DocKind::StocktakeAdjust, None) => ChangeKind::Addition,
                (DocKind::StocktakeAdjust, Some(_)) => continue,
                (k, _) => match ChangeKind::of(k) {
                    Some(k) => k,
                    None => continue,
                },
            };
            if !kinds.is_empty() && !kinds.contains(&kind) {
                continue;
            }
            let text = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
            let (prev_dept, prev_loc, prev_person) = (text(8)?, text(9)?, text(10)?);
            let (dept, loc, person) = (text(11)?, text(12)?, text(13)?);
            let (from_text, to_text) = match kind {
                ChangeKind::Addition => (None, place(&[&dept, &loc])),
                ChangeKind::Transfer => (place(&[&prev_dept, &prev_loc]), place(&[&dept, &loc])),
                ChangeKind::Issue => (place(&[&prev_dept, &prev_loc]), place(&[&person, &dept])),
                ChangeKind::Return => (place(&[&prev_person, &prev_dept]), place(&[&dept, &loc])),
                ChangeKind::Scrap | ChangeKind::Dispose | ChangeKind::WriteOff => (place(&[&prev_dept, &prev_person]), None),
                // The value moves, not the asset: the amount says it all.
                ChangeKind::ValueChange => (None, None),
            };
            let date: String = r.get(2)?;
            let (reason, notes): (String, String) = (r.get(14)?, r.get(15)?);
            let note = if reason.trim().is_empty() { notes } else { reason };
            rows.push(ChangeRow {
                kind,
                doc_no: r.get(1)?,
                date: date.parse().unwrap_or(from),
                code: r.get(3)?,
                name: r.get(4)?,
                category: r.get(5)?,
                from: from_text,
                to: to_text,
                value: from_cents(r.get(6)?),
                note,
            });
        }
        let totals = ChangeKind::ALL
            .into_iter()
            .map(|kind| {
                let of_kind = rows.iter().filter(|r| r.kind == kind);
                ChangeTotal { kind, count: of_kind.clone().count() as i64, value: of_kind.fold(from_cents(0), |sum, r| sum + r.value) }
            })
            .collect();
        Ok(ChangesReport { from, to, rows, totals })
    }
}
