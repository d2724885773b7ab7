#![no_main]
// See crates/robustness: what this input must never do.
libfuzzer_sys::fuzz_target!(|data: &[u8]| robustness::batch_file(data));
