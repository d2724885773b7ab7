//! The paper print preview's use case (api::paper::preview): what a print button asks
//! for, rendered from a real ledger file into the one PDF the preview shows and prints.

use std::process::Command;

use api::paper::{Paper, PrintableRequest};
use api::reports::ReportRequestDto;
use api::{Ctx, Lang};
use ledger::{AssetInput, Ledger, SetupInput};

fn pdf_text(dir: &std::path::Path, pdf: &[u8]) -> String {
    let path = dir.join("preview.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_report_renders_through_the_use_case_and_a_missing_slip_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    ledger.add_assets(&admin, &[AssetInput { name: "投影仪".into(), category: "教学设备".into(), dept: "教务处".into(), ..AssetInput::default() }]).unwrap();
    let mut cx = Ctx::new(&mut ledger, &admin, Lang::ZhCn);

    let request = ReportRequestDto { report: "register".into(), ..ReportRequestDto::default() };
    let preview = api::paper::preview(&mut cx, PrintableRequest::Report { request }, Some("a4-landscape"), dir.path()).unwrap();
    assert!(preview.labels.is_none(), "only a label sheet holds labels to record");
    assert!(preview.job.papers.contains(&Paper::A4Landscape), "{:?}", preview.job.papers);
    assert_eq!(preview.job.paper, Paper::A4Landscape, "the paper asked for, when the layout offers it");
    assert!(preview.job.rows >= 1);
    let text = pdf_text(dir.path(), &preview.job.pdf);
    assert!(text.contains("投影仪") && text.contains("华东示范学校"), "{text}");

    let missing = PrintableRequest::Slip { doc_no: "LY-1999-9999".into() };
    let err = api::paper::preview(&mut cx, missing, None, dir.path()).err().expect("no such slip");
    assert_eq!(err.code(), "not_found");

    // Saving the preview leaves the export's audit entry.
    api::paper::record_saved(&mut cx, "/tmp/资产台账.pdf", &preview.job).unwrap();
    drop(cx);
    let entries = ledger.audit_entries(&admin, 50).unwrap();
    assert!(entries.iter().any(|e| format!("{e:?}").contains("资产台账.pdf")), "recorded in the audit log");
}
