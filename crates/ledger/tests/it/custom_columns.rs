//! Custom fields on the asset list (issue 21): their values on the rows, and filters on
//! them in the ledger's search, combined with the other filters and the paging.

use ledger::{AssetInput, AssetQuery, CustomField, ErrorCode, FieldFilter, FieldMatch};

use crate::common::{laptop, setup, Fixture};

fn define(f: &mut Fixture, name: &str, kind: &str) {
    f.ledger.define_custom_field(&f.admin, &CustomField { name: name.into(), kind: kind.into(), required: false, active: true }).unwrap();
}

fn filter(name: &str, op: FieldMatch, value: &str) -> FieldFilter {
    FieldFilter { name: name.into(), op, value: value.into() }
}

fn codes(f: &Fixture, q: AssetQuery) -> (i64, Vec<String>) {
    let page = f.ledger.list_assets(&f.admin, &q).unwrap();
    (page.total, page.rows.into_iter().map(|r| r.name).collect())
}

/// 甲 (行政部, Lenovo, 65 W), 乙 (行政部, lenovo-pro, 65.0 W), 丙 (财务部, Lenovo, 90 W), 丁 (no values).
fn four_assets() -> Fixture {
    let mut f = setup();
    define(&mut f, "品牌", "text");
    define(&mut f, "功率", "number");
    for (name, dept, brand, watts) in [("甲", "行政部", "Lenovo", "65"), ("乙", "行政部", "lenovo-pro", "65.0"), ("丙", "财务部", "Lenovo", "90"), ("丁", "行政部", "", "")] {
        let code = f.ledger.add_asset(&f.admin, &AssetInput { dept: dept.into(), ..laptop(name) }).unwrap();
        if !brand.is_empty() {
            f.ledger.set_custom_values(&f.admin, &code, &[("品牌".into(), brand.into()), ("功率".into(), watts.into())]).unwrap();
        }
    }
    f
}

#[test]
fn list_rows_carry_the_set_custom_values_by_field_name() {
    let f = four_assets();
    let rows = f.ledger.list_assets(&f.admin, &AssetQuery::default()).unwrap().rows;
    let first = rows.iter().find(|r| r.name == "甲").unwrap();
    assert_eq!(first.custom.get("品牌").map(String::as_str), Some("Lenovo"));
    assert_eq!(first.custom.get("功率").map(String::as_str), Some("65"));
    assert!(rows.iter().find(|r| r.name == "丁").unwrap().custom.is_empty(), "unset fields are absent, not empty strings");
}

#[test]
fn custom_field_filters_run_in_the_search_with_the_other_filters_and_paging() {
    let f = four_assets();
    let q = |fields: Vec<FieldFilter>| AssetQuery { fields, ..AssetQuery::default() };
    // Contains ignores Latin case; equals is exact text.
    assert_eq!(codes(&f, q(vec![filter("品牌", FieldMatch::Contains, "LENOVO")])).0, 3);
    assert_eq!(codes(&f, q(vec![filter("品牌", FieldMatch::Equals, "Lenovo")])).1, ["甲", "丙"]);
    // A number field compares numbers: 65 = 65.0.
    assert_eq!(codes(&f, q(vec![filter("功率", FieldMatch::Equals, "65")])).1, ["甲", "乙"]);
    // Two field filters and a register filter all hold.
    let both = AssetQuery { dept: Some("行政部".into()), fields: vec![filter("品牌", FieldMatch::Contains, "lenovo"), filter("功率", FieldMatch::Equals, "65.00")], ..AssetQuery::default() };
    assert_eq!(codes(&f, both.clone()).1, ["甲", "乙"]);
    // Paging counts the filtered total and pages within it.
    let paged = f.ledger.list_assets(&f.admin, &AssetQuery { limit: 1, offset: 1, ..both }).unwrap();
    assert_eq!((paged.total, paged.rows.len(), paged.rows[0].name.as_str()), (2, 1, "乙"));
    // An empty value is no filter at all.
    assert_eq!(codes(&f, q(vec![filter("品牌", FieldMatch::Equals, " ")])).0, 4);
    // The export walk sees the same rows.
    let mut seen = Vec::new();
    f.ledger
        .visit_assets(&f.admin, &q(vec![filter("品牌", FieldMatch::Equals, "Lenovo")]), 1, &mut |rows, _, _| {
            seen.extend(rows.iter().map(|r| r.name.clone()));
            Ok(true)
        })
        .unwrap();
    assert_eq!(seen, ["甲", "丙"]);
}

#[test]
fn filters_on_unknown_fields_or_non_numbers_are_refused_by_name() {
    let mut f = four_assets();
    let err = f.ledger.list_assets(&f.admin, &AssetQuery { fields: vec![filter("颜色", FieldMatch::Equals, "红")], ..AssetQuery::default() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.fields, vec!["颜色"]);
    assert_eq!(err.message(ledger::Lang::ZhCn), "没有名为「颜色」的自定义字段");
    let err = f.ledger.list_assets(&f.admin, &AssetQuery { fields: vec![filter("功率", FieldMatch::Equals, "大")], ..AssetQuery::default() }).unwrap_err();
    assert_eq!(err.fields, vec!["功率"]);
    assert!(err.message(ledger::Lang::En).contains("is not a number"), "{err}");
    // A deactivated field leaves the rows and can no longer be filtered on.
    f.ledger.define_custom_field(&f.admin, &CustomField { name: "品牌".into(), kind: "text".into(), required: false, active: false }).unwrap();
    let rows = f.ledger.list_assets(&f.admin, &AssetQuery::default()).unwrap().rows;
    assert!(rows.iter().all(|r| !r.custom.contains_key("品牌")));
    assert!(f.ledger.list_assets(&f.admin, &AssetQuery { fields: vec![filter("品牌", FieldMatch::Contains, "a")], ..AssetQuery::default() }).is_err());
}

#[test]
fn the_register_report_shows_and_groups_by_custom_fields() {
    let f = four_assets();
    let q = ledger::RegisterQuery { custom_columns: vec!["品牌".into(), "功率".into()], group_custom: Some("品牌".into()), ..Default::default() };
    let report = f.ledger.register_report(&f.admin, &q).unwrap();
    assert_eq!(report.custom_columns, ["品牌", "功率"]);
    let groups: Vec<(Option<String>, Vec<String>)> = report.groups.iter().map(|g| (g.name.clone(), g.rows.iter().map(|r| r.name.clone()).collect())).collect();
    assert_eq!(
        groups,
        [(Some("Lenovo".into()), vec!["甲".to_string(), "丙".into()]), (Some("lenovo-pro".into()), vec!["乙".into()]), (None, vec!["丁".into()])],
        "named groups by value, assets without one last"
    );
    assert_eq!(report.groups[0].totals.count, 2);
    assert_eq!(report.groups[0].rows[0].custom.get("功率").map(String::as_str), Some("65"));
    assert_eq!(report.grouping(ledger::Lang::ZhCn).as_deref(), Some("品牌"));
    // With the list's custom filter too.
    let filtered = ledger::RegisterQuery { filters: AssetQuery { fields: vec![filter("功率", FieldMatch::Equals, "90")], ..AssetQuery::default() }, ..q.clone() };
    assert_eq!(f.ledger.register_report(&f.admin, &filtered).unwrap().total.count, 1);
    let err = f.ledger.register_report(&f.admin, &ledger::RegisterQuery { group_custom: Some("颜色".into()), ..Default::default() }).unwrap_err();
    assert_eq!(err.fields, vec!["颜色"]);
}
