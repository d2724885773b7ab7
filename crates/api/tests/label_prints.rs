//! A label print as the app runs it (issue 18): checked under the session lock
//! (`gather_print`), rendered without it with progress and cancel, recorded as sending
//! (`begin_print`), delivered, recorded. A cancel while rendering leaves no trace.

use std::sync::atomic::{AtomicBool, Ordering};

use api::labels::PrintRequestDto;
use api::{Ctx, Lang};
use ledger::{AssetInput, Ledger, SetupInput};

fn ledger_with_assets(dir: &std::path::Path, n: usize) -> (Ledger, ledger::Actor, Vec<String>) {
    let setup = SetupInput { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir, &setup).unwrap();
    let inputs: Vec<AssetInput> = (0..n)
        .map(|i| AssetInput { name: format!("投影仪{i}"), category: "教学设备".into(), dept: "教务处".into(), ..AssetInput::default() })
        .collect();
    let codes = ledger.add_assets(&admin, &inputs).unwrap();
    (ledger, admin, codes)
}

fn request(codes: &[String]) -> PrintRequestDto {
    PrintRequestDto { codes: codes.to_vec(), template: String::new(), printer: String::new(), start: 1, reason: String::new(), copies: 1 }
}

fn pdfs_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect()
}

#[test]
fn a_cancel_while_rendering_stops_before_anything_is_recorded_or_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (mut ledger, admin, codes) = ledger_with_assets(dir.path(), 20);
    let mut cx = Ctx::new(&mut ledger, &admin, Lang::ZhCn);

    let gathered = api::labels::gather_print(&mut cx, &request(&codes), out.path()).unwrap();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    // The clerk presses 取消 when the third label is done.
    let err = gathered
        .render(&cancel, &mut |done, total| {
            seen.push((done, total));
            if done == 3 {
                cancel.store(true, Ordering::SeqCst);
            }
        })
        .err()
        .expect("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(seen.last(), Some(&(3, 20)), "rendering stops at the label the cancel came after: {seen:?}");
    assert!(api::labels::jobs(&mut cx, 10).unwrap().is_empty(), "a job cancelled while rendering is not in the history");
    assert!(pdfs_in(out.path()).is_empty(), "nothing written");
    drop(cx);
    let audit = format!("{:?}", ledger.audit_entries(&admin, 50).unwrap());
    assert!(!audit.contains("label_print"), "no label recorded as printed: {audit}");
}

#[test]
fn rendering_reports_every_label_then_the_job_is_recorded_and_delivered() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (mut ledger, admin, codes) = ledger_with_assets(dir.path(), 12);
    let mut cx = Ctx::new(&mut ledger, &admin, Lang::ZhCn);

    let gathered = api::labels::gather_print(&mut cx, &request(&codes), out.path()).unwrap();
    let mut seen = Vec::new();
    let rendered = gathered.render(&AtomicBool::new(false), &mut |done, total| seen.push((done, total))).unwrap();
    assert_eq!(seen.last(), Some(&(12, 12)), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");

    let prepared = api::labels::begin_print(&mut cx, rendered).unwrap();
    let jobs = api::labels::jobs(&mut cx, 10).unwrap();
    assert_eq!((jobs.len(), jobs[0].status.as_str(), jobs[0].id), (1, "sending", prepared.id()));
    let delivered = prepared.deliver(&AtomicBool::new(false), &mut |_, _| {});
    let result = api::labels::finish_print(&mut cx, &prepared, delivered).unwrap();
    assert_eq!((result.labels, result.status.as_str()), (12, "not_asked"));
    assert_eq!(api::labels::jobs(&mut cx, 10).unwrap()[0].status, "sent");
    assert_eq!(pdfs_in(out.path()).len(), 1, "the PDF is in the export folder");
}

#[test]
fn an_unknown_asset_is_refused_when_the_job_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (mut ledger, admin, mut codes) = ledger_with_assets(dir.path(), 2);
    codes.push("ZC-1999-99999".into());
    let mut cx = Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    let err = api::labels::gather_print(&mut cx, &request(&codes), out.path()).err().expect("refused");
    assert_eq!(err.code(), "not_found", "{}", err.message(Lang::En));
    assert!(err.message(Lang::En).contains("ZC-1999-99999"), "{}", err.message(Lang::En));
    assert!(api::labels::jobs(&mut cx, 10).unwrap().is_empty());
}
