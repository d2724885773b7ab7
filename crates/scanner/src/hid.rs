//! HID-POS barcode scanners (USB HID usage page 0x8C, "Barcode Scanner"): read directly,
//! with no keyboard and no IME in between, through hidapi (Linux hidraw, Windows' HID
//! API). Each input report carries a piece of a code; the pieces are put together and go
//! through the same [`Framer`] as a serial scanner's bytes, so prefix/suffix, AIM and the
//! asset-code check are the same.
//!
//! The report (the POS Barcode Scanner input report as Honeywell, Zebra and Newland
//! scanners send it in HID-POS mode):
//!
//! | byte | meaning |
//! | --- | --- |
//! | 0 | report ID (0x02) |
//! | 1 | number of data bytes in this report |
//! | 2..5 | AIM symbology identifier (e.g. `]C1`), not part of the code |
//! | 5.. | the data bytes |
//! | last | bit 0 set: more reports of this code follow |

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

use crate::{Frame, Framer, FramingOptions, ListenEnd, ListenOptions, ScanError, ScanEvent};

/// The USB HID usage page of POS barcode scanners.
pub const HID_POS_USAGE_PAGE: u16 = 0x8C;
const DATA_START: usize = 5;
/// Reports are at most this long (64-byte full-speed interrupt packets).
pub const HID_REPORT_BYTES: usize = 64;

/// One input report, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosReport {
    pub symbology: [u8; 3],
    pub data: Vec<u8>,
    /// More reports of the same code follow.
    pub more: bool,
}

impl PosReport {
    /// `None` for a report too short to hold the header (a device's other reports).
    pub fn parse(report: &[u8]) -> Option<PosReport> {
        if report.len() < DATA_START {
            return None;
        }
        let declared = report[1] as usize;
        // A full 64-byte report ends with the continuation flag; a short one is all data.
        let full = report.len() >= HID_REPORT_BYTES;
        let room = if full { HID_REPORT_BYTES - DATA_START - 1 } else { report.len() - DATA_START };
        let end = DATA_START + declared.min(room);
        let more = full && report[HID_REPORT_BYTES - 1] & 1 == 1;
        Some(PosReport { symbology: [report[2], report[3], report[4]], data: report[DATA_START..end].to_vec(), more })
    }
}

/// Turns reports into frames: pieces of one code are joined; a code ends with the report
/// that says no more follow.
pub struct PosDecoder {
    framer: Framer,
}

impl PosDecoder {
    pub fn new(framing: FramingOptions) -> Self {
        PosDecoder { framer: Framer::new(framing) }
    }

    /// The frames this report completes (usually none or one).
    pub fn push(&mut self, report: &[u8]) -> Vec<Frame> {
        let Some(r) = PosReport::parse(report) else { return Vec::new() };
        // Trailing NULs pad some scanners' data.
        let data: &[u8] = {
            let mut d = &r.data[..];
            while let [rest @ .., 0] = d {
                d = rest;
            }
            d
        };
        let mut frames = self.framer.push(data);
        if !r.more {
            // The report ends the code: a terminator, unless the scanner sent one.
            frames.extend(self.framer.push(b"\n"));
        }
        frames
    }

    /// A code cut off when the device went away.
    pub fn finish(&mut self) -> Option<Frame> {
        self.framer.finish()
    }
}

/// Where reports come from: a real HID device, or a test's list.
pub trait ReportSource {
    /// Reads one report into `buf`; `Ok(0)` when none came within `timeout`.
    fn read_report(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize, String>;
    /// For messages: "VID:PID".
    fn name(&self) -> String;
}

fn frame_event(frame: Frame) -> ScanEvent {
    match frame {
        Frame::Scan(code) => ScanEvent::Scan { code, at: SystemTime::now() },
        Frame::Rejected { raw_preview, reason } => ScanEvent::Rejected { raw_preview, reason },
    }
}

/// The blocking loop behind `stocktake listen --hid` and the app's HID reader: reads
/// reports and hands each event to `on_event`, in order, until the stop flag, the device
/// failing (unplugged: `Disconnected` is sent first), or `idle_exit` without a scan.
pub fn hid_listen(source: &mut dyn ReportSource, framing: FramingOptions, options: &ListenOptions, mut on_event: impl FnMut(ScanEvent)) -> ListenEnd {
    let mut decoder = PosDecoder::new(framing);
    let mut buf = [0u8; HID_REPORT_BYTES];
    let mut last_scan = Instant::now();
    loop {
        if options.stop.load(Ordering::Relaxed) {
            return ListenEnd::Stopped;
        }
        if options.idle_exit.is_some_and(|idle| last_scan.elapsed() >= idle) {
            return ListenEnd::Idle;
        }
        match source.read_report(&mut buf, Duration::from_millis(100)) {
            Ok(0) => {}
            Ok(n) => {
                for frame in decoder.push(&buf[..n.min(HID_REPORT_BYTES)]) {
                    let event = frame_event(frame);
                    if matches!(event, ScanEvent::Scan { .. }) {
                        last_scan = Instant::now();
                    }
                    on_event(event);
                }
            }
            Err(detail) => {
                if let Some(frame) = decoder.finish() {
                    on_event(frame_event(frame));
                }
                let error = ScanError::Hid { device: source.name(), detail };
                on_event(ScanEvent::Disconnected { error: error.clone() });
                return ListenEnd::PortClosed { error };
            }
        }
    }
}

/// "0c2e:0b61" (hex, as `lsusb` and Device Manager show it) to vendor and product id.
pub fn parse_vid_pid(text: &str) -> Result<(u16, u16), ScanError> {
    let bad = || ScanError::InvalidConfig { detail: format!("'{text}' is not VID:PID in hex, e.g. 0c2e:0b61") };
    let (vid, pid) = text.trim().split_once(':').ok_or_else(bad)?;
    let hex = |s: &str| u16::from_str_radix(s.trim().trim_start_matches("0x"), 16).map_err(|_| bad());
    Ok((hex(vid)?, hex(pid)?))
}

/// A HID-POS scanner the OS knows of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HidPosInfo {
    pub vendor_id: u16,
    pub product_id: u16,
    pub product: String,
}

impl HidPosInfo {
    pub fn vid_pid(&self) -> String {
        format!("{:04x}:{:04x}", self.vendor_id, self.product_id)
    }
}

fn hid_error(device: &str, e: impl std::fmt::Display) -> ScanError {
    ScanError::Hid { device: device.to_string(), detail: e.to_string() }
}

/// The HID-POS scanners plugged in (usage page 0x8C).
pub fn list_hid_pos() -> Result<Vec<HidPosInfo>, ScanError> {
    let api = hidapi::HidApi::new().map_err(|e| hid_error("", e))?;
    let mut found: Vec<HidPosInfo> = api
        .device_list()
        .filter(|d| d.usage_page() == HID_POS_USAGE_PAGE)
        .map(|d| HidPosInfo { vendor_id: d.vendor_id(), product_id: d.product_id(), product: d.product_string().unwrap_or_default().to_string() })
        .collect();
    found.dedup();
    Ok(found)
}

/// An opened HID-POS scanner.
pub struct HidPosScanner {
    device: hidapi::HidDevice,
    name: String,
    // The API handle lives as long as the device.
    _api: hidapi::HidApi,
}

impl HidPosScanner {
    /// Opens the scanner `vid:pid`'s HID-POS interface (usage page 0x8C).
    pub fn open(vendor_id: u16, product_id: u16) -> Result<HidPosScanner, ScanError> {
        let name = format!("{vendor_id:04x}:{product_id:04x}");
        let api = hidapi::HidApi::new().map_err(|e| hid_error(&name, e))?;
        let path = api
            .device_list()
            .find(|d| d.vendor_id() == vendor_id && d.product_id() == product_id && d.usage_page() == HID_POS_USAGE_PAGE)
            .map(|d| d.path().to_owned())
            .ok_or_else(|| ScanError::HidNotFound { device: name.clone() })?;
        let device = api.open_path(&path).map_err(|e| hid_error(&name, e))?;
        Ok(HidPosScanner { device, name, _api: api })
    }
}

impl ReportSource for HidPosScanner {
    fn read_report(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize, String> {
        self.device.read_timeout(buf, timeout.as_millis().min(i32::MAX as u128) as i32).map_err(|e| e.to_string())
    }

    fn name(&self) -> String {
        self.name.clone()
    }
}
