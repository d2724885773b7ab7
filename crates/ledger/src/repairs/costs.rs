//! A repair's costs: exact fen, each with its invoice and its accounting treatment.
//! 费用化 expensed: a cost of the period, nothing else changes. 资本化 capitalised: it
//! adds to the asset's value through a 改扩建 value-change document (issue 21), posted in
//! the same transaction and linked from the cost (`value_doc`).

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::{expect_state, load, require_handler, step_date, RepairState};
use crate::auth::Actor;
use crate::enum_str::string_enum;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::money::{from_cents, parse_money, to_cents, Money};
use crate::{audit, db};

string_enum!(
    /// How a repair cost is booked.
    CostTreatment, field: "treatment", what: ("cost treatment", "费用处理"), {
    Expensed => ("expensed", "Expensed", "费用化"),
    Capitalised => ("capitalised", "Capitalised", "资本化"),
});

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairCostInput {
    pub order: String,
    pub amount: String,
    pub invoice: String,
    /// expensed (default) | capitalised
    pub treatment: String,
    pub date: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairCost {
    pub amount: Money,
    pub invoice: String,
    pub treatment: CostTreatment,
    /// The value-change document of a capitalised cost.
    pub value_doc: Option<String>,
    pub date: NaiveDate,
    pub note: String,
    pub recorded_by: String,
}

pub(crate) fn of_order(conn: &Connection, order_id: i64) -> Result<Vec<RepairCost>> {
    let mut stmt =
        conn.prepare("SELECT amount_fen, invoice, treatment, value_doc, cost_date, note, recorded_by FROM repair_costs WHERE order_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([order_id], |r| {
        let treatment: String = r.get(2)?;
        Ok(RepairCost {
            amount: from_cents(r.get(0)?),
            invoice: r.get(1)?,
            treatment: CostTreatment::parse(&treatment).unwrap_or(CostTreatment::Expensed),
            value_doc: r.get(3)?,
            date: r.get::<_, String>(4)?.parse().unwrap_or_default(),
            note: r.get(5)?,
            recorded_by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Ledger {
    /// Records a cost against an accepted (or later) order. Every field is checked at once.
    pub fn record_repair_cost(&mut self, actor: &Actor, input: &RepairCostInput) -> Result<Money> {
        require_handler(actor)?;
        let mut errors = Vec::new();
        let amount = match input.amount.trim() {
            "" => {
                errors.push(Error::invalid("amount", "the cost's amount is required", "请填写维修费用金额"));
                None
            }
            t => match parse_money("cost", t).map_err(|e| e.for_field("amount")) {
                Ok(m) if m <= Money::ZERO => {
                    errors.push(Error::invalid("amount", format!("the cost {t} must be more than zero"), format!("维修费用 {t} 须大于零")));
                    None
                }
                Ok(m) => Some(m),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        let treatment = match input.treatment.trim() {
            "" => Some(CostTreatment::Expensed),
            t => CostTreatment::parse(t).map_err(|e| errors.push(e)).ok(),
        };
        if input.invoice.trim().chars().count() > 60 {
            errors.push(Error::invalid("invoice", "the invoice number is longer than 60 characters", "发票号超过 60 个字符"));
        }
        if let Some(e) = Error::combine(errors) {
            return Err(e);
        }
        let (amount, treatment) = (amount.expect("checked"), treatment.expect("checked"));
        let tx = db::begin(&mut self.conn)?;
        let (row, ..) = load(&tx, &input.order)?;
        expect_state(
            &row,
            &[RepairState::Accepted, RepairState::Sent, RepairState::Completed, RepairState::Verified, RepairState::CannotFix],
            ("given a cost", "登记费用"),
        )?;
        let date = step_date(&input.date, Some(row.reported_on))?;
        // Capitalised: the cost adds to the asset's value by a 改扩建 document (which waits
        // for approval like any other when approval.value-change is on).
        let value_doc = match treatment {
            CostTreatment::Expensed => None,
            CostTreatment::Capitalised => {
                let code = row.code.clone();
                let reason = match input.invoice.trim() {
                    "" => format!("维修单 {} 费用资本化", row.order_no),
                    invoice => format!("维修单 {} 费用资本化（发票 {invoice}）", row.order_no),
                };
                let change = crate::valuation::record_value_change_in(
                    &tx,
                    actor,
                    &crate::ValueChangeInput {
                        code,
                        kind: "add".into(),
                        amount: amount.to_string(),
                        date: date.to_string(),
                        reason,
                        notes: input.note.trim().into(),
                    },
                )?;
                Some(change.doc_no)
            }
        };
        tx.execute(
            "INSERT INTO repair_costs(order_id, amount_fen, invoice, treatment, value_doc, cost_date, note, recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![row.id, to_cents(amount), input.invoice.trim(), treatment.as_str(), value_doc, date.to_string(), input.note.trim(), actor.name, db::now()],
        )?;
        audit::record(&tx, &actor.name, "repair_cost", &row.order_no, &format!("{amount} {} {}", treatment.as_str(), input.invoice.trim()))?;
        tx.commit()?;
        Ok(row.cost + amount)
    }
}
