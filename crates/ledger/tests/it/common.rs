//! Shared fixtures: a fresh ledger in a temporary folder, and a typical asset.

use ledger::{Actor, AssetInput, Ledger, SetupInput};

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub ledger: Ledger,
    pub admin: Actor,
}

pub fn setup() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, admin) = Ledger::create(
        dir.path(),
        &SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None },
    )
    .unwrap();
    Fixture { _dir: dir, ledger, admin }
}

pub fn laptop(name: &str) -> AssetInput {
    AssetInput {
        name: name.into(),
        category: "电脑".into(),
        dept: "行政部".into(),
        location: "三楼301".into(),
        custodian: "张三".into(),
        model: "ThinkPad T14".into(),
        serial: "SN-001".into(),
        acquired: "2025-03-01".into(),
        value: "6,999.50".into(),
        life_years: "5".into(),
        salvage_rate: "5%".into(),
        ..AssetInput::default()
    }
}
