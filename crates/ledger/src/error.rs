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
    /// The disk (or the quota) holding the ledger or a backup is full; nothing was saved.
    DiskFull,
    /// The ledger, its folder or a target folder cannot be written.
    ReadOnly,
    /// The ledger file is damaged (not a database any more, or a corrupt page).
    DamagedLedger,
    /// The audit chain is keyed and this user does not have its key (tamper.rs); nothing was saved.
    AuditKeyMissing,
    /// A migration this ledger applied differs from this version's (schema_history.rs).
    MigrationChanged,
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
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::DamagedLedger => "damaged_ledger",
            ErrorCode::AuditKeyMissing => "audit_key_missing",
            ErrorCode::MigrationChanged => "migration_changed",
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
        self.zh = format!("第 {row} 行：{}", self.zh);
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
            acc.zh = format!("{}；{}", acc.zh, e.zh);
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
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => disk_full(),
            // The shared-memory file beside the ledger could not grow: no space left.
            _ if matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE) => disk_full(),
            Some(rusqlite::ErrorCode::ReadOnly) => read_only(&text),
            Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase) => Error::new(
                ErrorCode::DamagedLedger,
                format!("the ledger file is damaged ({text}); nothing was changed. Restore it from the latest backup (the app offers this when it starts, or `assetdesk backup restore FILE`)"),
                format!("台账文件已损坏（{text}），本次操作未做任何更改。请从最近的备份恢复（程序启动时会提示，或运行 `assetdesk backup restore 备份文件`）"),
            ),
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => Error::new(
                ErrorCode::Io,
                "the ledger stayed busy: another program kept it locked for more than 5 seconds; nothing was saved, try again",
                "台账正忙：另一个程序占用超过 5 秒；本次操作未保存，请重试",
            ),
            Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::SystemIoFailure) => Error::new(
                ErrorCode::Io,
                format!("the ledger file could not be read or written ({text}); nothing was saved. Check the disk or folder it is on"),
                format!("无法读写台账文件（{text}），本次操作未保存；请检查所在磁盘或文件夹"),
            ),
            _ => Error::new(ErrorCode::Internal, format!("database error: {text}"), format!("数据库错误：{text}")),
        }
    }
}

/// At most this many characters of bad input are quoted back in a message.
pub const QUOTE_LIMIT: usize = 80;

/// The bad input as it is quoted in a message: whole when short, else its first
/// `QUOTE_LIMIT` characters and how long it was (a refusal never echoes 10,000 characters).
pub fn quoted(text: impl std::fmt::Display) -> String {
    let text = text.to_string();
    let count = text.chars().count();
    if count <= QUOTE_LIMIT {
        return text.to_string();
    }
    let head: String = text.chars().take(QUOTE_LIMIT).collect();
    format!("{head}…({count} chars)")
}

/// A whole message with every quoted value in it (「…」, “…”, or '…' after a space) cut as
/// [`quoted`] cuts it: for messages built where the input is not at hand as one value
/// (the importer's per-cell problems).
pub fn clip_quotes(message: &str) -> String {
    let chars: Vec<char> = message.chars().collect();
    let mut out = String::with_capacity(message.len().min(1024));
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let close = match c {
            '「' => Some('」'),
            '“' => Some('”'),
            '\'' if i == 0 || chars[i - 1].is_whitespace() => Some('\''),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(len) = chars[i + 1..].iter().position(|&x| x == close) {
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                out.push(c);
                out.push_str(&if already_quoted(&inner) { inner } else { quoted(inner) });
                out.push(close);
                i += len + 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// What [`quoted`] made of a long input: its first `QUOTE_LIMIT` characters, "…(N chars)".
fn already_quoted(text: &str) -> bool {
    text.split_once('…').is_some_and(|(head, tail)| {
        head.chars().count() == QUOTE_LIMIT && tail.strip_prefix('(').and_then(|t| t.strip_suffix(" chars)")).is_some_and(|n| n.parse::<usize>().is_ok())
    })
}

fn disk_full() -> Error {
    Error::new(
        ErrorCode::DiskFull,
        "the disk is full: nothing was saved. Free some space on the disk (the ledger's, or the folder being written to) and try again",
        "磁盘已满：本次操作未保存。请清理磁盘空间（台账所在磁盘或正在写入的文件夹）后重试",
    )
}

fn read_only(detail: &str) -> Error {
    Error::new(
        ErrorCode::ReadOnly,
        format!("cannot write there, it is read-only ({detail}): nothing was saved. Ask for write permission, or choose a writable folder"),
        format!("无法写入，目标为只读（{detail}）：本次操作未保存。请开通写权限，或选择可写的文件夹"),
    )
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => disk_full(),
            std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => read_only(&e.to_string()),
            _ => Error::new(ErrorCode::Io, format!("file error: {e}"), format!("文件错误：{e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_quotes_cuts_each_long_quoted_value_and_leaves_the_rest() {
        let long = "x".repeat(500);
        let clipped = clip_quotes(&format!("value '{long}' is not a date; 原值「{long}」不是金额 “{long}” can't"));
        assert_eq!(clipped.matches(&"x".repeat(80)).count(), 3, "{clipped}");
        assert_eq!(clipped.matches("…(500 chars)").count(), 3, "{clipped}");
        assert!(clipped.ends_with(" can't") && clipped.starts_with("value '"), "{clipped}");
        assert_eq!(clip_quotes("don't cut 'short' ones「短」"), "don't cut 'short' ones「短」");
        // A value `quoted` already cut is left as it is.
        let once = format!("'{}'", quoted("y".repeat(10_000)));
        assert_eq!(clip_quotes(&once), once);
    }
}
