//! Errors as they cross to a window: `{code, message, fields}` — a stable code to switch
//! on, a message already in the user's language, and the form fields at fault.

use serde::Serialize;
use ts_rs::TS;

use crate::{clip_quotes, Error, Lang};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ApiError")]
pub struct ErrorDto {
    /// The stable code (`invalid_input`, `not_found`, `printer_not_ready` …).
    #[ts(type = "string")]
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<String>,
}

impl ErrorDto {
    /// A core error in `lang`.
    pub fn from_core(err: Error, lang: Lang) -> ErrorDto {
        ErrorDto { code: err.code.as_str(), message: clip_quotes(err.message(lang)), fields: err.fields.clone() }
    }

    /// Something that went wrong outside the core (a worker thread lost …).
    pub fn internal(message: impl std::fmt::Display) -> ErrorDto {
        ErrorDto { code: "internal", message: message.to_string(), fields: Vec::new() }
    }
}
