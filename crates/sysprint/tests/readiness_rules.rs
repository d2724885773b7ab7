//! The pure readiness rules: lpstat's Alerts read as reasons, the Windows status bits
//! in the same words, and which reasons stop a job (IPP severity) and which only warn.

use sysprint::readiness::{problem, warnings};
use sysprint::{apply_alerts, check_ready, parse_lpstat, spooler_reasons, spooler_state, Printer, Problem};

const LONG: &str = "printer office is idle.  enabled since Sun Dec  6 22:38:46 2026
\tForm mounted:
\tContent types: any
\tDescription: office
\tAlerts: media-empty-error toner-low-warning
\tLocation: 
printer 财务部 disabled since Sun Dec  6 22:38:50 2026 -
\tpaper out
\tForm mounted:
\tAlerts: paused
printer reports is idle.  enabled since Sun Dec  6 22:38:46 2026
\tAlerts: none
";

fn cups_printers() -> Vec<Printer> {
    let status = "scheduler is running\nprinter office is idle.  enabled since x\nprinter 财务部 disabled since x -\n\tpaper out\nprinter reports is idle.  enabled since x\noffice accepting requests since x\n财务部 accepting requests since x\nreports accepting requests since x\n";
    let mut printers = parse_lpstat(status, "");
    apply_alerts(&mut printers, LONG);
    printers
}

fn windows_printer(status: u32) -> Printer {
    let (state, accepting, message) = spooler_state(status, 0);
    Printer { name: "HP LaserJet".into(), id: "winspool:HP LaserJet".into(), is_default: true, state, accepting, message, reasons: spooler_reasons(status) }
}

#[test]
fn alerts_become_reasons_and_severity_decides() {
    let printers = cups_printers();
    let by = |n: &str| printers.iter().find(|p| p.name == n).unwrap();
    assert_eq!(by("office").reasons, ["media-empty-error", "toner-low-warning"]);
    assert!(by("财务部").reasons.is_empty(), "paused is the stopped state, not a reason");
    assert!(by("reports").reasons.is_empty());

    assert_eq!(problem(by("office")), Some(Problem::OutOfPaper));
    assert_eq!(warnings(by("office")).len(), 1);
    assert_eq!(problem(by("财务部")), Some(Problem::Stopped));
    let err = check_ready(by("财务部")).unwrap_err();
    assert_eq!(err.code(), "printer_not_ready");
    assert!(err.message_en().contains("(the printer says: paper out)"), "{}", err.message_en());
    assert!(err.message_zh().contains("（打印机说明：paper out）"), "{}", err.message_zh());
    assert_eq!(check_ready(by("reports")).unwrap(), vec![]);
}

#[test]
fn report_and_warning_reasons_do_not_stop_a_job() {
    let mut p = cups_printers().remove(2);
    p.reasons = vec!["offline-report".into(), "media-low-warning".into(), "cups-waiting-for-job-completed".into()];
    let words: Vec<String> = check_ready(&p).unwrap().iter().map(|w| w.words_zh()).collect();
    assert_eq!(words, ["打印机曾报告脱机，任务可能在队列中等待", "纸张不足"]);
    p.reasons = vec!["door-open".into()];
    assert_eq!(problem(&p), Some(Problem::DoorOpen), "a reason without a suffix is an error");
}

#[test]
fn windows_status_bits_are_judged_by_the_same_rule() {
    assert_eq!(problem(&windows_printer(0)), None);
    assert_eq!(problem(&windows_printer(0x1)), Some(Problem::Stopped));
    assert_eq!(problem(&windows_printer(0x10)), Some(Problem::OutOfPaper));
    assert_eq!(problem(&windows_printer(0x8)), Some(Problem::PaperJam));
    assert_eq!(problem(&windows_printer(0x80)), Some(Problem::Offline));
    assert_eq!(problem(&windows_printer(0x40_0000)), Some(Problem::DoorOpen));
    let low = windows_printer(0x2_0000);
    assert_eq!(problem(&low), None);
    assert_eq!(warnings(&low)[0].words_en(), "toner or ink is low");
}
