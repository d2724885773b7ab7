//! Desks syncing through a real PostgreSQL (initdb + server from the distribution's
//! packages, in a temp dir: crates/test-postgres). Each desk is a real SQLite ledger file.

use ledger::{Actor, AssetInput, DocKind, DocRequest, ErrorCode, Ledger, PullOutcome, SetupInput};
use test_postgres::Postgres;

struct Desk {
    _dir: tempfile::TempDir,
    ledger: Ledger,
    admin: Actor,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, admin) = Ledger::create(
        dir.path(),
        &SetupInput { org_name: "示例学区".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None },
    )
    .unwrap();
    Desk { _dir: dir, ledger, admin }
}

fn joined(pg: &Postgres, site: &str, prefix: &str) -> Desk {
    let mut d = desk();
    hub::join(&mut d.ledger, &d.admin, &pg.url(), site, prefix).unwrap();
    d
}

fn asset(code: &str, name: &str, dept: &str) -> AssetInput {
    AssetInput {
        code: code.into(),
        name: name.into(),
        category: "电脑".into(),
        dept: dept.into(),
        location: "三楼301".into(),
        custodian: "张三".into(),
        model: "ThinkPad T14".into(),
        serial: format!("SN-{code}"),
        acquired: "2025-03-01".into(),
        value: "6999.50".into(),
        life_years: "5".into(),
        salvage_rate: "5%".into(),
        ..AssetInput::default()
    }
}

fn hub_count(pg: &Postgres, sql: &str) -> i64 {
    let mut c = hub::connect(&pg.url()).unwrap();
    c.query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn init_is_idempotent_and_join_needs_it() {
    let pg = Postgres::start();
    let mut d = desk();
    let err = hub::join(&mut d.ledger, &d.admin, &pg.url(), "分校A", "A1").unwrap_err();
    assert_eq!(err.code, ErrorCode::NotInitialized, "{}", err.message(ledger::Lang::En));
    assert!(err.message(ledger::Lang::ZhCn).contains("hub init"));
    let v = hub::init(&pg.url()).unwrap();
    assert_eq!(hub::init(&pg.url()).unwrap(), v, "a second init changes nothing");
    assert_eq!(hub_count(&pg, "SELECT COUNT(*) FROM assetdesk_hub.schema_version"), v as i64);
    // A postgres:// URL over TCP works the same as the socket.
    hub::join(&mut d.ledger, &d.admin, &pg.tcp_url(), "分校A", "A1").unwrap();
    // Another desk may not take the same site or the same prefix.
    let mut other = desk();
    let taken = hub::join(&mut other.ledger, &other.admin, &pg.url(), "分校B", "A1").unwrap_err();
    assert_eq!(taken.code, ErrorCode::Conflict);
    assert!(taken.message(ledger::Lang::En).contains("prefix A1"), "{}", taken.message(ledger::Lang::En));
    assert!(other.ledger.hub_membership().unwrap().is_none(), "a refused join records nothing");
    // Nor the same site and prefix exactly: that would share one site's global ids.
    let same = hub::join(&mut other.ledger, &other.admin, &pg.url(), "分校A", "A1").unwrap_err();
    assert!(same.message(ledger::Lang::En).contains("another desk"), "{}", same.message(ledger::Lang::En));
    assert!(other.ledger.hub_membership().unwrap().is_none());
    // The desk itself may join again (a new URL for the same hub).
    hub::join(&mut d.ledger, &d.admin, &pg.url(), "分校A", "A1").unwrap();
    // A bad prefix is refused by name before anything is stored.
    let bad = hub::join(&mut other.ledger, &other.admin, &pg.url(), "分校B", "分B").unwrap_err();
    assert_eq!(bad.fields, vec!["prefix".to_string()]);
    assert_eq!(hub_count(&pg, "SELECT COUNT(*) FROM assetdesk_hub.sites"), 1);
}

#[test]
fn a_joined_desk_numbers_its_documents_with_its_site_prefix() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut d = desk();
    d.ledger.add_asset(&d.admin, &asset("PC-1", "笔记本", "行政部")).unwrap();
    let before = d.ledger.post_document(&d.admin, &DocRequest { person: "李四".into(), ..DocRequest::new(DocKind::Issue, vec!["PC-1".into()]) }).unwrap();
    assert!(before.starts_with("LY-"), "{before}");
    hub::join(&mut d.ledger, &d.admin, &pg.url(), "分校A", "A1").unwrap();
    let after = d.ledger.post_document(&d.admin, &DocRequest::new(DocKind::Return, vec!["PC-1".into()])).unwrap();
    assert!(after.starts_with("A1-TK-"), "{after}");
    // A desk keeps its site: joining again as another one is refused.
    let again = hub::join(&mut d.ledger, &d.admin, &pg.url(), "分校C", "C1").unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
}

#[test]
fn two_desks_see_each_others_assets_and_verify_agrees() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    a.ledger.add_assets(&a.admin, &[asset("A-001", "投影仪", "教务处"), asset("A-002", "笔记本", "教务处")]).unwrap();
    b.ledger.add_asset(&b.admin, &asset("B-001", "打印机", "总务处")).unwrap();

    let ra = hub::sync(&mut a.ledger, &a.admin).unwrap();
    assert_eq!((ra.pushed, ra.applied), (1, 0));
    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!((rb.pushed, rb.applied, rb.conflicts), (1, 1, 0));
    let ra = hub::sync(&mut a.ledger, &a.admin).unwrap();
    assert_eq!((ra.pushed, ra.applied), (0, 1));

    // Each desk holds the other's cards, placed and valued as registered.
    let card = b.ledger.asset(&b.admin, "A-002").unwrap();
    assert_eq!(card.row.name, "笔记本");
    assert_eq!(card.row.dept.as_deref(), Some("教务处"));
    assert_eq!(card.row.value, "6999.50".parse().unwrap());
    assert_eq!((card.life_years, card.salvage_rate, card.serial.as_str()), (Some(5), "0.05".parse().unwrap(), "SN-A-002"));
    let card = a.ledger.asset(&a.admin, "B-001").unwrap();
    assert_eq!(card.row.custodian.as_deref(), Some("张三"));
    // Under the other desk's number, so the same document has one number everywhere.
    let docs = a.ledger.hub_pulled(Some("applied")).unwrap();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].doc_no.starts_with("B1-XZ-"), "{:?}", docs[0]);
    assert!(a.ledger.document(&a.admin, &docs[0].doc_no).is_ok());
    // The pulled registration is not pushed back as A's.
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap(), hub::SyncReport::default());
    assert_eq!(hub_count(&pg, "SELECT COUNT(*) FROM assetdesk_hub.documents"), 2);
    assert_eq!(hub_count(&pg, "SELECT COUNT(*) FROM assetdesk_hub.journal_lines"), 3);

    for d in [&a, &b] {
        let v = hub::verify(&d.ledger).unwrap();
        assert!(v.agree, "{v:?}");
        assert_eq!(v.sites.len(), 2);
        assert!(v.sites.iter().all(|s| s.hub_documents == 1 && s.desk_documents == 1), "{v:?}");
        // The desk's own consistency check still holds after pulled documents.
        let findings = d.ledger.consistency_problems(&d.admin).unwrap();
        assert!(findings.is_empty(), "{findings:?}");
    }
}

#[test]
fn a_retried_push_and_a_repeated_pull_duplicate_nothing() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    for i in 0..3 {
        a.ledger.add_asset(&a.admin, &asset(&format!("A-{i}"), "椅子", "教务处")).unwrap();
    }
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 3);
    // A crash after the hub's commit and before the desk recorded it: no record here.
    forget_pushes(&a);
    assert_eq!(a.ledger.hub_unpushed().unwrap().0, 3);
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 0, "found on the hub, not sent again");
    assert_eq!(a.ledger.hub_unpushed().unwrap().0, 0, "and recorded here");
    assert_eq!(hub_count(&pg, "SELECT COUNT(*) FROM assetdesk_hub.documents"), 3);
    assert!(hub::verify(&a.ledger).unwrap().agree);

    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().applied, 3);
    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().pulled, 0, "a re-pull applies nothing");
    // Applying the same hub document directly again: recognised, nothing done.
    let seq = b.ledger.hub_pulled(None).unwrap().iter().map(|p| p.hub_seq).min().unwrap();
    let doc = hub_document(&pg, seq);
    assert_eq!(b.ledger.apply_hub_document(&b.admin, "分校A", seq, &doc).unwrap(), PullOutcome::AlreadyPulled);
    assert_eq!(b.ledger.list_assets(&b.admin, &Default::default()).unwrap().total, 3);
    assert!(hub::verify(&b.ledger).unwrap().agree);
}

/// What a desk killed between the hub's commit and its own record is left with: nothing
/// recorded of its pushes.
fn forget_pushes(d: &Desk) {
    let conn = rusqlite::Connection::open(d._dir.path().join(ledger::LEDGER_FILE_NAME)).unwrap();
    conn.execute("DELETE FROM hub_pushed", []).unwrap();
}

/// The document at `seq` as the hub holds it.
fn hub_document(pg: &Postgres, seq: i64) -> ledger::HubDocument {
    let mut c = hub::connect(&pg.url()).unwrap();
    let payload: String = c.query_one("SELECT payload FROM assetdesk_hub.documents WHERE seq = $1", &[&seq]).unwrap().get(0);
    serde_json::from_str(&payload).unwrap()
}

#[test]
fn the_same_code_on_two_desks_is_a_conflict_applied_nowhere() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    a.ledger.add_asset(&a.admin, &asset("SAME-1", "投影仪", "教务处")).unwrap();
    b.ledger.add_assets(&b.admin, &[asset("B-9", "白板", "总务处"), asset("SAME-1", "打印机", "总务处")]).unwrap();
    hub::sync(&mut a.ledger, &a.admin).unwrap();
    // B's registration reaches the hub second: refused there, whole; A's conflicts on B.
    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!((rb.pushed, rb.applied, rb.conflicts), (0, 0, 1));
    let refused = b.ledger.hub_refused().unwrap();
    assert_eq!(refused.len(), 1);
    assert!(refused[0].message.contains("SAME-1") && refused[0].message.contains("已有") && refused[0].message.contains("already on the hub"), "{:?}", refused[0]);
    assert_eq!(hub_count(&pg, "SELECT COUNT(*) FROM assetdesk_hub.documents"), 1, "nothing of B's registration on the hub");
    let ra = hub::sync(&mut a.ledger, &a.admin).unwrap();
    assert_eq!((ra.pulled, ra.applied, ra.conflicts), (0, 0, 0));
    // All or nothing: B's document also carried B-9, which A did not get half of.
    assert!(a.ledger.asset(&a.admin, "B-9").is_err());
    assert_eq!(a.ledger.asset(&a.admin, "SAME-1").unwrap().row.name, "投影仪");
    let status = hub::status(&b.ledger, ledger::Lang::En).unwrap();
    assert_eq!((status.conflicts, status.refused.len(), status.to_push, status.to_pull, status.reachable), (1, 1, 0, Some(0), Some(true)));
    for d in [&a, &b] {
        assert!(hub::verify(&d.ledger).unwrap().agree);
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty());
    }
}

#[test]
fn with_the_hub_down_the_desk_keeps_working_and_catches_up_later() {
    let mut pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    a.ledger.add_asset(&a.admin, &asset("A-1", "投影仪", "教务处")).unwrap();
    hub::sync(&mut a.ledger, &a.admin).unwrap();

    pg.stop();
    // Offline is normal: registering and posting go on.
    a.ledger.add_asset(&a.admin, &asset("A-2", "笔记本", "教务处")).unwrap();
    let issued = a.ledger.post_document(&a.admin, &DocRequest { person: "李四".into(), ..DocRequest::new(DocKind::Issue, vec!["A-2".into()]) }).unwrap();
    assert!(issued.starts_with("A1-LY-"));
    let err = hub::sync(&mut a.ledger, &a.admin).unwrap_err();
    assert_eq!(err.code, ErrorCode::Io);
    let (en, zh) = (err.message(ledger::Lang::En), err.message(ledger::Lang::ZhCn));
    assert!(en.contains("cannot reach the hub") && en.contains("keeps working"), "{en}");
    assert!(zh.contains("无法连接数据中心"), "{zh}");
    assert!(!en.contains("user="), "no connection details beyond the host: {en}");
    let status = hub::status(&a.ledger, ledger::Lang::En).unwrap();
    assert_eq!((status.reachable, status.to_push), (Some(false), 2));

    pg.start_again();
    let r = hub::sync(&mut a.ledger, &a.admin).unwrap();
    assert_eq!(r.pushed, 2);
    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    // Both registrations and the issue-out made while offline apply, in order.
    assert_eq!((rb.applied, rb.unsupported, rb.conflicts), (3, 0, 0));
    let card = b.ledger.asset(&b.admin, "A-2").unwrap();
    assert_eq!((card.row.status, card.row.custodian.as_deref()), (ledger::AssetStatus::InUse, Some("李四")));
    for d in [&a, &b] {
        assert!(hub::verify(&d.ledger).unwrap().agree);
    }
}

fn issue(d: &mut Desk, code: &str, person: &str) -> String {
    d.ledger.post_document(&d.admin, &DocRequest { person: person.into(), ..DocRequest::new(DocKind::Issue, vec![code.into()]) }).unwrap()
}

#[test]
fn movements_travel_under_their_numbers() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    a.ledger.add_assets(&a.admin, &[asset("A-1", "投影仪", "教务处"), asset("A-2", "笔记本", "教务处")]).unwrap();
    hub::sync(&mut a.ledger, &a.admin).unwrap();
    hub::sync(&mut b.ledger, &b.admin).unwrap();

    // A issues A-1; B, having pulled that issue, takes it back with a return naming it
    // (the same number on both desks) and transfers A-2.
    let issued = issue(&mut a, "A-1", "李四");
    hub::sync(&mut a.ledger, &a.admin).unwrap();
    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().applied, 1);
    assert_eq!(b.ledger.asset(&b.admin, "A-1").unwrap().row.status, ledger::AssetStatus::InUse);
    let returned = b.ledger.post_document(&b.admin, &DocRequest { source: issued.clone(), ..DocRequest::new(DocKind::Return, vec![]) }).unwrap();
    let moved = b.ledger.post_document(&b.admin, &DocRequest { dept: "总务处".into(), location: "仓库".into(), ..DocRequest::new(DocKind::Transfer, vec!["A-2".into()]) }).unwrap();
    assert!(returned.starts_with("B1-TK-") && moved.starts_with("B1-DB-"));
    hub::sync(&mut b.ledger, &b.admin).unwrap();
    let ra = hub::sync(&mut a.ledger, &a.admin).unwrap();
    assert_eq!((ra.applied, ra.conflicts), (2, 0));
    assert_eq!(a.ledger.asset(&a.admin, "A-1").unwrap().row.status, ledger::AssetStatus::InStock);
    let a2 = a.ledger.asset(&a.admin, "A-2").unwrap();
    assert_eq!((a2.row.dept.as_deref(), a2.row.location.as_deref()), (Some("总务处"), Some("仓库")));
    assert!(a.ledger.document(&a.admin, &moved).is_ok(), "B's number, on A");

}

#[test]
fn two_desks_issuing_the_same_asset_apart_the_later_to_the_hub_is_refused_everywhere() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    a.ledger.add_assets(&a.admin, &[asset("A-1", "投影仪", "教务处"), asset("A-2", "笔记本", "教务处")]).unwrap();
    hub::sync(&mut a.ledger, &a.admin).unwrap();
    hub::sync(&mut b.ledger, &b.admin).unwrap();

    // Apart: both issue A-1. B also takes it back (a later document on A-1) and issues A-2.
    let a_issue = issue(&mut a, "A-1", "王五");
    let b_issue = issue(&mut b, "A-1", "赵六");
    let b_return = b.ledger.post_document(&b.admin, &DocRequest::new(DocKind::Return, vec!["A-1".into()])).unwrap();
    let b_other = issue(&mut b, "A-2", "钱七");
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 1);
    // B reaches the hub second: its issue of A-1 is refused, its return waits behind it,
    // its issue of A-2 goes; A's issue of A-1 waits on B too (a conflict, nothing applied).
    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!((rb.pushed, rb.pulled, rb.applied, rb.conflicts), (1, 1, 0, 1));
    let s = hub::status(&b.ledger, ledger::Lang::En).unwrap();
    assert_eq!(s.refused.iter().map(|r| r.doc_no.as_str()).collect::<Vec<_>>(), vec![b_issue.as_str()]);
    let why = &s.refused[0].message;
    assert!(why.contains("A-1") && why.contains(&a_issue) && why.contains("分校A"), "{why}");
    assert!(why.contains("未推送") && why.contains("冲销") && why.contains("was not pushed") && why.contains("Void it"), "both languages and the way out: {why}");
    assert_eq!(s.held, vec![b_return.clone()]);
    assert_eq!((s.to_push, s.conflicts), (1, 1), "the held return is still to push");
    assert!(b.ledger.hub_pulled(Some("conflict")).unwrap()[0].message.contains("refused"));
    assert_eq!(hub_count(&pg, &format!("SELECT COUNT(*) FROM assetdesk_hub.documents WHERE doc_no IN ('{b_issue}', '{b_return}')")), 0);
    // Refused everywhere: A never sees B's issue of A-1, and does get B's issue of A-2.
    let ra = hub::sync(&mut a.ledger, &a.admin).unwrap();
    assert_eq!((ra.applied, ra.conflicts), (1, 0));
    assert!(a.ledger.document(&a.admin, &b_issue).is_err());
    assert!(a.ledger.document(&a.admin, &b_other).is_ok());
    assert_eq!(a.ledger.asset(&a.admin, "A-2").unwrap().row.custodian.as_deref(), Some("钱七"));
    assert_eq!(a.ledger.asset(&a.admin, "A-1").unwrap().row.custodian.as_deref(), Some("王五"));
    for d in [&a, &b] {
        assert!(hub::verify(&d.ledger).unwrap().agree);
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty(), "journal replay = every asset's state");
    }

    // B's clerk gives way: voids the return, then the issue; both pairs stay on B only.
    assert_eq!(hub::retry_conflicts(&mut b.ledger, &b.admin).unwrap().conflicts, 1, "still in the way");
    b.ledger.void_document(&b.admin, &b_return, "分校A 已先领用").unwrap();
    b.ledger.void_document(&b.admin, &b_issue, "分校A 已先领用").unwrap();
    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!(rb.pushed, 0, "a withdrawn document and its void are never pushed");
    let s = hub::status(&b.ledger, ledger::Lang::En).unwrap();
    assert_eq!((s.to_push, s.refused.len(), s.held.len()), (0, 0, 0), "{s:?}");
    let r = hub::retry_conflicts(&mut b.ledger, &b.admin).unwrap();
    assert_eq!((r.applied, r.conflicts), (1, 0));
    assert_eq!(b.ledger.asset(&b.admin, "A-1").unwrap().row.custodian.as_deref(), Some("王五"));
    assert!(b.ledger.hub_pulled(Some("conflict")).unwrap().is_empty());

    // Converged: B's next document on A-1 follows A's issue and goes everywhere.
    let back = b.ledger.post_document(&b.admin, &DocRequest { source: a_issue.clone(), ..DocRequest::new(DocKind::Return, vec![]) }).unwrap();
    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().pushed, 1);
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().applied, 1);
    assert!(a.ledger.document(&a.admin, &back).is_ok());
    for d in [&a, &b] {
        assert_eq!(d.ledger.asset(&d.admin, "A-1").unwrap().row.status, ledger::AssetStatus::InStock);
        let v = hub::verify(&d.ledger).unwrap();
        assert!(v.agree, "{v:?}");
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty());
    }
    assert_eq!(hub_count(&pg, "SELECT COUNT(*) FROM assetdesk_hub.documents"), 4, "A's registration and issue, B's issue of A-2 and return");
}

#[test]
fn three_desks_converge_whatever_order_they_sync_in() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut desks: Vec<Desk> = ["A", "B", "C"].iter().map(|s| joined(&pg, &format!("分校{s}"), &format!("{s}1"))).collect();
    for (i, d) in desks.iter_mut().enumerate() {
        for n in 0..3 {
            let code = format!("{}-{n}", ["A", "B", "C"][i]);
            d.ledger.add_asset(&d.admin, &asset(&code, "课桌", "教务处")).unwrap();
        }
    }
    // C, then A, then B, then everyone once more: after that each has all nine.
    for i in [2, 0, 1, 0, 1, 2] {
        let d = &mut desks[i];
        hub::sync(&mut d.ledger, &d.admin).unwrap();
    }
    for d in &desks {
        assert_eq!(d.ledger.list_assets(&d.admin, &Default::default()).unwrap().total, 9);
        let v = hub::verify(&d.ledger).unwrap();
        assert!(v.agree && v.sites.len() == 3 && v.sites.iter().all(|s| s.hub_documents == 3), "{v:?}");
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty());
    }
}

#[test]
fn a_transfer_awaiting_confirmation_holds_back_only_itself() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    let params = ledger::Parameters { transfer_confirmation: true, ..a.ledger.parameters().unwrap() };
    a.ledger.update_parameters(&a.admin, &params).unwrap();
    a.ledger.add_assets(&a.admin, &[asset("A-1", "投影仪", "教务处"), asset("A-3", "白板", "教务处")]).unwrap();
    let moved = a.ledger.post_document(&a.admin, &DocRequest { dept: "总务处".into(), ..DocRequest::new(DocKind::Transfer, vec!["A-1".into()]) }).unwrap();
    a.ledger.add_asset(&a.admin, &asset("A-2", "笔记本", "教务处")).unwrap();
    let issued = issue(&mut a, "A-3", "李四");
    // Everything but the pending transfer goes: what was posted after it too.
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 3);
    let status = hub::status(&a.ledger, ledger::Lang::En).unwrap();
    assert_eq!((status.to_push, status.held_back_by.as_deref()), (1, Some(moved.as_str())));
    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().applied, 3);
    assert_eq!(b.ledger.asset(&b.admin, "A-3").unwrap().row.custodian.as_deref(), Some("李四"));
    // Confirmed later, it is pushed then, after what moved the same assets meanwhile.
    let moved_on = a.ledger.post_document(&a.admin, &DocRequest { person: "王五".into(), ..DocRequest::new(DocKind::Issue, vec!["A-1".into()]) }).unwrap();
    a.ledger.confirm_transfer(&a.admin, &moved).unwrap();
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 2);
    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!((rb.applied, rb.conflicts), (2, 0), "{:?}", b.ledger.hub_pulled(None).unwrap());
    let a1 = b.ledger.asset(&b.admin, "A-1").unwrap();
    assert_eq!((a1.row.dept.as_deref(), a1.row.custodian.as_deref()), (Some("总务处"), Some("王五")));
    assert!(b.ledger.document(&b.admin, &moved_on).is_ok() && b.ledger.document(&b.admin, &issued).is_ok());
    for d in [&a, &b] {
        assert!(hub::verify(&d.ledger).unwrap().agree);
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty());
    }
}

#[test]
fn desks_pushing_and_pulling_at_the_same_time_miss_nothing() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    const EACH: usize = 250;
    let desks: Vec<Desk> = ["A", "B", "C"]
        .iter()
        .map(|s| {
            let mut d = joined(&pg, &format!("分校{s}"), &format!("{s}1"));
            for n in 0..EACH {
                d.ledger.add_asset(&d.admin, &asset(&format!("{s}-{n:03}"), "椅子", "教务处")).unwrap();
            }
            d
        })
        .collect();
    // Three syncs at once, twice over: pushes take turns on the hub while pulls read, so
    // a pull never skips a document that commits after it read.
    let desks: Vec<Desk> = std::thread::scope(|scope| {
        let handles: Vec<_> = desks
            .into_iter()
            .map(|mut d| {
                scope.spawn(move || {
                    for _ in 0..2 {
                        hub::sync(&mut d.ledger, &d.admin).unwrap();
                    }
                    d
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for mut d in desks {
        hub::sync(&mut d.ledger, &d.admin).unwrap();
        assert_eq!(d.ledger.list_assets(&d.admin, &Default::default()).unwrap().total, 3 * EACH as i64);
        let v = hub::verify(&d.ledger).unwrap();
        assert!(v.agree && v.sites.iter().all(|s| s.hub_documents == EACH), "{v:?}");
    }
}

#[test]
fn desks_with_history_before_joining_keep_their_old_numbers_apart() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let (mut a, mut b) = (desk(), desk());
    // Both made XZ-…-00001 and LY-…-00001 before there was a hub.
    a.ledger.add_asset(&a.admin, &asset("A-1", "投影仪", "教务处")).unwrap();
    b.ledger.add_asset(&b.admin, &asset("B-1", "打印机", "总务处")).unwrap();
    let a_issue = issue(&mut a, "A-1", "李四");
    let b_issue = issue(&mut b, "B-1", "王五");
    assert_eq!(a_issue, b_issue, "the same old number on both desks");
    hub::join(&mut a.ledger, &a.admin, &pg.url(), "分校A", "A1").unwrap();
    hub::join(&mut b.ledger, &b.admin, &pg.url(), "分校B", "B1").unwrap();
    // B returns after joining, naming its own pre-hub issue.
    b.ledger.post_document(&b.admin, &DocRequest { source: b_issue.clone(), ..DocRequest::new(DocKind::Return, vec![]) }).unwrap();
    for _ in 0..2 {
        hub::sync(&mut a.ledger, &a.admin).unwrap();
        hub::sync(&mut b.ledger, &b.admin).unwrap();
    }
    // On A, B's old documents carry B's prefix; B's return found B's issue under it.
    assert!(a.ledger.hub_pulled(Some("conflict")).unwrap().is_empty(), "{:?}", a.ledger.hub_pulled(None).unwrap());
    assert!(a.ledger.document(&a.admin, &format!("B1-{b_issue}")).is_ok());
    assert_eq!(a.ledger.asset(&a.admin, "B-1").unwrap().row.status, ledger::AssetStatus::InStock);
    assert_eq!(b.ledger.asset(&b.admin, "A-1").unwrap().row.custodian.as_deref(), Some("李四"));
    for d in [&a, &b] {
        assert!(hub::verify(&d.ledger).unwrap().agree);
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty());
    }
}

fn post(d: &mut Desk, req: DocRequest) -> String {
    d.ledger.post_document(&d.admin, &req).unwrap()
}

#[test]
fn voids_scrapping_defects_and_repairs_travel_through_the_ledgers_own_paths() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    let codes = ["A-1", "A-2", "A-3", "A-4", "A-5"];
    a.ledger.add_assets(&a.admin, &codes.iter().map(|c| asset(c, "设备", "教务处")).collect::<Vec<_>>()).unwrap();
    a.ledger.add_asset(&a.admin, &asset("A-6", "误录", "教务处")).unwrap();
    hub::sync(&mut a.ledger, &a.admin).unwrap();
    hub::sync(&mut b.ledger, &b.admin).unwrap();

    // On A: an issue voided, a fault repaired by a vendor, a defect cleared, a scrap and
    // its disposal, a write-off of a lost asset, a registration voided.
    let issued = issue(&mut a, "A-1", "李四");
    let voided = a.ledger.void_document(&a.admin, &issued, "领错了").unwrap();
    post(&mut a, DocRequest { reason: "不开机".into(), ..DocRequest::new(DocKind::Fault, vec!["A-2".into()]) });
    let repair = post(
        &mut a,
        DocRequest {
            method: "vendor".into(),
            vendor: "联想服务站".into(),
            amount: "350.00".into(),
            cause: "主板损坏".into(),
            cause_category: "quality".into(),
            handling: "更换主板".into(),
            warranty: "no".into(),
            recheck: "开机正常".into(),
            ..DocRequest::new(DocKind::Repair, vec!["A-2".into()])
        },
    );
    post(&mut a, DocRequest { reason: "外壳划痕".into(), ..DocRequest::new(DocKind::Defect, vec!["A-3".into()]) });
    post(&mut a, DocRequest { handling: "抛光".into(), ..DocRequest::new(DocKind::DefectClear, vec!["A-3".into()]) });
    post(&mut a, DocRequest { reason: "老化".into(), ..DocRequest::new(DocKind::Scrap, vec!["A-4".into()]) });
    let sold = post(&mut a, DocRequest { method: "sale".into(), amount: "100.00".into(), ..DocRequest::new(DocKind::Dispose, vec!["A-4".into()]) });
    post(&mut a, DocRequest { method: "lost".into(), ..DocRequest::new(DocKind::WriteOff, vec!["A-5".into()]) });
    let registration = a.ledger.list_documents(&a.admin, &ledger::DocQuery { kind: Some(DocKind::Register), ..Default::default() }).unwrap().rows[0].doc_no.clone();
    a.ledger.void_document(&a.admin, &registration, "重复录入").unwrap();
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 10);

    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!((rb.applied, rb.conflicts, rb.unsupported), (10, 0, 0), "{:?}", b.ledger.hub_pulled(None).unwrap());
    let status = |d: &Desk, code: &str| d.ledger.asset(&d.admin, code).unwrap().row.status;
    use ledger::AssetStatus::*;
    for d in [&a, &b] {
        assert_eq!(
            codes.iter().chain(["A-6"].iter()).map(|c| status(d, c)).collect::<Vec<_>>(),
            vec![InStock, InStock, InStock, Disposed, WrittenOff, Voided],
            "the same states on both desks"
        );
        let card = d.ledger.asset(&d.admin, "A-1").unwrap();
        assert_eq!(card.row.custodian.as_deref(), Some("张三"), "the void put A-1 back as registered, not 李四");
        let a3 = d.ledger.asset(&d.admin, "A-3").unwrap();
        assert_eq!((a3.open_defect.as_deref(), a3.open_fault.as_deref()), (None, None));
    }
    // The repair record and the proceeds came along; the void names the issue on B too.
    let r = b.ledger.document(&b.admin, &repair).unwrap();
    let rec = r.repair.expect("the repair record");
    assert_eq!(
        (rec.symptom.as_str(), rec.cause.as_str(), rec.cause_category.as_str(), rec.handling.as_str(), rec.vendor.as_str(), rec.under_warranty, rec.recheck.as_str()),
        ("不开机", "主板损坏", "quality", "更换主板", "联想服务站", Some(false), "开机正常")
    );
    assert_eq!(r.amount, Some("350.00".parse().unwrap()));
    let s = b.ledger.document(&b.admin, &sold).unwrap();
    assert_eq!((s.method.as_str(), s.amount), ("sale", Some("100.00".parse().unwrap())));
    assert_eq!(b.ledger.document(&b.admin, &voided).unwrap().source.as_deref(), Some(issued.as_str()));
    assert_eq!(b.ledger.document(&b.admin, &issued).unwrap().row.state, "voided");

    // B voids A's disposal; A takes B's void: A-4 is scrapped again on both.
    b.ledger.void_document(&b.admin, &sold, "处置撤回").unwrap();
    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().pushed, 1);
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().applied, 1);
    for d in [&a, &b] {
        assert_eq!(status(d, "A-4"), Scrapped);
        assert!(hub::verify(&d.ledger).unwrap().agree);
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty());
    }
}

#[test]
fn a_card_edit_moves_nothing_and_is_never_refused_nor_refuses() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    a.ledger.add_asset(&a.admin, &asset("A-1", "投影仪", "教务处")).unwrap();
    hub::sync(&mut a.ledger, &a.admin).unwrap();
    hub::sync(&mut b.ledger, &b.admin).unwrap();
    // Apart: A corrects the card, B issues the asset; both reach the hub.
    let mut input = asset("A-1", "投影仪（教室）", "教务处");
    input.dept.clear();
    input.location.clear();
    input.custodian.clear();
    a.ledger.edit_asset(&a.admin, "A-1", &input).unwrap();
    let b_issue = issue(&mut b, "A-1", "赵六");
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 1);
    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().pushed, 1, "{:?}", b.ledger.hub_refused().unwrap());
    assert!(b.ledger.hub_refused().unwrap().is_empty());
    // A applies B's issue; B records A's edit as not applied yet.
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().applied, 1);
    assert_eq!(b.ledger.hub_pulled(Some("unsupported")).unwrap().len(), 1);
    assert!(a.ledger.document(&a.admin, &b_issue).is_ok());
    // And A's next document on it follows B's issue, not its own edit: pushed.
    post(&mut a, DocRequest::new(DocKind::Return, vec!["A-1".into()]));
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().pushed, 1);
    assert_eq!(hub::sync(&mut b.ledger, &b.admin).unwrap().applied, 1);
    for d in [&a, &b] {
        assert_eq!(d.ledger.asset(&d.admin, "A-1").unwrap().row.status, ledger::AssetStatus::InStock);
        assert!(hub::verify(&d.ledger).unwrap().agree);
    }
}

#[test]
fn a_loan_extension_and_its_void_travel() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    a.ledger.add_asset(&a.admin, &asset("A-1", "投影仪", "教务处")).unwrap();
    let today = chrono::Local::now().date_naive();
    let due = |days: i64| (today + chrono::Duration::days(days)).to_string();
    post(&mut a, DocRequest { person: "李四".into(), due: due(7), ..DocRequest::new(DocKind::Loan, vec!["A-1".into()]) });
    let longer = a.ledger.extend_loan(&a.admin, "A-1", &due(30), "学期末归还").unwrap();
    hub::sync(&mut a.ledger, &a.admin).unwrap();
    let rb = hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!((rb.applied, rb.conflicts, rb.unsupported), (3, 0, 0), "{:?}", b.ledger.hub_pulled(None).unwrap());
    let loans = b.ledger.open_loans(&b.admin).unwrap();
    assert_eq!((loans[0].due.to_string(), loans[0].doc_no.as_str()), (due(30), longer.as_str()), "B has the extended due date, under A's number");
    // B voids the extension; A takes the void: the first due date is back on both.
    b.ledger.void_document(&b.admin, &longer, "续借有误").unwrap();
    hub::sync(&mut b.ledger, &b.admin).unwrap();
    assert_eq!(hub::sync(&mut a.ledger, &a.admin).unwrap().applied, 1);
    for d in [&a, &b] {
        assert_eq!(d.ledger.open_loans(&d.admin).unwrap()[0].due.to_string(), due(7));
        assert!(hub::verify(&d.ledger).unwrap().agree);
        assert!(d.ledger.consistency_problems(&d.admin).unwrap().is_empty());
    }
}
