//! HID-POS scanners without the hardware: reports as the scanners send them (built here
//! byte by byte from the POS Barcode Scanner report layout) go through the parser and the
//! real reader loop from a fake report source. No virtual device: this sandbox has no
//! /dev/uhid (see README).

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::time::Duration;

use scanner::{hid_listen, parse_vid_pid, FramingOptions, ListenEnd, ListenOptions, PosDecoder, PosReport, ReportSource, ScanEvent, HID_REPORT_BYTES};

/// A 64-byte input report: ID 2, length, AIM symbology, data, continuation flag.
fn report(symbology: &[u8; 3], data: &[u8], more: bool) -> Vec<u8> {
    let mut r = vec![0u8; HID_REPORT_BYTES];
    r[0] = 0x02;
    r[1] = data.len() as u8;
    r[2..5].copy_from_slice(symbology);
    r[5..5 + data.len()].copy_from_slice(data);
    r[HID_REPORT_BYTES - 1] = more as u8;
    r
}

/// Reports in order, then (optionally) the device going away.
struct Injected {
    reports: VecDeque<Result<Vec<u8>, String>>,
    idle_reads: usize,
}

impl ReportSource for Injected {
    fn read_report(&mut self, buf: &mut [u8], _timeout: Duration) -> Result<usize, String> {
        match self.reports.pop_front() {
            Some(Ok(r)) => {
                buf[..r.len()].copy_from_slice(&r);
                Ok(r.len())
            }
            Some(Err(e)) => Err(e),
            None => {
                self.idle_reads += 1;
                Ok(0)
            }
        }
    }
    fn name(&self) -> String {
        "0c2e:0b61".into()
    }
}

#[test]
fn a_report_parses_into_symbology_data_and_the_continuation_flag() {
    let r = PosReport::parse(&report(b"]C1", b"ZC-2026-0001", false)).unwrap();
    assert_eq!(&r.symbology, b"]C1");
    assert_eq!(r.data, b"ZC-2026-0001");
    assert!(!r.more);
    assert!(PosReport::parse(&report(b"]Q1", b"ZC", true)).unwrap().more);
    // A short report (no flag byte) is all data; a declared length past the end is clipped.
    let mut short = vec![0x02, 40, b']', b'E', b'0'];
    short.extend_from_slice(b"ZC-9");
    assert_eq!(PosReport::parse(&short).unwrap().data, b"ZC-9");
    assert_eq!(PosReport::parse(&[0x02, 3, b']']), None);
}

#[test]
fn codes_split_over_reports_are_joined_and_framed_like_serial_ones() {
    let mut decoder = PosDecoder::new(FramingOptions { prefix: "#".into(), ..Default::default() });
    assert!(decoder.push(&report(b"]C1", b"#ZC-2026-", true)).is_empty());
    let frames = decoder.push(&report(b"]C1", b"0001\r", false));
    assert_eq!(frames, [scanner::Frame::Scan("ZC-2026-0001".into())]);
    // Padding NULs are not part of the code; garbage is refused as on a serial line.
    let frames = decoder.push(&report(b"]C1", b"ZC-7\0\0\0", false));
    assert_eq!(frames, [scanner::Frame::Scan("ZC-7".into())]);
    let frames = decoder.push(&report(b"]C1", b"bad code", false));
    assert!(matches!(&frames[..], [scanner::Frame::Rejected { .. }]), "{frames:?}");
}

#[test]
fn the_reader_loop_delivers_scans_in_order_and_ends_when_the_device_goes_away() {
    let mut source = Injected {
        reports: VecDeque::from([
            Ok(report(b"]C1", b"ZC-A-0001", false)),
            Ok(vec![0x01, 0x00]), // another report of the device: ignored
            Ok(report(b"]C1", b"ZC-A-", true)),
            Ok(report(b"]C1", b"0002", false)),
            Ok(report(b"]C1", b"ZC-A-000", true)),
            Err("device disconnected".into()),
        ]),
        idle_reads: 0,
    };
    let mut events = Vec::new();
    let end = hid_listen(&mut source, FramingOptions::default(), &ListenOptions::default(), |e| events.push(e));
    let codes: Vec<_> = events.iter().filter_map(|e| e.code()).collect();
    assert_eq!(codes, ["ZC-A-0001", "ZC-A-0002"]);
    // The half code is refused as incomplete (it could match another asset), then the unplug.
    assert!(matches!(&events[2], ScanEvent::Rejected { reason: scanner::RejectReason::Incomplete, .. }), "{events:?}");
    assert!(matches!(&events[3], ScanEvent::Disconnected { .. }));
    match end {
        ListenEnd::PortClosed { error } => {
            assert_eq!(error.code(), "port_open_failed");
            assert!(error.message_zh().contains("0c2e:0b61"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_reader_loop_stops_on_request_and_when_idle() {
    let mut source = Injected { reports: VecDeque::new(), idle_reads: 0 };
    let options = ListenOptions { idle_exit: Some(Duration::from_millis(1)), ..Default::default() };
    std::thread::sleep(Duration::from_millis(2));
    assert_eq!(hid_listen(&mut source, FramingOptions::default(), &options, |_| {}), ListenEnd::Idle);
    let options = ListenOptions::default();
    options.stop.store(true, Ordering::SeqCst);
    assert_eq!(hid_listen(&mut source, FramingOptions::default(), &options, |_| {}), ListenEnd::Stopped);
}

#[test]
fn vid_pid_is_read_as_hex() {
    assert_eq!(parse_vid_pid("0c2e:0b61").unwrap(), (0x0c2e, 0x0b61));
    assert_eq!(parse_vid_pid("0x05E0:0x1200").unwrap(), (0x05e0, 0x1200));
    assert_eq!(parse_vid_pid("0c2e").unwrap_err().code(), "invalid_input");
}
