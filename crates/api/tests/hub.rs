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

    assert_eq!(api::hub::init(&mut desk.admin(), HubInitRequestDto { url: url.clone() }).unwrap().schema_version, 2);
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
