//! PDA batch files: encodings, headers, columns, and bad lines reported by number.

use chrono::NaiveDate;
use scanner::{
    parse_batch, read_batch_file, AssetCodeProblem, BatchLineError, BatchProblem, ScanError,
    TextEncoding,
};

fn codes(file: &scanner::BatchFile) -> Vec<(usize, &str)> {
    file.entries
        .iter()
        .map(|e| (e.line, e.code.as_str()))
        .collect()
}

fn at(h: u32, m: u32, s: u32) -> Option<chrono::NaiveDateTime> {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(h, m, s)
}

#[test]
fn one_code_a_line_with_bom_crlf_and_blank_lines() {
    let file = parse_batch(b"\xEF\xBB\xBFZC-0001\r\n\r\n  ZC-0002  \r\n]C1ZC-0003\r\n");
    assert_eq!(file.encoding, TextEncoding::Utf8WithBom);
    assert_eq!(file.header_line, None);
    assert_eq!(
        codes(&file),
        [(1, "ZC-0001"), (3, "ZC-0002"), (4, "ZC-0003")]
    );
    assert!(file.errors.is_empty());
    assert!(file
        .entries
        .iter()
        .all(|e| e.quantity.is_none() && e.scanned_at.is_none()));
}

#[test]
fn header_names_the_columns_in_any_order() {
    let file = parse_batch(
        "数量;操作员;资产编码;扫描时间\n2;张三;ZC-1;2026-11-23 10:15:00\n;李四;ZC-2;\n".as_bytes(),
    );
    assert_eq!(file.header_line, Some(1));
    assert_eq!(file.entries.len(), 2);
    assert_eq!(file.entries[0].code, "ZC-1");
    assert_eq!(file.entries[0].quantity, Some(2));
    assert_eq!(file.entries[0].scanned_at, at(10, 15, 0));
    assert_eq!(
        (
            file.entries[1].line,
            file.entries[1].quantity,
            file.entries[1].scanned_at
        ),
        (3, None, None)
    );
}

#[test]
fn without_a_header_columns_are_told_by_content() {
    let text = "ZC-1,2026-11-23 10:15:00,2\nZC-2\t3\nZC-3;张三;2026/11/23 10:15\n\"ZC-4\",\"1\"\n";
    let file = parse_batch(text.as_bytes());
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let got: Vec<_> = file
        .entries
        .iter()
        .map(|e| (e.code.as_str(), e.quantity, e.scanned_at))
        .collect();
    assert_eq!(
        got,
        [
            ("ZC-1", Some(2), at(10, 15, 0)),
            ("ZC-2", Some(3), None),
            ("ZC-3", None, at(10, 15, 0)),
            ("ZC-4", Some(1), None),
        ]
    );
}

#[test]
fn bad_lines_are_reported_by_number_and_the_rest_is_kept() {
    let long = format!("ZC-{}", "9".repeat(2000));
    let text =
        format!("ZC-1\nZC 2\nZC-3,0\nZC-4,2026-13-45 10:00\n笔记本\n{long}\nZC-5,-2\nZC-6\n");
    let file = parse_batch(text.as_bytes());
    assert_eq!(codes(&file), [(1, "ZC-1"), (8, "ZC-6")]);
    let problems: Vec<_> = file
        .errors
        .iter()
        .map(|e| (e.line, e.problem.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (2, BatchProblem::BadCode(AssetCodeProblem::HasSpace)),
            (3, BatchProblem::BadQuantity { text: "0".into() }),
            (
                4,
                BatchProblem::BadScanTime {
                    text: "2026-13-45 10:00".into()
                }
            ),
            (
                5,
                BatchProblem::BadCode(AssetCodeProblem::NotPrintableAscii { found: '笔' })
            ),
            (6, BatchProblem::TooLong { chars: 2003 }),
            (7, BatchProblem::BadQuantity { text: "-2".into() }),
        ]
    );
    assert_eq!(
        file.errors[1].message_en(),
        "line 3: quantity \"0\" is not a whole number from 1 to 1000000"
    );
    assert_eq!(
        file.errors[1].message_zh(),
        "第 3 行：数量 \"0\" 不是 1 到 1000000 之间的整数"
    );
}

#[test]
fn gbk_file_from_a_chinese_windows_tool() {
    let (bytes, _, _) = encoding_rs::GBK.encode("资产编码,数量\r\nZC-1,2\r\nZC-2,1\r\n");
    let file = parse_batch(&bytes);
    assert_eq!(file.encoding, TextEncoding::Gb18030);
    assert_eq!(file.header_line, Some(1));
    assert_eq!(codes(&file), [(2, "ZC-1"), (3, "ZC-2")]);
    assert_eq!(file.entries[0].quantity, Some(2));
}

#[test]
fn utf16_file_saved_as_unicode_by_notepad() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "编码\r\nZC-1\r\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let file = parse_batch(&bytes);
    assert_eq!(file.encoding, TextEncoding::Utf16Le);
    assert_eq!(codes(&file), [(2, "ZC-1")]);
}

#[test]
fn cr_only_line_endings() {
    assert_eq!(
        codes(&parse_batch(b"ZC-1\rZC-2\r")),
        [(1, "ZC-1"), (2, "ZC-2")]
    );
}

#[test]
fn undecodable_bytes_reject_their_line_only() {
    // 0xFF is invalid in UTF-8 and in GB18030.
    let file = parse_batch(b"ZC-1\nZC-\xFF2\nZC-3\n");
    assert_eq!(codes(&file), [(1, "ZC-1"), (3, "ZC-3")]);
    assert_eq!(
        file.errors,
        [BatchLineError {
            line: 2,
            problem: BatchProblem::Undecodable
        }]
    );
}

#[test]
fn empty_and_blank_files_have_nothing() {
    for bytes in [&b""[..], b"\n\n", b"\xEF\xBB\xBF", b"   \r\n\t\r\n"] {
        let file = parse_batch(bytes);
        assert!(
            file.entries.is_empty() && file.errors.is_empty(),
            "{bytes:?}"
        );
    }
}

#[test]
fn reads_a_file_from_disk_and_names_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pda.txt");
    std::fs::write(&path, "ZC-1\nZC-2\n").unwrap();
    assert_eq!(read_batch_file(&path).unwrap().entries.len(), 2);

    let err = read_batch_file(dir.path().join("missing.txt")).unwrap_err();
    assert!(matches!(err, ScanError::ReadFile { .. }));
    assert_eq!(err.code(), "io");
    assert!(err.message_zh().starts_with("无法读取文件"));
}

#[test]
fn per_line_location_and_time_with_or_without_a_header() {
    let file = parse_batch("ZC-1,301室,2026-11-23 10:15:00\nZC-2,2026-11-23 10:16:00\nZC-3\t财务室\n".as_bytes());
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let got: Vec<_> = file.entries.iter().map(|e| (e.code.as_str(), e.location.as_deref(), e.scanned_at)).collect();
    assert_eq!(got, [("ZC-1", Some("301室"), at(10, 15, 0)), ("ZC-2", None, at(10, 16, 0)), ("ZC-3", Some("财务室"), None)]);
    let file = parse_batch("扫描时间,存放地点,条码\n2026-11-23 10:15:00,301室,ZC-1\n".as_bytes());
    assert_eq!(file.entries[0].location.as_deref(), Some("301室"));
    assert_eq!(file.entries[0].scanned_at, at(10, 15, 0));
}

#[test]
fn a_hand_filled_counted_column_counts_the_lines_marked_found() {
    let text = "资产编码,资产名称,账面位置,实盘,实盘位置\nZC-1,笔记本,301室,√,301室\nZC-2,笔记本,301室,,\nZC-3,笔记本,301室,0,\nZC-4,保险柜,财务室,是,\nZC-5,椅子,财务室,也许,\n";
    let file = parse_batch(text.as_bytes());
    let got: Vec<_> = file.entries.iter().map(|e| (e.code.as_str(), e.location.as_deref())).collect();
    assert_eq!(got, [("ZC-1", Some("301室")), ("ZC-4", None)]);
    assert_eq!(file.not_counted, 2);
    assert_eq!(file.errors.len(), 1);
    assert_eq!(file.errors[0].line, 6);
    assert!(file.errors[0].message_zh().contains("实盘标记"), "{}", file.errors[0].message_zh());
}
