//! The clerk's label templates and the printer list, as files under the data folder.
//! Built-in templates (crates/labels) are read-only: "save as" makes an own copy.

use std::path::{Path, PathBuf};

use labels::{Format, Template};
use ledger::{Actor, Error, ErrorCode, Permission};
use serde::{Deserialize, Serialize};

use crate::{JobError, Result};

/// The template used when none is chosen and none was made the default.
pub const DEFAULT_TEMPLATE: &str = "50x30-code128";
const TEMPLATE_DIR: &str = "label-templates";
const SETTINGS_FILE: &str = "label-settings.json";

/// A printer the clerk set up: where it is and what it speaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrinterEntry {
    pub name: String,
    /// `tcp://HOST:PORT`, `cups:QUEUE`, `file:PATH` (see `labels::PrinterUri`).
    pub uri: String,
    /// `pdf`, `zpl` or `tspl`.
    pub language: Format,
    /// 203 or 300 (thermal printers).
    #[serde(default = "default_dpi")]
    pub dpi: u32,
    #[serde(default)]
    pub darkness: Option<u8>,
    #[serde(default)]
    pub speed: Option<u8>,
}

fn default_dpi() -> u32 {
    203
}

/// `label-settings.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelSettings {
    /// Empty: [`DEFAULT_TEMPLATE`].
    pub default_template: String,
    /// Name of the printer "print" goes to unless another is chosen; empty: none.
    pub default_printer: String,
    pub printers: Vec<PrinterEntry>,
}

impl LabelSettings {
    pub fn default_template(&self) -> &str {
        if self.default_template.trim().is_empty() {
            DEFAULT_TEMPLATE
        } else {
            &self.default_template
        }
    }
    pub fn printer(&self, name: &str) -> Option<&PrinterEntry> {
        self.printers.iter().find(|p| p.name == name)
    }
}

/// One line of the template list.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateInfo {
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub is_default: bool,
    pub width_mm: f64,
    pub height_mm: f64,
    pub sheet: bool,
}

pub struct Store {
    dir: PathBuf,
}

fn invalid(field: &str, en: String, zh: String) -> JobError {
    JobError::Core(Error::invalid(field, en, zh))
}

fn io(path: &Path, e: std::io::Error) -> JobError {
    JobError::Core(Error::new(
        ErrorCode::Io,
        format!("cannot use {}: {e}", path.display()),
        format!("无法读写 {}:{e}", path.display()),
    ))
}

/// Template names become file names: refuse what a file system would not take.
fn check_name(name: &str) -> Result<()> {
    let bad = name.trim().is_empty()
        || name != name.trim()
        || name.starts_with('.')
        || name.chars().count() > 60
        || name.chars().any(|c| c.is_control() || "/\\:*?\"<>|".contains(c));
    if bad {
        return Err(invalid(
            "name",
            format!(
                "template name \"{name}\" cannot be used: give 1-60 characters without / \\ : * ? \" < > | and not starting with a dot"
            ),
            format!("模板名称“{name}”不可用:请填写 1-60 个字符,不含 / \\ : * ? \" < > |,且不以点开头"),
        ));
    }
    Ok(())
}

fn is_builtin(name: &str) -> bool {
    labels::builtin_names().contains(&name)
}

impl Store {
    /// The store of the ledger in `data_dir`.
    pub fn new(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.to_path_buf(),
        }
    }

    fn template_dir(&self) -> PathBuf {
        self.dir.join(TEMPLATE_DIR)
    }

    fn template_path(&self, name: &str) -> PathBuf {
        self.template_dir().join(format!("{name}.json"))
    }

    fn own_templates(&self) -> Result<Vec<Template>> {
        let dir = self.template_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&dir, e)),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) == Some("json") {
                // A broken file is skipped in the list; opening it by name says why.
                if let Ok(t) = Template::load(&path) {
                    out.push(t);
                }
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Built-ins first, then the clerk's own, each with whether it is the default.
    pub fn list(&self) -> Result<Vec<TemplateInfo>> {
        let settings = self.settings()?;
        let default = settings.default_template();
        let info = |t: &Template, builtin: bool| {
            let (w, h) = t.canvas_mm();
            TemplateInfo {
                name: t.name.clone(),
                description: t.description.clone(),
                builtin,
                is_default: t.name == default,
                width_mm: w,
                height_mm: h,
                sheet: t.sheet.is_some(),
            }
        };
        let mut out: Vec<TemplateInfo> = labels::builtins().iter().map(|t| info(t, true)).collect();
        out.extend(self.own_templates()?.iter().map(|t| info(t, false)));
        Ok(out)
    }

    /// A template by name: the clerk's own, else a built-in.
    pub fn get(&self, name: &str) -> Result<Template> {
        let path = self.template_path(name);
        if check_name(name).is_ok() && path.is_file() {
            let mut t = Template::load(&path)?;
            t.name = name.to_string();
            return Ok(t);
        }
        Ok(labels::builtin(name)?)
    }

    /// The template `name`, or the default one.
    pub fn get_or_default(&self, name: Option<&str>) -> Result<Template> {
        match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => self.get(n),
            None => self.get(self.settings()?.default_template()),
        }
    }

    /// Saves an own template. `replacing`: the name it had when opened (a rename
    /// removes the old file); `None` for a new one, which must not take a used name.
    pub fn save(&self, actor: &Actor, template: &Template, replacing: Option<&str>) -> Result<()> {
        actor.require(Permission::ManageLabelTemplates)?;
        let name = template.name.as_str();
        check_name(name)?;
        if is_builtin(name) {
            return Err(JobError::Core(
                Error::conflict(
                    format!("\"{name}\" is a built-in template and cannot be changed; save it under another name"),
                    format!("“{name}”是内置模板,不能修改;请另存为其他名称"),
                )
                .with_field("name"),
            ));
        }
        template.validate()?;
        let path = self.template_path(name);
        let renaming = replacing.filter(|old| *old != name);
        if path.exists() && replacing != Some(name) {
            return Err(JobError::Core(
                Error::conflict(
                    format!("a template named \"{name}\" already exists; choose another name"),
                    format!("已有名为“{name}”的模板;请换一个名称"),
                )
                .with_field("name"),
            ));
        }
        std::fs::create_dir_all(self.template_dir()).map_err(|e| io(&self.template_dir(), e))?;
        template.save(&path)?;
        if let Some(old) = renaming.filter(|o| !is_builtin(o) && check_name(o).is_ok()) {
            let _ = std::fs::remove_file(self.template_path(old));
            let mut s = self.settings()?;
            if s.default_template == old {
                s.default_template = name.to_string();
                self.write_settings(&s)?;
            }
        }
        Ok(())
    }

    pub fn delete(&self, actor: &Actor, name: &str) -> Result<()> {
        actor.require(Permission::ManageLabelTemplates)?;
        if is_builtin(name) {
            return Err(JobError::Core(Error::conflict(
                format!("\"{name}\" is a built-in template and cannot be deleted"),
                format!("“{name}”是内置模板,不能删除"),
            )));
        }
        check_name(name)?;
        let path = self.template_path(name);
        std::fs::remove_file(&path).map_err(|e| io(&path, e))?;
        let mut s = self.settings()?;
        if s.default_template == name {
            s.default_template.clear();
            self.write_settings(&s)?;
        }
        Ok(())
    }

    /// Imports a template file as an own template (refused if its name is taken).
    pub fn import(&self, actor: &Actor, path: &Path) -> Result<Template> {
        actor.require(Permission::ManageLabelTemplates)?;
        let t = Template::load(path)?;
        self.save(actor, &t, None)?;
        Ok(t)
    }

    /// Imports a template from the bytes of file `name` the clerk chose in the window's
    /// file chooser (issue 27: no typed paths), like [`Store::import`].
    pub fn import_bytes(&self, actor: &Actor, name: &str, bytes: &[u8]) -> Result<Template> {
        actor.require(Permission::ManageLabelTemplates)?;
        let json = std::str::from_utf8(bytes).map_err(|_| {
            Error::invalid("file", format!("{name} is not a label template (a UTF-8 JSON file)"), format!("{name} 不是标签模板（UTF-8 编码的 JSON 文件）"))
        })?;
        let t = Template::from_json(json)?;
        self.save(actor, &t, None)?;
        Ok(t)
    }

    /// Writes template `name` (own or built-in) to `path` as JSON.
    pub fn export(&self, name: &str, path: &Path) -> Result<()> {
        let t = self.get(name)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        t.save(path)?;
        Ok(())
    }

    pub fn settings(&self) -> Result<LabelSettings> {
        let path = self.dir.join(SETTINGS_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                JobError::Core(Error::new(
                    ErrorCode::InvalidInput,
                    format!("{} is not valid: {e}", path.display()),
                    format!("{} 格式不正确:{e}", path.display()),
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LabelSettings::default()),
            Err(e) => Err(io(&path, e)),
        }
    }

    fn write_settings(&self, s: &LabelSettings) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| io(&self.dir, e))?;
        let path = self.dir.join(SETTINGS_FILE);
        let text = serde_json::to_string_pretty(s).unwrap_or_default();
        std::fs::write(&path, text + "\n").map_err(|e| io(&path, e))
    }

    /// Checks and saves the default template and the printer list.
    pub fn save_settings(&self, actor: &Actor, s: &LabelSettings) -> Result<()> {
        actor.require(Permission::ManageLabelTemplates)?;
        if !s.default_template.trim().is_empty() {
            self.get(s.default_template.trim())?;
        }
        let mut names: Vec<&str> = Vec::new();
        for (i, p) in s.printers.iter().enumerate() {
            let n = i + 1;
            if p.name.trim().is_empty() {
                return Err(invalid(
                    "printers",
                    format!("printer {n}: a name is required"),
                    format!("第 {n} 台打印机:请填写名称"),
                ));
            }
            if names.contains(&p.name.trim()) {
                return Err(invalid(
                    "printers",
                    format!("two printers are named \"{}\"", p.name),
                    format!("有两台打印机都叫“{}”", p.name),
                ));
            }
            names.push(p.name.trim());
            p.uri.parse::<labels::PrinterUri>()?;
            labels::Dpi::try_from(p.dpi)?;
        }
        if !s.default_printer.is_empty() && s.printer(&s.default_printer).is_none() {
            return Err(invalid(
                "default_printer",
                format!("the default printer \"{}\" is not in the list", s.default_printer),
                format!("默认打印机“{}”不在打印机列表中", s.default_printer),
            ));
        }
        self.write_settings(s)
    }

    /// Makes `name` the default template.
    pub fn set_default_template(&self, actor: &Actor, name: &str) -> Result<()> {
        actor.require(Permission::ManageLabelTemplates)?;
        self.get(name)?;
        let mut s = self.settings()?;
        s.default_template = name.to_string();
        self.write_settings(&s)
    }
}
