#![no_main]
// See crates/fuzz-checks: what this input must never do.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::label_template(data));
