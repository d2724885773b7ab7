//! Template import/export as JSON files. The version is read before the body so a
//! file from a newer AssetDesk is refused with a clear message, not a parse error.

use std::path::Path;

use crate::error::{LabelError, Result};
use crate::template::{Template, TEMPLATE_FORMAT_VERSION};

impl Template {
    /// Parses and validates a template from JSON text.
    pub fn from_json(text: &str) -> Result<Template> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LabelError::TemplateJson {
                detail: e.to_string(),
            })?;
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(TEMPLATE_FORMAT_VERSION) {
            let name = value
                .get("name")
                .and_then(|v| v.as_str())
                .unwrap_or("?")
                .to_string();
            return Err(LabelError::TemplateVersion {
                template: name,
                found: u32::try_from(version).unwrap_or(u32::MAX),
                supported: TEMPLATE_FORMAT_VERSION,
            });
        }
        let template: Template =
            serde_json::from_value(value).map_err(|e| LabelError::TemplateJson {
                detail: e.to_string(),
            })?;
        template.validate()?;
        Ok(template)
    }

    /// Pretty JSON, the format written by [`Template::save`].
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads, parses and validates a template file (import).
    pub fn load(path: &Path) -> Result<Template> {
        let text = std::fs::read_to_string(path).map_err(|source| LabelError::Io {
            path: path.into(),
            source,
        })?;
        Template::from_json(&text)
    }

    /// Validates and writes the template as a JSON file (export).
    pub fn save(&self, path: &Path) -> Result<()> {
        self.validate()?;
        std::fs::write(path, self.to_json() + "\n").map_err(|source| LabelError::Io {
            path: path.into(),
            source,
        })
    }
}
