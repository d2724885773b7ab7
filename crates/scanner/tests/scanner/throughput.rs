//! Framing 100,000 scans: checks every one comes out, and prints how long it took
//! (no timing assert: CI machines vary). `cargo bench -p assetdesk-scanner` times it
//! optimised.

use std::time::Instant;

use scanner::{Frame, Framer, FramingOptions};

const SCANS: usize = 100_000;

#[test]
fn frames_100k_scans_quickly() {
    let enders = ["\r", "\n", "\r\n", "\t"];
    let stream: String = (0..SCANS)
        .map(|i| format!("]C1ZC-2026-{i:06}{}", enders[i % 4]))
        .collect();

    let started = Instant::now();
    let mut framer = Framer::new(FramingOptions::default());
    let mut scans = 0;
    let mut last = String::new();
    // 64-byte chunks: what a USB-serial adapter hands over per read, roughly.
    for chunk in stream.as_bytes().chunks(64) {
        framer.push_each(chunk, |frame| match frame {
            Frame::Scan(code) => {
                scans += 1;
                last = code;
            }
            Frame::Rejected { .. } => panic!("unexpected rejection"),
        });
    }
    let took = started.elapsed();

    assert_eq!(scans, SCANS);
    assert_eq!(last, format!("ZC-2026-{:06}", SCANS - 1));
    println!(
        "framed {SCANS} scans ({} bytes) in {took:?}: {:.0} scans/s",
        stream.len(),
        SCANS as f64 / took.as_secs_f64()
    );
}
