//! Subcategories inherit their parent's depreciation defaults (issue 21): a child
//! without its own takes the nearest ancestor's; the life may come from further up
//! than the method; a new asset in the child gets them; the tree says where from.

use ledger::{AssetInput, DepreciationMethod};

use crate::common::{setup, Fixture};

fn blank(name: &str, category: &str) -> AssetInput {
    AssetInput {
        name: name.into(),
        category: category.into(),
        dept: "办公室".into(),
        acquired: "2026-03-10".into(),
        value: "7200".into(),
        ..AssetInput::default()
    }
}

fn node(f: &Fixture, name: &str) -> ledger::CategoryNode {
    f.ledger.category_tree(&f.admin).unwrap().into_iter().find(|n| n.name == name).unwrap_or_else(|| panic!("no node {name}"))
}

#[test]
fn a_subcategory_without_defaults_takes_its_nearest_ancestors() {
    let mut f = setup();
    f.ledger.add_category(&f.admin, "设备类", None).unwrap();
    f.ledger.add_category(&f.admin, "电子设备", Some("设备类")).unwrap();
    f.ledger.add_category(&f.admin, "笔记本电脑", Some("电子设备")).unwrap();
    f.ledger.set_category_defaults(&f.admin, "设备类", "double-declining", "10", "5%").unwrap();

    // Two levels down, nothing of its own: the grandparent's method, life and salvage.
    let d = f.ledger.new_asset_defaults(&f.admin, "笔记本电脑").unwrap();
    assert_eq!((d.method, d.life_years, d.salvage_rate.to_string()), (DepreciationMethod::DoubleDeclining, Some(10), "0.05".to_string()));
    assert_eq!(d.inherited_from.as_deref(), Some("设备类"));
    let code = f.ledger.add_asset(&f.admin, &blank("ThinkPad", "笔记本电脑")).unwrap();
    let card = f.ledger.asset(&f.admin, &code).unwrap();
    assert_eq!((card.method.as_str(), card.life_years, card.salvage_rate.to_string()), ("double-declining", Some(10), "0.05".to_string()));

    // The middle level sets its own method and salvage but no life: the nearest of each wins.
    f.ledger.set_category_defaults(&f.admin, "电子设备", "straight-line", "", "3%").unwrap();
    let d = f.ledger.new_asset_defaults(&f.admin, "笔记本电脑").unwrap();
    assert_eq!((d.method, d.life_years, d.salvage_rate.to_string()), (DepreciationMethod::StraightLine, Some(10), "0.03".to_string()));
    let n = node(&f, "笔记本电脑").defaults.unwrap();
    assert_eq!((n.defaults_from.as_deref(), n.life_from.as_deref(), n.life_months), (Some("电子设备"), Some("设备类"), Some(120)));
    let mid = node(&f, "电子设备").defaults.unwrap();
    assert_eq!((mid.defaults_from, mid.life_from.as_deref()), (None, Some("设备类")), "its own method, its parent's life");

    // Its own values win over every ancestor's, and the tree shows them as its own.
    f.ledger.set_category_defaults(&f.admin, "笔记本电脑", "straight-line", "4", "0").unwrap();
    let own = node(&f, "笔记本电脑").defaults.unwrap();
    assert_eq!((own.life_months, own.defaults_from, own.life_from), (Some(48), None, None));
    let code = f.ledger.add_asset(&f.admin, &blank("MacBook", "笔记本电脑")).unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().life_years, Some(4));

    // A top category with no defaults anywhere up its tree has none: the ledger's salvage.
    f.ledger.add_category(&f.admin, "杂项", None).unwrap();
    assert_eq!(node(&f, "杂项").defaults, None);
    assert_eq!(f.ledger.new_asset_defaults(&f.admin, "杂项").unwrap().salvage_from, ledger::DefaultSource::Ledger);
}

#[test]
fn the_clerks_own_class_under_the_seed_takes_the_classs_life_and_the_typed_life_still_wins() {
    let mut f = setup();
    f.ledger.seed_categories(&f.admin, "gbt14885").unwrap();
    f.ledger.add_category(&f.admin, "笔记本电脑", Some("计算机设备")).unwrap();
    let n = node(&f, "笔记本电脑").defaults.unwrap();
    assert_eq!((n.life_months, n.life_from.as_deref(), n.method), (Some(72), Some("计算机设备"), DepreciationMethod::StraightLine));
    // The seeded top classes carry no life: their subtree's own lives stay theirs.
    assert_eq!(node(&f, "设备").defaults, None);

    let code = f.ledger.add_asset(&f.admin, &blank("ThinkPad", "笔记本电脑")).unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().life_years, Some(6), "the class's six years");
    let typed = AssetInput { life_years: "8".into(), method: "straight-line".into(), ..blank("MacBook", "笔记本电脑") };
    let code = f.ledger.add_asset(&f.admin, &typed).unwrap();
    assert_eq!(f.ledger.asset(&f.admin, &code).unwrap().life_years, Some(8), "what the clerk typed");
}
