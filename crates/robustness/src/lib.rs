//! Hostile input, one function per parser: each takes arbitrary bytes and panics only
//! when a promise is broken. The promises: nothing panics; a rejection is an error
//! with a message in both languages (never an empty or generic one); parsing changes
//! nothing on disk. The cargo-fuzz targets in `fuzz/` call these, and so does the
//! stable test `tests/corpora.rs` over the committed corpora (`fuzz/corpus/<target>/`)
//! and mutations of them, so `cargo test` keeps every input ever found.

use std::io::Write;

use ledger::Lang;

/// The targets, as named in `fuzz/fuzz_targets/` and `fuzz/corpus/`.
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("import_sheet", import_sheet),
    ("scanner_framing", scanner_framing),
    ("batch_file", batch_file),
    ("label_template", label_template),
    ("label_content", label_content),
    ("backup_file", backup_file),
];

fn said(what: &str, en: &str, zh: &str) {
    assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{what}: a rejection without a message (en {en:?}, zh {zh:?})");
}

/// The spreadsheet importer: XLSX, XLS or CSV bytes (told apart as a file's name would), planned in memory.
pub fn import_sheet(data: &[u8]) {
    let name = match data {
        [b'P', b'K', ..] => "旧台账.xlsx",
        [0xD0, 0xCF, 0x11, 0xE0, ..] => "旧台账.xls",
        _ => "旧台账.csv",
    };
    match exchange::plan_import_bytes(data.to_vec(), name, &exchange::ImportOptions::default()) {
        Ok(plan) => {
            for e in &plan.report.errors {
                assert!(e.row >= 1, "spreadsheet rows start at 1");
                said("import row", &e.message_en, &e.message_zh);
            }
            assert!(plan.report.valid_rows == plan.rows.len(), "valid rows are the planned rows");
        }
        Err(e) => {
            let e = ledger::Error::from(e);
            said("import", e.message(Lang::En), e.message(Lang::ZhCn));
        }
    }
}

/// Serial framing: the options come from the first byte; the stream is cut into chunks
/// at places the data chooses, and must frame exactly as when it arrives whole.
pub fn scanner_framing(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else { return };
    let options = scanner::FramingOptions {
        terminators: [scanner::Terminators::ALL, scanner::Terminators::LINE_ENDINGS, scanner::Terminators::ALL][usize::from(first % 3)],
        strip_aim_id: first & 4 != 0,
        check_asset_code: first & 8 != 0,
        prefix: if first & 16 != 0 { "\u{2}".into() } else { String::new() },
        suffix: if first & 32 != 0 { "\u{3}".into() } else { String::new() },
        max_line_bytes: if first & 64 != 0 { 16 } else { scanner::DEFAULT_MAX_LINE_BYTES },
    };
    let mut whole = scanner::Framer::new(options.clone());
    let mut expected = whole.push(rest);
    expected.extend(whole.finish());
    let mut pieces = scanner::Framer::new(options);
    let mut got = Vec::new();
    let mut at = 0;
    for (i, &b) in rest.iter().enumerate() {
        if b % 7 == 0 || i == rest.len() - 1 {
            got.extend(pieces.push(&rest[at..=i]));
            at = i + 1;
        }
    }
    got.extend(pieces.finish());
    assert_eq!(got, expected, "framing depends on how the bytes were split into reads");
    for frame in &got {
        match frame {
            scanner::Frame::Scan(code) => assert!(!code.is_empty(), "an empty scan was accepted"),
            scanner::Frame::Rejected { reason, raw_preview } => {
                said("scan", &reason.message_en(), &reason.message_zh());
                assert!(raw_preview.chars().count() <= 200, "the preview of a rejected line is bounded");
            }
        }
    }
}

/// PDA / batch scanner files.
pub fn batch_file(data: &[u8]) {
    let file = scanner::parse_batch(data);
    for e in &file.errors {
        assert!(e.line >= 1, "line numbers start at 1");
        said("batch line", &e.message_en(), &e.message_zh());
    }
    for entry in &file.entries {
        assert!(entry.line >= 1 && !entry.code.trim().is_empty(), "a batch entry without a code: {entry:?}");
    }
}

fn render_all(template: &labels::Template, data: &[labels::LabelData]) {
    for format in [labels::Format::Pdf, labels::Format::Zpl, labels::Format::Tspl] {
        match labels::render(format, template, data, &labels::PdfOptions::default(), &labels::PrinterSettings::default()) {
            Ok(bytes) => assert!(!bytes.is_empty(), "{format:?} rendered nothing"),
            Err(e) => assert!(!e.to_string().trim().is_empty(), "a label refusal without a message"),
        }
    }
}

/// Label template files (JSON), and rendering whatever parses.
pub fn label_template(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match labels::Template::from_json(&text) {
        Ok(template) => render_all(&template, &[labels::LabelData { name: "联想笔记本电脑".into(), ..labels::LabelData::with_code("ZC-2026-000123") }]),
        Err(e) => assert!(!e.to_string().trim().is_empty(), "a template refusal without a message"),
    }
}

/// Label content: any text in every field, on every built-in template.
pub fn label_content(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.split('\u{0}').map(str::to_string);
    let mut next = || fields.next().unwrap_or_default();
    let label = labels::LabelData {
        code: next(),
        name: next(),
        model: next(),
        dept: next(),
        location: next(),
        acquired: next(),
        org: next(),
        extra: [("custodian".to_string(), next()), ("serial".to_string(), next())].into_iter().collect(),
    };
    let templates = labels::builtins();
    let pick = data.first().map_or(0, |b| usize::from(*b)) % templates.len();
    render_all(&templates[pick], &[label]);
}

/// Backup files: any bytes, sealed with a matching checksum so the database checks run.
pub fn backup_file(data: &[u8]) {
    use sha2::Digest;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("assetdesk-20260101-000000000.sqlite3");
    std::fs::File::create(&file).and_then(|mut f| f.write_all(data)).expect("write");
    let sum: String = sha2::Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(format!("{}.sha256", file.display()), format!("{sum}  x\n")).expect("write");
    match ledger::verify_backup(&file) {
        Ok(info) => assert!(info.schema >= 1, "a backup without a schema verified"),
        Err(e) => {
            assert!(matches!(e.code, ledger::ErrorCode::InvalidInput | ledger::ErrorCode::NewerSchema), "{:?}: {e}", e.code);
            said("backup", e.message(Lang::En), e.message(Lang::ZhCn));
        }
    }
    assert_eq!(std::fs::read(&file).expect("read"), data, "verifying a backup never changes it");
}
