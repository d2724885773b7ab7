//! Asking a label printer whether it can print before a job is sent (issue 18): TSPL's
//! `<ESC>!?` answers one status byte, ZPL's `~HS` three framed host-status strings.
//! Both are immediate commands, so a printer that does not know them just ignores the
//! bytes; one that does not answer in time is sent the job anyway ("status unknown").

use std::time::Duration;

use crate::Format;

/// How long a printer gets to answer the status query (real ones answer in well under
/// 100 ms; a printer that never answers delays its job by this much).
pub const STATUS_TIMEOUT: Duration = Duration::from_millis(1000);

/// The status query of a printer language, where it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusQuery {
    /// `<ESC>!?`: one byte back, a bit per condition.
    Tspl,
    /// `~HS`: `<STX>…<ETX><CR><LF>` three times; strings 1 and 2 hold the flags.
    Zpl,
}

impl StatusQuery {
    /// The query for `format` (EPL and PDF have none that all printers know).
    pub fn for_format(format: Format) -> Option<StatusQuery> {
        match format {
            Format::Tspl => Some(StatusQuery::Tspl),
            Format::Zpl => Some(StatusQuery::Zpl),
            Format::Epl | Format::Pdf => None,
        }
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            StatusQuery::Tspl => b"\x1b!?",
            StatusQuery::Zpl => b"~HS",
        }
    }

    /// Whether `reply` (the bytes read so far) is a whole answer.
    pub fn complete(self, reply: &[u8]) -> bool {
        match self {
            StatusQuery::Tspl => !reply.is_empty(),
            // Strings 1 and 2 carry every flag read here; string 3 is not waited for.
            StatusQuery::Zpl => reply.iter().filter(|&&b| b == 0x03).count() >= 2,
        }
    }

    /// What a whole answer says; `None` when it is not one this language sends.
    pub fn parse(self, reply: &[u8]) -> Option<Vec<StatusProblem>> {
        match self {
            StatusQuery::Tspl => reply.first().map(|&b| tspl_problems(b)),
            StatusQuery::Zpl => zpl_problems(reply),
        }
    }
}

/// Why a printer that answered cannot print now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusProblem {
    PaperOut,
    HeadOpen,
    Paused,
    PaperJam,
    RibbonOut,
    /// TSPL's "other error" bit.
    OtherError,
}

impl StatusProblem {
    pub fn words_en(self) -> &'static str {
        match self {
            StatusProblem::PaperOut => "out of paper (labels)",
            StatusProblem::HeadOpen => "the print head is open",
            StatusProblem::Paused => "paused",
            StatusProblem::PaperJam => "paper jam",
            StatusProblem::RibbonOut => "out of ribbon",
            StatusProblem::OtherError => "an error on the printer",
        }
    }

    pub fn words_zh(self) -> &'static str {
        match self {
            StatusProblem::PaperOut => "缺纸（标签纸用完）",
            StatusProblem::HeadOpen => "打印头未合上",
            StatusProblem::Paused => "已暂停",
            StatusProblem::PaperJam => "卡纸",
            StatusProblem::RibbonOut => "碳带用完",
            StatusProblem::OtherError => "打印机报错",
        }
    }

    /// Stable word for JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusProblem::PaperOut => "paper_out",
            StatusProblem::HeadOpen => "head_open",
            StatusProblem::Paused => "paused",
            StatusProblem::PaperJam => "paper_jam",
            StatusProblem::RibbonOut => "ribbon_out",
            StatusProblem::OtherError => "error",
        }
    }
}

/// TSPL status byte: 0x01 head open, 0x02 paper jam, 0x04 out of paper, 0x08 out of
/// ribbon, 0x10 pause, 0x20 printing (not a problem), 0x80 other error.
pub fn tspl_problems(byte: u8) -> Vec<StatusProblem> {
    [
        (0x04, StatusProblem::PaperOut),
        (0x01, StatusProblem::HeadOpen),
        (0x10, StatusProblem::Paused),
        (0x02, StatusProblem::PaperJam),
        (0x08, StatusProblem::RibbonOut),
        (0x80, StatusProblem::OtherError),
    ]
    .into_iter()
    .filter(|(bit, _)| byte & bit != 0)
    .map(|(_, p)| p)
    .collect()
}

/// ZPL `~HS`: string 1 `aaa,b,c,…` (b paper out, c pause), string 2 `mmm,n,o,p,…`
/// (o head up, p ribbon out).
pub fn zpl_problems(reply: &[u8]) -> Option<Vec<StatusProblem>> {
    let text = String::from_utf8_lossy(reply);
    let strings: Vec<Vec<&str>> = text
        .split('\u{2}')
        .skip(1)
        .filter_map(|s| s.split_once('\u{3}').map(|(body, _)| body.split(',').map(str::trim).collect()))
        .collect();
    let (one, two) = (strings.first()?, strings.get(1)?);
    if one.len() < 3 || two.len() < 4 {
        return None;
    }
    let flag = |v: &str| v == "1";
    let mut problems = Vec::new();
    if flag(one[1]) {
        problems.push(StatusProblem::PaperOut);
    }
    if flag(two[2]) {
        problems.push(StatusProblem::HeadOpen);
    }
    if flag(one[2]) {
        problems.push(StatusProblem::Paused);
    }
    if flag(two[3]) {
        problems.push(StatusProblem::RibbonOut);
    }
    Some(problems)
}

/// What the status query found before a job was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusSeen {
    /// No query for this language or transport (CUPS, the spooler and files are not asked).
    #[default]
    NotAsked,
    /// The printer answered and can print.
    Ready,
    /// No (whole) answer within [`STATUS_TIMEOUT`]: the job was sent anyway.
    Unknown,
}

impl StatusSeen {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusSeen::NotAsked => "not_asked",
            StatusSeen::Ready => "ready",
            StatusSeen::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tspl_bits_name_each_problem_and_printing_is_not_one() {
        assert_eq!(tspl_problems(0x00), vec![]);
        assert_eq!(tspl_problems(0x20), vec![], "printing");
        assert_eq!(tspl_problems(0x04), vec![StatusProblem::PaperOut]);
        assert_eq!(tspl_problems(0x05), vec![StatusProblem::PaperOut, StatusProblem::HeadOpen]);
        assert_eq!(tspl_problems(0x10), vec![StatusProblem::Paused]);
    }

    #[test]
    fn zpl_host_status_reads_paper_out_pause_and_head_up() {
        let ready = b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n";
        assert_eq!(zpl_problems(ready), Some(vec![]));
        let out = b"\x02030,1,1,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,1,0,1,2,6,0,00000000,1,000\x03\r\n";
        assert_eq!(zpl_problems(out), Some(vec![StatusProblem::PaperOut, StatusProblem::HeadOpen, StatusProblem::Paused]));
        assert!(StatusQuery::Zpl.complete(out));
        assert!(!StatusQuery::Zpl.complete(&out[..40]));
        assert_eq!(zpl_problems(b"\x02030,1"), None, "cut short");
        assert_eq!(zpl_problems(b"garbage"), None);
    }
}
