//! `assetdesk asset …` and `assetdesk register …`: flags → one api call → text or JSON.

use api::assets::{AssetPatch, AssetQueryDto, AssetRowDto, FieldFilterDto};
use api::{AssetCode, Lang, Result};
use serde_json::{json, Value};

use crate::args::{AssetCommand, AssetFields, AssetFilters, AssetMatch, Cli, RegisterCommand};
use crate::output::Output;
use crate::session::login;

fn patch_of(fields: &AssetFields) -> AssetPatch {
    AssetPatch {
        code: fields.code.clone(),
        name: fields.name.clone(),
        category: fields.category.clone(),
        model: fields.model.clone(),
        serial: fields.serial.clone(),
        dept: fields.dept.clone(),
        location: fields.location.clone(),
        custodian: fields.custodian.clone(),
        acquired: fields.acquired.clone(),
        value: fields.value.clone(),
        life_years: fields.life_years.clone(),
        salvage_rate: fields.salvage_rate.clone(),
        salvage: fields.salvage.clone(),
        method: fields.method.clone(),
        notes: fields.notes.clone(),
        supplier: fields.supplier.clone(),
        warranty_until: fields.warranty_until.clone(),
    }
}

/// The assets the list's filters name (no sorting or paging).
pub fn match_query(m: &AssetMatch) -> Result<AssetQueryDto> {
    Ok(AssetQueryDto {
        text: m.query.clone().unwrap_or_default(),
        status: m.status.clone(),
        category: m.category.clone(),
        dept: m.dept.clone(),
        location: m.location.clone(),
        custodian: m.custodian.clone(),
        fields: m.fields.iter().map(|f| FieldFilterDto::parse(f)).collect::<Result<_>>()?,
        ..AssetQueryDto::default()
    })
}

/// `asset list` and `export`: the filters, sorted; every row unless `--limit`.
pub fn list_query(f: &AssetFilters) -> Result<AssetQueryDto> {
    Ok(AssetQueryDto { sort: Some(f.sort.clone()), desc: f.desc, limit: f.limit.unwrap_or(0), ..match_query(&f.matching)? })
}

fn row_json(r: &AssetRowDto) -> Value {
    json!({
        "code": r.code, "name": r.name, "category": r.category, "status": r.status,
        "dept": r.dept, "location": r.location, "custodian": r.custodian, "value": r.value,
        "fields": r.fields,
    })
}

pub fn asset(cli: &Cli, out: &Output, cmd: &AssetCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        AssetCommand::Add(fields) => {
            let code = api::assets::register_fields(cx, &patch_of(fields))?;
            out.result(json!({"code": code}), || code.to_string());
        }
        AssetCommand::Edit { code, fields } => {
            let code = api::assets::patch(cx, &AssetCode::from(code.as_str()), &patch_of(fields))?;
            out.result(json!({"code": code}), || format!("updated {code}"));
        }
        AssetCommand::Field(cmd) => crate::custom_fields::field(cx, out, cmd)?,
        AssetCommand::SetField { code, values } => crate::custom_fields::set_field(cx, out, code, values)?,
        AssetCommand::List(filters) => {
            let page = api::assets::list(cx, list_query(filters)?)?;
            out.result(Value::Array(page.rows.iter().map(row_json).collect()), || {
                page.rows
                    .iter()
                    .map(|r| {
                        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
                        format!("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", r.code, r.name, r.category, r.status, opt(&r.dept), opt(&r.location), opt(&r.custodian), r.value)
                    })
                    .chain(std::iter::once(format!("({} of {} assets)", page.rows.len(), page.total)))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        AssetCommand::Card { code, paper, out: file, print } => {
            let code = AssetCode::from(code.as_str());
            let pdf = api::assets::card_pdf(cx, &code, paper)?;
            let job_name = format!("{} {}", if out.lang == Lang::En { "Asset card" } else { "资产卡片" }, code);
            crate::print::deliver(out, &pdf, file.as_deref(), print, &job_name)?;
        }
        AssetCommand::Show { code } => {
            let d = api::assets::card(cx, &AssetCode::from(code.as_str()))?;
            let mut value = row_json(&d.row);
            let history: Vec<Value> =
                d.history.iter().map(|h| json!({"date": h.date, "doc": h.doc_no, "kind": h.kind, "operator": h.operator, "detail": h.detail})).collect();
            let extra = json!({
                "model": d.row.model, "serial": d.serial, "acquired": d.row.acquired,
                "life_years": d.life_years, "salvage_rate": d.salvage_rate,
                "salvage": d.salvage, "method": d.method, "notes": d.notes,
                "supplier": d.supplier, "warranty_until": d.warranty_until, "history": history,
            });
            value.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            out.result(value, || {
                let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
                let mut lines = vec![
                    format!("{}  {}", d.row.code, d.row.name),
                    format!("category: {}  status: {}", d.row.category, d.row.status),
                    format!("dept: {}  location: {}  custodian: {}", dash(&d.row.dept), dash(&d.row.location), dash(&d.row.custodian)),
                    format!("model: {}  serial: {}", d.row.model, d.serial),
                    format!("supplier: {}  warranty until: {}", d.supplier, dash(&d.warranty_until)),
                    format!(
                        "acquired: {}  value: {}  life: {} years  method: {}",
                        d.row.acquired.clone().unwrap_or_default(),
                        d.row.value,
                        d.life_years.map(|y| y.to_string()).unwrap_or("-".into()),
                        d.method
                    ),
                    "history:".into(),
                ];
                lines.extend(d.history.iter().map(|h| format!("  {}  {}  {}  {}  {}", h.date, h.doc_no, h.kind, h.operator, h.detail)));
                lines.join("\n")
            });
        }
    }
    Ok(())
}

pub fn register(cli: &Cli, out: &Output, cmd: &RegisterCommand) -> Result<()> {
    if let RegisterCommand::Supplier(cmd) = cmd {
        return crate::repairs::supplier(cli, out, cmd);
    }
    if let RegisterCommand::Category(cmd) = cmd {
        return crate::allocation::category(cli, out, cmd);
    }
    if let RegisterCommand::Dept(cmd) = cmd {
        return crate::allocation::dept(cli, out, cmd);
    }
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        RegisterCommand::List { kind } => {
            let items = api::registers::list(cx, kind)?;
            let value: Vec<Value> = items.iter().map(|i| json!({"name": i.name, "active": i.active, "dept": i.dept, "assets": i.asset_count})).collect();
            out.result(Value::Array(value), || {
                items.iter().map(|i| format!("{}\t{}\t{}", i.name, i.asset_count, if i.active { "" } else { "(inactive)" })).collect::<Vec<_>>().join("\n")
            });
        }
        RegisterCommand::Add { kind, name, dept } => {
            api::registers::add(cx, kind, name, dept.as_deref())?;
            out.result(json!({"name": name}), || format!("added {name}"));
        }
        RegisterCommand::Rename { kind, old, new } => {
            api::registers::rename(cx, kind, old, new)?;
            out.result(json!({"name": new}), || format!("renamed {old} to {new}"));
        }
        RegisterCommand::Deactivate { kind, name } | RegisterCommand::Activate { kind, name } => {
            let active = matches!(cmd, RegisterCommand::Activate { .. });
            api::registers::set_active(cx, kind, name, active)?;
            out.result(json!({"name": name, "active": active}), || format!("{name}: {}", if active { "active" } else { "inactive" }));
        }
        RegisterCommand::Supplier(_) | RegisterCommand::Category(_) | RegisterCommand::Dept(_) => unreachable!("answered above"),
    }
    Ok(())
}
