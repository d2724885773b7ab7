//! Custom fields from the command line (issue 21): defined, set on cards, shown in
//! `asset list` JSON as `fields`, filtered with `--field`, and exported as columns.

mod support;
use support::*;

use calamine::{open_workbook, Data, Reader, Xlsx};

fn add(dir: &std::path::Path, name: &str, dept: &str) -> String {
    let added = json(dir, &["asset", "add", "--name", name, "--category", "电脑", "--dept", dept, "--value", "5000", "--acquired", "2025-03-01"]);
    added["code"].as_str().unwrap().to_string()
}

#[test]
fn custom_fields_are_set_listed_filtered_and_exported() {
    let dir = init();
    let d = dir.path();
    json(d, &["asset", "field", "define", "品牌"]);
    let defined = json(d, &["asset", "field", "define", "功率", "--kind", "number"]);
    assert_eq!(defined["kind"], "number");
    let fields = json(d, &["asset", "field", "list"]);
    assert_eq!(fields.as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect::<Vec<_>>(), ["品牌", "功率"]);

    let a = add(d, "笔记本甲", "行政部");
    let b = add(d, "笔记本乙", "财务部");
    let c = add(d, "笔记本丙", "行政部");
    json(d, &["asset", "set-field", &a, "品牌=联想", "功率=65"]);
    json(d, &["asset", "set-field", &b, "品牌=联想小新"]);
    // A bad value names the field and changes nothing.
    let err = refused_error(d, &["asset", "set-field", &c, "品牌=戴尔", "功率=很大"]);
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("功率"), "{err}");

    let list = json(d, &["asset", "list"]);
    let rows = list.as_array().unwrap();
    let row_a = rows.iter().find(|r| r["code"] == a.as_str()).unwrap();
    assert_eq!(row_a["fields"], serde_json::json!({"品牌": "联想", "功率": "65"}));
    assert_eq!(row_a["name"], "笔记本甲", "the existing keys stay");
    assert_eq!(json(d, &["asset", "show", &a])["fields"]["品牌"], "联想", "the card's JSON too");
    let row_c = rows.iter().find(|r| r["code"] == c.as_str()).unwrap();
    assert_eq!(row_c["fields"], serde_json::json!({}), "the refused values were not kept");

    let codes = |args: &[&str]| -> Vec<String> {
        json(d, args).as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(codes(&["asset", "list", "--field", "品牌=联想"]), [a.clone()], "= is equals");
    assert_eq!(codes(&["asset", "list", "--field", "品牌~联想"]), [a.clone(), b.clone()], "~ is contains");
    assert_eq!(codes(&["asset", "list", "--field", "品牌~联想", "--field", "功率=65.0"]), [a.clone()], "repeated filters all hold");
    assert_eq!(codes(&["asset", "list", "--field", "品牌~联想", "--dept", "财务部"]), [b.clone()]);
    let err = refused_error(d, &["asset", "list", "--field", "颜色=红"]);
    assert!(err["message"].as_str().unwrap().contains("颜色"), "{err}");

    let file = d.join("联想.xlsx");
    let result = json(d, &["export", file.to_str().unwrap(), "--field", "品牌~联想"]);
    assert_eq!(result["rows"], 2);
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[10..], ["品牌", "功率"]);
    let exported_a = range.rows().skip(1).find(|r| r[0] == Data::String(a.clone())).unwrap();
    assert_eq!((&exported_a[10], &exported_a[11]), (&Data::String("联想".into()), &Data::Float(65.0)));
}

#[test]
fn an_import_fills_custom_fields_from_columns_named_as_them() {
    let dir = init();
    let d = dir.path();
    json(d, &["asset", "field", "define", "品牌"]);
    json(d, &["asset", "field", "define", "功率", "--kind", "number"]);
    let csv = d.join("台账.csv");
    std::fs::write(
        &csv,
        "资产编号,资产名称,资产类别,品牌,功率\n\
         C-001,投影仪,教学设备,爱普生,300\n\
         C-002,显示器,电脑,戴尔,很大\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    // The dry run names the bad value's row and column, as for the other columns.
    let dry = json(d, &["import", path, "--dry-run"]);
    assert_eq!(dry["would_import"], 1);
    assert_eq!((dry["errors"][0]["row"].as_i64(), dry["errors"][0]["column"].as_str()), (Some(3), Some("功率")));
    assert!(dry["errors"][0]["message"].as_str().unwrap().contains("很大"), "{dry}");
    assert_eq!(run(d, &["--json", "import", path]).status.code(), Some(1));
    assert_eq!(json(d, &["asset", "list"]).as_array().unwrap().len(), 0, "nothing written when a row is bad");

    let done = json(d, &["import", path, "--skip-invalid"]);
    assert_eq!(done["imported"], 1);
    let rows = json(d, &["asset", "list", "--field", "品牌=爱普生"]);
    assert_eq!(rows[0]["code"], "C-001");
    assert_eq!(rows[0]["fields"], serde_json::json!({"品牌": "爱普生", "功率": "300"}));
}

#[test]
fn the_register_report_groups_by_and_shows_a_custom_field() {
    let dir = init();
    let d = dir.path();
    json(d, &["asset", "field", "define", "品牌"]);
    let a = add(d, "笔记本甲", "行政部");
    let b = add(d, "笔记本乙", "财务部");
    json(d, &["asset", "set-field", &a, "品牌=联想"]);
    json(d, &["asset", "set-field", &b, "品牌=戴尔"]);
    let report = json(d, &["report", "register", "--group-by", "cf:品牌", "--columns", "code,name,cf:品牌"]);
    assert_eq!(report["group_by"], "cf:品牌");
    let names: Vec<&str> = report["groups"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["戴尔", "联想"]);
    assert_eq!(report["groups"][1]["rows"][0]["code"], a.as_str());
    assert_eq!(report["groups"][1]["rows"][0]["fields"]["品牌"], "联想");
    let err = refused_error(d, &["report", "register", "--group-by", "cf:颜色"]);
    assert!(err["message"].as_str().unwrap().contains("颜色"), "{err}");
    // The standard group-bys still answer as before.
    assert_eq!(json(d, &["report", "register", "--group-by", "dept"])["group_by"], "dept");
}
