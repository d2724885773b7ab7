//! Reviewing a stocktake's differences before close (issue 20). Each surplus, missing or
//! misplaced line can be accepted, rejected or explained with a note; close applies a
//! line only when it is accepted. Lines nobody reviewed make close refuse, listing them,
//! unless the clerk says what to do with them ([`UnreviewedLines`]).
//! A scanned code that does not look like ours (not the asset code rule's shape nor its
//! fixed start, nor the shape of any code already in the ledger, e.g. a book's ISBN) is flagged
//! 非本系统编码 and becomes an asset only if the clerk accepts it.

use rusqlite::{params, Connection, OptionalExtension};

use super::{load_task, require_counting, Verdict};
use crate::auth::{Actor, Permission};
use crate::codes::CodeRule;
use crate::enum_str::string_enum;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::{audit, db};

string_enum!(
    /// The clerk's decision on one difference line.
    ReviewDecision, field: "decision", what: ("review decision", "复核结论"), {
        Accepted => ("accepted", "Accepted", "确认"),
        Rejected => ("rejected", "Rejected", "不采纳"),
        Noted => ("noted", "Noted", "已说明"),
    }
);

string_enum!(
    /// What close does with difference lines nobody reviewed: refuse and list them (the
    /// default: nothing is applied unseen), apply them as if accepted (except 非本系统编码
    /// codes, which always need an explicit accept), or leave them out, listed.
    UnreviewedLines, field: "unreviewed", what: ("choice for unreviewed lines", "未复核行的处理方式"), {
        Refuse => ("refuse", "Refuse to close", "拒绝结束"),
        Accept => ("accept", "Apply as accepted", "按确认处理"),
        Leave => ("leave", "Leave out", "不处理"),
    }
);

/// One difference line with its review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub code: String,
    pub verdict: Verdict,
    /// 非本系统编码: a surplus code that does not look like one of ours.
    pub foreign: bool,
    /// None: not reviewed yet.
    pub decision: Option<ReviewDecision>,
    pub note: String,
    pub decided_by: Option<String>,
    /// Whether closing applies this line (only an accepted one does).
    pub applies: bool,
}

/// A code's shape as a GLOB pattern: each digit any digit, the rest literally.
fn shape_glob(code: &str) -> String {
    code.chars()
        .map(|c| match c {
            '0'..='9' => "[0-9]".to_string(),
            '*' | '?' | '[' | ']' => format!("[{c}]"),
            c => c.to_string(),
        })
        .collect()
}

/// The ledger's asset code rule, read inside `conn` (a scan's transaction).
pub(crate) fn code_rule(conn: &Connection) -> Result<CodeRule> {
    let text = crate::settings::get(conn, crate::settings::ASSET_CODE_RULE)?;
    CodeRule::parse(text.as_deref().unwrap_or(CodeRule::DEFAULT))
}

/// Whether an unknown scanned `code` does not look like one of the ledger's codes.
pub(crate) fn is_foreign(conn: &Connection, rule: &CodeRule, code: &str) -> Result<bool> {
    // The rule's shape (a hub site's prefix before it or not), or its fixed start (a
    // relabelled or legacy ZC-… code).
    let prefix = rule.literal_prefix();
    if rule.matches_with_site(code) || (prefix.len() >= 2 && code.starts_with(prefix)) {
        return Ok(false);
    }
    let like_ours: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM assets WHERE code GLOB ?1 AND status != 'voided')")?
        .query_row([shape_glob(code)], |r| r.get(0))?;
    Ok(!like_ours)
}

/// Whether close applies a line with this flag and decision, given the clerk's choice
/// for unreviewed lines.
pub(crate) fn applies(foreign: bool, decision: Option<ReviewDecision>, unreviewed: UnreviewedLines) -> bool {
    match decision {
        Some(ReviewDecision::Accepted) => true,
        Some(_) => false,
        None => unreviewed == UnreviewedLines::Accept && !foreign,
    }
}

/// The refusal of a close while lines are unreviewed: which ones, and the way out.
pub(crate) fn unreviewed_refusal(id: i64, pending: &[&ReviewLine]) -> Error {
    const SHOWN: usize = 20;
    let mut codes: Vec<String> = pending.iter().take(SHOWN).map(|l| crate::error::quoted(&l.code)).collect();
    if pending.len() > SHOWN {
        codes.push("…".into());
    }
    Error::conflict(
        format!(
            "stocktake {id} has {} difference lines nobody reviewed: {}; accept, reject or note each one, \
             or choose to apply the unreviewed lines as accepted or to leave them out",
            pending.len(),
            codes.join(", ")
        ),
        format!("盘点任务 {id} 有 {} 行差异尚未复核：{}；请逐行确认、不采纳或说明，或选择未复核的行按确认处理或不处理", pending.len(), codes.join("、")),
    )
    .with_field("unreviewed")
}

/// The stored decisions of task `id`: code → (decision, note, by).
pub(crate) fn decisions(conn: &Connection, id: i64) -> Result<std::collections::HashMap<String, (ReviewDecision, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT r.code, r.decision, r.note, u.name FROM stocktake_reviews r JOIN users u ON u.id = r.user_id WHERE r.stocktake_id = ?1",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            let d: String = r.get(1)?;
            Ok((r.get::<_, String>(0)?, (ReviewDecision::parse(&d).unwrap_or(ReviewDecision::Noted), r.get(2)?, r.get(3)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl Ledger {
    /// Every difference line of stocktake `id` with its review, in the report's order
    /// (missing, surplus, misplaced).
    pub fn stocktake_review(&self, actor: &Actor, id: i64) -> Result<Vec<ReviewLine>> {
        let report = self.stocktake_report(actor, id)?;
        let rule = code_rule(&self.conn)?;
        let decided = decisions(&self.conn, id)?;
        let mut lines = Vec::new();
        for l in report.missing.iter().chain(&report.surplus).chain(&report.misplaced) {
            let foreign = l.verdict == Verdict::Surplus && is_foreign(&self.conn, &rule, &l.code)?;
            let found = decided.get(&l.code);
            let decision = found.map(|d| d.0);
            lines.push(ReviewLine {
                code: l.code.clone(),
                verdict: l.verdict,
                foreign,
                decision,
                note: found.map(|d| d.1.clone()).unwrap_or_default(),
                decided_by: found.map(|d| d.2.clone()),
                applies: applies(foreign, decision, UnreviewedLines::Refuse),
            });
        }
        Ok(lines)
    }

    /// Records the decision on difference line `code` of stocktake `id` (while it is
    /// counting). A note is required with [`ReviewDecision::Noted`]. Audited.
    pub fn review_stocktake_line(&mut self, actor: &Actor, id: i64, code: &str, decision: ReviewDecision, note: &str) -> Result<ReviewLine> {
        actor.require(Permission::Stocktake)?;
        let code = code.trim();
        {
            let task = load_task(&self.conn, id)?;
            require_counting(&task)?;
        }
        if decision == ReviewDecision::Noted && note.trim().is_empty() {
            return Err(Error::invalid("note", "write the note that explains this line", "请填写说明"));
        }
        if note.chars().count() > 500 {
            return Err(Error::invalid("note", "a note holds at most 500 characters", "说明最多 500 个字"));
        }
        let lines = self.stocktake_review(actor, id)?;
        if !lines.iter().any(|l| l.code == code) {
            let q = crate::error::quoted(code);
            return Err(Error::not_found(
                format!("{q} is not a difference line of stocktake {id} (only surplus, missing and misplaced lines are reviewed)"),
                format!("「{q}」不是盘点任务 {id} 的差异行（只复核盘盈、盘亏和位置不符）"),
            )
            .with_field("line"));
        }
        let tx = crate::db::begin(&mut self.conn)?;
        let previous: Option<String> =
            tx.query_row("SELECT decision FROM stocktake_reviews WHERE stocktake_id = ?1 AND code = ?2", params![id, code], |r| r.get(0)).optional()?;
        tx.execute(
            "INSERT INTO stocktake_reviews(stocktake_id, code, decision, note, user_id, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT(stocktake_id, code) DO UPDATE SET decision = excluded.decision, note = excluded.note, user_id = excluded.user_id, decided_at = excluded.decided_at",
            params![id, code, decision.as_str(), note.trim(), actor.user_id, db::now()],
        )?;
        audit::record(
            &tx,
            &actor.name,
            "stocktake_review",
            &format!("ST-{id}"),
            &format!("{code}: {} → {} {}", previous.as_deref().unwrap_or("-"), decision.as_str(), note.trim()),
        )?;
        tx.commit()?;
        Ok(self.stocktake_review(actor, id)?.into_iter().find(|l| l.code == code).expect("the line was just reviewed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_digits_for_digits_and_the_rest_literally() {
        assert_eq!(shape_glob("ZC-19*7"), "ZC-[0-9][0-9][*][0-9]");
    }

    #[test]
    fn only_accepted_lines_apply_and_an_unreviewed_stray_code_never_does() {
        use UnreviewedLines::*;
        for choice in [Refuse, Accept, Leave] {
            assert!(applies(true, Some(ReviewDecision::Accepted), choice));
            assert!(!applies(false, Some(ReviewDecision::Rejected), choice));
            assert!(!applies(false, Some(ReviewDecision::Noted), choice));
            assert!(!applies(true, None, choice), "a 非本系统编码 code needs an explicit accept");
        }
        assert!(applies(false, None, Accept));
        assert!(!applies(false, None, Leave));
        assert!(!applies(false, None, Refuse));
    }
}
