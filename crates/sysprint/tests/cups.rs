//! Against a real cupsd of the test's own (CUPS_SERVER points `lp`/`lpstat` at it):
//! the printer list, and PDF jobs arriving at a raw printer port as the very PDF.

mod common;

use std::process::Command;
use std::time::Duration;

use std::sync::atomic::{AtomicBool, Ordering};

use sysprint::{
    installed_printers, print_pdf, held_jobs, jobs_titled, print_pdf_with, resolve, PrintError,
    PrintOptions, PrinterState, Target,
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

/// The jobs CUPS has not finished on `queue` (`lpstat -o`), one line each.
fn not_completed(site: &Site, queue: &str) -> String {
    let out = Command::new("lpstat")
        .arg("-h")
        .arg(site.cupsd.server())
        .args(["-W", "not-completed", "-o", queue])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn progress_follows_the_pdf_into_cups_and_ends_at_every_page() {
    let site = site();
    let pdf = report_pdf(1500);
    let pages = pdf_pages(&pdf);
    let target = resolve(&on(&site, "reports")).unwrap();
    let mut seen = Vec::new();
    let submitted = print_pdf_with(
        &target,
        &pdf,
        &PrintOptions::default(),
        &AtomicBool::new(false),
        &mut |done, total| seen.push((done, total)),
    )
    .unwrap();
    assert_eq!(submitted.pages, pages);
    assert!(seen.iter().all(|&(_, total)| total == pages), "{seen:?}");
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back: {seen:?}"
    );
    assert_eq!(seen.first(), Some(&(0, pages)), "{seen:?}");
    assert!(
        seen.iter().any(|&(done, _)| done > 0 && done < pages),
        "the bar moves while the PDF ({} bytes) goes in: {seen:?}",
        pdf.len()
    );
    assert_eq!(seen.last(), Some(&(pages, pages)), "{seen:?}");
    let job = site.reports.next_job(ARRIVAL).expect("the job arrives");
    assert_eq!(split_pdfs(&job), [&pdf[..]]);
}

#[test]
fn a_cancel_while_the_pdf_goes_in_leaves_nothing_to_print() {
    let site = site();
    let big = report_pdf(20_000);
    assert!(
        big.len() > 512 * 1024,
        "the PDF ({} bytes) is far more than the first feed",
        big.len()
    );
    let target = resolve(&on(&site, "office")).unwrap();
    let mut options = PrintOptions::default();
    options.job_name = "资产明细账 2026-12 （全部部门，含已报废资产）".into();
    let cancel = AtomicBool::new(false);
    // The clerk presses 取消 a quarter of the way in: far more than the pipe holds, so
    // lp has opened its job on the server and is streaming into it.
    let err = print_pdf_with(&target, &big, &options, &cancel, &mut |done, total| {
        if done * 4 >= total {
            cancel.store(true, Ordering::SeqCst)
        }
    })
    .unwrap_err();
    assert!(matches!(err, PrintError::Cancelled), "{err:?}");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(
        not_completed(&site, "office"),
        "",
        "the unfinished job lp had opened is withdrawn"
    );
    // The next job is the first and only thing the printer gets.
    let small = report_pdf(3);
    print_pdf(&target, &small, &PrintOptions::default()).unwrap();
    let job = site.office.next_job(ARRIVAL).expect("the next job arrives");
    assert_eq!(split_pdfs(&job), [&small[..]]);
}

#[test]
fn held_jobs_are_found_by_title_even_when_lpq_cuts_it() {
    let listing = "office is ready and printing\n\n\
root: active                            [job 7 localhost]\n\
        领用单 LY-2026-0001                   53120 bytes\n\n\
root: 1st                               [job 8 localhost]\n\
        领用单 LY-2026-0001                   0 bytes\n\n\
root: 2nd                               [job 9 localhost]\n\
        资产明细账 2026-12 （全部部\u{FFFD} 81920 bytes\n\n\
root: 3rd                               [job 10 localhost]\n\
        调拨单 DB-2026-0002                   0 bytes\n";
    assert_eq!(jobs_titled(listing, "领用单 LY-2026-0001"), [7, 8]);
    assert_eq!(jobs_titled(listing, "资产明细账 2026-12 （全部部门，含已报废资产）"), [9]);
    assert!(jobs_titled(listing, "领用单").is_empty());
    let states = "office-7                root             53120   Mon Dec  7 15:11:39 2026\n\
\tStatus: Sending data to printer.\n\
\tAlerts: job-printing\n\
\tqueued for office\n\
office-8                root                 0   Mon Dec  7 15:11:40 2026\n\
\tAlerts: job-incoming job-hold-until-specified\n\
\tqueued for office\n\
财务部-9               root             81920   Mon Dec  7 15:11:41 2026\n\
\tAlerts: job-hold-until-specified\n";
    assert_eq!(held_jobs(states), [8, 9], "the printing job 7 is not held: a cancel leaves it alone");
}
