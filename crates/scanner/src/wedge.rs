//! Keyboard-wedge scanners type the code as key presses, far faster than a person.
//! This is the rule that tells a scan from typing, as pure logic: the UI mirrors it in
//! TypeScript, and these tests pin it down.
//!
//! # The rule (mirror it exactly)
//!
//! Feed every key-down, with its time in milliseconds (`KeyboardEvent.timeStamp`):
//! - a printable character (`[...event.key].length === 1`, not a control character):
//!   if the previous character came more than `max_gap_ms` before it, the burst starts
//!   over with this character; otherwise it joins the burst. Verdict: `Pending`.
//! - Enter (or Tab, when `tab_ends_scan`): it ends a **scan** when the burst holds at
//!   least `min_chars` characters and the Enter/Tab itself came within `max_gap_ms` of
//!   the burst's last character. Verdict `Scan(code)`; otherwise `NotScan` (the key is
//!   the user's own). Either way the burst is emptied.
//! - any other key (Backspace, arrows, Escape...): empties the burst. Verdict `NotScan`.
//!   Modifier-only keys (Shift, Control, Alt, Meta) are **not fed at all**: scanners
//!   press Shift for capital letters.
//!
//! A burst that never ends in Enter/Tab is never a scan. Defaults: 4 characters, 30 ms.
//! The UI keeps what it swallowed (the burst's characters) so it can give them back to
//! the focused field when the verdict is `NotScan`, or drop them when it is `Scan`.

/// Default least number of characters in a scan.
pub const DEFAULT_MIN_CHARS: usize = 4;
/// Default longest gap between a scan's keys, in milliseconds.
pub const DEFAULT_MAX_GAP_MS: u64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WedgeRules {
    pub min_chars: usize,
    pub max_gap_ms: u64,
    /// Tab ends a scan as Enter does (scanners are often set to send Tab).
    pub tab_ends_scan: bool,
}

impl Default for WedgeRules {
    fn default() -> Self {
        WedgeRules {
            min_chars: DEFAULT_MIN_CHARS,
            max_gap_ms: DEFAULT_MAX_GAP_MS,
            tab_ends_scan: true,
        }
    }
}

/// One key-down, as the UI sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WedgeKey {
    Char(char),
    Enter,
    Tab,
    /// Any other key that is not a modifier alone.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WedgeVerdict {
    /// A character, held as part of a possible scan.
    Pending,
    /// Enter/Tab ended a scan: the code (the burst's characters).
    Scan(String),
    /// Not a scan's end: the key is the user's own.
    NotScan,
}

/// Applies [`WedgeRules`] to key-downs one at a time.
#[derive(Debug, Clone, Default)]
pub struct WedgeDetector {
    rules: WedgeRules,
    burst: String,
    burst_chars: usize,
    last_char_at: Option<u64>,
}

impl WedgeDetector {
    pub fn new(rules: WedgeRules) -> Self {
        WedgeDetector {
            rules,
            ..WedgeDetector::default()
        }
    }

    pub fn rules(&self) -> WedgeRules {
        self.rules
    }

    /// The characters of the burst so far.
    pub fn burst(&self) -> &str {
        &self.burst
    }

    /// Feeds one key-down at `at_ms` (any monotonic millisecond clock).
    pub fn key(&mut self, key: WedgeKey, at_ms: u64) -> WedgeVerdict {
        match key {
            WedgeKey::Char(c) if !c.is_control() => {
                if !self.within_gap(at_ms) {
                    self.reset();
                }
                self.burst.push(c);
                self.burst_chars += 1;
                self.last_char_at = Some(at_ms);
                WedgeVerdict::Pending
            }
            WedgeKey::Enter => self.end_burst(at_ms),
            WedgeKey::Tab if self.rules.tab_ends_scan => self.end_burst(at_ms),
            WedgeKey::Char(_) | WedgeKey::Tab | WedgeKey::Other => {
                self.reset();
                WedgeVerdict::NotScan
            }
        }
    }

    /// Forgets the burst (e.g. when the window loses focus).
    pub fn reset(&mut self) {
        self.burst.clear();
        self.burst_chars = 0;
        self.last_char_at = None;
    }

    fn within_gap(&self, at_ms: u64) -> bool {
        // A clock that steps back counts as no gap rather than a huge one.
        self.last_char_at
            .is_some_and(|last| at_ms.saturating_sub(last) <= self.rules.max_gap_ms)
    }

    fn end_burst(&mut self, at_ms: u64) -> WedgeVerdict {
        let is_scan = self.burst_chars >= self.rules.min_chars && self.within_gap(at_ms);
        let code = std::mem::take(&mut self.burst);
        self.reset();
        if is_scan {
            WedgeVerdict::Scan(code)
        } else {
            WedgeVerdict::NotScan
        }
    }
}

/// The scans in a recorded key sequence: a convenience for tests and replays.
pub fn wedge_scans(
    rules: WedgeRules,
    keys: impl IntoIterator<Item = (WedgeKey, u64)>,
) -> Vec<String> {
    let mut detector = WedgeDetector::new(rules);
    keys.into_iter()
        .filter_map(|(key, at)| match detector.key(key, at) {
            WedgeVerdict::Scan(code) => Some(code),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` typed from `start` with `gap` ms between keys, then `end` after `end_gap`.
    fn typed(
        text: &str,
        start: u64,
        gap: u64,
        end: WedgeKey,
        end_gap: u64,
    ) -> Vec<(WedgeKey, u64)> {
        let mut at = start;
        let mut keys = Vec::new();
        for (i, c) in text.chars().enumerate() {
            if i > 0 {
                at += gap;
            }
            keys.push((WedgeKey::Char(c), at));
        }
        keys.push((end, at + end_gap));
        keys
    }

    fn scans(keys: Vec<(WedgeKey, u64)>) -> Vec<String> {
        wedge_scans(WedgeRules::default(), keys)
    }

    #[test]
    fn fast_burst_ending_in_enter_or_tab_is_a_scan() {
        assert_eq!(
            scans(typed("ZC-2026-00012", 1000, 8, WedgeKey::Enter, 5)),
            ["ZC-2026-00012"]
        );
        assert_eq!(
            scans(typed("ZC-1", 1000, 30, WedgeKey::Tab, 30)),
            ["ZC-1"],
            "30 ms is within"
        );
    }

    #[test]
    fn slow_typing_is_not_a_scan() {
        assert!(scans(typed("ZC-2026-00012", 1000, 120, WedgeKey::Enter, 100)).is_empty());
        assert!(
            scans(typed("ZC-1", 1000, 31, WedgeKey::Enter, 5)).is_empty(),
            "31 ms is too slow"
        );
    }

    #[test]
    fn burst_without_enter_is_not_a_scan() {
        let mut keys = typed("ZC-0001", 1000, 5, WedgeKey::Other, 5);
        keys.pop(); // no terminator at all
        assert!(scans(keys.clone()).is_empty());
        // A late Enter (the user's) does not turn it into one.
        keys.push((WedgeKey::Enter, 2000));
        assert!(scans(keys).is_empty());
        // Nor does another key ending it.
        assert!(scans(typed("ZC-0001", 1000, 5, WedgeKey::Other, 5)).is_empty());
    }

    #[test]
    fn too_short_burst_is_not_a_scan() {
        assert!(scans(typed("ZC1", 1000, 5, WedgeKey::Enter, 5)).is_empty());
    }

    #[test]
    fn typing_then_a_scan_yields_only_the_scanned_part() {
        let mut keys = typed("abc", 0, 200, WedgeKey::Other, 0);
        keys.pop();
        // 500 ms later the scanner fires: the slow "abc" is not part of the code.
        keys.extend(typed("ZC-9", 900, 4, WedgeKey::Enter, 4));
        assert_eq!(scans(keys), ["ZC-9"]);
    }

    #[test]
    fn enter_too_long_after_the_burst_is_the_users() {
        assert!(scans(typed("ZC-0001", 0, 5, WedgeKey::Enter, 300)).is_empty());
    }

    #[test]
    fn thresholds_are_configurable() {
        let rules = WedgeRules {
            min_chars: 3,
            max_gap_ms: 100,
            tab_ends_scan: false,
        };
        assert_eq!(
            wedge_scans(rules, typed("ZC1", 0, 80, WedgeKey::Enter, 80)),
            ["ZC1"]
        );
        assert!(wedge_scans(rules, typed("ZC1", 0, 5, WedgeKey::Tab, 5)).is_empty());
    }

    #[test]
    fn verdicts_step_by_step() {
        let mut detector = WedgeDetector::default();
        for (i, c) in "A123".chars().enumerate() {
            assert_eq!(
                detector.key(WedgeKey::Char(c), i as u64 * 10),
                WedgeVerdict::Pending
            );
        }
        assert_eq!(detector.burst(), "A123");
        assert_eq!(
            detector.key(WedgeKey::Enter, 40),
            WedgeVerdict::Scan("A123".into())
        );
        assert_eq!(detector.burst(), "");
        assert_eq!(detector.key(WedgeKey::Enter, 45), WedgeVerdict::NotScan);
        // A control character is not printable: it breaks the burst.
        detector.key(WedgeKey::Char('A'), 100);
        assert_eq!(
            detector.key(WedgeKey::Char('\u{1b}'), 101),
            WedgeVerdict::NotScan
        );
        assert_eq!(detector.burst(), "");
    }
}
