//! The stocktake's review step before close (issue 20): each difference line accepted,
//! rejected or explained; stray codes flagged 非本系统编码.

use ledger::{Lang, ReviewDecision, ReviewLine};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::StocktakeId;
use crate::{Ctx, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ReviewLine")]
pub struct ReviewLineDto {
    pub code: String,
    #[ts(type = "Verdict")]
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    /// 非本系统编码: a scanned code that does not look like one of ours.
    pub foreign: bool,
    #[ts(type = "'accepted' | 'rejected' | 'noted' | null")]
    pub decision: Option<&'static str>,
    pub decision_label: Option<&'static str>,
    pub note: String,
    pub decided_by: Option<String>,
    /// Whether closing now applies this line.
    pub applies: bool,
}

impl ReviewLineDto {
    pub fn new(l: ReviewLine, lang: Lang) -> Self {
        ReviewLineDto {
            code: l.code,
            verdict: l.verdict.as_str(),
            verdict_label: l.verdict.label(lang),
            foreign: l.foreign,
            decision: l.decision.map(|d| d.as_str()),
            decision_label: l.decision.map(|d| d.label(lang)),
            note: l.note,
            decided_by: l.decided_by,
            applies: l.applies,
        }
    }
}

/// One decision on one line.
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "ReviewRequest")]
pub struct ReviewRequestDto {
    /// The line's asset code.
    pub line: String,
    #[ts(type = "'accepted' | 'rejected' | 'noted'")]
    pub decision: String,
    #[ts(optional, as = "Option<String>")]
    pub note: String,
}

/// Every difference line of the task with its review.
pub fn review(cx: &mut Ctx, id: StocktakeId) -> Result<Vec<ReviewLineDto>> {
    let lang = cx.lang;
    Ok(cx.ledger.stocktake_review(cx.actor, id.0)?.into_iter().map(|l| ReviewLineDto::new(l, lang)).collect())
}

/// Records a decision on one line (while counting); returns the line as it now stands.
pub fn decide(cx: &mut Ctx, id: StocktakeId, request: &ReviewRequestDto) -> Result<ReviewLineDto> {
    let decision = ReviewDecision::parse(&request.decision)?;
    let line = cx.ledger.review_stocktake_line(cx.actor, id.0, &request.line, decision, &request.note)?;
    Ok(ReviewLineDto::new(line, cx.lang))
}
