//! `assetdesk doc ...` and `assetdesk export`.

use ledger::{format_money, DocKind, DocQuery, DocRequest, Result};
use serde_json::{json, Value};

use crate::args::{AssetFilters, Cli, DocCommand, DocCommon};
use crate::commands::{open_as, query_from};
use crate::output::Output;

fn request(kind: DocKind, codes: &[String], common: &DocCommon) -> DocRequest {
    DocRequest {
        date: common.date.clone().unwrap_or_default(),
        notes: common.notes.clone().unwrap_or_default(),
        ..DocRequest::new(kind, codes.to_vec())
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn to_request(cmd: &DocCommand) -> Option<DocRequest> {
    use DocCommand::*;
    Some(match cmd {
        Issue { to, dept, location, common, codes } => {
            DocRequest { person: to.clone(), dept: opt(dept), location: opt(location), ..request(DocKind::Issue, codes, common) }
        }
        Return { from, location, common, codes } => DocRequest { source: opt(from), location: opt(location), ..request(DocKind::Return, codes, common) },
        Transfer { to_dept, location, common, codes } => DocRequest { dept: to_dept.clone(), location: opt(location), ..request(DocKind::Transfer, codes, common) },
        Loan { borrower, due, common, codes } => DocRequest { person: borrower.clone(), due: due.clone(), ..request(DocKind::Loan, codes, common) },
        LoanReturn { common, codes } => request(DocKind::LoanReturn, codes, common),
        Defect { note, common, codes } => DocRequest { reason: note.clone(), ..request(DocKind::Defect, codes, common) },
        DefectClear { handling, common, codes } => DocRequest { handling: opt(handling), ..request(DocKind::DefectClear, codes, common) },
        Fault { note, common, codes } => DocRequest { reason: note.clone(), ..request(DocKind::Fault, codes, common) },
        Repair { cost, vendor, cause, cause_category, handling, warranty, recheck, common, codes } => DocRequest {
            warranty: opt(warranty),
            recheck: opt(recheck),
            amount: opt(cost),
            method: if vendor.is_some() { "vendor".into() } else { "in-house".into() },
            vendor: opt(vendor),
            cause: opt(cause),
            cause_category: opt(cause_category),
            handling: opt(handling),
            ..request(DocKind::Repair, codes, common)
        },
        Scrap { reason, common, codes } => DocRequest { reason: reason.clone(), ..request(DocKind::Scrap, codes, common) },
        Dispose { method, proceeds, common, codes } => DocRequest { method: method.clone(), amount: opt(proceeds), ..request(DocKind::Dispose, codes, common) },
        WriteOff { reason, common, codes } => DocRequest { method: reason.clone(), ..request(DocKind::WriteOff, codes, common) },
        Void { .. } | List { .. } | Show { .. } | Loans | Slip { .. } | Confirm { .. } | Reject { .. } => return None,
    })
}

pub fn doc(cli: &Cli, out: &Output, cmd: &DocCommand) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    if let Some(req) = to_request(cmd) {
        let doc_no = ledger.post_document(&actor, &req)?;
        out.result(json!({"doc": doc_no}), || doc_no.clone());
        return Ok(());
    }
    match cmd {
        DocCommand::Void { doc_no, reason } => {
            let void_no = ledger.void_document(&actor, doc_no, reason)?;
            out.result(json!({"doc": void_no, "voided": doc_no}), || format!("{void_no} voids {doc_no}"));
        }
        DocCommand::List { kind, query, limit } => {
            let q = DocQuery {
                kind: kind.as_deref().map(DocKind::parse).transpose()?,
                text: opt(query),
                limit: limit.unwrap_or(0),
                ..DocQuery::default()
            };
            let page = ledger.list_documents(&actor, &q)?;
            let rows: Vec<Value> = page
                .rows
                .iter()
                .map(|r| json!({"doc": r.doc_no, "kind": r.kind.as_str(), "date": r.date.to_string(), "operator": r.operator,
                    "counterparty": r.counterparty, "assets": r.asset_count, "state": r.state, "notes": r.notes}))
                .collect();
            out.result(Value::Array(rows), || {
                page.rows
                    .iter()
                    .map(|r| format!("{}\t{}\t{}\t{}\t{}\t{}", r.doc_no, r.date, r.kind.as_str(), r.counterparty, r.asset_count, r.state))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DocCommand::Show { doc_no } => {
            let d = ledger.document(&actor, doc_no)?;
            let lines: Vec<Value> = d
                .lines
                .iter()
                .map(|l| json!({"code": l.code, "name": l.name, "from": l.prev_status.map(|s| s.as_str()), "to": l.status.as_str(),
                    "dept": l.dept, "location": l.location, "custodian": l.custodian}))
                .collect();
            let value = json!({
                "doc": d.row.doc_no, "kind": d.row.kind.as_str(), "date": d.row.date.to_string(), "operator": d.row.operator,
                "counterparty": d.row.counterparty, "state": d.row.state, "notes": d.row.notes, "person": d.person,
                "to_dept": d.to_dept, "to_location": d.to_location, "due": d.due.map(|x| x.to_string()),
                "amount": d.amount.map(format_money), "method": d.method, "reason": d.reason, "source": d.source,
                "voided_by": d.voided_by, "lines": lines,
                "repair": d.repair.as_ref().map(|r| json!({"symptom": r.symptom, "cause": r.cause, "cause_category": r.cause_category,
                    "handling": r.handling, "vendor": r.vendor, "under_warranty": r.under_warranty, "recheck": r.recheck})),
            });
            out.result(value, || {
                let mut text = vec![format!("{}  {}  {}  {}  {}", d.row.doc_no, d.row.kind.as_str(), d.row.date, d.row.operator, d.row.state)];
                text.extend(d.lines.iter().map(|l| {
                    format!("  {}  {}  {} -> {}", l.code, l.name, l.prev_status.map(|s| s.as_str()).unwrap_or("-"), l.status.as_str())
                }));
                text.join("\n")
            });
        }
        DocCommand::Loans => {
            let loans = ledger.open_loans(&actor)?;
            let rows: Vec<Value> = loans
                .iter()
                .map(|l| json!({"code": l.code, "name": l.name, "borrower": l.borrower, "due": l.due.to_string(), "doc": l.doc_no, "overdue_days": l.overdue_days}))
                .collect();
            out.result(Value::Array(rows), || {
                loans.iter().map(|l| format!("{}\t{}\t{}\t{}\t{}", l.code, l.name, l.borrower, l.due, l.overdue_days)).collect::<Vec<_>>().join("\n")
            });
        }
        DocCommand::Confirm { doc_no } => {
            ledger.confirm_transfer(&actor, doc_no)?;
            out.result(json!({"doc": doc_no, "state": "posted"}), || format!("{doc_no} confirmed"));
        }
        DocCommand::Reject { doc_no, reason } => {
            ledger.reject_transfer(&actor, doc_no, reason)?;
            out.result(json!({"doc": doc_no, "state": "rejected"}), || format!("{doc_no} refused"));
        }
        DocCommand::Slip { doc_no, paper, out: file, print } => {
            let detail = ledger.document(&actor, doc_no)?;
            let org = ledger.settings()?.org_name;
            let paper = reports::Paper::parse(paper).unwrap_or(reports::Paper::A5);
            let pdf = reports::render_slip(&detail, &org, out.lang, paper);
            let job_name = format!("{} {}", detail.row.kind.label(out.lang), detail.row.doc_no);
            crate::print::deliver(out, &pdf, file.as_deref(), print, &job_name)?;
        }
        _ => unreachable!("posted above"),
    }
    Ok(())
}

pub fn export(cli: &Cli, out: &Output, file: &std::path::Path, filters: &AssetFilters) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let page = ledger.list_assets(&actor, &query_from(filters)?)?;
    let (columns, cells) = exchange::asset_table(&page.rows, out.lang);
    let mut bar = crate::output::ProgressBar::new(out, "export");
    exchange::write_xlsx(file, if out.lang == ledger::Lang::En { "Ledger" } else { "资产台账" }, &columns, &cells, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    ledger.record_export(&actor, &file.display().to_string(), page.rows.len())?;
    out.result(json!({"file": file.display().to_string(), "rows": page.rows.len()}), || format!("wrote {} assets to {}", page.rows.len(), file.display()));
    Ok(())
}
