//! `register category …`, `register dept accounts`, `depreciation allocate|accounts`
//! through the built binary (issue 21), on real ledger folders. Figures worked by hand
//! (enterprise, acquired 2026-03-10, first charged April 2026):
//! 打印机 办公室/办公设备 12,000.00, 5 years, salvage 5%: 11,400 / 60 = 190.00;
//! 车床 生产车间/机械设备 120,000.00, 10 years, salvage 4%: 115,200 / 120 = 960.00.

mod support;
use support::*;

#[test]
fn the_category_tree_and_its_seed_from_the_command_line() {
    let dir = init();
    let seeded = json(dir.path(), &["register", "category", "seed", "gbt14885"]);
    assert!(seeded["added"].as_u64().unwrap() > 30, "{seeded}");
    assert_eq!(json(dir.path(), &["register", "category", "seed", "gbt14885"])["added"], 0, "idempotent");
    json(dir.path(), &["register", "category", "add", "笔记本电脑", "--parent", "计算机设备"]);
    let tree = json(dir.path(), &["register", "category", "tree"]);
    let node = tree.as_array().unwrap().iter().find(|n| n["name"] == "笔记本电脑").unwrap().clone();
    assert_eq!((node["parent"].as_str(), node["depth"].as_u64()), (Some("计算机设备"), Some(3)));
    // No defaults of its own: the class's six years, shown as inherited, and a new asset gets them.
    assert_eq!((node["life_years"].as_i64(), node["life_from"].as_str(), node["method"].as_str()), (Some(6), Some("计算机设备"), Some("straight-line")));
    let code = json(dir.path(), &["asset", "add", "--name", "ThinkPad", "--category", "笔记本电脑", "--value", "7200", "--acquired", "2026-03-10"])["code"].as_str().unwrap().to_string();
    assert_eq!(json(dir.path(), &["asset", "show", &code])["life_years"], 6);
    let text = String::from_utf8(run(dir.path(), &["register", "category", "tree"]).stdout).unwrap();
    assert!(text.contains("笔记本电脑\t1\tlife 6y (from 计算机设备)"), "{text}");
    let err = refused_error(dir.path(), &["register", "category", "move", "设备", "--parent", "笔记本电脑"]);
    assert_eq!(err["code"], "conflict");
    let err = refused_error(dir.path(), &["register", "deactivate", "category", "计算机设备"]);
    assert!(err["message"].as_str().unwrap().contains("笔记本电脑"), "{err}");
    // The seed fed the minimum lives the government regime enforces.
    let defaults = json(dir.path(), &["depreciation", "defaults"]);
    let cars = defaults.as_array().unwrap().iter().find(|r| r["category"] == "车辆").unwrap().clone();
    assert_eq!((cars["min_life_years"].as_i64(), cars["life_years"].as_i64()), (Some(8), Some(8)));
}

#[test]
fn a_subcategory_inherits_its_parents_depreciation_defaults_until_it_has_its_own() {
    let dir = init();
    json(dir.path(), &["register", "category", "add", "电子设备"]);
    json(dir.path(), &["register", "category", "add", "笔记本电脑", "--parent", "电子设备"]);
    json(dir.path(), &["register", "category", "add", "游戏本", "--parent", "笔记本电脑"]);
    json(dir.path(), &["depreciation", "defaults", "电子设备", "--method", "sum-of-years", "--life-years", "3", "--salvage-rate", "2%"]);
    let card_of = |category: &str| {
        let added = json(dir.path(), &["asset", "add", "--name", "本子", "--category", category, "--value", "6000", "--acquired", "2026-01-05"]);
        json(dir.path(), &["asset", "show", added["code"].as_str().unwrap()])
    };
    // Two levels down, nothing of its own: the nearest ancestor's defaults.
    let card = card_of("游戏本");
    assert_eq!((card["method"].as_str(), card["life_years"].as_i64(), card["salvage_rate"].as_str()), (Some("sum-of-years"), Some(3), Some("0.02")));
    // The middle level gets its own: it and its child take those, not the top's.
    json(dir.path(), &["depreciation", "defaults", "笔记本电脑", "--method", "straight-line", "--life-years", "5", "--salvage-rate", "0"]);
    for category in ["笔记本电脑", "游戏本"] {
        let card = card_of(category);
        assert_eq!((card["method"].as_str(), card["life_years"].as_i64()), (Some("straight-line"), Some(5)), "{category}");
    }
    // A top category with no defaults and no parent keeps the ledger's.
    json(dir.path(), &["register", "category", "add", "家具"]);
    assert_eq!(card_of("家具")["life_years"], serde_json::Value::Null);
}

#[test]
fn depreciation_allocate_writes_a_balanced_voucher() {
    let dir = init();
    for (name, dept, category, value, years, salvage) in [("打印机", "办公室", "办公设备", "12000", "5", "5%"), ("车床", "生产车间", "机械设备", "120000", "10", "4%")] {
        json(
            dir.path(),
            &["asset", "add", "--name", name, "--dept", dept, "--category", category, "--value", value, "--acquired", "2026-03-10", "--life-years", years, "--salvage-rate", salvage],
        );
    }
    let run = json(dir.path(), &["depreciation", "run", "--period", "2026-04"]);
    assert_eq!(run["total"], "1150.00");
    // No account for either department yet: refused, naming both, no file.
    let file = dir.path().join("折旧分配.xlsx");
    let err = refused_error(dir.path(), &["depreciation", "allocate", "--period", "2026-04", "--xlsx", file.to_str().unwrap()]);
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("办公室") && message.contains("生产车间"), "{err}");
    assert!(!file.exists());

    json(dir.path(), &["register", "dept", "accounts", "生产车间", "--expense-account", "5101", "--cost-centre", "CJ01"]);
    json(dir.path(), &["depreciation", "accounts", "--expense-account", "6602"]);
    let csv = dir.path().join("voucher.csv");
    let v = json(dir.path(), &["depreciation", "allocate", "--period", "2026-04", "--xlsx", file.to_str().unwrap(), "--csv", csv.to_str().unwrap()]);
    assert_eq!((v["debit_total"].as_str(), v["credit_total"].as_str(), v["balanced"].as_bool()), (Some("1150.00"), Some("1150.00"), Some(true)));
    assert_eq!(v["debit_total"], run["total"], "the voucher carries the period's depreciation");
    let lines = v["lines"].as_array().unwrap();
    assert_eq!((lines[1]["account"].as_str(), lines[1]["cost_centre"].as_str(), lines[1]["debit"].as_str()), (Some("5101"), Some("CJ01"), Some("960.00")));
    assert_eq!((lines[3]["side"].as_str(), lines[3]["account"].as_str(), lines[3]["credit"].as_str()), (Some("credit"), Some("1602"), Some("960.00")));
    assert!(file.metadata().unwrap().len() > 0);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.trim_end().ends_with("Total,,,,,,,1150.00,1150.00"), "{text}");
    assert!(text.contains("\r\nDepreciation 2026-04 生产车间 机械设备,5101,Manufacturing overhead,生产车间,CJ01,机械设备,1,960.00,\r\n"), "{text}");
    let accounts = json(dir.path(), &["depreciation", "accounts"]);
    assert_eq!(accounts["defaults"]["expense_account"], "6602");
}

#[test]
fn import_maps_old_category_names_onto_the_seeded_tree() {
    let dir = init();
    let d = dir.path();
    json(d, &["register", "category", "seed", "gbt14885"]);
    let sheet = d.join("旧台账.csv");
    std::fs::write(
        &sheet,
        "资产编号,资产名称,资产类别,使用部门,原值(元),购置日期\n\
         A-001,联想电脑,电脑,行政部,5200,2019-03-05\n\
         A-002,会议桌,家具,行政部,1800,2019-03-05\n\
         A-003,投影仪,影音,行政部,3000,2020-01-02\n",
    )
    .unwrap();
    let map = d.join("类别映射.csv");
    std::fs::write(&map, "旧类别,新类别\n电脑,计算机设备\n").unwrap();
    let (sheet, map) = (sheet.to_str().unwrap(), map.to_str().unwrap());
    // 电脑 is mapped, 家具 is already a (seeded) category, 影音 is neither: row 4's error.
    let dry = json(d, &["import", sheet, "--category-map", map, "--dry-run"]);
    assert_eq!(dry["would_import"], 2, "{dry}");
    let errors = dry["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{dry}");
    assert_eq!((errors[0]["row"].as_i64(), errors[0]["column"].as_str()), (Some(4), Some("资产类别")));
    assert!(errors[0]["message"].as_str().unwrap().contains("影音"), "{dry}");
    assert_eq!(dry["new_registers"]["category"], serde_json::json!([]), "nothing created by accident");
    let done = json(d, &["import", sheet, "--category-map", map, "--skip-invalid"]);
    assert_eq!(done["imported"], 2);
    assert_eq!(json(d, &["asset", "show", "A-001"])["category"], "计算机设备");

    // A map pointing at a category the ledger lacks is refused whole, as is a one-column line.
    std::fs::write(d.join("bad.csv"), "电脑,台式计算机\n").unwrap();
    let err = refused_error(d, &["import", sheet, "--category-map", d.join("bad.csv").to_str().unwrap(), "--dry-run"]);
    assert!(err["message"].as_str().unwrap().contains("台式计算机"), "{err}");
    std::fs::write(d.join("short.csv"), "电脑,计算机设备\n笔记本\n").unwrap();
    let err = refused_error(d, &["import", sheet, "--category-map", d.join("short.csv").to_str().unwrap(), "--dry-run"]);
    assert!(err["message"].as_str().unwrap().contains("line 2") || err["message"].as_str().unwrap().contains("第 2 行"), "{err}");
}
