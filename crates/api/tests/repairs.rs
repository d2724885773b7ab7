//! The repair, supplier, maintenance and warranty use cases (issue 22) on a real ledger
//! file: a normal user is refused the clerk's steps, the happy path gives what the UI and
//! the CLI are sent (labels in the caller's language, money as strings, the next steps).

use api::maintenance::{DoneDto, EditPlanDto, MaintenancePlanDto};
use api::repairs::{RepairCostDto, RepairOpenDto, RepairQueryDto, RepairReportQueryDto, RepairStepDto};
use api::suppliers::SupplierInputDto;
use api::{Ctx, ErrorCode, Lang};
use ledger::{Actor, AssetInput, Ledger, Role, SetupInput};

fn desk() -> (tempfile::TempDir, Ledger, Actor, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    ledger.add_user(&admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    let clerk = ledger.authenticate("clerk", "secret2").unwrap();
    (dir, ledger, admin, clerk)
}

#[test]
fn the_clerk_walks_an_order_the_normal_user_reports_and_verifies() {
    let (_dir, mut ledger, admin, clerk) = desk();
    let input = AssetInput { name: "空调".into(), category: "空调".into(), dept: "行政部".into(), acquired: "2025-05-01".into(), warranty_until: "3年".into(), ..AssetInput::default() };
    let code = ledger.add_asset(&admin, &input).unwrap();
    api::suppliers::add(&mut Ctx::new(&mut ledger, &admin, Lang::ZhCn), SupplierInputDto { name: "格力售后".into(), phone: "400-836-5315".into(), ..SupplierInputDto::default() }).unwrap();

    let opened = api::repairs::open(&mut Ctx::new(&mut ledger, &clerk, Lang::ZhCn), RepairOpenDto { code: code.clone(), fault: "不制冷".into(), date: String::new() }).unwrap();
    let order = opened.order_no;
    let step = || RepairStepDto { order: order.clone(), ..RepairStepDto::default() };
    let err = api::repairs::accept(&mut Ctx::new(&mut ledger, &clerk, Lang::ZhCn), step()).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);

    let mut cx = Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    assert_eq!(api::repairs::detail(&mut cx, &order).unwrap().next, vec!["accept"]);
    api::repairs::accept(&mut cx, step()).unwrap();
    let sent = api::repairs::send(&mut cx, RepairStepDto { supplier: "格力售后".into(), ..step() }).unwrap();
    assert_eq!(sent.state, "sent");
    let cost = api::repairs::cost(&mut cx, RepairCostDto { order: order.clone(), amount: "88.8".into(), ..RepairCostDto::default() }).unwrap();
    assert_eq!(cost.cost.as_deref(), Some("88.80"));
    api::repairs::complete(&mut cx, step()).unwrap();
    let row = &api::repairs::list(&mut cx, RepairQueryDto { code: code.clone(), ..RepairQueryDto::default() }).unwrap()[0];
    assert_eq!((row.state.as_str(), row.state_label.as_str(), row.warranty_label.as_str(), row.repairer.as_str()), ("completed", "完成", "在保", "格力售后"));
    drop(cx);
    api::repairs::verify(&mut Ctx::new(&mut ledger, &clerk, Lang::En), step()).unwrap();
    let detail = api::repairs::detail(&mut Ctx::new(&mut ledger, &admin, Lang::En), &order).unwrap();
    assert_eq!((detail.row.state_label.as_str(), detail.events.len(), detail.supplier_phone.as_str()), ("Verified", 5, "400-836-5315"));

    let mut cx = Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    let report = api::repairs::report(&mut cx, RepairReportQueryDto { by: "category".into(), ..RepairReportQueryDto::default() }).unwrap();
    assert_eq!((report.rows[0].group.as_str(), report.total.group.as_str(), report.total.total_cost.as_str()), ("空调", "合计", "88.80"));
    assert_eq!(api::warranty::ending(&mut cx, 3650).unwrap()[0].warranty_until, "2028-04-30");
}

#[test]
fn a_category_plan_is_due_and_done() {
    let (_dir, mut ledger, admin, clerk) = desk();
    ledger.add_register(&admin, ledger::RegisterKind::Category, "消防器材", None).unwrap();
    let today = chrono::Local::now().date_naive();
    let plan = MaintenancePlanDto { title: "灭火器年检".into(), category: "消防器材".into(), every: "12".into(), first_due: today.to_string(), ..MaintenancePlanDto::default() };
    let err = api::maintenance::add_plan(&mut Ctx::new(&mut ledger, &clerk, Lang::ZhCn), plan.clone()).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let mut cx = Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    let id = api::maintenance::add_plan(&mut cx, plan).unwrap();
    let due = api::maintenance::due(&mut cx, 0).unwrap();
    assert_eq!((due[0].plan.id, due[0].plan.unit_label.as_str(), due[0].overdue), (id, "个月", false));
    let done = api::maintenance::done(&mut cx, DoneDto { plan: id, ..DoneDto::default() }).unwrap();
    assert_eq!(done.next_due, today.checked_add_months(chrono::Months::new(12)).unwrap().to_string());
    assert!(api::maintenance::due(&mut cx, 30).unwrap().is_empty());
}

#[test]
fn a_plan_edit_takes_the_fields_given_and_answers_the_plan_in_the_callers_language() {
    let (_dir, mut ledger, admin, clerk) = desk();
    ledger.add_register(&admin, ledger::RegisterKind::Category, "消防器材", None).unwrap();
    let mut cx = Ctx::new(&mut ledger, &admin, Lang::En);
    let id = api::maintenance::add_plan(&mut cx, MaintenancePlanDto { title: "灭火器年检".into(), category: "消防器材".into(), every: "12".into(), ..MaintenancePlanDto::default() }).unwrap();
    let edit = EditPlanDto { plan: id, every: Some("6".into()), next_due: Some("2030-01-31".into()), ..EditPlanDto::default() };
    let err = api::maintenance::edit_plan(&mut Ctx::new(&mut ledger, &clerk, Lang::ZhCn), edit.clone()).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let mut cx = Ctx::new(&mut ledger, &admin, Lang::En);
    let err = api::maintenance::edit_plan(&mut cx, EditPlanDto { unit: Some("weeks".into()), ..edit.clone() }).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::InvalidInput, vec!["unit".to_string()]));
    let plan = api::maintenance::edit_plan(&mut cx, edit).unwrap();
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!((json["every"].clone(), json["unit_label"].clone(), json["next_due"].clone(), json["title"].clone()), (6.into(), "months".into(), "2030-01-31".into(), "灭火器年检".into()));
    // The wire form: an absent field is kept.
    let from_ui: EditPlanDto = serde_json::from_value(serde_json::json!({"plan": id, "title": "灭火器检查"})).unwrap();
    assert_eq!(api::maintenance::edit_plan(&mut cx, from_ui).unwrap().every, 6);
}
