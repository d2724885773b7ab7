//! Issue 21 on the command line: the category tree and its seed (`register category …`),
//! department accounts (`register dept accounts …`), and the depreciation voucher
//! (`depreciation allocate`, `depreciation accounts`), through `api::registers` and
//! `api::allocation`.

use std::path::PathBuf;

use api::allocation::{self, AccountDefaultsDto, VoucherDto};
use api::{registers, Result};
use clap::Subcommand;
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::{Output, ProgressBar};
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum CategoryCommand {
    /// The categories as a tree (parents first, children indented).
    Tree,
    /// Add a category, under --parent when given.
    Add {
        name: String,
        #[arg(long, value_name = "PARENT")]
        parent: Option<String>,
    },
    /// Move a category under --parent (without it: to the top); no cycles.
    Move {
        name: String,
        #[arg(long, value_name = "PARENT")]
        parent: Option<String>,
    },
    /// Seed a standard's categories: gbt14885 (GB/T 14885-2022 classes with minimum lives). Idempotent.
    Seed {
        #[arg(value_parser = ["gbt14885"])]
        standard: String,
    },
    /// A category's accounts: asset (固定资产) and accumulated depreciation (累计折旧); empty: the default.
    Accounts {
        name: String,
        #[arg(long, value_name = "CODE", default_value = "")]
        asset_account: String,
        #[arg(long, value_name = "CODE", default_value = "")]
        depreciation_account: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum DeptCommand {
    /// A department's expense account (借方科目, e.g. 6602 管理费用) and cost centre; empty account: the default.
    Accounts {
        name: String,
        #[arg(long, value_name = "CODE", default_value = "")]
        expense_account: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        cost_centre: String,
    },
}

pub fn category(cli: &Cli, out: &Output, cmd: &CategoryCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        CategoryCommand::Tree => {
            let nodes = registers::category_tree(cx)?;
            out.result(serde_json::to_value(&nodes).expect("JSON"), || {
                nodes
                    .iter()
                    .map(|n| {
                        let code = n.class_code.as_deref().map(|c| format!("{c} ")).unwrap_or_default();
                        let life = match (n.life_years, &n.life_from) {
                            (Some(y), Some(from)) => format!("\tlife {y}y (from {from})"),
                            (Some(y), None) => format!("\tlife {y}y"),
                            (None, _) => String::new(),
                        };
                        let min = n.min_life_years.map(|y| format!("\tmin {y}y")).unwrap_or_default();
                        format!("{}{code}{}\t{}{life}{min}{}", "  ".repeat(n.depth), n.name, n.asset_count, if n.active { "" } else { "\t(inactive)" })
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        CategoryCommand::Add { name, parent } => {
            registers::add_category(cx, name, parent.as_deref())?;
            out.result(json!({"name": name, "parent": parent}), || format!("added {name}"));
        }
        CategoryCommand::Move { name, parent } => {
            registers::move_category(cx, name, parent.as_deref())?;
            out.result(json!({"name": name, "parent": parent}), || format!("{name} now under {}", parent.as_deref().unwrap_or("(top)")));
        }
        CategoryCommand::Seed { standard } => {
            let o = registers::seed_categories(cx, standard)?;
            out.result(serde_json::to_value(&o).expect("JSON"), || {
                format!("{standard}: {} added, {} placed in the tree, {} already there, {} minimum lives set", o.added, o.placed, o.unchanged, o.min_lives_set)
            });
        }
        CategoryCommand::Accounts { name, asset_account, depreciation_account } => {
            allocation::set_category_accounts(cx, name, asset_account, depreciation_account)?;
            out.result(json!({"category": name, "asset_account": asset_account.trim(), "depreciation_account": depreciation_account.trim()}), || {
                format!("{name}: asset {} accumulated depreciation {}", or_default(asset_account), or_default(depreciation_account))
            });
        }
    }
    Ok(())
}

fn or_default(code: &str) -> &str {
    if code.trim().is_empty() {
        "(default)"
    } else {
        code.trim()
    }
}

pub fn dept(cli: &Cli, out: &Output, cmd: &DeptCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        DeptCommand::Accounts { name, expense_account, cost_centre } => {
            allocation::set_dept_accounts(cx, name, expense_account, cost_centre)?;
            out.result(json!({"dept": name, "expense_account": expense_account.trim(), "cost_centre": cost_centre.trim()}), || {
                format!("{name}: expense {} cost centre {}", or_default(expense_account), if cost_centre.trim().is_empty() { "-" } else { cost_centre.trim() })
            });
        }
    }
    Ok(())
}

/// `depreciation allocate`: the voucher as JSON or text, and the files asked for.
pub fn allocate(cli: &Cli, out: &Output, period: &str, xlsx: Option<&PathBuf>, csv: Option<&PathBuf>) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let v: VoucherDto = allocation::voucher(cx, period)?;
    for file in [xlsx, csv].into_iter().flatten() {
        let mut bar = ProgressBar::new(out, "export");
        allocation::export_voucher(cx, period, file, &mut |done, total| {
            bar.show(done, total);
            true
        })?;
        bar.finish();
    }
    out.result(serde_json::to_value(&v).expect("JSON"), || {
        let mut text: Vec<String> = v
            .lines
            .iter()
            .map(|l| {
                let side = if l.side == "debit" { "借" } else { "贷" };
                format!("{side}\t{}\t{}\t{}\t{}\t{}\t{}{}", l.account, l.account_name, l.dept.as_deref().unwrap_or("-"), l.category, if l.cost_centre.is_empty() { "-" } else { &l.cost_centre }, l.debit, l.credit)
            })
            .collect();
        text.push(format!("total debit {} credit {}", v.debit_total, v.credit_total));
        text.join("\n")
    });
    Ok(())
}

/// `depreciation accounts`: sets the defaults given, then shows every account.
pub fn accounts(cli: &Cli, out: &Output, expense: Option<&str>, depreciation: Option<&str>, asset: Option<&str>) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    if expense.is_some() || depreciation.is_some() || asset.is_some() {
        let now = allocation::accounts(cx)?.defaults;
        let pick = |new: Option<&str>, old: String| new.map(str::to_string).unwrap_or(old);
        allocation::set_defaults(
            cx,
            AccountDefaultsDto {
                expense_account: pick(expense, now.expense_account),
                depreciation_account: pick(depreciation, now.depreciation_account),
                asset_account: pick(asset, now.asset_account),
            },
        )?;
    }
    let a = allocation::accounts(cx)?;
    let value: Value = serde_json::to_value(&a).expect("JSON");
    out.result(value, || {
        let mut text = vec![format!(
            "{} defaults: expense {} · accumulated depreciation {} · asset {}",
            a.regime,
            if a.defaults.expense_account.is_empty() { "(none)" } else { &a.defaults.expense_account },
            a.defaults.depreciation_account,
            a.defaults.asset_account
        )];
        text.extend(a.depts.iter().map(|d| format!("  dept {}\t{}\t{}", d.dept, or_default(&d.expense_account), d.cost_centre)));
        text.extend(a.categories.iter().map(|c| format!("  category {}\t{}\t{}", c.category, or_default(&c.asset_account), or_default(&c.depreciation_account))));
        text.push(format!("  chart: {}", a.chart.iter().map(|c| format!("{} {}", c.code, c.name)).collect::<Vec<_>>().join(", ")));
        text.join("\n")
    });
    Ok(())
}
