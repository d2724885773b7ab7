//! Fit checks: what cannot print is refused before anything is sent, naming the
//! label, the element and the reason, in English and Chinese.

use labels::{
    builtin, check_fit, layout_label, render_pdf, render_zpl, BarcodeElement, Content, Element,
    Field, Item, LabelData, LabelError, LabelSize, Orientation, PdfOptions, PrinterSettings,
    Resolution, Symbology, Template, TextElement, MIN_MODULE_MM,
};

use crate::common::sample;

pub fn barcode_template(symbology: Symbology, width_mm: f64, height_mm: f64) -> Template {
    let linear = symbology.is_linear();
    Template {
        version: 1,
        name: format!("test-{symbology:?}"),
        description: String::new(),
        size: LabelSize::Custom {
            width_mm,
            height_mm,
        },
        orientation: Orientation::Landscape,
        elements: vec![Element::Barcode(BarcodeElement {
            x_mm: 1.0,
            y_mm: 2.0,
            symbology,
            content: Content::Field(Field::Code),
            module_mm: if linear { 0.3 } else { 0.8 },
            height_mm: if linear { 12.0 } else { 0.0 },
            human_readable: linear,
            human_readable_size_pt: 7.0,
        })],
        sheet: None,
    }
}

#[test]
fn code39_refuses_lower_case_and_names_label_and_character() {
    let t = barcode_template(Symbology::Code39, 80.0, 25.0);
    let labels = [
        LabelData::with_code("ZC-0001"),
        LabelData::with_code("zc-0002"),
    ];
    let err = check_fit(&t, &labels, Resolution::Vector).unwrap_err();
    match &err {
        LabelError::Unencodable {
            label,
            element,
            symbology,
            what,
        } => {
            assert_eq!(
                (label.number, label.code.as_str(), *element),
                (2, "zc-0002", 1)
            );
            assert_eq!(*symbology, Symbology::Code39);
            assert!(what.contains("'z'"), "{what}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.message_zh()
            .starts_with("第 2 张标签（zc-0002）第 1 个元素"),
        "{}",
        err.message_zh()
    );
    assert_eq!(err.code(), "unencodable");
}

#[test]
fn code128_refuses_chinese_but_qr_and_data_matrix_take_it() {
    let label = [LabelData::with_code("资产-001")];
    let err = check_fit(
        &barcode_template(Symbology::Code128, 80.0, 25.0),
        &label,
        Resolution::Vector,
    )
    .unwrap_err();
    assert!(
        err.message_en().contains("'资' (U+8D44)"),
        "{}",
        err.message_en()
    );
    assert!(
        err.message_zh().contains("Code 128 条码无法编码"),
        "{}",
        err.message_zh()
    );
    for s in [Symbology::Qr, Symbology::DataMatrix] {
        check_fit(&barcode_template(s, 40.0, 30.0), &label, Resolution::Vector).unwrap();
    }
}

#[test]
fn a_code_too_wide_even_at_the_minimum_module_is_refused_with_the_numbers() {
    let t = barcode_template(Symbology::Code128, 30.0, 25.0);
    let label = [LabelData::with_code("ZC-2026-00012")];
    match check_fit(&t, &label, Resolution::Vector).unwrap_err() {
        LabelError::BarcodeTooLarge {
            needed_mm,
            available_mm,
            min_module_mm,
            ..
        } => {
            assert_eq!(min_module_mm, MIN_MODULE_MM);
            assert_eq!(available_mm, 29.0);
            assert!(needed_mm > available_mm);
        }
        other => panic!("{other:?}"),
    }
    // On a 203 dpi printer the smallest module is 2 whole dots = 0.250 mm.
    let err = check_fit(&t, &label, Resolution::Dpi(203)).unwrap_err();
    assert!(
        err.message_en().contains("minimum module of 0.250 mm"),
        "{}",
        err.message_en()
    );
    assert!(
        err.message_zh().contains("最小模块宽度 0.250 毫米"),
        "{}",
        err.message_zh()
    );
}

#[test]
fn a_barcode_shrinks_from_the_preferred_module_to_fit_when_it_can() {
    // 40 mm wide: 0.3 mm modules would need 56 mm, but the minimum fits.
    let t = barcode_template(Symbology::Code128, 40.0, 25.0);
    let layout = layout_label(
        &t,
        &LabelData::with_code("ZC-2026-00012"),
        1,
        Resolution::Vector,
    )
    .unwrap();
    let Item::Bars { module_mm, .. } = &layout.items[0] else {
        panic!("{:?}", layout.items)
    };
    assert!(
        *module_mm < 0.3 && *module_mm >= MIN_MODULE_MM,
        "{module_mm}"
    );
    // At 203 dpi it cannot: 2 dots are too wide for 13 characters on 40 mm.
    assert!(check_fit(
        &t,
        &[LabelData::with_code("ZC-2026-00012")],
        Resolution::Dpi(203)
    )
    .is_err());
    // Shorter codes fit on the same label at 203 dpi.
    check_fit(
        &t,
        &[LabelData::with_code("A1234567")],
        Resolution::Dpi(203),
    )
    .unwrap();
}

#[test]
fn a_matrix_code_too_big_for_the_label_is_refused() {
    let t = barcode_template(Symbology::Qr, 12.0, 12.0);
    let long = "ZC-2026-00012 ".repeat(20);
    let err = check_fit(&t, &[LabelData::with_code(long)], Resolution::Vector).unwrap_err();
    assert_eq!(err.code(), "barcode_too_large", "{err}");
}

fn text_template(shrink: bool) -> Template {
    let mut t = builtin("50x30-code128").unwrap();
    t.elements = vec![Element::Text(TextElement {
        x_mm: 2.0,
        y_mm: 2.0,
        font_size_pt: 10.0,
        content: Content::Field(Field::Name),
        prefix: "名称：".into(),
        max_width_mm: None,
        shrink_to_fit: shrink,
        max_lines: 1,
    })];
    t
}

#[test]
fn overflowing_text_is_refused_with_its_width() {
    let mut data = sample("ZC-2026-00012");
    data.name = "联想ThinkPad X1 Carbon 超轻薄笔记本电脑".into();
    let err = check_fit(&text_template(false), &[data.clone()], Resolution::Vector).unwrap_err();
    match &err {
        LabelError::TextOverflow {
            label,
            element,
            text,
            width_mm,
            available_mm,
        } => {
            assert_eq!((label.number, *element), (1, 1));
            assert!(text.starts_with("名称：联想"));
            assert_eq!(*available_mm, 48.0);
            assert!(*width_mm > 48.0);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.message_zh().contains("超出可用的 48.0 毫米"),
        "{}",
        err.message_zh()
    );
    // The same template with shrink_to_fit sets the name smaller instead.
    let layout = layout_label(&text_template(true), &data, 1, Resolution::Vector).unwrap();
    let Item::Text { size_pt, .. } = &layout.items[0] else {
        panic!()
    };
    assert!(
        *size_pt < 10.0 && *size_pt >= labels::MIN_SHRINK_PT,
        "{size_pt}"
    );
}

#[test]
fn text_below_the_bottom_edge_is_refused() {
    let mut t = text_template(false);
    if let Element::Text(text) = &mut t.elements[0] {
        text.y_mm = 27.0;
    }
    let err = check_fit(&t, &[sample("A1")], Resolution::Vector).unwrap_err();
    assert!(matches!(err, LabelError::TextBelowLabel { .. }), "{err:?}");
}

#[test]
fn a_character_missing_from_the_font_is_refused_rather_than_printed_as_a_box() {
    let mut data = sample("A1");
    data.name = "打印机🖨".into();
    let err = check_fit(&text_template(false), &[data], Resolution::Vector).unwrap_err();
    assert!(
        matches!(err, LabelError::MissingGlyph { ch: '🖨', .. }),
        "{err:?}"
    );
}

#[test]
fn empty_jobs_and_empty_codes_are_refused_and_nothing_is_rendered() {
    let t = builtin("50x30-code128").unwrap();
    let err = render_pdf(&t, &[], &PdfOptions::default()).unwrap_err();
    assert_eq!(err.code(), "no_labels");
    let mut blank = sample("");
    blank.code.clear();
    let err = render_zpl(&t, &[sample("A1"), blank], &PrinterSettings::default()).unwrap_err();
    assert!(
        matches!(&err, LabelError::EmptyBarcodeData { label, field, .. } if label.number == 2 && field == "code"),
        "{err:?}"
    );
}

#[test]
fn every_error_speaks_chinese() {
    let t = barcode_template(Symbology::Code39, 80.0, 25.0);
    let errors = [
        check_fit(&t, &[LabelData::with_code("a")], Resolution::Vector).unwrap_err(),
        check_fit(
            &barcode_template(Symbology::Code128, 20.0, 25.0),
            &[LabelData::with_code("ABCDEFGH")],
            Resolution::Vector,
        )
        .unwrap_err(),
        "ftp://x".parse::<labels::PrinterUri>().unwrap_err(),
        LabelError::NoLabels,
    ];
    for e in errors {
        let zh = e.message_zh();
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert_ne!(zh, e.message_en());
        assert!(
            !e.code().is_empty() && e.code().chars().all(|c| c.is_ascii_lowercase() || c == '_')
        );
    }
}

#[test]
fn elements_that_overlap_are_refused() {
    // The QR code and its quiet zone cover 1..24.2 mm across and 2..25.2 mm down.
    let mut t = barcode_template(Symbology::Qr, 60.0, 30.0);
    t.elements.insert(
        0,
        Element::Text(TextElement {
            x_mm: 1.0,
            y_mm: 26.0,
            font_size_pt: 8.0,
            content: Content::Field(Field::Name),
            prefix: String::new(),
            max_width_mm: None,
            shrink_to_fit: false,
            max_lines: 1,
        }),
    );
    // Text below the code: fine.
    check_fit(&t, &[sample("ZC-1")], Resolution::Vector).unwrap();
    // Moved up into the code's area: refused, naming both elements.
    if let Element::Text(text) = &mut t.elements[0] {
        text.y_mm = 5.0;
    }
    let err = check_fit(&t, &[sample("ZC-1")], Resolution::Vector).unwrap_err();
    assert!(
        matches!(
            err,
            LabelError::Overlap {
                element: 2,
                other: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.message_zh().contains("第 2 个元素与第 1 个元素重叠"),
        "{}",
        err.message_zh()
    );
}

#[test]
fn data_matrix_symbols_are_square() {
    for code in ["A", "ZC-2026-00012", "ZC-2026-00012-ABCDEFGHIJ"] {
        let Ok(labels::Symbol::Matrix { width, height, .. }) =
            labels::encode(Symbology::DataMatrix, code)
        else {
            panic!()
        };
        assert_eq!(width, height, "{code}");
    }
}

#[test]
fn line_breaks_in_data_print_as_one_space() {
    let mut t = text_template(false);
    if let Element::Text(text) = &mut t.elements[0] {
        text.prefix.clear();
    }
    let mut data = sample("A1");
    data.name = "联想\r\n笔记本\t电脑 ".into();
    let layout = layout_label(&t, &data, 1, Resolution::Vector).unwrap();
    assert!(
        matches!(&layout.items[0], Item::Text { text, .. } if text == "联想 笔记本 电脑"),
        "{:?}",
        layout.items
    );
}
