//! Consumable movement slips (issue 7) from a real ledger, read back with pdftotext.

use std::process::Command;

use ledger::{ItemInput, Lang, Ledger, MoveKind, MoveRequest, SetupInput};
use reports::{render_consumable_slip, Paper};

fn text_of(dir: &std::path::Path, pdf: &[u8]) -> String {
    let path = dir.join("slip.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").args(["-layout"]).arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn an_issue_slip_names_the_item_quantity_amount_recipient_and_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let item = ItemInput { name: "A4复印纸".into(), kind: "办公用纸".into(), spec: "70g 500张".into(), unit: "包".into(), threshold: String::new() };
    let paper = ledger.add_consumable_item(&admin, &item).unwrap();
    let mut r = MoveRequest::new(MoveKind::Receive, &paper, "10");
    r.price = "1234.50".into();
    ledger.post_consumable(&admin, &r).unwrap();
    let mut i = MoveRequest::new(MoveKind::Issue, &paper, "3");
    i.dept = "教务处".into();
    i.person = "李老师".into();
    i.purpose = "期末考试印卷".into();
    let doc = ledger.post_consumable(&admin, &i).unwrap();

    let slip = render_consumable_slip(&ledger.consumable_move(&admin, &doc).unwrap(), "华东示范学校", Lang::ZhCn, Paper::A5);
    let text = text_of(dir.path(), &slip);
    for want in ["华东示范学校", "耗材领用单", doc.as_str(), "A4复印纸", "70g 500张", "教务处", "李老师", "期末考试印卷", "-3", "1234.50", "-3703.50", "领用人签字", "发放人签字", "结存数量:7 包"] {
        assert!(text.contains(want), "{want} missing from the slip:\n{text}");
    }

    ledger.void_consumable(&admin, &doc, "开错了").unwrap();
    let voided = ledger.consumable_move(&admin, &doc).unwrap();
    let text = text_of(dir.path(), &render_consumable_slip(&voided, "East School", Lang::En, Paper::A4));
    for want in ["Consumable issue", "VOIDED", "Voided by", "Received by", "Page 1 of 1"] {
        assert!(text.contains(want), "{want} missing from the English slip:\n{text}");
    }
}
