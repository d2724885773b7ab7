//! Standard reports (issue 9) on a real ledger: the register at a month end grouped with
//! subtotals (figures to the cent), filters and department scope, the chosen columns,
//! and the changes in a period with totals per kind.

use ledger::{
    AssetInput, AssetQuery, ChangeKind, DocKind, DocRequest, ErrorCode, GroupBy, NaiveDate, Period, RegisterQuery, ReportColumn, Role,
};

use crate::common::{setup, Fixture};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn machine(name: &str, category: &str, dept: &str, value: &str, acquired: &str) -> AssetInput {
    AssetInput {
        name: name.into(),
        category: category.into(),
        dept: dept.into(),
        location: "一号车间".into(),
        custodian: "王五".into(),
        acquired: acquired.into(),
        value: value.into(),
        life_years: "5".into(),
        salvage_rate: "4%".into(),
        ..AssetInput::default()
    }
}

fn add(f: &mut Fixture, input: AssetInput) -> String {
    f.ledger.add_asset(&f.admin, &input).unwrap()
}

fn post(f: &mut Fixture, req: DocRequest) -> String {
    f.ledger.post_document(&f.admin, &req).unwrap_or_else(|e| panic!("{:?} refused: {e}", req.kind))
}

fn doc(kind: DocKind, code: &str, date: &str) -> DocRequest {
    DocRequest { date: date.into(), ..DocRequest::new(kind, vec![code.to_string()]) }
}

/// 车床 and 钻床 in 生产部, 货车 in 物流部, a desk without a date or department, one asset
/// bought after June and one scrapped in March.
fn ledger_with_six(f: &mut Fixture) -> Vec<String> {
    let lathe = add(f, machine("车床", "机器设备", "生产部", "100000", "2025-01-05"));
    let truck = add(f, AssetInput { location: String::new(), custodian: "赵六".into(), ..machine("货车", "运输设备", "物流部", "100000", "2025-01-05") });
    let drill = add(f, machine("钻床", "机器设备", "生产部", "50000", "2025-01-05"));
    let desk = add(f, AssetInput { name: "办公桌".into(), category: "办公家具".into(), value: "3000".into(), ..AssetInput::default() });
    let later = add(f, machine("铣床", "机器设备", "生产部", "80000", "2025-08-01"));
    let gone = add(f, machine("旧机床", "机器设备", "生产部", "20000", "2025-01-05"));
    post(f, DocRequest { reason: "损坏".into(), ..doc(DocKind::Scrap, &gone, "2025-03-20") });
    vec![lathe, truck, drill, desk, later, gone]
}

fn query(group_by: GroupBy) -> RegisterQuery {
    RegisterQuery { period: Some(p("2025-06")), group_by, ..RegisterQuery::default() }
}

#[test]
fn the_register_groups_by_department_with_subtotals_and_a_grand_total_to_the_cent() {
    let mut f = setup();
    let codes = ledger_with_six(&mut f);
    let report = f.ledger.register_report(&f.admin, &query(GroupBy::Dept)).unwrap();
    assert_eq!(report.period, p("2025-06"));
    assert_eq!(report.columns, ReportColumn::defaults());
    let groups: Vec<(Option<&str>, Vec<&str>)> =
        report.groups.iter().map(|g| (g.name.as_deref(), g.rows.iter().map(|r| r.name.as_str()).collect())).collect();
    assert_eq!(groups, [(Some("物流部"), vec!["货车"]), (Some("生产部"), vec!["车床", "钻床"]), (None, vec!["办公桌"])], "bought later and scrapped are off the books");
    let money = |t: &ledger::RegisterTotals| (t.count, t.value.to_string(), t.accumulated.to_string(), t.net_value.to_string());
    // Straight-line from February: 1,600.00 a month on 100,000 and 800.00 on 50,000 (4% salvage, 5 years).
    assert_eq!(money(&report.groups[0].totals), (1, "100000.00".into(), "8000.00".into(), "92000.00".into()));
    assert_eq!(money(&report.groups[1].totals), (2, "150000.00".into(), "12000.00".into(), "138000.00".into()));
    assert_eq!(money(&report.groups[2].totals), (1, "3000.00".into(), "0.00".into(), "3000.00".into()));
    assert_eq!(money(&report.total), (4, "253000.00".into(), "20000.00".into(), "233000.00".into()));
    let drill = &report.groups[1].rows[1];
    assert_eq!((drill.code.as_str(), drill.accumulated.to_string(), drill.net_value.to_string()), (codes[2].as_str(), "4000.00".into(), "46000.00".into()));

    // In December the later machine is on the books (4 months of 1,280.00).
    let december = f.ledger.register_report(&f.admin, &RegisterQuery { period: Some(p("2025-12")), ..query(GroupBy::None) }).unwrap();
    assert_eq!(december.groups.len(), 1);
    assert_eq!(december.groups[0].name, None);
    let later = december.groups[0].rows.iter().find(|r| r.code == codes[4]).unwrap();
    assert_eq!(later.accumulated.to_string(), "5120.00");
    assert_eq!(december.total.count, 5);
}

#[test]
fn the_register_groups_by_category_location_and_custodian() {
    let mut f = setup();
    ledger_with_six(&mut f);
    let names = |by: GroupBy, f: &Fixture| -> Vec<(Option<String>, i64, String)> {
        let r = f.ledger.register_report(&f.admin, &query(by)).unwrap();
        r.groups.iter().map(|g| (g.name.clone(), g.totals.count, g.totals.net_value.to_string())).collect()
    };
    assert_eq!(
        names(GroupBy::Category, &f),
        [(Some("办公家具".into()), 1, "3000.00".into()), (Some("机器设备".into()), 2, "138000.00".into()), (Some("运输设备".into()), 1, "92000.00".into())]
    );
    assert_eq!(names(GroupBy::Location, &f), [(Some("一号车间".into()), 2, "138000.00".into()), (None, 2, "95000.00".into())]);
    assert_eq!(names(GroupBy::Custodian, &f), [(Some("王五".into()), 2, "138000.00".into()), (Some("赵六".into()), 1, "92000.00".into()), (None, 1, "3000.00".into())]);
}

#[test]
fn the_register_takes_the_list_filters_and_a_normal_user_sees_their_department() {
    let mut f = setup();
    ledger_with_six(&mut f);
    let filtered = |f: &Fixture, filters: AssetQuery| -> Vec<String> {
        let r = f.ledger.register_report(&f.admin, &RegisterQuery { filters, ..query(GroupBy::None) }).unwrap();
        r.groups.iter().flat_map(|g| g.rows.iter().map(|r| r.name.clone())).collect()
    };
    assert_eq!(filtered(&f, AssetQuery { category: Some("机器设备".into()), ..AssetQuery::default() }), ["车床", "钻床"]);
    assert_eq!(filtered(&f, AssetQuery { text: "钻".into(), ..AssetQuery::default() }), ["钻床"]);
    assert_eq!(filtered(&f, AssetQuery { custodian: Some("赵六".into()), ..AssetQuery::default() }), ["货车"]);
    assert_eq!(
        filtered(&f, AssetQuery { acquired_from: Some(date("2025-01-01")), acquired_to: Some(date("2025-01-31")), ..AssetQuery::default() }),
        ["车床", "货车", "钻床"]
    );
    assert_eq!(filtered(&f, AssetQuery { status: Some(ledger::AssetStatus::Scrapped), ..AssetQuery::default() }), Vec::<String>::new());

    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("物流部"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    let mine = f.ledger.register_report(&clerk, &query(GroupBy::Dept)).unwrap();
    assert_eq!(mine.groups.len(), 1);
    assert_eq!(mine.groups[0].name.as_deref(), Some("物流部"));
    assert_eq!(mine.total.net_value.to_string(), "92000.00");
}

#[test]
fn report_columns_parse_from_keys_and_chinese_headers_and_refuse_unknown_ones() {
    use ReportColumn::*;
    assert_eq!(ReportColumn::parse_list("code, 资产名称,net_value,code").unwrap(), [Code, Name, NetValue]);
    assert_eq!(ReportColumn::parse_list("").unwrap(), ReportColumn::defaults());
    let err = ReportColumn::parse_list("code,price").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message(ledger::Lang::ZhCn).contains("price") && err.message(ledger::Lang::En).contains("net_value"), "{err}");
    assert_eq!(ledger::parse_as_of("at", "2025-06-15").unwrap(), p("2025-06"), "a date values at the end of its month");
    assert_eq!(ledger::parse_as_of("at", "2025-06").unwrap(), p("2025-06"));
    assert_eq!(ledger::parse_as_of("at", "June").unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(GroupBy::parse("部门").unwrap(), GroupBy::Dept);
    assert_eq!(GroupBy::parse("owner").unwrap_err().code, ErrorCode::InvalidInput);
    for c in ReportColumn::all() {
        assert_eq!(ReportColumn::parse(c.as_str()).unwrap(), c);
    }
}

#[test]
fn changes_in_a_period_list_each_kind_with_from_and_to_and_totals() {
    let mut f = setup();
    let lathe = add(&mut f, machine("车床", "机器设备", "生产部", "100000", "2025-01-05"));
    let truck = add(&mut f, machine("货车", "运输设备", "物流部", "100000", "2025-01-05"));
    let drill = add(&mut f, machine("钻床", "机器设备", "生产部", "50000", "2025-01-05"));
    let issued = post(&mut f, DocRequest { person: "李四".into(), dept: "生产部".into(), location: "二楼".into(), ..doc(DocKind::Issue, &lathe, "2026-01-10") });
    let wrong = post(&mut f, DocRequest { dept: "财务部".into(), ..doc(DocKind::Transfer, &truck, "2026-01-12") });
    f.ledger.void_document(&f.admin, &wrong, "调错部门").unwrap();
    let moved = post(&mut f, DocRequest { dept: "信息中心".into(), ..doc(DocKind::Transfer, &truck, "2026-01-13") });
    let back = post(&mut f, doc(DocKind::Return, &lathe, "2026-01-20"));
    let scrapped = post(&mut f, DocRequest { reason: "无法修复".into(), ..doc(DocKind::Scrap, &drill, "2026-01-25") });
    post(&mut f, DocRequest { method: "destroy".into(), ..doc(DocKind::Dispose, &drill, "2026-02-01") });

    let report = f.ledger.changes_report(&f.admin, date("2026-01-01"), date("2026-01-31"), &[]).unwrap();
    let rows: Vec<(ChangeKind, &str, String, &str, Option<&str>, Option<&str>, String)> = report
        .rows
        .iter()
        .map(|r| (r.kind, r.doc_no.as_str(), r.date.to_string(), r.code.as_str(), r.from.as_deref(), r.to.as_deref(), r.value.to_string()))
        .collect();
    assert_eq!(
        rows,
        [
            (ChangeKind::Issue, issued.as_str(), "2026-01-10".into(), lathe.as_str(), Some("生产部 / 一号车间"), Some("李四 / 生产部"), "100000.00".into()),
            (ChangeKind::Transfer, moved.as_str(), "2026-01-13".into(), truck.as_str(), Some("物流部 / 一号车间"), Some("信息中心 / 一号车间"), "100000.00".into()),
            (ChangeKind::Return, back.as_str(), "2026-01-20".into(), lathe.as_str(), Some("李四 / 生产部"), Some("生产部 / 二楼"), "100000.00".into()),
            (ChangeKind::Scrap, scrapped.as_str(), "2026-01-25".into(), drill.as_str(), Some("生产部 / 王五"), None, "50000.00".into()),
        ],
        "the voided transfer, its void and February's disposal are left out"
    );
    assert_eq!(report.rows[3].note, "无法修复");
    let totals: Vec<(ChangeKind, i64, String)> = report.totals.iter().map(|t| (t.kind, t.count, t.value.to_string())).collect();
    assert_eq!(
        totals,
        [
            (ChangeKind::Addition, 0, "0.00".into()),
            (ChangeKind::Transfer, 1, "100000.00".into()),
            (ChangeKind::Issue, 1, "100000.00".into()),
            (ChangeKind::Return, 1, "100000.00".into()),
            (ChangeKind::Scrap, 1, "50000.00".into()),
            (ChangeKind::Dispose, 0, "0.00".into()),
            (ChangeKind::WriteOff, 0, "0.00".into()),
            (ChangeKind::ValueChange, 0, "0.00".into()),
        ]
    );

    // Registrations are dated today: a period up to today has the three additions.
    let today = f.ledger.asset(&f.admin, &lathe).unwrap().history[0].date;
    let all = f.ledger.changes_report(&f.admin, date("2026-01-01"), today, &[ChangeKind::Addition, ChangeKind::Dispose]).unwrap();
    let kinds: Vec<(ChangeKind, i64, String)> = all.totals.iter().filter(|t| t.count > 0).map(|t| (t.kind, t.count, t.value.to_string())).collect();
    assert_eq!(kinds, [(ChangeKind::Addition, 3, "250000.00".into()), (ChangeKind::Dispose, 1, "50000.00".into())]);
    assert_eq!(all.rows.iter().find(|r| r.kind == ChangeKind::Addition).unwrap().to.as_deref(), Some("生产部 / 一号车间"));

    // A clerk of 生产部 sees the lines that left or reached it.
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("生产部"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    let mine = f.ledger.changes_report(&clerk, date("2026-01-01"), date("2026-01-31"), &[]).unwrap();
    assert_eq!(mine.rows.iter().map(|r| r.doc_no.as_str()).collect::<Vec<_>>(), [issued.as_str(), back.as_str(), scrapped.as_str()]);

    let err = f.ledger.changes_report(&f.admin, date("2026-02-01"), date("2026-01-01"), &[]).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message(ledger::Lang::ZhCn).contains("晚于"), "{err}");
}
