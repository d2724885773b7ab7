//! Errors cross to the UI as `{code, message, fields}`: `api::ErrorDto` (`ApiError` in the
//! generated TypeScript), a stable code to switch on, a message already in the UI's
//! language, and the form fields at fault.

pub use api::ErrorDto as ApiError;

pub type ApiResult<T> = Result<T, ApiError>;
