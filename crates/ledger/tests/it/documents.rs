//! Lifecycle documents on a real ledger: every transition, every refusal, voids,
//! all-or-nothing multi-asset documents, and the history they leave.

use ledger::{AssetQuery, AssetStatus, DocKind, DocQuery, DocRequest, ErrorCode, Lang, Role};

use crate::common::{laptop, setup, Fixture};

fn status(f: &Fixture, code: &str) -> AssetStatus {
    f.ledger.asset(&f.admin, code).unwrap().row.status
}

fn post(f: &mut Fixture, req: DocRequest) -> String {
    f.ledger.post_document(&f.admin, &req).unwrap_or_else(|e| panic!("{:?} refused: {e}", req.kind))
}

fn doc(kind: DocKind, codes: &[&str]) -> DocRequest {
    DocRequest::new(kind, codes.iter().map(|c| c.to_string()).collect())
}

fn issue(to: &str, codes: &[&str]) -> DocRequest {
    DocRequest { person: to.into(), ..doc(DocKind::Issue, codes) }
}

fn two_assets(f: &mut Fixture) -> (String, String) {
    let a = f.ledger.add_asset(&f.admin, &laptop("笔记本电脑")).unwrap();
    let b = f.ledger.add_asset(&f.admin, &laptop("台式电脑")).unwrap();
    (a, b)
}

#[test]
fn issue_and_return_move_the_asset_and_its_custodian() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    let no = post(&mut f, DocRequest { dept: "财务部".into(), location: "二楼205".into(), ..issue("李四", &[&a]) });
    assert!(no.starts_with("LY-"), "{no}");
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    assert_eq!(card.row.status, AssetStatus::InUse);
    assert_eq!(card.row.custodian.as_deref(), Some("李四"));
    assert_eq!(card.row.dept.as_deref(), Some("财务部"));
    assert_eq!(card.row.location.as_deref(), Some("二楼205"));

    let back = post(&mut f, doc(DocKind::Return, &[&a]));
    assert!(back.starts_with("TK-"));
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    assert_eq!(card.row.status, AssetStatus::InStock);
    assert_eq!(card.row.custodian, None);
    let kinds: Vec<&str> = card.history.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(kinds, vec!["register", "issue", "return"]);
    assert_eq!(card.history[1].counterparty, "李四");
    assert_eq!(card.history[1].kind_label(Lang::ZhCn), "领用出库");
}

#[test]
fn a_return_can_close_its_issue_document() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    let c = f.ledger.add_asset(&f.admin, &laptop("显示器")).unwrap();
    let issued = post(&mut f, issue("李四", &[&a, &b, &c]));
    post(&mut f, doc(DocKind::Return, &[&b]));
    let back = post(&mut f, DocRequest { source: issued.clone(), ..doc(DocKind::Return, &[]) });
    let detail = f.ledger.document(&f.admin, &back).unwrap();
    assert_eq!(detail.source.as_deref(), Some(issued.as_str()));
    let codes: Vec<&str> = detail.lines.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, vec![a.as_str(), c.as_str()], "only the assets still out under that issue");
    let again = f.ledger.post_document(&f.admin, &DocRequest { source: issued, ..doc(DocKind::Return, &[]) }).unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
}

#[test]
fn illegal_transitions_are_refused_naming_the_asset_state_and_remedy() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    post(&mut f, DocRequest { person: "王五".into(), due: "2099-01-01".into(), ..doc(DocKind::Loan, &[&a]) });

    let err = f.ledger.post_document(&f.admin, &issue("李四", &[&a])).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(err.message(Lang::ZhCn), format!("资产 {a} 当前借出，不能领用出库；请先办理归还"));
    assert!(err.to_string().contains("return the loan first"), "{err}");

    let never = f.ledger.post_document(&f.admin, &doc(DocKind::Return, &[&b])).unwrap_err();
    assert!(never.message(Lang::ZhCn).contains("未领用"), "{never}");

    post(&mut f, DocRequest { reason: "损坏".into(), ..doc(DocKind::Scrap, &[&b]) });
    post(&mut f, DocRequest { method: "destroy".into(), ..doc(DocKind::Dispose, &[&b]) });
    let twice = f.ledger.post_document(&f.admin, &DocRequest { reason: "x".into(), ..doc(DocKind::Scrap, &[&b]) }).unwrap_err();
    assert!(twice.message(Lang::ZhCn).contains("已处置"), "{twice}");
    let unknown = f.ledger.post_document(&f.admin, &issue("李四", &["NOPE-1"])).unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

#[test]
fn a_multi_asset_document_is_all_or_nothing_and_names_every_bad_line() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    let c = f.ledger.add_asset(&f.admin, &laptop("显示器")).unwrap();
    post(&mut f, issue("李四", &[&b]));
    post(&mut f, DocRequest { person: "王五".into(), due: "2099-01-01".into(), ..doc(DocKind::Loan, &[&c]) });
    let docs_before = f.ledger.list_documents(&f.admin, &DocQuery::default()).unwrap().total;

    let err = f.ledger.post_document(&f.admin, &issue("新人员", &[&a, &b, &c])).unwrap_err();
    assert!(err.to_string().contains(&b) && err.to_string().contains(&c), "{err}");
    assert!(!err.to_string().contains(&format!("asset {a} ")), "the good line is not blamed: {err}");
    assert_eq!(status(&f, &a), AssetStatus::InStock, "the good line was not applied");
    assert_eq!(f.ledger.list_documents(&f.admin, &DocQuery::default()).unwrap().total, docs_before);
    let people = f.ledger.list_register(&f.admin, ledger::RegisterKind::Person).unwrap();
    assert!(!people.iter().any(|p| p.name == "新人员"), "a refused document creates no register entries");
}

#[test]
fn headers_are_validated_all_at_once() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    let err = f.ledger.post_document(&f.admin, &DocRequest { due: "2020-13-01".into(), date: "2999-01-01".into(), ..doc(DocKind::Loan, &[&a, &a]) }).unwrap_err();
    for field in ["date", "person", "due", "codes"] {
        assert!(err.fields.iter().any(|x| x == field), "{field} in {:?}", err.fields);
    }
    let err = f.ledger.post_document(&f.admin, &DocRequest { method: "gift".into(), ..doc(DocKind::Dispose, &[&a]) }).unwrap_err();
    assert_eq!(err.fields, vec!["method"]);
    let err = f.ledger.post_document(&f.admin, &doc(DocKind::Transfer, &[])).unwrap_err();
    assert_eq!(err.fields, vec!["dept", "codes"]);
}

#[test]
fn transfer_moves_department_and_location_keeping_status() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    post(&mut f, issue("李四", &[&a]));
    let no = post(&mut f, DocRequest { dept: "信息中心".into(), location: "机房".into(), ..doc(DocKind::Transfer, &[&a]) });
    assert!(no.starts_with("DB-"));
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    assert_eq!((card.row.status, card.row.dept.as_deref(), card.row.location.as_deref()), (AssetStatus::InUse, Some("信息中心"), Some("机房")));
    let same = f.ledger.post_document(&f.admin, &DocRequest { dept: "信息中心".into(), ..doc(DocKind::Transfer, &[&a]) }).unwrap_err();
    assert_eq!(same.fields, vec!["dept"]);
}

#[test]
fn loans_have_due_dates_and_overdue_ones_show() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    post(&mut f, DocRequest { person: "王五".into(), due: "2020-01-10".into(), date: "2020-01-01".into(), ..doc(DocKind::Loan, &[&a]) });
    post(&mut f, DocRequest { person: "赵六".into(), due: "2099-01-01".into(), ..doc(DocKind::Loan, &[&b]) });
    let loans = f.ledger.open_loans(&f.admin).unwrap();
    assert_eq!(loans.len(), 2);
    assert_eq!((loans[0].code.as_str(), loans[0].borrower.as_str()), (a.as_str(), "王五"));
    assert!(loans[0].overdue_days > 365);
    assert_eq!(loans[1].overdue_days, 0);
    let back = post(&mut f, doc(DocKind::LoanReturn, &[&a]));
    assert!(back.starts_with("GH-"));
    assert_eq!(status(&f, &a), AssetStatus::InStock);
    assert_eq!(f.ledger.open_loans(&f.admin).unwrap().len(), 1);
}

#[test]
fn defects_and_faults_are_records_beside_the_state() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    post(&mut f, issue("李四", &[&a]));
    post(&mut f, DocRequest { reason: "屏幕划痕".into(), ..doc(DocKind::Defect, &[&a]) });
    assert_eq!(status(&f, &a), AssetStatus::InUse, "a defect does not change the state");
    let twice = f.ledger.post_document(&f.admin, &DocRequest { reason: "又一处".into(), ..doc(DocKind::Defect, &[&a]) }).unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);
    post(&mut f, doc(DocKind::DefectClear, &[&a]));
    assert_eq!(f.ledger.post_document(&f.admin, &doc(DocKind::DefectClear, &[&a])).unwrap_err().code, ErrorCode::Conflict);

    post(&mut f, DocRequest { reason: "无法开机".into(), ..doc(DocKind::Fault, &[&a]) });
    assert_eq!(status(&f, &a), AssetStatus::UnderRepair);
    assert_eq!(f.ledger.post_document(&f.admin, &issue("王五", &[&a])).unwrap_err().message(Lang::ZhCn), format!("资产 {a} 当前维修中，不能领用出库；请先完成维修"));
    let vendor_missing = f.ledger.post_document(&f.admin, &DocRequest { method: "vendor".into(), ..doc(DocKind::Repair, &[&a]) }).unwrap_err();
    assert_eq!(vendor_missing.fields, vec!["vendor"]);
    let repaired = post(&mut f, DocRequest {
        method: "vendor".into(), vendor: "联想服务站".into(), amount: "350".into(), cause: "主板".into(),
        cause_category: "quality".into(), handling: "更换主板".into(), warranty: "yes".into(), recheck: "开机正常".into(),
        ..doc(DocKind::Repair, &[&a])
    });
    assert_eq!(status(&f, &a), AssetStatus::InUse, "back to the state it had before the fault");
    let detail = f.ledger.document(&f.admin, &repaired).unwrap();
    assert_eq!(detail.amount.unwrap().to_string(), "350.00");
    assert_eq!(detail.row.counterparty, "联想服务站");
    let record = detail.repair.expect("a repair carries its record");
    assert_eq!((record.symptom.as_str(), record.under_warranty, record.recheck.as_str()), ("无法开机", Some(true), "开机正常"));
}

#[test]
fn scrap_dispose_and_write_off_take_the_asset_off_the_books() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    post(&mut f, DocRequest { reason: "使用年限已满".into(), ..doc(DocKind::Scrap, &[&a]) });
    assert_eq!(status(&f, &a), AssetStatus::Scrapped);
    let sold = post(&mut f, DocRequest { method: "sale".into(), amount: "120.50".into(), ..doc(DocKind::Dispose, &[&a]) });
    assert_eq!(f.ledger.document(&f.admin, &sold).unwrap().amount.unwrap().to_string(), "120.50");
    assert_eq!(status(&f, &a), AssetStatus::Disposed);
    post(&mut f, DocRequest { method: "sold".into(), ..doc(DocKind::WriteOff, &[&a]) });
    assert_eq!(status(&f, &a), AssetStatus::WrittenOff);

    // An asset in use can be written off only as lost or stolen.
    post(&mut f, issue("李四", &[&b]));
    let sold_in_use = f.ledger.post_document(&f.admin, &DocRequest { method: "sold".into(), ..doc(DocKind::WriteOff, &[&b]) }).unwrap_err();
    assert_eq!(sold_in_use.code, ErrorCode::Conflict);
    post(&mut f, DocRequest { method: "stolen".into(), ..doc(DocKind::WriteOff, &[&b]) });
    let off = f.ledger.list_assets(&f.admin, &AssetQuery { status: Some(AssetStatus::WrittenOff), ..AssetQuery::default() }).unwrap();
    assert_eq!(off.total, 2);
}

#[test]
fn void_reverses_the_latest_document_and_refuses_when_something_depends_on_it() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    let issued = post(&mut f, DocRequest { dept: "财务部".into(), ..issue("李四", &[&a, &b]) });
    let transfer = post(&mut f, DocRequest { dept: "信息中心".into(), ..doc(DocKind::Transfer, &[&b]) });

    let err = f.ledger.void_document(&f.admin, &issued, "录入错误").unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(Lang::ZhCn).contains(&transfer), "{err}");
    assert_eq!(status(&f, &a), AssetStatus::InUse, "a refused void changes nothing");

    let void_t = f.ledger.void_document(&f.admin, &transfer, "调错部门").unwrap();
    assert!(void_t.starts_with("CX-"));
    assert_eq!(f.ledger.asset(&f.admin, &b).unwrap().row.dept.as_deref(), Some("财务部"));
    f.ledger.void_document(&f.admin, &issued, "录入错误").unwrap();
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    assert_eq!((card.row.status, card.row.dept.as_deref(), card.row.custodian.as_deref()), (AssetStatus::InStock, Some("行政部"), Some("张三")));

    let original = f.ledger.document(&f.admin, &issued).unwrap();
    assert_eq!(original.row.state, "voided");
    assert!(original.voided_by.is_some());
    assert_eq!(f.ledger.void_document(&f.admin, &issued, "again").unwrap_err().code, ErrorCode::Conflict);
    let history: Vec<&str> = card.history.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(history, vec!["register", "issue", "void"], "nothing is deleted: the void is another entry");
    assert_eq!(f.ledger.void_document(&f.admin, &issued, " ").unwrap_err().fields, vec!["reason"]);
}

#[test]
fn voiding_a_repair_reopens_the_fault() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    post(&mut f, DocRequest { reason: "无法开机".into(), ..doc(DocKind::Fault, &[&a]) });
    let repair = post(&mut f, doc(DocKind::Repair, &[&a]));
    f.ledger.void_document(&f.admin, &repair, "未修好").unwrap();
    assert_eq!(status(&f, &a), AssetStatus::UnderRepair);
    post(&mut f, doc(DocKind::Repair, &[&a]));
    assert_eq!(status(&f, &a), AssetStatus::InStock);
}

#[test]
fn document_lists_search_by_kind_text_and_asset() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    let i = post(&mut f, issue("李四", &[&a]));
    let l = post(&mut f, DocRequest { person: "王五".into(), due: "2099-01-01".into(), notes: "展会用".into(), ..doc(DocKind::Loan, &[&b]) });
    let all = f.ledger.list_documents(&f.admin, &DocQuery::default()).unwrap();
    assert_eq!(all.rows.iter().map(|r| r.doc_no.clone()).collect::<Vec<_>>(), vec![l.clone(), i.clone()], "newest first, no registrations");
    let loans = f.ledger.list_documents(&f.admin, &DocQuery { kind: Some(DocKind::Loan), ..DocQuery::default() }).unwrap();
    assert_eq!(loans.total, 1);
    let by_note = f.ledger.list_documents(&f.admin, &DocQuery { text: "展会".into(), ..DocQuery::default() }).unwrap();
    assert_eq!(by_note.rows[0].doc_no, l);
    let by_asset = f.ledger.list_documents(&f.admin, &DocQuery { text: a.to_lowercase(), ..DocQuery::default() }).unwrap();
    assert_eq!(by_asset.rows.iter().map(|r| r.doc_no.clone()).collect::<Vec<_>>(), vec![i]);
}

#[test]
fn normal_users_act_only_in_their_department_and_cannot_void() {
    let mut f = setup();
    let (ours, _) = two_assets(&mut f);
    let theirs = f.ledger.add_asset(&f.admin, &ledger::AssetInput { dept: "财务部".into(), ..laptop("财务电脑") }).unwrap();
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    let done = f.ledger.post_document(&clerk, &issue("张三", &[&ours])).unwrap();
    let err = f.ledger.post_document(&clerk, &issue("张三", &[&theirs])).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(f.ledger.void_document(&clerk, &done, "x").unwrap_err().code, ErrorCode::Forbidden);
}

#[test]
fn every_document_is_in_the_audit_chain() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    let no = post(&mut f, issue("李四", &[&a]));
    f.ledger.void_document(&f.admin, &no, "错").unwrap();
    let log = f.ledger.audit_entries(&f.admin, 5).unwrap();
    assert_eq!(log[0].action, "doc_void");
    assert_eq!(log[1].action, "doc_issue");
    assert!(f.ledger.verify_audit(&f.admin).unwrap().ok());
}

#[test]
fn the_card_offers_only_the_documents_its_state_allows() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    let kinds = |f: &Fixture| f.ledger.asset(&f.admin, &a).unwrap().allowed.iter().map(|k| k.as_str()).collect::<Vec<_>>();
    assert_eq!(kinds(&f), vec!["issue", "transfer", "loan", "defect", "fault", "scrap", "write-off"]);
    post(&mut f, issue("李四", &[&a]));
    post(&mut f, DocRequest { reason: "划痕".into(), ..doc(DocKind::Defect, &[&a]) });
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    assert_eq!(card.open_defect.as_deref(), Some("划痕"));
    assert_eq!(kinds(&f), vec!["return", "transfer", "defect-clear", "fault", "scrap", "write-off"]);
    post(&mut f, DocRequest { reason: "黑屏".into(), ..doc(DocKind::Fault, &[&a]) });
    assert!(kinds(&f).contains(&"repair"));
    assert!(!kinds(&f).contains(&"return"));
}

#[test]
fn the_dashboard_counts_values_and_reminders() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    let c = f.ledger.add_asset(&f.admin, &ledger::AssetInput { category: "家具".into(), value: "100".into(), ..laptop("桌子") }).unwrap();
    post(&mut f, DocRequest { person: "王五".into(), due: "2020-01-10".into(), date: "2020-01-01".into(), ..doc(DocKind::Loan, &[&a]) });
    post(&mut f, DocRequest { reason: "黑屏".into(), ..doc(DocKind::Fault, &[&b]) });
    post(&mut f, DocRequest { reason: "旧".into(), ..doc(DocKind::Scrap, &[&c]) });
    post(&mut f, DocRequest { method: "destroy".into(), ..doc(DocKind::Dispose, &[&c]) });
    let d = f.ledger.dashboard(&f.admin, 7).unwrap();
    assert_eq!(d.overdue_loans, 1);
    assert_eq!(d.open_faults, 1);
    assert_eq!(d.by_category.len(), 1, "disposed assets are off the books");
    assert_eq!((d.by_category[0].name.as_str(), d.by_category[0].count, d.by_category[0].value.to_string()), ("电脑", 2, "13999.00".to_string()));
    assert_eq!(d.by_status.iter().find(|s| s.status == AssetStatus::Disposed).unwrap().count, 1);
}

#[test]
fn the_dashboard_reminds_of_warranties_stocktakes_and_charts_removals() {
    let mut f = setup();
    let today = chrono::Local::now().date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    let with_warranty = |name: &str, until: String| ledger::AssetInput { supplier: "某某科技".into(), warranty_until: until, ..laptop(name) };
    let soon = f.ledger.add_asset(&f.admin, &with_warranty("十天后到期", day(10))).unwrap();
    let ended = f.ledger.add_asset(&f.admin, &with_warranty("昨天到期", day(-1))).unwrap();
    f.ledger.add_asset(&f.admin, &with_warranty("半年后到期", day(180))).unwrap();
    f.ledger.add_asset(&f.admin, &with_warranty("去年到期", day(-365))).unwrap();
    let scrapped = f.ledger.add_asset(&f.admin, &with_warranty("已报废", day(3))).unwrap();
    post(&mut f, DocRequest { reason: "坏了".into(), ..doc(DocKind::Scrap, &[&scrapped]) });

    let card = f.ledger.asset(&f.admin, &soon).unwrap();
    assert_eq!((card.supplier.as_str(), card.warranty_until.map(|d| d.to_string())), ("某某科技", Some(day(10))));

    // A 7-day lead time sees only the warranty that just ended; 30 days sees both,
    // soonest first; off-the-books assets and long-gone warranties are not reminders.
    let codes = |lead: i64, f: &Fixture| -> Vec<String> { f.ledger.dashboard(&f.admin, lead).unwrap().warranties_ending.into_iter().map(|w| w.code).collect() };
    assert_eq!(codes(7, &f), vec![ended.clone()]);
    assert_eq!(codes(30, &f), vec![ended, soon]);

    let id = f.ledger.create_stocktake(&f.admin, &ledger::StocktakeInput { name: "年中盘点".into(), ..Default::default() }).unwrap();
    assert!(f.ledger.dashboard(&f.admin, 7).unwrap().stocktakes_open.is_empty(), "a draft is not in progress");
    f.ledger.start_stocktake(&f.admin, id).unwrap();
    let d = f.ledger.dashboard(&f.admin, 7).unwrap();
    assert_eq!(d.stocktakes_open.iter().map(|s| (s.name.as_str(), s.expected, s.found)).collect::<Vec<_>>(), vec![("年中盘点", 4, 0)]);
    let month = today.format("%Y-%m").to_string();
    assert_eq!(d.disposals.iter().map(|g| (g.name.as_str(), g.count)).collect::<Vec<_>>(), vec![(month.as_str(), 1)]);
    assert_eq!(d.lead_days, 7);
    assert!(d.backup_overdue && d.backup_age_days.is_none(), "a ledger with assets and no backup is a reminder");
    let backups = f._dir.path().join("backups");
    f.ledger.create_backup(&f.admin, Some(&backups), 3).unwrap();
    let d = f.ledger.dashboard(&f.admin, 7).unwrap();
    assert!(!d.backup_overdue && d.backup_age_days == Some(0), "a backup today clears it");

    // A bad warranty date is refused with the field named, and so is one before purchase.
    let bad = f.ledger.add_asset(&f.admin, &with_warranty("坏日期", "2025-13-01".into())).unwrap_err();
    assert_eq!(bad.fields, vec!["warranty_until"]);
    let early = f.ledger.add_asset(&f.admin, &with_warranty("早于购置", "2024-01-01".into())).unwrap_err();
    assert!(early.message(ledger::Lang::ZhCn).contains("早于购置日期"), "{early:?}");
}

#[test]
fn with_confirmation_on_a_transfer_waits_for_the_receiving_department() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    let mut p = f.ledger.parameters().unwrap();
    p.transfer_confirmation = true;
    f.ledger.update_parameters(&f.admin, &p).unwrap();
    let pending = post(&mut f, DocRequest { dept: "信息中心".into(), ..doc(DocKind::Transfer, &[&a, &b]) });
    assert_eq!(f.ledger.asset(&f.admin, &a).unwrap().row.dept.as_deref(), Some("行政部"), "nothing moves yet");
    let detail = f.ledger.document(&f.admin, &pending).unwrap();
    assert_eq!((detail.row.state.as_str(), detail.lines.len()), ("pending", 2));

    // Only the receiving department (or a power user) confirms.
    f.ledger.add_user(&f.admin, "sender", Role::Normal, Some("行政部"), "secret2").unwrap();
    f.ledger.add_user(&f.admin, "receiver", Role::Normal, Some("信息中心"), "secret3").unwrap();
    let sender = f.ledger.login("sender", "secret2").unwrap();
    assert_eq!(f.ledger.confirm_transfer(&sender, &pending).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(f.ledger.void_document(&f.admin, &pending, "x").unwrap_err().code, ErrorCode::Conflict);
    let receiver = f.ledger.login("receiver", "secret3").unwrap();
    assert_eq!(f.ledger.document(&receiver, &pending).unwrap().lines.len(), 2, "the receiver sees what is coming");
    f.ledger.confirm_transfer(&receiver, &pending).unwrap();
    let card = f.ledger.asset(&f.admin, &a).unwrap();
    assert_eq!(card.row.dept.as_deref(), Some("信息中心"));
    assert_eq!(card.history.last().unwrap().doc_no, pending);
    assert_eq!(f.ledger.confirm_transfer(&receiver, &pending).unwrap_err().code, ErrorCode::Conflict);

    let refused = post(&mut f, DocRequest { dept: "财务部".into(), ..doc(DocKind::Transfer, &[&b]) });
    assert_eq!(f.ledger.reject_transfer(&f.admin, &refused, " ").unwrap_err().fields, vec!["reason"]);
    f.ledger.reject_transfer(&f.admin, &refused, "不需要").unwrap();
    assert_eq!(f.ledger.document(&f.admin, &refused).unwrap().row.state, "rejected");
    assert_eq!(f.ledger.asset(&f.admin, &b).unwrap().row.dept.as_deref(), Some("信息中心"));
}

#[test]
fn document_numbers_follow_the_configured_rule() {
    let mut f = setup();
    let (a, _) = two_assets(&mut f);
    assert!(post(&mut f, issue("李四", &[&a])).starts_with("LY-"), "default {{PREFIX}}-{{YYYY}}-{{SEQ5}}");
    let mut p = f.ledger.parameters().unwrap();
    for bad in ["{YYYY}-{SEQ5}", "{PREFIX}-{YYYY}", "{PREFIX} {SEQ5}"] {
        p.doc_number_rule = bad.into();
        assert_eq!(f.ledger.update_parameters(&f.admin, &p).unwrap_err().fields, vec!["doc_number_rule"], "{bad}");
    }
    p.doc_number_rule = "{PREFIX}{YY}{MM}-{SEQ4}".into();
    f.ledger.update_parameters(&f.admin, &p).unwrap();
    let back = post(&mut f, doc(DocKind::Return, &[&a]));
    let today = chrono::Local::now().format("%y%m").to_string();
    assert_eq!(back, format!("TK{today}-0001"));
}

#[test]
fn a_selection_is_offered_only_what_every_asset_may_take_and_told_why_not() {
    let mut f = setup();
    let (a, b) = two_assets(&mut f);
    post(&mut f, issue("李四", &[&a]));
    let kinds = [DocKind::Issue, DocKind::Return, DocKind::Transfer, DocKind::LoanReturn, DocKind::Dispose];
    let codes = vec![a.clone(), b.clone()];
    let actions = f.ledger.selection_actions(&f.admin, &codes, &kinds).unwrap();
    let allowed: Vec<DocKind> = actions.iter().filter(|x| x.refusals.is_empty()).map(|x| x.kind).collect();
    assert_eq!(allowed, vec![DocKind::Transfer], "only a transfer suits one in use and one in stock");
    let why = |kind: DocKind| actions.iter().find(|x| x.kind == kind).unwrap();
    // The same words posting would use.
    let posted = f.ledger.post_document(&f.admin, &issue("王五", &[&a, &b])).unwrap_err();
    assert_eq!(why(DocKind::Issue).refusals[0].message(Lang::ZhCn), posted.message(Lang::ZhCn));
    assert_eq!(why(DocKind::Issue).refused, 1);
    assert_eq!(why(DocKind::LoanReturn).refused, 2);
    // The state is said once, not again as the remedy.
    let in_stock = why(DocKind::LoanReturn).refusals.iter().map(|e| e.message(Lang::ZhCn).to_string()).find(|m| m.contains(&b)).unwrap();
    assert_eq!(in_stock, format!("资产 {b} 当前在库，不能归还"));
    assert_eq!(in_stock.matches("在库").count(), 1, "{in_stock}");
    let dispose = why(DocKind::Dispose).refusals.iter().map(|e| e.message(Lang::ZhCn).to_string()).find(|m| m.contains(&b)).unwrap();
    assert!(dispose.ends_with("请先办理报废"), "{dispose}");
}

#[test]
fn an_asset_imported_under_repair_has_an_open_fault_that_home_counts_and_a_repair_closes() {
    let mut f = setup();
    let row = |n: usize, name: &str, status: AssetStatus| ledger::ImportAsset { row: n, input: laptop(name), status: Some(status), opening: None, custom: Vec::new() };
    let rows = [row(2, "坏的电脑", AssetStatus::UnderRepair), row(3, "好的电脑", AssetStatus::InStock)];
    let outcome = f.ledger.import_assets(&f.admin, "test.csv", &rows, false, false, &mut |_, _| true).unwrap();
    let broken = outcome.imported[0].1.clone();
    let home = f.ledger.dashboard(&f.admin, 7).unwrap();
    assert_eq!(home.open_faults, 1, "Home's 待修故障 agrees with the 维修中 status");
    let this_month = chrono::Local::now().format("%Y-%m").to_string();
    assert_eq!(home.registrations.iter().map(|g| (g.name.as_str(), g.count)).collect::<Vec<_>>(), vec![(this_month.as_str(), 2)], "imported today, bought in 2025");
    assert!(f.ledger.asset(&f.admin, &broken).unwrap().open_fault.is_some());
    post(&mut f, DocRequest { method: "in-house".into(), ..doc(DocKind::Repair, &[&broken]) });
    assert_eq!(status(&f, &broken), AssetStatus::InUse, "repaired, it goes back to its custodian 张三");
    assert_eq!(f.ledger.dashboard(&f.admin, 7).unwrap().open_faults, 0);
}
