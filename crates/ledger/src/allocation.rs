//! Depreciation allocation (折旧分配) and its voucher (记账凭证), issue 21: a posted
//! month's depreciation grouped by department (its expense account and cost centre) and
//! category (its accumulated-depreciation account) into one balanced voucher —
//! 借 the departments' expense accounts, 贷 the categories' 累计折旧.
//!
//! Accounts: a category's own, else the ledger default (built in: 1601 / 1602, the same
//! codes in both regimes' charts); a department's expense account, else the ledger
//! default expense account, which is empty until the clerk sets it (no silent guess of
//! 管理费用 for a workshop). A voucher that would need a missing account is refused with
//! every department and category at fault named; nothing is exported.

use std::collections::BTreeMap;

use depreciation::Period;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::accounting::{self, Regime};
use crate::auth::{Actor, Permission};
use crate::error::{quoted, Error, Result};
use crate::ledger::Ledger;
use crate::money::Money;
use crate::registers::{self, RegisterKind};
use crate::{audit, settings};

const DEFAULT_EXPENSE: &str = "accounting.expense_account";
const DEFAULT_DEPRECIATION: &str = "accounting.depreciation_account";
const DEFAULT_ASSET: &str = "accounting.asset_account";

/// The accounts used where a category or department has none of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDefaults {
    /// Empty: none (a department without its own account is then an error).
    pub expense_account: String,
    pub depreciation_account: String,
    pub asset_account: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryAccounts {
    pub category: String,
    pub asset_account: String,
    pub depreciation_account: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptAccounts {
    pub dept: String,
    pub expense_account: String,
    pub cost_centre: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoucherSide {
    Debit,
    Credit,
}

/// One line of the voucher: a debit per department and category, a credit per category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoucherLine {
    pub side: VoucherSide,
    pub account: String,
    /// The first-level account's name in the regime's chart, when the code is one of it.
    pub account_name: String,
    /// Debit lines: the department (None: assets without one).
    pub dept: Option<String>,
    pub cost_centre: String,
    pub category: String,
    pub assets: i64,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    pub period: Period,
    pub regime: Regime,
    /// Debits first (by department, then category), then credits (by category).
    pub lines: Vec<VoucherLine>,
    pub debit_total: Money,
    pub credit_total: Money,
}

/// The first-level accounts of each regime's chart the voucher uses (code, zh, en):
/// 政府会计制度 (财会〔2017〕25号) and 企业会计准则应用指南's chart.
pub const GOVERNMENT_ACCOUNTS: &[(&str, &str, &str)] = &[
    ("1601", "固定资产", "Fixed assets"),
    ("1602", "固定资产累计折旧", "Accumulated depreciation of fixed assets"),
    ("5001", "业务活动费用", "Operating activity expenses"),
    ("5101", "单位管理费用", "Unit administrative expenses"),
    ("5201", "经营费用", "Business expenses"),
];
pub const ENTERPRISE_ACCOUNTS: &[(&str, &str, &str)] = &[
    ("1601", "固定资产", "Fixed assets"),
    ("1602", "累计折旧", "Accumulated depreciation"),
    ("5001", "生产成本", "Production cost"),
    ("5101", "制造费用", "Manufacturing overhead"),
    ("5301", "研发支出", "R&D expenditure"),
    ("6601", "销售费用", "Selling expenses"),
    ("6602", "管理费用", "Administrative expenses"),
];

/// The chart a regime's vouchers use.
pub fn chart(regime: Regime) -> &'static [(&'static str, &'static str, &'static str)] {
    match regime {
        Regime::Government => GOVERNMENT_ACCOUNTS,
        Regime::Enterprise => ENTERPRISE_ACCOUNTS,
    }
}

/// The name of `code`'s first-level account (its first four characters) in the chart.
fn account_name(regime: Regime, code: &str, lang: crate::Lang) -> String {
    let top: String = code.chars().take(4).collect();
    chart(regime)
        .iter()
        .find(|(c, _, _)| *c == top)
        .map(|(_, zh, en)| if lang == crate::Lang::En { en.to_string() } else { zh.to_string() })
        .unwrap_or_default()
}

/// An account code as accounting software takes it: 1 to 30 letters, digits, '.', '-'
/// or '_' (6602, 660201, 6602.01). Empty clears.
fn account_code(field: &str, text: &str) -> Result<String> {
    let code = text.trim();
    if code.chars().count() > 30 || !code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(Error::invalid(
            field,
            format!("account code '{}' must be up to 30 letters, digits, '.', '-' or '_' (e.g. 6602 or 6602.01)", quoted(code)),
            format!("科目代码「{}」须为不超过 30 位的字母、数字或 . - _（如 6602 或 6602.01）", quoted(code)),
        ));
    }
    Ok(code.to_string())
}

fn cost_centre(text: &str) -> Result<String> {
    let c = text.trim();
    if c.chars().count() > 30 || c.chars().any(char::is_control) {
        return Err(Error::invalid("cost_centre", "a cost centre is up to 30 characters", "成本中心不超过 30 个字符"));
    }
    Ok(c.to_string())
}

fn defaults(conn: &Connection) -> Result<AccountDefaults> {
    Ok(AccountDefaults {
        expense_account: settings::get(conn, DEFAULT_EXPENSE)?.unwrap_or_default(),
        depreciation_account: settings::get(conn, DEFAULT_DEPRECIATION)?.unwrap_or_else(|| "1602".into()),
        asset_account: settings::get(conn, DEFAULT_ASSET)?.unwrap_or_else(|| "1601".into()),
    })
}

fn existing(conn: &Connection, kind: RegisterKind, name: &str) -> Result<i64> {
    registers::find(conn, kind, name.trim())?.map(|(id, _)| id).ok_or_else(|| {
        Error::not_found(
            format!("no {} named '{}'", kind.label(crate::Lang::En), quoted(name.trim())),
            format!("没有名为「{}」的{}", quoted(name.trim()), kind.label(crate::Lang::ZhCn)),
        )
        .with_field(kind.as_str())
    })
}

impl Ledger {
    pub fn account_defaults(&self, actor: &Actor) -> Result<AccountDefaults> {
        actor.require(Permission::ViewAssets)?;
        defaults(&self.conn)
    }

    /// Sets the ledger's default accounts; the accumulated-depreciation and asset
    /// accounts cannot be empty (every category falls back to them).
    pub fn set_account_defaults(&mut self, actor: &Actor, new: &AccountDefaults) -> Result<()> {
        actor.require(Permission::ManageSettings)?;
        let mut errors = Vec::new();
        let mut check = |field: &str, text: &str, required: bool| match account_code(field, text) {
            Ok(c) if c.is_empty() && required => {
                errors.push(Error::invalid(field, "this default account cannot be empty", "该默认科目不能为空"));
                c
            }
            Ok(c) => c,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        let expense = check("expense_account", &new.expense_account, false);
        let depreciation = check("depreciation_account", &new.depreciation_account, true);
        let asset = check("asset_account", &new.asset_account, true);
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let before = defaults(&self.conn)?;
        let tx = crate::db::begin(&mut self.conn)?;
        for (key, old, value) in [
            (DEFAULT_EXPENSE, before.expense_account, expense),
            (DEFAULT_DEPRECIATION, before.depreciation_account, depreciation),
            (DEFAULT_ASSET, before.asset_account, asset),
        ] {
            if old != value {
                settings::put(&tx, key, &value)?;
                audit::record(&tx, &actor.name, "setting_change", key, &format!("{old} -> {value}"))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Sets a category's asset and accumulated-depreciation accounts (empty: the default).
    pub fn set_category_accounts(&mut self, actor: &Actor, category: &str, asset_account: &str, depreciation_account: &str) -> Result<()> {
        let checked = [account_code("asset_account", asset_account), account_code("depreciation_account", depreciation_account)];
        let upsert = "INSERT INTO category_accounts(category_id, asset_account, depreciation_account) VALUES (?1, ?2, ?3) \
                      ON CONFLICT(category_id) DO UPDATE SET asset_account = excluded.asset_account, depreciation_account = excluded.depreciation_account";
        self.save_accounts(actor, (RegisterKind::Category, category), checked, upsert, "category_accounts")
    }

    /// Sets a department's expense account and cost centre (empty account: the default).
    pub fn set_dept_accounts(&mut self, actor: &Actor, dept: &str, expense_account: &str, centre: &str) -> Result<()> {
        let checked = [account_code("expense_account", expense_account), cost_centre(centre)];
        let upsert = "INSERT INTO department_accounts(dept_id, expense_account, cost_centre) VALUES (?1, ?2, ?3) \
                      ON CONFLICT(dept_id) DO UPDATE SET expense_account = excluded.expense_account, cost_centre = excluded.cost_centre";
        self.save_accounts(actor, (RegisterKind::Department, dept), checked, upsert, "dept_accounts")
    }

    /// Stores an entry's two checked values with `upsert` (?1 its id), audited as `action`.
    fn save_accounts(&mut self, actor: &Actor, (kind, name): (RegisterKind, &str), checked: [Result<String>; 2], upsert: &str, action: &str) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let (first, second) = match checked {
            [Ok(a), Ok(b)] => (a, b),
            [a, b] => return Err(Error::combine([a.err(), b.err()].into_iter().flatten().collect()).expect("one of them failed")),
        };
        let tx = crate::db::begin(&mut self.conn)?;
        let id = existing(&tx, kind, name)?;
        tx.execute(upsert, params![id, first, second])?;
        audit::record(&tx, &actor.name, action, name.trim(), &format!("{first} {second}"))?;
        tx.commit()?;
        Ok(())
    }

    /// Every category's own accounts (empty where the default applies), by name.
    pub fn category_accounts(&self, actor: &Actor) -> Result<Vec<CategoryAccounts>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT c.name, COALESCE(a.asset_account, ''), COALESCE(a.depreciation_account, '') FROM categories c \
             LEFT JOIN category_accounts a ON a.category_id = c.id ORDER BY c.name",
        )?;
        let rows = stmt
            .query_map([], |r| Ok(CategoryAccounts { category: r.get(0)?, asset_account: r.get(1)?, depreciation_account: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every department's expense account and cost centre (empty where none), by name.
    pub fn dept_accounts(&self, actor: &Actor) -> Result<Vec<DeptAccounts>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT d.name, COALESCE(a.expense_account, ''), COALESCE(a.cost_centre, '') FROM departments d \
             LEFT JOIN department_accounts a ON a.dept_id = d.id ORDER BY d.name",
        )?;
        let rows = stmt
            .query_map([], |r| Ok(DeptAccounts { dept: r.get(0)?, expense_account: r.get(1)?, cost_centre: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The voucher of a posted period's depreciation (as the actor may see it: a normal
    /// user's own department). Refused when the period is not posted, or when a
    /// department or category lacks an account (all of them named at once).
    pub fn depreciation_voucher(&self, actor: &Actor, period: Period, lang: crate::Lang) -> Result<Voucher> {
        actor.require(Permission::ViewAssets)?;
        let conn = &self.conn;
        let run_id: i64 = conn
            .query_row("SELECT id FROM depreciation_runs WHERE state = 'posted' AND period = ?1", [period.to_string()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found(format!("period {period} is not posted"), format!("期间 {period} 尚未计提折旧")).with_field("period"))?;
        let regime = accounting::regime(conn)?;
        let defaults = defaults(conn)?;
        // (dept, category) → (assets, fen), with the accounts each group posts to.
        struct Group {
            dept: Option<String>,
            expense: String,
            centre: String,
            category: String,
            depreciation: String,
            assets: i64,
            fen: i64,
        }
        let mut stmt = conn.prepare(
            "SELECT d.name, COALESCE(da.expense_account, ''), COALESCE(da.cost_centre, ''), COALESCE(c.name, ''), COALESCE(ca.depreciation_account, ''), \
                    COUNT(*), SUM(l.amount_fen) \
             FROM depreciation_lines l JOIN assets a ON a.id = l.asset_id \
             LEFT JOIN departments d ON d.id = l.dept_id LEFT JOIN department_accounts da ON da.dept_id = l.dept_id \
             LEFT JOIN categories c ON c.id = l.category_id LEFT JOIN category_accounts ca ON ca.category_id = l.category_id \
             WHERE l.run_id = ?1 AND l.amount_fen > 0 AND (?2 IS NULL OR a.dept_id = ?2) \
             GROUP BY l.dept_id, l.category_id ORDER BY d.name IS NULL, d.name, c.name",
        )?;
        let groups: Vec<Group> = stmt
            .query_map(params![run_id, actor.scope_dept()], |r| {
                Ok(Group {
                    dept: r.get(0)?,
                    expense: r.get(1)?,
                    centre: r.get(2)?,
                    category: r.get(3)?,
                    depreciation: r.get(4)?,
                    assets: r.get(5)?,
                    fen: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let fallback = |own: &str, default: &str| if own.is_empty() { default.to_string() } else { own.to_string() };
        let mut missing_depts: Vec<String> = Vec::new();
        let mut missing_categories: Vec<String> = Vec::new();
        let mut lines = Vec::new();
        let mut credits: BTreeMap<String, (String, i64, i64)> = BTreeMap::new();
        for g in &groups {
            let expense = fallback(&g.expense, &defaults.expense_account);
            let dept_label = g.dept.clone().unwrap_or_else(|| if lang == crate::Lang::En { "(no department)".into() } else { "（无部门）".into() });
            if expense.is_empty() && !missing_depts.contains(&dept_label) {
                missing_depts.push(dept_label);
            }
            let depreciation = fallback(&g.depreciation, &defaults.depreciation_account);
            if depreciation.is_empty() && !missing_categories.contains(&g.category) {
                missing_categories.push(g.category.clone());
            }
            lines.push(VoucherLine {
                side: VoucherSide::Debit,
                account_name: account_name(regime, &expense, lang),
                account: expense,
                dept: g.dept.clone(),
                cost_centre: g.centre.clone(),
                category: g.category.clone(),
                assets: g.assets,
                amount: Decimal::new(g.fen, 2),
            });
            let credit = credits.entry(g.category.clone()).or_insert((depreciation, 0, 0));
            credit.1 += g.assets;
            credit.2 += g.fen;
        }
        if !missing_depts.is_empty() || !missing_categories.is_empty() {
            let mut en = Vec::new();
            let mut zh = Vec::new();
            if !missing_depts.is_empty() {
                en.push(format!("no expense account for department {} (set it on the department, or a default expense account)", missing_depts.join(", ")));
                zh.push(format!("部门「{}」未设置费用科目（请在部门上设置，或设置默认费用科目）", missing_depts.join("」「")));
            }
            if !missing_categories.is_empty() {
                en.push(format!("no accumulated depreciation account for category {}", missing_categories.join(", ")));
                zh.push(format!("类别「{}」未设置累计折旧科目", missing_categories.join("」「")));
            }
            return Err(Error::invalid(
                "accounts",
                format!("the {period} voucher cannot be made: {}", en.join("; ")),
                format!("无法生成 {period} 折旧凭证：{}", zh.join("；")),
            ));
        }
        for (category, (account, assets, fen)) in credits {
            lines.push(VoucherLine {
                side: VoucherSide::Credit,
                account_name: account_name(regime, &account, lang),
                account,
                dept: None,
                cost_centre: String::new(),
                category,
                assets,
                amount: Decimal::new(fen, 2),
            });
        }
        let total = |side| lines.iter().filter(|l| l.side == side).map(|l| l.amount).sum::<Decimal>();
        let (debit_total, credit_total) = (total(VoucherSide::Debit), total(VoucherSide::Credit));
        debug_assert_eq!(debit_total, credit_total, "a voucher balances by construction");
        Ok(Voucher { period, regime, lines, debit_total, credit_total })
    }
}
