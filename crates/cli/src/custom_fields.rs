//! `assetdesk asset field list|define` and `asset set-field CODE NAME=VALUE…` (issue 21):
//! the custom fields every card carries, through the api crate.

use api::card::CustomFieldDto;
use api::{AssetCode, Ctx, Result};
use clap::Subcommand;
use serde_json::{json, Value};

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum FieldCommand {
    /// The defined custom fields, in order.
    List,
    /// Define a custom field, or change one's type, requiredness or activity (by name).
    Define {
        name: String,
        #[arg(long, value_parser = ["text", "number", "date"], default_value = "text")]
        kind: String,
        #[arg(long)]
        required: bool,
        /// Hide the field from cards, lists and exports (its values stay).
        #[arg(long)]
        inactive: bool,
    },
}

fn field_json(f: &CustomFieldDto) -> Value {
    json!({"name": f.name, "kind": f.kind, "required": f.required, "active": f.active})
}

pub fn field(cx: &mut Ctx, out: &Output, cmd: &FieldCommand) -> Result<()> {
    match cmd {
        FieldCommand::List => {
            let fields = api::card::custom_fields(cx)?;
            out.result(Value::Array(fields.iter().map(field_json).collect()), || {
                fields.iter().map(|f| format!("{}\t{}{}{}", f.name, f.kind, if f.required { "\trequired" } else { "" }, if f.active { "" } else { "\tinactive" })).collect::<Vec<_>>().join("\n")
            });
        }
        FieldCommand::Define { name, kind, required, inactive } => {
            let field = CustomFieldDto { name: name.trim().to_string(), kind: kind.clone(), required: *required, active: !*inactive };
            api::card::define_custom_field(cx, field.clone())?;
            out.result(field_json(&field), || format!("defined {} ({})", field.name, field.kind));
        }
    }
    Ok(())
}

pub fn set_field(cx: &mut Ctx, out: &Output, code: &str, values: &[String]) -> Result<()> {
    let values = values.iter().map(|v| api::card::parse_value_pair(v)).collect::<Result<Vec<_>>>()?;
    let code = AssetCode::from(code);
    api::card::set_custom_values(cx, &code, &values)?;
    let fields: serde_json::Map<String, Value> = values.iter().map(|(k, v)| (k.clone(), Value::String(v.trim().to_string()))).collect();
    out.result(json!({"code": code, "fields": fields}), || format!("updated {code}"));
    Ok(())
}
