//! Asset codes, registers, users and shared settings between desks through a real
//! PostgreSQL (crates/test-postgres); each desk a real SQLite ledger file. The rules are
//! docs/hub.md, "Registers".

use ledger::{Actor, AssetInput, Ledger, RegisterKind, Role, SetupInput};
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

fn sync(d: &mut Desk) -> hub::SyncReport {
    hub::sync(&mut d.ledger, &d.admin).unwrap()
}

fn uncoded(name: &str, dept: &str) -> AssetInput {
    AssetInput { name: name.into(), category: "电脑".into(), dept: dept.into(), value: "4999.00".into(), ..AssetInput::default() }
}

fn hub_texts(pg: &Postgres, sql: &str) -> Vec<String> {
    let mut c = hub::connect(&pg.url()).unwrap();
    c.query(sql, &[]).unwrap().iter().map(|r| r.get(0)).collect()
}

fn names(d: &Desk, kind: RegisterKind) -> Vec<(String, bool, Option<String>)> {
    let mut v: Vec<_> = d.ledger.list_register(&d.admin, kind).unwrap().into_iter().map(|r| (r.name, r.active, r.dept)).collect();
    v.sort();
    v
}

#[test]
fn two_desks_on_the_default_code_rule_never_make_the_same_code() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    // Both on ZC-{YYYY}-{SEQ5}, both at sequence 1: without the prefix both make ZC-…-00001.
    let ca = a.ledger.add_assets(&a.admin, &[uncoded("笔记本", "教务处"), uncoded("台式机", "教务处")]).unwrap();
    let cb = b.ledger.add_assets(&b.admin, &[uncoded("打印机", "总务处")]).unwrap();
    let (ca, cb) = (format!("{ca:?}"), format!("{cb:?}"));
    assert!(ca.contains("A1-ZC-") && cb.contains("B1-ZC-"), "{ca} {cb}");
    sync(&mut a);
    let rb = sync(&mut b);
    assert_eq!((rb.applied, rb.conflicts), (1, 0));
    assert_eq!(sync(&mut a).conflicts, 0);
    for d in [&a, &b] {
        let list = d.ledger.list_assets(&d.admin, &Default::default()).unwrap();
        assert_eq!(list.total, 3);
        assert!(hub::verify(&d.ledger).unwrap().agree);
    }
}

#[test]
fn registers_users_and_settings_made_on_one_desk_reach_a_desk_that_joins_later() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let l = &mut a.ledger;
    l.add_register(&a.admin, RegisterKind::Department, "信息中心", None).unwrap();
    l.set_dept_accounts(&a.admin, "信息中心", "5001", "CC-IT").unwrap();
    l.add_register(&a.admin, RegisterKind::Location, "机房", None).unwrap();
    l.add_register(&a.admin, RegisterKind::Location, "旧仓库", None).unwrap();
    l.set_register_active(&a.admin, RegisterKind::Location, "旧仓库", false).unwrap();
    l.add_register(&a.admin, RegisterKind::Person, "王芳", Some("信息中心")).unwrap();
    l.add_category(&a.admin, "信息设备", None).unwrap();
    l.add_category(&a.admin, "服务器", Some("信息设备")).unwrap();
    l.set_category_defaults(&a.admin, "服务器", "straight-line", "6", "3%").unwrap();
    l.set_category_accounts(&a.admin, "服务器", "1601", "1602").unwrap();
    l.add_user(&a.admin, "li", Role::Normal, Some("信息中心"), "pass-li-1").unwrap();
    l.set_role_permission(&a.admin, Role::Normal, ledger::Permission::ManageRegisters, true).unwrap();
    let mut settings = l.settings().unwrap();
    settings.org_name = "示例学区教育局".into();
    l.update_settings(&a.admin, &settings).unwrap();
    let r = sync(&mut a);
    // The nine entries made since joining (the join itself sent admin, the settings, the roles).
    assert_eq!(r.registers.pushed, 9, "{r:?}");
    // The password is on the hub only as its argon2 hash.
    let states = hub_texts(&pg, "SELECT state FROM assetdesk_hub.register_changes WHERE kind = 'user' AND name = 'li'");
    assert_eq!(states.len(), 1);
    assert!(states[0].contains("$argon2") && !states[0].contains("pass-li-1"), "{}", states[0]);

    // B joins: the registers come with the join, before any sync.
    let b = joined(&pg, "分校B", "B1");
    assert_eq!(names(&b, RegisterKind::Person), vec![("王芳".to_string(), true, Some("信息中心".to_string()))]);
    assert_eq!(names(&b, RegisterKind::Location), vec![("旧仓库".to_string(), false, None), ("机房".to_string(), true, None)]);
    let depts = b.ledger.dept_accounts(&b.admin).unwrap();
    assert!(depts.iter().any(|d| d.dept == "信息中心" && d.expense_account == "5001" && d.cost_centre == "CC-IT"), "{depts:?}");
    let tree = b.ledger.category_tree(&b.admin).unwrap();
    let server = tree.iter().find(|n| n.name == "服务器").expect("the category came");
    assert_eq!(server.parent.as_deref(), Some("信息设备"));
    let defaults = b.ledger.category_defaults(&b.admin).unwrap();
    let d = defaults.iter().find(|d| d.category == "服务器").unwrap();
    assert_eq!((d.life_years, d.salvage_rate), (Some(6), "0.03".parse().unwrap()));
    assert!(b.ledger.category_accounts(&b.admin).unwrap().iter().any(|c| c.category == "服务器" && c.asset_account == "1601"));
    assert_eq!(b.ledger.settings().unwrap().org_name, "示例学区教育局");
    // The user logs in on B with the password set on A, with A's role and permissions.
    let mut b = b;
    let li = b.ledger.authenticate("li", "pass-li-1").unwrap();
    assert!(li.can(ledger::Permission::ManageRegisters));
    // B's own admin met A's on the hub: the hub's entry stands (same password here).
    assert!(b.ledger.authenticate("admin", "secret1").is_ok());
    // Nothing B took is pushed back as B's own, and A has nothing more to take.
    let rb = sync(&mut b);
    assert_eq!(rb.registers.pushed, 0, "{rb:?}");
    assert_eq!(sync(&mut a).registers, hub::RegisterReport::default());
}

#[test]
fn an_edit_on_two_desks_apart_ends_as_the_later_on_the_hub_everywhere() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    a.ledger.add_register(&a.admin, RegisterKind::Department, "总务处", None).unwrap();
    sync(&mut a);
    let mut b = joined(&pg, "分校B", "B1");
    assert!(names(&b, RegisterKind::Department).iter().any(|(n, _, _)| n == "总务处"));

    // Apart: A gives 总务处 expense account 5001, B 5002. A pushes first, B later: B's stands.
    a.ledger.set_dept_accounts(&a.admin, "总务处", "5001", "").unwrap();
    b.ledger.set_dept_accounts(&b.admin, "总务处", "5002", "").unwrap();
    sync(&mut a);
    let rb = sync(&mut b);
    assert_eq!(rb.registers.notes, 1, "A's earlier change is noted as superseded on B: {rb:?}");
    let ra = sync(&mut a);
    assert_eq!(ra.registers.notes, 1, "A's own change, replaced by B's later one: {ra:?}");
    for d in [&a, &b] {
        let acc = d.ledger.dept_accounts(&d.admin).unwrap();
        assert!(acc.iter().any(|x| x.dept == "总务处" && x.expense_account == "5002"), "{acc:?}");
    }
    let na = a.ledger.hub_register_notes().unwrap();
    assert_eq!((na.len(), na[0].outcome.as_str()), (1, "replaced"));
    assert!(na[0].message.contains("分校B") && na[0].message.contains("总务处"), "{na:?}");
    assert_eq!(b.ledger.hub_register_notes().unwrap()[0].outcome, "superseded");
    // Settled: nothing more goes either way.
    assert_eq!(sync(&mut a).registers, hub::RegisterReport::default());
    assert_eq!(sync(&mut b).registers, hub::RegisterReport::default());
}

#[test]
fn a_name_created_on_two_desks_apart_is_one_entry_with_the_hubs_state() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    let mut b = joined(&pg, "分校B", "B1");
    for (d, account) in [(&mut a, "5001"), (&mut b, "5002")] {
        d.ledger.add_register(&d.admin, RegisterKind::Department, "信息中心", None).unwrap();
        d.ledger.set_dept_accounts(&d.admin, "信息中心", account, "").unwrap();
    }
    sync(&mut a);
    let rb = sync(&mut b);
    assert_eq!(rb.registers.notes, 1, "{rb:?}");
    sync(&mut a);
    for d in [&a, &b] {
        let acc = d.ledger.dept_accounts(&d.admin).unwrap();
        assert!(acc.iter().any(|x| x.dept == "信息中心" && x.expense_account == "5001"), "{acc:?}");
    }
    let notes = b.ledger.hub_register_notes().unwrap();
    assert_eq!(notes[0].outcome, "merged");
    assert_eq!(hub_texts(&pg, "SELECT site FROM assetdesk_hub.register_changes WHERE kind = 'dept' AND name = '信息中心'"), vec!["分校A".to_string()]);
}

#[test]
fn a_rename_travels_and_a_change_this_desk_cannot_take_is_a_conflict_applied_not_half() {
    let pg = Postgres::start();
    hub::init(&pg.url()).unwrap();
    let mut a = joined(&pg, "分校A", "A1");
    a.ledger.add_category(&a.admin, "甲", None).unwrap();
    a.ledger.add_category(&a.admin, "乙", None).unwrap();
    a.ledger.add_register(&a.admin, RegisterKind::Location, "三楼301", None).unwrap();
    sync(&mut a);
    let mut b = joined(&pg, "分校B", "B1");
    b.ledger.add_asset(&b.admin, &AssetInput { location: "三楼301".into(), ..uncoded("投影仪", "教务处") }).unwrap();

    a.ledger.rename_register(&a.admin, RegisterKind::Location, "三楼301", "三楼301室").unwrap();
    // Apart: A puts 甲 under 乙, B puts 乙 under 甲 and gives it accounts. On each desk the
    // other's change would make a cycle: refused whole (on A, no accounts either).
    a.ledger.move_category(&a.admin, "甲", Some("乙")).unwrap();
    b.ledger.move_category(&b.admin, "乙", Some("甲")).unwrap();
    b.ledger.set_category_accounts(&b.admin, "乙", "1601", "1602").unwrap();
    sync(&mut a);
    sync(&mut b);
    let ra = sync(&mut a);
    assert_eq!(ra.registers.conflicts, 1, "{ra:?}");
    let notes = a.ledger.hub_register_notes().unwrap();
    assert_eq!((notes[0].outcome.as_str(), notes[0].name.as_str()), ("conflict", "乙"));
    assert!(a.ledger.category_accounts(&a.admin).unwrap().iter().all(|c| c.category != "乙" || c.asset_account.is_empty()), "nothing of it applied");
    // B, for its part, could not take A's move of 甲 (the same cycle the other way): noted there.
    let nb = b.ledger.hub_register_notes().unwrap();
    assert!(nb.iter().any(|n| n.outcome == "conflict" && n.name == "甲"), "{nb:?}");
    let tree = a.ledger.category_tree(&a.admin).unwrap();
    assert_eq!(tree.iter().find(|n| n.name == "甲").unwrap().parent.as_deref(), Some("乙"));

    // The rename reached B, and B's asset shows the new name.
    let card = b.ledger.list_assets(&b.admin, &Default::default()).unwrap();
    assert_eq!(card.rows[0].location.as_deref(), Some("三楼301室"));
    assert!(names(&b, RegisterKind::Location).iter().all(|(n, _, _)| n != "三楼301"));
}
