//! A printer's state is checked before a paper job is sent (`print_pdf_to`), against a
//! real cupsd: a stopped queue (cupsdisable), one that rejects jobs, one out of paper
//! are refused with what is wrong and nothing reaches the queue; a warning (toner low)
//! lets the job through and comes back with it.

mod common;

use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use sysprint::{print_pdf_to, printer_state, PrintError, PrintOptions, Problem};
use test_cups::{split_pdfs, Cupsd, Queue, RawPrinter};

use common::report_pdf;

const ARRIVAL: Duration = Duration::from_secs(30);

fn print(target: &str, pdf: &[u8]) -> sysprint::Result<(sysprint::Target, sysprint::Submitted)> {
    print_pdf_to(target, pdf, &PrintOptions::default(), &AtomicBool::new(false), &mut |_, _| {})
}

fn queued(cupsd: &Cupsd, queue: &str) -> String {
    let out = Command::new("lpstat").arg("-h").arg(cupsd.server()).args(["-o", queue]).env("LC_ALL", "C").output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn not_ready(err: PrintError) -> (String, Problem, Option<String>) {
    match err {
        PrintError::NotReady { printer, problem, detail } => (printer, problem, detail),
        other => panic!("expected printer_not_ready, got {other:?}"),
    }
}

#[test]
fn a_queue_stopped_with_cupsdisable_is_refused_until_it_is_enabled_again() {
    let office = RawPrinter::start();
    let cupsd = Cupsd::start(&[Queue::new("office", &office.device_uri())]);
    let target = format!("cups://{}/office", cupsd.server());
    let pdf = report_pdf(2);

    let status = Command::new("cupsdisable").arg("-h").arg(cupsd.server()).args(["-r", "纸盒空了", "office"]).status().unwrap();
    assert!(status.success(), "cupsdisable: {}", cupsd.error_log());
    let err = print(&target, &pdf).unwrap_err();
    assert_eq!(err.code(), "printer_not_ready");
    assert!(err.message_en().contains("\"office\" cannot print now: it is stopped"), "{}", err.message_en());
    assert!(err.message_en().contains("纸盒空了"), "the reason given to cupsdisable is passed on: {}", err.message_en());
    assert!(err.message_zh().starts_with("打印机“office”现在无法打印：它已停止"), "{}", err.message_zh());
    let (printer, problem, _) = not_ready(err);
    assert_eq!((printer.as_str(), problem), ("office", Problem::Stopped));
    assert_eq!(queued(&cupsd, "office"), "", "nothing was queued");

    let status = Command::new("cupsenable").arg("-h").arg(cupsd.server()).arg("office").status().unwrap();
    assert!(status.success());
    let (_, submitted) = print(&target, &pdf).unwrap();
    assert!(submitted.warnings.is_empty(), "{:?}", submitted.warnings);
    let job = office.next_job(ARRIVAL).unwrap_or_else(|| panic!("no job: {}", cupsd.error_log()));
    assert_eq!(split_pdfs(&job), [&pdf[..]]);
}

#[test]
fn out_of_paper_and_a_jam_are_refused_toner_low_is_a_warning() {
    let toner = RawPrinter::start();
    let cupsd = Cupsd::start(&[
        Queue::new("empty", "file:///dev/null").reason("media-empty-error"),
        Queue::new("jammed", "file:///dev/null").reason("media-jam-error"),
        Queue::new("closed", "file:///dev/null").rejecting(),
        Queue::new("toner", &toner.device_uri()).reason("toner-low-warning"),
    ]);
    let on = |q: &str| format!("cups://{}/{q}", cupsd.server());
    let pdf = report_pdf(1);

    let (_, state) = printer_state(&on("empty")).unwrap();
    assert_eq!(state.unwrap().reasons, ["media-empty-error"], "the reason CUPS reports is read");
    let err = print(&on("empty"), &pdf).unwrap_err();
    assert!(err.message_zh().contains("缺纸"), "{}", err.message_zh());
    assert!(err.message_en().contains("out of paper"), "{}", err.message_en());
    assert_eq!(not_ready(err).1, Problem::OutOfPaper);
    assert_eq!(queued(&cupsd, "empty"), "");

    assert_eq!(not_ready(print(&on("jammed"), &pdf).unwrap_err()).1, Problem::PaperJam);
    // Not accepting: the UI is told beforehand; the job is refused by CUPS itself.
    let (_, state) = printer_state(&on("closed")).unwrap();
    assert_eq!(sysprint::readiness::problem(&state.unwrap()), Some(Problem::NotAccepting));
    assert_eq!(print(&on("closed"), &pdf).unwrap_err().code(), "printer_refused");

    let (_, submitted) = print(&on("toner"), &pdf).unwrap();
    assert_eq!(submitted.warnings.len(), 1);
    assert_eq!(submitted.warnings[0].words_zh(), "墨粉或墨水不足");
    assert!(toner.next_job(ARRIVAL).is_some(), "the job went through: {}", cupsd.error_log());

    let err = print(&on("nosuch"), &pdf).unwrap_err();
    assert_eq!(err.code(), "unknown_printer");
}

#[test]
fn the_last_printer_is_remembered_per_folder() {
    let dir = tempfile::tempdir().unwrap();
    let memory = sysprint::PrinterMemory::in_dir(dir.path());
    assert_eq!(memory.last(), None);
    memory.remember("cups:office").unwrap();
    assert_eq!(sysprint::PrinterMemory::in_dir(dir.path()).last().as_deref(), Some("cups:office"));
    memory.remember("file:/tmp/x.pdf").unwrap();
    assert_eq!(memory.last().as_deref(), Some("cups:office"), "a file target is a one-off");
}
