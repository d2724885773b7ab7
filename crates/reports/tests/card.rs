//! The asset card PDF from a real ledger, read back with pdftotext.

use std::process::Command;

use ledger::{AssetInput, DocKind, DocRequest, Lang, Ledger, SetupInput};
use reports::{render_asset_card, Paper};

fn text_and_pages(pdf: &[u8]) -> (String, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("card.pdf");
    std::fs::write(&path, pdf).unwrap();
    let text = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let pages = String::from_utf8_lossy(&info.stdout).lines().find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().parse().unwrap())).unwrap();
    (String::from_utf8(text.stdout).unwrap(), pages)
}

#[test]
fn the_card_shows_fields_value_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let input = AssetInput {
        name: "联想笔记本电脑".into(),
        category: "电脑".into(),
        model: "ThinkPad T14".into(),
        serial: "SN-778899".into(),
        dept: "行政部".into(),
        value: "12345.60".into(),
        acquired: "2026-03-01".into(),
        life_years: "5".into(),
        ..AssetInput::default()
    };
    let code = ledger.add_assets(&admin, &[input]).unwrap().remove(0);
    let issue = ledger.post_document(&admin, &DocRequest { person: "张三".into(), ..DocRequest::new(DocKind::Issue, vec![code.clone()]) }).unwrap();
    let card = ledger.asset(&admin, &code).unwrap();
    let (text, pages) = text_and_pages(&render_asset_card(&card, "华东示范学校", Lang::ZhCn, Paper::A4));
    assert_eq!(pages, 1);
    for want in ["华东示范学校", "固定资产卡片", code.as_str(), "联想笔记本电脑", "ThinkPad T14", "SN-778899", "行政部", "12,345.60", "2026-03-01", "5 年", "年限平均法", "变动记录", issue.as_str(), "张三", "在用"] {
        assert!(text.contains(want), "{want} missing from the card:\n{text}");
    }

    // A long history continues on further pages, in English too.
    for i in 0..40 {
        let kind = if i % 2 == 0 { DocKind::Return } else { DocKind::Issue };
        let person = if kind == DocKind::Issue { "李四".to_string() } else { String::new() };
        ledger.post_document(&admin, &DocRequest { person, ..DocRequest::new(kind, vec![code.clone()]) }).unwrap();
    }
    let card = ledger.asset(&admin, &code).unwrap();
    let (text, pages) = text_and_pages(&render_asset_card(&card, "East School", Lang::En, Paper::A5));
    assert!(pages >= 2, "42 history lines on A5 take more than a page, got {pages}");
    assert!(text.contains("Fixed asset card") && text.contains("Page 1 of") && text.contains("Original value"), "{text}");
    let last = &card.history.last().unwrap().doc_no;
    assert!(text.contains(last.as_str()), "the last document {last} is printed");
}
