//! The paper printer this computer used last, so the next print (and 保存并打印) goes
//! there without asking. One small text file in a folder the caller gives (the app's
//! local data folder: per computer, never in the ledger, which may move between PCs).

use std::path::{Path, PathBuf};

use crate::error::{PrintError, Result};

pub struct PrinterMemory {
    file: PathBuf,
}

impl PrinterMemory {
    pub const FILE_NAME: &'static str = "paper-printer.txt";

    pub fn in_dir(dir: &Path) -> PrinterMemory {
        PrinterMemory { file: dir.join(Self::FILE_NAME) }
    }

    /// The remembered target (`cups:office`, `winspool:HP LaserJet`), if any.
    pub fn last(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.file).ok()?;
        let line = text.lines().next()?.trim();
        (!line.is_empty()).then(|| line.to_string())
    }

    /// Remembers `target` (a `file:` target is a one-off and is not remembered).
    pub fn remember(&self, target: &str) -> Result<()> {
        if target.starts_with("file:") {
            return Ok(());
        }
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|source| PrintError::Io { path: dir.to_path_buf(), source })?;
        }
        std::fs::write(&self.file, format!("{target}\n")).map_err(|source| PrintError::Io { path: self.file.clone(), source })
    }
}
