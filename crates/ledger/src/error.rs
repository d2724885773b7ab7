//! One error type for the whole core. Every error carries a stable `code` the UI and
//! CLI can switch on, the names of the fields at fault (so a form can mark them all at
//! once), and its message in both UI languages, written where the error is raised.

use std::fmt;

use crate::Lang;

/// Stable, snake_case error codes. Never rename one: the UI and scripts match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Conflict,
    Forbidden,
    Unauthenticated,
    NotInitialized,
    AlreadyInitialized,
    NewerSchema,
    Io,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::NotInitialized => "not_initialized",
            ErrorCode::AlreadyInitialized => "already_initialized",
            ErrorCode::NewerSchema => "newer_schema",
            ErrorCode::Io => "io",
            ErrorCode::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    /// Form fields at fault, e.g. `["name", "category"]`; empty when not about a field.
    pub fields: Vec<String>,
    en: String,
    zh: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error { code, fields: Vec::new(), en: en.into(), zh: zh.into() }
    }
    pub fn invalid(field: &str, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, en, zh).with_field(field)
    }
    pub fn not_found(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error::new(ErrorCode::NotFound, en, zh)
    }
    pub fn conflict(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error::new(ErrorCode::Conflict, en, zh)
    }
    pub fn forbidden(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error::new(ErrorCode::Forbidden, en, zh)
    }
    /// The same error, said of row `row` of a batch (1-based).
    pub fn in_row(mut self, row: usize) -> Self {
        self.en = format!("row {row}: {}", self.en);
        self.zh = format!("第 {row} 行:{}", self.zh);
        self
    }
    /// The same error, about `field` instead of whatever it named.
    pub fn for_field(mut self, field: &str) -> Self {
        self.fields = vec![field.to_string()];
        self
    }
    pub fn with_field(mut self, field: &str) -> Self {
        self.fields.push(field.to_string());
        self
    }
    /// Folds several validation errors into one that names every field and reason.
    pub fn combine(errors: Vec<Error>) -> Option<Error> {
        let mut iter = errors.into_iter();
        let first = iter.next()?;
        Some(iter.fold(first, |mut acc, e| {
            acc.fields.extend(e.fields);
            acc.en = format!("{}; {}", acc.en, e.en);
            acc.zh = format!("{};{}", acc.zh, e.zh);
            acc
        }))
    }
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        let text = e.to_string();
        let code = match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen)
            | Some(rusqlite::ErrorCode::ReadOnly)
            | Some(rusqlite::ErrorCode::DiskFull)
            | Some(rusqlite::ErrorCode::SystemIoFailure)
            | Some(rusqlite::ErrorCode::DatabaseBusy)
            | Some(rusqlite::ErrorCode::DatabaseLocked) => ErrorCode::Io,
            _ => ErrorCode::Internal,
        };
        Error::new(code, format!("database error: {text}"), format!("数据库错误:{text}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(ErrorCode::Io, format!("file error: {e}"), format!("文件错误:{e}"))
    }
}
