//! Properties of the framer and the batch parser over generated input.

use proptest::prelude::*;
use scanner::{parse_batch, Frame, Framer, FramingOptions};

/// Frames of `stream` fed in chunks cut at `cuts` (positions, any order, any count).
fn frames_with_cuts(stream: &[u8], cuts: &[usize]) -> Vec<Frame> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (stream.len() + 1)).collect();
    cuts.sort_unstable();
    let mut framer = Framer::new(FramingOptions {
        max_line_bytes: 16,
        ..FramingOptions::default()
    });
    let mut frames = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain([stream.len()]) {
        frames.extend(framer.push(&stream[start..cut]));
        start = cut;
    }
    frames.extend(framer.finish());
    frames
}

/// Streams made of the pieces scanners and line noise produce.
fn stream() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        "[A-Z0-9-]{1,20}".prop_map(String::into_bytes),
        Just(b"\r".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"]C1".to_vec()),
        Just("资产".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..6),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn any_split_of_a_stream_gives_the_same_frames(
        stream in stream(),
        cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let whole = frames_with_cuts(&stream, &[]);
        prop_assert_eq!(frames_with_cuts(&stream, &cuts), whole.clone());
        // Byte by byte is the most extreme split.
        let every: Vec<usize> = (0..stream.len()).collect();
        prop_assert_eq!(frames_with_cuts(&stream, &every), whole);
    }

    #[test]
    fn codes_come_back_whatever_the_terminator(
        codes in prop::collection::vec("[A-Z0-9][A-Z0-9-]{0,15}", 1..20),
        enders in prop::collection::vec(prop_oneof![Just("\r"), Just("\n"), Just("\r\n"), Just("\t")], 20),
    ) {
        let stream: String = codes.iter().zip(&enders).map(|(c, e)| format!("{c}{e}")).collect();
        let scans: Vec<String> = frames_with_cuts(stream.as_bytes(), &[])
            .into_iter()
            .map(|f| match f { Frame::Scan(code) => code, other => panic!("{other:?}") })
            .collect();
        prop_assert_eq!(scans, codes);
    }

    #[test]
    fn any_bytes_frame_without_panic_and_with_printable_previews(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut framer = Framer::new(FramingOptions { max_line_bytes: 16, ..FramingOptions::default() });
        for frame in framer.push(&bytes) {
            if let Frame::Rejected { raw_preview, .. } = frame {
                prop_assert!(raw_preview.chars().all(|c| !c.is_control()));
            }
        }
    }

    #[test]
    fn batch_parser_never_panics_and_accounts_for_lines(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let file = parse_batch(&bytes);
        let mut lines: Vec<usize> = file.entries.iter().map(|e| e.line)
            .chain(file.errors.iter().map(|e| e.line))
            .chain(file.header_line)
            .collect();
        let count = lines.len();
        lines.sort_unstable();
        lines.dedup();
        prop_assert_eq!(lines.len(), count, "each line is reported at most once");
        prop_assert!(lines.first().is_none_or(|&first| first >= 1));
    }

    #[test]
    fn batch_parser_never_panics_on_text_shaped_like_a_file(
        text in "([A-Za-z0-9 ,;\t\"/:.+-]|资产|编码|数量|时间|\r|\n){0,400}",
    ) {
        let _ = parse_batch(text.as_bytes());
    }
}
