//! Depreciation allocation and its voucher (issue 21): the accounts per category and
//! department, the ledger defaults, the month's voucher (借 expense per department /
//! 贷 累计折旧 per category) and its export as xlsx or CSV for the accounting software.
//! Money as "1450.00" strings.

use std::path::Path;

use exchange::{Cell, ColumnKind};
use ledger::{format_money, parse_period, AccountDefaults, Lang, Voucher, VoucherSide};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::Table;
use crate::{Ctx, ExportDto, Result};

/// One voucher line: a debit (expense, per department and category) or a credit
/// (accumulated depreciation, per category).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "VoucherLine")]
pub struct VoucherLineDto {
    /// "debit" | "credit"
    pub side: String,
    /// 摘要
    pub summary: String,
    pub account: String,
    pub account_name: String,
    pub dept: Option<String>,
    pub cost_centre: String,
    pub category: String,
    #[ts(type = "number")]
    pub assets: i64,
    /// "" on a credit line.
    pub debit: String,
    /// "" on a debit line.
    pub credit: String,
}

/// A period's depreciation voucher (折旧分配凭证).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Voucher")]
pub struct VoucherDto {
    pub period: String,
    /// "enterprise" | "government"
    pub regime: String,
    pub lines: Vec<VoucherLineDto>,
    pub debit_total: String,
    pub credit_total: String,
    pub balanced: bool,
}

/// The ledger's default accounts (an empty expense account: none).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AccountDefaults")]
pub struct AccountDefaultsDto {
    pub expense_account: String,
    pub depreciation_account: String,
    pub asset_account: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "CategoryAccounts")]
pub struct CategoryAccountsDto {
    pub category: String,
    pub asset_account: String,
    pub depreciation_account: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "DeptAccounts")]
pub struct DeptAccountsDto {
    pub dept: String,
    pub expense_account: String,
    pub cost_centre: String,
}

/// A first-level account of the regime's chart, offered when typing a code.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AccountChoice")]
pub struct AccountChoiceDto {
    pub code: String,
    pub name: String,
}

/// Everything the accounts panel shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "Accounts")]
pub struct AccountsDto {
    pub regime: String,
    pub defaults: AccountDefaultsDto,
    pub categories: Vec<CategoryAccountsDto>,
    pub depts: Vec<DeptAccountsDto>,
    pub chart: Vec<AccountChoiceDto>,
}

fn summary(period: &str, dept: Option<&str>, category: &str, side: VoucherSide, lang: Lang) -> String {
    match (side, lang) {
        (VoucherSide::Debit, Lang::En) => format!("Depreciation {period} {} {category}", dept.unwrap_or("-")),
        (VoucherSide::Credit, Lang::En) => format!("Depreciation {period} {category}"),
        (VoucherSide::Debit, _) => format!("计提 {period} 折旧 {} {category}", dept.unwrap_or("（无部门）")),
        (VoucherSide::Credit, _) => format!("计提 {period} 折旧 {category}"),
    }
}

impl VoucherDto {
    fn new(v: &Voucher, lang: Lang) -> VoucherDto {
        let period = v.period.to_string();
        VoucherDto {
            regime: v.regime.as_str().into(),
            lines: v
                .lines
                .iter()
                .map(|l| VoucherLineDto {
                    side: if l.side == VoucherSide::Debit { "debit" } else { "credit" }.into(),
                    summary: summary(&period, l.dept.as_deref(), &l.category, l.side, lang),
                    account: l.account.clone(),
                    account_name: l.account_name.clone(),
                    dept: l.dept.clone(),
                    cost_centre: l.cost_centre.clone(),
                    category: l.category.clone(),
                    assets: l.assets,
                    debit: if l.side == VoucherSide::Debit { format_money(l.amount) } else { String::new() },
                    credit: if l.side == VoucherSide::Credit { format_money(l.amount) } else { String::new() },
                })
                .collect(),
            debit_total: format_money(v.debit_total),
            credit_total: format_money(v.credit_total),
            balanced: v.debit_total == v.credit_total,
            period,
        }
    }
}

/// The voucher of a posted period (refused, naming them, when a department or category
/// lacks an account).
pub fn voucher(cx: &mut Ctx, period_text: &str) -> Result<VoucherDto> {
    let p = parse_period("period", period_text)?;
    Ok(VoucherDto::new(&cx.ledger.depreciation_voucher(cx.actor, p, cx.lang)?, cx.lang))
}

/// The accounts of every category and department, the defaults and the regime's chart.
pub fn accounts(cx: &mut Ctx) -> Result<AccountsDto> {
    let regime = cx.ledger.accounting_regime(cx.actor)?;
    let d = cx.ledger.account_defaults(cx.actor)?;
    let en = cx.lang == Lang::En;
    Ok(AccountsDto {
        regime: regime.as_str().into(),
        defaults: AccountDefaultsDto { expense_account: d.expense_account, depreciation_account: d.depreciation_account, asset_account: d.asset_account },
        categories: cx
            .ledger
            .category_accounts(cx.actor)?
            .into_iter()
            .map(|c| CategoryAccountsDto { category: c.category, asset_account: c.asset_account, depreciation_account: c.depreciation_account })
            .collect(),
        depts: cx.ledger.dept_accounts(cx.actor)?.into_iter().map(|d| DeptAccountsDto { dept: d.dept, expense_account: d.expense_account, cost_centre: d.cost_centre }).collect(),
        chart: ledger::account_chart(regime).iter().map(|(code, zh, e)| AccountChoiceDto { code: code.to_string(), name: if en { e } else { zh }.to_string() }).collect(),
    })
}

pub fn set_defaults(cx: &mut Ctx, defaults: AccountDefaultsDto) -> Result<AccountDefaultsDto> {
    let d = AccountDefaults { expense_account: defaults.expense_account, depreciation_account: defaults.depreciation_account, asset_account: defaults.asset_account };
    cx.ledger.set_account_defaults(cx.actor, &d)?;
    Ok(accounts(cx)?.defaults)
}

/// A category's asset and accumulated-depreciation accounts (empty: the default).
pub fn set_category_accounts(cx: &mut Ctx, category: &str, asset_account: &str, depreciation_account: &str) -> Result<()> {
    cx.ledger.set_category_accounts(cx.actor, category, asset_account, depreciation_account)
}

/// A department's expense account (empty: the default) and cost centre.
pub fn set_dept_accounts(cx: &mut Ctx, dept: &str, expense_account: &str, cost_centre: &str) -> Result<()> {
    cx.ledger.set_dept_accounts(cx.actor, dept, expense_account, cost_centre)
}

/// The voucher as a sheet: one row a line, then the totals row (bold).
pub fn voucher_table(cx: &mut Ctx, period_text: &str) -> Result<Table> {
    let v = voucher(cx, period_text)?;
    let en = cx.lang == Lang::En;
    let columns = vec![
        exchange::column("摘要", "Summary", cx.lang, ColumnKind::Text, 28.0),
        exchange::column("科目代码", "Account", cx.lang, ColumnKind::Text, 10.0),
        exchange::column("科目名称", "Account name", cx.lang, ColumnKind::Text, 16.0),
        exchange::column("部门", "Department", cx.lang, ColumnKind::Text, 12.0),
        exchange::column("成本中心", "Cost centre", cx.lang, ColumnKind::Text, 10.0),
        exchange::column("资产类别", "Category", cx.lang, ColumnKind::Text, 14.0),
        exchange::column("资产数", "Assets", cx.lang, ColumnKind::Integer, 8.0),
        exchange::column("借方金额", "Debit", cx.lang, ColumnKind::Money, 14.0),
        exchange::column("贷方金额", "Credit", cx.lang, ColumnKind::Money, 14.0),
    ];
    let money = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Money(s.parse().expect("formatted money")) };
    let mut cells: Vec<Vec<Cell>> = v
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(l.summary.clone()),
                Cell::Text(l.account.clone()),
                Cell::Text(l.account_name.clone()),
                l.dept.clone().into(),
                Cell::Text(l.cost_centre.clone()),
                Cell::Text(l.category.clone()),
                Cell::Integer(l.assets),
                money(&l.debit),
                money(&l.credit),
            ]
        })
        .collect();
    cells.push(vec![
        Cell::Text(if en { "Total".into() } else { "合计".into() }),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        money(&v.debit_total),
        money(&v.credit_total),
    ]);
    let stem = if en { "depreciation-voucher" } else { "折旧分配" };
    let sheet = if en { format!("Voucher {}", v.period) } else { format!("折旧分配凭证 {}", v.period) };
    let mut table = Table::from_parts(stem, &sheet, (columns, cells));
    table.bold = vec![table.rows() - 1];
    Ok(table)
}

/// Whether `file` is to be written as CSV (by its extension), else a workbook.
pub fn is_csv(file: &Path) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Writes the voucher to `file` (CSV by its extension, else xlsx) and records the export.
pub fn export_voucher(cx: &mut Ctx, period_text: &str, file: &Path, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<ExportDto> {
    let table = voucher_table(cx, period_text)?;
    if is_csv(file) {
        exchange::write_csv(file, &table.columns, &table.cells).map_err(ledger::Error::from)?;
        progress(table.rows(), table.rows());
    } else {
        crate::export::write_xlsx(&table, file, progress)?;
    }
    crate::export::recorded(cx, &file.display().to_string(), table.rows())
}
