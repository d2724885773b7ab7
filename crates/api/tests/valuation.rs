//! The depreciation and value use cases (issues 6, 21) on a real ledger file: a normal
//! user refused, the regime fixed after the first run, the happy path and its JSON shape.

use api::valuation::{self, ReportKind, RevisionInputDto};
use api::{AssetCode, Ctx, ErrorCode, Lang};
use ledger::{Actor, AssetInput, Ledger, Role, SetupInput};

struct Desk {
    _dir: tempfile::TempDir,
    ledger: Ledger,
    admin: Actor,
    clerk: Actor,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let setup = SetupInput { org_name: "示例学校".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
        let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
        ledger.add_user(&admin, "clerk", Role::Normal, Some("办公室"), "secret2").unwrap();
        let clerk = ledger.authenticate("clerk", "secret2").unwrap();
        Desk { _dir: dir, ledger, admin, clerk }
    }

    fn admin(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.ledger, &self.admin, Lang::ZhCn)
    }

    fn clerk(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.ledger, &self.clerk, Lang::ZhCn)
    }

    /// 12,000.00 over 5 years, acquired 2026-01-31.
    fn printer(&mut self) -> AssetCode {
        let input = AssetInput {
            name: "激光打印机".into(),
            category: "办公设备".into(),
            dept: "办公室".into(),
            acquired: "2026-01-31".into(),
            value: "12000".into(),
            life_years: "5".into(),
            ..AssetInput::default()
        };
        AssetCode::from(self.ledger.add_asset(&self.admin, &input).unwrap())
    }
}

#[test]
fn the_regime_is_set_by_an_admin_before_the_first_run_and_then_fixed() {
    let mut desk = Desk::new();
    assert_eq!(valuation::regime(&mut desk.admin()).unwrap().regime, "enterprise");
    assert_eq!(valuation::set_regime(&mut desk.clerk(), "government").unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(valuation::set_regime(&mut desk.admin(), "cash").unwrap_err().fields, vec!["regime"]);
    let r = valuation::set_regime(&mut desk.admin(), "政府会计准则").unwrap();
    assert_eq!((r.regime.as_str(), r.label.as_str(), r.changeable), ("government", "政府会计准则", true));
    let code = desk.printer();
    let run = valuation::run(&mut desk.admin(), "2026-01", true, None, &mut |_, _| true).unwrap();
    assert_eq!(run.total, "200.00", "government: charged in the month of acquisition, no salvage");
    assert_eq!(serde_json::to_value(&run.lines[0]).unwrap()["amount"], "200.00");
    let r = valuation::regime(&mut desk.admin()).unwrap();
    assert!(!r.changeable);
    assert_eq!(valuation::set_regime(&mut desk.admin(), "enterprise").unwrap_err().code, ErrorCode::Conflict);
    let s = valuation::schedule(&mut desk.admin(), &code).unwrap();
    assert_eq!((s.rows[0].period.as_str(), s.rows[0].posted, s.salvage.as_str()), ("2026-01", true, "0.00"));
}

#[test]
fn reports_export_and_print_a_posted_period() {
    let mut desk = Desk::new();
    desk.printer();
    let clerk_run = valuation::run(&mut desk.clerk(), "2026-02", true, None, &mut |_, _| true).unwrap_err();
    assert_eq!(clerk_run.code, ErrorCode::Forbidden);
    let run = valuation::run(&mut desk.admin(), "2026-02", true, Some(0), &mut |_, _| true).unwrap();
    assert_eq!((run.line_count, run.lines.len(), run.total.as_str()), (1, 0, "200.00"), "the limit caps lines, not totals");
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("折旧明细表.xlsx");
    let written = valuation::export(&mut desk.admin(), "2026-02", ReportKind::Detail, &xlsx, &mut |_, _| true).unwrap();
    assert_eq!(written.rows, 2, "one asset and the total row");
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 0);
    let pdf = dir.path().join("register.pdf");
    valuation::report_pdf(&mut desk.admin(), "2026-02", ReportKind::parse("register").unwrap(), &pdf).unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let summary = valuation::summary(&mut desk.admin(), "2026-02", "category").unwrap();
    assert_eq!((summary[0].group.as_str(), summary[0].amount.as_str()), ("办公设备", "200.00"));
    assert_eq!(valuation::summary(&mut desk.admin(), "2026-13", "category").unwrap_err().fields, vec!["period"]);
}

#[test]
fn a_revision_in_a_government_ledger_respects_the_minimum_life() {
    let mut desk = Desk::new();
    valuation::set_regime(&mut desk.admin(), "government").unwrap();
    let code = desk.printer();
    valuation::set_category_min_life(&mut desk.admin(), "办公设备", "5").unwrap();
    assert_eq!(valuation::set_category_min_life(&mut desk.admin(), "办公设备", "five").unwrap_err().fields, vec!["min_life_years"]);
    let rows = valuation::category_defaults(&mut desk.admin()).unwrap();
    assert_eq!((rows[0].category.as_str(), rows[0].min_life_years), ("办公设备", Some(5)));
    let short = RevisionInputDto { reason: "复核".into(), life_years: "3".into(), ..Default::default() };
    assert_eq!(valuation::revise(&mut desk.admin(), &code, short).unwrap_err().fields, vec!["life_years"]);
    let longer = RevisionInputDto { reason: "复核".into(), life_years: "6".into(), ..Default::default() };
    assert_eq!(valuation::revise(&mut desk.admin(), &code, longer).unwrap(), "2026-01");
}

/// Issue 21: a value change through the use case — refused for a normal user, refused in
/// a closed period, the happy path's JSON (money as strings) and the value tab.
#[test]
fn a_value_change_is_recorded_and_listed_with_its_figures() {
    use api::value_changes::{self, ValueChangeRequestDto};
    let mut desk = Desk::new();
    let code = desk.printer();
    valuation::run(&mut desk.admin(), "2026-02", true, None, &mut |_, _| true).unwrap();
    let request = |date: &str| ValueChangeRequestDto {
        code: code.clone(),
        kind: "add".into(),
        amount: "3,000.00".into(),
        date: date.into(),
        reason: "加装双面器".into(),
        notes: String::new(),
    };
    assert_eq!(value_changes::record(&mut desk.clerk(), request("2026-03-01")).unwrap_err().code, ErrorCode::Forbidden);
    let err = value_changes::record(&mut desk.admin(), request("2026-02-15")).unwrap_err();
    assert_eq!((err.code, err.fields.clone()), (ErrorCode::Conflict, vec!["date".to_string()]), "February is closed");
    let done = value_changes::record(&mut desk.admin(), request("2026-03-01")).unwrap();
    let json = serde_json::to_value(&done).unwrap();
    assert_eq!(json["kind"], "add");
    assert_eq!(json["kind_label"], "改扩建");
    assert_eq!(json["cost_after"], "15000.00");
    assert_eq!(json["effective"], "2026-04");
    assert_eq!(json["pending"], false);
    assert!(json["doc"].as_str().unwrap().starts_with("JZ-"));
    let tab = value_changes::list(&mut desk.admin(), &code).unwrap();
    assert_eq!(serde_json::to_value(&tab).unwrap()[0]["doc"], json["doc"]);
    assert_eq!(valuation::schedule(&mut desk.admin(), &code).unwrap().cost, "15000.00");
}
