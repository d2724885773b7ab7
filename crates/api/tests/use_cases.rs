//! The use cases the Tauri commands and the CLI call, on real ledger files: for each,
//! a normal user is refused what the role may not do, a posted (closed) depreciation
//! period refuses what it closes, and the happy path gives what the UI is sent.
//! Setup that has no use case here yet (users, depreciation runs) goes to the ledger.

use api::assets::{AssetInputDto, AssetPatch, AssetQueryDto};
use api::card::CustomFieldDto;
use api::documents::{DocQueryDto, DocRequestDto};
use api::{AssetCode, Ctx, DocNo, ErrorCode, Lang};
use ledger::{Actor, Ledger, Role, SetupInput};

struct Desk {
    _dir: tempfile::TempDir,
    ledger: Ledger,
    admin: Actor,
    /// A normal user of 行政部.
    clerk: Actor,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
        let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
        ledger.add_register(&admin, ledger::RegisterKind::Department, "行政部", None).unwrap();
        for person in ["张三", "王五"] {
            ledger.add_register(&admin, ledger::RegisterKind::Person, person, Some("行政部")).unwrap();
        }
        ledger.add_user(&admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
        let clerk = ledger.authenticate("clerk", "secret2").unwrap();
        Desk { _dir: dir, ledger, admin, clerk }
    }

    fn admin(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.ledger, &self.admin, Lang::ZhCn)
    }

    fn clerk(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.ledger, &self.clerk, Lang::ZhCn)
    }

    /// A laptop of 行政部 acquired in January 2025, registered by the admin.
    fn laptop(&mut self, name: &str) -> AssetCode {
        api::assets::register(&mut self.admin(), laptop(name)).unwrap()
    }

    /// Posts depreciation for February 2025 (closing that period).
    fn post_february(&mut self) {
        let period = ledger::parse_period("period", "2025-02").unwrap();
        self.ledger.run_depreciation(&self.admin, period, &mut |_, _| true).unwrap();
    }
}

fn laptop(name: &str) -> AssetInputDto {
    AssetInputDto {
        name: name.into(),
        category: "电脑".into(),
        dept: "行政部".into(),
        location: "三楼301".into(),
        acquired: "2025-01-10".into(),
        value: "6,999.50".into(),
        life_years: "5".into(),
        salvage_rate: "5%".into(),
        ..AssetInputDto::default()
    }
}

fn refused<T: std::fmt::Debug>(result: api::Result<T>, code: ErrorCode) -> api::Error {
    let err = result.expect_err("refused");
    assert_eq!(err.code, code, "{}", err.message(Lang::En));
    err
}

// ---- assets ----

#[test]
fn registering_an_asset() {
    let mut desk = Desk::new();
    let err = refused(api::assets::register(&mut desk.clerk(), laptop("笔记本")), ErrorCode::Forbidden);
    assert!(err.message(Lang::ZhCn).contains("新增资产"), "{}", err.message(Lang::ZhCn));
    assert_eq!(api::assets::list(&mut desk.admin(), AssetQueryDto::default()).unwrap().total, 0, "a refusal changes nothing");

    let code = desk.laptop("笔记本");
    let card = api::assets::card(&mut desk.admin(), &code).unwrap();
    assert_eq!((card.row.name.as_str(), card.row.value.as_str(), card.row.status), ("笔记本", "6999.50", "in_stock"));
    assert_eq!(card.history.len(), 1, "one 资产新增 document");
    assert_eq!(card.history[0].kind_label, "资产新增");
    // The wire shape the UI's AssetDetail type describes: the row flattened into the card.
    let json = serde_json::to_value(&card).unwrap();
    assert_eq!(json["code"], code.as_str());
    assert_eq!(json["value"], "6999.50");
    assert!(json["allowed"].as_array().unwrap().iter().any(|k| k == "issue"), "{json}");

    // Bad input is refused with every field at fault, and nothing is stored.
    let bad = AssetInputDto { value: "abc".into(), acquired: "2025-13-01".into(), ..laptop("坏数据") };
    let err = refused(api::assets::register(&mut desk.admin(), bad), ErrorCode::InvalidInput);
    assert!(err.fields.contains(&"value".to_string()) && err.fields.contains(&"acquired".to_string()), "{:?}", err.fields);
    assert_eq!(api::assets::list(&mut desk.admin(), AssetQueryDto::default()).unwrap().total, 1);
}

#[test]
fn listing_assets_shows_a_normal_user_their_department_only() {
    let mut desk = Desk::new();
    desk.laptop("行政笔记本");
    api::assets::register(&mut desk.admin(), AssetInputDto { dept: "财务部".into(), ..laptop("财务笔记本") }).unwrap();
    let all = api::assets::list(&mut desk.admin(), AssetQueryDto::default()).unwrap();
    assert_eq!(all.total, 2);
    let mine = api::assets::list(&mut desk.clerk(), AssetQueryDto::default()).unwrap();
    assert_eq!(mine.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["行政笔记本"]);
    let found = api::assets::list(&mut desk.admin(), AssetQueryDto { text: "财务".into(), ..AssetQueryDto::default() }).unwrap();
    assert_eq!(found.total, 1);
    let err = refused(api::assets::list(&mut desk.admin(), AssetQueryDto { acquired_from: Some("2025-02-30".into()), ..AssetQueryDto::default() }), ErrorCode::InvalidInput);
    assert_eq!(err.fields, vec!["acquired_from"]);
    let err = refused(api::assets::list(&mut desk.admin(), AssetQueryDto { status: Some("lost".into()), ..AssetQueryDto::default() }), ErrorCode::InvalidInput);
    assert!(!err.message(Lang::En).is_empty());
}

#[test]
fn editing_a_card() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let renamed = AssetInputDto { name: "笔记本电脑".into(), ..laptop("") };
    refused(api::assets::edit(&mut desk.clerk(), &code, renamed.clone()), ErrorCode::Forbidden);
    api::assets::edit(&mut desk.admin(), &code, renamed).unwrap();
    assert_eq!(api::assets::card(&mut desk.admin(), &code).unwrap().row.name, "笔记本电脑");

    // A posted depreciation period closes the value fields; descriptive ones stay open.
    desk.post_february();
    let revalued = AssetInputDto { name: "笔记本电脑".into(), value: "8000".into(), ..laptop("") };
    let err = refused(api::assets::edit(&mut desk.admin(), &code, revalued), ErrorCode::Conflict);
    assert_eq!(err.fields, vec!["value"]);
    assert!(err.message(Lang::ZhCn).contains("折旧估计变更"), "{}", err.message(Lang::ZhCn));
    let patch = AssetPatch { notes: Some("屏幕有划痕".into()), ..AssetPatch::default() };
    assert_eq!(api::assets::patch(&mut desk.admin(), &code, &patch).unwrap(), code);
    let card = api::assets::card(&mut desk.admin(), &code).unwrap();
    assert_eq!((card.notes.as_str(), card.row.value.as_str(), card.row.name.as_str()), ("屏幕有划痕", "6999.50", "笔记本电脑"));
    let patch = AssetPatch { value: Some("1".into()), ..AssetPatch::default() };
    assert_eq!(refused(api::assets::patch(&mut desk.admin(), &code, &patch), ErrorCode::Conflict).fields, vec!["value"]);
}

#[test]
fn a_patch_changes_only_what_it_names_and_a_salvage_amount_replaces_the_rate() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    refused(api::assets::patch(&mut desk.clerk(), &code, &AssetPatch { name: Some("x".into()), ..AssetPatch::default() }), ErrorCode::Forbidden);
    api::assets::patch(&mut desk.admin(), &code, &AssetPatch { salvage: Some("100".into()), ..AssetPatch::default() }).unwrap();
    let card = api::assets::card(&mut desk.admin(), &code).unwrap();
    assert_eq!((card.salvage.as_deref(), card.row.name.as_str(), card.row.location.as_deref()), (Some("100.00"), "笔记本", Some("三楼301")));
}

#[test]
fn status_totals_and_the_home_screen() {
    let mut desk = Desk::new();
    desk.laptop("一");
    desk.laptop("二");
    let totals = api::assets::status_totals(&mut desk.admin()).unwrap();
    let in_stock = totals.iter().find(|t| t.status == "in_stock").unwrap();
    assert_eq!((in_stock.count, in_stock.value.as_str()), (2, "13999.00"));
    let home = api::dashboard::home(&mut desk.clerk()).unwrap();
    assert_eq!(home.lead_days, i64::from(desk.ledger.parameters().unwrap().reminder_days), "reminders look as far ahead as the parameter says");
    assert_eq!(home.by_dept.iter().map(|g| (g.name.as_str(), g.count)).collect::<Vec<_>>(), vec![("行政部", 2)]);
}

#[test]
fn the_asset_card_prints_as_a_pdf() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let pdf = api::assets::card_pdf(&mut desk.clerk(), &code, "a5").unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    refused(api::assets::card_pdf(&mut desk.clerk(), &AssetCode::from("ZC-NOPE"), "a4"), ErrorCode::NotFound);
}

// ---- registers ----

#[test]
fn managing_registers() {
    let mut desk = Desk::new();
    refused(api::registers::add(&mut desk.clerk(), "location", "四楼401", None), ErrorCode::Forbidden);
    api::registers::add(&mut desk.admin(), "location", "四楼401", None).unwrap();
    api::registers::rename(&mut desk.admin(), "location", "四楼401", "四楼402").unwrap();
    refused(api::registers::set_active(&mut desk.clerk(), "location", "四楼402", false), ErrorCode::Forbidden);
    api::registers::set_active(&mut desk.admin(), "location", "四楼402", false).unwrap();
    let items = api::registers::list(&mut desk.clerk(), "location").unwrap();
    let item = items.iter().find(|i| i.name == "四楼402").expect("renamed entry kept");
    assert!(!item.active);
    refused(api::registers::list(&mut desk.admin(), "building"), ErrorCode::InvalidInput);
}

// ---- card extras ----

#[test]
fn custom_fields_and_attachments() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let field = CustomFieldDto { name: "资产标签号".into(), kind: "text".into(), required: false, active: true };
    refused(api::card::define_custom_field(&mut desk.clerk(), field.clone()), ErrorCode::Forbidden);
    api::card::define_custom_field(&mut desk.admin(), field).unwrap();
    api::card::set_custom_values(&mut desk.admin(), &code, &[("资产标签号".into(), "T-0001".into())]).unwrap();
    refused(api::card::attach(&mut desk.clerk(), &code, "发票.pdf", "application/pdf", b"%PDF-1.4 x"), ErrorCode::Forbidden);
    let id = api::card::attach(&mut desk.admin(), &code, "发票.pdf", "application/pdf", b"%PDF-1.4 x").unwrap();
    let extras = api::card::extras(&mut desk.clerk(), &code).unwrap();
    assert_eq!(extras.custom.iter().map(|c| (c.name.as_str(), c.kind.as_str(), c.value.as_str())).collect::<Vec<_>>(), vec![("资产标签号", "text", "T-0001")]);
    assert_eq!(extras.attachments.len(), 1);
    assert_eq!(extras.attachments[0].id, id);
    assert_eq!(api::card::attachment_data(&mut desk.clerk(), id).unwrap(), b"%PDF-1.4 x");
    refused(api::card::remove_attachment(&mut desk.clerk(), id), ErrorCode::Forbidden);
    api::card::remove_attachment(&mut desk.admin(), id).unwrap();
    assert!(api::card::extras(&mut desk.admin(), &code).unwrap().attachments.is_empty());
}

// ---- documents ----

fn issue(code: &AssetCode, person: &str) -> DocRequestDto {
    DocRequestDto { person: person.into(), ..DocRequestDto::new("issue", vec![code.0.clone()]) }
}

#[test]
fn posting_and_voiding_documents() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let other = api::assets::register(&mut desk.admin(), AssetInputDto { dept: "财务部".into(), ..laptop("财务笔记本") }).unwrap();

    // A normal user posts for their own department only.
    refused(api::documents::post(&mut desk.clerk(), issue(&other, "李四")), ErrorCode::Forbidden);
    let doc = api::documents::post(&mut desk.clerk(), issue(&code, "张三")).unwrap();
    assert!(doc.as_str().starts_with("LY-"), "{doc}");
    let card = api::assets::card(&mut desk.admin(), &code).unwrap();
    assert_eq!((card.row.status, card.row.custodian.as_deref()), ("in_use", Some("张三")));

    // The form's rules: a required field left empty is named.
    let err = refused(api::documents::post(&mut desk.admin(), DocRequestDto::new("transfer", vec![code.0.clone()])), ErrorCode::InvalidInput);
    assert_eq!(err.fields, vec!["dept"]);

    // Voiding needs the right; a normal user has not got it.
    refused(api::documents::void(&mut desk.clerk(), &doc, "开错了"), ErrorCode::Forbidden);
    let void = api::documents::void(&mut desk.admin(), &doc, "开错了").unwrap();
    assert!(void.as_str().starts_with("CX-"), "{void}");
    assert_eq!(api::assets::card(&mut desk.admin(), &code).unwrap().row.status, "in_stock");

    let detail = api::documents::detail(&mut desk.admin(), &doc).unwrap();
    assert_eq!((detail.row.state.as_str(), detail.voided_by.as_deref()), ("voided", Some(void.as_str())));
    assert_eq!(detail.total_value, "6999.50");
    let json = serde_json::to_value(&detail).unwrap();
    assert_eq!((json["doc_no"].as_str(), json["kind"].as_str()), (Some(doc.as_str()), Some("issue")), "the row flattened into the detail");

    let page = api::documents::list(&mut desk.admin(), DocQueryDto { kind: Some("void".into()), ..DocQueryDto::default() }).unwrap();
    assert_eq!(page.rows.iter().map(|r| r.doc_no.as_str()).collect::<Vec<_>>(), vec![void.as_str()]);
    assert_eq!(page.rows[0].kind_label, "冲销");
    refused(api::documents::list(&mut desk.admin(), DocQueryDto { kind: Some("gift".into()), ..DocQueryDto::default() }), ErrorCode::InvalidInput);
}

#[test]
fn a_document_dated_in_the_future_is_refused() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let err = refused(api::documents::post(&mut desk.admin(), DocRequestDto { date: "2999-01-01".into(), ..issue(&code, "张三") }), ErrorCode::InvalidInput);
    assert_eq!(err.fields, vec!["date"]);
    assert_eq!(api::assets::card(&mut desk.admin(), &code).unwrap().row.status, "in_stock", "nothing changed");
}

#[test]
fn loans_and_transfers_awaiting_confirmation() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let today = chrono_today();
    let loan = DocRequestDto { person: "王五".into(), due: today.clone(), ..DocRequestDto::new("loan", vec![code.0.clone()]) };
    let loan_no = api::documents::post(&mut desk.clerk(), loan).unwrap();
    let loans = api::documents::open_loans(&mut desk.clerk()).unwrap();
    assert_eq!(loans.iter().map(|l| (l.doc_no.as_str(), l.borrower.as_str(), l.overdue_days)).collect::<Vec<_>>(), vec![(loan_no.as_str(), "王五", 0)]);
    api::documents::post(&mut desk.clerk(), DocRequestDto::new("loan-return", vec![code.0.clone()])).unwrap();
    assert!(api::documents::open_loans(&mut desk.admin()).unwrap().is_empty());

    // With confirmation on, a transfer waits for the receiving department.
    let mut params = desk.ledger.parameters().unwrap();
    params.transfer_confirmation = true;
    desk.ledger.update_parameters(&desk.admin, &params).unwrap();
    let transfer = DocRequestDto { dept: "财务部".into(), ..DocRequestDto::new("transfer", vec![code.0.clone()]) };
    let doc = api::documents::post(&mut desk.admin(), transfer).unwrap();
    assert_eq!(api::documents::detail(&mut desk.admin(), &doc).unwrap().row.state, "pending");
    refused(api::documents::confirm_transfer(&mut desk.clerk(), &doc), ErrorCode::Forbidden);
    api::documents::reject_transfer(&mut desk.admin(), &doc, "不需要").unwrap();
    assert_eq!(api::documents::detail(&mut desk.admin(), &doc).unwrap().row.state, "rejected");
    refused(api::documents::confirm_transfer(&mut desk.admin(), &DocNo::from("DB-2025-99999")), ErrorCode::NotFound);
}

#[test]
fn what_a_selection_may_take() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let kinds = vec!["issue".to_string(), "return".to_string()];
    let actions = api::documents::selection_actions(&mut desk.clerk(), std::slice::from_ref(&code), &kinds).unwrap();
    assert_eq!(actions.iter().map(|a| (a.kind, a.allowed)).collect::<Vec<_>>(), vec![("issue", true), ("return", false)]);
    assert_eq!(actions[1].refused, 1);
    assert!(actions[1].reasons[0].contains(code.as_str()), "{:?}", actions[1].reasons);
    refused(api::documents::selection_actions(&mut desk.clerk(), &[code], &["gift".to_string()]), ErrorCode::InvalidInput);
}

#[test]
fn a_slip_prints_as_a_pdf() {
    let mut desk = Desk::new();
    let code = desk.laptop("笔记本");
    let doc = api::documents::post(&mut desk.admin(), issue(&code, "张三")).unwrap();
    let slip = api::documents::slip_pdf(&mut desk.clerk(), &doc, "a5").unwrap();
    assert!(slip.pdf.starts_with(b"%PDF-"));
    assert_eq!((slip.doc_no, slip.kind_label), (doc, "领用出库"));
}

/// Today as the ledger dates documents (its local date).
fn chrono_today() -> String {
    let mut desk = Desk::new();
    let code = desk.laptop("今天");
    let doc = api::documents::post(&mut desk.admin(), issue(&code, "张三")).unwrap();
    api::documents::detail(&mut desk.admin(), &doc).unwrap().row.date
}
