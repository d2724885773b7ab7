//! The document forms the UI is generated from (crates/api/src/forms.rs) agree with what
//! the ledger validates: a field the form marks required is refused when empty, every
//! option a choice offers is accepted and anything else is refused, and every field a
//! form names is a field of the request.

use api::documents::DocRequestDto;
use api::forms::{doc_forms, FieldSpec, DOC_FIELDS};
use api::{Ctx, ErrorCode, Lang};
use ledger::{Ledger, SetupInput};

fn set(req: &mut DocRequestDto, field: &str, value: &str) {
    let slot = match field {
        "person" => &mut req.person,
        "dept" => &mut req.dept,
        "location" => &mut req.location,
        "due" => &mut req.due,
        "amount" => &mut req.amount,
        "method" => &mut req.method,
        "reason" => &mut req.reason,
        "vendor" => &mut req.vendor,
        "cause" => &mut req.cause,
        "cause_category" => &mut req.cause_category,
        "handling" => &mut req.handling,
        "warranty" => &mut req.warranty,
        "recheck" => &mut req.recheck,
        "date" => &mut req.date,
        "notes" => &mut req.notes,
        other => panic!("the form names '{other}', which a DocRequest does not have"),
    };
    *slot = value.to_string();
}

/// A valid value for `spec` on a document dated today.
fn valid(spec: &FieldSpec, today: &str) -> String {
    if let Some(options) = spec.options {
        return options.iter().find(|o| !o.is_empty()).unwrap().to_string();
    }
    match spec.field {
        "person" => "张三",
        "dept" => "行政部",
        "location" => "三楼301",
        "due" | "date" => today,
        "amount" => "100",
        _ => "说明",
    }
    .to_string()
}

fn filled(kind: &str, code: &str, form: &[FieldSpec], today: &str) -> DocRequestDto {
    let mut req = DocRequestDto::new(kind, vec![code.to_string()]);
    for spec in form {
        set(&mut req, spec.field, &valid(spec, today));
    }
    req
}

fn names_field(result: &api::Result<api::DocNo>, field: &str) -> bool {
    matches!(result, Err(e) if e.code == ErrorCode::InvalidInput && e.fields.iter().any(|f| f == field))
}

#[test]
fn every_form_agrees_with_the_ledgers_validation() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let cx = &mut Ctx::new(&mut ledger, &admin, Lang::En);
    let input = api::assets::AssetInputDto { name: "笔记本".into(), category: "电脑".into(), value: "5000".into(), acquired: "2025-01-10".into(), ..Default::default() };
    let code = api::assets::register(cx, input).unwrap();
    let registered = api::DocNo(api::assets::card(cx, &code).unwrap().history[0].doc_no.clone());
    let today = api::documents::detail(cx, &registered).unwrap().row.date;

    let forms = doc_forms();
    assert!(forms.len() >= 12, "every kind a clerk posts has a form: {:?}", forms.iter().map(|f| f.0).collect::<Vec<_>>());
    let mut checked = 0;
    for (kind, form) in &forms {
        for spec in form {
            assert!(DOC_FIELDS.contains(&spec.field), "{kind}: {} is a DocField", spec.field);
            if spec.required {
                let mut req = filled(kind, code.as_str(), form, &today);
                set(&mut req, spec.field, "");
                let result = api::documents::post(cx, req);
                assert!(names_field(&result, spec.field), "{kind}: an empty {} is refused, got {result:?}", spec.field);
                checked += 1;
            }
            for option in spec.options.unwrap_or(&[]) {
                let mut req = filled(kind, code.as_str(), form, &today);
                set(&mut req, spec.field, option);
                // Posting may still be refused for the asset's state, never for this field.
                let result = api::documents::post(cx, req);
                assert!(!names_field(&result, spec.field) || (option.is_empty() && spec.required), "{kind}: {}='{option}' is accepted, got {result:?}", spec.field);
                if let Ok(doc) = result {
                    api::documents::void(cx, &doc, "测试").unwrap();
                }
                checked += 1;
            }
            if spec.options.is_some() {
                let mut req = filled(kind, code.as_str(), form, &today);
                set(&mut req, spec.field, "zzz");
                let result = api::documents::post(cx, req);
                assert!(names_field(&result, spec.field), "{kind}: {}='zzz' is not an option, got {result:?}", spec.field);
            }
        }
    }
    assert!(checked > 20, "{checked} checks");
}
