//! Template files: built-ins, import/export, versioning, validation errors.

use labels::{
    builtin, builtin_names, builtins, Element, LabelError, LabelSize, Orientation, Template,
};

#[test]
fn every_builtin_template_loads_and_survives_export_then_import() {
    let names = builtin_names();
    assert_eq!(names.len(), 6);
    assert_eq!(
        builtins().len(),
        names.len(),
        "a built-in JSON file does not parse"
    );
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        let t = builtin(name).unwrap();
        assert_eq!(t.name, name, "file name and template name differ");
        let path = dir.path().join(format!("{name}.json"));
        t.save(&path).unwrap();
        assert_eq!(Template::load(&path).unwrap(), t);
    }
}

#[test]
fn builtins_cover_the_promised_sizes_and_a_sheet() {
    let sizes: Vec<(f64, f64)> = builtins().iter().map(|t| t.canvas_mm()).collect();
    for wanted in [(50.0, 30.0), (40.0, 30.0), (60.0, 40.0), (70.0, 40.0)] {
        assert!(sizes.contains(&wanted), "no built-in of {wanted:?} mm");
    }
    let sheet = builtin("a4-3x8-code128").unwrap().sheet.unwrap();
    assert_eq!(
        (
            sheet.columns,
            sheet.rows,
            sheet.page_width_mm,
            sheet.page_height_mm
        ),
        (3, 8, 210.0, 297.0)
    );
}

#[test]
fn unknown_builtin_is_not_found() {
    let err = builtin("99x99").unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert!(err.message_zh().contains("99x99"));
}

#[test]
fn a_template_from_a_newer_program_is_refused_not_misread() {
    let json = builtin("50x30-code128")
        .unwrap()
        .to_json()
        .replace("\"version\": 1", "\"version\": 7");
    let err = Template::from_json(&json).unwrap_err();
    assert!(
        matches!(
            err,
            LabelError::TemplateVersion {
                found: 7,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.message_zh().contains("升级"));
}

#[test]
fn broken_json_names_the_problem() {
    let err = Template::from_json("{\"version\": 1, \"name\": \"x\"").unwrap_err();
    assert_eq!(err.code(), "template_json");
    let err = Template::from_json(
        "{\"version\": 1, \"name\": \"x\", \"size\": \"51x31mm\", \"elements\": []}",
    )
    .unwrap_err();
    assert!(err.message_en().contains("51x31mm"), "{}", err.message_en());
}

#[test]
fn custom_sizes_and_portrait_orientation() {
    let mut t = builtin("50x30-code128").unwrap();
    t.size = LabelSize::Custom {
        width_mm: 30.0,
        height_mm: 80.0,
    };
    assert_eq!(
        t.canvas_mm(),
        (80.0, 30.0),
        "landscape puts the long side across"
    );
    t.orientation = Orientation::Portrait;
    assert_eq!(t.canvas_mm(), (30.0, 80.0));
    assert_eq!(LabelSize::In225x125.dimensions_mm(), (57.15, 31.75));
    let json = t.to_json();
    assert!(
        json.contains("\"custom\"") && json.contains("\"portrait\""),
        "{json}"
    );
    assert_eq!(Template::from_json(&json).unwrap(), t);
}

fn invalid(t: &Template) -> (Option<usize>, String, String) {
    match t.validate().unwrap_err() {
        e @ LabelError::TemplateInvalid { element, .. } => {
            (element, e.message_en(), e.message_zh())
        }
        other => panic!("expected TemplateInvalid, got {other:?}"),
    }
}

#[test]
fn validation_names_the_element_and_the_reason() {
    let base = builtin("50x30-code128").unwrap();

    let mut t = base.clone();
    if let Element::Text(text) = &mut t.elements[1] {
        text.x_mm = 55.0;
    }
    let (element, en, zh) = invalid(&t);
    assert_eq!(element, Some(2));
    assert!(en.contains("outside the 50 x 30 mm label"), "{en}");
    assert!(zh.contains("第 2 个元素"), "{zh}");

    let mut t = base.clone();
    if let Element::Barcode(b) = &mut t.elements[3] {
        b.height_mm = 25.0;
    }
    assert!(invalid(&t).1.contains("bar height"));

    let mut t = base.clone();
    if let Element::Text(text) = &mut t.elements[0] {
        text.font_size_pt = 2.0;
    }
    assert!(invalid(&t).1.contains("font size 2 pt"));

    let mut t = base.clone();
    t.elements.clear();
    assert!(invalid(&t).1.contains("no elements"));

    let mut t = base;
    t.name = " ".into();
    assert!(invalid(&t).2.contains("名称为空"));
}

#[test]
fn a_sheet_that_does_not_fit_the_page_is_refused() {
    let mut t = builtin("a4-3x8-code128").unwrap();
    t.sheet.as_mut().unwrap().rows = 9;
    let (_, en, zh) = invalid(&t);
    assert!(
        en.contains("3 x 9 labels") && en.contains("210 x 297 mm"),
        "{en}"
    );
    assert!(zh.contains("超出了"), "{zh}");
    t.sheet.as_mut().unwrap().columns = 0;
    assert!(invalid(&t).1.contains("at least 1 column"));
}
