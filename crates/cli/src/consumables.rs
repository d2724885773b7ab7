//! `assetdesk consumable ...` (issue 7): low-value consumables (低值易耗品) — items,
//! receipts, issues, returns, count adjustments, voids, the stock list, movements,
//! statistics and next year's budget. See ../shared/CLI.md for the contract.

use std::path::PathBuf;

use api::consumables::{BudgetPlan, BudgetQuery, ConsumableList, ItemInput, ItemPatch, MoveDto, MoveKind, MoveQueryDto, MoveRequest, StatsQueryDto};
use api::{Lang, Result};
use clap::Subcommand;
use serde_json::{json, Value};

use crate::args::Cli;
use crate::export::write_table;
use crate::output::Output;
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum ConsumableCommand {
    /// Items (品目): add or change one.
    #[command(subcommand)]
    Item(ItemCommand),
    /// 入库: receive stock at a unit price (weighted average cost).
    Receive {
        /// The item's code (HC-0001) or exact name.
        item: String,
        #[arg(long, value_name = "QTY")]
        qty: String,
        #[arg(long, value_name = "AMOUNT")]
        price: String,
        /// By its name in the supplier register (a new name is added to the register).
        #[arg(long, value_name = "SUPPLIER")]
        supplier: Option<String>,
        #[command(flatten)]
        common: MoveCommon,
    },
    /// 领用: issue to a department and/or person; more than the stock is refused.
    Issue {
        item: String,
        #[arg(long, value_name = "QTY")]
        qty: String,
        #[arg(long, value_name = "DEPT")]
        dept: Option<String>,
        #[arg(long, value_name = "PERSON")]
        person: Option<String>,
        #[arg(long, value_name = "TEXT")]
        purpose: Option<String>,
        #[command(flatten)]
        common: MoveCommon,
    },
    /// 退库: bring back part or all of an issue, at the cost it went out at.
    Return {
        /// The issue document, e.g. HL-2026-00012.
        #[arg(value_name = "ISSUE_DOC")]
        doc: String,
        #[arg(long, value_name = "QTY")]
        qty: String,
        #[command(flatten)]
        common: MoveCommon,
    },
    /// 盘点调整: set the stock to the counted quantity, with the reason.
    Adjust {
        item: String,
        #[arg(long, value_name = "QTY")]
        counted: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[command(flatten)]
        common: MoveCommon,
    },
    /// 冲销: void a mistaken movement (refused when the stock would not stay whole).
    Void {
        #[arg(value_name = "DOCNO")]
        doc: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// The stock on hand: quantity, value and average cost per item.
    Stock {
        /// Words in the code, name, type or spec.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Only items at or below their low-stock threshold.
        #[arg(long)]
        low: bool,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// Movements (单据), newest first.
    Moves {
        #[arg(long, value_parser = ["receive", "issue", "return", "adjust", "void"])]
        kind: Option<String>,
        #[arg(long, value_name = "ITEM")]
        item: Option<String>,
        #[arg(long, value_name = "DEPT")]
        dept: Option<String>,
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        #[arg(long, value_name = "N")]
        limit: Option<i64>,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// One movement; --pdf prints its slip.
    Show {
        #[arg(value_name = "DOCNO")]
        doc: String,
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        #[arg(long, value_parser = ["a4", "a5"], default_value = "a5")]
        paper: String,
    },
    /// 领用统计: net consumption by department, person, type or item.
    Stats {
        #[arg(long, value_parser = ["dept", "person", "type", "item"])]
        by: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// Split by month, quarter or year.
        #[arg(long, value_parser = ["month", "quarter", "year"])]
        period: Option<String>,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// 采购预算: next year's forecast per item and type from past consumption.
    Budget {
        /// The budget year (default: next year).
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// The end of the 12 months the forecast reads (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// Set an item's planned quantity and/or price in a year's budget (both empty: back to the forecast).
    Plan {
        item: String,
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        #[arg(long, value_name = "QTY", default_value = "")]
        qty: String,
        #[arg(long, value_name = "AMOUNT", default_value = "")]
        price: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ItemCommand {
    /// A new item; prints its code (HC-0001).
    Add {
        #[arg(long, value_name = "TEXT")]
        name: String,
        #[arg(long = "type", value_name = "TEXT")]
        kind: String,
        #[arg(long, value_name = "TEXT")]
        unit: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        spec: String,
        /// Low-stock threshold: at or below it the item is on the home screen's reminder.
        #[arg(long, value_name = "QTY", default_value = "")]
        threshold: String,
    },
    /// Change an item's name, type, spec, unit or threshold (the flags given).
    Edit {
        item: String,
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        #[arg(long = "type", value_name = "TEXT")]
        kind: Option<String>,
        #[arg(long, value_name = "TEXT")]
        unit: Option<String>,
        #[arg(long, value_name = "TEXT")]
        spec: Option<String>,
        #[arg(long, value_name = "QTY")]
        threshold: Option<String>,
    },
    /// 停用: an item no longer bought (its stock must be zero); it leaves the budget and reminders.
    Deactivate { item: String },
    /// 启用: bring a deactivated item back.
    Activate { item: String },
}

/// Flags every movement takes.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct MoveCommon {
    /// Document date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn move_json(m: &MoveDto) -> Value {
    json!({
        "doc": m.doc_no, "kind": m.kind, "date": m.date, "item": m.item_code, "name": m.item_name, "unit": m.unit,
        "qty": m.qty, "unit_price": m.unit_price, "value": m.value,
        "dept": m.dept, "person": m.person, "supplier": m.supplier, "purpose": m.purpose, "reason": m.reason, "notes": m.notes,
        "operator": m.operator, "state": m.state, "source": m.source, "voided_by": m.voided_by,
        "qty_after": m.qty_after, "value_after": m.value_after,
    })
}

pub fn consumable(cli: &Cli, out: &Output, cmd: &ConsumableCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let en = out.lang == Lang::En;
    let request = |kind: MoveKind, item: &str, qty: &str, common: &MoveCommon| MoveRequest {
        date: opt(&common.date),
        notes: opt(&common.notes),
        ..MoveRequest::new(kind, item, qty)
    };
    let post = |cx: &mut api::Ctx, req: MoveRequest| -> Result<()> {
        let doc = api::consumables::post(cx, &req)?;
        out.result(json!({"doc": doc}), || doc.clone());
        Ok(())
    };
    match cmd {
        ConsumableCommand::Item(ItemCommand::Add { name, kind, unit, spec, threshold }) => {
            let input = ItemInput { name: name.clone(), kind: kind.clone(), spec: spec.clone(), unit: unit.clone(), threshold: threshold.clone() };
            let code = api::consumables::add_item(cx, &input)?;
            out.result(json!({"item": code}), || code.clone());
        }
        ConsumableCommand::Item(ItemCommand::Edit { item, name, kind, unit, spec, threshold }) => {
            let patch = ItemPatch { name: name.clone(), kind: kind.clone(), spec: spec.clone(), unit: unit.clone(), threshold: threshold.clone() };
            let code = api::consumables::patch_item(cx, item, patch)?;
            out.result(json!({"item": code}), || format!("changed {code}"));
        }
        ConsumableCommand::Item(ItemCommand::Deactivate { item } | ItemCommand::Activate { item }) => {
            let active = matches!(cmd, ConsumableCommand::Item(ItemCommand::Activate { .. }));
            api::consumables::set_item_active(cx, item, active)?;
            out.result(json!({"item": item, "active": active}), || format!("{item}: {}", if active { "activated" } else { "deactivated" }));
        }
        ConsumableCommand::Receive { item, qty, price, supplier, common } => {
            post(cx, MoveRequest { price: price.clone(), supplier: opt(supplier), ..request(MoveKind::Receive, item, qty, common) })?;
        }
        ConsumableCommand::Issue { item, qty, dept, person, purpose, common } => {
            post(cx, MoveRequest { dept: opt(dept), person: opt(person), purpose: opt(purpose), ..request(MoveKind::Issue, item, qty, common) })?;
        }
        ConsumableCommand::Return { doc, qty, common } => {
            post(cx, MoveRequest { source: doc.clone(), ..request(MoveKind::Return, "", qty, common) })?;
        }
        ConsumableCommand::Adjust { item, counted, reason, common } => {
            post(cx, MoveRequest { reason: reason.clone(), ..request(MoveKind::Adjust, item, counted, common) })?;
        }
        ConsumableCommand::Void { doc, reason } => {
            let void = api::consumables::void(cx, doc, reason)?;
            out.result(json!({"doc": void, "voided": doc}), || format!("{void} voids {doc}"));
        }
        ConsumableCommand::Stock { query, low, xlsx } => {
            let rows = api::consumables::stock(cx, &opt(query), *low)?;
            if let Some(file) = xlsx {
                let table = api::consumables::table(cx, ConsumableList::Stock { text: opt(query), low_only: *low })?;
                write_table(out, cx, file, &table)?;
            }
            let value: Vec<Value> = rows.iter().map(|r| json!({"item": r.code, "name": r.name, "qty": r.qty, "value": r.value, "unit_cost": r.unit_cost})).collect();
            out.result(Value::Array(value), || {
                rows.iter()
                    .map(|r| format!("{}\t{}\t{} {}\t{}\t{}{}", r.code, r.name, r.qty, r.unit, r.unit_cost, r.value, if r.low { "\tLOW" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsumableCommand::Moves { kind, item, dept, query, from, to, limit, xlsx } => {
            let q = MoveQueryDto { kind: kind.clone(), text: opt(query), item: opt(item), dept: opt(dept), from: from.clone(), to: to.clone(), limit: limit.unwrap_or(0) };
            let rows = api::consumables::moves(cx, q.clone())?;
            if let Some(file) = xlsx {
                let table = api::consumables::table(cx, ConsumableList::Moves(q))?;
                write_table(out, cx, file, &table)?;
            }
            out.result(Value::Array(rows.iter().map(move_json).collect()), || {
                rows.iter()
                    .map(|m| format!("{}\t{}\t{}\t{} {}\t{}\t{}\t{}", m.doc_no, m.date, m.kind, m.item_code, m.item_name, m.qty, m.value, m.state))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsumableCommand::Show { doc, pdf, paper } => {
            let m = api::consumables::movement(cx, doc)?;
            if let Some(file) = pdf {
                std::fs::write(file, api::consumables::slip_pdf(cx, doc, paper)?.1)?;
            }
            out.result(move_json(&m), || format!("{}  {}  {}  {} {}  {} {}  {}  {}", m.doc_no, m.kind_label, m.date, m.item_code, m.item_name, m.qty, m.unit, m.value, m.state));
        }
        ConsumableCommand::Stats { by, from, to, period, xlsx, pdf } => {
            let q = StatsQueryDto { by: by.clone(), period: opt(period), from: from.clone(), to: to.clone() };
            let stats = api::consumables::stats(cx, q.clone())?;
            if let Some(file) = pdf {
                api::consumables::stats_pdf(cx, q.clone(), |_| file.clone())?;
            }
            if let Some(file) = xlsx {
                let table = api::consumables::table(cx, ConsumableList::Stats(q))?;
                write_table(out, cx, file, &table)?;
            }
            let value: Vec<Value> = stats
                .rows
                .iter()
                .map(|r| {
                    let mut v = json!({"name": r.name, "qty": r.qty, "value": r.value});
                    if stats.by == "item" {
                        v["item"] = json!(r.key);
                        v["unit"] = json!(r.unit);
                    }
                    if stats.by_period {
                        v["period"] = json!(r.period);
                    }
                    v
                })
                .collect();
            out.result(Value::Array(value), || {
                let mut lines: Vec<String> =
                    stats.rows.iter().map(|r| format!("{}{}\t{}\t{}", if r.period.is_empty() { String::new() } else { format!("{}\t", r.period) }, r.key, r.qty, r.value)).collect();
                lines.push(format!("{}\t\t{}", if en { "total" } else { "合计" }, stats.total_value));
                lines.join("\n")
            });
        }
        ConsumableCommand::Budget { year, as_of, xlsx } => {
            let query = BudgetQuery { year: *year, as_of: as_of.clone() };
            let b = api::consumables::budget(cx, &query)?;
            if let Some(file) = xlsx {
                let table = api::consumables::table(cx, ConsumableList::Budget(query))?;
                write_table(out, cx, file, &table)?;
            }
            let value = json!({
                "year": b.year, "as_of": b.as_of, "total": b.total,
                "totals": b.totals.iter().map(|t| json!({"type": t.kind, "amount": t.amount})).collect::<Vec<_>>(),
                "lines": b.lines.iter().map(|l| json!({
                    "item": l.code, "name": l.name, "type": l.kind, "unit": l.unit, "last12": l.last12, "trend": l.trend,
                    "forecast": l.forecast, "qty": l.qty, "price": l.price, "amount": l.amount,
                    "overridden": l.overridden, "note": l.note,
                })).collect::<Vec<_>>(),
            });
            out.result(value, || {
                let mut text: Vec<String> = b
                    .lines
                    .iter()
                    .map(|l| format!("{}\t{}\t{}\t{} {}\t{}\t{}{}", l.code, l.name, l.kind, l.qty, l.unit, l.price, l.amount, if l.overridden { "\t*" } else { "" }))
                    .collect();
                text.extend(b.totals.iter().map(|t| format!("{}\t{}", t.kind, t.amount)));
                text.push(format!("{} {}\t{}", b.year, if en { "total" } else { "合计" }, b.total));
                text.join("\n")
            });
        }
        ConsumableCommand::Plan { item, year, qty, price, note } => {
            let plan = BudgetPlan { year: *year, item: item.clone(), qty: qty.clone(), price: price.clone(), note: note.clone() };
            let b = api::consumables::plan_budget(cx, &plan)?;
            out.result(json!({"item": item, "year": b.year, "qty": qty, "price": price}), || format!("{item}: planned for {}", b.year));
        }
    }
    Ok(())
}
