//! Standard reports (issue 9): the request type and use cases live in
//! crates/api/src/reports.rs. What is left here is the door the print preview
//! (commands/paper.rs, ported with the printing work) still uses to get a report's
//! sections; it goes when paper.rs calls `api::reports` itself.

pub use api::reports::ReportRequestDto;

/// The report asked for, as (title, file stem, sections), for the print preview.
pub(crate) fn build(
    ledger: &mut ledger::Ledger,
    actor: &ledger::Actor,
    request: ReportRequestDto,
    lang: ledger::Lang,
) -> ledger::Result<(String, &'static str, Vec<exchange::ReportSection>)> {
    Ok(api::reports::build(&mut api::Ctx::new(ledger, actor, lang), request)?.into_parts())
}
