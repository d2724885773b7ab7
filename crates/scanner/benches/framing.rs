//! `cargo bench -p assetdesk-scanner`: framing throughput, optimised. A plain timer
//! (no harness) keeps the dependency list short; the best of five runs is printed.

use std::hint::black_box;
use std::time::{Duration, Instant};

use scanner::{Frame, Framer, FramingOptions};

fn main() {
    const SCANS: usize = 100_000;
    let enders = ["\r", "\n", "\r\n", "\t"];
    let stream: String = (0..SCANS)
        .map(|i| format!("]C1ZC-2026-{i:06}{}", enders[i % 4]))
        .collect();
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let started = Instant::now();
        let mut framer = Framer::new(FramingOptions::default());
        let mut scans = 0usize;
        for chunk in black_box(stream.as_bytes()).chunks(64) {
            framer.push_each(chunk, |frame| {
                if let Frame::Scan(code) = frame {
                    scans += black_box(code).len().min(1);
                }
            });
        }
        assert_eq!(scans, SCANS);
        best = best.min(started.elapsed());
    }
    println!(
        "framing: {SCANS} scans, {} bytes, best {best:?} ({:.1} M scans/s, {:.0} MB/s)",
        stream.len(),
        SCANS as f64 / best.as_secs_f64() / 1e6,
        stream.len() as f64 / best.as_secs_f64() / 1e6
    );
}
