//! Repair orders, suppliers, maintenance plans and their report (issue 22) on a real
//! ledger file: every state, every refusal, the asset's status through the documents,
//! exact costs, warranty, the audit chain and the journal staying consistent.

use ledger::{
    AssetInput, AssetStatus, CostTreatment, DocKind, DocRequest, ErrorCode, Lang, MaintenanceDone, MaintenancePlanEdit, MaintenancePlanInput, RepairCostInput, RepairOpen,
    RepairQuery, RepairReportBy, RepairReportQuery, RepairState, RepairStep, Role, SupplierInput, Warranty,
};

use crate::common::{laptop, setup, Fixture};

fn status(f: &Fixture, code: &str) -> AssetStatus {
    f.ledger.asset(&f.admin, code).unwrap().row.status
}

fn step(order: &str) -> RepairStep {
    RepairStep { order: order.into(), ..RepairStep::default() }
}

fn supplier(f: &mut Fixture, name: &str) {
    let input = SupplierInput { name: name.into(), contact: "王工".into(), phone: "010-12345678".into(), supplies: "电脑维修".into() };
    f.ledger.add_supplier(&f.admin, &input).unwrap();
}

fn issued_laptop(f: &mut Fixture, warranty_until: &str) -> String {
    let code = f.ledger.add_asset(&f.admin, &AssetInput { warranty_until: warranty_until.into(), ..laptop("笔记本电脑") }).unwrap();
    f.ledger.post_document(&f.admin, &DocRequest { person: "张三".into(), ..DocRequest::new(DocKind::Issue, vec![code.clone()]) }).unwrap();
    code
}

fn open(f: &mut Fixture, code: &str) -> String {
    f.ledger.open_repair(&f.admin, &RepairOpen { code: code.into(), fault: "开机黑屏".into(), date: String::new() }).unwrap()
}

#[test]
fn an_order_walks_every_state_and_the_asset_follows_through_documents() {
    let mut f = setup();
    supplier(&mut f, "联想服务站");
    let code = issued_laptop(&mut f, "2099-12-31");
    let no = open(&mut f, &code);
    assert!(no.starts_with("BX-"), "{no}");
    assert_eq!(status(&f, &code), AssetStatus::InUse, "reporting moves nothing");

    f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
    let fault_doc = f.ledger.send_repair(&f.admin, &RepairStep { supplier: "联想服务站".into(), ..step(&no) }).unwrap();
    assert!(fault_doc.starts_with("GZ-"));
    assert_eq!(status(&f, &code), AssetStatus::UnderRepair);
    let total = f
        .ledger
        .record_repair_cost(&f.admin, &RepairCostInput { order: no.clone(), amount: "1,234.56".into(), invoice: "FP001".into(), ..RepairCostInput::default() })
        .unwrap();
    assert_eq!(total.to_string(), "1234.56");
    let repair_doc = f.ledger.complete_repair(&f.admin, &RepairStep { note: "更换主板".into(), ..step(&no) }).unwrap();
    assert!(repair_doc.starts_with("WX-"));
    assert_eq!(status(&f, &code), AssetStatus::InUse, "back to where it was");
    f.ledger.verify_repair(&f.admin, &step(&no)).unwrap();

    let detail = f.ledger.repair_order(&f.admin, &no).unwrap();
    assert_eq!(detail.row.state, RepairState::Verified);
    assert_eq!(detail.row.warranty, Warranty::In);
    assert_eq!(detail.row.supplier.as_deref(), Some("联想服务站"));
    assert_eq!(detail.supplier_phone, "010-12345678");
    assert_eq!(detail.row.turnaround_days(), Some(0));
    let states: Vec<RepairState> = detail.events.iter().map(|e| e.state).collect();
    assert_eq!(states, vec![RepairState::Reported, RepairState::Accepted, RepairState::Sent, RepairState::Completed, RepairState::Verified]);
    assert_eq!(detail.events[2].doc_no.as_deref(), Some(fault_doc.as_str()));
    assert_eq!((detail.costs[0].treatment, detail.costs[0].invoice.as_str()), (CostTreatment::Expensed, "FP001"));
    // The documents carry the repair's facts, and the card's history shows them.
    let wx = f.ledger.document(&f.admin, &repair_doc).unwrap();
    let rec = wx.repair.unwrap();
    assert_eq!((rec.vendor.as_str(), rec.handling.as_str(), rec.under_warranty), ("联想服务站", "更换主板", Some(true)));
    let history: Vec<String> = f.ledger.asset(&f.admin, &code).unwrap().history.iter().map(|h| h.doc_no.clone()).collect();
    assert!(history.contains(&fault_doc) && history.contains(&repair_doc), "{history:?}");
    let on_card = f.ledger.list_repairs(&f.admin, &RepairQuery { code: code.clone(), ..RepairQuery::default() }).unwrap();
    assert_eq!(on_card.len(), 1);
    // Journaled and audited, and the ledger agrees with itself.
    let actions: Vec<String> = f.ledger.audit_entries(&f.admin, 20).unwrap().into_iter().map(|e| e.action).collect();
    for a in ["repair_reported", "repair_accepted", "repair_sent", "doc_fault", "repair_cost", "doc_repair", "repair_completed", "repair_verified"] {
        assert!(actions.iter().any(|x| x == a), "{a} missing from {actions:?}");
    }
    assert!(f.ledger.verify_audit(&f.admin).unwrap().ok());
    assert_eq!(f.ledger.consistency_problems(&f.admin).unwrap(), Vec::<String>::new());
}

#[test]
fn wrong_state_steps_are_refused_saying_where_the_order_stands() {
    let mut f = setup();
    let code = issued_laptop(&mut f, "");
    let no = open(&mut f, &code);
    let err = f.ledger.complete_repair(&f.admin, &step(&no)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(Lang::ZhCn).contains("当前为「报修」，不能完成；请先受理"), "{err:?}");
    assert!(err.message(Lang::En).contains("is reported, so it cannot be completed; accept it first"), "{err}");
    f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
    assert_eq!(f.ledger.accept_repair(&f.admin, &step(&no)).unwrap_err().code, ErrorCode::Conflict);
    let err = f.ledger.send_repair(&f.admin, &step(&no)).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::InvalidInput, vec!["supplier".to_string()]));
    let err = f.ledger.send_repair(&f.admin, &RepairStep { supplier: "没有这家".into(), ..step(&no) }).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(status(&f, &code), AssetStatus::InUse, "a refused step changes nothing");
    // A second order on the same asset, a missing order, an asset that is not there.
    let err = f.ledger.open_repair(&f.admin, &RepairOpen { code: code.clone(), fault: "又坏了".into(), date: String::new() }).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains(&format!("已有未关闭的维修单 {no}")), "{err:?}");
    assert_eq!(f.ledger.accept_repair(&f.admin, &step("BX-1999-00001")).unwrap_err().code, ErrorCode::NotFound);
    let err = f.ledger.open_repair(&f.admin, &RepairOpen { code: code.clone(), fault: " ".into(), date: "2999-01-01".into() }).unwrap_err();
    assert_eq!(err.fields, vec!["fault".to_string(), "date".to_string()], "every field at once");
}

#[test]
fn no_repair_on_a_scrapped_asset_and_cannot_fix_offers_the_scrap() {
    let mut f = setup();
    supplier(&mut f, "维修中心");
    let code = issued_laptop(&mut f, "2025-06-30");
    let no = open(&mut f, &code);
    assert_eq!(f.ledger.repair_order(&f.admin, &no).unwrap().row.warranty, Warranty::Out);
    f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
    f.ledger.send_repair(&f.admin, &RepairStep { technician: "李师傅".into(), ..step(&no) }).unwrap();
    let draft = f.ledger.cannot_fix_repair(&f.admin, &RepairStep { note: "主板烧毁".into(), ..step(&no) }).unwrap();
    assert_eq!((draft.code.as_str(), draft.fault.as_str()), (code.as_str(), "开机黑屏"));
    assert_eq!(status(&f, &code), AssetStatus::UnderRepair, "it stays out until scrapped");
    assert_eq!(f.ledger.verify_repair(&f.admin, &step(&no)).unwrap_err().code, ErrorCode::Conflict);
    f.ledger.post_document(&f.admin, &DocRequest { reason: "无法修复".into(), ..DocRequest::new(DocKind::Scrap, vec![code.clone()]) }).unwrap();
    let err = f.ledger.open_repair(&f.admin, &RepairOpen { code: code.clone(), fault: "x".into(), date: String::new() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(Lang::ZhCn).contains("当前已报废，不能报修"), "{err:?}");
}

#[test]
fn an_order_document_is_not_voided_alone() {
    let mut f = setup();
    let code = issued_laptop(&mut f, "");
    let no = open(&mut f, &code);
    f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
    let gz = f.ledger.send_repair(&f.admin, &RepairStep { technician: "李师傅".into(), ..step(&no) }).unwrap();
    let err = f.ledger.void_document(&f.admin, &gz, "错").unwrap_err();
    assert!(err.message(Lang::ZhCn).contains(&format!("属于维修单 {no}")), "{err:?}");
    assert_eq!(status(&f, &code), AssetStatus::UnderRepair);
}

#[test]
fn costs_are_exact_expensed_or_capitalised() {
    let mut f = setup();
    let code = issued_laptop(&mut f, "");
    let no = open(&mut f, &code);
    let cost = |amount: &str, treatment: &str| RepairCostInput { order: no.clone(), amount: amount.into(), treatment: treatment.into(), ..RepairCostInput::default() };
    assert_eq!(f.ledger.record_repair_cost(&f.admin, &cost("10", "")).unwrap_err().code, ErrorCode::Conflict, "not before it is accepted");
    f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
    let err = f.ledger.record_repair_cost(&f.admin, &cost("0.001", "sometimes")).unwrap_err();
    assert_eq!(err.fields, vec!["amount".to_string(), "treatment".to_string()]);
    // Capitalised (issue 21): an add-value document, linked (a_capitalised_repair_cost_… in value_changes.rs).
    f.ledger.record_repair_cost(&f.admin, &cost("500", "capitalised")).unwrap();
    assert!(f.ledger.repair_order(&f.admin, &no).unwrap().costs[0].value_doc.as_deref().is_some_and(|d| d.starts_with("JZ-")));
    f.ledger.record_repair_cost(&f.admin, &cost("0.10", "费用化")).unwrap();
    let total = f.ledger.record_repair_cost(&f.admin, &cost("0.20", "expensed")).unwrap();
    assert_eq!(total.to_string(), "500.30", "exact decimal, never 0.30000000000000004");
}

#[test]
fn a_normal_user_reports_and_verifies_in_their_department_only() {
    let mut f = setup();
    let code = issued_laptop(&mut f, "");
    let theirs = f.ledger.add_asset(&f.admin, &AssetInput { dept: "财务部".into(), ..laptop("财务电脑") }).unwrap();
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    let no = f.ledger.open_repair(&clerk, &RepairOpen { code: code.clone(), fault: "键盘失灵".into(), date: String::new() }).unwrap();
    let err = f.ledger.open_repair(&clerk, &RepairOpen { code: theirs, fault: "x".into(), date: String::new() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(f.ledger.accept_repair(&clerk, &step(&no)).unwrap_err().code, ErrorCode::Forbidden);
    f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
    f.ledger.send_repair(&f.admin, &RepairStep { technician: "李师傅".into(), ..step(&no) }).unwrap();
    f.ledger.complete_repair(&f.admin, &step(&no)).unwrap();
    f.ledger.verify_repair(&clerk, &step(&no)).unwrap();
    assert_eq!(f.ledger.list_repairs(&clerk, &RepairQuery::default()).unwrap().len(), 1);
}

#[test]
fn lists_filter_by_state_and_words() {
    let mut f = setup();
    let a = issued_laptop(&mut f, "");
    let b = issued_laptop(&mut f, "");
    let first = open(&mut f, &a);
    f.ledger.open_repair(&f.admin, &RepairOpen { code: b.clone(), fault: "屏幕碎裂".into(), date: String::new() }).unwrap();
    f.ledger.accept_repair(&f.admin, &step(&first)).unwrap();
    let accepted = f.ledger.list_repairs(&f.admin, &RepairQuery { state: Some(RepairState::Accepted), ..RepairQuery::default() }).unwrap();
    assert_eq!(accepted.iter().map(|r| r.code.clone()).collect::<Vec<_>>(), vec![a]);
    let screen = f.ledger.list_repairs(&f.admin, &RepairQuery { text: "屏幕".into(), ..RepairQuery::default() }).unwrap();
    assert_eq!(screen.iter().map(|r| r.code.clone()).collect::<Vec<_>>(), vec![b]);
    assert_eq!(RepairState::parse("受理").unwrap(), RepairState::Accepted);
}

#[test]
fn suppliers_are_a_register_with_contacts() {
    let mut f = setup();
    supplier(&mut f, "联想服务站");
    let err = f.ledger.add_supplier(&f.admin, &SupplierInput { name: "联想服务站".into(), ..SupplierInput::default() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let err = f.ledger.add_supplier(&f.admin, &SupplierInput { name: " ".into(), phone: "1".repeat(41), ..SupplierInput::default() }).unwrap_err();
    assert_eq!(err.fields, vec!["name".to_string(), "phone".to_string()]);
    f.ledger
        .edit_supplier(&f.admin, "联想服务站", &SupplierInput { name: "联想服务站（海淀）".into(), phone: "400-990-8888".into(), ..SupplierInput::default() })
        .unwrap();
    f.ledger.set_supplier_active(&f.admin, "联想服务站（海淀）", false).unwrap();
    let list = f.ledger.list_suppliers(&f.admin).unwrap();
    assert_eq!((list[0].name.as_str(), list[0].phone.as_str(), list[0].active), ("联想服务站（海淀）", "400-990-8888", false));
    // A deactivated supplier takes no new repairs.
    let code = issued_laptop(&mut f, "");
    let no = open(&mut f, &code);
    f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
    let err = f.ledger.send_repair(&f.admin, &RepairStep { supplier: "联想服务站（海淀）".into(), ..step(&no) }).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("已停用"), "{err:?}");
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    assert_eq!(f.ledger.add_supplier(&clerk, &SupplierInput { name: "x".into(), ..SupplierInput::default() }).unwrap_err().code, ErrorCode::Forbidden);
}

#[test]
fn a_plan_falls_due_and_leaves_the_due_list_when_done() {
    let mut f = setup();
    let code = issued_laptop(&mut f, "");
    let today = chrono::Local::now().date_naive();
    let soon = (today + chrono::Duration::days(10)).to_string();
    let input = MaintenancePlanInput { title: "清洁保养".into(), code: code.clone(), every: "3".into(), unit: "months".into(), first_due: soon, ..MaintenancePlanInput::default() };
    let id = f.ledger.add_maintenance_plan(&f.admin, &input).unwrap();
    let by_category = MaintenancePlanInput { title: "灭火器年检".into(), category: "电脑".into(), every: "1".into(), unit: "年".into(), ..MaintenancePlanInput::default() };
    let err = f.ledger.add_maintenance_plan(&f.admin, &by_category).unwrap_err();
    assert_eq!(err.fields, vec!["unit".to_string()]);
    let both = MaintenancePlanInput { category: "电脑".into(), unit: "天".into(), every: "0".into(), ..input.clone() };
    assert_eq!(f.ledger.add_maintenance_plan(&f.admin, &both).unwrap_err().fields, vec!["code".to_string(), "every".to_string()]);
    f.ledger.add_maintenance_plan(&f.admin, &MaintenancePlanInput { unit: "days".into(), every: "365".into(), ..by_category }).unwrap();

    assert!(f.ledger.maintenance_due(&f.admin, 5).unwrap().is_empty(), "not due within 5 days");
    let due = f.ledger.maintenance_due(&f.admin, 30).unwrap();
    assert_eq!((due.len(), due[0].plan.id, due[0].days_left, due[0].overdue()), (1, id, 10, false));
    let next = f.ledger.maintenance_done(&f.admin, &MaintenanceDone { plan: id, date: String::new(), note: "已清洁".into() }).unwrap();
    assert_eq!(next, today.checked_add_months(chrono::Months::new(3)).unwrap());
    assert!(f.ledger.maintenance_due(&f.admin, 30).unwrap().is_empty(), "done: off the due list");
    let plans = f.ledger.list_maintenance_plans(&f.admin).unwrap();
    let plan = plans.iter().find(|p| p.id == id).unwrap();
    assert_eq!((plan.times_done, plan.last_done), (1, Some(today)));
    assert_eq!(f.ledger.maintenance_done(&f.admin, &MaintenanceDone { plan: 99, ..MaintenanceDone::default() }).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(f.ledger.audit_entries(&f.admin, 1).unwrap()[0].action, "maintenance_done");
}

#[test]
fn a_plan_is_edited_field_by_field_audited_and_bad_edits_change_nothing() {
    let mut f = setup();
    supplier(&mut f, "格力售后");
    supplier(&mut f, "美的售后");
    let code = issued_laptop(&mut f, "");
    let today = chrono::Local::now().date_naive();
    let input = MaintenancePlanInput {
        title: "清洁保养".into(),
        code,
        every: "3".into(),
        unit: "months".into(),
        first_due: (today + chrono::Duration::days(10)).to_string(),
        supplier: "格力售后".into(),
        ..MaintenancePlanInput::default()
    };
    let id = f.ledger.add_maintenance_plan(&f.admin, &input).unwrap();
    let plan = |f: &Fixture| f.ledger.list_maintenance_plans(&f.admin).unwrap().into_iter().find(|p| p.id == id).unwrap();
    let before = plan(&f);

    // Every bad field is named at once, and nothing changes.
    let bad = MaintenancePlanEdit { title: Some(" ".into()), every: Some("0".into()), unit: Some("年".into()), next_due: Some("2026-02-30".into()), supplier: None };
    let err = f.ledger.edit_maintenance_plan(&f.admin, id, &bad).unwrap_err();
    assert_eq!(err.fields, ["title", "every", "unit", "next_due"].map(String::from).to_vec());
    let err = f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { every: Some("3651".into()), ..Default::default() }).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("1 到 3650"), "{err:?}");
    let err = f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { supplier: Some("没有这家".into()), ..Default::default() }).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::NotFound, vec!["supplier".to_string()]));
    assert_eq!(f.ledger.edit_maintenance_plan(&f.admin, 999, &MaintenancePlanEdit::default()).unwrap_err().code, ErrorCode::NotFound);
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    assert_eq!(f.ledger.edit_maintenance_plan(&clerk, id, &MaintenancePlanEdit { every: Some("1".into()), ..Default::default() }).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(plan(&f), before, "refused edits change nothing");

    // Only the fields given change; the edit is audited with before → after.
    let due = today + chrono::Duration::days(40);
    let edit = MaintenancePlanEdit { every: Some("45".into()), unit: Some("days".into()), next_due: Some(due.to_string()), supplier: Some("美的售后".into()), ..Default::default() };
    let after = f.ledger.edit_maintenance_plan(&f.admin, id, &edit).unwrap();
    assert_eq!(after, plan(&f));
    assert_eq!((after.title.as_str(), after.every, after.unit.as_str(), after.next_due, after.supplier.as_deref()), ("清洁保养", 45, "days", due, Some("美的售后")));
    let entry = &f.ledger.audit_entries(&f.admin, 1).unwrap()[0];
    assert_eq!((entry.action.as_str(), entry.target.as_str()), ("maintenance_plan_edit", id.to_string().as_str()));
    assert_eq!(entry.detail, format!("every: 3 months → 45 days; next_due: {} → {due}; supplier: 格力售后 → 美的售后", before.next_due));
    // Nothing to change: nothing audited.
    f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { title: Some(" 清洁保养 ".into()), ..Default::default() }).unwrap();
    assert_eq!(f.ledger.audit_entries(&f.admin, 1).unwrap()[0].id, entry.id);

    // Done today, the next due date cannot go back before it.
    f.ledger.maintenance_done(&f.admin, &MaintenanceDone { plan: id, ..MaintenanceDone::default() }).unwrap();
    let yesterday = (today - chrono::Duration::days(1)).to_string();
    let err = f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { next_due: Some(yesterday), ..Default::default() }).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("早于上次保养日期"), "{err:?}");

    // A stopped plan can be set right before it is resumed; its supplier, deactivated
    // since, stays on it, and "" clears who does it.
    f.ledger.set_maintenance_plan_active(&f.admin, id, false, "空调拆除").unwrap();
    f.ledger.set_supplier_active(&f.admin, "美的售后", false).unwrap();
    let kept = f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { title: Some("深度清洁".into()), ..Default::default() }).unwrap();
    assert_eq!((kept.title.as_str(), kept.supplier.as_deref(), kept.active), ("深度清洁", Some("美的售后"), false));
    let err = f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { supplier: Some("格力售后".into()), ..Default::default() });
    assert!(err.is_ok(), "another active supplier is taken: {err:?}");
    let cleared = f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { supplier: Some(String::new()), ..Default::default() }).unwrap();
    assert_eq!(cleared.supplier, None);
    let err = f.ledger.edit_maintenance_plan(&f.admin, id, &MaintenancePlanEdit { supplier: Some("美的售后".into()), ..Default::default() }).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("已停用"), "a deactivated supplier is not newly chosen: {err:?}");
}

#[test]
fn an_overdue_plan_shows_as_overdue() {
    let mut f = setup();
    let code = issued_laptop(&mut f, "");
    let past = (chrono::Local::now().date_naive() - chrono::Duration::days(3)).to_string();
    let input = MaintenancePlanInput { title: "UPS 电池检查".into(), code, every: "30".into(), unit: "days".into(), first_due: past, ..MaintenancePlanInput::default() };
    f.ledger.add_maintenance_plan(&f.admin, &input).unwrap();
    let due = f.ledger.maintenance_due(&f.admin, 0).unwrap();
    assert_eq!((due[0].days_left, due[0].overdue()), (-3, true));
}

#[test]
fn the_report_counts_costs_and_turnaround_by_group() {
    let mut f = setup();
    supplier(&mut f, "维修中心");
    let a = issued_laptop(&mut f, "2025-06-30");
    let b = f.ledger.add_asset(&f.admin, &AssetInput { dept: "财务部".into(), ..laptop("财务电脑") }).unwrap();
    for (code, amount) in [(&a, "300.10"), (&b, "99.90")] {
        let no = open(&mut f, code);
        f.ledger.accept_repair(&f.admin, &step(&no)).unwrap();
        f.ledger.send_repair(&f.admin, &RepairStep { supplier: "维修中心".into(), ..step(&no) }).unwrap();
        f.ledger.record_repair_cost(&f.admin, &RepairCostInput { order: no.clone(), amount: amount.into(), ..RepairCostInput::default() }).unwrap();
        f.ledger.complete_repair(&f.admin, &step(&no)).unwrap();
    }
    let by = |by| f.ledger.repair_report(&f.admin, &RepairReportQuery { by, from: None, to: None }).unwrap();
    let dept = by(RepairReportBy::Dept);
    let groups: Vec<(&str, i64, String)> = dept.rows.iter().map(|r| (r.group.as_str(), r.orders, r.expensed.to_string())).collect();
    assert_eq!(groups, vec![("行政部", 1, "300.10".to_string()), ("财务部", 1, "99.90".to_string())]);
    assert_eq!((dept.total.orders, dept.total.repaired, dept.total.total_cost().to_string()), (2, 2, "400.00".to_string()));
    assert_eq!(dept.total.avg_turnaround_days.map(|d| d.to_string()), Some("0".into()));
    let supplier = by(RepairReportBy::Supplier);
    assert_eq!((supplier.rows.len(), supplier.rows[0].group.as_str()), (1, "维修中心"));
    let month = by(RepairReportBy::Month);
    assert_eq!(month.rows[0].group, chrono::Local::now().date_naive().format("%Y-%m").to_string());
    let err = f
        .ledger
        .repair_report(&f.admin, &RepairReportQuery { by: RepairReportBy::Dept, from: Some("2026-02-01".parse().unwrap()), to: Some("2026-01-01".parse().unwrap()) })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[test]
fn an_asset_card_and_a_consumable_receipt_name_their_supplier_from_the_register() {
    let mut f = setup();
    supplier(&mut f, "联想服务站");
    // An active entry is taken as it is (trimmed); a name the register lacks is added to it.
    let code = f.ledger.add_asset(&f.admin, &AssetInput { supplier: " 联想服务站 ".into(), ..laptop("笔记本电脑") }).unwrap();
    let other = f.ledger.add_asset(&f.admin, &AssetInput { supplier: "某某科技".into(), ..laptop("服务器") }).unwrap();
    let names = |f: &Fixture| f.ledger.list_suppliers(&f.admin).unwrap().into_iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(names(&f), ["某某科技", "联想服务站"]);
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().supplier, "联想服务站");
    let added = f.ledger.audit_entries(&f.admin, 5).unwrap().into_iter().find(|e| e.action == "supplier_add").expect("the new entry is audited");
    assert_eq!(added.target, "某某科技");

    // A deactivated supplier is not newly named, and the refusal changes nothing …
    f.ledger.set_supplier_active(&f.admin, "某某科技", false).unwrap();
    let err = f.ledger.add_asset(&f.admin, &AssetInput { supplier: "某某科技".into(), ..laptop("交换机") }).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::Conflict, vec!["supplier".to_string()]));
    assert!(err.message(Lang::ZhCn).contains("已停用"), "{err:?}");
    let card = |f: &Fixture, code: &str| f.ledger.asset(&f.admin, code).unwrap();
    let before = card(&f, &code);
    let err = f.ledger.edit_asset(&f.admin, &code, &AssetInput { supplier: "某某科技".into(), notes: "x".into(), ..laptop("笔记本电脑") }).unwrap_err();
    assert_eq!(err.fields, vec!["supplier".to_string()]);
    assert_eq!(card(&f, &code), before);
    // … but a card that already has it keeps it when other fields are edited.
    f.ledger.edit_asset(&f.admin, &other, &AssetInput { supplier: "某某科技".into(), notes: "机房".into(), ..laptop("服务器") }).unwrap();
    assert_eq!((card(&f, &other).supplier.as_str(), card(&f, &other).notes.as_str()), ("某某科技", "机房"));
    // Changed, the card points at the new entry (a rename in the register shows); emptied, at none.
    f.ledger.edit_asset(&f.admin, &other, &AssetInput { supplier: "联想服务站".into(), notes: "机房".into(), ..laptop("服务器") }).unwrap();
    f.ledger.edit_supplier(&f.admin, "联想服务站", &SupplierInput { name: "联想服务站（海淀）".into(), ..SupplierInput::default() }).unwrap();
    assert_eq!((card(&f, &code).supplier.as_str(), card(&f, &other).supplier.as_str()), ("联想服务站（海淀）", "联想服务站（海淀）"));
    f.ledger.edit_asset(&f.admin, &code, &AssetInput { supplier: String::new(), ..laptop("笔记本电脑") }).unwrap();
    assert_eq!(card(&f, &code).supplier, "");
    let history = card(&f, &code).history;
    assert!(history.last().unwrap().detail.contains("供应商: 联想服务站（海淀） → "), "{history:?}");

    // An import names suppliers the same way: one new entry for a name on many rows.
    let row = |n: usize, name: &str| ledger::ImportAsset { row: n, input: AssetInput { supplier: "晨光科技".into(), ..laptop(name) }, status: None, opening: None, custom: Vec::new() };
    let outcome = f.ledger.import_assets(&f.admin, "test.csv", &[row(2, "显示器"), row(3, "键盘")], false, false, &mut |_, _| true).unwrap();
    assert_eq!(outcome.imported.len(), 2);
    assert_eq!(names(&f), ["晨光科技", "某某科技", "联想服务站（海淀）"]);
    assert_eq!(card(&f, &outcome.imported[1].1).supplier, "晨光科技");

    // A consumable receipt: the same rules, and the movement shows the register's name.
    let item = f.ledger.add_consumable_item(&f.admin, &ledger::ItemInput { name: "硒鼓".into(), kind: "打印耗材".into(), unit: "个".into(), ..Default::default() }).unwrap();
    let receipt = |supplier: &str| ledger::MoveRequest { price: "300".into(), supplier: supplier.into(), ..ledger::MoveRequest::new(ledger::MoveKind::Receive, &item, "2") };
    let err = f.ledger.post_consumable(&f.admin, &receipt("某某科技")).unwrap_err();
    assert_eq!(err.fields, vec!["supplier".to_string()]);
    let doc = f.ledger.post_consumable(&f.admin, &receipt("办公用品公司")).unwrap();
    f.ledger.edit_supplier(&f.admin, "办公用品公司", &SupplierInput { name: "办公用品有限公司".into(), ..SupplierInput::default() }).unwrap();
    assert_eq!(f.ledger.consumable_move(&f.admin, &doc).unwrap().supplier, "办公用品有限公司");
    let found = f.ledger.consumable_moves(&f.admin, &ledger::MoveQuery { text: "有限公司".into(), ..Default::default() }).unwrap();
    assert_eq!(found.len(), 1, "the search finds the register's name");
}
