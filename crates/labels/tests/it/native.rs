//! Native printer commands (TSPL `BARCODE`/`QRCODE`/`TEXT "TSS24.BF2"`, ZPL `^BC`/
//! `^BQ`, EPL `B`/`A`), the whole-label bitmap mode, calibration offsets, media and
//! the test page. Golden files pin the exact bytes (regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p assetdesk-labels` after a deliberate change, and
//! read the diff); the decode tests read the jobs back as a printer would.

use std::path::PathBuf;

use labels::{
    builtin, render_epl, render_test_page, render_tspl, render_zpl, Dpi, Format, LabelData, Media,
    Mode, PrinterSettings, Resolution, TEST_PAGE_CODE,
};

use crate::common::{sample, scan_label_image, zbar, zplkit_installed, zplkit_render};

const CODE: &str = "ZC-2026-00012";

fn golden(name: &str, bytes: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    if expected != bytes {
        let at = expected.iter().zip(bytes).position(|(a, b)| a != b).unwrap_or(expected.len().min(bytes.len()));
        panic!(
            "{name} differs from the golden file at byte {at}: expected {:?}, got {:?}",
            String::from_utf8_lossy(&expected[at.saturating_sub(20)..(at + 40).min(expected.len())]),
            String::from_utf8_lossy(&bytes[at.saturating_sub(20)..(at + 40).min(bytes.len())]),
        );
    }
}

fn settings(mode: Mode) -> PrinterSettings {
    PrinterSettings { darkness: Some(10), speed: Some(4), mode, ..Default::default() }
}

/// The job's lines split on CRLF / LF, binary data lines included as they are.
fn lines(job: &[u8]) -> Vec<Vec<u8>> {
    job.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec()).collect()
}

/// The texts of TSPL `TEXT x,y,"TSS24.BF2",...,"..."` commands, decoded from GBK.
fn tspl_texts(job: &[u8]) -> Vec<String> {
    lines(job)
        .iter()
        .filter(|l| l.starts_with(b"TEXT "))
        .map(|l| {
            let head = b"\"TSS24.BF2\",0,1,1,\"";
            let start = l.windows(head.len()).position(|w| w == head).expect("the resident GB font") + head.len();
            let (text, _, bad) = encoding_rs::GBK.decode(&l[start..l.len() - 1]);
            assert!(!bad, "valid GBK");
            text.into_owned()
        })
        .collect()
}

#[test]
fn golden_native_jobs() {
    let data = [sample(CODE)];
    for (template, dpi) in [("50x30-code128", Dpi::D203), ("60x40-qr", Dpi::D203), ("70x40-code128", Dpi::D300)] {
        let t = builtin(template).unwrap();
        let s = PrinterSettings { dpi, ..settings(Mode::Native) };
        let tag = format!("{template}-{}", dpi.value());
        golden(&format!("{tag}.tspl"), &render_tspl(&t, &data, &s).unwrap());
        golden(&format!("{tag}.zpl"), &render_zpl(&t, &data, &s).unwrap());
        golden(&format!("{tag}.epl"), &render_epl(&t, &data, &PrinterSettings { speed: Some(3), ..s }).unwrap());
    }
    let t = builtin("50x30-code128").unwrap();
    for (ext, job) in [
        ("tspl", render_tspl(&t, &data, &settings(Mode::Bitmap)).unwrap()),
        ("zpl", render_zpl(&t, &data, &settings(Mode::Bitmap)).unwrap()),
        ("epl", render_epl(&t, &data, &PrinterSettings { speed: Some(3), ..settings(Mode::Bitmap) }).unwrap()),
    ] {
        golden(&format!("50x30-code128-203-bitmap.{ext}"), &job);
    }
}

#[test]
fn tspl_native_text_is_gbk_in_the_resident_font_and_the_code_a_barcode_command() {
    let t = builtin("50x30-code128").unwrap();
    let job = render_tspl(&t, &[sample(CODE)], &settings(Mode::Native)).unwrap();
    let texts = tspl_texts(&job);
    assert_eq!(texts, ["华东电力设备有限公司", "名称：联想笔记本电脑", "部门：财务部", CODE]);
    // The GBK bytes themselves (联 = C1 AA), not UTF-8.
    assert!(job.windows(2).any(|w| w == [0xC1, 0xAA]));
    assert!(!job.windows(3).any(|w| w == "联".as_bytes()));
    // Code 128 in manual mode with the encoder's code sets: start B, then set C.
    let text = String::from_utf8_lossy(&job);
    assert!(text.contains("BARCODE 32,96,\"128M\",88,0,0,2,2,\"!104ZC-2026-0!0990012\"\r\n"), "{text}");
    assert!(!text.contains("BITMAP"), "all text fits the resident font here");

    // QR natively; Code 39 as "39S" (standard, not full ASCII) with 2:1 bars.
    let qr = render_tspl(&builtin("60x40-qr").unwrap(), &[sample(CODE)], &settings(Mode::Native)).unwrap();
    assert!(String::from_utf8_lossy(&qr).contains(&format!(",M,5,A,0,\"{CODE}\"\r\n")));
    let c39 = crate::fit::barcode_template(labels::Symbology::Code39, 80.0, 25.0);
    let job = render_tspl(&c39, &[LabelData::with_code("AB-12")], &settings(Mode::Native)).unwrap();
    assert!(String::from_utf8_lossy(&job).contains("\"39S\","), "{}", String::from_utf8_lossy(&job));
}

#[test]
fn text_the_resident_font_cannot_set_is_an_image() {
    let t = builtin("50x30-code128").unwrap();
    // 𠀀 is outside GBK: that line is a bitmap, the others stay TSS24 text.
    let mut data = sample(CODE);
    data.name = "𠀀笔记本".into();
    let job = render_tspl(&t, &[data], &settings(Mode::Native));
    // The bundled font has no glyph for it either: refused before anything prints.
    assert_eq!(job.unwrap_err().code(), "missing_glyph");
    // A quote cannot travel inside TEXT "...": image.
    let mut data = sample(CODE);
    data.name = "\"A\"型".into();
    let job = render_tspl(&t, &[data], &settings(Mode::Native)).unwrap();
    assert_eq!(tspl_texts(&job).len(), 3);
    assert_eq!(String::from_utf8_lossy(&job).matches("BITMAP ").count(), 1);
}

#[test]
fn zpl_native_scans_back_and_chinese_is_a_graphic() {
    if !zplkit_installed() {
        eprintln!("SKIPPED zpl_native_scans_back_and_chinese_is_a_graphic: PyPI zplkit is not installed");
        return;
    }
    let t = builtin("50x30-code128").unwrap();
    let job = render_zpl(&t, &[sample(CODE)], &settings(Mode::Native)).unwrap();
    let text = String::from_utf8(job.clone()).unwrap();
    assert!(text.contains("^BCN,88,N,N,N^FD>:ZC-2026-0>50012^FS"));
    assert!(!text.contains("联想"));
    let image = zplkit_render(&job, 203).remove(0);
    assert_eq!(scan_label_image(&image, &t, &sample(CODE), 203, Resolution::Dpi(203)), [CODE]);
}

#[test]
fn epl_uses_b_for_codes_a_for_ascii_and_gw_for_chinese() {
    let t = builtin("50x30-code128").unwrap();
    let job = render_epl(&t, &[sample(CODE), sample("ZC-2026-00013")], &settings(Mode::Native)).unwrap();
    let text = String::from_utf8_lossy(&job);
    assert!(text.starts_with("\nq400\nQ240,16\nS4\nD10\nZT\nN\n"), "{}", &text[..30]);
    assert!(text.contains(&format!("B32,96,0,1,2,2,88,N,\"{CODE}\"\n")));
    assert!(text.contains(&format!(",N,\"{CODE}\"\nP1\n")), "the human-readable line in a resident font");
    assert!(text.contains("\nA") && text.contains("\nGW12,8,"));
    assert_eq!(text.matches("\nP1\n").count(), 2);
    let bitmap = render_epl(&t, &[sample(CODE)], &settings(Mode::Bitmap)).unwrap();
    let text = String::from_utf8_lossy(&bitmap);
    assert!(text.contains("\nN\nGW0,0,50,240,") && !text.contains("\nB"));
    // EPL speed tops out at 6.
    let err = render_epl(&t, &[sample(CODE)], &PrinterSettings { speed: Some(7), ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn offsets_move_every_element_and_media_is_set() {
    let t = builtin("50x30-code128").unwrap();
    let moved = PrinterSettings { offset_x_mm: 1.5, offset_y_mm: -0.5, ..settings(Mode::Native) };
    let job = String::from_utf8(render_zpl(&t, &[sample(CODE)], &moved).unwrap()).unwrap();
    // 1.5 mm = 12 dots right, 0.5 mm = 4 dots up at 203 dpi.
    assert!(job.contains("^FO44,92^BY2^BC"), "{job}");
    assert!(job.contains("^FO24,4^GFA"));
    let tspl = String::from_utf8_lossy(&render_tspl(&t, &[sample(CODE)], &moved).unwrap()).into_owned();
    assert!(tspl.contains("BARCODE 44,92,"));
    // Nothing moves past the top-left edge: the first text stays at the top.
    let up = PrinterSettings { offset_y_mm: -2.0, ..settings(Mode::Native) };
    let job = String::from_utf8(render_zpl(&t, &[sample(CODE)], &up).unwrap()).unwrap();
    assert!(job.contains("^FO12,0^GFA"));
    // Too far is refused, naming the setting.
    let far = PrinterSettings { offset_x_mm: 12.0, ..settings(Mode::Native) };
    let err = render_tspl(&t, &[sample(CODE)], &far).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.message_zh().contains("offset_x_mm") && err.message_en().contains("12"));

    let mark = PrinterSettings { media: Media::BlackMark, gap_mm: 3.0, ..settings(Mode::Native) };
    assert!(String::from_utf8_lossy(&render_tspl(&t, &[sample(CODE)], &mark).unwrap()).contains("\r\nBLINE 3 mm,0 mm\r\n"));
    assert!(String::from_utf8_lossy(&render_zpl(&t, &[sample(CODE)], &mark).unwrap()).contains("\n^MNM\n"));
    assert!(String::from_utf8_lossy(&render_epl(&t, &[sample(CODE)], &mark).unwrap()).contains("\nQ240,B24\n"));
    let roll = PrinterSettings { media: Media::Continuous, ..settings(Mode::Native) };
    assert!(String::from_utf8_lossy(&render_tspl(&t, &[sample(CODE)], &roll).unwrap()).contains("\r\nGAP 0 mm,0 mm\r\n"));
}

#[test]
fn the_loaded_stock_sets_the_size_and_refuses_larger_templates() {
    let small = builtin("50x30-code128").unwrap();
    let stock = PrinterSettings { stock_mm: Some((60.0, 40.0)), ..settings(Mode::Native) };
    let job = render_tspl(&small, &[sample(CODE)], &stock).unwrap();
    assert!(String::from_utf8_lossy(&job).starts_with("SIZE 60 mm,40 mm\r\n"));
    let big = builtin("70x40-code128").unwrap();
    let err = render_zpl(&big, &[sample(CODE)], &stock).unwrap_err();
    assert_eq!(err.code(), "larger_than_stock");
    assert!(err.message_zh().contains("60×40 毫米"), "{}", err.message_zh());
}

#[test]
fn the_test_page_shows_language_dpi_offsets_and_a_ruler_then_a_sample() {
    let s = PrinterSettings { offset_x_mm: 1.5, offset_y_mm: -0.5, stock_mm: Some((50.0, 30.0)), ..settings(Mode::Native) };
    let template = builtin("50x30-code128").unwrap();
    let data = sample(CODE);
    let job = render_test_page(Format::Tspl, &s, "仓库标签机", Some((&template, &data))).unwrap();
    let texts = tspl_texts(&job);
    assert!(texts.contains(&"测试页 仓库标签机".to_string()), "{texts:?}");
    assert!(texts.contains(&"TSPL 203 dpi 50x30 mm".to_string()), "{texts:?}");
    assert!(texts.contains(&"X +1.50 mm Y -0.50 mm".to_string()), "{texts:?}");
    assert!(texts.contains(&"名称：联想笔记本电脑".to_string()), "the sample label follows");
    let text = String::from_utf8_lossy(&job);
    assert_eq!(text.matches("\r\nPRINT 1,1\r\n").count(), 2);
    // 51 ticks along the top, 30 down the left.
    assert!(text.matches("\r\nBAR ").count() >= 81, "{text}");
    assert!(text.contains(&format!("\"!104{TEST_PAGE_CODE}\"")));

    if !zplkit_installed() {
        eprintln!("SKIPPED the ZPL half of the test page test: PyPI zplkit is not installed");
        return;
    }
    let job = render_test_page(Format::Zpl, &s, "Zebra", Some((&template, &data))).unwrap();
    let images = zplkit_render(&job, 203);
    assert_eq!(images.len(), 2);
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.pgm");
    images[0].write_pgm(&first);
    assert_eq!(zbar(&first), [("CODE-128".to_string(), TEST_PAGE_CODE.to_string())]);
    // The ruler's first tick is 1.5 mm (12 dots) from the left edge, at the top.
    let row = 0;
    let first_dark = (0..images[0].width).find(|&x| images[0].dark(x, row)).unwrap();
    assert_eq!(first_dark, 12);
    assert_eq!(scan_label_image(&images[1], &template, &data, 203, Resolution::Dpi(203)), [CODE]);
}
