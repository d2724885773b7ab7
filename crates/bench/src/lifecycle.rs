//! Every lifecycle document, one asset at a time, on the seeded ledger: the time a
//! clerk waits after pressing "post". Each asset goes through a chain its states allow.

use std::time::{Duration, Instant};

use ledger::{Actor, DocKind, DocRequest, Ledger};

use crate::seed::DEPTS;
use crate::{median, Row};

const ASSETS: usize = 20;

/// (kind, benchmark name) in an order one asset can take them all.
const CHAIN: &[(DocKind, &str)] = &[
    (DocKind::Issue, "document: issue 领用"),
    (DocKind::Return, "document: return 退库"),
    (DocKind::Transfer, "document: transfer 调拨"),
    (DocKind::Loan, "document: loan 借用"),
    (DocKind::LoanReturn, "document: loan return 归还"),
    (DocKind::Defect, "document: defect 缺陷"),
    (DocKind::DefectClear, "document: defect cleared 消缺"),
    (DocKind::Fault, "document: fault 故障"),
    (DocKind::Repair, "document: repair 维修"),
    (DocKind::Scrap, "document: scrap 报废"),
    (DocKind::Dispose, "document: disposal 处置"),
];

fn request(kind: DocKind, code: &str, index: usize) -> DocRequest {
    let base = DocRequest::new(kind, vec![code.to_string()]);
    match kind {
        DocKind::Issue => DocRequest { person: "基准测试".into(), ..base },
        // Seeded assets sit in DEPTS[index % len]; move each to the next one.
        DocKind::Transfer => DocRequest { dept: DEPTS[(index + 1) % DEPTS.len()].into(), ..base },
        DocKind::Loan => DocRequest { person: "借用人".into(), due: "2099-12-31".into(), ..base },
        DocKind::Defect | DocKind::Fault => DocRequest { reason: "基准测试".into(), ..base },
        DocKind::Repair => DocRequest { method: "in-house".into(), amount: "120.00".into(), ..base },
        DocKind::Scrap => DocRequest { reason: "基准测试".into(), ..base },
        DocKind::Dispose => DocRequest { method: "destroy".into(), ..base },
        DocKind::WriteOff => DocRequest { method: "lost".into(), ..base },
        _ => base,
    }
}

pub(crate) fn documents(ledger: &mut Ledger, admin: &Actor, codes: &[String]) -> Vec<Row> {
    let mut runs: Vec<Vec<Duration>> = vec![Vec::new(); CHAIN.len() + 1];
    let mut post = |kind: DocKind, index: usize| -> Duration {
        // Seeded assets whose index is a multiple of 5 were issued; these never were.
        let req = request(kind, &codes[index], index);
        let start = Instant::now();
        ledger.post_document(admin, &req).unwrap_or_else(|e| panic!("{kind:?} {}: {e}", codes[index]));
        start.elapsed()
    };
    for n in 0..ASSETS {
        let index = (n * 5_003 + 1) % codes.len();
        let index = if index % 5 == 0 { index + 1 } else { index };
        for (step, (kind, _)) in CHAIN.iter().enumerate() {
            runs[step].push(post(*kind, index));
        }
        let other = if (index + 1) % 5 == 0 { index + 2 } else { index + 1 };
        runs[CHAIN.len()].push(post(DocKind::WriteOff, other));
    }
    let names = CHAIN.iter().map(|(_, name)| *name).chain(["document: write-off 销账"]);
    names
        .zip(runs)
        .map(|(name, runs)| Row { name, median: median(runs), target: Some(Duration::from_millis(50)), reference: None, cpu: None })
        .collect()
}
