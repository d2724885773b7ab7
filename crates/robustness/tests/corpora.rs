//! The fuzz targets on stable Rust, time-bounded, in the normal test suite: every file of
//! the committed corpora (`fuzz/corpus/<target>/`, where cargo-fuzz keeps what it found),
//! then random mutations of them (bytes flipped, inserted, cut). `PROPTEST_CASES=N` runs
//! N mutations per target (default 64); a failure prints the smallest input found.

use std::path::PathBuf;

use proptest::prelude::*;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).collect();
    files.sort();
    let inputs: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert!(!inputs.is_empty(), "the {target} corpus is empty");
    inputs
}

fn check(target: &str) -> fn(&[u8]) {
    robustness::TARGETS.iter().find(|(name, _)| *name == target).unwrap().1
}

/// One mutation: which corpus file, then edits (position, byte, kind) and a cut.
fn mutation() -> impl Strategy<Value = (usize, Vec<(usize, u8, u8)>, Option<usize>)> {
    (any::<usize>(), prop::collection::vec((any::<usize>(), any::<u8>(), 0..3u8), 0..12), prop::option::of(any::<usize>()))
}

fn mutate(base: &[u8], edits: &[(usize, u8, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut data = base.to_vec();
    for &(at, byte, kind) in edits {
        let at = if data.is_empty() { 0 } else { at % (data.len() + 1) };
        match kind {
            0 if at < data.len() => data[at] = byte,
            1 => data.insert(at, byte),
            _ if at < data.len() => {
                data.remove(at);
            }
            _ => data.push(byte),
        }
    }
    if let Some(cut) = cut {
        data.truncate(cut % (data.len() + 1));
    }
    data
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(64), failure_persistence: None, ..ProptestConfig::default() }
}

macro_rules! fuzz_target_tests {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            use super::*;

            #[test]
            fn every_corpus_input_is_handled() {
                for input in corpus(stringify!($name)) {
                    check(stringify!($name))(&input);
                }
            }

            proptest! {
                #![proptest_config(config())]
                #[test]
                fn mutated_inputs_are_handled((pick, edits, cut) in mutation()) {
                    let inputs = corpus(stringify!($name));
                    check(stringify!($name))(&mutate(&inputs[pick % inputs.len()], &edits, cut));
                }
            }
        }
    )+};
}

fuzz_target_tests!(import_sheet, scanner_framing, batch_file, label_template, label_content, backup_file);
