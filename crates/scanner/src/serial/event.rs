//! What a running scanner reports.

use std::time::SystemTime;

use crate::{RejectReason, ScanError};

/// One thing that happened on a scanner's port, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanEvent {
    /// A complete, cleaned code; `at` is when its terminator was read.
    Scan { code: String, at: SystemTime },
    /// A line that is not a scan (noise, too long, not a code). The stream goes on.
    Rejected {
        raw_preview: String,
        reason: RejectReason,
    },
    /// The port failed (unplugged, hung up). Sent at once; every scan before it was
    /// already delivered. With reconnect on, a [`ScanEvent::Reconnected`] may follow.
    Disconnected { error: ScanError },
    /// The same path opened again after a disconnect; scans resume.
    Reconnected,
}

impl ScanEvent {
    /// The code, when this is a scan.
    pub fn code(&self) -> Option<&str> {
        match self {
            ScanEvent::Scan { code, .. } => Some(code),
            _ => None,
        }
    }
}
