//! Templates shipped with the program (assets/labels/*.json), compiled in.

use crate::error::{LabelError, Result};
use crate::template::Template;

/// (name, JSON) of every built-in template; the name equals the file stem and the
/// template's `name`.
const BUILTIN: &[(&str, &str)] = &[
    (
        "50x30-code128",
        include_str!("../../../assets/labels/50x30-code128.json"),
    ),
    (
        "40x30-code128",
        include_str!("../../../assets/labels/40x30-code128.json"),
    ),
    (
        "60x40-qr",
        include_str!("../../../assets/labels/60x40-qr.json"),
    ),
    (
        "70x40-code128",
        include_str!("../../../assets/labels/70x40-code128.json"),
    ),
    (
        "40x30-datamatrix",
        include_str!("../../../assets/labels/40x30-datamatrix.json"),
    ),
    (
        "a4-3x8-code128",
        include_str!("../../../assets/labels/a4-3x8-code128.json"),
    ),
];

/// Names of the built-in templates, in display order.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

/// A built-in template by name.
pub fn builtin(name: &str) -> Result<Template> {
    let (_, json) =
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| LabelError::UnknownTemplate {
                name: name.to_string(),
            })?;
    Template::from_json(json)
}

/// All built-in templates.
pub fn builtins() -> Vec<Template> {
    // The files are compiled in and checked by the test suite, so they parse.
    BUILTIN
        .iter()
        .filter_map(|(_, json)| Template::from_json(json).ok())
        .collect()
}
