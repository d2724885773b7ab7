//! Warranty (保修, issue 22): the card's end date, typed as a date or as a number of
//! months (or years) from the acquisition date, and the list of warranties ending soon.

use chrono::{Months, NaiveDate};
use rusqlite::params;

use crate::auth::{Actor, Permission};
use crate::error::{quoted, Error, Result};
use crate::ledger::Ledger;
use crate::suppliers::ASSET_SUPPLIER_NAME;

/// An asset whose warranty ends within the window asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarrantyRow {
    pub code: String,
    pub name: String,
    pub dept: Option<String>,
    pub supplier: String,
    pub warranty_until: NaiveDate,
    pub days_left: i64,
}

/// How many months a warranty term typed as "36个月", "36m", "36 months", "3年", "3y" or
/// "3 years" is; None when the text is not a term (it may be a date).
fn term_months(text: &str) -> Option<u32> {
    let t = text.trim().trim_start_matches('+').to_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: u32 = number.parse().ok()?;
    match unit.trim() {
        "个月" | "月" | "m" | "month" | "months" => Some(n),
        "年" | "y" | "year" | "years" => n.checked_mul(12),
        _ => None,
    }
}

/// The card's 保修截止: a date (YYYY-MM-DD), or a term from the acquisition date.
pub(crate) fn parse_end(text: &str, acquired: Option<NaiveDate>) -> Result<Option<NaiveDate>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let Some(months) = term_months(t) else {
        return crate::dates::parse("warranty_until", ("warranty end", "保修截止日期"), t).map(Some);
    };
    if !(1..=600).contains(&months) {
        return Err(Error::invalid("warranty_until", format!("a warranty of '{}' is not 1 to 600 months", quoted(t)), format!("保修期「{}」须为 1 到 600 个月", quoted(t))));
    }
    let Some(acquired) = acquired else {
        return Err(Error::invalid(
            "warranty_until",
            format!("a warranty of {} counts from the acquisition date: give that date, or the warranty's end date", quoted(t)),
            format!("保修期「{}」从购置日期起算：请填写购置日期，或直接填写保修截止日期", quoted(t)),
        ));
    };
    // 36 months from 2025-03-01 cover up to 2028-02-29: the day before the anniversary.
    Ok(acquired.checked_add_months(Months::new(months)).and_then(|d| d.pred_opt()))
}

impl Ledger {
    /// Assets on the books whose warranty ends in the next `within_days` days (today
    /// included), soonest first. A normal user sees their department's.
    pub fn warranties_ending(&self, actor: &Actor, within_days: i64) -> Result<Vec<WarrantyRow>> {
        actor.require(Permission::ViewAssets)?;
        if !(0..=3650).contains(&within_days) {
            return Err(Error::invalid("within", "the window must be 0 to 3650 days", "天数须为 0 到 3650"));
        }
        let today = crate::db::today();
        let until = today + chrono::Duration::days(within_days);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.code, a.name, d.name, {ASSET_SUPPLIER_NAME}, a.warranty_until FROM assets a LEFT JOIN departments d ON d.id = a.dept_id \
             WHERE a.warranty_until BETWEEN ?2 AND ?3 AND a.status NOT IN ('scrapped', 'disposed', 'written_off') \
             AND (?1 IS NULL OR a.dept_id = ?1) ORDER BY a.warranty_until, a.code"
        ))?;
        let rows = stmt.query_map(params![actor.scope_dept(), today.to_string(), until.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (code, name, dept, supplier, until) = row?;
            if let Ok(until) = until.parse::<NaiveDate>() {
                out.push(WarrantyRow { code, name, dept, supplier, days_left: (until - today).num_days(), warranty_until: until });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_counts_from_the_acquisition_date_and_a_date_is_a_date() {
        let acquired = NaiveDate::from_ymd_opt(2025, 3, 1);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(parse_end("36个月", acquired).unwrap(), Some(d("2028-02-29")));
        assert_eq!(parse_end("3年", acquired).unwrap(), Some(d("2028-02-29")));
        assert_eq!(parse_end("+12m", acquired).unwrap(), Some(d("2026-02-28")));
        assert_eq!(parse_end("2027-12-31", acquired).unwrap(), Some(d("2027-12-31")));
        assert_eq!(parse_end(" ", acquired).unwrap(), None);
        let err = parse_end("36个月", None).unwrap_err();
        assert!(err.message(crate::Lang::ZhCn).contains("从购置日期起算"), "{err:?}");
        assert_eq!(parse_end("0个月", acquired).unwrap_err().fields, vec!["warranty_until".to_string()]);
        assert_eq!(parse_end("明年", acquired).unwrap_err().fields, vec!["warranty_until".to_string()]);
    }
}
