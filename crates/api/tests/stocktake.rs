//! The stocktake use cases on a real ledger file: a normal user may not run one, a
//! scan answers its verdict, the close applies the differences, and a closed task
//! takes no more scans.

use api::assets::AssetInputDto;
use api::stocktake::{ScanFile, ScanRequest, StocktakeInputDto};
use api::{Ctx, ErrorCode, Lang, StocktakeId};
use ledger::{Ledger, Role, SetupInput};

fn scan(code: &str) -> ScanRequest {
    ScanRequest { code: code.into(), source: "manual".into(), location: "三楼301".into(), session: None }
}

#[test]
fn a_stocktake_from_plan_to_close() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    ledger.add_register(&admin, ledger::RegisterKind::Department, "行政部", None).unwrap();
    ledger.add_user(&admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    let clerk = ledger.authenticate("clerk", "secret2").unwrap();
    let laptop = |name: &str| AssetInputDto { name: name.into(), category: "电脑".into(), dept: "行政部".into(), location: "三楼301".into(), value: "5000".into(), ..Default::default() };
    let (a, b) = {
        let cx = &mut Ctx::new(&mut ledger, &admin, Lang::ZhCn);
        (api::assets::register(cx, laptop("一号")).unwrap(), api::assets::register(cx, laptop("二号")).unwrap())
    };
    let input = StocktakeInputDto { name: "年中盘点".into(), dept: "行政部".into(), ..Default::default() };

    let err = api::stocktake::create(&mut Ctx::new(&mut ledger, &clerk, Lang::ZhCn), StocktakeInputDto { name: "年中盘点".into(), ..Default::default() }, true).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden, "{}", err.message(Lang::En));

    let cx = &mut Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    assert!(api::stocktake::list(cx).unwrap().is_empty(), "the refusal created nothing");
    let task = api::stocktake::create(cx, input, true).unwrap();
    let id = StocktakeId(task.id);
    assert_eq!((task.state, task.counters.expected), ("counting", 2));

    let found = api::stocktake::scan(cx, id, scan(a.as_str())).unwrap();
    assert_eq!((found.verdict, found.verdict_label, found.counters.found), ("found", "已盘到", 1));
    assert_eq!(api::stocktake::scan(cx, id, scan(a.as_str())).unwrap().verdict, "duplicate");
    assert_eq!(api::stocktake::scan(cx, id, scan("ZC-UNKNOWN-1")).unwrap().verdict, "surplus");
    let err = api::stocktake::scan(cx, id, ScanRequest { source: "pigeon".into(), ..scan(a.as_str()) }).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(api::stocktake::recent_scans(cx, id, 10).unwrap().len(), 3);

    // A batch file naming the second asset.
    let import = api::stocktake::import_scans(cx, id, ScanFile::Bytes { name: "pda.csv", bytes: format!("{b}\n").into_bytes() }, "三楼301").unwrap();
    assert_eq!((import.imported, import.outcomes[0].verdict), (1, "found"));

    let report = api::stocktake::report(cx, id).unwrap();
    assert_eq!((report.expected, report.found, report.surplus.len(), report.missing.len()), (2, 2, 1, 0));
    let file = dir.path().join("report.xlsx");
    let export = api::stocktake::export_report(cx, id, &file).unwrap();
    assert!(export.rows > 0 && std::fs::read(&file).unwrap().starts_with(b"PK"), "an .xlsx");

    // Nobody reviewed the lines: close refuses (issue 20) until told what to do with them.
    let err = api::stocktake::close(cx, id, "").unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::Conflict, vec!["unreviewed".to_string()]));
    assert_eq!(api::stocktake::close(cx, id, "sometimes").unwrap_err().fields, ["unreviewed"]);
    let closed = api::stocktake::close(cx, id, "accept").unwrap();
    assert!(closed.doc_no.as_deref().is_some_and(|d| d.starts_with("PD-")), "{:?}", closed.doc_no);
    assert_eq!(closed.registered.len(), 1, "the surplus registered");
    assert_eq!(api::stocktake::get(cx, id).unwrap().state, "closed");
    let err = api::stocktake::scan(cx, id, scan(b.as_str())).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "a closed task takes no scans: {}", err.message(Lang::En));
}
