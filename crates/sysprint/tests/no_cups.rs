//! No scheduler at CUPS_SERVER: the list and jobs are refused saying CUPS is not running
//! (not an empty list, which would read as "no printers installed").

mod common;

use sysprint::{installed_printers, print_pdf, resolve, PrintOptions, Target};

#[test]
fn without_a_scheduler_the_clerk_is_told_cups_is_not_running() {
    let port = test_cups::free_port(); // nothing listens there
    std::env::set_var(sysprint::CUPS_SERVER_ENV, format!("127.0.0.1:{port}"));
    let err = installed_printers().unwrap_err();
    assert_eq!(err.code(), "cups_unavailable");
    assert!(
        err.message_en()
            .contains(&format!("not running at 127.0.0.1:{port}")),
        "{}",
        err.message_en()
    );
    assert!(
        err.message_zh().starts_with("CUPS 打印服务不可用"),
        "{}",
        err.message_zh()
    );
    assert!(
        err.message_zh().contains("apt-get install cups"),
        "{}",
        err.message_zh()
    );
    assert_eq!(resolve("office").unwrap_err().code(), "cups_unavailable");

    let pdf = common::report_pdf(1);
    let target = Target::Cups {
        queue: "office".into(),
        server: None,
    };
    let err = print_pdf(&target, &pdf, &PrintOptions::default()).unwrap_err();
    assert_eq!(err.code(), "cups_unavailable", "{err}");
}
