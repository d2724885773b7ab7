//! ZPL and TSPL: structure, settings, determinism, and decoding after rendering
//! offline (ZPL with PyPI zplkit when installed; TSPL with a small interpreter of
//! the commands we emit, painting dots the way the printer would).

use labels::{
    builtin, builtin_names, render_tspl, render_zpl, Dpi, LabelData, LabelError, Mode,
    PrinterSettings, Resolution, Symbology,
};

use crate::common::{sample, scan_label_image, zplkit_installed, zplkit_render, Gray};
use crate::fit::barcode_template;

const CODE: &str = "ZC-2026-00012";

fn settings(dpi: Dpi) -> PrinterSettings {
    PrinterSettings {
        dpi,
        darkness: Some(20),
        speed: Some(4),
        copies: 2,
        gap_mm: 2.0,
        ..Default::default()
    }
}

fn bitmap_mode(s: PrinterSettings) -> PrinterSettings {
    PrinterSettings {
        mode: Mode::Bitmap,
        ..s
    }
}

/// TSPL darkness (DENSITY) runs 0-15.
fn tspl_settings(dpi: Dpi) -> PrinterSettings {
    PrinterSettings {
        darkness: Some(12),
        ..settings(dpi)
    }
}

#[test]
fn zpl_has_one_format_per_label_with_size_settings_and_copies() {
    let t = builtin("50x30-code128").unwrap();
    let labels = [sample("ZC-2026-00001"), sample("ZC-2026-00002")];
    let zpl = String::from_utf8(render_zpl(&t, &labels, &settings(Dpi::D203)).unwrap()).unwrap();
    assert!(zpl.starts_with("~SD20\n^XA\n"), "{}", &zpl[..40]);
    assert_eq!(zpl.matches("^XA").count(), 2);
    assert_eq!(zpl.matches("^XZ").count(), 2);
    // 50 x 30 mm at 203 dpi (8 dots/mm).
    assert_eq!(zpl.matches("^PW400\n^LL240\n").count(), 2);
    assert_eq!(zpl.matches("^PR4\n").count(), 2);
    assert_eq!(zpl.matches("^PQ2\n^XZ").count(), 2);
    // Native: one ^BC per label carrying the code with the encoder's code-set
    // switches (>: start B, >5 to set C), so the printer draws the measured width.
    assert_eq!(zpl.matches("^BY2^BCN,88,N,N,N^FD>:ZC-2026-0>50001^FS").count(), 1, "{zpl}");
    assert_eq!(zpl.matches("^BCN").count(), 2);
    assert!(!zpl.contains("^GB"));
    // Chinese never reaches the printer as text (no resident font has it): images.
    assert!(!zpl.contains("财务部"));
    assert!(zpl.contains("^GFA,"));
    // Bitmap mode: the whole label is one image, nothing else.
    let whole = String::from_utf8(render_zpl(&t, &labels, &bitmap_mode(settings(Dpi::D203))).unwrap()).unwrap();
    assert_eq!(whole.matches("^GFA,").count(), 2);
    assert_eq!(whole.matches("^FO0,0^GFA,").count(), 2);
    assert!(!whole.contains("^BC"));

    let zpl300 = String::from_utf8(render_zpl(&t, &labels, &settings(Dpi::D300)).unwrap()).unwrap();
    assert!(zpl300.contains("^PW591\n^LL354\n"));
}

#[test]
fn zpl_and_tspl_are_deterministic() {
    let t = builtin("60x40-qr").unwrap();
    let labels = [sample(CODE)];
    for dpi in [Dpi::D203, Dpi::D300] {
        assert_eq!(
            render_zpl(&t, &labels, &settings(dpi)).unwrap(),
            render_zpl(&t, &labels, &settings(dpi)).unwrap()
        );
        assert_eq!(
            render_tspl(&t, &labels, &tspl_settings(dpi)).unwrap(),
            render_tspl(&t, &labels, &tspl_settings(dpi)).unwrap()
        );
    }
}

#[test]
fn settings_outside_the_printer_range_are_refused() {
    let t = builtin("50x30-code128").unwrap();
    let labels = [sample(CODE)];
    let bad = PrinterSettings {
        darkness: Some(31),
        ..Default::default()
    };
    let err = render_zpl(&t, &labels, &bad).unwrap_err();
    assert!(
        matches!(
            err,
            LabelError::BadSetting {
                setting: "darkness",
                value: 31,
                ..
            }
        ),
        "{err:?}"
    );
    // TSPL density tops out at 15.
    let bad = PrinterSettings {
        darkness: Some(16),
        ..Default::default()
    };
    assert!(render_tspl(&t, &labels, &bad).is_err());
    let bad = PrinterSettings {
        copies: 0,
        ..Default::default()
    };
    assert!(render_zpl(&t, &labels, &bad)
        .unwrap_err()
        .message_zh()
        .contains("copies"));
}

/// The built-ins that a thermal head cannot print with the 13-character default
/// codes: 40 mm is too narrow for Code 128 at 2 dots a module. Refused, not misprinted.
const TOO_NARROW_FOR_THERMAL: &str = "40x30-code128";

#[test]
fn zpl_renders_offline_and_scans_back_for_every_builtin() {
    if !zplkit_installed() {
        eprintln!("SKIPPED zpl_renders_offline_and_scans_back_for_every_builtin: PyPI zplkit is not installed (pip install zplkit)");
        return;
    }
    let data = sample(CODE);
    for (name, mode) in builtin_names().iter().flat_map(|n| [(n, Mode::Native), (n, Mode::Bitmap)]) {
        for dpi in [Dpi::D203, Dpi::D300] {
            let t = builtin(name).unwrap();
            let s = PrinterSettings { mode, ..settings(dpi) };
            let job = render_zpl(&t, std::slice::from_ref(&data), &s);
            if *name == TOO_NARROW_FOR_THERMAL {
                assert_eq!(job.unwrap_err().code(), "barcode_too_large");
                continue;
            }
            let image = zplkit_render(&job.unwrap(), dpi.value()).remove(0);
            let read =
                scan_label_image(&image, &t, &data, dpi.value(), Resolution::Dpi(dpi.value()));
            assert_eq!(read, [CODE], "{name} at {dpi:?} {mode:?}");
        }
    }
}

/// Paints the TSPL commands this crate emits onto a white canvas.
fn paint_tspl(job: &[u8], dpi: Dpi) -> Gray {
    let mut canvas: Option<Gray> = None;
    let mut rest = job;
    let mut labels = 0;
    while !rest.is_empty() {
        let end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("every command ends in CRLF");
        let line = String::from_utf8_lossy(&rest[..end]).into_owned();
        if let Some(args) = line.strip_prefix("BITMAP ") {
            let head: Vec<&str> = args.splitn(6, ',').collect();
            let n: Vec<usize> = head[..5].iter().map(|v| v.parse().unwrap()).collect();
            let (x, y, width_bytes, height) = (n[0], n[1], n[2], n[3]);
            let header_len = "BITMAP ".len() + head[..5].iter().map(|s| s.len() + 1).sum::<usize>();
            let data = &rest[header_len..header_len + width_bytes * height];
            let c = canvas.as_mut().expect("SIZE first");
            for row in 0..height {
                for col in 0..width_bytes * 8 {
                    // TSPL prints 0 bits.
                    if data[row * width_bytes + col / 8] & (0x80 >> (col % 8)) == 0
                        && x + col < c.width
                        && y + row < c.height
                    {
                        c.pixels[(y + row) * c.width + x + col] = 0;
                    }
                }
            }
            assert_eq!(&rest[header_len + width_bytes * height..][..2], b"\r\n");
            rest = &rest[header_len + width_bytes * height + 2..];
            continue;
        }
        if let Some(args) = line.strip_prefix("SIZE ") {
            let mm: Vec<f64> = args
                .split(',')
                .map(|v| v.trim().trim_end_matches(" mm").parse().unwrap())
                .collect();
            let dots = |mm: f64| dpi.dots(mm) as usize;
            canvas = Some(Gray {
                width: dots(mm[0]),
                height: dots(mm[1]),
                pixels: vec![255; dots(mm[0]) * dots(mm[1])],
            });
        } else if let Some(args) = line.strip_prefix("BAR ") {
            let n: Vec<usize> = args.split(',').map(|v| v.parse().unwrap()).collect();
            let c = canvas.as_mut().expect("SIZE first");
            for y in n[1]..n[1] + n[3] {
                for x in n[0]..n[0] + n[2] {
                    c.pixels[y * c.width + x] = 0;
                }
            }
        } else if line.starts_with("PRINT ") {
            labels += 1;
        }
        rest = &rest[end + 2..];
    }
    assert_eq!(labels, 1, "paint_tspl expects a one-label job");
    canvas.expect("a SIZE command")
}

#[test]
fn tspl_has_the_header_and_settings_and_scans_back_for_every_builtin() {
    let data = sample(CODE);
    for name in builtin_names() {
        for dpi in [Dpi::D203, Dpi::D300] {
            let t = builtin(name).unwrap();
            // Bitmap mode: what the painter below can paint (native commands are
            // checked command by command in `tspl_native_*`).
            let job = render_tspl(&t, std::slice::from_ref(&data), &bitmap_mode(tspl_settings(dpi)));
            if name == TOO_NARROW_FOR_THERMAL {
                assert_eq!(job.unwrap_err().code(), "barcode_too_large");
                continue;
            }
            let job = job.unwrap();
            let text = String::from_utf8_lossy(&job);
            let (w, h) = t.canvas_mm();
            assert!(
                text.starts_with(&format!("SIZE {w} mm,{h} mm\r\nGAP 2 mm,0 mm\r\n")),
                "{}",
                &text[..40]
            );
            assert!(
                text.contains("\r\nSPEED 4\r\nDENSITY 12\r\n"),
                "{}",
                text.chars().take(120).collect::<String>()
            );
            assert!(text.contains("\r\nCLS\r\n") && text.ends_with("PRINT 1,2\r\n"));
            let image = paint_tspl(&job, dpi);
            let read =
                scan_label_image(&image, &t, &data, dpi.value(), Resolution::Dpi(dpi.value()));
            assert_eq!(read, [CODE], "{name} at {dpi:?}");
        }
    }
}

#[test]
fn tspl_density_15_is_the_top() {
    let t = builtin("50x30-code128").unwrap();
    let s = PrinterSettings {
        darkness: Some(15),
        ..Default::default()
    };
    let job = render_tspl(&t, &[LabelData::with_code("A1")], &s).unwrap();
    assert!(String::from_utf8_lossy(&job).contains("\r\nDENSITY 15\r\n"));
}

#[test]
fn thermal_output_is_refused_when_the_code_cannot_fit_at_whole_dots() {
    // PDF can use 0.21 mm modules on this 40 mm label; a 203 dpi head cannot.
    let t = barcode_template(Symbology::Code128, 40.0, 25.0);
    let err = render_tspl(
        &t,
        &[LabelData::with_code(CODE)],
        &PrinterSettings::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "barcode_too_large");
}

#[test]
fn formats_and_resolutions_parse_from_cli_words() {
    use labels::Format;
    assert_eq!("PDF".parse::<Format>().unwrap(), Format::Pdf);
    assert_eq!("zpl".parse::<Format>().unwrap(), Format::Zpl);
    assert_eq!("tspl".parse::<Format>().unwrap(), Format::Tspl);
    assert_eq!("EPL".parse::<Format>().unwrap(), Format::Epl);
    let err = "dpl".parse::<Format>().unwrap_err();
    assert!(err.message_en().contains("\"dpl\"") && err.message_zh().contains("dpl"));
    assert_eq!(Dpi::try_from(300).unwrap(), Dpi::D300);
    assert!(Dpi::try_from(600)
        .unwrap_err()
        .message_en()
        .contains("203 or 300"));
    // render() dispatches to the same renderers.
    let t = builtin("50x30-code128").unwrap();
    let labels = [sample(CODE)];
    let settings = PrinterSettings::default();
    let via_render =
        labels::render(Format::Zpl, &t, &labels, &Default::default(), &settings).unwrap();
    assert_eq!(via_render, render_zpl(&t, &labels, &settings).unwrap());
}
