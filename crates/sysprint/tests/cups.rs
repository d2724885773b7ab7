//! Against a real cupsd of the test's own (CUPS_SERVER points `lp`/`lpstat` at it):
//! the printer list, and PDF jobs arriving at a raw printer port as the very PDF.

mod common;

use std::process::Command;
use std::time::Duration;

use sysprint::{
    installed_printers, print_pdf, resolve, PrintError, PrintOptions, PrinterState, Target,
};
use test_cups::{split_pdfs, Cupsd, Queue, RawPrinter};

use common::{pdf_pages, pdftotext, report_pdf};

struct Site {
    cupsd: Cupsd,
    office: RawPrinter,
    reports: RawPrinter,
}

/// A cupsd of the test's own (dropped, so stopped, when the test ends). Only one test
/// sets CUPS_SERVER (the list and names need it); the others name the server in the
/// target (`cups://HOST:PORT/QUEUE`), so parallel tests never share state.
fn site() -> Site {
    let office = RawPrinter::start();
    let reports = RawPrinter::start();
    let cupsd = Cupsd::start(&[
        Queue::new("office", &office.device_uri()).default(),
        Queue::new("reports", &reports.device_uri()),
        Queue::new("财务部", "file:///dev/null").stopped(),
        Queue::new("closed", "file:///dev/null").rejecting(),
        Queue::new("held", "file:///dev/null").stopped(),
    ]);
    Site {
        cupsd,
        office,
        reports,
    }
}

fn on(site: &Site, queue: &str) -> String {
    format!("cups://{}/{queue}", site.cupsd.server())
}

const ARRIVAL: Duration = Duration::from_secs(30);

#[test]
fn the_installed_list_names_and_the_default_come_from_cups_server() {
    let site = site();
    // The one test that sets CUPS_SERVER (no other test in this binary reads it).
    std::env::set_var(sysprint::CUPS_SERVER_ENV, site.cupsd.server());
    let printers =
        installed_printers().unwrap_or_else(|e| panic!("{e}: {}", site.cupsd.error_log()));
    let names: Vec<&str> = printers.iter().map(|p| p.name.as_str()).collect();
    for want in ["office", "reports", "财务部", "closed"] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    let default: Vec<&str> = printers
        .iter()
        .filter(|p| p.is_default)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(default, ["office"]);
    let by_name = |n: &str| printers.iter().find(|p| p.name == n).unwrap();
    assert_eq!(by_name("office").id, "cups:office");
    assert_eq!(by_name("office").state, PrinterState::Idle);
    assert!(by_name("office").accepting);
    assert_eq!(by_name("财务部").state, PrinterState::Stopped);
    assert!(!by_name("closed").accepting);
    // A Chinese queue name is a name like any other (CUPS allows it).
    assert_eq!(
        resolve("财务部").unwrap(),
        Target::Installed("财务部".into())
    );
    assert_eq!(
        resolve("cups:reports").unwrap(),
        Target::Cups {
            queue: "reports".into(),
            server: None
        }
    );

    // Printed by name, the job reaches that printer.
    let pdf = report_pdf(5);
    let target = resolve("office").unwrap();
    assert_eq!(target, Target::Installed("office".into()));
    print_pdf(&target, &pdf, &PrintOptions::default()).unwrap();
    let job = site.office.next_job(ARRIVAL).expect("the job arrived");
    assert_eq!(split_pdfs(&job), [&pdf[..]]);

    // A name that is not installed is refused with the ones that are.
    let err = resolve("HP_LaserJet").unwrap_err();
    assert!(
        matches!(&err, PrintError::UnknownPrinter { installed, .. } if installed.contains(&"office".to_string()))
    );
    assert!(
        err.message_en().contains("installed printers: "),
        "{}",
        err.message_en()
    );
}

#[test]
fn a_report_arrives_as_the_same_pdf_once_per_copy() {
    let site = site();
    let pdf = report_pdf(120);
    let pages = pdf_pages(&pdf);
    assert!(pages >= 3, "120 rows take several pages, got {pages}");
    let target = resolve(&on(&site, "reports")).unwrap();
    let mut options = PrintOptions::copies(2);
    options.job_name = "固定资产台账".into();
    let submitted = print_pdf(&target, &pdf, &options).unwrap();
    assert_eq!(submitted.pages, pages);
    assert!(
        submitted
            .job_id
            .as_deref()
            .is_some_and(|id| id.starts_with("reports-")),
        "{submitted:?}"
    );
    let job = site
        .reports
        .next_job(ARRIVAL)
        .unwrap_or_else(|| panic!("no job arrived: {}", site.cupsd.error_log()));
    let copies = split_pdfs(&job);
    assert_eq!(copies.len(), 2, "two copies of the document");
    for copy in copies {
        assert_eq!(
            copy,
            &pdf[..],
            "the printer gets the very PDF that was previewed"
        );
        assert_eq!(pdf_pages(copy), pages);
        let text = pdftotext(copy);
        for want in [
            "华东示范学校",
            "固定资产台账",
            "联想笔记本电脑119",
            "1,235.69",
        ] {
            assert!(text.contains(want), "{want} missing:\n{text}");
        }
    }
}

#[test]
fn refusals_say_which_printer_and_why() {
    let site = site();
    let pdf = report_pdf(1);
    let err = print_pdf(
        &resolve(&on(&site, "closed")).unwrap(),
        &pdf,
        &PrintOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "printer_refused");
    assert!(
        err.message_en().contains("\"closed\"") && err.message_en().contains("not accepting"),
        "{}",
        err.message_en()
    );
    assert!(
        err.message_zh().starts_with("打印机“closed”拒绝了任务"),
        "{}",
        err.message_zh()
    );

    let office = resolve(&on(&site, "office")).unwrap();
    let err = print_pdf(&office, &pdf, &PrintOptions::copies(0)).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err = print_pdf(&office, b"not a pdf", &PrintOptions::default()).unwrap_err();
    assert_eq!(err.code(), "bad_pdf");
    assert!(site.office.next_job(Duration::from_millis(200)).is_none());
}

#[test]
fn a_stopped_queue_keeps_the_job_waiting() {
    let site = site();
    let pdf = report_pdf(1);
    let target = resolve(&on(&site, "held")).unwrap();
    let submitted = print_pdf(&target, &pdf, &PrintOptions::default()).unwrap();
    let id = submitted.job_id.expect("CUPS gives a job id");
    assert!(id.starts_with("held-"), "{id}");
    let out = Command::new("lpstat")
        .arg("-h")
        .arg(site.cupsd.server())
        .args(["-o", "held"])
        .output()
        .unwrap();
    let queued = String::from_utf8_lossy(&out.stdout);
    assert!(
        queued.contains(&id),
        "the job waits in the queue: {queued:?} {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_file_target_gets_the_pdf_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slip.pdf");
    let pdf = report_pdf(2);
    print_pdf(
        &resolve(&format!("file:{}", path.display())).unwrap(),
        &pdf,
        &PrintOptions::default(),
    )
    .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), pdf);
    let err = print_pdf(&Target::File(path), &pdf, &PrintOptions::copies(2)).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}
