//! Label jobs over a real ledger: template and printer stores, permissions by role,
//! reprints with reasons, and refusals that leave nothing behind.

use label_jobs::{Destination, Job, JobRequest, LabelSettings, PrinterEntry, Store, DEFAULT_TEMPLATE};
use labels::Format;
use ledger::{Actor, AssetInput, Ledger, Role, SetupInput};

struct Fixture {
    dir: tempfile::TempDir,
    ledger: Ledger,
    admin: Actor,
    code: String,
}

fn setup() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (mut ledger, admin) = Ledger::create(
        dir.path(),
        &SetupInput {
            org_name: "示例单位".into(),
            admin_name: "admin".into(),
            admin_password: "secret1".into(),
            language: None,
        },
    )
    .unwrap();
    let input = AssetInput {
        name: "联想笔记本电脑".into(),
        category: "电脑".into(),
        dept: "行政部".into(),
        acquired: "2025-03-01".into(),
        ..Default::default()
    };
    let code = ledger.add_asset(&admin, &input).unwrap();
    Fixture { dir, ledger, admin, code }
}

fn user(f: &mut Fixture, name: &str, role: Role, dept: Option<&str>) -> Actor {
    f.ledger.add_user(&f.admin, name, role, dept, "pass-123").unwrap();
    f.ledger.login(name, "pass-123").unwrap()
}

fn label_actions(f: &Fixture) -> Vec<(String, String, String)> {
    f.ledger
        .audit_entries(&f.admin, 100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("label_"))
        .map(|e| (e.action, e.target, e.detail))
        .collect()
}

fn pdf_request(f: &Fixture, file: &str) -> JobRequest {
    JobRequest::new(vec![f.code.clone()], Format::Pdf, Destination::File(f.dir.path().join(file)))
}

#[test]
fn label_data_comes_from_the_ledger_and_the_organisation() {
    let f = setup();
    let sources = f.ledger.label_sources(&f.admin, std::slice::from_ref(&f.code), "").unwrap();
    let data = label_jobs::label_data(&sources[0]);
    assert_eq!(
        (data.code.as_str(), data.name.as_str(), data.dept.as_str()),
        (f.code.as_str(), "联想笔记本电脑", "行政部")
    );
    assert_eq!(data.org, "示例单位");
    assert_eq!(data.acquired, "2025-03-01");
    assert!(!sources[0].printed_before);
}

#[test]
fn first_print_then_reprint_only_with_a_reason() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let outcome = {
        let req = pdf_request(&f, "a.pdf");
        let who = f.admin.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap();
    assert_eq!((outcome.labels, outcome.reprints), (1, 0));
    assert_eq!(f.ledger.label_reprints(&f.admin, &[f.code.clone()]).unwrap(), vec![f.code.clone()]);

    let err = {
        let req = pdf_request(&f, "b.pdf");
        let who = f.admin.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(err.fields(), vec!["reason".to_string()]);
    assert!(
        err.message(ledger::Lang::ZhCn).contains("补打"),
        "{}",
        err.message(ledger::Lang::ZhCn)
    );
    assert!(!f.dir.path().join("b.pdf").exists());

    let mut req = pdf_request(&f, "b.pdf");
    req.reason = "标签损坏".into();
    let outcome = Job::run(&mut f.ledger, &f.admin.clone(), &store, &req).unwrap();
    assert_eq!(outcome.reprints, 1);
    let actions = label_actions(&f);
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert_eq!(actions[0].0, "label_reprint");
    assert!(actions[0].2.contains("标签损坏"));
    assert_eq!(actions[1].0, "label_print");
    assert!(actions[1].2.contains(DEFAULT_TEMPLATE), "{}", actions[1].2);
}

#[test]
fn a_misfit_refuses_the_whole_job_before_anything_is_written() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let mut req = JobRequest::new(vec![f.code.clone()], Format::Zpl, Destination::File(f.dir.path().join("x.zpl")));
    req.template = Some("40x30-code128".into());
    let err = Job::run(&mut f.ledger, &f.admin.clone(), &store, &req).unwrap_err();
    assert_eq!(err.code(), "barcode_too_large");
    assert!(!f.dir.path().join("x.zpl").exists());
    assert!(label_actions(&f).is_empty());
}

#[test]
fn roles_normal_users_print_their_own_department_power_users_manage_templates() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let clerk = user(&mut f, "clerk", Role::Normal, Some("行政部"));
    let outsider = user(&mut f, "outsider", Role::Normal, Some("财务部"));
    let power = user(&mut f, "power", Role::Power, None);

    {
        let req = pdf_request(&f, "c.pdf");
        let who = clerk.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap();
    let err = {
        let req = pdf_request(&f, "d.pdf");
        let who = outsider.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap_err();
    assert_eq!(err.code(), "not_found");

    let mut t = labels::builtin("60x40-qr").unwrap();
    t.name = "我的二维码".into();
    assert_eq!(store.save(&clerk, &t, None).unwrap_err().code(), "forbidden");
    store.save(&power, &t, None).unwrap();
    assert_eq!(
        store.save(&power, &t, None).unwrap_err().code(),
        "conflict",
        "a new template may not take a used name"
    );
    store.save(&power, &t, Some("我的二维码")).unwrap();
}

#[test]
fn templates_are_files_builtins_are_read_only_and_the_default_follows_renames() {
    let f = setup();
    let store = Store::new(f.dir.path());
    let list = store.list().unwrap();
    assert_eq!(list.iter().filter(|t| t.builtin).count(), labels::builtin_names().len());
    assert_eq!(list.iter().find(|t| t.is_default).unwrap().name, DEFAULT_TEMPLATE);

    let builtin = labels::builtin("50x30-code128").unwrap();
    assert_eq!(store.save(&f.admin, &builtin, None).unwrap_err().code(), "conflict");
    assert_eq!(store.delete(&f.admin, "50x30-code128").unwrap_err().code(), "conflict");

    let mut mine = builtin.clone();
    mine.name = "资产标签".into();
    store.save(&f.admin, &mine, None).unwrap();
    assert!(f.dir.path().join("label-templates").join("资产标签.json").is_file());
    store.set_default_template(&f.admin, "资产标签").unwrap();
    assert!(store
        .list()
        .unwrap()
        .iter()
        .any(|t| t.name == "资产标签" && t.is_default && !t.builtin));

    let mut renamed = mine.clone();
    renamed.name = "资产标签2".into();
    store.save(&f.admin, &renamed, Some("资产标签")).unwrap();
    assert!(!f.dir.path().join("label-templates").join("资产标签.json").exists());
    assert_eq!(store.settings().unwrap().default_template, "资产标签2");

    let exported = f.dir.path().join("out").join("t.json");
    store.export("资产标签2", &exported).unwrap();
    assert_eq!(store.import(&f.admin, &exported).unwrap_err().code(), "conflict", "same name twice");
    std::fs::write(
        &exported,
        std::fs::read_to_string(&exported).unwrap().replace("资产标签2", "导入的"),
    )
    .unwrap();
    assert_eq!(store.import(&f.admin, &exported).unwrap().name, "导入的");

    store.delete(&f.admin, "资产标签2").unwrap();
    assert_eq!(store.settings().unwrap().default_template(), DEFAULT_TEMPLATE);

    for bad in ["", "a/b", "..x", "x:y"] {
        let mut t = mine.clone();
        t.name = bad.into();
        assert_eq!(store.save(&f.admin, &t, None).unwrap_err().code(), "invalid_input", "{bad:?}");
    }
}

#[test]
fn printer_settings_are_checked() {
    let f = setup();
    let store = Store::new(f.dir.path());
    let zebra = PrinterEntry {
        name: "仓库斑马".into(),
        uri: "tcp://10.0.0.5:9100".into(),
        language: Format::Zpl,
        dpi: 300,
        darkness: Some(20),
        speed: None,
    };
    let mut s = LabelSettings {
        default_printer: "仓库斑马".into(),
        printers: vec![zebra.clone()],
        ..Default::default()
    };
    store.save_settings(&f.admin, &s).unwrap();
    assert_eq!(store.settings().unwrap(), s);

    s.printers[0].uri = "lpt1".into();
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "bad_printer_uri");
    s.printers[0] = PrinterEntry { dpi: 250, ..zebra.clone() };
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "invalid_input");
    s.printers = vec![zebra.clone(), zebra.clone()];
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "invalid_input");
    s.printers = vec![zebra];
    s.default_printer = "nowhere".into();
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "invalid_input");
}
