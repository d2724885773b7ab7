//! Asset cards: registration, descriptive edits, the card with its history, and the
//! searchable, sortable, paged list.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};

use crate::auth::{Actor, Permission};
use crate::codes::{validate_code, CodeRule};
use crate::error::{Error, Result};
use crate::journal::{self, DocHeader, DocKind, Placement};
use crate::ledger::Ledger;
use crate::model::{AssetStatus, DepreciationMethod, Lang};
use crate::money::{format_money, from_cents, parse_money, parse_rate, to_cents, Money};
use crate::registers::{resolve_or_create, RegisterKind};
use crate::suppliers::ASSET_SUPPLIER_NAME;
use crate::{audit, db};

/// An asset card as typed into a form or given on the command line: text, validated
/// here all at once so every bad field is named in one answer. Empty means "not given".
/// Serde: a registration travels to other desks as these cards (issue 24, hub_sync.rs).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AssetInput {
    /// Empty: generate from the code rule. Given: kept as is (e.g. a legacy label).
    pub code: String,
    pub name: String,
    pub category: String,
    pub model: String,
    pub serial: String,
    pub dept: String,
    pub location: String,
    pub custodian: String,
    /// YYYY-MM-DD.
    pub acquired: String,
    pub value: String,
    pub life_years: String,
    /// "5%" or "0.05"; exclusive with `salvage`.
    pub salvage_rate: String,
    /// An amount; exclusive with `salvage_rate`.
    pub salvage: String,
    pub method: String,
    pub notes: String,
    pub supplier: String,
    /// 保修截止, YYYY-MM-DD, or a term from `acquired` ("36个月", "3年", "36m");
    /// empty: no warranty recorded.
    pub warranty_until: String,
}

/// The validated, typed form of [`AssetInput`].
pub(crate) struct ValidInput {
    pub(crate) name: String,
    pub(crate) acquired: Option<NaiveDate>,
    pub(crate) value: Money,
    life_months: Option<i64>,
    salvage_rate: Decimal,
    salvage: Option<Money>,
    method: DepreciationMethod,
    warranty_until: Option<NaiveDate>,
}

impl ValidInput {
    /// The ledger's accounting-regime rules on these estimates (issue 21: government
    /// ledgers refuse a salvage value and a life below the category's minimum).
    pub(crate) fn check_regime(&self, conn: &rusqlite::Connection, category: &str) -> Result<()> {
        crate::accounting::check_estimates(conn, category, self.life_months, self.salvage_rate, self.salvage)
    }
}

fn text_field(errors: &mut Vec<Error>, field: &str, value: &str, max: usize, en: &str, zh: &str) {
    if value.chars().count() > max {
        errors.push(Error::invalid(field, format!("{en} is longer than {max} characters"), format!("{zh}超过 {max} 个字符")));
    }
}

pub(crate) fn validate(input: &AssetInput) -> Result<ValidInput> {
    let mut errors = Vec::new();
    let name = input.name.trim().to_string();
    if name.is_empty() {
        errors.push(Error::invalid("name", "asset name is required", "资产名称不能为空"));
    }
    text_field(&mut errors, "name", &name, 100, "asset name", "资产名称");
    if input.category.trim().is_empty() {
        errors.push(Error::invalid("category", "category is required", "资产类别不能为空"));
    }
    text_field(&mut errors, "model", &input.model, 100, "model", "规格型号");
    text_field(&mut errors, "serial", &input.serial, 100, "serial number", "序列号");
    text_field(&mut errors, "notes", &input.notes, 2000, "notes", "备注");
    text_field(&mut errors, "supplier", &input.supplier, 100, "supplier", "供应商");
    let code = input.code.trim();
    if !code.is_empty() {
        if let Err(e) = validate_code(code) {
            errors.push(e);
        }
    }
    let acquired = match input.acquired.trim() {
        "" => None,
        t => crate::dates::parse("acquired", ("acquisition date", "购置日期"), t).map_err(|e| errors.push(e)).ok(),
    };
    if let Some(d) = acquired {
        if d > db::today() {
            errors.push(Error::invalid("acquired", format!("acquisition date {d} is in the future"), format!("购置日期 {d} 晚于今天")));
        }
    }
    let value = match input.value.trim() {
        "" => Decimal::ZERO,
        t => parse_money("value", t).unwrap_or_else(|e| {
            errors.push(e);
            Decimal::ZERO
        }),
    };
    let life_months = match input.life_years.trim() {
        "" => None,
        t => match t.parse::<i64>() {
            Ok(y) if (1..=100).contains(&y) => Some(y * 12),
            _ => {
                errors.push(Error::invalid(
                    "life_years",
                    format!("useful life '{t_q}' must be a whole number of years from 1 to 100", t_q = crate::error::quoted(&t)),
                    format!("使用年限「{t_q}」须为 1 到 100 的整数年", t_q = crate::error::quoted(&t)),
                ));
                None
            }
        },
    };
    let (rate_text, amount_text) = (input.salvage_rate.trim(), input.salvage.trim());
    if !rate_text.is_empty() && !amount_text.is_empty() {
        errors.push(Error::invalid("salvage", "give a salvage rate or a salvage amount, not both", "净残值率和净残值只能填一项"));
    }
    let salvage_rate = match rate_text {
        "" => Decimal::ZERO,
        t => parse_rate("salvage_rate", t).unwrap_or_else(|e| {
            errors.push(e);
            Decimal::ZERO
        }),
    };
    let salvage = match amount_text {
        "" => None,
        t => match parse_money("salvage", t) {
            Ok(s) if s > value => {
                errors.push(Error::invalid("salvage", "salvage is larger than the original value", "净残值大于资产原值"));
                None
            }
            Ok(s) => Some(s),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    let method = match input.method.trim() {
        "" => DepreciationMethod::StraightLine,
        t => DepreciationMethod::parse(t).unwrap_or_else(|e| {
            errors.push(e.for_field("method"));
            DepreciationMethod::StraightLine
        }),
    };
    // A date, or a term from the acquisition date ("36个月", "3年"; issue 22).
    let warranty_until = match input.warranty_until.trim() {
        "" => None,
        t => match crate::warranty::parse_end(t, acquired) {
            Ok(None) => None,
            Ok(Some(d)) if acquired.is_some_and(|a| d < a) => {
                errors.push(Error::invalid(
                    "warranty_until",
                    format!("warranty end {d} is before the acquisition date"),
                    format!("保修截止日期 {d} 早于购置日期"),
                ));
                None
            }
            Ok(Some(d)) => Some(d),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    Ok(ValidInput { name, acquired, value, life_months, salvage_rate, salvage, method, warranty_until })
}

/// One row of the asset list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetRow {
    pub code: String,
    pub name: String,
    pub category: String,
    pub model: String,
    pub status: AssetStatus,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub acquired: Option<NaiveDate>,
    pub value: Money,
    /// The active custom fields' non-empty values, by field name.
    pub custom: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub date: NaiveDate,
    pub doc_no: String,
    pub kind: String,
    pub operator: String,
    pub counterparty: String,
    pub status: AssetStatus,
    pub detail: String,
}

impl HistoryEntry {
    pub fn kind_label(&self, lang: Lang) -> &str {
        journal::DocKind::label_of(&self.kind, lang)
    }
}

/// The asset card: every field plus its history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetDetail {
    pub row: AssetRow,
    pub serial: String,
    pub life_years: Option<i64>,
    pub salvage_rate: Decimal,
    pub salvage: Option<Money>,
    pub method: DepreciationMethod,
    pub notes: String,
    pub supplier: String,
    pub warranty_until: Option<NaiveDate>,
    pub created_at: String,
    pub history: Vec<HistoryEntry>,
    /// Open defect and fault descriptions, if any.
    pub open_defect: Option<String>,
    pub open_fault: Option<String>,
    /// The documents this asset can take now.
    pub allowed: Vec<crate::DocKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AssetSort {
    #[default]
    Code,
    Name,
    Category,
    Status,
    Dept,
    Location,
    Custodian,
    Acquired,
    Value,
}

impl AssetSort {
    pub fn parse(s: &str) -> Result<AssetSort> {
        Ok(match s {
            "code" => AssetSort::Code,
            "name" => AssetSort::Name,
            "category" => AssetSort::Category,
            "status" => AssetSort::Status,
            "dept" => AssetSort::Dept,
            "location" => AssetSort::Location,
            "custodian" => AssetSort::Custodian,
            "acquired" => AssetSort::Acquired,
            "value" => AssetSort::Value,
            other => {
                return Err(Error::invalid("sort", format!("cannot sort by '{other_q}'", other_q = crate::error::quoted(&other)), format!("不能按「{other_q}」排序", other_q = crate::error::quoted(&other))))
            }
        })
    }
    /// Sorted by an index of the assets table (so a page can be walked in order).
    fn has_index(self) -> bool {
        matches!(self, AssetSort::Code | AssetSort::Name | AssetSort::Status | AssetSort::Acquired | AssetSort::Value)
    }

    /// The ORDER BY for a page. Register columns sort by the register's name through
    /// its (id, code) index: registers are few, so their names rank the ids.
    fn order(self, dir: &str) -> String {
        let by_name = |table: &str, column: &str| {
            format!("(SELECT r.name FROM {table} r WHERE r.id = a.{column}) {dir}, a.code {dir}")
        };
        match self {
            AssetSort::Code => format!("a.code {dir}"),
            AssetSort::Name => format!("a.name {dir}, a.code {dir}"),
            AssetSort::Status => format!("a.status {dir}, a.code {dir}"),
            AssetSort::Acquired => format!("a.acquired {dir}, a.code {dir}"),
            AssetSort::Value => format!("a.value_fen {dir}, a.code {dir}"),
            AssetSort::Category => by_name("categories", "category_id"),
            AssetSort::Dept => by_name("departments", "dept_id"),
            AssetSort::Location => by_name("locations", "location_id"),
            AssetSort::Custodian => by_name("people", "custodian_id"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

/// Filters for the list. Text filters on registers match names exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssetQuery {
    /// Words from the search box; every word must appear in code, name, model, serial,
    /// category, department, location or custodian.
    pub text: String,
    pub status: Option<AssetStatus>,
    pub category: Option<String>,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub custodian: Option<String>,
    pub acquired_from: Option<NaiveDate>,
    pub acquired_to: Option<NaiveDate>,
    pub value_min: Option<Money>,
    pub value_max: Option<Money>,
    /// Filters on custom fields, all of which must hold.
    pub fields: Vec<crate::custom_columns::FieldFilter>,
    pub sort: AssetSort,
    pub dir: SortDir,
    pub offset: i64,
    /// 0 means no limit.
    pub limit: i64,
}

/// Count and original value of the assets in one status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusTotal {
    pub status: AssetStatus,
    pub count: i64,
    pub value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// How many rows match, before paging.
    pub total: i64,
    pub rows: Vec<T>,
}

const ROW_COLUMNS: &str = "SELECT a.code, a.name, c.name, a.model, a.status, d.name, l.name, p.name, a.acquired, a.value_fen";
const ROW_FROM: &str = " FROM assets a JOIN categories c ON c.id = a.category_id \
     LEFT JOIN departments d ON d.id = a.dept_id \
     LEFT JOIN locations l ON l.id = a.location_id \
     LEFT JOIN people p ON p.id = a.custodian_id";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<AssetRow> {
    let status: String = r.get(4)?;
    let acquired: Option<String> = r.get(8)?;
    Ok(AssetRow {
        code: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        model: r.get(3)?,
        status: AssetStatus::parse(&status).unwrap_or(AssetStatus::InStock),
        dept: r.get(5)?,
        location: r.get(6)?,
        custodian: r.get(7)?,
        acquired: acquired.and_then(|d| d.parse().ok()),
        value: from_cents(r.get(9)?),
        custom: Default::default(),
    })
}

/// Recomputes what the search box reads for the matching assets.
pub(crate) fn refresh_search_text_for(tx: &Transaction, kind: RegisterKind, id: i64) -> Result<()> {
    let column = match kind {
        RegisterKind::Category => "category_id",
        RegisterKind::Department => "dept_id",
        RegisterKind::Location => "location_id",
        RegisterKind::Person => "custodian_id",
    };
    crate::search::refresh(tx, &format!("{column} = ?1"), &[&id])
}

/// Register ids of one asset.
pub(crate) struct RegisterIds {
    pub(crate) category_id: i64,
    pub(crate) dept_id: Option<i64>,
    pub(crate) location_id: Option<i64>,
    pub(crate) custodian_id: Option<i64>,
    /// The registers' names as stored (category, department, location, custodian; empty
    /// when unset): the asset's search text holds them.
    pub(crate) names: [std::rc::Rc<str>; 4],
    /// The supplier register's entry, if a supplier is named.
    pub(crate) supplier_id: Option<i64>,
}

/// Remembers register names already resolved in this transaction, so a bulk
/// registration looks each department up once, not once per asset.
#[derive(Default)]
pub(crate) struct RegisterCache {
    known: std::collections::HashMap<(u8, String), (i64, std::rc::Rc<str>)>,
    suppliers: std::collections::HashMap<String, Option<i64>>,
}

impl RegisterCache {
    fn id(&mut self, tx: &Transaction, actor: &Actor, kind: RegisterKind, name: &str) -> Result<Option<(i64, std::rc::Rc<str>)>> {
        let name = name.trim();
        if name.is_empty() {
            return Ok(None);
        }
        let key = (kind as u8, name.to_string());
        if let Some(known) = self.known.get(&key) {
            return Ok(Some(known.clone()));
        }
        let id = resolve_or_create(tx, actor, kind, name)?;
        let table = kind.table();
        let stored: String = tx.prepare_cached(&format!("SELECT name FROM {table} WHERE id = ?1"))?.query_row([id], |r| r.get(0))?;
        let known = (id, std::rc::Rc::from(stored));
        self.known.insert(key, known.clone());
        Ok(Some(known))
    }

    pub(crate) fn resolve(&mut self, tx: &Transaction, actor: &Actor, input: &AssetInput) -> Result<RegisterIds> {
        let (category_id, category) = self.id(tx, actor, RegisterKind::Category, &input.category)?.ok_or_else(|| Error::invalid("category", "category is required", "资产类别不能为空"))?;
        let dept = self.id(tx, actor, RegisterKind::Department, &input.dept)?;
        let location = self.id(tx, actor, RegisterKind::Location, &input.location)?;
        let custodian = self.id(tx, actor, RegisterKind::Person, &input.custodian)?;
        let name = |r: &Option<(i64, std::rc::Rc<str>)>| r.as_ref().map_or_else(|| std::rc::Rc::from(""), |(_, n)| n.clone());
        let supplier_id = match self.suppliers.get(input.supplier.trim()) {
            Some(known) => *known,
            None => {
                let id = crate::suppliers::resolve_or_create(tx, actor, &input.supplier, "supplier")?;
                self.suppliers.insert(input.supplier.trim().to_string(), id);
                id
            }
        };
        Ok(RegisterIds {
            supplier_id,
            names: [category, name(&dept), name(&location), name(&custodian)],
            category_id,
            dept_id: dept.map(|(id, _)| id),
            location_id: location.map(|(id, _)| id),
            custodian_id: custodian.map(|(id, _)| id),
        })
    }
}

pub(crate) fn insert_asset(tx: &Transaction, code: &str, input: &AssetInput, valid: &ValidInput, ids: &RegisterIds, status: AssetStatus) -> Result<i64> {
    let now = db::now();
    // The search text written with the row (one insert, no update after it); the same
    // text search::refresh computes from the stored row.
    let [category, dept, location, custodian] = &ids.names;
    let search_text = crate::search::search_text(&[code, &valid.name, input.model.trim(), input.serial.trim(), category, dept, location, custodian]);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO assets(code, name, category_id, model, serial, dept_id, location_id, custodian_id, acquired, value_fen, \
         life_months, salvage_rate, salvage_fen, method, status, notes, created_at, updated_at, supplier, warranty_until, search_text) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18, ?19, ?20)",
    )?;
    stmt.execute(params![
        code,
        valid.name,
        ids.category_id,
        input.model.trim(),
        input.serial.trim(),
        ids.dept_id,
        ids.location_id,
        ids.custodian_id,
        valid.acquired.map(|d| d.to_string()),
        to_cents(valid.value),
        valid.life_months,
        valid.salvage_rate.to_string(),
        valid.salvage.map(to_cents),
        valid.method.as_str(),
        status.as_str(),
        input.notes.trim(),
        now,
        input.supplier.trim(),
        valid.warranty_until.map(|d| d.to_string()),
        search_text,
    ])?;
    let asset_id = tx.last_insert_rowid();
    crate::search::index_text(tx, asset_id, &search_text)?;
    if ids.supplier_id.is_some() {
        crate::suppliers::link_asset(tx, asset_id, ids.supplier_id)?;
    }
    Ok(asset_id)
}

fn not_found(code: &str) -> Error {
    let code = crate::error::quoted(code);
    Error::not_found(format!("no asset with code {code}"), format!("找不到编码为 {code} 的资产")).with_field("code")
}


impl Ledger {
    /// Registers a new asset (in stock) with a 资产新增 document; returns its code.
    pub fn add_asset(&mut self, actor: &Actor, input: &AssetInput) -> Result<String> {
        Ok(self.add_assets(actor, std::slice::from_ref(input))?.remove(0))
    }

    /// Registers many assets under one 资产新增 document, all or nothing; returns
    /// their codes in order. Errors name the row (1-based) when there is more than one.
    pub fn add_assets(&mut self, actor: &Actor, inputs: &[AssetInput]) -> Result<Vec<String>> {
        actor.require(Permission::RegisterAsset)?;
        // Depreciation (issue 6): empty method, life and salvage come from the category.
        let inputs: Vec<AssetInput> =
            inputs.iter().map(|i| crate::valuation::with_category_defaults(&self.conn, i)).collect::<Result<_>>()?;
        let inputs = inputs.as_slice();
        let many = inputs.len() > 1;
        let mut errors = Vec::new();
        let mut valid = Vec::with_capacity(inputs.len());
        for (i, input) in inputs.iter().enumerate() {
            // The accounting regime's rules (issue 21) after the form's own.
            let checked = validate(input).and_then(|v| {
                v.check_regime(&self.conn, &input.category)?;
                Ok(v)
            });
            match checked {
                Ok(v) => valid.push(v),
                Err(e) if many => errors.push(e.in_row(i + 1)),
                Err(e) => errors.push(e),
            }
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let rule = CodeRule::parse(&self.settings()?.asset_code_rule)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let mut registers = RegisterCache::default();
        let today = db::today();
        let (doc_id, doc_no) = journal::open_document(&tx, actor, DocKind::Register, today, &DocHeader::default())?;
        let mut codes = Vec::with_capacity(inputs.len());
        let mut seen = std::collections::HashSet::new();
        {
            let mut exists_stmt = tx.prepare_cached("SELECT EXISTS(SELECT 1 FROM assets WHERE code = ?1)")?;
            let mut exists = |code: &str| -> Result<bool> { Ok(exists_stmt.query_row([code], |r| r.get(0))?) };
            for (i, (input, valid)) in inputs.iter().zip(&valid).enumerate() {
                let code = match input.code.trim() {
                    "" => rule.next_code(&tx, today, &mut exists)?,
                    given if exists(given)? || !seen.insert(given.to_string()) => {
                        let e = Error::conflict(format!("asset code {given} is already in use"), format!("资产编码 {given} 已被使用")).with_field("code");
                        return Err(if many { e.in_row(i + 1) } else { e });
                    }
                    given => given.to_string(),
                };
                let ids = registers.resolve(&tx, actor, input)?;
                if let (Some(scope), Some(dept)) = (actor.scope_dept(), ids.dept_id) {
                    if scope != dept {
                        return Err(Error::forbidden("you may only register assets of your own department", "只能登记本部门的资产"));
                    }
                }
                let asset_id = insert_asset(&tx, &code, input, valid, &ids, AssetStatus::InStock)?;
                let placed = Placement { status: AssetStatus::InStock, dept_id: ids.dept_id, location_id: ids.location_id, custodian_id: ids.custodian_id };
                journal::add_line(&tx, doc_id, asset_id, None, placed, "")?;
                codes.push(code);
            }
        }
        let detail = if many { format!("{doc_no} {} assets", codes.len()) } else { format!("{doc_no} {}", valid[0].name) };
        audit::record(&tx, &actor.name, "asset_add", &codes.first().cloned().unwrap_or_default(), &detail)?;
        tx.commit()?;
        Ok(codes)
    }

    /// Changes the descriptive fields of a card, with a 资产变更 document naming each
    /// change. Department, location and custodian move only by documents.
    pub fn edit_asset(&mut self, actor: &Actor, code: &str, input: &AssetInput) -> Result<()> {
        self.edit_asset_reverting(actor, code, input, None)
    }

    /// [`Ledger::edit_asset`]; with `reverts`, the edit puts back an earlier change
    /// (issue 20): that change's document is marked voided by this one, in the same transaction.
    pub(crate) fn edit_asset_reverting(&mut self, actor: &Actor, code: &str, input: &AssetInput, reverts: Option<(i64, &str)>) -> Result<()> {
        actor.require(Permission::EditAsset)?;
        let before = self.asset(actor, code)?;
        let mut moved = Vec::new();
        for (field, given, current) in [
            ("dept", &input.dept, &before.row.dept),
            ("location", &input.location, &before.row.location),
            ("custodian", &input.custodian, &before.row.custodian),
        ] {
            if !given.trim().is_empty() && Some(given.trim()) != current.as_deref() {
                moved.push(field);
            }
        }
        if !moved.is_empty() {
            let mut e = Error::invalid(
                moved[0],
                "department, location and custodian change only through documents (issue, transfer, return)",
                "使用部门、存放位置和保管人只能通过单据（领用、调拨、退库）变更",
            );
            e.fields = moved.iter().map(|f| f.to_string()).collect();
            return Err(e);
        }
        if !input.code.trim().is_empty() && input.code.trim() != before.row.code {
            return Err(Error::invalid("code", "an asset's code cannot change: it is on its label", "资产编码已印在标签上，不能修改"));
        }
        let valid = validate(input)?;
        valid.check_regime(&self.conn, &input.category)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let asset_id: i64 = tx.query_row("SELECT id FROM assets WHERE code = ?1", [&before.row.code], |r| r.get(0))?;
        let category_id = resolve_or_create(&tx, actor, RegisterKind::Category, &input.category)?;
        // The supplier: a newly named one from the register (added if missing); the one
        // the card has stays even if it was deactivated since.
        let supplier_changed = input.supplier.trim() != before.supplier;
        let supplier_id = if supplier_changed { crate::suppliers::resolve_or_create(&tx, actor, &input.supplier, "supplier")? } else { None };
        let fmt_opt = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        // (input field, label, before, after): the field keys are AssetInput's, so a
        // change can be put back (crate::corrections::revert_card_change).
        let changed: Vec<(&str, &str, String, String)> = [
            ("name", "名称", before.row.name.clone(), valid.name.clone()),
            ("category", "类别", before.row.category.clone(), input.category.trim().to_string()),
            ("model", "型号", before.row.model.clone(), input.model.trim().to_string()),
            ("serial", "序列号", before.serial.clone(), input.serial.trim().to_string()),
            ("acquired", "购置日期", fmt_opt(before.row.acquired), fmt_opt(valid.acquired)),
            ("value", "原值", format_money(before.row.value), format_money(valid.value)),
            ("life_years", "年限", before.life_years.map(|y| y.to_string()).unwrap_or_default(), valid.life_months.map(|m| (m / 12).to_string()).unwrap_or_default()),
            ("salvage_rate", "残值率", before.salvage_rate.to_string(), valid.salvage_rate.to_string()),
            ("salvage", "残值", before.salvage.map(format_money).unwrap_or_default(), valid.salvage.map(format_money).unwrap_or_default()),
            ("method", "折旧方法", before.method.as_str().to_string(), valid.method.as_str().to_string()),
            ("notes", "备注", before.notes.clone(), input.notes.trim().to_string()),
            ("supplier", "供应商", before.supplier.clone(), input.supplier.trim().to_string()),
            ("warranty_until", "保修截止", fmt_opt(before.warranty_until), fmt_opt(valid.warranty_until)),
        ]
        .into_iter()
        .filter(|(_, _, a, b)| a != b)
        .collect();
        let changes: Vec<String> = changed.iter().map(|(_, f, a, b)| format!("{f}: {a} → {b}")).collect();
        if changes.is_empty() {
            return Ok(());
        }
        // Depreciation (issue 6): after a posted period, value fields change only by a revision.
        let value_fields: Vec<&str> = [
            ("acquired", before.row.acquired != valid.acquired),
            ("value", before.row.value != valid.value),
            ("life_years", before.life_years != valid.life_months.map(|m| m / 12)),
            ("salvage_rate", before.salvage.is_none() && valid.salvage.is_none() && before.salvage_rate != valid.salvage_rate),
            ("salvage", before.salvage != valid.salvage),
            ("method", before.method != valid.method),
        ]
        .into_iter()
        .filter_map(|(field, changed)| changed.then_some(field))
        .collect();
        crate::valuation::check_value_edit(&tx, asset_id, &before.row.code, &value_fields)?;
        tx.execute(
            "UPDATE assets SET name = ?1, category_id = ?2, model = ?3, serial = ?4, acquired = ?5, value_fen = ?6, life_months = ?7, \
             salvage_rate = ?8, salvage_fen = ?9, method = ?10, notes = ?11, updated_at = ?12, supplier = ?14, warranty_until = ?15 WHERE id = ?13",
            params![
                valid.name,
                category_id,
                input.model.trim(),
                input.serial.trim(),
                valid.acquired.map(|d| d.to_string()),
                to_cents(valid.value),
                valid.life_months,
                valid.salvage_rate.to_string(),
                valid.salvage.map(to_cents),
                valid.method.as_str(),
                input.notes.trim(),
                db::now(),
                asset_id,
                input.supplier.trim(),
                valid.warranty_until.map(|d| d.to_string()),
            ],
        )?;
        crate::search::refresh(&tx, "id = ?1", &[&asset_id])?;
        if supplier_changed {
            crate::suppliers::link_asset(&tx, asset_id, supplier_id)?;
        }
        let detail = changes.join("; ");
        let header = DocHeader { source_id: reverts.map(|(id, _)| id), counterparty: reverts.map(|(_, no)| no).unwrap_or(""), ..DocHeader::default() };
        let (doc_id, _) = journal::open_document(&tx, actor, DocKind::Edit, db::today(), &header)?;
        let placed = crate::documents::placement_of(&tx, asset_id)?;
        journal::add_line(&tx, doc_id, asset_id, Some(placed), placed, &detail)?;
        crate::corrections::record_card_changes(&tx, doc_id, asset_id, &changed, reverts.map(|(id, _)| id))?;
        audit::record(&tx, &actor.name, if reverts.is_some() { "asset_edit_revert" } else { "asset_edit" }, &before.row.code, &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// The asset card with its history. A normal user sees only their department's.
    pub fn asset(&self, actor: &Actor, code: &str) -> Result<AssetDetail> {
        actor.require(Permission::ViewAssets)?;
        let code = code.trim();
        let found = self
            .conn
            .query_row(
                &format!(
                    "{ROW_COLUMNS}, a.id, a.serial, a.life_months, a.salvage_rate, a.salvage_fen, a.method, a.notes, a.created_at, a.dept_id, \
                     {ASSET_SUPPLIER_NAME}, a.warranty_until {ROW_FROM} WHERE a.code = ?1"
                ),
                [code],
                |r| {
                    let row = read_row(r)?;
                    let method: String = r.get(15)?;
                    let rate: String = r.get(13)?;
                    Ok((
                        r.get::<_, i64>(10)?,
                        AssetDetail {
                            row,
                            serial: r.get(11)?,
                            life_years: r.get::<_, Option<i64>>(12)?.map(|m| m / 12),
                            salvage_rate: rate.parse().unwrap_or_default(),
                            salvage: r.get::<_, Option<i64>>(14)?.map(from_cents),
                            method: DepreciationMethod::parse(&method).unwrap_or(DepreciationMethod::StraightLine),
                            notes: r.get(16)?,
                            supplier: r.get(19)?,
                            warranty_until: r.get::<_, Option<String>>(20)?.and_then(|d| d.parse().ok()),
                            created_at: r.get(17)?,
                            history: Vec::new(),
                            open_defect: None,
                            open_fault: None,
                            allowed: Vec::new(),
                        },
                        r.get::<_, Option<i64>>(18)?,
                    ))
                },
            )
            .optional()?;
        let (asset_id, mut detail, dept_id) = found.ok_or_else(|| not_found(code))?;
        if let Some(scope) = actor.scope_dept() {
            if dept_id != Some(scope) {
                return Err(not_found(code));
            }
        }
        detail.row.custom = crate::custom_columns::values_of(&self.conn, &format!("[{asset_id}]"))?.remove(&asset_id).unwrap_or_default();
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_date, d.doc_no, d.kind, u.name, d.counterparty, j.status, j.detail \
             FROM journal j JOIN documents d ON d.id = j.document_id JOIN users u ON u.id = d.operator_id \
             WHERE j.asset_id = ?1 ORDER BY j.id",
        )?;
        detail.history = stmt
            .query_map([asset_id], |r| {
                let date: String = r.get(0)?;
                let status: String = r.get(5)?;
                Ok(HistoryEntry {
                    date: date.parse().unwrap_or_default(),
                    doc_no: r.get(1)?,
                    kind: r.get(2)?,
                    operator: r.get(3)?,
                    counterparty: r.get(4)?,
                    status: AssetStatus::parse(&status).unwrap_or(AssetStatus::InStock),
                    detail: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let open = |kind: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .query_row(
                    "SELECT description FROM incidents WHERE asset_id = ?1 AND kind = ?2 AND closed_doc_id IS NULL",
                    params![asset_id, kind],
                    |r| r.get(0),
                )
                .optional()?)
        };
        detail.open_defect = open("defect")?;
        detail.open_fault = open("fault")?;
        detail.allowed = crate::documents::allowed_kinds(detail.row.status, detail.open_defect.is_some(), detail.open_fault.is_some());
        Ok(detail)
    }

    /// The asset list: filtered, sorted and paged, with the total count of matches.
    pub fn list_assets(&self, actor: &Actor, q: &AssetQuery) -> Result<Page<AssetRow>> {
        let (total, ids) = self.matching_asset_ids(actor, q)?;
        Ok(Page { total, rows: self.asset_rows(&ids, None)? })
    }

    /// Every asset matching `q` (its paging ignored) in its order, read `chunk` rows at a
    /// time and handed to `visit` with how many are visited so far and in all; `visit`
    /// returns false to stop. Memory stays flat in the ledger's size (8 bytes an asset for
    /// the ordered ids): a full export of a million assets streams through here.
    pub fn visit_assets(&self, actor: &Actor, q: &AssetQuery, chunk: usize, visit: &mut dyn FnMut(&[AssetRow], usize, usize) -> Result<bool>) -> Result<usize> {
        let ids = self.matching_asset_ids_in_order(actor, q)?;
        let mut done = 0;
        for part in ids.chunks(chunk.max(1)) {
            let rows = self.asset_rows_of(actor, part)?;
            done += rows.len();
            if !visit(&rows, done, ids.len())? {
                break;
            }
        }
        Ok(done)
    }

    /// The ids of every asset matching `q` (its paging ignored), in its order: 8 bytes an
    /// asset, so a streamed export of a million holds 8 MB, then reads the rows by
    /// [`asset_rows_of`](Self::asset_rows_of) a chunk at a time.
    pub fn matching_asset_ids_in_order(&self, actor: &Actor, q: &AssetQuery) -> Result<Vec<i64>> {
        let all = AssetQuery { offset: 0, limit: 0, ..q.clone() };
        Ok(self.matching_asset_ids(actor, &all)?.1)
    }

    /// The list rows of `ids`, in that order; ids gone since (or outside the actor's
    /// department) are left out.
    pub fn asset_rows_of(&self, actor: &Actor, ids: &[i64]) -> Result<Vec<AssetRow>> {
        actor.require(Permission::ViewAssets)?;
        self.asset_rows(ids, actor.scope_dept())
    }

    /// How many assets match `q`, and the ids of its page in order.
    fn matching_asset_ids(&self, actor: &Actor, q: &AssetQuery) -> Result<(i64, Vec<i64>)> {
        actor.require(Permission::ViewAssets)?;
        let mut conditions: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(s) = q.status {
            args.push(Value::Text(s.as_str().into()));
            conditions.push(format!("a.status = ?{}", args.len()));
        }
        for (value, table, column) in [
            (&q.category, "categories", "category_id"),
            (&q.dept, "departments", "dept_id"),
            (&q.location, "locations", "location_id"),
            (&q.custodian, "people", "custodian_id"),
        ] {
            if let Some(name) = value.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                args.push(Value::Text(name.into()));
                conditions.push(format!("a.{column} = (SELECT id FROM {table} WHERE name = ?{})", args.len()));
            }
        }
        if let Some(scope) = actor.scope_dept() {
            args.push(Value::Integer(scope));
            conditions.push(format!("a.dept_id = ?{}", args.len()));
        }
        if let Some(d) = q.acquired_from {
            args.push(Value::Text(d.to_string()));
            conditions.push(format!("a.acquired >= ?{}", args.len()));
        }
        if let Some(d) = q.acquired_to {
            args.push(Value::Text(d.to_string()));
            conditions.push(format!("a.acquired <= ?{}", args.len()));
        }
        if let Some(v) = q.value_min {
            args.push(Value::Integer(to_cents(v)));
            conditions.push(format!("a.value_fen >= ?{}", args.len()));
        }
        if let Some(v) = q.value_max {
            args.push(Value::Integer(to_cents(v)));
            conditions.push(format!("a.value_fen <= ?{}", args.len()));
        }
        crate::custom_columns::add_filters(&self.conn, &q.fields, &mut conditions, &mut args)?;
        let limit = if q.limit > 0 { q.limit } else { -1 };
        let total: i64 = match crate::search::match_expr(&q.text) {
            None => {
                let where_sql = if conditions.is_empty() { String::new() } else { format!(" WHERE {conditions}", conditions = conditions.join(" AND ")) };
                self.conn.query_row(&format!("SELECT COUNT(*) FROM assets a{where_sql}"), params_from_iter(args.iter()), |r| r.get(0))?
            }
            Some(expr) => {
                args.push(Value::Text(expr));
                let n = args.len();
                // Counted from the search index outward (every asset has one index row,
                // with its id as rowid): the matches stream, nothing is collected first.
                let total: i64 = if conditions.is_empty() {
                    self.conn.query_row(&format!("SELECT COUNT(*) FROM asset_fts WHERE asset_fts MATCH ?{n}"), params_from_iter(args.iter()), |r| r.get(0))?
                } else {
                    let sql = format!("SELECT COUNT(*) FROM asset_fts f CROSS JOIN assets a ON a.id = f.rowid WHERE f.asset_fts MATCH ?{n} AND {conditions}", conditions = conditions.join(" AND "));
                    self.conn.query_row(&sql, params_from_iter(args.iter()), |r| r.get(0))?
                };
                conditions.push(if self.walk_sort_order(q, limit, total)? {
                    format!("EXISTS (SELECT 1 FROM asset_fts f WHERE f.asset_fts MATCH ?{n} AND f.rowid = a.id)")
                } else {
                    format!("a.id IN (SELECT rowid FROM asset_fts WHERE asset_fts MATCH ?{n})")
                });
                total
            }
        };
        let where_sql = if conditions.is_empty() { String::new() } else { format!(" WHERE {conditions}", conditions = conditions.join(" AND ")) };
        let dir = match q.dir {
            SortDir::Asc => "ASC",
            SortDir::Desc => "DESC",
        };
        // Page first on the assets table alone (an index walk for every sort column),
        // then read the names for just that page and keep the page's order.
        let order = q.sort.order(dir);
        let (n_limit, n_offset) = (args.len() + 1, args.len() + 2);
        let page_sql = format!("SELECT a.id FROM assets a{where_sql} ORDER BY {order} LIMIT ?{n_limit} OFFSET ?{n_offset}");
        let page_args = args.iter().cloned().chain([Value::Integer(limit), Value::Integer(q.offset.max(0))]);
        let ids: Vec<i64> = self.conn.prepare(&page_sql)?.query_map(params_from_iter(page_args), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok((total, ids))
    }

    /// Whether a search's page is best found by walking the sort order and asking the
    /// search index about each asset on the way (one indexed probe each), rather than
    /// collecting every match and sorting them. Walking wins when matches are dense: 电脑
    /// in a million assets matches 166,000, and the first page is found after some 300
    /// probes (7 ms) instead of collecting and sorting all of them (110 ms). For rare
    /// matches, or a sort with no index to walk, collecting is the cheap way.
    fn walk_sort_order(&self, q: &AssetQuery, limit: i64, matches: i64) -> Result<bool> {
        if limit < 0 || matches == 0 || !q.sort.has_index() {
            return Ok(false);
        }
        // Assets are never deleted, so the largest id is about how many there are.
        let assets: i64 = self.conn.query_row("SELECT coalesce(max(id), 0) FROM assets", [], |r| r.get(0))?;
        // Probes to walk ≈ rows to pass × assets / matches, each ~30x the cost of
        // collecting one match (measured at a million assets).
        let probes = (q.offset.max(0) + limit) as f64 * assets as f64 / matches as f64;
        Ok(probes * 30.0 < matches as f64)
    }

    /// The list rows of `ids`, in that order (within the department `scope`, if given).
    fn asset_rows(&self, ids: &[i64], scope: Option<i64>) -> Result<Vec<AssetRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // The page's ids as one bound JSON array (json_each), not spliced into the SQL.
        let list = format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        let mut stmt = self.conn.prepare_cached(&format!("{ROW_COLUMNS}, a.id{ROW_FROM} WHERE a.id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR a.dept_id = ?2)"))?;
        let mut by_id: std::collections::HashMap<i64, AssetRow> =
            stmt.query_map(rusqlite::params![&list, scope], |r| Ok((r.get::<_, i64>(10)?, read_row(r)?)))?.collect::<rusqlite::Result<_>>()?;
        for (id, custom) in crate::custom_columns::values_of(&self.conn, &list)? {
            if let Some(row) = by_id.get_mut(&id) {
                row.custom = custom;
            }
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Counts and values by status, over the assets the actor may see.
    pub fn status_totals(&self, actor: &Actor) -> Result<Vec<StatusTotal>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT status, COUNT(*), COALESCE(SUM(value_fen), 0) FROM assets WHERE (?1 IS NULL OR dept_id = ?1) GROUP BY status",
        )?;
        let totals = stmt
            .query_map([actor.scope_dept()], |r| {
                let status: String = r.get(0)?;
                Ok(StatusTotal { status: AssetStatus::parse(&status).unwrap_or(AssetStatus::InStock), count: r.get(1)?, value: from_cents(r.get(2)?) })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(AssetStatus::ALL
            .iter()
            .map(|s| totals.iter().find(|t| t.status == *s).cloned().unwrap_or(StatusTotal { status: *s, count: 0, value: Decimal::ZERO }))
            .collect())
    }
}
