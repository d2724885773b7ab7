//! 1,000 labels to one PDF, to ZPL and to TSPL, timed. Targets: PDF < 1 s and
//! < 1 MB. `cargo bench -p assetdesk-labels` (or `cargo bench ... -- --check` to
//! exit non-zero when a target is missed).

use std::time::{Duration, Instant};

use labels::{
    builtin, render_pdf, render_tspl, render_zpl, LabelData, PdfOptions, PrinterSettings,
};

const LABELS: usize = 1_000;

fn labels() -> Vec<LabelData> {
    let depts = ["财务部", "行政部", "信息中心", "生产一车间", "仓储物流部"];
    let names = [
        "联想笔记本电脑",
        "惠普激光打印机",
        "办公桌",
        "空调",
        "投影仪",
        "服务器机柜",
    ];
    (0..LABELS)
        .map(|i| LabelData {
            code: format!("ZC-2026-{:05}", i + 1),
            name: names[i % names.len()].into(),
            model: format!("型号-{}", i % 37),
            dept: depts[i % depts.len()].into(),
            location: format!("{}楼{}室", i % 9 + 1, 100 + i % 40),
            acquired: format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            org: "华东电力设备有限公司".into(),
            ..Default::default()
        })
        .collect()
}

/// Best of three runs: the machine is shared, the minimum is the honest figure.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = None;
    let mut out = None;
    for _ in 0..3 {
        let start = Instant::now();
        let value = f();
        let elapsed = start.elapsed();
        if best.is_none_or(|b| elapsed < b) {
            best = Some(elapsed);
        }
        out = Some(value);
    }
    (best.unwrap_or_default(), out.expect("ran at least once"))
}

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let data = labels();
    let mut missed = Vec::new();
    for name in ["50x30-code128", "60x40-qr", "a4-3x8-code128"] {
        let template = builtin(name).expect("built-in template");
        let (t, pdf) =
            time(|| render_pdf(&template, &data, &PdfOptions::default()).expect("renders"));
        println!(
            "{name}: {LABELS} labels -> PDF  {:>8.1} ms, {:>9} bytes",
            t.as_secs_f64() * 1e3,
            pdf.len()
        );
        if t >= Duration::from_secs(1) || pdf.len() >= 1_000_000 {
            missed.push(format!("{name} PDF: {t:?}, {} bytes", pdf.len()));
        }
        let (t, zpl) =
            time(|| render_zpl(&template, &data, &PrinterSettings::default()).expect("renders"));
        println!(
            "{name}: {LABELS} labels -> ZPL  {:>8.1} ms, {:>9} bytes",
            t.as_secs_f64() * 1e3,
            zpl.len()
        );
        let (t, tspl) =
            time(|| render_tspl(&template, &data, &PrinterSettings::default()).expect("renders"));
        println!(
            "{name}: {LABELS} labels -> TSPL {:>8.1} ms, {:>9} bytes",
            t.as_secs_f64() * 1e3,
            tspl.len()
        );
    }
    if missed.is_empty() {
        println!("targets met: PDF < 1 s and < 1 MB for {LABELS} labels");
    } else {
        println!("targets missed: {}", missed.join("; "));
        if check {
            std::process::exit(1);
        }
    }
}
