use labels::*;
fn main() {
    let data = LabelData {
        code: "ZC-2026-00012".into(),
        name: "联想ThinkPad笔记本电脑".into(),
        model: "T14 Gen 4".into(),
        dept: "财务部".into(),
        location: "三楼 302 室".into(),
        acquired: "2026-03-01".into(),
        org: "华东电力设备有限公司".into(),
        ..Default::default()
    };
    for name in builtin_names() {
        let t = builtin(name).unwrap();
        let t0 = std::time::Instant::now();
        match render_pdf(&t, &[data.clone(), data.clone()], &PdfOptions::default()) {
            Ok(pdf) => { std::fs::write(format!("/tmp/probe-{name}.pdf"), &pdf).unwrap(); println!("{name}: {} bytes {:?}", pdf.len(), t0.elapsed()); }
            Err(e) => println!("{name}: {e} / {}", e.message_zh()),
        }
        for dpi in [Dpi::D203, Dpi::D300] {
            if let Err(e) = render_zpl(&t, &[data.clone()], &PrinterSettings { dpi, ..Default::default() }) { println!("  zpl {dpi:?}: {e}"); }
        }
    }
}
