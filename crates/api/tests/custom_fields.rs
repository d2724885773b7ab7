//! Custom fields beyond the card (issue 21), through the use cases the app and the CLI
//! call, on a real ledger file: list rows carry them, the list filters on them, the
//! list's export has a column per field.

use api::assets::{AssetInputDto, AssetQueryDto, FieldFilterDto};
use api::card::CustomFieldDto;
use api::{Ctx, ErrorCode, Lang};
use calamine::{open_workbook, Data, Reader, Xlsx};
use ledger::{Ledger, SetupInput};

fn desk() -> (tempfile::TempDir, Ledger, ledger::Actor) {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    (dir, ledger, admin)
}

fn asset(cx: &mut Ctx, name: &str, dept: &str) -> api::AssetCode {
    let input = AssetInputDto { name: name.into(), category: "电脑".into(), dept: dept.into(), acquired: "2025-01-10".into(), value: "5000".into(), ..AssetInputDto::default() };
    api::assets::register(cx, input).unwrap()
}

fn filter(arg: &str) -> FieldFilterDto {
    FieldFilterDto::parse(arg).unwrap()
}

#[test]
fn the_list_and_its_export_carry_and_filter_custom_fields() {
    let (dir, mut ledger, admin) = desk();
    let cx = &mut Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    for (name, kind) in [("品牌", "text"), ("功率", "number")] {
        api::card::define_custom_field(cx, CustomFieldDto { name: name.into(), kind: kind.into(), required: false, active: true }).unwrap();
    }
    let a = asset(cx, "笔记本甲", "行政部");
    let b = asset(cx, "笔记本乙", "财务部");
    asset(cx, "笔记本丙", "行政部");
    api::card::set_custom_values(cx, &a, &[("品牌".into(), "联想 ThinkPad".into()), ("功率".into(), "65".into())]).unwrap();
    api::card::set_custom_values(cx, &b, &[("品牌".into(), "联想".into())]).unwrap();

    let all = api::assets::list(cx, AssetQueryDto::default()).unwrap();
    let first = all.rows.iter().find(|r| r.code == a.to_string()).unwrap();
    assert_eq!(first.fields.get("品牌").map(String::as_str), Some("联想 ThinkPad"));
    assert_eq!(serde_json::to_value(first).unwrap()["fields"]["功率"], "65", "the row's JSON has fields by name");

    // `~` contains, `=` equals; with a register filter, all must hold.
    let contains = api::assets::list(cx, AssetQueryDto { fields: vec![filter("品牌~联想")], ..AssetQueryDto::default() }).unwrap();
    assert_eq!(contains.total, 2);
    let equals = api::assets::list(cx, AssetQueryDto { fields: vec![filter("品牌=联想")], ..AssetQueryDto::default() }).unwrap();
    assert_eq!(equals.rows.iter().map(|r| r.code.clone()).collect::<Vec<_>>(), [b.to_string()]);
    let with_dept = api::assets::list(cx, AssetQueryDto { dept: Some("行政部".into()), fields: vec![filter("品牌~联想")], ..AssetQueryDto::default() }).unwrap();
    assert_eq!(with_dept.rows.iter().map(|r| r.code.clone()).collect::<Vec<_>>(), [a.to_string()]);

    let bad_op = api::assets::list(cx, AssetQueryDto { fields: vec![FieldFilterDto { name: "品牌".into(), op: "like".into(), value: "x".into() }], ..AssetQueryDto::default() });
    assert_eq!(bad_op.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(FieldFilterDto::parse("品牌").unwrap_err().code, ErrorCode::InvalidInput, "NAME without = or ~ is refused");

    // The export the app and the CLI write: one column per field, the filtered rows.
    let path = dir.path().join("台账.xlsx");
    api::assets::export(&mut |step| step(cx), AssetQueryDto { fields: vec![filter("品牌~联想")], ..AssetQueryDto::default() }, &path, &mut |_, _| true).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("资产台账").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[10..], ["品牌", "功率"]);
    assert_eq!(range.height(), 3);
    let row_a = range.rows().skip(1).find(|r| r[0] == Data::String(a.to_string())).unwrap();
    assert_eq!((&row_a[10], &row_a[11]), (&Data::String("联想 ThinkPad".into()), &Data::Float(65.0)));
}

#[test]
fn the_register_report_takes_custom_columns_and_groups_and_exports_them() {
    let (dir, mut ledger, admin) = desk();
    let cx = &mut Ctx::new(&mut ledger, &admin, Lang::ZhCn);
    api::card::define_custom_field(cx, CustomFieldDto { name: "品牌".into(), kind: "text".into(), required: false, active: true }).unwrap();
    let a = asset(cx, "笔记本甲", "行政部");
    let b = asset(cx, "笔记本乙", "财务部");
    asset(cx, "笔记本丙", "行政部");
    api::card::set_custom_values(cx, &a, &[("品牌".into(), "联想".into())]).unwrap();
    api::card::set_custom_values(cx, &b, &[("品牌".into(), "联想".into())]).unwrap();

    let offered = api::reports::columns(cx).unwrap();
    assert!(offered.iter().any(|c| c.key == "cf:品牌" && c.label == "品牌" && !c.default), "custom fields are offered as columns");

    let request = || api::reports::ReportRequestDto {
        report: "register".into(),
        group_by: "cf:品牌".into(),
        columns: vec!["code,cf:品牌,name".into()],
        ..Default::default()
    };
    let report = api::reports::build(cx, request()).unwrap();
    let api::reports::ReportData::Register(data) = &report.data else { panic!("a register") };
    assert_eq!((data.group_by.as_str(), data.custom_columns.clone()), ("cf:品牌", vec!["品牌".to_string()]));
    let json = serde_json::to_value(data).unwrap();
    assert_eq!(json["groups"][0]["name"], "联想");
    assert_eq!(json["groups"][0]["rows"][0]["fields"]["品牌"], "联想");
    assert_eq!(json["groups"][1]["name"], serde_json::Value::Null, "the assets without a value");

    let preview = api::reports::preview(cx, request()).unwrap();
    assert_eq!(preview.title, report.title);
    assert!(preview.title.contains("按品牌"), "{}", preview.title);
    assert_eq!(preview.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>(), ["资产编码", "资产名称", "品牌"], "custom columns after the others");
    assert_eq!(preview.sections.iter().map(|s| s.heading.as_str()).collect::<Vec<_>>(), ["品牌:联想", "品牌:（无品牌）", "合计"]);

    let table = api::reports::table(cx, request()).unwrap();
    let path = dir.path().join("报表.xlsx");
    api::export::write_xlsx(&table, &path, &mut |_, _| true).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range(&book.sheet_names()[0].clone()).unwrap();
    assert_eq!(range.get((0, 2)), Some(&Data::String("品牌".into())));
    assert_eq!(range.get((1, 2)), Some(&Data::String("联想".into())));

    let bad = api::reports::build(cx, api::reports::ReportRequestDto { columns: vec!["cf:颜色".into()], ..request() });
    assert_eq!(bad.err().unwrap().code, ErrorCode::InvalidInput);
}
