//! Which PDF a print button means (`Printable`): rendered from a real ledger on the
//! paper asked for (or its usual one when that paper is not offered), with the job title
//! and file stem the print queue and 保存PDF use.

use std::process::Command;

use ledger::{AssetInput, DocKind, DocRequest, Lang, Ledger, SetupInput};
use reports::{Paper, Printable};

fn pdf_text(dir: &std::path::Path, pdf: &[u8]) -> (String, String) {
    let path = dir.join("job.pdf");
    std::fs::write(&path, pdf).unwrap();
    let text = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    (String::from_utf8(text.stdout).unwrap(), String::from_utf8(info.stdout).unwrap())
}

#[test]
fn a_slip_and_a_card_render_on_their_papers_with_titles() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let codes = ledger.add_assets(&admin, &[AssetInput { name: "投影仪".into(), category: "教学设备".into(), dept: "教务处".into(), ..AssetInput::default() }]).unwrap();
    let doc = ledger.post_document(&admin, &DocRequest { person: "张三".into(), ..DocRequest::new(DocKind::Issue, codes.clone()) }).unwrap();

    let slip = Printable::Slip { doc_no: doc.clone() };
    assert_eq!(slip.papers(), [Paper::A5, Paper::A4]);
    let job = slip.render(&ledger, &admin, Lang::ZhCn, None).unwrap();
    assert_eq!((job.paper, job.stem.as_str()), (Paper::A5, doc.as_str()));
    assert_eq!(job.title, format!("领用出库 {doc}"));
    let (text, info) = pdf_text(dir.path(), &job.pdf);
    assert!(text.contains(&doc) && text.contains("张三"), "{text}");
    assert!(info.contains("595.276 x 419.528") || info.contains("595.28 x 419.53"), "A5 landscape: {info}");

    let a4 = slip.render(&ledger, &admin, Lang::ZhCn, Some(Paper::A4)).unwrap();
    assert_eq!(a4.paper, Paper::A4);
    // A paper the slip is not laid out for falls back to its usual one.
    assert_eq!(slip.render(&ledger, &admin, Lang::ZhCn, Some(Paper::A4Landscape)).unwrap().paper, Paper::A5);

    let card = Printable::Card { code: codes[0].clone() }.render(&ledger, &admin, Lang::En, None).unwrap();
    assert_eq!(card.paper, Paper::A4);
    assert_eq!(card.title, format!("Asset card {}", codes[0]));
    assert!(pdf_text(dir.path(), &card.pdf).0.contains("投影仪"));

    let err = Printable::Slip { doc_no: "LY-1999-9999".into() }.render(&ledger, &admin, Lang::ZhCn, None).unwrap_err();
    assert_eq!(err.code.as_str(), "not_found");
}
