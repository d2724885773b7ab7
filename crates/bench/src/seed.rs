//! A realistic ledger: Chinese names, a few dozen departments and locations, hundreds of
//! people, and a history of issues, transfers and loans over a fifth of the assets.

use std::path::Path;

use ledger::{AssetInput, DocKind, DocRequest, Ledger, SetupInput};

pub const PASSWORD: &str = "bench-password";

const NAMES: &[(&str, &str)] = &[
    ("联想笔记本电脑", "电脑"), ("戴尔台式电脑", "电脑"), ("惠普激光打印机", "办公设备"), ("爱普生投影仪", "教学设备"),
    ("办公桌", "家具"), ("会议椅", "家具"), ("华为交换机", "网络设备"), ("海康监控摄像头", "安防设备"),
    ("格力空调", "电器"), ("文件柜", "家具"), ("扫描仪", "办公设备"), ("服务器", "网络设备"),
];
pub(crate) const DEPTS: &[&str] = &["行政部", "财务部", "信息中心", "教务处", "后勤处", "保卫处", "人事处", "科研处", "图书馆", "实验中心"];
const SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"];

pub fn seed(dir: &Path, n: usize) -> Vec<String> {
    let setup = SetupInput { org_name: "基准测试单位".into(), admin_name: "admin".into(), admin_password: PASSWORD.into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir, &setup).expect("create ledger");
    let mut codes = Vec::with_capacity(n);
    let chunk = 5_000;
    for start in (0..n).step_by(chunk) {
        let inputs: Vec<AssetInput> = (start..(start + chunk).min(n))
            .map(|i| {
                let (name, category) = NAMES[i % NAMES.len()];
                AssetInput {
                    name: name.into(),
                    category: category.into(),
                    model: format!("M{}", i % 97),
                    serial: format!("SN{:08}", i * 7 + 3),
                    dept: DEPTS[i % DEPTS.len()].into(),
                    location: format!("{}号楼{}室", i % 12 + 1, 100 + i % 40),
                    custodian: format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[(i / 10) % GIVEN.len()]),
                    acquired: format!("{}-{:02}-{:02}", 2015 + i % 10, i % 12 + 1, i % 28 + 1),
                    value: format!("{}.{:02}", 300 + (i * 37) % 20_000, i % 100),
                    life_years: format!("{}", 3 + i % 8),
                    salvage_rate: "5%".into(),
                    ..AssetInput::default()
                }
            })
            .collect();
        codes.extend(ledger.add_assets(&admin, &inputs).expect("seed assets"));
    }
    // History: issue a fifth of the assets in batches of 20, transfer half of those.
    for (k, batch) in codes.iter().step_by(5).collect::<Vec<_>>().chunks(20).enumerate() {
        let batch: Vec<String> = batch.iter().map(|c| c.to_string()).collect();
        let person = format!("{}{}", SURNAMES[k % SURNAMES.len()], GIVEN[k % GIVEN.len()]);
        ledger.post_document(&admin, &DocRequest { person, ..DocRequest::new(DocKind::Issue, batch.clone()) }).expect("issue");
        if k % 2 == 0 {
            let dept = DEPTS[(k + 3) % DEPTS.len()].to_string();
            let req = DocRequest { dept, ..DocRequest::new(DocKind::Transfer, batch) };
            let _ = ledger.post_document(&admin, &req);
        }
    }
    codes
}

/// The codes of a ledger seeded earlier, in registration order.
pub fn codes_of(dir: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(Ledger::file_in(dir)).expect("open the seeded ledger");
    let mut stmt = conn.prepare("SELECT code FROM assets ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}
