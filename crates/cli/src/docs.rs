//! `assetdesk doc ...`: flags → one api call → text or JSON.

use api::documents::{DocQueryDto, DocRequestDto};
use api::{DocNo, Result};
use serde_json::{json, Value};

use crate::args::{Cli, DocCommand, DocCommon};
use crate::output::Output;
use crate::session::login;

fn request(kind: &str, codes: &[String], common: &DocCommon) -> DocRequestDto {
    DocRequestDto { date: opt(&common.date), notes: opt(&common.notes), ..DocRequestDto::new(kind, codes.to_vec()) }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn to_request(cmd: &DocCommand) -> Option<DocRequestDto> {
    use DocCommand::*;
    Some(match cmd {
        Issue { to, dept, location, common, codes } => {
            DocRequestDto { person: to.clone(), dept: opt(dept), location: opt(location), ..request("issue", codes, common) }
        }
        Return { from, location, common, codes } => DocRequestDto { source: opt(from), location: opt(location), ..request("return", codes, common) },
        Transfer { to_dept, location, common, codes } => DocRequestDto { dept: to_dept.clone(), location: opt(location), ..request("transfer", codes, common) },
        Loan { borrower, due, common, codes } => DocRequestDto { person: borrower.clone(), due: due.clone(), ..request("loan", codes, common) },
        LoanReturn { common, codes } => request("loan-return", codes, common),
        Defect { note, common, codes } => DocRequestDto { reason: note.clone(), ..request("defect", codes, common) },
        DefectClear { handling, common, codes } => DocRequestDto { handling: opt(handling), ..request("defect-clear", codes, common) },
        Fault { note, common, codes } => DocRequestDto { reason: note.clone(), ..request("fault", codes, common) },
        Repair { cost, vendor, cause, cause_category, handling, warranty, recheck, common, codes } => DocRequestDto {
            warranty: opt(warranty),
            recheck: opt(recheck),
            amount: opt(cost),
            method: if vendor.is_some() { "vendor".into() } else { "in-house".into() },
            vendor: opt(vendor),
            cause: opt(cause),
            cause_category: opt(cause_category),
            handling: opt(handling),
            ..request("repair", codes, common)
        },
        Scrap { reason, common, codes } => DocRequestDto { reason: reason.clone(), ..request("scrap", codes, common) },
        Dispose { method, proceeds, common, codes } => DocRequestDto { method: method.clone(), amount: opt(proceeds), ..request("dispose", codes, common) },
        WriteOff { reason, common, codes } => DocRequestDto { method: reason.clone(), ..request("write-off", codes, common) },
        Void { .. } | List { .. } | Show { .. } | Loans | Slip { .. } | Confirm { .. } | Reject { .. } | Extend { .. } | Pending | Approve { .. } => return None,
        ValueChange { .. } | ValueChanges { .. } => return None,
    })
}

pub fn doc(cli: &Cli, out: &Output, cmd: &DocCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    if let Some(req) = to_request(cmd) {
        let doc_no = api::documents::post(cx, req)?;
        out.result(json!({"doc": doc_no}), || doc_no.to_string());
        return Ok(());
    }
    match cmd {
        DocCommand::Void { doc_no, reason } => {
            let void_no = api::documents::void(cx, &DocNo::from(doc_no.as_str()), reason)?;
            out.result(json!({"doc": void_no, "voided": doc_no}), || format!("{void_no} voids {doc_no}"));
        }
        DocCommand::List { kind, query, limit, filters } => {
            let q = filters.apply(DocQueryDto { kind: kind.clone(), text: opt(query), limit: limit.unwrap_or(0), ..DocQueryDto::default() });
            let page = api::documents::list(cx, q)?;
            let rows: Vec<Value> = page
                .rows
                .iter()
                .map(|r| json!({"doc": r.doc_no, "kind": r.kind, "date": r.date, "operator": r.operator,
                    "counterparty": r.counterparty, "assets": r.asset_count, "state": r.state, "notes": r.notes}))
                .collect();
            out.result(Value::Array(rows), || {
                page.rows.iter().map(|r| format!("{}\t{}\t{}\t{}\t{}\t{}", r.doc_no, r.date, r.kind, r.counterparty, r.asset_count, r.state)).collect::<Vec<_>>().join("\n")
            });
        }
        DocCommand::Show { doc_no } => {
            let d = api::documents::detail(cx, &DocNo::from(doc_no.as_str()))?;
            let lines: Vec<Value> = d
                .lines
                .iter()
                .map(|l| json!({"code": l.code, "name": l.name, "from": l.prev_status, "to": l.status,
                    "dept": l.dept, "location": l.location, "custodian": l.custodian}))
                .collect();
            let value = json!({
                "doc": d.row.doc_no, "kind": d.row.kind, "date": d.row.date, "operator": d.row.operator,
                "counterparty": d.row.counterparty, "state": d.row.state, "notes": d.row.notes, "person": d.person,
                "to_dept": d.to_dept, "to_location": d.to_location, "due": d.due,
                "amount": d.amount, "method": d.method, "reason": d.reason, "source": d.source,
                "voided_by": d.voided_by, "lines": lines,
                "approval": d.approval.as_ref().map(|a| json!({"applicant": a.applicant, "applied": a.applied_on, "state": a.state,
                    "approver": a.approver, "decided": a.decided_on, "reason": a.reason})),
                "repair": d.repair.as_ref().map(|r| json!({"symptom": r.symptom, "cause": r.cause, "cause_category": r.cause_category,
                    "handling": r.handling, "vendor": r.vendor, "under_warranty": r.under_warranty, "recheck": r.recheck})),
            });
            out.result(value, || {
                let mut text = vec![format!("{}  {}  {}  {}  {}", d.row.doc_no, d.row.kind, d.row.date, d.row.operator, d.row.state)];
                text.extend(d.lines.iter().map(|l| format!("  {}  {}  {} -> {}", l.code, l.name, l.prev_status.unwrap_or("-"), l.status)));
                text.join("\n")
            });
        }
        DocCommand::Loans => {
            let loans = api::documents::open_loans(cx)?;
            let rows: Vec<Value> = loans
                .iter()
                .map(|l| json!({"code": l.code, "name": l.name, "borrower": l.borrower, "due": l.due, "doc": l.doc_no, "overdue_days": l.overdue_days}))
                .collect();
            out.result(Value::Array(rows), || {
                loans.iter().map(|l| format!("{}\t{}\t{}\t{}\t{}", l.code, l.name, l.borrower, l.due, l.overdue_days)).collect::<Vec<_>>().join("\n")
            });
        }
        DocCommand::Confirm { doc_no } => {
            api::documents::confirm_transfer(cx, &DocNo::from(doc_no.as_str()))?;
            out.result(json!({"doc": doc_no, "state": "posted"}), || format!("{doc_no} confirmed"));
        }
        DocCommand::Reject { doc_no, reason } => {
            api::approvals::reject(cx, &DocNo::from(doc_no.as_str()), reason)?;
            out.result(json!({"doc": doc_no, "state": "rejected"}), || format!("{doc_no} refused"));
        }
        DocCommand::Pending => {
            let queue = api::approvals::pending(cx)?;
            let rows: Vec<Value> = queue
                .iter()
                .map(|p| json!({"doc": p.doc_no, "kind": p.kind, "date": p.date, "applicant": p.applicant, "applied": p.applied_on,
                    "assets": p.asset_count, "summary": p.summary, "own": p.own}))
                .collect();
            out.result(Value::Array(rows), || {
                queue.iter().map(|p| format!("{}\t{}\t{}\t{}\t{}\t{}", p.doc_no, p.date, p.kind, p.applicant, p.asset_count, p.summary)).collect::<Vec<_>>().join("\n")
            });
        }
        DocCommand::Approve { doc_no } => {
            let done = api::approvals::approve(cx, &DocNo::from(doc_no.as_str()))?;
            out.result(json!({"doc": done.doc_no, "state": done.state}), || match done.state {
                "posted" => format!("{} approved", done.doc_no),
                _ => format!("{} approved; it now awaits the receiving department's confirmation", done.doc_no),
            });
        }
        DocCommand::Slip { doc_no, paper, out: file, print } => {
            let slip = api::documents::slip_pdf(cx, &DocNo::from(doc_no.as_str()), paper)?;
            let job_name = format!("{} {}", slip.kind_label, slip.doc_no);
            crate::print::deliver(out, &slip.pdf, file.as_deref(), print, &job_name)?;
        }
        DocCommand::Extend { due, notes, code } => crate::corrections::extend_loan(cx, out, code, due, notes)?,
        DocCommand::ValueChange { code, kind, amount, reason, common } => {
            crate::value_changes::record(cx, out, code, kind, amount, reason, &opt(&common.date), &opt(&common.notes))?
        }
        DocCommand::ValueChanges { code } => crate::value_changes::list(cx, out, code)?,
        _ => unreachable!("posted above"),
    }
    Ok(())
}
