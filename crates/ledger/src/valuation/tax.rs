//! The tax schedule (税务折旧, issue 21): an enterprise's second depreciation beside the
//! book one, for the income-tax return (企业所得税, the A105080 adjustment). Its own
//! method and life, set per category (inherited down the tree) or per asset; an asset
//! with neither follows the book for tax. The tax schedule is computed, never posted:
//!
//! - the tax base (计税基础) is the original value plus 改扩建 additions; impairments
//!   (减值) and revaluations (评估) are not recognised for tax;
//! - it starts the month after the asset is put in service (实施条例第五十九条) and is
//!   charged through the month it leaves, with the book's salvage;
//! - an addition restarts the plan from the tax net value over the remaining tax life;
//! - 一次性扣除 (one-time) deducts the whole tax base in the first month charged (and an
//!   addition in its month); only for assets of at most 5,000,000.00 yuan;
//! - a legacy asset's opening balance is taken as its tax accumulation too.

use std::collections::HashMap;

use depreciation::{schedule, AssetParams, Method, Opening, OpeningKind, Period, Start};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use super::engine::{calc_error, load_subjects, Subject};
use super::{accumulated_at, last_posted, subject};
use crate::accounting::Regime;
use crate::auth::{Actor, Permission};
use crate::error::{quoted, Error, Result};
use crate::ledger::Ledger;
use crate::money::{from_cents, to_cents, Money};
use crate::audit;

/// The tax methods: the calendar methods the tax rules allow, and 一次性扣除.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaxMethod {
    StraightLine,
    DoubleDeclining,
    SumOfYears,
    OneTime,
}

impl TaxMethod {
    pub const ALL: [TaxMethod; 4] = [TaxMethod::StraightLine, TaxMethod::DoubleDeclining, TaxMethod::SumOfYears, TaxMethod::OneTime];

    pub fn as_str(self) -> &'static str {
        match self {
            TaxMethod::StraightLine => "straight-line",
            TaxMethod::DoubleDeclining => "double-declining",
            TaxMethod::SumOfYears => "sum-of-years",
            TaxMethod::OneTime => "one-time",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            TaxMethod::StraightLine => "年限平均法",
            TaxMethod::DoubleDeclining => "双倍余额递减法",
            TaxMethod::SumOfYears => "年数总和法",
            TaxMethod::OneTime => "一次性扣除",
        }
    }

    /// The stable names (also with `_`) and the Chinese names.
    pub fn parse(text: &str) -> Result<TaxMethod> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        TaxMethod::ALL.into_iter().find(|m| m.as_str() == wanted || m.name_zh() == text.trim()).ok_or_else(|| {
            let names: Vec<&str> = TaxMethod::ALL.iter().map(|m| m.as_str()).collect();
            let names_zh: Vec<&str> = TaxMethod::ALL.iter().map(|m| m.name_zh()).collect();
            Error::invalid(
                "tax_method",
                format!("unknown tax depreciation method '{}'; use one of {}", quoted(text), names.join(", ")),
                format!("未知的税务折旧方法「{}」，可用：{}", quoted(text), names_zh.join("、")),
            )
        })
    }

    fn plan_method(self) -> Option<Method> {
        match self {
            TaxMethod::StraightLine => Some(Method::StraightLine),
            TaxMethod::DoubleDeclining => Some(Method::DoubleDeclining),
            TaxMethod::SumOfYears => Some(Method::SumOfYears),
            TaxMethod::OneTime => None,
        }
    }
}

/// A tax life as a clerk types it: years ("3", "3年", "3y") or months ("22个月", "22m",
/// "22 months"); empty is none (one-time). Returned in months.
pub fn parse_tax_life(text: &str) -> Result<Option<i64>> {
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    let (number, per) = if let Some(n) = ["个月", "months", "month", "mo", "m"].iter().find_map(|s| t.strip_suffix(s)) {
        (n, 1)
    } else if let Some(n) = ["年", "years", "year", "y"].iter().find_map(|s| t.strip_suffix(s)) {
        (n, 12)
    } else {
        (t.as_str(), 12)
    };
    match number.trim().parse::<i64>() {
        Ok(n) if n > 0 && n * per <= 1200 => Ok(Some(n * per)),
        _ => Err(Error::invalid(
            "tax_life",
            format!("tax life '{}' must be whole years (3) or months (22m), at most 100 years", quoted(text)),
            format!("税务折旧年限「{}」须为整年（如 3）或整月（如 22个月），最多 100 年", quoted(text)),
        )),
    }
}

/// The most a one-time deduction may take for one asset (设备、器具单位价值不超过500万元).
pub const ONE_TIME_LIMIT_FEN: i64 = 500_000_000;

/// A tax method and life (months; none for one-time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaxEstimates {
    pub method: TaxMethod,
    pub life_months: Option<i64>,
}

/// Where an asset's tax estimates come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaxSource {
    /// Set on the asset.
    Asset,
    /// Inherited from this category (the asset's own or an ancestor).
    Category(String),
    /// Neither: tax follows the book schedule.
    Book,
}

/// A category's own tax setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTaxSetting {
    pub category: String,
    pub estimates: TaxEstimates,
}

/// One asset's book and tax figures over a range of months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxLine {
    pub code: String,
    pub name: String,
    pub category: String,
    pub dept: Option<String>,
    /// The tax estimates in force; `None` when tax follows the book.
    pub tax: Option<TaxEstimates>,
    pub source: TaxSource,
    /// 账载原值 and 计税基础 at the end of the range.
    pub cost: Money,
    pub tax_base: Money,
    /// Depreciation charged within the range: book (账载) and tax (税收).
    pub book_charge: Money,
    pub tax_charge: Money,
    /// 纳税调整金额 = book − tax: positive adds to taxable income (调增), negative lowers it (调减).
    pub adjustment: Money,
    pub book_accumulated: Money,
    pub tax_accumulated: Money,
    /// 账面价值 (net of impairment) and 计税基础余额 at the end of the range.
    pub book_net: Money,
    pub tax_net: Money,
    /// book net − tax net: positive a taxable temporary difference, negative a deductible one.
    pub temporary_difference: Money,
    /// Why the tax figures follow the book although a tax setting applies (empty when not).
    pub note: String,
}

/// The tax depreciation report of the months `from` through `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxReport {
    pub from: Period,
    pub to: Period,
    pub lines: Vec<TaxLine>,
    pub book_charge: Money,
    pub tax_charge: Money,
    pub adjustment: Money,
    pub temporary_difference: Money,
}

fn refuse_government(conn: &Connection) -> Result<()> {
    if crate::accounting::regime(conn)? == Regime::Government {
        return Err(Error::conflict(
            "this ledger follows the government regime (政府会计准则): government units pay no enterprise income tax, so there is no tax schedule",
            "本账套执行政府会计准则：行政事业单位不缴纳企业所得税，没有税务折旧",
        ));
    }
    Ok(())
}

/// Checks a method and life as given (`life_months` none for one-time, else required).
fn estimates(method: &str, life_months: Option<i64>) -> Result<TaxEstimates> {
    let method = TaxMethod::parse(method)?;
    match (method, life_months) {
        (TaxMethod::OneTime, Some(_)) => Err(Error::invalid("tax_life", "a one-time deduction has no life; leave the life out", "一次性扣除不设折旧年限，请不要填写年限")),
        (TaxMethod::OneTime, None) => Ok(TaxEstimates { method, life_months: None }),
        (_, None) => Err(Error::invalid("tax_life", format!("the tax method {} needs a life", method.as_str()), format!("税务折旧方法「{}」须填写折旧年限", method.name_zh()))),
        (_, Some(m)) if !(1..=1200).contains(&m) => Err(Error::invalid(
            "tax_life",
            format!("tax life {m} months must be from 1 month to 100 years"),
            format!("税务折旧年限 {m} 个月须在 1 个月到 100 年之间"),
        )),
        (_, Some(m)) => {
            if method == TaxMethod::DoubleDeclining && m < 24 {
                return Err(Error::invalid(
                    "tax_life",
                    "double-declining needs a life of at least 2 years (its last two years are straight-line)",
                    "双倍余额递减法的折旧年限至少 2 年（最后两年改用直线法）",
                ));
            }
            Ok(TaxEstimates { method, life_months: Some(m) })
        }
    }
}

fn read_estimates(method: &str, life_months: Option<i64>) -> TaxEstimates {
    TaxEstimates { method: TaxMethod::parse(method).unwrap_or(TaxMethod::StraightLine), life_months }
}

/// Every asset's tax estimates among `subjects` (those with none are absent).
fn estimates_in_force(conn: &Connection, subjects: &[Subject]) -> Result<HashMap<i64, (TaxEstimates, TaxSource)>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare("SELECT asset_id, method, life_months FROM asset_tax_depreciation")?;
    let own: HashMap<i64, TaxEstimates> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, read_estimates(&r.get::<_, String>(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_category: HashMap<i64, Option<(TaxEstimates, String)>> = HashMap::new();
    let mut walk = conn.prepare_cached(crate::category_tree::with_category_ancestors!(
        "SELECT ?1, 0",
        "SELECT c.name, t.method, t.life_months FROM up JOIN category_tax_depreciation t ON t.category_id = up.id \
           JOIN categories c ON c.id = up.id ORDER BY up.depth LIMIT 1"
    ))?;
    for s in subjects {
        if let Some(e) = own.get(&s.id) {
            out.insert(s.id, (*e, TaxSource::Asset));
            continue;
        }
        if !by_category.contains_key(&s.category_id) {
            let found = walk
                .query_row([s.category_id], |r| Ok((read_estimates(&r.get::<_, String>(1)?, r.get(2)?), r.get::<_, String>(0)?)))
                .optional()?;
            by_category.insert(s.category_id, found);
        }
        if let Some(Some((e, category))) = by_category.get(&s.category_id) {
            out.insert(s.id, (*e, TaxSource::Category(category.clone())));
        }
    }
    Ok(out)
}

/// The 改扩建 additions: (effective month, amount fen).
fn additions(s: &Subject) -> impl Iterator<Item = &super::engine::ValueChangeRow> {
    s.value_changes.iter().filter(|v| v.change == "add")
}

/// 计税基础 charged from month `p` on.
fn tax_cost_charged(s: &Subject, p: Period) -> i64 {
    s.base_cost() + additions(s).filter(|v| v.effective <= p).map(|v| v.cost_delta_fen).sum::<i64>()
}

/// 计税基础 at the end of month `p`.
fn tax_cost_at_end(s: &Subject, p: Period) -> i64 {
    s.base_cost() + additions(s).filter(|v| v.doc_period <= p).map(|v| v.cost_delta_fen).sum::<i64>()
}

/// Tax depreciation accumulated (fen) through month `through`.
fn tax_accumulated_through(s: &Subject, e: &TaxEstimates, through: Period) -> Result<i64> {
    let Some(in_service) = s.in_service() else { return Ok(0) };
    let (mut acc, from) = match &s.opening {
        Some(o) => (o.accumulated_fen, o.period.next()),
        None => (0, in_service.next()),
    };
    let last = match s.leaves {
        Some(l) if l < through => l,
        _ => through,
    };
    if last < from {
        return Ok(if s.opening.as_ref().is_some_and(|o| o.period <= through) { acc } else { 0 });
    }
    // Each addition after the first month restarts the plan from the net then.
    let mut restarts: Vec<Period> = additions(s).map(|v| v.effective).filter(|p| *p > from && *p <= last).collect();
    restarts.sort();
    restarts.dedup();
    restarts.push(last.next());
    let mut start = from;
    for next in restarts {
        acc += segment(s, e, start, next.prev(), acc)?;
        start = next;
    }
    Ok(acc)
}

/// What the plan charges in months `start..=end` given `acc_before` accumulated before.
fn segment(s: &Subject, e: &TaxEstimates, start: Period, end: Period, acc_before: i64) -> Result<i64> {
    let cost = tax_cost_charged(s, start);
    let Some(method) = e.method.plan_method() else {
        // One-time: whatever is left of the base goes in the segment's first month.
        return Ok((cost - acc_before).max(0));
    };
    let in_service = s.in_service().expect("checked by the caller");
    let mut params = AssetParams::new(from_cents(cost), s.original().salvage(), e.life_months.unwrap_or(0) as u32, method, in_service).with_start(Start::NextMonth);
    let restarted = start != in_service.next();
    if restarted {
        let legacy = s.opening.as_ref().is_some_and(|o| o.period.next() == start);
        params.opening = Some(Opening {
            period: start.prev(),
            accumulated: from_cents(acc_before),
            units_to_date: Default::default(),
            kind: if legacy { OpeningKind::Migrated } else { OpeningKind::Revised },
        });
    }
    let plan = match schedule(&params) {
        Ok(plan) => plan,
        // An addition after the tax life ended has no months left: nothing more to charge.
        Err(depreciation::Error::LifeAlreadyElapsed { .. }) => return Ok(0),
        Err(err) => return Err(calc_error(&s.code, err)),
    };
    Ok(plan.lines().iter().filter(|l| l.period >= start && l.period <= end).map(|l| to_cents(l.amount)).sum())
}

impl Ledger {
    /// Sets a category's tax method and life (months; none for one-time): its assets and
    /// those of its subcategories without their own setting follow it for tax.
    pub fn set_category_tax_depreciation(&mut self, actor: &Actor, category: &str, method: &str, life_months: Option<i64>) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        refuse_government(&self.conn)?;
        let e = estimates(method, life_months)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let category_id = crate::registers::resolve_or_create(&tx, actor, crate::RegisterKind::Category, category)?;
        tx.execute(
            "INSERT INTO category_tax_depreciation(category_id, method, life_months) VALUES (?1, ?2, ?3) \
             ON CONFLICT(category_id) DO UPDATE SET method = excluded.method, life_months = excluded.life_months",
            params![category_id, e.method.as_str(), e.life_months],
        )?;
        audit::record(&tx, &actor.name, "category_tax_depreciation", category.trim(), &format!("{} {:?}", e.method.as_str(), e.life_months))?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a category's tax setting (its assets then inherit from a parent, or follow the book).
    pub fn clear_category_tax_depreciation(&mut self, actor: &Actor, category: &str) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let removed = tx.execute(
            "DELETE FROM category_tax_depreciation WHERE category_id = (SELECT id FROM categories WHERE name = ?1)",
            [category.trim()],
        )?;
        if removed == 0 {
            return Err(Error::not_found(
                format!("category {} has no tax depreciation setting", category.trim()),
                format!("类别「{}」没有税务折旧设置", category.trim()),
            )
            .with_field("category"));
        }
        audit::record(&tx, &actor.name, "category_tax_depreciation", category.trim(), "cleared")?;
        tx.commit()?;
        Ok(())
    }

    /// Every category's own tax setting, by name.
    pub fn category_tax_depreciation(&self, actor: &Actor) -> Result<Vec<CategoryTaxSetting>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT c.name, t.method, t.life_months FROM category_tax_depreciation t JOIN categories c ON c.id = t.category_id ORDER BY c.name",
        )?;
        let rows = stmt
            .query_map([], |r| Ok(CategoryTaxSetting { category: r.get(0)?, estimates: read_estimates(&r.get::<_, String>(1)?, r.get(2)?) }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Sets asset `code`'s own tax method and life (overriding its category's).
    pub fn set_asset_tax_depreciation(&mut self, actor: &Actor, code: &str, method: &str, life_months: Option<i64>) -> Result<()> {
        actor.require(Permission::RunDepreciation)?;
        refuse_government(&self.conn)?;
        let e = estimates(method, life_months)?;
        let s = subject(&self.conn, actor, code)?;
        if e.method == TaxMethod::OneTime && s.cost_fen > ONE_TIME_LIMIT_FEN {
            return Err(Error::invalid(
                "tax_method",
                format!("asset {} is worth {}, more than 5,000,000.00: a one-time deduction is only for assets of at most that", s.code, crate::money::format_money(from_cents(s.cost_fen))),
                format!("资产 {} 原值 {}，超过 500 万元，不能一次性税前扣除", s.code, crate::money::format_money(from_cents(s.cost_fen))),
            ));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        tx.execute(
            "INSERT INTO asset_tax_depreciation(asset_id, method, life_months) VALUES (?1, ?2, ?3) \
             ON CONFLICT(asset_id) DO UPDATE SET method = excluded.method, life_months = excluded.life_months",
            params![s.id, e.method.as_str(), e.life_months],
        )?;
        audit::record(&tx, &actor.name, "asset_tax_depreciation", &s.code, &format!("{} {:?}", e.method.as_str(), e.life_months))?;
        tx.commit()?;
        Ok(())
    }

    /// Removes asset `code`'s own tax setting (it then follows its category, or the book).
    pub fn clear_asset_tax_depreciation(&mut self, actor: &Actor, code: &str) -> Result<()> {
        actor.require(Permission::RunDepreciation)?;
        let s = subject(&self.conn, actor, code)?;
        let tx = crate::db::begin(&mut self.conn)?;
        if tx.execute("DELETE FROM asset_tax_depreciation WHERE asset_id = ?1", [s.id])? == 0 {
            return Err(Error::not_found(format!("asset {} has no tax setting of its own", s.code), format!("资产 {} 没有单独的税务折旧设置", s.code)).with_field("code"));
        }
        audit::record(&tx, &actor.name, "asset_tax_depreciation", &s.code, "cleared")?;
        tx.commit()?;
        Ok(())
    }

    /// Book and tax depreciation side by side for months `from` through `to`: every asset
    /// on the books in that range, with the 纳税调整 and the temporary difference.
    pub fn tax_depreciation_report(&self, actor: &Actor, from: Period, to: Period) -> Result<TaxReport> {
        actor.require(Permission::ViewAssets)?;
        refuse_government(&self.conn)?;
        if from > to {
            return Err(Error::invalid("from", format!("the range starts ({from}) after it ends ({to})"), format!("起始期间 {from} 晚于结束期间 {to}")));
        }
        let mut args = vec![Value::Text(to.next().first_day().to_string())];
        let mut filter = "a.acquired IS NOT NULL AND a.acquired < ?1 AND a.status != 'voided'".to_string();
        if let Some(scope) = actor.scope_dept() {
            args.push(Value::Integer(scope));
            filter.push_str(" AND a.dept_id = ?2");
        }
        let subjects = load_subjects(&self.conn, &filter, &args)?;
        let in_force = estimates_in_force(&self.conn, &subjects)?;
        let last = last_posted(&self.conn)?.map(|(_, p)| p);
        let mut lines = Vec::new();
        for s in subjects.iter().filter(|s| s.leaves.is_none_or(|l| l >= from) && s.cost_fen > 0) {
            let book_before = accumulated_at(&self.conn, s, from.prev(), last)?;
            let book_acc = accumulated_at(&self.conn, s, to, last)?;
            let (tax, source) = match in_force.get(&s.id) {
                Some((e, source)) => (Some(*e), source.clone()),
                None => (None, TaxSource::Book),
            };
            let over_limit = tax.is_some_and(|e| e.method == TaxMethod::OneTime) && s.cost_fen > ONE_TIME_LIMIT_FEN;
            let note = if over_limit {
                "原值超过 500 万元，不适用一次性扣除，税务按账面折旧 / worth more than 5,000,000.00: no one-time deduction, tax follows the book".to_string()
            } else {
                String::new()
            };
            let (tax_before, tax_acc, tax_base) = match tax.filter(|_| !over_limit) {
                Some(e) => (tax_accumulated_through(s, &e, from.prev())?, tax_accumulated_through(s, &e, to)?, tax_cost_at_end(s, to)),
                None => (book_before, book_acc, s.cost_at_end(to)),
            };
            let book_net = s.net_at_end(to, book_acc);
            let tax_net = tax_base - tax_acc;
            let (book_charge, tax_charge) = (book_acc - book_before, tax_acc - tax_before);
            lines.push(TaxLine {
                code: s.code.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
                dept: s.dept.clone(),
                tax: if over_limit { None } else { tax },
                source,
                cost: from_cents(s.cost_at_end(to)),
                tax_base: from_cents(tax_base),
                book_charge: from_cents(book_charge),
                tax_charge: from_cents(tax_charge),
                adjustment: from_cents(book_charge - tax_charge),
                book_accumulated: from_cents(book_acc),
                tax_accumulated: from_cents(tax_acc),
                book_net: from_cents(book_net),
                tax_net: from_cents(tax_net),
                temporary_difference: from_cents(book_net - tax_net),
                note,
            });
        }
        let sum = |f: fn(&TaxLine) -> Money| lines.iter().map(f).sum::<Money>();
        Ok(TaxReport {
            from,
            to,
            book_charge: sum(|l| l.book_charge),
            tax_charge: sum(|l| l.tax_charge),
            adjustment: sum(|l| l.adjustment),
            temporary_difference: sum(|l| l.temporary_difference),
            lines,
        })
    }
}
