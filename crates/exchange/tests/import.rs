//! Legacy import planning: sheets are built here with rust_xlsxwriter so each test
//! shows what the clerk's file holds; the .xls fixture and the shared sample are files.

use std::path::Path;

use chrono::NaiveDate;
use exchange::{
    lessons, plan_import, plan_import_bytes, ColumnMapping, ImportError, ImportField, ImportOptions, ImportPlan, ImportRow,
    LearnedHeaders, RowError,
};
use ledger::{AssetStatus, Decimal, Lang};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// One cell of a test sheet.
#[derive(Clone, Copy)]
enum V<'a> {
    S(&'a str),
    N(f64),
    /// A real date cell with a date format.
    D(u16, u8, u8),
    E,
}
use V::{D, E, N, S};

fn add_sheet(book: &mut Workbook, name: &str, rows: &[Vec<V>]) {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match *v {
                S(s) => drop(sheet.write_string(r, c, s).unwrap()),
                N(n) => drop(sheet.write_number(r, c, n).unwrap()),
                D(y, m, d) => drop(
                    sheet.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date).unwrap(),
                ),
                E => {}
            }
        }
    }
}

fn xlsx(rows: &[Vec<V>]) -> Vec<u8> {
    let mut book = Workbook::new();
    add_sheet(&mut book, "Sheet1", rows);
    book.save_to_buffer().unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()
}

fn options() -> ImportOptions {
    ImportOptions { today: Some(today()), ..Default::default() }
}

fn plan(bytes: Vec<u8>) -> ImportPlan {
    plan_import_bytes(bytes, "test", &options()).unwrap()
}

fn row(plan: &ImportPlan, sheet_row: u32) -> &ImportRow {
    plan.rows
        .iter()
        .find(|r| r.row == sheet_row)
        .unwrap_or_else(|| panic!("row {sheet_row} not planned: {:#?}", plan.report))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// (row, column, English message) of every error, for exact comparison.
fn errors(plan: &ImportPlan) -> Vec<(u32, &str, &str)> {
    plan.report.errors.iter().map(|e| (e.row, e.column.as_str(), e.message_en.as_str())).collect()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn title_and_unit_rows_are_skipped_and_chinese_headers_map_loosely() {
    let bytes = xlsx(&[
        vec![S("XX单位固定资产台账")],
        vec![S("单位:元")],
        vec![],
        vec![
            S(" 资产 编号 "),
            S("名　称"),
            S("资产分类"),
            S("规格型号"),
            S("SN"),
            S("所属部门"),
            S("存放位置"),
            S("保管人"),
            S("购入日期"),
            S("原值（元）"),
            S("折旧年限(年)"),
            S("净残值率(%)"),
            S("折旧方法"),
            S("资产状态"),
            S("备 注"),
        ],
        vec![
            S("ZC-001"),
            S("联想台式机"),
            S("电子设备"),
            S("M720"),
            S("SN123"),
            S("办公室"),
            S("301室"),
            S("张三"),
            D(2019, 3, 5),
            N(4999.0),
            N(5.0),
            S("5%"),
            S("平均年限法"),
            S("在用"),
            S("旧系统导入"),
        ],
    ]);
    let plan = plan(bytes);
    assert_eq!(plan.header_row, 4);
    let mapped: Vec<(u32, &str, Option<ImportField>)> =
        plan.columns.iter().map(|c| (c.column, c.header.as_str(), c.field)).collect();
    use ImportField::*;
    assert_eq!(
        mapped,
        vec![
            (0, "资产 编号", Some(Code)),
            (1, "名　称", Some(Name)),
            (2, "资产分类", Some(Category)),
            (3, "规格型号", Some(Model)),
            (4, "SN", Some(Serial)),
            (5, "所属部门", Some(Dept)),
            (6, "存放位置", Some(Location)),
            (7, "保管人", Some(Custodian)),
            (8, "购入日期", Some(Acquired)),
            (9, "原值（元）", Some(Value)),
            (10, "折旧年限(年)", Some(LifeYears)),
            (11, "净残值率(%)", Some(SalvageRate)),
            (12, "折旧方法", Some(Method)),
            (13, "资产状态", Some(Status)),
            (14, "备 注", Some(Notes)),
        ]
    );
    let r = row(&plan, 5);
    assert_eq!(
        r.asset,
        ledger::AssetInput {
            code: "ZC-001".into(),
            name: "联想台式机".into(),
            category: "电子设备".into(),
            model: "M720".into(),
            serial: "SN123".into(),
            dept: "办公室".into(),
            location: "301室".into(),
            custodian: "张三".into(),
            acquired: "2019-03-05".into(),
            value: "4999.00".into(),
            life_years: "5".into(),
            salvage_rate: "0.05".into(),
            salvage: "".into(),
            method: "straight-line".into(),
            notes: "旧系统导入".into(),
            ..Default::default()
        }
    );
    assert_eq!(r.status, Some(AssetStatus::InUse));
    assert_eq!(plan.report.rows_read, 1);
    assert!(plan.report.errors.is_empty());
}

#[test]
fn english_headers_map() {
    let plan = plan(xlsx(&[
        vec![
            S("Asset Tag"),
            S("Description"),
            S("Category"),
            S("Model"),
            S("S/N"),
            S("Department"),
            S("Location"),
            S("Owner"),
            S("Purchase Date"),
            S("Cost ($)"),
            S("Useful Life"),
            S("Salvage Value"),
            S("Status"),
            S("Remarks"),
        ],
        vec![
            S("IT-0042"),
            S("Dell Latitude"),
            S("Computers"),
            S("5420"),
            S("CN-0X1"),
            S("IT"),
            S("HQ 2F"),
            S("Alice"),
            S("2021-06-30"),
            S("1,299.00"),
            S("4"),
            S("100"),
            S("In use"),
            S("spare charger"),
        ],
    ]));
    assert_eq!(plan.header_row, 1);
    let fields: Vec<Option<ImportField>> = plan.columns.iter().map(|c| c.field).collect();
    use ImportField::*;
    let want = [
        Code, Name, Category, Model, Serial, Dept, Location, Custodian, Acquired, Value, LifeYears, Salvage, Status,
        Notes,
    ];
    assert_eq!(fields, want.map(Some).to_vec());
    let a = &row(&plan, 2).asset;
    assert_eq!(
        (a.code.as_str(), a.name.as_str(), a.value.as_str(), a.salvage.as_str()),
        ("IT-0042", "Dell Latitude", "1299.00", "100.00")
    );
    assert_eq!((a.serial.as_str(), a.custodian.as_str(), a.life_years.as_str()), ("CN-0X1", "Alice", "4"));
    assert_eq!(row(&plan, 2).status, Some(AssetStatus::InUse));
}

fn value_sheet(header: [&'static str; 4], rows: Vec<Vec<V<'static>>>) -> ImportPlan {
    let mut all = vec![header.iter().map(|h| S(h)).collect::<Vec<_>>()];
    all.extend(rows);
    plan(xlsx(&all))
}

#[test]
fn every_date_form_is_read() {
    let forms: Vec<V> = vec![
        D(2019, 3, 5),
        S("2019.03.05"),
        S("2019/3/5"),
        S("2019年3月5日"),
        S("2019-03-05"),
        S("20190305"),
        N(20190305.0),
        N(43529.0), // the serial number of 2019-03-05 in a General cell
        S("２０１９－０３－０５"),
        S(" 2019-3-5 00:00:00 "),
    ];
    let rows = forms.into_iter().enumerate().map(|(i, d)| vec![N(i as f64 + 1.0), S("椅子"), S("家具"), d]).collect();
    let plan = value_sheet(["编号", "名称", "类别", "购置日期"], rows);
    assert!(plan.report.errors.is_empty(), "{:#?}", plan.report.errors);
    assert_eq!(plan.rows.len(), 10);
    for r in &plan.rows {
        assert_eq!(r.asset.acquired, "2019-03-05", "row {}", r.row);
    }
}

#[test]
fn every_amount_and_rate_form_is_read() {
    let cases: Vec<(V, &str, V, &str)> = vec![
        (N(1234.5), "1234.50", S("5%"), "0.05"),
        (S("1,234.50"), "1234.50", N(0.05), "0.05"),
        (S("¥1,234.5"), "1234.50", S("0.05"), "0.05"),
        (S("￥1,234.50"), "1234.50", S("5"), "0.05"),
        (S("1234.5元"), "1234.50", S("５％"), "0.05"),
        (S("1 234.50"), "1234.50", S("3%"), "0.03"),
        (S("１２３４．５"), "1234.50", E, ""),
        (N(0.1 + 0.2), "0.30", S(" 0 "), "0"),
    ];
    let rows = cases.iter().enumerate().map(|(i, (v, _, r, _))| vec![N(i as f64 + 1.0), S("桌子"), *v, *r]).collect();
    let plan = value_sheet(["编号", "名称", "原值", "残值率"], rows);
    // No category column: every row says so, and nothing else.
    assert!(plan.report.errors.iter().all(|e| e.message_en == "category is missing" && e.column == "资产类别"));
    let plan = {
        let rows = cases
            .iter()
            .enumerate()
            .map(|(i, (v, _, r, _))| vec![N(i as f64 + 1.0), S("桌子"), *v, *r, S("家具")])
            .collect::<Vec<_>>();
        let mut all = vec![vec![S("编号"), S("名称"), S("原值"), S("残值率"), S("类别")]];
        all.extend(rows);
        self::plan(xlsx(&all))
    };
    assert!(plan.report.errors.is_empty(), "{:#?}", plan.report.errors);
    for (i, (_, value, _, rate)) in cases.iter().enumerate() {
        let r = row(&plan, i as u32 + 2);
        assert_eq!((r.asset.value.as_str(), r.asset.salvage_rate.as_str()), (*value, *rate), "row {}", r.row);
    }
}

#[test]
fn codes_text_and_statuses_are_normalised() {
    let statuses = [
        ("在用", AssetStatus::InUse),
        ("闲置", AssetStatus::InStock),
        ("维修中", AssetStatus::UnderRepair),
        ("借出", AssetStatus::OnLoan),
        ("已报废", AssetStatus::Scrapped),
        ("报废", AssetStatus::Scrapped),
        ("盘亏", AssetStatus::Missing),
        ("已处置", AssetStatus::Disposed),
        ("丢失", AssetStatus::Missing),
        ("in_stock", AssetStatus::InStock),
        ("Under repair", AssetStatus::UnderRepair),
    ];
    let mut rows = vec![vec![S("资产编号"), S("资产名称"), S("类别"), S("状态")]];
    for (i, (word, _)) in statuses.iter().enumerate() {
        rows.push(vec![N(1001.0 + i as f64), S("椅子"), S("家具"), S(word)]);
    }
    rows.push(vec![S("ＡＢＣ１２３"), S("　打印机\u{3000} "), S(" 电子\n设备 "), E]);
    rows.push(vec![S("00123"), S("ＨＰ打印机（黑白）"), S("电子设备"), S("-")]);
    let plan = plan(xlsx(&rows));
    assert!(plan.report.errors.is_empty(), "{:#?}", plan.report.errors);
    for (i, (_, status)) in statuses.iter().enumerate() {
        let r = row(&plan, i as u32 + 2);
        assert_eq!(r.asset.code, (1001 + i).to_string());
        assert_eq!(r.status, Some(*status), "row {}", r.row);
    }
    let r = row(&plan, 13);
    assert_eq!(
        (r.asset.code.as_str(), r.asset.name.as_str(), r.asset.category.as_str(), r.status),
        ("ABC123", "打印机", "电子 设备", None)
    );
    // Leading zeros of a text code stay; full-width letters in a name become half-width,
    // Chinese brackets stay as typed; "-" means empty.
    let r = row(&plan, 14);
    assert_eq!((r.asset.code.as_str(), r.asset.name.as_str(), r.status), ("00123", "HP打印机（黑白）", None));
}

#[test]
fn bad_rows_are_reported_with_row_column_and_reason() {
    let plan = plan(xlsx(&[
        vec![S("固定资产台账")],
        vec![
            S("资产编号"),
            S("资产名称"),
            S("资产类别"),
            S("购置日期"),
            S("原值(元)"),
            S("使用年限"),
            S("残值率"),
            S("使用状况"),
        ],
        vec![S("A1"), S("台式机"), S("电子设备"), S("2019-03-05"), N(100.0), N(5.0), S("5%"), S("在用")],
        vec![S("A2"), E, S("电子设备"), S("2019-03-05"), N(100.0), E, E, E],
        vec![S("A3"), S("台式机"), S("电子设备"), S("2019-13-45"), S("abc"), E, E, E],
        vec![S("A4"), S("台式机"), S("电子设备"), S("2025-01-01"), N(-5.0), E, E, E],
        vec![S("A1"), S("笔记本"), S("电子设备"), E, S("12.345"), S("5.5"), S("150%"), S("不知道")],
        vec![S("含 空格"), S("台式机"), S("电子设备"), E, E, N(0.0), E, E],
    ]));
    assert_eq!(
        errors(&plan),
        vec![
            (4, "资产名称", "asset name is missing"),
            (5, "购置日期", "acquisition date '2019-13-45' is not a date (e.g. 2019-03-05)"),
            (5, "原值(元)", "original value 'abc' is not an amount (e.g. 1234.50)"),
            (6, "购置日期", "acquisition date 2025-01-01 is in the future"),
            (6, "原值(元)", "original value '-5' cannot be negative"),
            (7, "资产编号", "asset code 'A1' repeats row 3"),
            (7, "原值(元)", "original value '12.345' has more than two decimal places"),
            (7, "使用年限", "useful life '5.5' must be a whole number of years from 1 to 100"),
            (7, "残值率", "salvage rate '150%' is not a rate from 0% to 100% (e.g. 5% or 0.05)"),
            (7, "使用状况", "status '不知道' is not a known status (e.g. 在用, 闲置, 借出, 维修中, 已报废, 盘亏)"),
            (8, "资产编号", "asset code '含 空格' must be 1 to 40 letters, digits or symbols without spaces"),
            (8, "使用年限", "useful life '0' must be a whole number of years from 1 to 100"),
        ]
    );
    let zh: Vec<&str> = plan.report.errors.iter().take(2).map(|e| e.message(Lang::ZhCn)).collect();
    assert_eq!(zh, vec!["资产名称为空", "购置日期「2019-13-45」不是有效日期（例如 2019-03-05）"]);
    assert_eq!(
        (plan.report.rows_read, plan.report.invalid_rows, plan.report.valid_rows, plan.report.skipped),
        (6, 5, 1, 0)
    );
    assert_eq!(plan.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![3]);
}

#[test]
fn blank_summary_and_repeated_header_rows_are_skipped_and_counted() {
    let plan = plan(xlsx(&[
        vec![S("序号"), S("资产编号"), S("资产名称"), S("类别"), S("原值")],
        vec![N(1.0), S("A1"), S("椅子"), S("家具"), N(10.0)],
        vec![],
        vec![N(2.0)], // pre-numbered row with nothing else
        vec![S("小计"), E, E, E, N(10.0)],
        vec![S("序号"), S("资产编号"), S("资产名称"), S("类别"), S("原值")],
        vec![N(3.0), S("A2"), S("桌子"), S("家具"), N(20.0)],
        vec![E, S("本页合计:"), E, E, N(30.0)],
        vec![E, E, S("Total"), E, N(30.0)],
        vec![E, S("总计"), E, E, N(30.0)],
        vec![],
        vec![E, S("制表人：李四"), E, S("审核人:")],
    ]));
    let r = &plan.report;
    assert_eq!((r.rows_read, r.blank_rows, r.summary_rows, r.repeated_header_rows, r.skipped), (11, 3, 5, 1, 9));
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert_eq!(
        plan.rows.iter().map(|r| (r.row, r.asset.code.as_str())).collect::<Vec<_>>(),
        vec![(2, "A1"), (7, "A2")]
    );
}

#[test]
fn summary_words_inside_names_are_not_summaries() {
    let plan = plan(xlsx(&[vec![S("名称"), S("类别")], vec![S("总计算机房空调"), S("通用设备")], vec![S("合计"), E]]));
    assert_eq!(plan.rows.len(), 1);
    assert_eq!(plan.report.summary_rows, 1);
}

#[test]
fn gbk_csv_is_detected_and_rows_are_numbered_as_excel_shows_them() {
    let text = "某单位资产清单\r\n资产编号,资产名称,资产类别,购置日期,原值\r\nGB-1,\"电脑,联想\",电子设备,2019/3/5,\"1,234.50\"\r\n\r\nGB-2,空调,通用设备,2020年1月2日,￥300\r\n合计,,,,\"1,534.50\"\r\n";
    let (gbk, _, lossy) = encoding_rs::GBK.encode(text);
    assert!(!lossy);
    let plan = plan(gbk.into_owned());
    assert_eq!(plan.header_row, 2);
    assert_eq!(plan.sheet, "test");
    let r = row(&plan, 3);
    assert_eq!(
        (r.asset.name.as_str(), r.asset.acquired.as_str(), r.asset.value.as_str()),
        ("电脑,联想", "2019-03-05", "1234.50")
    );
    let r = row(&plan, 5);
    assert_eq!(
        (r.asset.name.as_str(), r.asset.acquired.as_str(), r.asset.value.as_str()),
        ("空调", "2020-01-02", "300.00")
    );
    assert_eq!((plan.report.rows_read, plan.report.blank_rows, plan.report.summary_rows), (4, 1, 1));
}

#[test]
fn utf8_csv_with_bom_tabs_and_quoted_line_breaks() {
    let text = "\u{FEFF}Code\tName\tCategory\tNotes\nT1\tChair\tFurniture\t\"two\nlines\"\nT2\tDesk\tFurniture\t\"say \"\"hi\"\"\"\n";
    let plan = plan(text.as_bytes().to_vec());
    assert_eq!(plan.header_row, 1);
    assert_eq!(row(&plan, 2).asset.notes, "two lines");
    assert_eq!(row(&plan, 3).asset.notes, "say \"hi\"");
    assert_eq!(row(&plan, 3).asset.code, "T2");
}

#[test]
fn xls_fixture_is_read() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/legacy-ledger.xls");
    let plan = plan_import(Path::new(path), &options()).unwrap();
    assert_eq!((plan.sheet.as_str(), plan.header_row), ("台账", 3));
    let r = row(&plan, 4);
    assert_eq!(
        (r.asset.code.as_str(), r.asset.acquired.as_str(), r.asset.value.as_str()),
        ("1001", "2019-03-05", "4999.00")
    );
    let r = row(&plan, 5);
    assert_eq!(
        (r.asset.code.as_str(), r.asset.acquired.as_str(), r.asset.value.as_str(), r.status),
        ("1002", "2019-03-05", "1234.50", Some(AssetStatus::InStock))
    );
    assert_eq!(errors(&plan), vec![(6, "资产名称", "asset name is missing")]);
    assert_eq!((plan.report.rows_read, plan.report.summary_rows), (4, 1));
}

#[test]
fn the_first_sheet_with_a_header_is_chosen_unless_one_is_named() {
    let mut book = Workbook::new();
    add_sheet(&mut book, "说明", &[vec![S("本表为固定资产台账,请勿修改表头")]]);
    add_sheet(&mut book, "台账", &[vec![S("编号"), S("名称"), S("类别")], vec![S("A1"), S("椅子"), S("家具")]]);
    add_sheet(&mut book, "报废", &[vec![S("编号"), S("名称"), S("类别")], vec![S("B1"), S("旧椅"), S("家具")]]);
    let bytes = book.save_to_buffer().unwrap();
    let plan = self::plan(bytes.clone());
    assert_eq!(plan.sheets, vec!["说明", "台账", "报废"]);
    assert_eq!((plan.sheet.as_str(), plan.rows[0].asset.code.as_str()), ("台账", "A1"));
    let named = ImportOptions { sheet: Some("报废".into()), ..options() };
    assert_eq!(plan_import_bytes(bytes.clone(), "x", &named).unwrap().rows[0].asset.code, "B1");
    let missing = ImportOptions { sheet: Some("Sheet9".into()), ..options() };
    let err = plan_import_bytes(bytes.clone(), "x", &missing).unwrap_err();
    assert_eq!(
        err,
        ImportError::SheetNotFound {
            name: "Sheet9".into(),
            available: vec!["说明".into(), "台账".into(), "报废".into()]
        }
    );
    let no_header = ImportOptions { sheet: Some("说明".into()), ..options() };
    assert_eq!(
        plan_import_bytes(bytes, "x", &no_header).unwrap_err(),
        ImportError::NoHeader { sheet: Some("说明".into()) }
    );
}

#[test]
fn an_explicit_mapping_overrides_and_round_trips_as_json() {
    let bytes = xlsx(&[vec![S("列1"), S("列2"), S("列3")], vec![S("X9"), S("柜子"), S("家具")]]);
    assert_eq!(plan_import_bytes(bytes.clone(), "x", &options()).unwrap_err(), ImportError::NoHeader { sheet: None });
    let mut mapping = ColumnMapping::default();
    mapping.set(0, Some(ImportField::Code));
    mapping.set(1, Some(ImportField::Name));
    mapping.set(2, Some(ImportField::Category));
    let json = serde_json::to_string(&mapping).unwrap();
    assert_eq!(json, r#"{"columns":{"0":"code","1":"name","2":"category"}}"#);
    let saved: ColumnMapping = serde_json::from_str(&json).unwrap();
    let opts = ImportOptions { mapping: Some(saved), header_row: Some(1), ..options() };
    let plan = plan_import_bytes(bytes.clone(), "x", &opts).unwrap();
    assert_eq!((plan.rows[0].asset.code.as_str(), plan.rows[0].asset.name.as_str()), ("X9", "柜子"));

    // Moving a field to another column frees the old one.
    mapping.set(2, Some(ImportField::Name));
    assert_eq!(mapping.column_of(ImportField::Name), Some(2));
    assert_eq!(mapping.columns.len(), 2);
    let twice: ColumnMapping = serde_json::from_str(r#"{"columns":{"0":"name","1":"name"}}"#).unwrap();
    let opts = ImportOptions { mapping: Some(twice), header_row: Some(1), ..options() };
    assert!(matches!(plan_import_bytes(bytes.clone(), "x", &opts), Err(ImportError::BadMapping(_))));
    let no_name: ColumnMapping = serde_json::from_str(r#"{"columns":{"0":"code"}}"#).unwrap();
    let opts = ImportOptions { mapping: Some(no_name), header_row: Some(1), ..options() };
    assert_eq!(plan_import_bytes(bytes, "x", &opts).unwrap_err(), ImportError::NameColumnMissing);
}

#[test]
fn opening_balances_units_quantities_and_barcodes() {
    let plan = plan(xlsx(&[
        vec![S("资产台账(截至2023年12月31日)")],
        vec![S("单位:万元")],
        vec![
            S("资产编号"),
            S("条形码"),
            S("资产名称"),
            S("类别"),
            S("原值"),
            S("累计折旧"),
            S("账面净值"),
            S("使用年限(月)"),
            S("数量"),
            S("净残值(元)"),
        ],
        vec![S("C1"), S("C1"), S("服务器"), S("电子设备"), N(1.5), N(0.3), E, N(60.0), N(1.0), S("500")],
        vec![E, S("BAR-2"), S("交换机"), S("电子设备"), S("2"), E, N(1.5), N(36.0), E, E],
        vec![S("C3"), S("OLD-3"), S("椅子"), S("家具"), N(0.1), N(0.2), E, E, S("10把"), E],
    ]));
    assert_eq!(plan.opening_date, Some(date(2023, 12, 31)));
    let r = row(&plan, 4);
    assert_eq!(
        (r.asset.code.as_str(), r.asset.value.as_str(), r.asset.life_years.as_str(), r.asset.salvage.as_str()),
        ("C1", "15000.00", "5", "500.00")
    );
    assert_eq!((r.accumulated_depreciation, r.opening_date), (Some(dec("3000")), Some(date(2023, 12, 31))));
    let r = row(&plan, 5);
    assert_eq!(
        (r.asset.code.as_str(), r.asset.value.as_str(), r.asset.life_years.as_str()),
        ("BAR-2", "20000.00", "3")
    );
    assert_eq!(r.accumulated_depreciation, Some(dec("5000")));
    assert_eq!(
        errors(&plan),
        vec![
            (6, "累计折旧", "accumulated depreciation is larger than the original value"),
            (6, "数量", "the row holds 10 items; give each asset its own row"),
        ]
    );
}

#[test]
fn accumulated_depreciation_takes_its_date_from_a_column_or_the_options() {
    let rows = [
        vec![S("名称"), S("类别"), S("原值"), S("累计折旧"), S("折旧截止日期")],
        vec![S("车"), S("运输设备"), N(100000.0), N(19000.0), S("2024-06-30")],
        vec![S("船"), S("运输设备"), N(100000.0), N(1000.0), E],
    ];
    let without = plan(xlsx(&rows));
    assert_eq!(row(&without, 2).opening_date, Some(date(2024, 6, 30)));
    assert_eq!(
        errors(&without),
        vec![(
            3,
            "累计折旧",
            "accumulated depreciation needs the date it was counted to (a 折旧截止日期 column or the opening date)"
        )]
    );
    let opts = ImportOptions { opening_date: Some(date(2024, 1, 31)), ..options() };
    let with = plan_import_bytes(xlsx(&rows), "x", &opts).unwrap();
    assert_eq!(
        (row(&with, 3).accumulated_depreciation, row(&with, 3).opening_date),
        (Some(dec("1000")), Some(date(2024, 1, 31)))
    );
}

#[test]
fn the_report_has_the_cli_shape() {
    let plan = plan(xlsx(&[
        vec![S("资产编号"), S("资产名称"), S("类别")],
        vec![S("A1"), S("椅子"), S("家具")],
        vec![S("A1"), S("椅子"), S("家具")],
        vec![S("合计")],
    ]));
    let json = serde_json::to_value(plan.report.summary(Lang::En)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"rows_read": 3, "imported": 0, "skipped": 1,
            "errors": [{"row": 3, "column": "资产编号", "message": "asset code 'A1' repeats row 2"}]})
    );
    let zh = plan.report.summary(Lang::ZhCn);
    assert_eq!(zh.errors[0].message, "资产编码「A1」与第 2 行重复");
    let RowError { field, .. } = &plan.report.errors[0];
    assert_eq!(*field, Some(ImportField::Code));
}

#[test]
fn garbage_never_panics_and_gives_clear_errors() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("pdf", b"%PDF-1.4\n\x00\x01binary".to_vec()),
        ("broken zip", b"PK\x03\x04 this is not really a zip".to_vec()),
        ("broken xls", [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0u8; 600]].concat()),
        ("random text", "随便写的一些文字\nno header here\n".as_bytes().to_vec()),
        ("random bytes", (0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1).collect()),
    ];
    for (what, bytes) in cases {
        let err = plan_import_bytes(bytes, what, &options()).unwrap_err();
        assert!(!err.message(Lang::ZhCn).is_empty(), "{what}");
        println!("{what}: {err}");
    }
    assert!(matches!(plan_import(Path::new("/nonexistent/ledger.xlsx"), &options()), Err(ImportError::Io(_))));
    // An empty workbook and an .xlsx saved under a .csv name.
    let empty = Workbook::new().save_to_buffer().unwrap();
    assert!(matches!(plan_import_bytes(empty, "x", &options()), Err(ImportError::EmptySheet { .. })));
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("ledger.csv");
    std::fs::write(&wrong, xlsx(&[vec![S("名称"), S("类别")], vec![S("椅子"), S("家具")]])).unwrap();
    assert_eq!(plan_import(&wrong, &options()).unwrap().rows.len(), 1);
}

#[test]
fn huge_cells_are_errors_not_crashes() {
    // Excel holds at most 32,767 characters a cell; a CSV has no such limit.
    let huge = "名".repeat(32_000);
    let plan = plan(xlsx(&[
        vec![S("名称"), S("类别"), S("购置日期"), S("原值")],
        vec![S(&huge), S("家具"), S(&huge), S(&huge)],
    ]));
    let columns: Vec<&str> = plan.report.errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, vec!["名称", "购置日期", "原值"]);
    assert_eq!(plan.report.errors[0].message_en, "asset name is longer than 100 characters");
    let huge = "9".repeat(2_000_000);
    let plan = self::plan(format!("名称,类别,原值,备注\n椅子,家具,{huge},{huge}\n").into_bytes());
    let columns: Vec<&str> = plan.report.errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, vec!["原值", "备注"]);
}

#[test]
fn shared_sample_ledger_is_planned_exactly() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/legacy-ledger-sample.xlsx");
    if !Path::new(path).exists() {
        println!("skipped: {path} is not there");
        return;
    }
    let plan = plan_import(Path::new(path), &options()).unwrap();
    assert_eq!((plan.sheet.as_str(), plan.header_row), ("固定资产台账", 4));
    assert_eq!(plan.opening_date, Some(date(2024, 12, 31)), "from the title's 导出日期");
    let headers: Vec<(&str, Option<ImportField>)> = plan.columns.iter().map(|c| (c.header.as_str(), c.field)).collect();
    use ImportField::*;
    assert_eq!(
        headers,
        vec![
            ("序号", None),
            ("资产编号", Some(Code)),
            ("资产名称", Some(Name)),
            ("规格型号", Some(Model)),
            ("资产类别", Some(Category)),
            ("使用部门", Some(Dept)),
            ("使用人", Some(Custodian)),
            ("存放地点", Some(Location)),
            ("购置日期", Some(Acquired)),
            ("原值(元)", Some(Value)),
            ("使用年限(年)", Some(LifeYears)),
            ("残值率", Some(SalvageRate)),
            ("使用状况", Some(Status)),
            ("条形码", Some(Barcode)),
            ("备注", Some(Notes)),
        ]
    );
    let r = &plan.report;
    assert_eq!(
        (r.rows_read, r.skipped, r.blank_rows, r.summary_rows, r.valid_rows, r.invalid_rows),
        (302, 2, 1, 1, 299, 1)
    );
    assert_eq!(errors(&plan), vec![(132, "资产编号", "asset code 'GZ201100001' repeats row 5")]);

    let r = row(&plan, 5);
    assert_eq!(
        r.asset,
        ledger::AssetInput {
            code: "GZ201100001".into(),
            name: "实木办公桌1.6m".into(),
            category: "家具".into(),
            model: "木办公桌1.6m".into(),
            dept: "办公室".into(),
            location: "实验楼3F".into(),
            custodian: "赵敏".into(),
            acquired: "2012-07-21".into(),
            value: "1026.57".into(),
            life_years: "5".into(),
            salvage_rate: "0.05".into(),
            ..Default::default()
        }
    );
    assert_eq!((r.status, r.accumulated_depreciation, r.opening_date), (Some(AssetStatus::InUse), None, None));
    // (row, acquired, value, status) across the date, amount and status forms the sample uses.
    let spots = [
        (6, "2010-10-04", "742.60", AssetStatus::InUse), // date cell, float with one decimal
        (12, "2016-07-28", "3901.56", AssetStatus::InStock), // 闲置
        (13, "2024-07-08", "170660.16", AssetStatus::OnLoan), // 借出
        (22, "2016-12-03", "1550.00", AssetStatus::InUse), // 2016/12/3, integer amount
        (28, "2024-09-07", "3973.16", AssetStatus::InUse), // ¥3,973.16
        (31, "2011-04-04", "4640.72", AssetStatus::InUse), // 2011年4月4日, 4,640.72
        (74, "2023-10-07", "698.45", AssetStatus::InUse), // 2023-10-07
        (283, "2016-05-11", "2195.58", AssetStatus::UnderRepair), // 维修中
    ];
    for (sheet_row, acquired, value, status) in spots {
        let r = row(&plan, sheet_row);
        assert_eq!(
            (r.asset.acquired.as_str(), r.asset.value.as_str(), r.status),
            (acquired, value, Some(status)),
            "row {sheet_row}"
        );
    }
    // Padding goes: "  实木办公桌1.6m " and " 7090台式机".
    assert_eq!(row(&plan, 66).asset.name, "实木办公桌1.6m");
    assert_eq!(row(&plan, 31).asset.model, "7090台式机");
    // Rows without a custodian or barcode stay empty; the 0.05 and "5%" rates agree.
    assert_eq!((row(&plan, 12).asset.custodian.as_str(), row(&plan, 10).asset.notes.as_str()), ("", ""));
    assert!(plan.rows.iter().all(|r| r.asset.salvage_rate == "0.05" && r.asset.notes.is_empty()));
    let statuses = |s| plan.rows.iter().filter(|r| r.status == Some(s)).count();
    assert_eq!(
        [AssetStatus::InUse, AssetStatus::OnLoan, AssetStatus::UnderRepair, AssetStatus::InStock].map(statuses),
        [219, 30, 26, 24]
    );
    assert!(plan.rows.iter().all(|r| r.asset.code.starts_with("GZ") && r.asset.code.len() == 11));
}

#[test]
fn hundred_thousand_rows_parse_in_seconds() {
    let started = std::time::Instant::now();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "资产编号",
        "资产名称",
        "资产类别",
        "使用部门",
        "存放地点",
        "使用人",
        "购置日期",
        "原值(元)",
        "使用年限",
        "残值率",
        "使用状况",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for i in 1..=100_000u32 {
        sheet.write_string(i, 0, format!("ZC{i:07}")).unwrap();
        sheet.write_string(i, 1, "联想台式机").unwrap();
        sheet.write_string(i, 2, "电子设备").unwrap();
        sheet.write_string(i, 3, "信息中心").unwrap();
        sheet.write_string(i, 4, "机房").unwrap();
        sheet.write_string(i, 5, "张三").unwrap();
        sheet
            .write_datetime_with_format(i, 6, ExcelDateTime::from_ymd(2019, 3, (i % 28 + 1) as u8).unwrap(), &date)
            .unwrap();
        sheet.write_number(i, 7, 4999.5 + f64::from(i % 100)).unwrap();
        sheet.write_number(i, 8, 5.0).unwrap();
        sheet.write_string(i, 9, "5%").unwrap();
        sheet.write_string(i, 10, if i % 2 == 0 { "在用" } else { "闲置" }).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    println!("wrote 100,000 rows ({} KB) in {:?}", bytes.len() / 1024, started.elapsed());
    let started = std::time::Instant::now();
    let plan = plan(bytes);
    println!("planned 100,000 rows in {:?} (a debug build is several times slower than release)", started.elapsed());
    assert_eq!((plan.rows.len(), plan.report.errors.len()), (100_000, 0));
}

#[test]
fn small_numbers_in_a_date_column_are_not_dates() {
    let plan = plan(xlsx(&[
        vec![S("名称"), S("类别"), S("购置日期")],
        vec![S("椅子"), S("家具"), N(2019.0)],
        vec![S("桌子"), S("家具"), N(201903.0)],
    ]));
    assert_eq!(
        errors(&plan),
        vec![
            (2, "购置日期", "acquisition date '2019' is not a date (e.g. 2019-03-05)"),
            (3, "购置日期", "acquisition date '201903' is not a date (e.g. 2019-03-05)"),
        ]
    );
}

#[test]
fn rows_and_plans_serialise_for_a_preview() {
    let plan = plan(xlsx(&[
        vec![S("编号"), S("名称"), S("类别"), S("状态"), S("原值"), S("累计折旧"), S("截止日期")],
        vec![S("A1"), S("椅子"), S("家具"), S("闲置"), N(100.0), N(10.0), S("2024/1/31")],
    ]));
    let json = serde_json::to_value(&plan.rows[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"row": 2, "code": "A1", "name": "椅子", "category": "家具", "model": "", "serial": "",
            "dept": "", "location": "", "custodian": "", "acquired": "", "value": "100.00", "life_years": "",
            "salvage_rate": "", "salvage": "", "method": "", "notes": "", "supplier": "", "warranty_until": "", "status": "in_stock",
            "accumulated_depreciation": "10.00", "opening_date": "2024-01-31"})
    );
    let whole = serde_json::to_value(&plan).unwrap();
    assert_eq!(
        (whole["header_row"].as_u64(), whole["mapping"]["columns"]["6"].as_str()),
        (Some(1), Some("opening_date"))
    );
    assert_eq!(
        whole["columns"][4],
        serde_json::json!({"column": 4, "letter": "E", "header": "原值", "field": "value"})
    );
}

#[test]
fn workbooks_with_only_empty_sheets_say_so() {
    let mut book = Workbook::new();
    add_sheet(&mut book, "A", &[]);
    add_sheet(&mut book, "B", &[]);
    let err = plan_import_bytes(book.save_to_buffer().unwrap(), "x", &options()).unwrap_err();
    assert_eq!(err, ImportError::EmptySheet { sheet: "A".into() });
    assert_eq!(err.message(Lang::ZhCn), "工作表「A」是空的");
}

#[test]
fn every_synonym_maps_to_its_own_field_and_is_in_the_readme() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for &field in ImportField::ALL {
        for word in field.synonyms() {
            assert_eq!(exchange::match_header(word).map(|(f, _)| f), Some(field), "{word}");
            assert!(readme.contains(&format!(" {word} ")), "README lacks {word}");
        }
    }
    // Loose spellings fold to the same key.
    for (header, field) in [
        ("原值(元)", ImportField::Value),
        ("原值（万元）", ImportField::Value),
        ("Asset No.", ImportField::Code),
        ("*资产名称", ImportField::Name),
        ("固定资产名称", ImportField::Name),
        ("存放地点/位置", ImportField::Location),
        ("ＳＮ", ImportField::Serial),
        ("PURCHASE DATE", ImportField::Acquired),
        ("Accumulated Depreciation", ImportField::AccumulatedDepreciation),
    ] {
        assert_eq!(exchange::match_header(header).map(|(f, _)| f), Some(field), "{header}");
    }
    assert_eq!(exchange::match_header("序号"), None);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "资产编号,资产名称,类别,购置日期,原值(万元),使用年限(月),残值率,净残值,折旧方法,累计折旧,净值,折旧截止日期,使用状况,数量,条形码\n";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = plan_import_bytes(bytes, "x", &options());
        }

        #[test]
        fn on_damaged_workbooks(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20)) {
            let mut bytes = xlsx(&[vec![S("编号"), S("名称"), S("类别")], vec![S("A1"), S("椅子"), S("家具")]]);
            for (at, byte) in flips {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let _ = plan_import_bytes(bytes, "x", &options());
        }

        #[test]
        fn on_any_cell_text(cells in proptest::collection::vec("\\PC{0,30}", 15..60)) {
            let body: Vec<String> = cells.chunks(15).map(|row| row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",")).collect();
            let csv = format!("{HEADER}{}\n", body.join("\n"));
            let plan = plan_import_bytes(csv.into_bytes(), "x", &options()).unwrap();
            prop_assert_eq!(plan.report.rows_read, plan.report.valid_rows + plan.report.invalid_rows + plan.report.skipped);
        }

        #[test]
        fn on_any_numbers(numbers in proptest::collection::vec(any::<f64>(), 15)) {
            let mut rows = vec![HEADER.trim().split(',').map(S).collect::<Vec<_>>()];
            rows.push(numbers.iter().map(|n| if n.is_finite() { N(*n) } else { E }).collect());
            let plan = plan_import_bytes(xlsx(&rows), "x", &options()).unwrap();
            prop_assert_eq!(plan.report.rows_read, 1);
        }
    }
}

#[test]
fn taught_header_words_outrank_synonyms_and_edits_become_lessons() {
    let sheet = xlsx(&[
        vec![S("物品"), S("类别"), S("内部编号"), S("原值")],
        vec![S("订书机"), S("办公用品"), S("N-7"), N(35.0)],
    ]);
    // Nothing names the asset: without help there is no header at all.
    assert!(matches!(plan_import_bytes(sheet.clone(), "t", &options()), Err(ImportError::NoHeader { .. })));

    let words: std::collections::BTreeMap<String, String> =
        [("物品", "name"), ("内部编号", "code"), ("原值", "ignore"), ("旧字段", "a_field_from_a_newer_version")]
            .into_iter()
            .map(|(w, m)| (w.to_string(), m.to_string()))
            .collect();
    let taught = ImportOptions { learned: LearnedHeaders::from_words(&words), ..options() };
    let plan = plan_import_bytes(sheet, "t", &taught).unwrap();
    let r = row(&plan, 2);
    assert_eq!((r.asset.name.as_str(), r.asset.code.as_str(), r.asset.category.as_str(), r.asset.value.as_str()), ("订书机", "N-7", "办公用品", ""));

    // The clerk maps 原值 back to the value and drops 类别: both are lessons.
    let mut edited = plan.mapping.clone();
    edited.set(3, Some(ImportField::Value));
    edited.set(1, None);
    let replanned = plan_import_bytes(
        xlsx(&[vec![S("物品"), S("类别"), S("内部编号"), S("原值")], vec![S("订书机"), S("办公用品"), S("N-7"), N(35.0)]]),
        "t",
        &ImportOptions { mapping: Some(edited), ..taught },
    )
    .unwrap();
    let learned = lessons(&replanned);
    let expect = |w: &str, m: Option<&str>| (w.to_string(), m.map(str::to_string));
    assert_eq!(learned, vec![expect("内部编号", Some("code")), expect("原值", None), expect("物品", Some("name")), expect("类别", Some("ignore"))]);
}

#[test]
fn supplier_and_warranty_end_are_read_and_a_future_warranty_is_fine() {
    let plan = plan(xlsx(&[
        vec![S("资产名称"), S("类别"), S("供货商"), S("保修期至")],
        vec![S("服务器"), S("电子设备"), S("　某某科技有限公司 "), S("2030年1月31日")],
        vec![S("交换机"), S("电子设备"), E, D(2026, 6, 30)],
        vec![S("路由器"), S("电子设备"), E, S("明年")],
    ]));
    let (server, switch) = (row(&plan, 2), row(&plan, 3));
    assert_eq!((server.asset.supplier.as_str(), server.asset.warranty_until.as_str()), ("某某科技有限公司", "2030-01-31"));
    assert_eq!(switch.asset.warranty_until, "2026-06-30");
    assert_eq!(errors(&plan).iter().map(|(r, c, _)| (*r, *c)).collect::<Vec<_>>(), vec![(4, "保修期至")]);
}

#[test]
fn suppliers_the_register_lacks_are_listed_for_confirmation_and_the_import_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let setup = ledger::SetupInput { org_name: "单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut book, admin) = ledger::Ledger::create(dir.path(), &setup).unwrap();
    book.add_supplier(&admin, &ledger::SupplierInput { name: "联想服务站".into(), ..Default::default() }).unwrap();
    let csv = "资产名称,资产类别,供应商\n服务器,电子设备,某某科技\n交换机,电子设备, 某某科技\n笔记本,电子设备,联想服务站\n椅子,家具,\n";
    let plan = plan_import_bytes(csv.as_bytes().to_vec(), "台账.csv", &options()).unwrap();
    let new = exchange::new_registers(&book, &admin, &plan).unwrap();
    assert_eq!(new.supplier, vec!["某某科技".to_string()], "one new entry, the known one not listed");
    assert_eq!(new.count(), new.category.len() + 1);
    let result = exchange::apply_plan(&mut book, &admin, &plan, Lang::ZhCn, false, false, &mut |_, _| true).unwrap();
    assert_eq!(result.imported, 4);
    let names: Vec<String> = book.list_suppliers(&admin).unwrap().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["某某科技", "联想服务站"]);
    let listed = book.list_assets(&admin, &ledger::AssetQuery::default()).unwrap();
    let supplier_of = |name: &str| book.asset(&admin, &listed.rows.iter().find(|r| r.name == name).unwrap().code).unwrap().supplier;
    assert_eq!((supplier_of("服务器"), supplier_of("交换机"), supplier_of("笔记本"), supplier_of("椅子")), ("某某科技".into(), "某某科技".into(), "联想服务站".into(), String::new()));
    assert!(exchange::new_registers(&book, &admin, &plan).unwrap().supplier.is_empty(), "nothing new the second time");
}

#[test]
fn an_import_reports_progress_and_a_cancel_leaves_the_ledger_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let setup = ledger::SetupInput { org_name: "单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut book, admin) = ledger::Ledger::create(dir.path(), &setup).unwrap();
    let mut csv = String::from("资产编号,资产名称,资产类别,使用部门\n");
    for i in 0..1_200 {
        csv.push_str(&format!("P-{i:04},椅子{i},家具,行政部\n"));
    }
    let plan = plan_import_bytes(csv.into_bytes(), "椅子.csv", &options()).unwrap();

    let mut calls = 0;
    let cancelled = exchange::apply_plan(&mut book, &admin, &plan, Lang::ZhCn, false, false, &mut |done, _| {
        calls += 1;
        done < 500
    })
    .unwrap_err();
    assert_eq!(cancelled.code, ledger::ErrorCode::Conflict);
    assert!(cancelled.message(Lang::ZhCn).contains("已取消导入"), "{cancelled:?}");
    assert_eq!(calls, 2, "asked at row 0 and at row 500, where it stopped");
    let nothing = book.list_assets(&admin, &ledger::AssetQuery::default()).unwrap();
    assert_eq!(nothing.total, 0, "a cancelled import writes nothing");
    assert!(book.list_register(&admin, ledger::RegisterKind::Category).unwrap().is_empty(), "not even the new category");

    let mut seen = Vec::new();
    let done = exchange::apply_plan(&mut book, &admin, &plan, Lang::ZhCn, false, false, &mut |done, total| {
        seen.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(done.imported, 1_200);
    assert_eq!(seen.first(), Some(&(0, 1_200)));
    assert_eq!(seen.last(), Some(&(1_200, 1_200)));
}

/// Regression (found by cargo-fuzz): a legacy .xls whose sector chain loops made the
/// spreadsheet reader grow memory without bound. It is refused as damaged, at once.
#[test]
fn an_xls_whose_sector_chain_loops_is_refused_not_read_for_ever() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/import_sheet/xls-sector-chain-loops");
    let started = std::time::Instant::now();
    let err = plan_import(Path::new(path), &options()).unwrap_err();
    assert!(matches!(err, ImportError::Unreadable(ref why) if why.contains("loops")), "{err:?}");
    let said = ledger::Error::from(err).message(Lang::ZhCn).to_string();
    assert!(said.contains("另存为 .xlsx"), "the clerk is told what to do: {said}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // The real .xls files still read.
    assert!(plan_import(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/legacy-ledger.xls")), &options()).is_ok());
}

/// Found by cargo-fuzz: an .xls that makes the reader panic (an arithmetic overflow deep
/// in calamine). The importer's guard turns that into a clear refusal.
#[test]
fn an_xls_that_makes_the_reader_panic_is_refused_as_unreadable() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/import_sheet/xls-reader-overflow-panic");
    match plan_import(Path::new(path), &options()) {
        Err(ImportError::Unreadable(_)) | Err(ImportError::NoHeader { .. }) | Err(ImportError::EmptySheet { .. }) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_huge_bad_cell_is_quoted_back_at_most_80_characters_long() {
    let huge = "9".repeat(10_000);
    let p = plan(xlsx(&[
        vec![S("资产编号"), S("资产名称"), S("类别"), S("原值"), S("购置日期")],
        vec![S("ZC-1"), S("笔记本"), S("电脑"), S(&huge), S("2020-01-01")],
    ]));
    let e = &p.report.errors[0];
    assert_eq!(e.row, 2);
    for message in [&e.message_en, &e.message_zh] {
        assert!(message.chars().count() < 200, "{} characters: {}", message.chars().count(), &message[..120]);
        assert!(message.contains(&"9".repeat(80)) && message.contains("(10000 chars)"), "{message}");
    }
}
