//! The incremental framer: feed it byte chunks as they arrive, get complete scans.

use super::clean::clean_line;
use super::reject::preview;
use super::{FramingOptions, RejectReason};

/// One complete line's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A code, stripped and trimmed.
    Scan(String),
    /// A line that is not a scan; `raw_preview` is escaped and at most ~32 bytes.
    Rejected {
        raw_preview: String,
        reason: RejectReason,
    },
}

/// Cuts a byte stream into [`Frame`]s. Any split of the same stream into chunks gives
/// the same frames. Memory is bounded by `max_line_bytes`, whatever arrives.
///
/// ```
/// use scanner::{Frame, Framer, FramingOptions};
/// let mut framer = Framer::new(FramingOptions::default());
/// assert_eq!(framer.push(b"]C1ZC-0001\r"), vec![Frame::Scan("ZC-0001".into())]);
/// // The LF of a CRLF split across reads does not make a second (empty) line.
/// assert_eq!(framer.push(b"\nZC-00"), vec![]);
/// assert_eq!(framer.push(b"02\n"), vec![Frame::Scan("ZC-0002".into())]);
/// ```
#[derive(Debug, Clone)]
pub struct Framer {
    options: FramingOptions,
    /// The current line's first `max_line_bytes` bytes (kept for the preview when over).
    line: Vec<u8>,
    /// The current line's full length, which may exceed what `line` holds.
    line_len: usize,
    /// The last byte was a CR that ended a scan: a LF right after it belongs to it.
    after_cr: bool,
}

impl Framer {
    pub fn new(options: FramingOptions) -> Self {
        let capacity = options.max_line_bytes.min(4096);
        Framer {
            options,
            line: Vec::with_capacity(capacity),
            line_len: 0,
            after_cr: false,
        }
    }

    pub fn options(&self) -> &FramingOptions {
        &self.options
    }

    /// Feeds a chunk and returns the frames it completed, in order.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Frame> {
        let mut frames = Vec::new();
        self.push_each(chunk, |frame| frames.push(frame));
        frames
    }

    /// Feeds a chunk and hands each completed frame to `emit` (no allocation per chunk).
    pub fn push_each(&mut self, chunk: &[u8], mut emit: impl FnMut(Frame)) {
        for &byte in chunk {
            if std::mem::take(&mut self.after_cr) && byte == b'\n' {
                continue;
            }
            if self.options.terminators.ends_scan(byte) {
                self.after_cr = byte == b'\r';
                if let Some(frame) = self.end_line() {
                    emit(frame);
                }
                continue;
            }
            if self.line.len() < self.options.max_line_bytes {
                self.line.push(byte);
            }
            self.line_len += 1;
        }
    }

    /// Bytes of the unfinished line waiting for its terminator.
    pub fn pending_len(&self) -> usize {
        self.line_len
    }

    /// Ends the stream (the port closed): an unfinished line is rejected as
    /// [`RejectReason::Incomplete`] rather than taken, since it may be truncated.
    pub fn finish(&mut self) -> Option<Frame> {
        self.after_cr = false;
        let has_text = self.line.iter().any(|b| !b.is_ascii_whitespace());
        let frame = has_text.then(|| Frame::Rejected {
            raw_preview: preview(&self.line),
            reason: RejectReason::Incomplete,
        });
        self.clear_line();
        frame
    }

    fn end_line(&mut self) -> Option<Frame> {
        let max = self.options.max_line_bytes;
        let frame = if self.line_len > max {
            Some(Frame::Rejected {
                raw_preview: preview(&self.line),
                reason: RejectReason::TooLong {
                    bytes: self.line_len,
                    max,
                },
            })
        } else {
            clean_line(&self.line, &self.options)
        };
        self.clear_line();
        frame
    }

    fn clear_line(&mut self) {
        self.line.clear();
        self.line_len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Terminators;

    fn scans(frames: &[Frame]) -> Vec<&str> {
        frames
            .iter()
            .filter_map(|f| match f {
                Frame::Scan(code) => Some(code.as_str()),
                Frame::Rejected { .. } => None,
            })
            .collect()
    }

    #[test]
    fn every_terminator_ends_a_scan_and_crlf_is_one() {
        let mut framer = Framer::new(FramingOptions::default());
        let frames = framer.push(b"A001\rA002\nA003\r\nA004\tA005\n\r");
        assert_eq!(scans(&frames), ["A001", "A002", "A003", "A004", "A005"]);
        assert_eq!(frames.len(), 5);
    }

    #[test]
    fn crlf_split_across_chunks_is_one_scan() {
        let mut framer = Framer::new(FramingOptions::default());
        assert_eq!(framer.push(b"A001\r"), vec![Frame::Scan("A001".into())]);
        assert_eq!(framer.push(b"\n"), vec![]);
        assert_eq!(framer.push(b"A002\r"), vec![Frame::Scan("A002".into())]);
        assert_eq!(framer.push(b"\nA003\n"), vec![Frame::Scan("A003".into())]);
    }

    #[test]
    fn terminators_are_configurable() {
        let options = FramingOptions {
            terminators: Terminators {
                cr: false,
                lf: true,
                tab: false,
            },
            ..Default::default()
        };
        let mut framer = Framer::new(options);
        // CR is trimmed as whitespace; Tab stays inside and makes the line a rejection.
        let frames = framer.push(b"A001\r\nA\t2\n");
        assert_eq!(frames[0], Frame::Scan("A001".into()));
        assert!(matches!(
            frames[1],
            Frame::Rejected {
                reason: RejectReason::ControlCharacters,
                ..
            }
        ));
    }

    #[test]
    fn overlong_line_is_rejected_whole_and_the_next_scan_is_clean() {
        let options = FramingOptions {
            max_line_bytes: 8,
            ..Default::default()
        };
        let mut framer = Framer::new(options);
        let mut frames = framer.push(b"0123456789");
        frames.extend(framer.push(b"abcdef"));
        assert!(framer.line.len() <= 8, "buffer must stay bounded");
        frames.extend(framer.push(b"\nZC-1\n"));
        assert_eq!(
            frames,
            vec![
                Frame::Rejected {
                    raw_preview: "01234567".into(),
                    reason: RejectReason::TooLong { bytes: 16, max: 8 }
                },
                Frame::Scan("ZC-1".into()),
            ]
        );
    }

    #[test]
    fn line_of_exactly_max_bytes_is_accepted() {
        let options = FramingOptions {
            max_line_bytes: 4,
            ..Default::default()
        };
        let mut framer = Framer::new(options);
        assert_eq!(framer.push(b"ABCD\n"), vec![Frame::Scan("ABCD".into())]);
    }

    #[test]
    fn finish_rejects_an_unterminated_scan() {
        let mut framer = Framer::new(FramingOptions::default());
        assert_eq!(framer.push(b"ZC-1\nZC-"), vec![Frame::Scan("ZC-1".into())]);
        assert_eq!(framer.pending_len(), 3);
        assert_eq!(
            framer.finish(),
            Some(Frame::Rejected {
                raw_preview: "ZC-".into(),
                reason: RejectReason::Incomplete
            })
        );
        assert_eq!(framer.finish(), None);
        assert_eq!(framer.pending_len(), 0);
    }
}
