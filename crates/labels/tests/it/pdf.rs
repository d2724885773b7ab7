//! PDFs read back like a scanner: pdftoppm at 300 dpi, then zbarimg (or, for Data
//! Matrix, module sampling + the datamatrix decoder). Text via pdftotext.

use std::process::Command;

use labels::{
    builtin, builtin_names, render_pdf, LabelData, LabelError, PdfOptions, Resolution, Symbology,
};

use crate::common::{
    pdf_to_pgm, pdftotext, read_datamatrix, run, sample, scan_label_image, scan_pdf, Gray,
};
use crate::fit::barcode_template;

const CODE: &str = "ZC-2026-00012";

#[test]
fn each_symbology_decodes_to_the_asset_code() {
    for (symbology, zbar_name) in [
        (Symbology::Code128, "CODE-128"),
        (Symbology::Code39, "CODE-39"),
        (Symbology::Qr, "QR-Code"),
    ] {
        let t = barcode_template(symbology, 70.0, 40.0);
        let pdf = render_pdf(&t, &[sample(CODE)], &PdfOptions::default()).unwrap();
        let pages = scan_pdf(&pdf);
        assert_eq!(
            pages,
            vec![vec![(zbar_name.to_string(), CODE.to_string())]],
            "{symbology:?}"
        );
    }
}

#[test]
fn data_matrix_decodes_to_the_asset_code() {
    let t = barcode_template(Symbology::DataMatrix, 30.0, 30.0);
    let pdf = render_pdf(&t, &[LabelData::with_code(CODE)], &PdfOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pages = pdf_to_pgm(&pdf, dir.path());
    assert_eq!(pages.len(), 1);
    assert_eq!(
        read_datamatrix(&Gray::read_pgm(&pages[0])).as_deref(),
        Some(CODE)
    );
}

#[test]
fn every_builtin_template_prints_codes_a_scanner_reads() {
    let codes = ["ZC-2026-00012", "ZC-2026-00013"];
    let labels: Vec<LabelData> = codes.iter().map(|c| sample(c)).collect();
    for name in builtin_names() {
        let t = builtin(name).unwrap();
        let pdf = render_pdf(&t, &labels, &PdfOptions::default()).unwrap();
        let mut read: Vec<String> = if t.sheet.is_some() {
            scan_pdf(&pdf)
                .into_iter()
                .flatten()
                .map(|(_, data)| data)
                .collect()
        } else {
            // Roll labels: one page each, read page by page.
            let dir = tempfile::tempdir().unwrap();
            let pages = pdf_to_pgm(&pdf, dir.path());
            assert_eq!(pages.len(), labels.len(), "{name}");
            pages
                .iter()
                .zip(&labels)
                .flat_map(|(page, data)| {
                    scan_label_image(&Gray::read_pgm(page), &t, data, 300, Resolution::Vector)
                })
                .collect()
        };
        read.sort();
        assert_eq!(read, codes, "{name}");
    }
}

#[test]
fn chinese_text_is_real_text_in_an_embedded_subset_font() {
    let t = builtin("60x40-qr").unwrap();
    let pdf = render_pdf(&t, &[sample(CODE)], &PdfOptions::default()).unwrap();
    let text = pdftotext(&pdf);
    for wanted in [
        "联想笔记本电脑",
        "部门：财务部",
        "华东电力设备有限公司",
        "位置：三楼302室",
        CODE,
    ] {
        assert!(text.contains(wanted), "pdftotext lacks {wanted}: {text}");
    }
    // Embedded and subset: prints the same on a PC with no CJK font installed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let fonts = run(Command::new("pdffonts").arg(&path), "poppler-utils");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let line = fonts
        .lines()
        .find(|l| l.contains("WenQuanYi"))
        .unwrap_or_else(|| panic!("{fonts}"));
    assert!(
        line.contains("yes yes yes"),
        "font not embedded+subset+unicode: {line}"
    );
}

#[test]
fn chinese_prints_the_same_with_no_system_fonts_at_all() {
    // A fontconfig that knows no font directory stands in for a PC without CJK
    // fonts: poppler only needs system fonts for fonts the PDF does not embed.
    let t = builtin("50x30-code128").unwrap();
    let pdf = render_pdf(&t, &[sample(CODE)], &PdfOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("l.pdf");
    std::fs::write(&input, &pdf).unwrap();
    let empty_conf = dir.path().join("fonts.conf");
    std::fs::write(
        &empty_conf,
        "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n",
    )
    .unwrap();
    let render = |prefix: &str, no_fonts: bool| {
        let mut cmd = Command::new("pdftoppm");
        cmd.args(["-r", "150", "-gray", "-singlefile"])
            .arg(&input)
            .arg(dir.path().join(prefix));
        if no_fonts {
            cmd.env("FONTCONFIG_FILE", &empty_conf);
        }
        let out = run(&mut cmd, "poppler-utils");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Gray::read_pgm(&dir.path().join(format!("{prefix}.pgm")))
    };
    let normal = render("normal", false);
    let bare = render("bare", true);
    assert_eq!(
        normal.pixels, bare.pixels,
        "the label looks different without system fonts"
    );
    // And the name line really has ink (the glyphs were drawn, not skipped).
    let name_row = (5.5 / 25.4 * 150.0) as usize;
    assert!((0..bare.width).any(|x| bare.dark(x, name_row)));
}

#[test]
fn portrait_labels_get_portrait_pages() {
    let mut t = builtin("60x40-qr").unwrap();
    t.orientation = labels::Orientation::Portrait;
    t.elements
        .retain(|e| matches!(e, labels::Element::Barcode(_)));
    let pdf = render_pdf(&t, &[sample(CODE)], &PdfOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = Gray::read_pgm(&pdf_to_pgm(&pdf, dir.path())[0]);
    // 40 x 60 mm at 300 dpi.
    assert_eq!((page.width, page.height), (473, 709));
    assert_eq!(
        crate::common::zbar(&pdf_to_pgm(&pdf, dir.path())[0]),
        [("QR-Code".to_string(), CODE.to_string())]
    );
}

#[test]
fn a_chinese_label_pdf_stays_small() {
    let pdf = render_pdf(
        &builtin("70x40-code128").unwrap(),
        &[sample(CODE)],
        &PdfOptions::default(),
    )
    .unwrap();
    // The font file is 5 MB; subsetting keeps only the glyphs used.
    assert!(pdf.len() < 20_000, "{} bytes", pdf.len());
    let hundred: Vec<LabelData> = (0..100)
        .map(|i| sample(&format!("ZC-2026-{i:05}")))
        .collect();
    let pdf = render_pdf(
        &builtin("50x30-code128").unwrap(),
        &hundred,
        &PdfOptions::default(),
    )
    .unwrap();
    assert!(pdf.len() < 80_000, "{} bytes for 100 labels", pdf.len());
}

#[test]
fn roll_templates_print_one_page_per_label_at_label_size() {
    let labels: Vec<LabelData> = (1..=3)
        .map(|i| sample(&format!("ZC-2026-0000{i}")))
        .collect();
    let pdf = render_pdf(
        &builtin("50x30-code128").unwrap(),
        &labels,
        &PdfOptions::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pages = pdf_to_pgm(&pdf, dir.path());
    assert_eq!(pages.len(), 3);
    let page = Gray::read_pgm(&pages[0]);
    // 50 x 30 mm at 300 dpi (pdftoppm rounds up: 590.6 x 354.3).
    assert_eq!((page.width, page.height), (591, 355));
}

#[test]
fn sheets_start_at_the_first_free_position_and_continue_on_new_pages() {
    let t = builtin("a4-3x8-code128").unwrap();
    let labels: Vec<LabelData> = (1..=5)
        .map(|i| sample(&format!("ZC-2026-0000{i}")))
        .collect();
    // 22 positions already used: 2 labels finish sheet 1, 3 go on sheet 2.
    let pdf = render_pdf(
        &t,
        &labels,
        &PdfOptions {
            start_position: 22,
            title: None,
        },
    )
    .unwrap();
    let pages = scan_pdf(&pdf);
    assert_eq!(pages.len(), 2);
    let codes = |p: &Vec<(String, String)>| {
        let mut c: Vec<String> = p.iter().map(|(_, d)| d.clone()).collect();
        c.sort();
        c
    };
    assert_eq!(codes(&pages[0]), ["ZC-2026-00001", "ZC-2026-00002"]);
    assert_eq!(
        codes(&pages[1]),
        ["ZC-2026-00003", "ZC-2026-00004", "ZC-2026-00005"]
    );

    // The first two labels sit in the bottom row's last two cells of sheet 1.
    let dir = tempfile::tempdir().unwrap();
    let first = Gray::read_pgm(&pdf_to_pgm(&pdf, dir.path())[0]);
    let dark_in = |x0_mm: f64, y0_mm: f64, x1_mm: f64, y1_mm: f64| {
        let px = |mm: f64| (mm / 25.4 * 300.0) as usize;
        (px(y0_mm)..px(y1_mm)).any(|y| (px(x0_mm)..px(x1_mm)).any(|x| first.dark(x, y)))
    };
    assert!(!dark_in(0.0, 0.0, 210.0, 259.0), "rows 1-7 must stay blank");
    assert!(!dark_in(0.0, 259.5, 70.0, 296.5), "cell 22 must stay blank");
    assert!(dark_in(70.0, 259.5, 140.0, 296.5) && dark_in(140.0, 259.5, 210.0, 296.5));

    let err = render_pdf(
        &t,
        &labels,
        &PdfOptions {
            start_position: 24,
            title: None,
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            LabelError::StartOutsideSheet {
                start: 24,
                cells: 24
            }
        ),
        "{err:?}"
    );
}
