//! Writes every built-in template as PDF, ZPL and TSPL for a sample asset into a
//! folder, for a person to look at: `cargo run -p assetdesk-labels --example samples -- OUT_DIR`.

use labels::{
    builtin, builtin_names, render_pdf, render_tspl, render_zpl, LabelData, PdfOptions,
    PrinterSettings,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "label-samples".into()),
    );
    std::fs::create_dir_all(&out)?;
    let asset = LabelData {
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
        let template = builtin(name)?;
        let labels = [asset.clone()];
        let results = [
            (
                "pdf",
                render_pdf(&template, &labels, &PdfOptions::default()),
            ),
            (
                "zpl",
                render_zpl(&template, &labels, &PrinterSettings::default()),
            ),
            (
                "tspl",
                render_tspl(&template, &labels, &PrinterSettings::default()),
            ),
        ];
        for (ext, result) in results {
            match result {
                Ok(bytes) => {
                    std::fs::write(out.join(format!("{name}.{ext}")), &bytes)?;
                    println!("{name}.{ext}: {} bytes", bytes.len());
                }
                Err(e) => println!(
                    "{name}.{ext}: refused: {} / {}",
                    e.message_en(),
                    e.message_zh()
                ),
            }
        }
    }
    Ok(())
}
