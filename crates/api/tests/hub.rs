//! The hub use cases (issue 24) on real ledger files and a real PostgreSQL: a normal user
//! is refused every one, a Chinese site name needs a prefix, status works unjoined and
//! offline, and the happy path's JSON is what the TypeScript types say.
//! Needs the `hub` feature (`cargo test -p assetdesk-api --features hub`; the workspace
//! run has it through the CLI).

use api::hub::{HubInitRequestDto, HubJoinRequestDto};
use api::{Ctx, ErrorCode, Lang};
use ledger::{Actor, Ledger, Role, SetupInput};
use test_postgres::Postgres;

struct Desk {
    _dir: tempfile::TempDir,
    ledger: Ledger,
    admin: Actor,
    clerk: Actor,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
        let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
        ledger.add_register(&admin, ledger::RegisterKind::Department, "行政部", None).unwrap();
        ledger.add_user(&admin, "clerk", Role::Power, Some("行政部"), "secret2").unwrap();
        let clerk = ledger.authenticate("clerk", "secret2").unwrap();
        Desk { _dir: dir, ledger, admin, clerk }
    }
    fn admin(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.ledger, &self.admin, Lang::ZhCn)
    }
    fn clerk(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.ledger, &self.clerk, Lang::ZhCn)
    }
}

fn join(url: &str, site: &str, prefix: Option<&str>) -> HubJoinRequestDto {
    HubJoinRequestDto { url: url.into(), site: site.into(), prefix: prefix.map(Into::into) }
}

#[test]
fn the_hub_use_cases() {
    let pg = Postgres::start();
    let url = pg.url();
    let mut desk = Desk::new();

    // Not an administrator: every hub use case is refused, and nothing is written.
    assert_eq!(api::hub::init(&mut desk.clerk(), HubInitRequestDto { url: url.clone() }).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api::hub::join(&mut desk.clerk(), join(&url, "A1", None)).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api::hub::sync(&mut desk.clerk()).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api::hub::status(&mut desk.clerk()).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api::hub::verify(&mut desk.clerk()).unwrap_err().code, ErrorCode::Forbidden);

    // Not joined: status says so; sync is refused with what to do.
    let s = api::hub::status(&mut desk.admin()).unwrap();
    assert!(s.joined.is_none() && s.reachable.is_none());
    let err = api::hub::sync(&mut desk.admin()).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotInitialized);
    assert!(err.message(Lang::ZhCn).contains("hub join"));

    assert_eq!(api::hub::init(&mut desk.admin(), HubInitRequestDto { url: url.clone() }).unwrap().schema_version, 3);
    // A Chinese site name has no prefix of its own: the refusal names the field.
    let err = api::hub::join(&mut desk.admin(), join(&url, "分校A", None)).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::InvalidInput, vec!["prefix".to_string()]));
    assert!(err.message(Lang::ZhCn).contains("--prefix"), "{}", err.message(Lang::ZhCn));
    // An ASCII site name is its own prefix.
    let m = api::hub::join(&mut desk.admin(), join(&url, "A1", None)).unwrap();
    assert_eq!((m.site.as_str(), m.prefix.as_str(), m.pushed_up_to), ("A1", "A1", 0));

    let r = api::hub::sync(&mut desk.admin()).unwrap();
    assert_eq!(serde_json::to_value(&r).unwrap(), serde_json::json!({"pushed": 0, "pulled": 0, "applied": 0, "conflicts": 0, "unsupported": 0}));
    let s = serde_json::to_value(api::hub::status(&mut desk.admin()).unwrap()).unwrap();
    assert_eq!((s["joined"]["site"].as_str(), s["reachable"].as_bool(), s["to_pull"].as_i64()), (Some("A1"), Some(true), Some(0)), "{s}");
    assert_eq!(s["conflicts"], serde_json::json!([]));
    // Joined with a password in the URL: what status shows masks it.
    let with_password = format!("postgres://assetdesk:s3cret@127.0.0.1:{}/postgres", pg.port);
    let m = api::hub::join(&mut desk.admin(), join(&with_password, "A1", None)).unwrap();
    assert_eq!(m.url, format!("postgres://assetdesk:***@127.0.0.1:{}/postgres", pg.port));
    assert!(!serde_json::to_string(&api::hub::status(&mut desk.admin()).unwrap()).unwrap().contains("s3cret"));
    let v = api::hub::verify(&mut desk.admin()).unwrap();
    assert!(v.agree);
}

fn asset(ledger: &mut Ledger, admin: &Actor, code: &str) {
    let input = ledger::AssetInput { code: code.into(), name: "打印机".into(), category: "办公设备".into(), dept: "行政部".into(), value: "1800".into(), ..Default::default() };
    ledger.add_asset(admin, &input).unwrap();
}

fn issue(ledger: &mut Ledger, admin: &Actor, code: &str, to: &str) -> String {
    let req = ledger::DocRequest { person: to.into(), ..ledger::DocRequest::new(ledger::DocKind::Issue, vec![code.into()]) };
    ledger.post_document(admin, &req).unwrap()
}

/// The app's use cases (issue 24): the background round as any logged-in user (a power
/// user pushes, only a settings manager pulls), offline as a state with the count to
/// push and caught up after, the conflict list in the UI language, searched, filtered
/// and exported, the interval setting; the page's use cases refused to everyone else.
#[test]
fn the_app_s_background_sync_and_conflict_list() {
    let mut pg = Postgres::start();
    let url = pg.url();
    let (mut a, mut b) = (Desk::new(), Desk::new());

    let s = api::hub::background(&mut a.admin()).unwrap();
    assert_eq!((s.state.as_str(), s.interval_seconds), ("not_joined", 60));
    api::hub::init(&mut a.admin(), HubInitRequestDto { url: url.clone() }).unwrap();
    api::hub::join(&mut a.admin(), join(&url, "分校A", Some("A1"))).unwrap();
    api::hub::join(&mut b.admin(), join(&url, "B1", None)).unwrap();

    // A's power user: the round pushes A's registration but pulls nothing.
    asset(&mut a.ledger, &a.admin, "A-1");
    asset(&mut b.ledger, &b.admin, "B-1");
    assert_eq!(api::hub::sync_state(&mut a.clerk(), None).unwrap().to_push, 1);
    let s = api::hub::background(&mut a.clerk()).unwrap();
    assert_eq!((s.state.as_str(), s.to_push, s.pulls, s.last.as_ref().map(|l| (l.pushed, l.pulled))), ("synced", 0, false, Some((1, 0))), "{s:?}");
    assert!(s.last_sync.is_some());
    assert!(a.ledger.asset(&a.admin, "B-1").is_err(), "a power user's round applies nothing of the others'");
    let s = api::hub::background(&mut b.admin()).unwrap();
    assert_eq!(s.last.map(|l| (l.pushed, l.applied)), Some((1, 1)));
    let s = api::hub::background(&mut a.admin()).unwrap();
    assert_eq!((s.state.as_str(), s.pulls, s.last.map(|l| l.applied)), ("synced", true, Some(1)));

    // Both desks issue B-1 while apart: A's issue reaches the hub first, so B's push
    // refuses B's, and A's issue cannot apply on B while B's stands. B's clerk sees both,
    // in the UI language.
    let ours = issue(&mut a.ledger, &a.admin, "B-1", "张三");
    api::hub::background(&mut a.admin()).unwrap();
    let theirs = issue(&mut b.ledger, &b.admin, "B-1", "李四");
    let s = api::hub::background(&mut b.admin()).unwrap();
    assert_eq!((s.state.as_str(), s.conflicts), ("conflicts", 2), "{s:?}");
    let all = api::hub::conflicts(&mut b.admin(), &Default::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!((all[1].doc_no.as_str(), all[1].site.as_str(), all[1].refused_push), (ours.as_str(), "分校A", false));
    assert_eq!((all[0].doc_no.as_str(), all[0].site.as_str(), all[0].kind_label.as_str(), all[0].refused_push), (theirs.as_str(), "B1", "领用出库", true));
    assert!(all[0].reason.contains("B-1") && !all[0].reason.contains(" / ") && !all[0].reason.is_ascii(), "{}", all[0].reason);
    let en = api::hub::conflicts(&mut Ctx::new(&mut b.ledger, &b.admin, Lang::En), &Default::default()).unwrap();
    assert!(en[0].reason.contains("was not pushed") && !en[0].reason.contains('，') && en[0].reason.contains("B-1") && en[0].kind_label == "Issue-out", "{}", en[0].reason);
    let q = |query: Option<&str>, site: Option<&str>| api::hub::HubConflictQueryDto { query: query.map(Into::into), site: site.map(Into::into) };
    for (query, shown) in [(q(Some(&theirs), None), 1), (q(Some("no such"), None), 0), (q(None, Some("B1")), 1), (q(None, Some("分校A")), 1), (q(None, Some("C9")), 0)] {
        assert_eq!(api::hub::conflicts(&mut b.admin(), &query).unwrap().len(), shown, "{query:?}");
    }
    assert_eq!(api::hub::conflicts_table(&mut b.admin(), &q(None, None)).unwrap().stem, "数据中心冲突");
    assert_eq!(api::hub::background(&mut a.admin()).unwrap().conflicts, 0, "A took the asset first and has nothing to resolve");
    // Resolved on B: its issue voided (the pair withdrawn at the next round), then 重试
    // applies A's issue.
    b.ledger.void_document(&b.admin, &theirs, "分校A已领用").unwrap();
    let s = api::hub::background(&mut b.admin()).unwrap();
    assert_eq!((s.conflicts, s.to_push), (1, 0), "only A's issue is left to retry: {s:?}");
    assert_eq!(api::hub::retry(&mut b.admin()).unwrap().applied, 1);
    assert_eq!(api::hub::sync_state(&mut b.admin(), Some("conflicts")).unwrap().state, "synced");
    assert_eq!(b.ledger.asset(&b.admin, "B-1").unwrap().row.custodian.as_deref(), Some("张三"));

    // The page's use cases are for settings managers.
    assert_eq!(api::hub::overview(&mut a.clerk(), None).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api::hub::conflicts(&mut a.clerk(), &Default::default()).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api::hub::set_interval(&mut a.clerk(), 30).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api::hub::set_interval(&mut a.admin(), 4).unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(api::hub::set_interval(&mut a.admin(), 30).unwrap(), 30);
    assert_eq!(api::hub::sync_state(&mut a.clerk(), None).unwrap().interval_seconds, 30);
    let o = api::hub::overview(&mut a.admin(), None).unwrap();
    let sites: Vec<(&str, bool)> = o.sites.iter().map(|s| (s.site.as_str(), s.own)).collect();
    assert_eq!(sites, [("分校A", true), ("B1", false)]);
    assert_eq!(o.pulled, 1, "B's registration; its refused issue never reached the hub");

    // The hub down: a state, not an error; the count waits; the next round catches up.
    pg.stop();
    asset(&mut a.ledger, &a.admin, "A-2");
    let s = api::hub::background(&mut a.admin()).unwrap();
    assert_eq!((s.state.as_str(), s.to_push), ("offline", 1), "the new registration waits: {s:?}");
    assert!(s.error.contains("无法连接数据中心"), "{}", s.error);
    assert_eq!(api::hub::sync_state(&mut a.admin(), Some("offline")).unwrap().state, "offline", "offline until a round finds the hub");
    pg.start_again();
    let s = api::hub::background(&mut a.admin()).unwrap();
    assert_eq!((s.state.as_str(), s.to_push, s.last.map(|l| l.pushed)), ("synced", 0, Some(1)));
}
