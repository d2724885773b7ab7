//! A logged-in session is checked on every call (issue 20). The desktop app keeps the
//! actor of its login; `api::session::recheck` (which the shell runs before each call)
//! reads the user afresh. Two ledger handles on one real file stand for two desks: the
//! administrator's, and user B's app, still logged in.

use api::assets::AssetInputDto;
use api::users::UserChangeDto;
use api::{Ctx, ErrorCode, Lang};
use ledger::{Actor, Ledger, Role, SetupInput};

struct Desks {
    dir: tempfile::TempDir,
    admin_ledger: Ledger,
    admin: Actor,
    /// B's app: its own handle on the same file, and the actor B's login made.
    b_ledger: Ledger,
    b: Actor,
}

impl Desks {
    fn new(role: Role) -> Desks {
        let dir = tempfile::tempdir().unwrap();
        let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
        let (mut admin_ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
        admin_ledger.add_user(&admin, "b", role, Some("行政部"), "secret2").unwrap();
        let mut b_ledger = Ledger::open(dir.path()).unwrap();
        let b = b_ledger.login("b", "secret2").unwrap();
        Desks { dir, admin_ledger, admin, b_ledger, b }
    }

    fn admin(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.admin_ledger, &self.admin, Lang::ZhCn)
    }

    /// B's next call, as the shell makes it: the session re-read, then the use case.
    fn b_registers(&mut self, name: &str) -> api::Result<api::AssetCode> {
        self.b = api::session::recheck(&self.b_ledger, &self.b)?;
        let input = AssetInputDto { name: name.into(), category: "电脑".into(), dept: "行政部".into(), value: "100".into(), ..AssetInputDto::default() };
        api::assets::register(&mut Ctx::new(&mut self.b_ledger, &self.b, Lang::ZhCn), input)
    }

    fn b_lists(&mut self) -> api::Result<usize> {
        self.b = api::session::recheck(&self.b_ledger, &self.b)?;
        let page = api::assets::list(&mut Ctx::new(&mut self.b_ledger, &self.b, Lang::ZhCn), Default::default())?;
        Ok(page.rows.len())
    }

    fn change_b(&mut self, change: &str, value: &str) {
        api::users::change(&mut self.admin(), UserChangeDto { user: "b".into(), change: change.into(), value: value.into() }).unwrap();
    }
}

#[test]
fn a_user_disabled_while_logged_in_is_refused_at_the_next_call() {
    let mut desks = Desks::new(Role::Power);
    desks.b_registers("笔记本").expect("B works while active");
    desks.change_b("disable", "");

    let err = desks.b_registers("台式机").expect_err("a disabled user's next call is refused");
    assert_eq!(err.code, ErrorCode::Unauthenticated);
    assert!(err.message(Lang::ZhCn).contains("已被管理员停用"), "{}", err.message(Lang::ZhCn));
    assert!(err.message(Lang::En).contains("disabled"), "{}", err.message(Lang::En));
    // The refused call changed nothing: one asset, the first.
    let page = api::assets::list(&mut desks.admin(), Default::default()).unwrap();
    assert_eq!(page.rows.len(), 1, "{:?}", page.rows);
    // A read is refused too, not only writes.
    assert_eq!(desks.b_lists().unwrap_err().code, ErrorCode::Unauthenticated);

    // Enabled again, B logs in anew and works.
    desks.change_b("enable", "");
    desks.b = desks.b_ledger.login("b", "secret2").unwrap();
    desks.b_registers("台式机").expect("enabled again");
}

#[test]
fn a_changed_role_or_role_permission_applies_at_the_next_call_not_the_next_login() {
    let mut desks = Desks::new(Role::Normal);
    let err = desks.b_registers("笔记本").expect_err("a normal user may not register");
    assert_eq!(err.code, ErrorCode::Forbidden);

    desks.change_b("role", "power");
    desks.b_registers("笔记本").expect("the new role applies without logging in again");
    assert_eq!(desks.b.role, Role::Power);

    // What the power role may do, adjusted by the admin, also applies at once.
    api::users::set_role_permission(&mut desks.admin(), "power", "register_asset", false).unwrap();
    assert_eq!(desks.b_registers("台式机").unwrap_err().code, ErrorCode::Forbidden);
    api::users::set_role_permission(&mut desks.admin(), "power", "register_asset", true).unwrap();
    desks.b_registers("台式机").expect("allowed again");
}

#[test]
fn a_password_reset_by_an_admin_ends_the_session_but_the_users_own_change_does_not() {
    let mut desks = Desks::new(Role::Power);
    // B changes their own password: the session goes on.
    desks.b = api::session::recheck(&desks.b_ledger, &desks.b).unwrap();
    api::users::change_password(&mut Ctx::new(&mut desks.b_ledger, &desks.b, Lang::ZhCn), "secret2", "secret3").unwrap();
    desks.b_registers("笔记本").expect("one's own password change keeps the session");

    api::users::reset_password(&mut desks.admin(), "b", "secret4").unwrap();
    let err = desks.b_registers("台式机").expect_err("a reset password ends the session");
    assert_eq!(err.code, ErrorCode::Unauthenticated);
    assert!(err.message(Lang::ZhCn).contains("重置"), "{}", err.message(Lang::ZhCn));
    // Logged in with the new password, B works again; the reset no longer stands in the way.
    desks.b = desks.b_ledger.login("b", "secret4").unwrap();
    desks.b_registers("台式机").expect("logged in with the new password");
    desks.b_registers("显示器").expect("and stays logged in");
    drop(desks.dir);
}
