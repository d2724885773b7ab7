//! Errors cross to the UI as `{code, message, fields}`: a stable code to switch on, a
//! message already in the UI's language, and the form fields at fault.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<String>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn from_core(err: api::Error, lang: api::Lang) -> ApiError {
        ApiError { code: err.code.as_str(), message: api::clip_quotes(err.message(lang)), fields: err.fields.clone() }
    }
}
