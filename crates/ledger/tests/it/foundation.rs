//! The ledger on real SQLite files in temporary folders: setup, cards, list, registers.

use ledger::{AssetInput, AssetQuery, AssetSort, AssetStatus, ErrorCode, Ledger, RegisterKind, Role, SetupInput, SortDir};

use crate::common::{laptop, setup};

#[test]
fn first_run_creates_ledger_and_admin_can_log_in_after_reopen() {
    let f = setup();
    let dir = f.ledger.dir().to_path_buf();
    drop(f.ledger);
    let mut reopened = Ledger::open(&dir).unwrap();
    assert_eq!(reopened.settings().unwrap().org_name, "示例单位");
    let actor = reopened.login("admin", "secret1").unwrap();
    assert_eq!(actor.role, Role::Admin);
    let err = reopened.login("admin", "wrong-pw").unwrap_err();
    assert_eq!(err.code, ErrorCode::Unauthenticated);
    assert_eq!(reopened.audit_entries(&actor, 10).unwrap()[0].action, "login_failed");
}

#[test]
fn setup_refuses_a_second_ledger_and_names_every_missing_field() {
    let f = setup();
    let again = Ledger::create(f.ledger.dir(), &SetupInput { org_name: "x".into(), admin_name: "a".into(), admin_password: "secret1".into(), language: None });
    assert_eq!(again.err().unwrap().code, ErrorCode::AlreadyInitialized);

    let empty = tempfile::tempdir().unwrap();
    let err = Ledger::create(empty.path(), &SetupInput { admin_password: "123".into(), ..SetupInput::default() }).err().unwrap();
    assert_eq!(err.fields, vec!["org_name", "name", "password"]);
    assert!(!Ledger::exists(empty.path()), "a refused setup leaves no file behind");
}

#[test]
fn opening_a_missing_or_foreign_ledger_is_refused_clearly() {
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(Ledger::open(empty.path()).err().unwrap().code, ErrorCode::NotInitialized);

    let foreign = tempfile::tempdir().unwrap();
    let conn = rusqlite::Connection::open(Ledger::file_in(foreign.path())).unwrap();
    conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
    drop(conn);
    let err = Ledger::open(foreign.path()).err().unwrap();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.to_string().contains("not an AssetDesk ledger"), "{err}");
}

#[test]
fn a_ledger_from_a_newer_version_is_refused_and_left_untouched() {
    let f = setup();
    let dir = f.ledger.dir().to_path_buf();
    drop(f.ledger);
    let conn = rusqlite::Connection::open(Ledger::file_in(&dir)).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let before = std::fs::read(Ledger::file_in(&dir)).unwrap();
    let err = Ledger::open(&dir).err().unwrap();
    assert_eq!(err.code, ErrorCode::NewerSchema);
    assert!(err.to_string().contains("newer AssetDesk"), "{err}");
    assert_eq!(std::fs::read(Ledger::file_in(&dir)).unwrap(), before);
}

#[test]
fn adding_assets_generates_sequential_codes_and_keeps_legacy_ones() {
    let mut f = setup();
    let year = chrono::Local::now().format("%Y").to_string();
    let first = f.ledger.add_asset(&f.admin, &laptop("笔记本电脑")).unwrap();
    let second = f.ledger.add_asset(&f.admin, &laptop("台式电脑")).unwrap();
    assert_eq!(first, format!("ZC-{year}-00001"));
    assert_eq!(second, format!("ZC-{year}-00002"));

    let legacy = f.ledger.add_asset(&f.admin, &AssetInput { code: format!("ZC-{year}-00003"), ..laptop("旧打印机") }).unwrap();
    assert_eq!(legacy, format!("ZC-{year}-00003"));
    // The rule skips a code a legacy label already took.
    assert_eq!(f.ledger.add_asset(&f.admin, &laptop("显示器")).unwrap(), format!("ZC-{year}-00004"));

    let dup = f.ledger.add_asset(&f.admin, &AssetInput { code: legacy.clone(), ..laptop("重复") }).unwrap_err();
    assert_eq!(dup.code, ErrorCode::Conflict);
    assert_eq!(dup.fields, vec!["code"]);
}

#[test]
fn the_card_holds_every_field_exactly_and_starts_its_history() {
    let mut f = setup();
    let code = f.ledger.add_asset(&f.admin, &laptop("笔记本电脑")).unwrap();
    let card = f.ledger.asset(&f.admin, &code).unwrap();
    assert_eq!(card.row.name, "笔记本电脑");
    assert_eq!(card.row.category, "电脑");
    assert_eq!(card.row.dept.as_deref(), Some("行政部"));
    assert_eq!(card.row.location.as_deref(), Some("三楼301"));
    assert_eq!(card.row.custodian.as_deref(), Some("张三"));
    assert_eq!(card.row.value.to_string(), "6999.50");
    assert_eq!(card.row.status, AssetStatus::InStock);
    assert_eq!(card.row.acquired.unwrap().to_string(), "2025-03-01");
    assert_eq!(card.life_years, Some(5));
    assert_eq!(card.salvage_rate.to_string(), "0.05");
    assert_eq!(card.serial, "SN-001");
    assert_eq!(card.history.len(), 1);
    assert_eq!(card.history[0].kind, "register");
    assert!(card.history[0].doc_no.starts_with("XZ-"), "{}", card.history[0].doc_no);
    assert_eq!(card.history[0].operator, "admin");
}

#[test]
fn bad_input_names_every_field_and_writes_nothing() {
    let mut f = setup();
    let bad = AssetInput {
        name: " ".into(),
        category: "".into(),
        acquired: "2025-02-30".into(),
        value: "-1".into(),
        life_years: "0".into(),
        salvage_rate: "120%".into(),
        method: "magic".into(),
        code: "有空格 的".into(),
        ..AssetInput::default()
    };
    let err = f.ledger.add_asset(&f.admin, &bad).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    for field in ["name", "category", "acquired", "value", "life_years", "salvage_rate", "method", "code"] {
        assert!(err.fields.iter().any(|x| x == field), "{field} missing from {:?}", err.fields);
    }
    assert!(err.message(ledger::Lang::ZhCn).contains("资产名称不能为空"));
    assert_eq!(f.ledger.list_assets(&f.admin, &AssetQuery::default()).unwrap().total, 0);
    assert!(f.ledger.list_register(&f.admin, RegisterKind::Category).unwrap().is_empty());
}

#[test]
fn edits_change_descriptive_fields_with_a_document_but_never_place_or_person() {
    let mut f = setup();
    let code = f.ledger.add_asset(&f.admin, &laptop("笔记本")).unwrap();
    f.ledger.edit_asset(&f.admin, &code, &AssetInput { name: "笔记本电脑".into(), value: "7000".into(), ..laptop("") }).unwrap();
    let card = f.ledger.asset(&f.admin, &code).unwrap();
    assert_eq!(card.row.name, "笔记本电脑");
    assert_eq!(card.row.value.to_string(), "7000.00");
    assert_eq!(card.history.len(), 2);
    assert_eq!(card.history[1].kind, "edit");
    assert!(card.history[1].detail.contains("笔记本 → 笔记本电脑"), "{}", card.history[1].detail);

    let err = f.ledger.edit_asset(&f.admin, &code, &AssetInput { dept: "财务部".into(), ..laptop("笔记本电脑") }).unwrap_err();
    assert_eq!(err.fields, vec!["dept"]);
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().row.dept.as_deref(), Some("行政部"));
}

#[test]
fn search_finds_chinese_substrings_codes_people_and_combines_words() {
    let mut f = setup();
    let a = f.ledger.add_asset(&f.admin, &laptop("联想笔记本电脑")).unwrap();
    let b = f.ledger.add_asset(&f.admin, &AssetInput { custodian: "李四".into(), serial: "XYZ-9".into(), category: "办公设备".into(), ..laptop("惠普打印机") }).unwrap();
    let find = |ledger: &Ledger, text: &str| -> Vec<String> {
        ledger.list_assets(&f.admin, &AssetQuery { text: text.into(), ..AssetQuery::default() }).unwrap().rows.into_iter().map(|r| r.code).collect()
    };
    assert_eq!(find(&f.ledger, "电脑"), vec![a.clone()]);
    assert_eq!(find(&f.ledger, "李四"), vec![b.clone()]);
    assert_eq!(find(&f.ledger, "xyz-9"), vec![b.clone()]);
    assert_eq!(find(&f.ledger, &b), vec![b.clone()]);
    assert_eq!(find(&f.ledger, "行政部 打印"), vec![b.clone()]);
    assert_eq!(find(&f.ledger, "100%_"), Vec::<String>::new(), "LIKE wildcards are taken literally");

    // Renaming a register entry keeps the search current.
    f.ledger.rename_register(&f.admin, RegisterKind::Person, "李四", "李思").unwrap();
    assert_eq!(find(&f.ledger, "李思"), vec![b]);
}

#[test]
fn pinyin_initials_find_assets_and_people_and_an_older_index_is_rebuilt_with_them() {
    let mut f = setup();
    let a = f.ledger.add_asset(&f.admin, &laptop("联想笔记本电脑")).unwrap();
    let b = f.ledger.add_asset(&f.admin, &AssetInput { custodian: "李四".into(), ..laptop("惠普打印机") }).unwrap();
    let find = |ledger: &Ledger, text: &str| -> Vec<String> {
        ledger.list_assets(&f.admin, &AssetQuery { text: text.into(), ..AssetQuery::default() }).unwrap().rows.into_iter().map(|r| r.code).collect()
    };
    assert_eq!(find(&f.ledger, "lxbj"), vec![a.clone()], "联想笔记 by its initials");
    assert_eq!(find(&f.ledger, "hpdy"), vec![b.clone()]);
    assert_eq!(find(&f.ledger, "ls hp"), vec![b.clone()], "李四's initials with the printer's");

    // A ledger indexed before initials were (schema 13) gets them at its next open.
    let dir = f.ledger.dir().to_path_buf();
    drop(f.ledger);
    let conn = rusqlite::Connection::open(Ledger::file_in(&dir)).unwrap();
    conn.execute_batch("INSERT INTO asset_fts(asset_fts) VALUES ('delete-all'); PRAGMA user_version = 13;").unwrap();
    drop(conn);
    let reopened = Ledger::open(&dir).unwrap();
    assert_eq!(find(&reopened, "lxbj"), vec![a.clone()]);
    assert_eq!(find(&reopened, "联想"), vec![a]);
}

#[test]
fn full_pinyin_finds_assets_and_an_older_index_is_rebuilt_with_it() {
    let mut f = setup();
    let a = f.ledger.add_asset(&f.admin, &laptop("联想笔记本电脑")).unwrap();
    let b = f.ledger.add_asset(&f.admin, &AssetInput { custodian: "李四".into(), ..laptop("惠普打印机") }).unwrap();
    let find = |ledger: &Ledger, text: &str| -> Vec<String> {
        ledger.list_assets(&f.admin, &AssetQuery { text: text.into(), ..AssetQuery::default() }).unwrap().rows.into_iter().map(|r| r.code).collect()
    };
    assert_eq!(find(&f.ledger, "bijiben"), vec![a.clone()], "笔记本 by its full pinyin");
    assert_eq!(find(&f.ledger, "dayinji lisi"), vec![b.clone()], "打印机 and 李四 together");
    assert!(find(&f.ledger, "bijibenx").is_empty());

    // A ledger indexed with initials only (schema 16, before 0017) gets the full pinyin at its next open.
    let dir = f.ledger.dir().to_path_buf();
    drop(f.ledger);
    let conn = rusqlite::Connection::open(Ledger::file_in(&dir)).unwrap();
    conn.execute_batch("INSERT INTO asset_fts(asset_fts) VALUES ('delete-all'); PRAGMA user_version = 16;").unwrap();
    drop(conn);
    let reopened = Ledger::open(&dir).unwrap();
    assert_eq!(find(&reopened, "bijiben"), vec![a.clone()]);
    assert_eq!(find(&reopened, "lxbj"), vec![a]);
}

#[test]
fn list_filters_sorts_and_pages() {
    let mut f = setup();
    for (i, dept) in ["行政部", "财务部", "行政部", "信息部", "行政部"].iter().enumerate() {
        f.ledger.add_asset(&f.admin, &AssetInput { dept: dept.to_string(), value: format!("{}", (i + 1) * 100), ..laptop(&format!("资产{i}")) }).unwrap();
    }
    let q = AssetQuery { dept: Some("行政部".into()), sort: AssetSort::Value, dir: SortDir::Desc, limit: 2, ..AssetQuery::default() };
    let page = f.ledger.list_assets(&f.admin, &q).unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.rows.iter().map(|r| r.value.to_string()).collect::<Vec<_>>(), vec!["500.00", "300.00"]);
    let next = f.ledger.list_assets(&f.admin, &AssetQuery { offset: 2, ..q }).unwrap();
    assert_eq!(next.rows.len(), 1);
    assert_eq!(next.rows[0].value.to_string(), "100.00");

    let by_status = AssetQuery { status: Some(AssetStatus::InUse), ..AssetQuery::default() };
    assert_eq!(f.ledger.list_assets(&f.admin, &by_status).unwrap().total, 0);
}

#[test]
fn registers_are_created_renamed_and_deactivated_never_deleted() {
    let mut f = setup();
    f.ledger.add_register(&f.admin, RegisterKind::Department, "信息部", None).unwrap();
    f.ledger.add_register(&f.admin, RegisterKind::Person, "王五", Some("信息部")).unwrap();
    let dup = f.ledger.add_register(&f.admin, RegisterKind::Department, "信息部", None).unwrap_err();
    assert_eq!(dup.code, ErrorCode::Conflict);
    f.ledger.rename_register(&f.admin, RegisterKind::Department, "信息部", "信息中心").unwrap();
    let people = f.ledger.list_register(&f.admin, RegisterKind::Person).unwrap();
    assert_eq!(people[0].dept.as_deref(), Some("信息中心"));

    f.ledger.set_register_active(&f.admin, RegisterKind::Department, "信息中心", false).unwrap();
    let err = f.ledger.add_asset(&f.admin, &AssetInput { dept: "信息中心".into(), ..laptop("x") }).unwrap_err();
    assert_eq!(err.fields, vec!["dept"]);
    assert!(err.to_string().contains("deactivated"));
    let depts = f.ledger.list_register(&f.admin, RegisterKind::Department).unwrap();
    assert!(depts.iter().any(|d| d.name == "信息中心" && !d.active));
}

#[test]
fn roles_are_enforced_in_the_core_and_normal_users_see_their_department_only() {
    let mut f = setup();
    let ours = f.ledger.add_asset(&f.admin, &laptop("行政电脑")).unwrap();
    let theirs = f.ledger.add_asset(&f.admin, &AssetInput { dept: "财务部".into(), ..laptop("财务电脑") }).unwrap();
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    f.ledger.add_user(&f.admin, "power", Role::Power, None, "secret3").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    let power = f.ledger.login("power", "secret3").unwrap();

    let seen: Vec<String> = f.ledger.list_assets(&clerk, &AssetQuery::default()).unwrap().rows.into_iter().map(|r| r.code).collect();
    assert_eq!(seen, vec![ours.clone()]);
    assert_eq!(f.ledger.asset(&clerk, &theirs).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(f.ledger.add_asset(&clerk, &laptop("x")).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(f.ledger.add_user(&power, "x", Role::Admin, None, "secret9").unwrap_err().code, ErrorCode::Forbidden);
    let forbidden = f.ledger.add_register(&clerk, RegisterKind::Location, "仓库", None).unwrap_err();
    assert_eq!(forbidden.code, ErrorCode::Forbidden);
    assert!(forbidden.message(ledger::Lang::ZhCn).contains("无权"));
    assert!(f.ledger.add_asset(&power, &laptop("高级用户登记")).is_ok());
}

#[test]
fn the_audit_chain_records_writes_and_detects_tampering() {
    let mut f = setup();
    let code = f.ledger.add_asset(&f.admin, &laptop("电脑")).unwrap();
    let check = f.ledger.verify_audit(&f.admin).unwrap();
    assert!(check.ok(), "{check:?}");
    let entries = check.entries;
    assert!(entries >= 5, "init, registers and the asset were recorded: {entries}");
    let log = f.ledger.audit_entries(&f.admin, 100).unwrap();
    assert!(log.iter().any(|e| e.action == "asset_add" && e.target == code));

    let file = Ledger::file_in(f.ledger.dir());
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute("UPDATE audit_log SET user_name = 'mallory' WHERE id = 2", []).unwrap();
    assert_eq!(f.ledger.verify_audit(&f.admin).unwrap().broken_at, Some(2));
}

#[test]
fn bulk_registration_is_one_document_all_or_nothing_with_row_numbers() {
    let mut f = setup();
    let rows = vec![laptop("一"), AssetInput { code: "OLD-1".into(), ..laptop("二") }, laptop("三")];
    let codes = f.ledger.add_assets(&f.admin, &rows).unwrap();
    assert_eq!(codes.len(), 3);
    assert_eq!(codes[1], "OLD-1");
    let first = f.ledger.asset(&f.admin, &codes[0]).unwrap();
    let last = f.ledger.asset(&f.admin, &codes[2]).unwrap();
    assert_eq!(first.history[0].doc_no, last.history[0].doc_no, "one registration document for the batch");

    let bad = vec![laptop("四"), AssetInput { name: "".into(), ..laptop("") }, AssetInput { code: "OLD-1".into(), ..laptop("五") }];
    let err = f.ledger.add_assets(&f.admin, &bad).unwrap_err();
    assert!(err.to_string().starts_with("row 2: asset name is required"), "{err}");
    let dup = f.ledger.add_assets(&f.admin, &[laptop("六"), AssetInput { code: "OLD-1".into(), ..laptop("七") }]).unwrap_err();
    assert_eq!(dup.message(ledger::Lang::ZhCn), "第 2 行：资产编码 OLD-1 已被使用");
    assert_eq!(f.ledger.list_assets(&f.admin, &AssetQuery::default()).unwrap().total, 3, "refused batches add nothing");
}

#[test]
fn sorting_by_a_register_column_follows_its_names_and_search_finds_single_characters() {
    let mut f = setup();
    for (name, dept) in [("甲", "信息部"), ("乙", "财务部"), ("丙", "行政部"), ("丁", "财务部")] {
        f.ledger.add_asset(&f.admin, &AssetInput { dept: dept.into(), ..laptop(name) }).unwrap();
    }
    let sorted = f.ledger.list_assets(&f.admin, &AssetQuery { sort: AssetSort::Dept, ..AssetQuery::default() }).unwrap();
    let depts: Vec<String> = sorted.rows.iter().map(|r| r.dept.clone().unwrap()).collect();
    let mut want = depts.clone();
    want.sort();
    assert_eq!(depts, want);
    let one = f.ledger.list_assets(&f.admin, &AssetQuery { text: "丙".into(), ..AssetQuery::default() }).unwrap();
    assert_eq!(one.rows.len(), 1);
    assert_eq!(one.rows[0].name, "丙");
}

#[test]
fn custom_fields_are_typed_and_attachments_travel_with_the_card() {
    let mut f = setup();
    let code = f.ledger.add_asset(&f.admin, &laptop("笔记本")).unwrap();
    for (name, kind, required) in [("保修截止", "date", false), ("发票号", "text", true), ("功率", "number", false)] {
        f.ledger.define_custom_field(&f.admin, &ledger::CustomField { name: name.into(), kind: kind.into(), required, active: true }).unwrap();
    }
    let err = f
        .ledger
        .set_custom_values(&f.admin, &code, &[("保修截止".into(), "明年".into()), ("发票号".into(), " ".into()), ("功率".into(), "abc".into())])
        .unwrap_err();
    assert_eq!(err.fields, vec!["保修截止", "发票号", "功率"]);
    f.ledger.set_custom_values(&f.admin, &code, &[("保修截止".into(), "2028-03-01".into()), ("发票号".into(), "FP-001".into())]).unwrap();
    let values = f.ledger.custom_values(&f.admin, &code).unwrap();
    assert_eq!(values, vec![("保修截止".into(), "2028-03-01".into()), ("发票号".into(), "FP-001".into()), ("功率".into(), "".into())]);

    let photo = vec![0x89, b'P', b'N', b'G', 1, 2, 3];
    let id = f.ledger.attach(&f.admin, &code, "正面.png", "image/png", &photo).unwrap();
    assert_eq!(f.ledger.attachments(&f.admin, &code).unwrap()[0].size, 7);
    assert_eq!(f.ledger.attachment_data(&f.admin, id).unwrap(), ("image/png".to_string(), photo));
    assert!(f.ledger.attach(&f.admin, &code, "empty.txt", "text/plain", &[]).is_err());
    f.ledger.remove_attachment(&f.admin, id).unwrap();
    assert!(f.ledger.attachments(&f.admin, &code).unwrap().is_empty());
}

#[test]
fn repeated_failed_logins_lock_the_name_for_a_while_and_passwords_can_change() {
    let mut f = setup();
    for _ in 0..5 {
        assert_eq!(f.ledger.login("admin", "wrong").unwrap_err().code, ErrorCode::Unauthenticated);
    }
    let locked = f.ledger.login("admin", "secret1").unwrap_err();
    assert!(locked.message(ledger::Lang::ZhCn).contains("登录失败次数过多"), "{locked}");

    let mut g = setup();
    g.ledger.change_password(&g.admin, "secret1", "new-secret").unwrap();
    assert!(g.ledger.login("admin", "secret1").is_err());
    let admin = g.ledger.login("admin", "new-secret").unwrap();
    assert_eq!(g.ledger.change_password(&admin, "wrong", "x-secret").unwrap_err().fields, vec!["old_password"]);
    g.ledger.add_user(&admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    g.ledger.reset_password(&admin, "clerk", "reset-pass").unwrap();
    assert!(g.ledger.login("clerk", "reset-pass").is_ok());
}

#[test]
fn parameters_are_validated_and_a_scheduled_backup_runs_when_due() {
    let mut f = setup();
    let mut p = f.ledger.parameters().unwrap();
    p.backup_time = "25:00".into();
    p.backup_keep = 0;
    assert_eq!(f.ledger.update_parameters(&f.admin, &p).unwrap_err().fields, vec!["backup_time", "backup_keep"]);
    p.backup_time = "09:00".into();
    p.backup_keep = 3;
    f.ledger.update_parameters(&f.admin, &p).unwrap();
    let today = chrono::Local::now().date_naive();
    let before_time = today.and_hms_opt(8, 0, 0).unwrap();
    assert!(f.ledger.scheduled_backup_if_due(before_time).unwrap().is_none(), "not before the set time");
    let later = today.and_hms_opt(23, 0, 0).unwrap();
    let first = f.ledger.scheduled_backup_if_due(later).unwrap();
    assert!(first.is_some(), "due after 09:00 when never backed up");
    assert!(f.ledger.scheduled_backup_if_due(later + chrono::Duration::minutes(5)).unwrap().is_none(), "not twice a day");
    p.backup_every = ledger::BackupEvery::Off;
    f.ledger.update_parameters(&f.admin, &p).unwrap();
    assert!(f.ledger.scheduled_backup_if_due(later + chrono::Duration::days(3)).unwrap().is_none(), "off means off");
}

#[test]
fn an_admin_adjusts_what_a_role_may_do_but_never_the_admins_own() {
    use ledger::Permission;
    let mut f = setup();
    f.ledger.add_asset(&f.admin, &laptop("先登记一项,类别部门人员都已存在")).unwrap();
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    f.ledger.add_user(&f.admin, "power", Role::Power, None, "secret3").unwrap();
    let before = f.ledger.login("clerk", "secret2").unwrap();
    assert_eq!(f.ledger.add_asset(&before, &laptop("x")).unwrap_err().code, ErrorCode::Forbidden);

    f.ledger.set_role_permission(&f.admin, Role::Normal, Permission::RegisterAsset, true).unwrap();
    f.ledger.set_role_permission(&f.admin, Role::Power, Permission::PostDocuments, false).unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    assert!(f.ledger.add_asset(&clerk, &laptop("本部门新资产")).is_ok(), "granted at the next login");
    let power = f.ledger.login("power", "secret3").unwrap();
    assert!(!power.can(Permission::PostDocuments));
    let matrix = f.ledger.role_permissions(&f.admin).unwrap();
    assert!(matrix.contains(&(Role::Normal, Permission::RegisterAsset, true, false)));
    assert_eq!(f.ledger.set_role_permission(&f.admin, Role::Admin, Permission::ManageUsers, false).unwrap_err().fields, vec!["role"]);
    assert_eq!(f.ledger.set_role_permission(&clerk, Role::Normal, Permission::ManageUsers, true).unwrap_err().code, ErrorCode::Forbidden);
}

fn tampered(f: &crate::common::Fixture, sql: &str) -> ledger::AuditCheck {
    let conn = rusqlite::Connection::open(Ledger::file_in(f.ledger.dir())).unwrap();
    conn.execute_batch(sql).unwrap();
    f.ledger.verify_audit(&f.admin).unwrap()
}

#[test]
fn every_kind_of_audit_tampering_is_caught() {
    for (what, sql) in [
        ("edited detail", "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3"),
        ("deleted entry", "DELETE FROM audit_log WHERE id = 3"),
        ("deleted last entry and re-chained nothing", "DELETE FROM audit_log WHERE id = (SELECT MAX(id) - 1 FROM audit_log)"),
        ("reordered", "UPDATE audit_log SET id = -id WHERE id IN (2, 3); UPDATE audit_log SET id = 3 WHERE id = -2; UPDATE audit_log SET id = 2 WHERE id = -3"),
        ("forged hash", "UPDATE audit_log SET user_name = 'mallory', hash = 'abc' WHERE id = 2"),
    ] {
        let mut f = setup();
        f.ledger.add_asset(&f.admin, &laptop("电脑")).unwrap();
        f.ledger.add_asset(&f.admin, &laptop("电脑二")).unwrap();
        assert!(f.ledger.verify_audit(&f.admin).unwrap().ok());
        assert!(!tampered(&f, sql).ok(), "{what} went unnoticed");
    }
}

#[test]
fn each_role_is_allowed_or_refused_in_the_core_for_every_guarded_operation() {
    use ledger::{DocKind, DocRequest, Permission};
    let mut f = setup();
    let code = f.ledger.add_asset(&f.admin, &laptop("电脑")).unwrap();
    f.ledger.add_user(&f.admin, "power", Role::Power, None, "secret3").unwrap();
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    let admin = f.admin.clone();
    let power = f.ledger.login("power", "secret3").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    // (operation, admin, power, normal)
    type Op = Box<dyn Fn(&mut Ledger, &ledger::Actor) -> ledger::Result<()>>;
    let code2 = code.clone();
    let ops: Vec<(&str, Op, [bool; 3])> = vec![
        ("view assets", Box::new(|l, a| l.list_assets(a, &AssetQuery::default()).map(|_| ())), [true, true, true]),
        ("register asset", Box::new(|l, a| l.add_asset(a, &laptop("新")).map(|_| ())), [true, true, false]),
        ("edit asset", Box::new(move |l, a| l.edit_asset(a, &code2, &AssetInput { notes: "改".into(), ..laptop("电脑") })), [true, true, false]),
        ("add register", Box::new(|l, a| l.add_register(a, RegisterKind::Location, &format!("仓库{}", a.name), None)), [true, true, false]),
        ("manage users", Box::new(|l, a| l.list_users(a).map(|_| ())), [true, false, false]),
        ("audit log", Box::new(|l, a| l.audit_entries(a, 5).map(|_| ())), [true, false, false]),
        ("parameters", Box::new(|l, a| { let p = l.parameters()?; l.update_parameters(a, &p) }), [true, false, false]),
        ("backup", Box::new(|l, a| l.create_backup(a, None, 3).map(|_| ())), [true, false, false]),
        ("role permissions", Box::new(|l, a| l.role_permissions(a).map(|_| ())), [true, false, false]),
        ("post document", Box::new(|l, a| {
            let req = DocRequest { reason: format!("{} 登记", a.name), ..DocRequest::new(DocKind::Defect, vec![]) };
            // An empty document is refused as invalid only after the permission passed.
            match l.post_document(a, &req) { Err(e) if e.code == ErrorCode::InvalidInput => Ok(()), other => other.map(|_| ()) }
        }), [true, true, true]),
        ("void document", Box::new(|l, a| match l.void_document(a, "NO-SUCH-DOC", "x") { Err(e) if e.code == ErrorCode::NotFound => Ok(()), other => other.map(|_| ()) }), [true, false, false]),
    ];
    for (name, op, expected) in &ops {
        for (actor, allowed) in [(&admin, expected[0]), (&power, expected[1]), (&clerk, expected[2])] {
            let result = op(&mut f.ledger, actor);
            match (allowed, &result) {
                (true, Ok(())) => {}
                (false, Err(e)) if e.code == ErrorCode::Forbidden => {}
                _ => panic!("{name} as {:?}: expected allowed={allowed}, got {result:?}", actor.role),
            }
        }
    }
    assert!(Permission::ALL.len() >= 11);
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() {
    let mut f = setup();
    let dir = f.ledger.dir().to_path_buf();
    let writer = std::thread::spawn(move || {
        let mut other = Ledger::open(&dir).unwrap();
        let admin = other.login("admin", "secret1").unwrap();
        for i in 0..60 {
            other.add_asset(&admin, &laptop(&format!("并发写入{i}"))).unwrap();
        }
    });
    let mut files = Vec::new();
    for _ in 0..5 {
        files.push(f.ledger.create_backup(&f.admin, None, 10).unwrap());
    }
    writer.join().unwrap();
    for file in files {
        let info = ledger::verify_backup(&file).unwrap();
        // Each backup is a whole state: every registered asset has its registration line.
        let conn = rusqlite::Connection::open(&file).unwrap();
        let orphans: i64 = conn
            .query_row("SELECT COUNT(*) FROM assets a WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.asset_id = a.id)", [], |r| r.get(0))
            .unwrap();
        assert_eq!(orphans, 0, "{} holds a half-written registration", file.display());
        assert!(info.assets <= 60);
    }
}
