//! The clerk's label templates and the printer list, as files under the data folder.
//! Built-in templates (crates/labels) are read-only: "save as" makes an own copy.

use std::path::{Path, PathBuf};

use labels::{Format, Media, Mode, PrinterSettings, PrinterUri, Template};
use ledger::{Actor, Error, ErrorCode, Permission};
use serde::{Deserialize, Serialize};

use crate::{JobError, Result};

/// The template used when none is chosen and none was made the default.
pub const DEFAULT_TEMPLATE: &str = "50x30-code128";
const TEMPLATE_DIR: &str = "label-templates";
const SETTINGS_FILE: &str = "label-settings.json";

/// A printer the clerk set up: where it is, what it speaks, and its calibration.
/// Every field but the first three has a default, so older settings files still load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PrinterEntry"))]
pub struct PrinterEntry {
    pub name: String,
    /// `tcp://HOST:PORT`, `cups:QUEUE`, `file:PATH`, `winspool:NAME` (see
    /// `labels::PrinterUri`); an installed printer's `id` from the system list.
    pub uri: String,
    /// `tspl`, `zpl`, `epl` or `pdf`.
    pub language: Format,
    /// 203 or 300 (thermal printers).
    #[serde(default = "default_dpi")]
    #[cfg_attr(feature = "ts", ts(as = "Option<u32>", optional))]
    pub dpi: u32,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub darkness: Option<u8>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub speed: Option<u8>,
    /// Native commands or the whole label as one image.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Mode>", optional))]
    pub mode: Mode,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Media>", optional))]
    pub media: Media,
    /// Gap between labels (or the black mark's height), mm.
    #[serde(default = "default_gap")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub gap_mm: f64,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub offset_x_mm: f64,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub offset_y_mm: f64,
    /// The label stock loaded, mm; `None`: each template's own size.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub label_width_mm: Option<f64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub label_height_mm: Option<f64>,
}

fn default_dpi() -> u32 {
    203
}

fn default_gap() -> f64 {
    2.0
}

impl PrinterEntry {
    /// A printer with the defaults: 203 dpi, native commands, 2 mm gaps, no offsets.
    pub fn new(name: &str, uri: &str, language: Format) -> PrinterEntry {
        PrinterEntry {
            name: name.to_string(),
            uri: uri.to_string(),
            language,
            dpi: default_dpi(),
            darkness: None,
            speed: None,
            mode: Mode::Native,
            media: Media::Gap,
            gap_mm: default_gap(),
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
            label_width_mm: None,
            label_height_mm: None,
        }
    }

    /// The printer's settings for a job of `copies` copies.
    pub fn settings(&self, copies: u32) -> Result<PrinterSettings> {
        Ok(PrinterSettings {
            dpi: labels::Dpi::try_from(self.dpi)?,
            darkness: self.darkness,
            speed: self.speed,
            copies,
            gap_mm: self.gap_mm,
            media: self.media,
            offset_x_mm: self.offset_x_mm,
            offset_y_mm: self.offset_y_mm,
            mode: self.mode,
            stock_mm: match (self.label_width_mm, self.label_height_mm) {
                (Some(w), Some(h)) => Some((w, h)),
                _ => None,
            },
        })
    }

    pub fn printer_uri(&self) -> Result<PrinterUri> {
        Ok(self.uri.parse::<PrinterUri>()?)
    }

    /// Checks every setting against the printer's language (ranges of darkness and
    /// speed, dpi, offsets, gap, label size).
    fn check(&self, n: usize) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
            return Err(invalid(
                "name",
                format!("printer {n}: give a name of 1-60 characters"),
                format!("第 {n} 台打印机：请填写 1-60 个字符的名称"),
            ));
        }
        self.printer_uri()?;
        for (field, v) in [("label_width_mm", self.label_width_mm), ("label_height_mm", self.label_height_mm)] {
            if let Some(v) = v.filter(|v| !v.is_finite() || !(10.0..=300.0).contains(v)) {
                return Err(invalid(
                    field,
                    format!("printer \"{name}\": label size {v} mm is outside 10-300 mm"),
                    format!("打印机“{name}”：标签尺寸 {v} 毫米超出 10～300 毫米"),
                ));
            }
        }
        if self.label_width_mm.is_some() != self.label_height_mm.is_some() {
            return Err(invalid(
                "label_height_mm",
                format!("printer \"{name}\": give both the label width and height, or neither"),
                format!("打印机“{name}”：标签宽度和高度请同时填写，或都不填"),
            ));
        }
        self.settings(1)?.check_for(self.language)?;
        Ok(())
    }
}

/// `label-settings.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelSettings"))]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
            format!("模板名称“{name}”不可用：请填写 1-60 个字符，不含 / \\ : * ? \" < > |，且不以点开头"),
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
                    format!("“{name}”是内置模板，不能修改；请另存为其他名称"),
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
                    format!("已有名为“{name}”的模板；请换一个名称"),
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
                format!("“{name}”是内置模板，不能删除"),
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
                    format!("{} 格式不正确：{e}", path.display()),
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
            p.check(i + 1)?;
            if names.contains(&p.name.trim()) {
                return Err(invalid(
                    "printers",
                    format!("two printers are named \"{}\"", p.name),
                    format!("有两台打印机都叫“{}”", p.name),
                ));
            }
            names.push(p.name.trim());
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

    /// Adds a printer (refused if the name is taken); the first one becomes the default.
    pub fn add_printer(&self, actor: &Actor, entry: PrinterEntry) -> Result<()> {
        let mut s = self.settings()?;
        if s.printer(entry.name.trim()).is_some() {
            return Err(JobError::Core(
                Error::conflict(
                    format!("a printer named \"{}\" already exists; choose another name or change that one", entry.name.trim()),
                    format!("已有名为“{}”的打印机；请换一个名称，或修改那台打印机", entry.name.trim()),
                )
                .with_field("name"),
            ));
        }
        let mut entry = entry;
        entry.name = entry.name.trim().to_string();
        if s.printers.is_empty() {
            s.default_printer = entry.name.clone();
        }
        s.printers.push(entry);
        self.save_settings(actor, &s)
    }

    /// Changes printer `name` with `edit` (all checks as for a new one).
    pub fn update_printer(&self, actor: &Actor, name: &str, edit: impl FnOnce(&mut PrinterEntry)) -> Result<PrinterEntry> {
        let mut s = self.settings()?;
        let entry = s.printers.iter_mut().find(|p| p.name == name).ok_or_else(|| no_printer(name))?;
        edit(entry);
        let changed = entry.clone();
        if s.default_printer == name {
            s.default_printer = changed.name.clone();
        }
        self.save_settings(actor, &s)?;
        Ok(changed)
    }

    /// Removes a printer; if it was the default, there is none until another is chosen.
    pub fn remove_printer(&self, actor: &Actor, name: &str) -> Result<()> {
        let mut s = self.settings()?;
        let before = s.printers.len();
        s.printers.retain(|p| p.name != name);
        if s.printers.len() == before {
            return Err(no_printer(name));
        }
        if s.default_printer == name {
            s.default_printer.clear();
        }
        self.save_settings(actor, &s)
    }

    pub fn set_default_printer(&self, actor: &Actor, name: &str) -> Result<()> {
        let mut s = self.settings()?;
        s.printer(name).ok_or_else(|| no_printer(name))?;
        s.default_printer = name.to_string();
        self.save_settings(actor, &s)
    }

    /// Printer `name`, or the default printer when `name` is `None`.
    pub fn printer(&self, name: Option<&str>) -> Result<PrinterEntry> {
        let s = self.settings()?;
        let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(&s.default_printer).to_string();
        if name.is_empty() {
            return Err(JobError::Core(Error::invalid(
                "printer",
                "no default label printer is set; add one (assetdesk printer add) or choose one",
                "尚未设置默认标签打印机；请先添加（assetdesk printer add）或选择一台",
            )));
        }
        s.printer(&name).cloned().ok_or_else(|| no_printer(&name))
    }
}

pub(crate) fn no_printer(name: &str) -> JobError {
    JobError::Core(Error::not_found(
        format!("no label printer named \"{name}\" is set up"),
        format!("没有名为“{name}”的标签打印机"),
    ))
}
