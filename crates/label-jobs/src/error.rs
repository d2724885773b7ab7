//! A job fails either in the ledger (permission, unknown asset, missing reprint reason)
//! or in the labels crate (fit, template, printer). Both keep their stable codes.

use ledger::Lang;

#[derive(Debug)]
pub enum JobError {
    Core(ledger::Error),
    Label(labels::LabelError),
}

impl JobError {
    /// Stable snake_case code: the ledger's (`forbidden`, `not_found`, ...) or the
    /// labels crate's (`text_overflow`, `barcode_too_large`, `printer_unreachable`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            JobError::Core(e) => e.code.as_str(),
            JobError::Label(e) => e.code(),
        }
    }
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (JobError::Core(e), _) => e.message(lang).to_string(),
            (JobError::Label(e), Lang::ZhCn) => e.message_zh(),
            (JobError::Label(e), _) => e.message_en(),
        }
    }
    pub fn fields(&self) -> Vec<String> {
        match self {
            JobError::Core(e) => e.fields.clone(),
            JobError::Label(_) => Vec::new(),
        }
    }
}

impl From<ledger::Error> for JobError {
    fn from(e: ledger::Error) -> Self {
        JobError::Core(e)
    }
}

impl From<labels::LabelError> for JobError {
    fn from(e: labels::LabelError) -> Self {
        JobError::Label(e)
    }
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
