//! `assetdesk consumable ...` (issue 7): low-value consumables (低值易耗品) — items,
//! receipts, issues, returns, count adjustments, voids, the stock list, movements,
//! statistics and next year's budget. See ../shared/CLI.md for the contract.

use std::path::PathBuf;

use clap::Subcommand;
use ledger::{format_money, format_qty, ItemInput, Lang, MoveKind, MoveQuery, MoveRequest, MoveRow, NaiveDate, Result, StatsBucket, StatsBy, StatsQuery};
use serde_json::{json, Value};

use crate::args::Cli;
use crate::commands::open_as;
use crate::export::write;
use crate::output::Output;

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
        #[arg(long, value_name = "TEXT")]
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

fn date(field: &str, text: &Option<String>) -> Result<Option<NaiveDate>> {
    text.as_deref().map(|t| ledger::dates::parse(field, ("", ""), t)).transpose()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn move_json(m: &MoveRow) -> Value {
    json!({
        "doc": m.doc_no, "kind": m.kind.as_str(), "date": m.date.to_string(), "item": m.item_code, "name": m.item_name, "unit": m.unit,
        "qty": format_qty(m.qty_change), "unit_price": format_money(m.unit_price), "value": format_money(m.value_change),
        "dept": m.dept, "person": m.person, "supplier": m.supplier, "purpose": m.purpose, "reason": m.reason, "notes": m.notes,
        "operator": m.operator, "state": m.state, "source": m.source, "voided_by": m.voided_by,
        "qty_after": format_qty(m.qty_after), "value_after": format_money(m.value_after),
    })
}

pub fn consumable(cli: &Cli, out: &Output, cmd: &ConsumableCommand) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let en = out.lang == Lang::En;
    let mut post = |req: MoveRequest| -> Result<()> {
        let doc = ledger.post_consumable(&actor, &req)?;
        out.result(json!({"doc": doc}), || doc.clone());
        Ok(())
    };
    let request = |kind: MoveKind, item: &str, qty: &str, common: &MoveCommon| MoveRequest {
        date: opt(&common.date),
        notes: opt(&common.notes),
        ..MoveRequest::new(kind, item, qty)
    };
    match cmd {
        ConsumableCommand::Item(ItemCommand::Add { name, kind, unit, spec, threshold }) => {
            let input = ItemInput { name: name.clone(), kind: kind.clone(), spec: spec.clone(), unit: unit.clone(), threshold: threshold.clone() };
            let code = ledger.add_consumable_item(&actor, &input)?;
            out.result(json!({"item": code}), || code.clone());
        }
        ConsumableCommand::Item(ItemCommand::Edit { item, name, kind, unit, spec, threshold }) => {
            let now = ledger.consumable_stock(&actor, "")?.into_iter().find(|r| r.code == *item || r.name == *item);
            let now = now.ok_or_else(|| ledger::Error::not_found(format!("no consumable item with code or name '{item}'"), format!("没有编码或名称为「{item}」的耗材")))?;
            let input = ItemInput {
                name: name.clone().unwrap_or(now.name),
                kind: kind.clone().unwrap_or(now.kind),
                spec: spec.clone().unwrap_or(now.spec),
                unit: unit.clone().unwrap_or(now.unit),
                threshold: threshold.clone().unwrap_or_else(|| format_qty(now.threshold)),
            };
            ledger.edit_consumable_item(&actor, &now.code, &input)?;
            out.result(json!({"item": now.code}), || format!("changed {}", now.code));
        }
        ConsumableCommand::Item(ItemCommand::Deactivate { item } | ItemCommand::Activate { item }) => {
            let active = matches!(cmd, ConsumableCommand::Item(ItemCommand::Activate { .. }));
            ledger.set_consumable_item_active(&actor, item, active)?;
            out.result(json!({"item": item, "active": active}), || format!("{item}: {}", if active { "activated" } else { "deactivated" }));
        }
        ConsumableCommand::Receive { item, qty, price, supplier, common } => {
            post(MoveRequest { price: price.clone(), supplier: opt(supplier), ..request(MoveKind::Receive, item, qty, common) })?;
        }
        ConsumableCommand::Issue { item, qty, dept, person, purpose, common } => {
            post(MoveRequest { dept: opt(dept), person: opt(person), purpose: opt(purpose), ..request(MoveKind::Issue, item, qty, common) })?;
        }
        ConsumableCommand::Return { doc, qty, common } => {
            post(MoveRequest { source: doc.clone(), ..request(MoveKind::Return, "", qty, common) })?;
        }
        ConsumableCommand::Adjust { item, counted, reason, common } => {
            post(MoveRequest { reason: reason.clone(), ..request(MoveKind::Adjust, item, counted, common) })?;
        }
        ConsumableCommand::Void { doc, reason } => {
            let void = ledger.void_consumable(&actor, doc, reason)?;
            out.result(json!({"doc": void, "voided": doc}), || format!("{void} voids {doc}"));
        }
        ConsumableCommand::Stock { query, low, xlsx } => {
            let rows: Vec<_> = ledger.consumable_stock(&actor, &opt(query))?.into_iter().filter(|r| !*low || r.low).collect();
            if let Some(file) = xlsx {
                write(out, &mut ledger, &actor, file, if en { "Stock" } else { "耗材库存" }, exchange::consumable_stock_table(&rows, out.lang))?;
            }
            let value: Vec<Value> = rows
                .iter()
                .map(|r| json!({"item": r.code, "name": r.name, "qty": format_qty(r.qty), "value": format_money(r.value), "unit_cost": format_money(r.unit_cost)}))
                .collect();
            out.result(Value::Array(value), || {
                rows.iter()
                    .map(|r| format!("{}\t{}\t{} {}\t{}\t{}{}", r.code, r.name, format_qty(r.qty), r.unit, format_money(r.unit_cost), format_money(r.value), if r.low { "\tLOW" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsumableCommand::Moves { kind, item, dept, query, from, to, limit, xlsx } => {
            let q = MoveQuery {
                kind: kind.as_deref().map(MoveKind::parse).transpose()?,
                text: opt(query),
                item: opt(item),
                dept: opt(dept),
                from: date("from", from)?,
                to: date("to", to)?,
                limit: limit.unwrap_or(0),
            };
            let rows = ledger.consumable_moves(&actor, &q)?;
            if let Some(file) = xlsx {
                write(out, &mut ledger, &actor, file, if en { "Movements" } else { "耗材单据" }, exchange::consumable_moves_table(&rows, out.lang))?;
            }
            out.result(Value::Array(rows.iter().map(move_json).collect()), || {
                rows.iter()
                    .map(|m| format!("{}\t{}\t{}\t{} {}\t{}\t{}\t{}", m.doc_no, m.date, m.kind.as_str(), m.item_code, m.item_name, format_qty(m.qty_change), format_money(m.value_change), m.state))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsumableCommand::Show { doc, pdf, paper } => {
            let m = ledger.consumable_move(&actor, doc)?;
            if let Some(file) = pdf {
                let paper = reports::Paper::parse(paper).unwrap_or(reports::Paper::A5);
                std::fs::write(file, reports::render_consumable_slip(&m, &ledger.settings()?.org_name, out.lang, paper))?;
            }
            out.result(move_json(&m), || {
                format!(
                    "{}  {}  {}  {} {}  {} {}  {}  {}",
                    m.doc_no,
                    m.kind.label(out.lang),
                    m.date,
                    m.item_code,
                    m.item_name,
                    format_qty(m.qty_change),
                    m.unit,
                    format_money(m.value_change),
                    m.state
                )
            });
        }
        ConsumableCommand::Stats { by, from, to, period, xlsx, pdf } => {
            let q = StatsQuery {
                by: Some(StatsBy::parse(by)?),
                bucket: StatsBucket::parse(period.as_deref().unwrap_or(""))?,
                from: date("from", from)?,
                to: date("to", to)?,
            };
            let stats = ledger.consumable_stats(&actor, &q)?;
            let table = exchange::consumable_stats_table(&stats, out.lang);
            if let Some(file) = pdf {
                let title = format!("{}({})", if en { "Consumption" } else { "耗材领用统计" }, stats.by.label(out.lang));
                let rows = table.1.len();
                let bytes = reports::render_tables(&ledger.settings()?.org_name, &title, &[(title.clone(), table.0.clone(), table.1.clone())], out.lang);
                std::fs::write(file, bytes)?;
                ledger.record_export(&actor, &file.display().to_string(), rows)?;
            }
            if let Some(file) = xlsx {
                write(out, &mut ledger, &actor, file, if en { "Consumption" } else { "领用统计" }, table)?;
            }
            let value: Vec<Value> = stats
                .rows
                .iter()
                .map(|r| {
                    let mut v = json!({"name": r.name, "qty": format_qty(r.qty), "value": format_money(r.value)});
                    if stats.by == StatsBy::Item {
                        v["item"] = json!(r.key);
                        v["unit"] = json!(r.unit);
                    }
                    if q.bucket != StatsBucket::None {
                        v["period"] = json!(r.period);
                    }
                    v
                })
                .collect();
            out.result(Value::Array(value), || {
                let mut lines: Vec<String> =
                    stats.rows.iter().map(|r| format!("{}{}\t{}\t{}", if r.period.is_empty() { String::new() } else { format!("{}\t", r.period) }, r.key, format_qty(r.qty), format_money(r.value))).collect();
                lines.push(format!("{}\t\t{}", if en { "total" } else { "合计" }, format_money(stats.total_value)));
                lines.join("\n")
            });
        }
        ConsumableCommand::Budget { year, as_of, xlsx } => {
            let (next_year, today) = ledger.consumable_budget_defaults();
            let year = year.unwrap_or(next_year);
            let as_of = date("as_of", as_of)?.unwrap_or(today);
            let (lines, totals) = ledger.consumable_budget(&actor, year, as_of)?;
            if let Some(file) = xlsx {
                write(out, &mut ledger, &actor, file, if en { "Budget" } else { "采购预算" }, exchange::consumable_budget_table(year, &lines, &totals, out.lang))?;
            }
            let total: ledger::Decimal = totals.iter().map(|t| t.amount).sum();
            let value = json!({
                "year": year, "as_of": as_of.to_string(), "total": format_money(total),
                "totals": totals.iter().map(|t| json!({"type": t.kind, "amount": format_money(t.amount)})).collect::<Vec<_>>(),
                "lines": lines.iter().map(|l| json!({
                    "item": l.code, "name": l.name, "type": l.kind, "unit": l.unit, "last12": format_qty(l.last12), "trend": format_qty(l.trend),
                    "forecast": format_qty(l.forecast), "qty": format_qty(l.qty), "price": format_money(l.price), "amount": format_money(l.amount),
                    "overridden": l.overridden, "note": l.note,
                })).collect::<Vec<_>>(),
            });
            out.result(value, || {
                let mut text: Vec<String> = lines
                    .iter()
                    .map(|l| format!("{}\t{}\t{}\t{} {}\t{}\t{}{}", l.code, l.name, l.kind, format_qty(l.qty), l.unit, format_money(l.price), format_money(l.amount), if l.overridden { "\t*" } else { "" }))
                    .collect();
                text.extend(totals.iter().map(|t| format!("{}\t{}", t.kind, format_money(t.amount))));
                text.push(format!("{year} {}\t{}", if en { "total" } else { "合计" }, format_money(total)));
                text.join("\n")
            });
        }
        ConsumableCommand::Plan { item, year, qty, price, note } => {
            let year = year.unwrap_or(ledger.consumable_budget_defaults().0);
            ledger.set_consumable_budget(&actor, year, item, qty, price, note)?;
            out.result(json!({"item": item, "year": year, "qty": qty, "price": price}), || format!("{item}: planned for {year}"));
        }
    }
    Ok(())
}
