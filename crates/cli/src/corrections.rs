//! Putting mistakes right from the command line (issue 20): `import list` / `import void`,
//! `doc list`'s department, person, state and date filters, `doc extend` (续借), and
//! `stocktake review`. Flags → one api call → text or JSON.

use api::documents::DocQueryDto;
use api::stocktake_review::{ReviewLineDto, ReviewRequestDto};
use api::{Ctx, DocNo, Result, StocktakeId};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::Output;
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum ImportBatchCommand {
    /// The import batches, newest first: {"batch","date","file","operator","assets","state","voided_by"}.
    List {
        /// Part of the batch number, file name, operator or date.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        #[arg(long, value_parser = ["posted", "voided"])]
        state: Option<String>,
        /// Also write the list to this workbook.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<std::path::PathBuf>,
    },
    /// Void a whole import batch (every asset it brought in) while none of its assets has
    /// a later document; otherwise lists the rows that block it and changes nothing.
    Void {
        #[arg(value_name = "BATCH")]
        batch: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// `doc list`'s filters beyond kind and words.
#[derive(Args, Debug, Clone, Default)]
pub struct DocListFilters {
    /// Documents dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Documents dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Documents touching an asset of this department (or sending assets to it).
    #[arg(long, value_name = "DEPT")]
    pub dept: Option<String>,
    /// Documents naming this person (receiver, borrower, custodian).
    #[arg(long, value_name = "PERSON")]
    pub person: Option<String>,
    /// posted, pending, voided or rejected.
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,
}

impl DocListFilters {
    pub fn apply(&self, q: DocQueryDto) -> DocQueryDto {
        DocQueryDto { from: self.from.clone(), to: self.to.clone(), dept: self.dept.clone(), person: self.person.clone(), state: self.state.clone(), ..q }
    }
}

/// `stocktake review ID LINE` takes exactly one decision.
#[derive(Args, Debug, Clone, Default)]
#[group(multiple = false)]
pub struct ReviewDecisionArgs {
    /// Apply this line at close.
    #[arg(long)]
    pub accept: bool,
    /// Leave this line out of the close.
    #[arg(long)]
    pub reject: bool,
    /// Explain the line (fixed another way); close leaves it out.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn import_batch(cli: &Cli, out: &Output, cmd: &ImportBatchCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        ImportBatchCommand::List { query, state, xlsx } => {
            let query = api::import::BatchQueryDto { query: query.clone(), state: state.clone() };
            let batches = api::import::batches(cx, &query)?;
            if let Some(file) = xlsx {
                let table = api::import::batches_table(cx, &query)?;
                crate::export::write_table(out, cx, file, &table)?;
            }
            let rows: Vec<Value> = batches
                .iter()
                .map(|b| json!({"batch": b.batch, "date": b.date, "file": b.file, "operator": b.operator, "assets": b.assets, "state": b.state, "voided_by": b.voided_by}))
                .collect();
            out.result(Value::Array(rows), || {
                batches.iter().map(|b| format!("{}\t{}\t{}\t{}\t{}\t{}", b.batch, b.date, b.file, b.operator, b.assets, b.state)).collect::<Vec<_>>().join("\n")
            });
        }
        ImportBatchCommand::Void { batch, reason } => {
            let void_no = api::import::void_batch(cx, &DocNo::from(batch.as_str()), reason)?;
            out.result(json!({"doc": void_no, "voided": batch}), || format!("{void_no} voids import batch {batch}"));
        }
    }
    Ok(())
}

pub fn extend_loan(cx: &mut Ctx, out: &Output, code: &str, due: &str, notes: &Option<String>) -> Result<()> {
    let request = api::corrections::LoanExtensionDto { code: code.to_string(), due: due.to_string(), notes: notes.clone().unwrap_or_default() };
    let doc_no = api::corrections::extend_loan(cx, &request)?;
    out.result(json!({"doc": doc_no, "code": code, "due": due}), || format!("{doc_no}: {code} now due {due}"));
    Ok(())
}

pub fn review_line_json(l: &ReviewLineDto) -> Value {
    json!({"line": l.code, "verdict": l.verdict, "foreign": l.foreign, "decision": l.decision, "note": l.note,
        "decided_by": l.decided_by, "applies": l.applies})
}

pub fn review_line_text(l: &ReviewLineDto) -> String {
    let flag = if l.foreign { " 非本系统编码" } else { "" };
    let decision = l.decision_label.unwrap_or("-");
    let applies = if l.applies { "applies" } else { "kept out" };
    format!("  {}\t{}{flag}\t{decision}\t{applies}\t{}", l.code, l.verdict_label, l.note)
}

pub fn review(cx: &mut Ctx, out: &Output, id: i64, line: Option<&str>, d: &ReviewDecisionArgs) -> Result<()> {
    let decision = match (d.accept, d.reject, &d.note) {
        (true, _, _) => Some("accepted"),
        (_, true, _) => Some("rejected"),
        (_, _, Some(_)) => Some("noted"),
        _ => None,
    };
    match (line, decision) {
        (None, None) => {
            let lines = api::stocktake_review::review(cx, StocktakeId(id))?;
            out.result(Value::Array(lines.iter().map(review_line_json).collect()), || lines.iter().map(review_line_text).collect::<Vec<_>>().join("\n"));
        }
        (Some(line), Some(decision)) => {
            let request = ReviewRequestDto { line: line.to_string(), decision: decision.to_string(), note: d.note.clone().unwrap_or_default() };
            let l = api::stocktake_review::decide(cx, StocktakeId(id), &request)?;
            out.result(review_line_json(&l), || review_line_text(&l));
        }
        (None, Some(_)) => return Err(api::Error::invalid("line", "name the line (its code) to decide on", "请指明要复核的差异行（资产编码）")),
        (Some(_), None) => return Err(api::Error::invalid("decision", "say --accept, --reject or --note TEXT", "请指定 --accept、--reject 或 --note 说明")),
    }
    Ok(())
}
