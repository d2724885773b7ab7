//! Slips rendered from real documents of a real ledger, read back with pdftotext.

use std::process::Command;

use ledger::{AssetInput, DocKind, DocRequest, Lang, Ledger, SetupInput, ValueChangeInput};
use reports::{render_slip, Paper};

fn ledger_with_issue(assets: usize) -> (tempfile::TempDir, Ledger, String) {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let inputs: Vec<AssetInput> = (0..assets)
        .map(|i| AssetInput { name: format!("联想笔记本电脑{i}"), category: "电脑".into(), dept: "行政部".into(), ..AssetInput::default() })
        .collect();
    let codes = ledger.add_assets(&admin, &inputs).unwrap();
    let doc = ledger.post_document(&admin, &DocRequest { person: "张三".into(), notes: "新员工入职".into(), ..DocRequest::new(DocKind::Issue, codes) }).unwrap();
    (dir, ledger, doc)
}

fn pdf_text(dir: &std::path::Path, pdf: &[u8]) -> (String, usize) {
    let path = dir.join("slip.pdf");
    std::fs::write(&path, pdf).unwrap();
    let text = Command::new("pdftotext").args(["-layout"]).arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let pages = String::from_utf8_lossy(&info.stdout).lines().find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().parse().unwrap())).unwrap();
    (String::from_utf8(text.stdout).unwrap(), pages)
}

#[test]
fn an_issue_slip_carries_the_organisation_number_lines_and_signatures() {
    let (dir, mut ledger, doc) = ledger_with_issue(3);
    let admin = ledger.login("王会计", "secret1").unwrap();
    let detail = ledger.document(&admin, &doc).unwrap();
    let pdf = render_slip(&detail, "华东示范学校", Lang::ZhCn, Paper::A5);
    let (text, pages) = pdf_text(dir.path(), &pdf);
    for want in ["华东示范学校", "领用出库单", doc.as_str(), "联想笔记本电脑2", "张三", "新员工入职", "领用人签字", "发放人签字", "在库", "在用"] {
        assert!(text.contains(want), "{want} missing from the slip:\n{text}");
    }
    assert_eq!(pages, 1);
    assert!(pdf.len() < 60_000, "the font is subset: {} bytes", pdf.len());
}

#[test]
fn a_long_document_continues_over_pages_and_english_slips_read_in_english() {
    let (dir, mut ledger, doc) = ledger_with_issue(60);
    let admin = ledger.login("王会计", "secret1").unwrap();
    let detail = ledger.document(&admin, &doc).unwrap();
    let (text, pages) = pdf_text(dir.path(), &render_slip(&detail, "East School", Lang::En, Paper::A5));
    assert!(pages >= 3, "60 lines on A5 take several pages, got {pages}");
    assert!(text.contains("Page 1 of") && text.contains("Received by"), "{text}");
    assert!(text.contains("联想笔记本电脑59"), "the last line is on the last page");

    ledger.void_document(&admin, &doc, "错误").unwrap();
    let voided = ledger.document(&admin, &doc).unwrap();
    let (text, _) = pdf_text(dir.path(), &render_slip(&voided, "华东示范学校", Lang::ZhCn, Paper::A4));
    assert!(text.contains("已冲销"), "a voided document's slip says so");
}

#[test]
fn a_slip_lists_each_original_value_with_the_total_and_words_the_department_for_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let inputs: Vec<AssetInput> = ["6999.50", "1200"]
        .iter()
        .map(|v| AssetInput { name: "笔记本电脑".into(), category: "电脑".into(), dept: "行政部".into(), value: v.to_string(), ..AssetInput::default() })
        .collect();
    let codes = ledger.add_assets(&admin, &inputs).unwrap();
    let issue = ledger.post_document(&admin, &DocRequest { person: "张三".into(), dept: "财务部".into(), ..DocRequest::new(DocKind::Issue, codes.clone()) }).unwrap();
    let (text, _) = pdf_text(dir.path(), &render_slip(&ledger.document(&admin, &issue).unwrap(), "华东示范学校", Lang::ZhCn, Paper::A4));
    for want in ["原值", "6,999.50", "1,200.00", "合计 2 项", "8,199.50", "领用人:张三", "领用部门:财务部"] {
        assert!(text.contains(want), "{want} missing from the issue slip:\n{text}");
    }
    assert!(!text.contains("调入部门"), "an issue is not a transfer:\n{text}");

    ledger.post_document(&admin, &DocRequest::new(DocKind::Return, codes.clone())).unwrap();
    let transfer = ledger.post_document(&admin, &DocRequest { dept: "信息中心".into(), ..DocRequest::new(DocKind::Transfer, codes) }).unwrap();
    let (text, _) = pdf_text(dir.path(), &render_slip(&ledger.document(&admin, &transfer).unwrap(), "华东示范学校", Lang::ZhCn, Paper::A4));
    assert!(text.contains("调入部门:信息中心") && text.contains("8,199.50"), "{text}");
}

#[test]
fn a_value_change_slip_names_its_kind_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let input = AssetInput {
        name: "激光打印机".into(),
        category: "办公设备".into(),
        dept: "办公室".into(),
        acquired: "2026-01-31".into(),
        value: "12000".into(),
        life_years: "5".into(),
        method: "straight-line".into(),
        ..AssetInput::default()
    };
    let code = ledger.add_asset(&admin, &input).unwrap();
    let change = ValueChangeInput { code, kind: "add".into(), amount: "3000".into(), date: "2026-04-30".into(), reason: "加装双面器".into(), notes: String::new() };
    let doc = ledger.record_value_change(&admin, &change).unwrap().doc_no;
    let detail = ledger.document(&admin, &doc).unwrap();
    let (zh, _) = pdf_text(dir.path(), &render_slip(&detail, "华东示范学校", Lang::ZhCn, Paper::A5));
    assert!(zh.contains("改扩建") && zh.contains("加装双面器"), "the zh slip names the kind:\n{zh}");
    let (en, _) = pdf_text(dir.path(), &render_slip(&detail, "East School", Lang::En, Paper::A5));
    assert!(en.contains("Add value (improvement)"), "the English slip names the kind:\n{en}");
}
