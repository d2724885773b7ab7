//! One error type for the whole crate. Every variant says what was refused and why,
//! in English (`Display` / [`LabelError::message_en`]) and in Chinese
//! ([`LabelError::message_zh`]), and has a stable snake_case [`LabelError::code`] the UI
//! can switch on without matching strings.

use std::path::PathBuf;

use crate::template::Symbology;

/// Which label of a print job (1-based, as a clerk counts) and its asset code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRef {
    pub number: usize,
    pub code: String,
}

impl std::fmt::Display for LabelRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "label {} ({})", self.number, self.code)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error("template file is not valid JSON for a label template: {detail}")]
    TemplateJson { detail: String },

    #[error("template \"{template}\" has format version {found}; this program reads versions up to {supported}")]
    TemplateVersion {
        template: String,
        found: u32,
        supported: u32,
    },

    #[error("template \"{template}\"{}: {problem}", element_suffix(*.element))]
    TemplateInvalid {
        template: String,
        element: Option<usize>,
        problem: String,
        problem_zh: String,
    },

    #[error("no built-in template named \"{name}\"")]
    UnknownTemplate { name: String },

    #[error("{label}, element {element}: {symbology} cannot encode {what}")]
    Unencodable {
        label: LabelRef,
        element: usize,
        symbology: Symbology,
        what: String,
    },

    #[error("{label}, element {element}: the {field} field is empty, nothing to encode")]
    EmptyBarcodeData {
        label: LabelRef,
        element: usize,
        field: String,
    },

    #[error("{label}, element {element}: {symbology} barcode needs {needed_mm:.1} mm (with quiet zones) at the minimum module of {min_module_mm:.3} mm but only {available_mm:.1} mm is free")]
    BarcodeTooLarge {
        label: LabelRef,
        element: usize,
        symbology: Symbology,
        needed_mm: f64,
        available_mm: f64,
        min_module_mm: f64,
    },

    #[error("{label}, element {element}: text \"{text}\" is {width_mm:.1} mm wide but only {available_mm:.1} mm is free")]
    TextOverflow {
        label: LabelRef,
        element: usize,
        text: String,
        width_mm: f64,
        available_mm: f64,
    },

    #[error("{label}, element {element}: text \"{text}\" needs {lines} lines; the template allows {max_lines}")]
    TooManyLines {
        label: LabelRef,
        element: usize,
        text: String,
        lines: usize,
        max_lines: usize,
    },

    #[error("{label}, element {element}: text \"{text}\" runs {over_mm:.1} mm past the bottom edge of the label")]
    TextBelowLabel {
        label: LabelRef,
        element: usize,
        text: String,
        over_mm: f64,
    },

    #[error("{label}: element {element} overlaps element {other}")]
    Overlap {
        label: LabelRef,
        element: usize,
        other: usize,
    },

    #[error("{label}, element {element}: the label font has no glyph for '{ch}'")]
    MissingGlyph {
        label: LabelRef,
        element: usize,
        ch: char,
    },

    #[error("nothing to print: the label list is empty")]
    NoLabels,

    #[error("sheet start position {start} is outside the sheet's {cells} positions")]
    StartOutsideSheet { start: usize, cells: usize },

    #[error("{language} setting {setting} = {value} is outside {allowed}")]
    BadSetting {
        language: &'static str,
        setting: &'static str,
        value: u32,
        allowed: &'static str,
    },

    #[error("printer setting {setting} = {value} mm is outside -{max}..{max} mm")]
    BadOffset {
        setting: &'static str,
        value: f64,
        max: f64,
    },

    #[error("the template is {}x{} mm but the printer has {}x{} mm labels loaded; choose a template that fits or change the printer's label size", template_mm.0, template_mm.1, stock_mm.0, stock_mm.1)]
    LargerThanStock {
        template_mm: (f64, f64),
        stock_mm: (f64, f64),
    },

    #[error("the print job was cancelled before anything was sent")]
    Cancelled,

    #[error("the print job was cancelled after {sent} of {total} labels were sent (each one sent is whole)")]
    CancelledWhileSending { sent: usize, total: usize },

    #[error("output format \"{given}\" is not one of pdf, zpl, tspl, epl")]
    UnknownFormat { given: String },

    #[error("printer address \"{uri}\" is not understood: {reason}")]
    BadPrinterUri { uri: String, reason: String },

    #[error("cannot connect to printer {host}:{port}: {source}")]
    Connect {
        host: String,
        port: u16,
        source: std::io::Error,
    },

    #[error("printer {target} did not answer within {seconds} s")]
    Timeout { target: String, seconds: u64 },

    #[error("sending to printer {target} failed: {source}")]
    Send {
        target: String,
        source: std::io::Error,
    },

    #[error("printer {target} cannot print now: {}; nothing was sent, fix it and retry the job from the print queue", problems.iter().map(|p| p.words_en()).collect::<Vec<_>>().join(", "))]
    NotReady {
        target: String,
        problems: Vec<crate::status::StatusProblem>,
    },

    #[error("cannot open serial port {port}: {detail} (is the printer on and its cable in, and no other program using the port?)")]
    SerialOpen { port: String, detail: String },

    #[error("CUPS queue \"{queue}\" refused the job: {detail}")]
    Cups { queue: String, detail: String },

    #[error("{what} is not supported on this operating system")]
    Unsupported { what: String },

    #[error("file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn element_suffix(element: Option<usize>) -> String {
    element
        .map(|e| format!(", element {e}"))
        .unwrap_or_default()
}

fn element_suffix_zh(element: Option<usize>) -> String {
    element
        .map(|e| format!("第 {e} 个元素"))
        .unwrap_or_default()
}

impl LabelError {
    /// Stable machine-readable code (snake_case) for the UI and the CLI's `--json`.
    pub fn code(&self) -> &'static str {
        use LabelError::*;
        match self {
            TemplateJson { .. } => "template_json",
            TemplateVersion { .. } => "template_version",
            TemplateInvalid { .. } => "template_invalid",
            UnknownTemplate { .. } => "not_found",
            Unencodable { .. } => "unencodable",
            EmptyBarcodeData { .. } => "empty_barcode_data",
            BarcodeTooLarge { .. } => "barcode_too_large",
            TextOverflow { .. } => "text_overflow",
            TextBelowLabel { .. } => "text_overflow",
            TooManyLines { .. } => "text_overflow",
            Overlap { .. } => "overlap",
            MissingGlyph { .. } => "missing_glyph",
            NoLabels => "no_labels",
            StartOutsideSheet { .. } => "invalid_input",
            BadSetting { .. } => "invalid_input",
            UnknownFormat { .. } => "invalid_input",
            BadOffset { .. } => "invalid_input",
            Cancelled => "cancelled",
            CancelledWhileSending { .. } => "cancelled",
            LargerThanStock { .. } => "larger_than_stock",
            BadPrinterUri { .. } => "bad_printer_uri",
            Connect { .. } => "printer_unreachable",
            Timeout { .. } => "printer_timeout",
            Send { .. } => "printer_io",
            Cups { .. } => "cups_failed",
            NotReady { .. } => "printer_not_ready",
            SerialOpen { .. } => "printer_unreachable",
            Unsupported { .. } => "unsupported",
            Io { .. } => "io",
        }
    }

    /// The English message (same as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The Chinese (zh-CN) message shown to clerks first.
    pub fn message_zh(&self) -> String {
        use LabelError::*;
        let lab = |l: &LabelRef| format!("第 {} 张标签（{}）", l.number, l.code);
        match self {
            TemplateJson { detail } => format!("模板文件不是有效的标签模板 JSON：{detail}"),
            TemplateVersion { template, found, supported } => {
                format!("模板“{template}”的格式版本为 {found}，本程序最高只支持版本 {supported}，请升级程序")
            }
            TemplateInvalid { template, element, problem_zh, .. } => {
                format!("模板“{template}”{}：{problem_zh}", element_suffix_zh(*element))
            }
            UnknownTemplate { name } => format!("没有名为“{name}”的内置模板"),
            Unencodable { label, element, symbology, what } => {
                format!("{}第 {element} 个元素：{symbology} 条码无法编码 {what}", lab(label))
            }
            EmptyBarcodeData { label, element, field } => {
                format!("{}第 {element} 个元素：字段 {field} 为空，没有可编码的内容", lab(label))
            }
            BarcodeTooLarge { label, element, symbology, needed_mm, available_mm, min_module_mm } => format!(
                "{}第 {element} 个元素：{symbology} 条码在最小模块宽度 {min_module_mm:.3} 毫米下仍需 {needed_mm:.1} 毫米（含静区），标签上只有 {available_mm:.1} 毫米，请换更大的标签或缩短编码",
                lab(label)
            ),
            TextOverflow { label, element, text, width_mm, available_mm } => format!(
                "{}第 {element} 个元素：文字“{text}”宽 {width_mm:.1} 毫米，超出可用的 {available_mm:.1} 毫米",
                lab(label)
            ),
            TooManyLines { label, element, text, lines, max_lines } => format!(
                "{}第 {element} 个元素：文字“{text}”需要 {lines} 行，模板只允许 {max_lines} 行",
                lab(label)
            ),
            TextBelowLabel { label, element, text, over_mm } => format!(
                "{}第 {element} 个元素：文字“{text}”超出标签下边缘 {over_mm:.1} 毫米",
                lab(label)
            ),
            Overlap { label, element, other } => {
                format!("{}：第 {element} 个元素与第 {other} 个元素重叠", lab(label))
            }
            MissingGlyph { label, element, ch } => {
                format!("{}第 {element} 个元素：标签字体中没有字符“{ch}”", lab(label))
            }
            NoLabels => "没有要打印的标签".to_string(),
            StartOutsideSheet { start, cells } => {
                format!("起始位置 {start} 超出了整张标签纸的 {cells} 个位置")
            }
            BadSetting { language, setting, value, allowed } => {
                format!("{language} 打印设置 {setting} = {value} 超出允许范围 {allowed}")
            }
            UnknownFormat { given } => format!("输出格式“{given}”无效，只能是 pdf、zpl、tspl 或 epl"),
            Cancelled => "打印任务已取消，没有发送任何内容".to_string(),
            CancelledWhileSending { sent, total } => {
                format!("打印任务已取消：已发送 {sent} / {total} 张标签（已发送的每张都是完整的）")
            }
            BadOffset { setting, value, max } => {
                format!("打印设置 {setting} = {value} 毫米超出允许范围 -{max}～{max} 毫米")
            }
            LargerThanStock { template_mm, stock_mm } => format!(
                "模板尺寸为 {}×{} 毫米，但打印机装的是 {}×{} 毫米的标签纸；请选择合适的模板或修改打印机的标签尺寸",
                template_mm.0, template_mm.1, stock_mm.0, stock_mm.1
            ),
            BadPrinterUri { uri, reason } => format!("无法识别打印机地址“{uri}”：{reason}"),
            Connect { host, port, source } => {
                format!("无法连接打印机 {host}:{port}（{source}），请检查打印机是否开机、网线和 IP 地址")
            }
            Timeout { target, seconds } => format!("打印机 {target} 在 {seconds} 秒内没有响应"),
            Send { target, source } => format!("向打印机 {target} 发送数据失败：{source}"),
            Cups { queue, detail } => format!("CUPS 打印队列“{queue}”拒绝了任务：{detail}"),
            NotReady { target, problems } => format!(
                "打印机 {target} 现在不能打印：{}；没有发送任何内容，请处理后在打印队列中重试",
                problems.iter().map(|p| p.words_zh()).collect::<Vec<_>>().join("、")
            ),
            SerialOpen { port, detail } => {
                format!("无法打开串口 {port}（{detail}），请检查打印机是否开机、数据线是否连接、端口是否被其他程序占用")
            }
            Unsupported { what } => format!("当前操作系统不支持{what}"),
            Io { path, source } => format!("文件 {}：{source}", path.display()),
        }
    }
}

pub type Result<T, E = LabelError> = std::result::Result<T, E>;
