//! hayro's pages against poppler's (pdftoppm) for our own PDFs: the same size, and the
//! same ink in the same places, Chinese text (the embedded font subset) included. This
//! is what the preview shows and what the Windows path prints.

mod common;

use std::process::Command;
use std::sync::atomic::AtomicBool;

use sysprint::{page_count, page_size_mm, render_pages, Document, PrintError};

const DPI: f64 = 100.0;

/// Gray levels of poppler's rendering of one page.
fn poppler_gray(pdf: &[u8], page: usize) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let n = (page + 1).to_string();
    let out = Command::new("pdftoppm")
        .args(["-r", "100", "-gray", "-singlefile", "-f", &n, "-l", &n])
        .arg(&input)
        .arg(dir.path().join("p"))
        .output()
        .expect("pdftoppm (Debian: poppler-utils)");
    assert!(out.status.success());
    let bytes = std::fs::read(dir.path().join("p.pgm")).unwrap();
    let header: Vec<&[u8]> = bytes.splitn(5, |b| b.is_ascii_whitespace()).collect();
    let (w, h): (usize, usize) = (
        std::str::from_utf8(header[1]).unwrap().parse().unwrap(),
        std::str::from_utf8(header[2]).unwrap().parse().unwrap(),
    );
    (w, h, bytes[bytes.len() - w * h..].to_vec())
}

/// Dark pixels per band of 20 rows: where the ink is, down the page.
fn ink_profile(width: usize, gray: &[u8]) -> Vec<usize> {
    gray.chunks(width * 20)
        .map(|band| band.iter().filter(|&&g| g < 128).count())
        .collect()
}

#[test]
fn pages_render_like_poppler_renders_them() {
    let pdf = common::report_pdf(60);
    let doc = Document::open(&pdf).unwrap();
    assert_eq!(doc.page_count(), common::pdf_pages(&pdf));
    let (w_mm, h_mm) = doc.page_size_mm(0).unwrap();
    assert!(
        (w_mm - 210.0).abs() < 0.5 && (h_mm - 297.0).abs() < 0.5,
        "A4 portrait: {w_mm} x {h_mm}"
    );
    for page in 0..doc.page_count() {
        let bitmap = doc.render(page, DPI).unwrap();
        let (pw, ph, poppler) = poppler_gray(&pdf, page);
        assert!(
            bitmap.width().abs_diff(pw as u32) <= 1 && bitmap.height().abs_diff(ph as u32) <= 1
        );
        let (w, h) = (
            pw.min(bitmap.width() as usize),
            ph.min(bitmap.height() as usize),
        );
        let ours: Vec<u8> = (0..h)
            .flat_map(|y| (0..w).map(move |x| (y, x)))
            .map(|(y, x)| {
                let i = (y * bitmap.width() as usize + x) * 4;
                let px = &bitmap.rgba()[i..i + 3];
                ((u32::from(px[0]) * 299 + u32::from(px[1]) * 587 + u32::from(px[2]) * 114) / 1000)
                    as u8
            })
            .collect();
        let theirs: Vec<u8> = (0..h)
            .flat_map(|y| poppler[y * pw..y * pw + w].to_vec())
            .collect();
        let (a, b) = (ink_profile(w, &ours), ink_profile(w, &theirs));
        let total: usize = b.iter().sum();
        assert!(
            total > 5_000,
            "page {page} has text to compare ({total} dark pixels)"
        );
        let off: usize = a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y)).sum();
        assert!(
            off * 100 <= total * 15,
            "page {page}: hayro's ink differs from poppler's by {off} of {total} dark pixels"
        );
    }
}

#[test]
fn the_chinese_title_is_drawn_not_left_blank() {
    // The title line alone, rendered: the CJK glyphs come from the PDF's embedded
    // subset (hayro has no system fonts to fall back on).
    let pdf = common::report_pdf(1);
    let bitmap = Document::open(&pdf).unwrap().render(0, DPI).unwrap();
    let (pw, _, poppler) = poppler_gray(&pdf, 0);
    let top_band = |gray: &dyn Fn(usize, usize) -> u8| {
        (0..(25.0 / 25.4 * DPI) as usize)
            .flat_map(|y| (0..pw.min(bitmap.width() as usize)).map(move |x| (x, y)))
            .filter(|&(x, y)| gray(x, y) < 128)
            .count()
    };
    let ours = top_band(&|x, y| bitmap.rgba()[(y * bitmap.width() as usize + x) * 4]);
    let theirs = top_band(&|x, y| poppler[y * pw + x]);
    assert!(theirs > 300, "poppler draws the heading ({theirs})");
    assert!(
        ours * 10 >= theirs * 8 && ours * 10 <= theirs * 12,
        "heading ink: hayro {ours}, poppler {theirs}"
    );
}

#[test]
fn every_page_renders_with_progress_and_stops_when_cancelled() {
    let pdf = common::report_pdf(120);
    let total = page_count(&pdf).unwrap();
    let mut seen = Vec::new();
    let pages = render_pages(&pdf, 30.0, &AtomicBool::new(false), &mut |done, of| {
        seen.push((done, of))
    })
    .unwrap();
    assert_eq!(pages.len(), total);
    assert_eq!(seen.last(), Some(&(total, total)));
    assert!(pages
        .into_iter()
        .next()
        .unwrap()
        .png()
        .unwrap()
        .starts_with(b"\x89PNG"));
    let cancelled = render_pages(&pdf, 30.0, &AtomicBool::new(true), &mut |_, _| {});
    assert!(matches!(cancelled, Err(PrintError::Cancelled)));
    assert!(
        page_size_mm(&pdf, total).is_err(),
        "asking past the last page is an error"
    );
    assert_eq!(
        page_count(b"%PDF-1.4 nonsense").unwrap_err().code(),
        "bad_pdf"
    );
}
