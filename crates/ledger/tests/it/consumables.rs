//! Low-value consumables (issue 7) on a real ledger file: weighted average cost exact
//! to the fen, refusals that name the item and what is available, voids that keep the
//! stock whole, permissions and department scope, statistics and the budget.

use ledger::{Decimal, ErrorCode, ItemInput, Lang, MoveKind, MoveQuery, MoveRequest, NaiveDate, Role, StatsBucket, StatsBy, StatsQuery};

use crate::common::{setup, Fixture};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn item(f: &mut Fixture, name: &str, kind: &str, unit: &str, threshold: &str) -> String {
    let input = ItemInput { name: name.into(), kind: kind.into(), spec: "A4 70g".into(), unit: unit.into(), threshold: threshold.into() };
    f.ledger.add_consumable_item(&f.admin, &input).unwrap()
}

fn receive(f: &mut Fixture, item: &str, qty: &str, price: &str, date: &str) -> String {
    let mut r = MoveRequest::new(MoveKind::Receive, item, qty);
    r.price = price.into();
    r.supplier = "晨光文具".into();
    r.date = date.into();
    f.ledger.post_consumable(&f.admin, &r).unwrap()
}

fn issue_req(item: &str, qty: &str, dept: &str, person: &str, date: &str) -> MoveRequest {
    let mut r = MoveRequest::new(MoveKind::Issue, item, qty);
    r.dept = dept.into();
    r.person = person.into();
    r.date = date.into();
    r.purpose = "日常办公".into();
    r
}

fn issue(f: &mut Fixture, item: &str, qty: &str, dept: &str, date: &str) -> String {
    f.ledger.post_consumable(&f.admin, &issue_req(item, qty, dept, "", date)).unwrap()
}

/// (qty, value, unit_cost) of one item as the stock list shows it.
fn stock(f: &Fixture, code: &str) -> (Decimal, Decimal, Decimal) {
    let rows = f.ledger.consumable_stock(&f.admin, "").unwrap();
    let r = rows.iter().find(|r| r.code == code).unwrap();
    (r.qty, r.value, r.unit_cost)
}

#[test]
fn weighted_average_is_exact_to_the_fen_and_the_last_unit_takes_the_rest() {
    let mut f = setup();
    let pen = item(&mut f, "中性笔", "文具", "支", "5");
    assert_eq!(pen, "HC-0001");
    let r1 = receive(&mut f, &pen, "3", "10.00", "2026-01-05");
    assert!(r1.starts_with("HR-2026-"), "{r1}");
    receive(&mut f, "中性笔", "2", "12.35", "2026-01-06");
    // 30.00 + 24.70 = 54.70 for 5: 10.94 each.
    assert_eq!(stock(&f, &pen), (d("5"), d("54.70"), d("10.94")));

    let i1 = issue(&mut f, &pen, "2", "行政部", "2026-01-10");
    assert!(i1.starts_with("HL-2026-"), "{i1}");
    assert_eq!(stock(&f, &pen), (d("3"), d("32.82"), d("10.94")));
    // A third of 32.82 is 10.94; of what is left, a half of 21.88 is 10.94 again.
    issue(&mut f, &pen, "1", "行政部", "2026-01-11");
    assert_eq!(stock(&f, &pen), (d("2"), d("21.88"), d("10.94")));

    // Awkward thirds: 1 @ 0.01 + 2 @ 0.01 = 0.03 for 3 → 0.01 each; then 3 @ 1.00.
    let clip = item(&mut f, "回形针", "文具", "盒", "");
    receive(&mut f, &clip, "1", "0.05", "2026-01-05");
    receive(&mut f, &clip, "2", "0.03", "2026-01-05");
    // 0.05 + 0.06 = 0.11 for 3: 0.0366.. each; one out takes 0.04, one more 0.04 (0.07/2 = 0.035 → 0.04),
    // and the last takes exactly what is left (0.03), never leaving a fen behind.
    let values: Vec<Decimal> = ["1", "1", "1"]
        .iter()
        .map(|q| {
            let no = issue(&mut f, &clip, q, "财务部", "2026-01-12");
            f.ledger.consumable_move(&f.admin, &no).unwrap().value
        })
        .collect();
    assert_eq!(values, vec![d("0.04"), d("0.04"), d("0.03")]);
    assert_eq!(stock(&f, &clip), (d("0"), d("0"), d("0")));

    // Fractional quantities are exact too: 2.5 kg @ 3.33 = 8.325 → 8.33 (half away from zero).
    let tea = item(&mut f, "茶叶", "茶水", "kg", "1.5");
    receive(&mut f, &tea, "2.5", "3.33", "2026-01-05");
    assert_eq!(stock(&f, &tea).1, d("8.33"));
    let no = issue(&mut f, &tea, "0.125", "行政部", "2026-01-05");
    let mv = f.ledger.consumable_move(&f.admin, &no).unwrap();
    assert_eq!((mv.qty, mv.value, mv.qty_after, mv.value_after), (d("0.125"), d("0.42"), d("2.375"), d("7.91")));
}

#[test]
fn issuing_more_than_the_stock_is_refused_naming_the_item_and_what_is_there() {
    let mut f = setup();
    let paper = item(&mut f, "A4复印纸", "办公用纸", "包", "10");
    receive(&mut f, &paper, "3", "25.00", "2026-02-01");
    let before = f.ledger.audit_entries(&f.admin, 1000).unwrap().len();
    let err = f.ledger.post_consumable(&f.admin, &issue_req(&paper, "4", "行政部", "", "")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(err.fields, vec!["qty"]);
    let zh = err.message(Lang::ZhCn);
    assert!(zh.contains("HC-0001") && zh.contains("A4复印纸") && zh.contains("库存仅 3包") && zh.contains("领用 4"), "{zh}");
    let en = err.message(Lang::En);
    assert!(en.contains("only 3 包 of HC-0001 A4复印纸 in stock"), "{en}");
    assert_eq!(stock(&f, &paper), (d("3"), d("75.00"), d("25.00")), "a refused issue changes nothing");
    assert_eq!(f.ledger.audit_entries(&f.admin, 1000).unwrap().len(), before);
    assert_eq!(f.ledger.consumable_moves(&f.admin, &MoveQuery::default()).unwrap().len(), 1);

    // Every bad field at once: no quantity, a made-up item, nobody to issue to.
    let err = f.ledger.post_consumable(&f.admin, &issue_req("不存在", "abc", "", "", "2026-13-01")).unwrap_err();
    for field in ["qty", "item", "dept", "date"] {
        assert!(err.fields.contains(&field.to_string()), "{field} in {:?}", err.fields);
    }
    // A receipt needs a price; a quantity has at most three decimals.
    let mut huge = MoveRequest::new(MoveKind::Receive, &paper, "1000000000");
    huge.price = "999999999999.99".into();
    let err = f.ledger.post_consumable(&f.admin, &huge).unwrap_err();
    assert_eq!(err.fields, vec!["qty", "price"], "{}", err.message(Lang::En));
    assert_eq!(stock(&f, &paper), (d("3"), d("75.00"), d("25.00")));
    let mut r = MoveRequest::new(MoveKind::Receive, &paper, "1.2345");
    r.price = "1.234".into();
    let err = f.ledger.post_consumable(&f.admin, &r).unwrap_err();
    assert_eq!(err.fields, vec!["qty", "price"]);
}

#[test]
fn returns_come_back_at_their_issue_cost_and_stop_at_what_was_issued() {
    let mut f = setup();
    let toner = item(&mut f, "硒鼓", "打印耗材", "个", "1");
    receive(&mut f, &toner, "3", "100.00", "2026-03-01");
    let out = issue(&mut f, &toner, "3", "信息中心", "2026-03-02");
    receive(&mut f, &toner, "1", "130.00", "2026-03-03");
    let mut ret = MoveRequest::new(MoveKind::Return, "", "2");
    ret.source = out.clone();
    let back = f.ledger.post_consumable(&f.admin, &ret).unwrap();
    let mv = f.ledger.consumable_move(&f.admin, &back).unwrap();
    assert!(back.starts_with("HT-"), "{back}");
    assert_eq!((mv.value, mv.dept.as_deref(), mv.source.as_deref()), (d("200.00"), Some("信息中心"), Some(out.as_str())));
    assert_eq!(stock(&f, &toner), (d("3"), d("330.00"), d("110.00")));
    let err = f.ledger.post_consumable(&f.admin, &ret).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("尚可退库 1个"), "{}", err.message(Lang::ZhCn));
    assert_eq!(err.fields, vec!["qty"]);
}

#[test]
fn count_adjustments_move_at_the_average_and_need_a_reason() {
    let mut f = setup();
    let pen = item(&mut f, "中性笔", "文具", "支", "");
    receive(&mut f, &pen, "3", "10.00", "2026-01-05");
    receive(&mut f, &pen, "2", "12.35", "2026-01-06");
    let mut adj = MoveRequest::new(MoveKind::Adjust, &pen, "4");
    let err = f.ledger.post_consumable(&f.admin, &adj).unwrap_err();
    assert_eq!(err.fields, vec!["reason"]);
    adj.reason = "盘点短少一支".into();
    let no = f.ledger.post_consumable(&f.admin, &adj).unwrap();
    assert!(no.starts_with("HP-"), "{no}");
    assert_eq!(stock(&f, &pen), (d("4"), d("43.76"), d("10.94")));
    adj.qty = "4".into();
    assert!(f.ledger.post_consumable(&f.admin, &adj).is_err(), "nothing to adjust");
    adj.qty = "0".into();
    f.ledger.post_consumable(&f.admin, &adj).unwrap();
    assert_eq!(stock(&f, &pen), (d("0"), d("0"), d("0")));
    // A surplus on an empty shelf is costed at the latest receipt price.
    adj.qty = "1".into();
    f.ledger.post_consumable(&f.admin, &adj).unwrap();
    assert_eq!(stock(&f, &pen), (d("1"), d("12.35"), d("12.35")));
}

#[test]
fn voids_reverse_exactly_or_are_refused_with_the_reason() {
    let mut f = setup();
    let pen = item(&mut f, "中性笔", "文具", "支", "");
    let r1 = receive(&mut f, &pen, "3", "10.00", "2026-01-05");
    let r2 = receive(&mut f, &pen, "2", "12.35", "2026-01-06");
    let i1 = issue(&mut f, &pen, "4", "行政部", "2026-01-10");
    assert_eq!(stock(&f, &pen), (d("1"), d("10.94"), d("10.94")));

    // Voiding a receipt the issues already drew on would leave a negative shelf.
    let err = f.ledger.void_consumable(&f.admin, &r1, "录错了").unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message(Lang::ZhCn).contains("库存将为 -2支"), "{}", err.message(Lang::ZhCn));
    assert!(f.ledger.void_consumable(&f.admin, &i1, "  ").is_err(), "a reason is required");

    // A return depends on its issue.
    let mut ret = MoveRequest::new(MoveKind::Return, "", "1");
    ret.source = i1.clone();
    let back = f.ledger.post_consumable(&f.admin, &ret).unwrap();
    let err = f.ledger.void_consumable(&f.admin, &i1, "开错了").unwrap_err();
    assert!(err.message(Lang::En).contains(&back), "{}", err.message(Lang::En));
    let v1 = f.ledger.void_consumable(&f.admin, &back, "退错了").unwrap();
    assert!(v1.starts_with("HZ-"), "{v1}");
    assert_eq!(stock(&f, &pen), (d("1"), d("10.94"), d("10.94")));
    f.ledger.void_consumable(&f.admin, &i1, "开错了").unwrap();
    assert_eq!(stock(&f, &pen), (d("5"), d("54.70"), d("10.94")), "the issue's exact value came back");
    let err = f.ledger.void_consumable(&f.admin, &i1, "again").unwrap_err();
    assert!(err.message(Lang::En).contains("already voided"));
    assert!(f.ledger.void_consumable(&f.admin, &v1, "void a void").is_err());

    // Now the receipts reverse to an empty shelf worth nothing.
    f.ledger.void_consumable(&f.admin, &r2, "重复").unwrap();
    f.ledger.void_consumable(&f.admin, &r1, "重复").unwrap();
    assert_eq!(stock(&f, &pen), (d("0"), d("0"), d("0")));
    // A void leaving value on an empty shelf is refused: 1 @ 10, 1 @ 20, issue 1 (15.00), void the first.
    let clip = item(&mut f, "回形针", "文具", "盒", "");
    let a = receive(&mut f, &clip, "1", "10.00", "2026-01-05");
    receive(&mut f, &clip, "1", "20.00", "2026-01-05");
    issue(&mut f, &clip, "1", "行政部", "2026-01-05");
    let err = f.ledger.void_consumable(&f.admin, &a, "x").unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("将剩 0盒、金额 5.00"), "{}", err.message(Lang::ZhCn));

    let moves = f.ledger.consumable_moves(&f.admin, &MoveQuery { kind: Some(MoveKind::Void), ..MoveQuery::default() }).unwrap();
    assert_eq!(moves.len(), 4);
    let voided = f.ledger.consumable_move(&f.admin, &i1).unwrap();
    assert_eq!(voided.state, "voided");
    assert!(voided.voided_by.is_some());
    let audit = f.ledger.audit_entries(&f.admin, 100).unwrap();
    assert!(audit.iter().any(|e| e.action == "consumable_void" && e.target == i1 && e.detail.contains("开错了")));
    assert!(f.ledger.verify_audit(&f.admin).unwrap().ok());
}

#[test]
fn permissions_and_department_scope_hold_for_normal_and_power_users() {
    let mut f = setup();
    let pen = item(&mut f, "中性笔", "文具", "支", "");
    receive(&mut f, &pen, "10", "2.00", "2026-01-05");
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("行政部"), "secret2").unwrap();
    f.ledger.add_user(&f.admin, "power", Role::Power, None, "secret3").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    let power = f.ledger.login("power", "secret3").unwrap();

    // A normal user may not add items, receive, adjust or void...
    let input = ItemInput { name: "胶水".into(), kind: "文具".into(), unit: "瓶".into(), ..ItemInput::default() };
    assert_eq!(f.ledger.add_consumable_item(&clerk, &input).unwrap_err().code, ErrorCode::Forbidden);
    let mut r = MoveRequest::new(MoveKind::Receive, &pen, "1");
    r.price = "1".into();
    let err = f.ledger.post_consumable(&clerk, &r).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(err.message(Lang::ZhCn).contains("管理低值易耗品"), "{}", err.message(Lang::ZhCn));
    // ...but issues to their own department, not another one.
    let own = f.ledger.post_consumable(&clerk, &issue_req(&pen, "1", "行政部", "", "")).unwrap();
    let err = f.ledger.post_consumable(&clerk, &issue_req(&pen, "1", "财务部", "", "")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(f.ledger.void_consumable(&clerk, &own, "x").is_err());
    // Power users manage; the admin can take issuing away from normal users.
    assert!(f.ledger.add_consumable_item(&power, &input).is_ok());
    let other = f.ledger.post_consumable(&power, &issue_req(&pen, "2", "财务部", "李四", "")).unwrap();
    f.ledger.set_role_permission(&f.admin, Role::Normal, ledger::Permission::IssueConsumables, false).unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    assert_eq!(f.ledger.post_consumable(&clerk, &issue_req(&pen, "1", "行政部", "", "")).unwrap_err().code, ErrorCode::Forbidden);

    // The clerk sees their department's movements and statistics only.
    let seen: Vec<String> = f.ledger.consumable_moves(&clerk, &MoveQuery::default()).unwrap().into_iter().map(|m| m.doc_no).collect();
    assert_eq!(seen, vec![own.clone()]);
    assert_eq!(f.ledger.consumable_move(&clerk, &other).unwrap_err().code, ErrorCode::Forbidden);
    let stats = f.ledger.consumable_stats(&clerk, &StatsQuery { by: Some(StatsBy::Dept), ..StatsQuery::default() }).unwrap();
    assert_eq!(stats.rows.len(), 1);
    assert_eq!((stats.rows[0].key.as_str(), stats.total_value), ("行政部", d("2.00")));
}

#[test]
fn statistics_group_by_dept_person_type_item_and_period_net_of_returns_and_voids() {
    let mut f = setup();
    let pen = item(&mut f, "中性笔", "文具", "支", "");
    let paper = item(&mut f, "A4复印纸", "办公用纸", "包", "");
    receive(&mut f, &pen, "100", "1.50", "2026-01-02");
    receive(&mut f, &paper, "50", "24.00", "2026-01-02");
    f.ledger.post_consumable(&f.admin, &issue_req(&pen, "10", "行政部", "张三", "2026-01-15")).unwrap();
    f.ledger.post_consumable(&f.admin, &issue_req(&pen, "20", "财务部", "李四", "2026-04-03")).unwrap();
    let p1 = f.ledger.post_consumable(&f.admin, &issue_req(&paper, "5", "行政部", "张三", "2026-02-10")).unwrap();
    let p2 = f.ledger.post_consumable(&f.admin, &issue_req(&paper, "3", "财务部", "", "2026-05-10")).unwrap();
    let mut ret = MoveRequest::new(MoveKind::Return, "", "1");
    ret.source = p1;
    ret.date = "2026-02-11".into();
    f.ledger.post_consumable(&f.admin, &ret).unwrap();
    f.ledger.void_consumable(&f.admin, &p2, "开错部门").unwrap();

    let q = |by, bucket, from: Option<&str>, to: Option<&str>| StatsQuery {
        by: Some(by),
        bucket,
        from: from.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()),
        to: to.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()),
    };
    let s = f.ledger.consumable_stats(&f.admin, &q(StatsBy::Dept, StatsBucket::None, None, None)).unwrap();
    let rows: Vec<(String, Decimal, Decimal)> = s.rows.iter().map(|r| (r.key.clone(), r.qty, r.value)).collect();
    // 行政部: 10 pens (15.00) + 4 packs net (96.00); 财务部: 20 pens (30.00), the voided paper not at all.
    assert_eq!(rows, vec![("行政部".into(), d("14"), d("111.00")), ("财务部".into(), d("20"), d("30.00"))]);
    assert_eq!(s.total_value, d("141.00"));

    let s = f.ledger.consumable_stats(&f.admin, &q(StatsBy::Person, StatsBucket::None, None, None)).unwrap();
    let names: Vec<&str> = s.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(names, vec!["张三", "李四"]);

    let s = f.ledger.consumable_stats(&f.admin, &q(StatsBy::Item, StatsBucket::Quarter, None, None)).unwrap();
    let rows: Vec<(String, String, String, Decimal)> = s.rows.iter().map(|r| (r.period.clone(), r.key.clone(), r.name.clone(), r.value)).collect();
    assert_eq!(
        rows,
        vec![
            ("2026-Q1".into(), paper.clone(), "A4复印纸".into(), d("96.00")),
            ("2026-Q1".into(), pen.clone(), "中性笔".into(), d("15.00")),
            ("2026-Q2".into(), pen.clone(), "中性笔".into(), d("30.00")),
        ]
    );
    let s = f.ledger.consumable_stats(&f.admin, &q(StatsBy::Type, StatsBucket::Month, Some("2026-02-01"), Some("2026-04-30"))).unwrap();
    let rows: Vec<(String, String, Decimal)> = s.rows.iter().map(|r| (r.period.clone(), r.key.clone(), r.qty)).collect();
    assert_eq!(rows, vec![("2026-02".into(), "办公用纸".into(), d("4")), ("2026-04".into(), "文具".into(), d("20"))]);
    let s = f.ledger.consumable_stats(&f.admin, &q(StatsBy::Item, StatsBucket::Year, None, None)).unwrap();
    assert!(s.rows.iter().all(|r| r.period == "2026"));
}

#[test]
fn budget_forecasts_from_the_last_twelve_months_with_trend_and_keeps_overrides() {
    let mut f = setup();
    let pen = item(&mut f, "中性笔", "文具", "支", "");
    let paper = item(&mut f, "A4复印纸", "办公用纸", "包", "");
    let glue = item(&mut f, "胶水", "文具", "瓶", "");
    receive(&mut f, &pen, "500", "1.50", "2025-01-02");
    receive(&mut f, &pen, "10", "1.80", "2025-06-02");
    receive(&mut f, &paper, "500", "24.00", "2025-01-02");
    receive(&mut f, &glue, "3", "4.10", "2025-01-02");
    // Pens: 40 in the earlier half-year, 60 in the later one → trend 1.5, forecast 150.
    issue(&mut f, &pen, "40", "行政部", "2025-03-10");
    issue(&mut f, &pen, "60", "行政部", "2025-09-10");
    // Paper: 100 then 10 → trend held at 0.5, forecast 55. An issue before the window does not count.
    issue(&mut f, &paper, "7", "行政部", "2024-12-31");
    issue(&mut f, &paper, "100", "行政部", "2025-02-01");
    issue(&mut f, &paper, "10", "行政部", "2025-12-31");

    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let (lines, totals) = f.ledger.consumable_budget(&f.admin, 2026, as_of).unwrap();
    let line = |code: &str| lines.iter().find(|l| l.code == code).unwrap().clone();
    let p = line(&pen);
    assert_eq!((p.last12, p.recent6, p.prior6, p.trend, p.forecast), (d("100"), d("60"), d("40"), d("1.5"), d("150")));
    assert_eq!((p.latest_price, p.amount, p.overridden), (d("1.80"), d("270.00"), false));
    let a = line(&paper);
    assert_eq!((a.last12, a.trend, a.forecast, a.price, a.amount), (d("110"), d("0.5"), d("55"), d("24.00"), d("1320.00")));
    let g = line(&glue);
    assert_eq!((g.forecast, g.amount), (d("0"), d("0.00")));
    assert_eq!(totals.iter().map(|t| (t.kind.as_str(), t.amount)).collect::<Vec<_>>(), vec![("办公用纸", d("1320.00")), ("文具", d("270.00"))]);

    // The clerk plans 12 bottles of glue at 4.50 and keeps the pens' forecast.
    f.ledger.set_consumable_budget(&f.admin, 2026, "胶水", "12", "4.50", "新办公室").unwrap();
    let (lines, totals) = f.ledger.consumable_budget(&f.admin, 2026, as_of).unwrap();
    let g = lines.iter().find(|l| l.code == glue).unwrap();
    assert_eq!((g.qty, g.price, g.amount, g.overridden, g.note.as_str()), (d("12"), d("4.50"), d("54.00"), true, "新办公室"));
    assert_eq!(totals.iter().find(|t| t.kind == "文具").unwrap().amount, d("324.00"));
    // Other years are untouched; clearing brings the forecast back.
    let (other, _) = f.ledger.consumable_budget(&f.admin, 2027, as_of).unwrap();
    assert!(!other.iter().find(|l| l.code == glue).unwrap().overridden);
    f.ledger.set_consumable_budget(&f.admin, 2026, &glue, "", "", "").unwrap();
    let (lines, _) = f.ledger.consumable_budget(&f.admin, 2026, as_of).unwrap();
    assert!(!lines.iter().find(|l| l.code == glue).unwrap().overridden);
    let err = f.ledger.set_consumable_budget(&f.admin, 2026, &glue, "-1", "x", "").unwrap_err();
    assert_eq!(err.fields, vec!["qty", "price"]);
}

#[test]
fn low_stock_items_reach_the_dashboard_and_the_stock_list() {
    let mut f = setup();
    let paper = item(&mut f, "A4复印纸", "办公用纸", "包", "10");
    let pen = item(&mut f, "中性笔", "文具", "支", "5");
    item(&mut f, "胶水", "文具", "瓶", "");
    receive(&mut f, &paper, "12", "24.00", "");
    receive(&mut f, &pen, "20", "1.50", "");
    let dash = f.ledger.dashboard(&f.admin, 7).unwrap();
    assert!(dash.low_stock.is_empty(), "{:?}", dash.low_stock);
    issue(&mut f, &paper, "2", "行政部", "");
    let dash = f.ledger.dashboard(&f.admin, 7).unwrap();
    assert_eq!(dash.low_stock.iter().map(|l| (l.code.as_str(), l.qty, l.threshold)).collect::<Vec<_>>(), vec![(paper.as_str(), d("10"), d("10"))]);
    let rows = f.ledger.consumable_stock(&f.admin, "").unwrap();
    assert_eq!(rows.iter().filter(|r| r.low).map(|r| r.code.as_str()).collect::<Vec<_>>(), vec![paper.as_str()]);
    assert_eq!(f.ledger.consumable_stock(&f.admin, "笔").unwrap().len(), 1, "the stock list is searchable");
    // Editing the threshold moves the alert.
    let input = ItemInput { name: "A4复印纸".into(), kind: "办公用纸".into(), spec: String::new(), unit: "包".into(), threshold: "5".into() };
    f.ledger.edit_consumable_item(&f.admin, &paper, &input).unwrap();
    assert!(f.ledger.dashboard(&f.admin, 7).unwrap().low_stock.is_empty());
    // Names are unique; a duplicate is refused naming the existing code.
    let dup = ItemInput { name: "中性笔".into(), kind: "文具".into(), unit: "支".into(), ..ItemInput::default() };
    let err = f.ledger.add_consumable_item(&f.admin, &dup).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains(&pen), "{}", err.message(Lang::ZhCn));
    let err = f.ledger.add_consumable_item(&f.admin, &ItemInput::default()).unwrap_err();
    assert_eq!(err.fields, vec!["name", "type", "unit"]);
}

#[test]
fn movements_are_append_only_even_to_raw_sql() {
    let mut f = setup();
    let pen = item(&mut f, "中性笔", "文具", "支", "");
    let r = receive(&mut f, &pen, "3", "10.00", "2026-01-05");
    f.ledger.void_consumable(&f.admin, &r, "录错了").unwrap();
    let conn = rusqlite::Connection::open(ledger::Ledger::file_in(f._dir.path())).unwrap();
    for sql in [
        "DELETE FROM consumable_moves",
        "UPDATE consumable_moves SET qty_milli = 1",
        "UPDATE consumable_moves SET value_fen = value_fen + 1 WHERE kind = 'void'",
        "UPDATE consumable_moves SET state = 'posted' WHERE state = 'voided'",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(f.ledger.consumable_moves(&f.admin, &MoveQuery::default()).unwrap().len(), 2);
}

#[test]
fn a_deactivated_item_takes_no_movements_and_leaves_the_budget_until_reactivated() {
    let mut f = setup();
    let glue = item(&mut f, "胶水", "文具", "瓶", "2");
    receive(&mut f, &glue, "1", "4.00", "2026-01-05");
    let err = f.ledger.set_consumable_item_active(&f.admin, &glue, false).unwrap_err();
    assert!(err.message(Lang::ZhCn).contains("尚有库存 1瓶"), "{}", err.message(Lang::ZhCn));
    issue(&mut f, &glue, "1", "行政部", "2026-01-06");
    assert_eq!(f.ledger.dashboard(&f.admin, 7).unwrap().low_stock.len(), 1);
    f.ledger.set_consumable_item_active(&f.admin, &glue, false).unwrap();
    assert!(f.ledger.dashboard(&f.admin, 7).unwrap().low_stock.is_empty());
    let err = f.ledger.post_consumable(&f.admin, &issue_req(&glue, "1", "行政部", "", "")).unwrap_err();
    assert!(err.message(Lang::En).contains("deactivated"), "{}", err.message(Lang::En));
    let (lines, _) = f.ledger.consumable_budget(&f.admin, 2027, NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()).unwrap();
    assert!(lines.is_empty());
    assert!(!f.ledger.consumable_stock(&f.admin, "").unwrap()[0].active);
    f.ledger.set_consumable_item_active(&f.admin, "胶水", true).unwrap();
    receive(&mut f, &glue, "2", "4.00", "");
    assert_eq!(stock(&f, &glue).0, d("2"));
}
