//! The asset list's export, streamed (issue 25), as the app and the CLI run it: the rows
//! come a chunk per step of the session (the desktop's lock is held for one step at a
//! time), the workbook holds exactly what the list shows, a department clerk exports
//! only their department, and a cancel leaves no file and no export record.

use api::assets::AssetQueryDto;
use api::{Ctx, ErrorCode, Lang};
use calamine::{open_workbook, Data, Reader, Xlsx};
use ledger::{AssetInput, Ledger, Role, SetupInput};

const N: usize = 4_500;

fn ledger_of(n: usize) -> (tempfile::TempDir, Ledger, ledger::Actor) {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let inputs: Vec<AssetInput> = (0..n)
        .map(|i| AssetInput {
            name: format!("笔记本{i}"),
            category: "电脑".into(),
            dept: if i % 3 == 0 { "财务部" } else { "行政部" }.into(),
            acquired: "2025-01-10".into(),
            value: format!("{}.50", 1000 + i),
            ..AssetInput::default()
        })
        .collect();
    ledger.add_assets(&admin, &inputs).unwrap();
    (dir, ledger, admin)
}

fn sheet_codes(path: &std::path::Path) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range("资产台账").unwrap();
    range.rows().skip(1).map(|r| match &r[0] { Data::String(s) => s.clone(), other => panic!("a code cell, not {other:?}") }).collect()
}

#[test]
fn the_export_streams_in_short_steps_and_writes_what_the_list_shows() {
    let (dir, mut ledger, admin) = ledger_of(N);
    let cx = &mut Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    let query = AssetQueryDto { dept: Some("行政部".into()), ..AssetQueryDto::default() };
    let listed: Vec<String> = api::assets::list(cx, query.clone()).unwrap().rows.into_iter().map(|r| r.code).collect();
    assert_eq!(listed.len(), N * 2 / 3);

    let path = dir.path().join("台账.xlsx");
    let (mut steps, mut told) = (0, Vec::new());
    let written = api::assets::export(
        &mut |step| {
            steps += 1;
            step(cx)
        },
        query,
        &path,
        &mut |done, total| {
            told.push((done, total));
            true
        },
    )
    .unwrap();
    assert_eq!(written.rows, listed.len());
    // The ids, one step per chunk of 2,000 rows, then the record: never the whole export in one.
    assert_eq!(steps, 1 + listed.len().div_ceil(exchange::EXPORT_CHUNK) + 1);
    assert_eq!(told.first(), Some(&(2_000, listed.len())));
    assert_eq!(told.last(), Some(&(listed.len(), listed.len())));
    assert_eq!(sheet_codes(&path), listed, "the sheet's rows are the list's, in its order");
    let audit = ledger.audit_entries(&admin, 5).unwrap();
    assert!(audit.iter().any(|e| e.action == "export" && e.detail.contains(&listed.len().to_string())), "the export is recorded: {audit:?}");
}

#[test]
fn a_department_clerk_exports_only_their_department() {
    let (dir, mut ledger, admin) = ledger_of(30);
    ledger.add_user(&admin, "clerk", Role::Normal, Some("财务部"), "secret2").unwrap();
    let clerk = ledger.login("clerk", "secret2").unwrap();
    let cx = &mut Ctx::new(&mut ledger, &clerk, Lang::ZhCn);
    let path = dir.path().join("财务部.xlsx");
    let written = api::assets::export(&mut |step| step(cx), AssetQueryDto::default(), &path, &mut |_, _| true).unwrap();
    assert_eq!(written.rows, 10);
    let mine: Vec<String> = api::assets::list(cx, AssetQueryDto::default()).unwrap().rows.into_iter().map(|r| r.code).collect();
    assert_eq!(sheet_codes(&path), mine);
}

#[test]
fn a_cancelled_export_leaves_no_file_and_no_record() {
    let (dir, mut ledger, admin) = ledger_of(N);
    let cx = &mut Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    let path = dir.path().join("台账.xlsx");
    let err = api::assets::export(&mut |step| step(cx), AssetQueryDto::default(), &path, &mut |done, _| done < 2_000).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(!path.exists(), "no partial workbook");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).filter(|n| n.to_string_lossy().contains("xlsx")).collect();
    assert!(leftovers.is_empty(), "no temporary file beside it: {leftovers:?}");
    assert!(!ledger.audit_entries(&admin, 5).unwrap().iter().any(|e| e.action == "export"));
}
