//! Where a paper job goes: an installed printer by name, or an explicit address in the
//! spelling the label transports use (`cups:QUEUE`, `cups://HOST:PORT/QUEUE`,
//! `winspool:NAME`, `file:PATH`).

use std::path::PathBuf;

use crate::error::{PrintError, Result};
use crate::printer::Printer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A printer of the system's list: a CUPS queue on Linux, a spooler printer on
    /// Windows (`winspool:NAME` parses to this).
    Installed(String),
    /// A CUPS queue, on the default server (`CUPS_SERVER`) or the one given.
    Cups {
        queue: String,
        server: Option<String>,
    },
    /// The PDF written as it is: a file, or a device that takes PDF.
    File(PathBuf),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Installed(name) if cfg!(windows) => write!(f, "winspool:{name}"),
            Target::Installed(name) => write!(f, "{name}"),
            Target::Cups {
                queue,
                server: None,
            } => write!(f, "cups:{queue}"),
            Target::Cups {
                queue,
                server: Some(s),
            } => write!(f, "cups://{s}/{queue}"),
            Target::File(path) => write!(f, "file:{}", path.display()),
        }
    }
}

/// CUPS takes any printable name without spaces, `/` or `#` (Chinese names included).
fn valid_queue(queue: &str) -> bool {
    !queue.is_empty()
        && queue
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && c != '/' && c != '#')
}

impl std::str::FromStr for Target {
    type Err = PrintError;

    fn from_str(given: &str) -> Result<Target> {
        let bad = |reason: &str| PrintError::BadTarget {
            given: given.to_string(),
            reason: reason.to_string(),
        };
        let given = given.trim();
        if given.is_empty() {
            return Err(bad("give a printer name, cups:QUEUE or file:PATH"));
        }
        if let Some(rest) = given.strip_prefix("cups://") {
            let (server, queue) = rest
                .split_once('/')
                .ok_or_else(|| bad("expected cups://HOST:PORT/QUEUE"))?;
            if server.is_empty() || !valid_queue(queue) {
                return Err(bad(
                    "expected cups://HOST:PORT/QUEUE with a queue name without spaces or /",
                ));
            }
            return Ok(Target::Cups {
                queue: queue.into(),
                server: Some(server.into()),
            });
        }
        if let Some(queue) = given.strip_prefix("cups:") {
            if !valid_queue(queue) {
                return Err(bad(
                    "expected cups:QUEUE with a queue name without spaces or /",
                ));
            }
            return Ok(Target::Cups {
                queue: queue.into(),
                server: None,
            });
        }
        if let Some(path) = given.strip_prefix("file:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            if path.is_empty() {
                return Err(bad("expected file:PATH"));
            }
            return Ok(Target::File(PathBuf::from(path)));
        }
        if let Some(name) = given.strip_prefix("winspool:") {
            if name.trim().is_empty() {
                return Err(bad("expected winspool:PRINTER NAME"));
            }
            return Ok(Target::Installed(name.to_string()));
        }
        if given.starts_with("tcp://") {
            return Err(bad(
                "a raw tcp:// port takes printer language, not PDF; install the office printer in the system (with its driver) and choose it by name",
            ));
        }
        Ok(Target::Installed(given.to_string()))
    }
}

/// Parses `given` and checks it against the system's printers (so an unknown name is
/// refused with the list, before anything is sent). `file:` and `cups://HOST/...` on
/// another server are taken as given.
pub fn resolve(given: &str) -> Result<Target> {
    let target: Target = given.parse()?;
    match &target {
        Target::File(_)
        | Target::Cups {
            server: Some(_), ..
        } => Ok(target),
        _ => resolve_in(given, &crate::installed_printers()?),
    }
}

/// [`resolve`] against a given list (tests, and callers that already hold the list).
/// A name matches exactly, else case-insensitively when only one printer does.
pub fn resolve_in(given: &str, printers: &[Printer]) -> Result<Target> {
    let target: Target = given.parse()?;
    let name = match &target {
        Target::Installed(name)
        | Target::Cups {
            queue: name,
            server: None,
        } => name.clone(),
        _ => return Ok(target),
    };
    let found = printers.iter().find(|p| p.name == name).or_else(|| {
        let mut folded = printers
            .iter()
            .filter(|p| p.name.to_lowercase() == name.to_lowercase());
        match (folded.next(), folded.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    });
    let Some(printer) = found else {
        return Err(PrintError::UnknownPrinter {
            given: given.trim().to_string(),
            installed: printers.iter().map(|p| p.name.clone()).collect(),
        });
    };
    Ok(match target {
        Target::Cups { .. } => Target::Cups {
            queue: printer.name.clone(),
            server: None,
        },
        _ => Target::Installed(printer.name.clone()),
    })
}
