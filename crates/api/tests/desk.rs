//! The desktop app's session (`api::Desk`, issue 23) on a real ledger folder: the first
//! run logs its administrator in, the status says who may do what, logout and a wrong
//! password leave nobody logged in, the language is saved for the next start, a bad
//! regime creates nothing, and a disabled user's next call ends the session with why.

use api::desk::SetupDto;
use api::users::NewUserDto;
use api::{Desk, ErrorCode};

fn setup_form(regime: &str) -> SetupDto {
    SetupDto { org_name: "华东示范学校".into(), admin_name: "王会计".into(), admin_password: "secret1".into(), lang: "zh-CN".into(), regime: regime.into() }
}

#[test]
fn first_run_login_logout_and_the_language_kept_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::default();
    assert!(!desk.open_existing(dir.path()).unwrap(), "nothing to open before the first run");
    let status = desk.status(dir.path()).unwrap();
    assert!(!status.initialized && status.user.is_none());

    desk.setup(dir.path(), setup_form("government")).unwrap();
    let status = desk.status(dir.path()).unwrap();
    assert!(status.initialized);
    assert_eq!((status.org_name.as_str(), status.user.as_ref().map(|u| (u.name.as_str(), u.role))), ("华东示范学校", Some(("王会计", "admin"))));
    assert!(status.permissions.contains(&"manage_settings"), "{:?}", status.permissions);
    let regime = desk.call(|cx| api::valuation::regime(cx)).unwrap();
    assert_eq!(regime.regime, "government", "the regime chosen on the form");

    desk.logout();
    assert!(desk.status(dir.path()).unwrap().user.is_none());
    let refused = desk.call(|cx| api::users::list(cx)).err().expect("nobody is logged in");
    assert_eq!(refused.code, ErrorCode::Unauthenticated);
    let wrong = desk.login("王会计", "wrong").err().expect("a wrong password");
    assert_eq!(wrong.code, ErrorCode::Unauthenticated);
    assert!(desk.status(dir.path()).unwrap().user.is_none());

    desk.login("王会计", "secret1").unwrap();
    desk.set_language("en").unwrap();
    assert_eq!(desk.status(dir.path()).unwrap().lang, "en");
    drop(desk);
    // The next start opens the ledger in the language saved.
    let mut next = Desk::default();
    assert!(next.open_existing(dir.path()).unwrap());
    assert_eq!(next.status(dir.path()).unwrap().lang, "en");
    assert!(!next.open_existing(dir.path()).unwrap(), "already open");
}

#[test]
fn a_bad_regime_on_the_first_run_form_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::default();
    let err = desk.setup(dir.path(), setup_form("socialist")).err().expect("refused");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(!ledger::Ledger::exists(dir.path()), "no ledger was created");
    assert!(!desk.status(dir.path()).unwrap().initialized);
}

#[test]
fn a_disabled_users_next_call_ends_the_session_and_says_why_until_the_next_login() {
    let dir = tempfile::tempdir().unwrap();
    let mut admin = Desk::default();
    admin.setup(dir.path(), setup_form("")).unwrap();
    let new = NewUserDto { name: "b".into(), role: "normal".into(), dept: Some("行政部".into()), password: "secret2".into() };
    admin.call(|cx| api::users::add(cx, new)).unwrap();

    let mut b = Desk::default();
    b.open_existing(dir.path()).unwrap();
    b.login("b", "secret2").unwrap();
    assert_eq!(b.status(dir.path()).unwrap().user.map(|u| u.role), Some("normal"));
    admin.call(|cx| api::users::change(cx, api::users::UserChangeDto { user: "b".into(), change: "disable".into(), value: String::new() })).unwrap();

    let ended = b.call(|cx| api::users::list(cx)).err().expect("the session ended");
    assert_eq!(ended.code, ErrorCode::Unauthenticated);
    let again = b.call(|cx| api::users::list(cx)).err().expect("still ended");
    assert_eq!(again.message(api::Lang::En), ended.message(api::Lang::En), "every later call says why, not merely 'please log in'");
    assert!(b.status(dir.path()).unwrap().user.is_none());
}
