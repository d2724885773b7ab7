//! How results and errors reach the user: JSON on stdout with `--json`, plain text
//! otherwise; errors as one line on stderr (and a JSON error object with `--json`).

use api::{Error, Lang};
use serde_json::{json, Value};

pub struct Output {
    pub json: bool,
    pub lang: Lang,
}

impl Output {
    pub fn new(json: bool) -> Output {
        let lang = std::env::var("ASSETDESK_LANG")
            .or_else(|_| std::env::var("LANG"))
            .map(|l| if l.starts_with("zh") { Lang::ZhCn } else { Lang::En })
            .unwrap_or(Lang::En);
        Output { json, lang }
    }

    /// Prints `value` as JSON, or `human` as text.
    pub fn result(&self, value: Value, human: impl FnOnce() -> String) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(&value).expect("JSON"));
        } else {
            let text = human();
            if !text.is_empty() {
                println!("{text}");
            }
        }
    }

    pub fn error(&self, err: &Error) {
        // Whatever built the message, bad input is echoed at most ~80 characters long.
        let message = api::clip_quotes(err.message(self.lang));
        eprintln!("assetdesk: {message}");
        if self.json {
            println!("{}", json!({"error": {"code": err.code.as_str(), "message": message, "fields": err.fields}}));
        }
    }
}

/// A progress bar on stderr, shown only on a terminal and never with `--json`.
pub struct ProgressBar {
    enabled: bool,
    label: &'static str,
}

impl ProgressBar {
    pub fn new(out: &Output, label: &'static str) -> ProgressBar {
        use std::io::IsTerminal;
        ProgressBar { enabled: !out.json && std::io::stderr().is_terminal(), label }
    }
    pub fn show(&mut self, done: usize, total: usize) {
        if self.enabled && total > 0 {
            let filled = done * 30 / total;
            eprint!("\r{} [{}{}] {done}/{total}", self.label, "#".repeat(filled), " ".repeat(30 - filled));
        }
    }
    pub fn finish(&mut self) {
        if self.enabled {
            eprintln!();
        }
    }
}
