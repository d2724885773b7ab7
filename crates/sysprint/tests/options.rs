//! The pure parts: reading lpstat, target spellings and checks, and how job options map
//! onto `lp` and the Windows DEVMODE.

use sysprint::{
    lp_options, parse_lpstat, resolve_in, spooler_state, DevModeFields, Orientation, Paper,
    PrintError, PrintOptions, Printer, PrinterState, Target,
};

const LPSTAT: &str = "scheduler is running
system default destination: office
printer 标签机 disabled since Sun Dec  6 19:54:39 2026 -
\treason unknown
printer empty is idle.  enabled since Sun Dec  6 19:54:47 2026
printer office now printing office-7.  enabled since Sun Dec  6 19:54:39 2026
\tmedia-empty-warning
标签机 not accepting requests since Sun Dec  6 19:54:39 2026 -
\tPaused for maintenance
empty accepting requests since Sun Dec  6 19:54:47 2026
office accepting requests since Sun Dec  6 19:54:39 2026
";

fn printers() -> Vec<Printer> {
    parse_lpstat(LPSTAT, "标签机\nempty\noffice\nHP_LaserJet_Driverless\n")
}

#[test]
fn lpstat_output_becomes_the_printer_list() {
    let list = printers();
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["标签机", "empty", "office", "HP_LaserJet_Driverless"]
    );
    let office = &list[2];
    assert!(office.is_default && office.accepting);
    assert_eq!(office.state, PrinterState::Printing);
    assert_eq!(office.id, "cups:office");
    assert_eq!(office.message.as_deref(), Some("media-empty-warning"));
    let label = &list[0];
    assert_eq!(label.state, PrinterState::Stopped);
    assert!(!label.accepting && !label.is_default);
    // "reason unknown" says nothing; the not-accepting reason does.
    assert_eq!(label.message.as_deref(), Some("Paused for maintenance"));
    assert_eq!(list[1].state, PrinterState::Idle);
    // Known only to `lpstat -e` (a driverless printer found on the network).
    assert_eq!(list[3].state, PrinterState::Unknown);
    assert!(list[3].accepting);
    assert_eq!(list.iter().filter(|p| p.is_default).count(), 1);
}

#[test]
fn no_printers_and_no_default_is_an_empty_list() {
    let list = parse_lpstat("scheduler is running\nno system default destination\n", "");
    assert!(list.is_empty());
}

#[test]
fn targets_parse_and_print_back() {
    let cases = [
        ("office", Target::Installed("office".into())),
        (
            "HP LaserJet M1005",
            Target::Installed("HP LaserJet M1005".into()),
        ),
        (
            "winspool:HP LaserJet M1005",
            Target::Installed("HP LaserJet M1005".into()),
        ),
        (
            "cups:office",
            Target::Cups {
                queue: "office".into(),
                server: None,
            },
        ),
        (
            "cups:财务部打印机",
            Target::Cups {
                queue: "财务部打印机".into(),
                server: None,
            },
        ),
        (
            "cups://127.0.0.1:6310/office",
            Target::Cups {
                queue: "office".into(),
                server: Some("127.0.0.1:6310".into()),
            },
        ),
        ("file:/tmp/slip.pdf", Target::File("/tmp/slip.pdf".into())),
        ("file:///tmp/slip.pdf", Target::File("/tmp/slip.pdf".into())),
    ];
    for (text, want) in cases {
        let got: Target = text.parse().unwrap();
        assert_eq!(got, want, "{text}");
        if !matches!(want, Target::Installed(_)) {
            assert_eq!(got.to_string().parse::<Target>().unwrap(), want);
        }
    }
    for bad in [
        "",
        "  ",
        "cups:",
        "cups:my queue",
        "cups://nohost",
        "file:",
        "winspool:",
        "tcp://10.0.0.5:9100",
    ] {
        let err = bad.parse::<Target>().unwrap_err();
        assert_eq!(err.code(), "bad_printer_uri", "{bad}");
        assert!(
            err.message_zh().contains("无法识别打印机地址"),
            "{}",
            err.message_zh()
        );
    }
    let tcp = "tcp://10.0.0.5:9100".parse::<Target>().unwrap_err();
    assert!(
        tcp.message_en().contains("install the office printer"),
        "{}",
        tcp.message_en()
    );
}

#[test]
fn an_unknown_printer_is_refused_with_the_installed_ones() {
    let list = printers();
    assert_eq!(
        resolve_in("office", &list).unwrap(),
        Target::Installed("office".into())
    );
    assert_eq!(
        resolve_in("OFFICE", &list).unwrap(),
        Target::Installed("office".into())
    );
    assert_eq!(
        resolve_in("cups:office", &list).unwrap(),
        Target::Cups {
            queue: "office".into(),
            server: None
        }
    );
    // Another server and files are not in this computer's list: taken as given.
    assert!(resolve_in("cups://print.local:631/x", &list).is_ok());
    assert!(resolve_in("file:/tmp/x.pdf", &list).is_ok());
    let err = resolve_in("Canon", &list).unwrap_err();
    assert!(matches!(&err, PrintError::UnknownPrinter { given, .. } if given == "Canon"));
    assert_eq!(err.code(), "unknown_printer");
    assert_eq!(
        err.message_en(),
        "printer \"Canon\" is not installed; installed printers: 标签机, empty, office, HP_LaserJet_Driverless"
    );
    assert_eq!(
        err.message_zh(),
        "未安装名为“Canon”的打印机；已安装的打印机：标签机、empty、office、HP_LaserJet_Driverless"
    );
    let none = resolve_in("cups:office", &[]).unwrap_err();
    assert!(
        none.message_zh().ends_with("已安装的打印机：无"),
        "{}",
        none.message_zh()
    );
}

#[test]
fn copies_out_of_range_are_refused() {
    for copies in [0, 1000] {
        let err = PrintOptions::copies(copies).check().unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(
            err.message_zh().contains("份数必须在 1 到 999 之间"),
            "{}",
            err.message_zh()
        );
    }
    assert!(PrintOptions::copies(999).check().is_ok());
}

const A4: (f64, f64) = (210.0, 297.0);
const A4_LANDSCAPE: (f64, f64) = (297.0, 210.0);
const A5_LANDSCAPE: (f64, f64) = (210.0, 148.0);

#[test]
fn lp_gets_copies_title_and_the_pdfs_paper() {
    let mut options = PrintOptions::copies(2);
    options.job_name = "领用单 LY-2026-0001".into();
    assert_eq!(
        lp_options(&options, A5_LANDSCAPE),
        [
            "-n",
            "2",
            "-t",
            "领用单 LY-2026-0001",
            "-o",
            "media=A5",
            "-o",
            "collate=true"
        ]
    );
    // A landscape page is turned by CUPS itself: no orientation unless it differs.
    let mut one = PrintOptions::copies(1);
    assert_eq!(
        lp_options(&one, A4_LANDSCAPE),
        ["-n", "1", "-t", "AssetDesk", "-o", "media=A4"]
    );
    one.orientation = Some(Orientation::Landscape);
    assert_eq!(lp_options(&one, A4_LANDSCAPE).len(), 6);
    one.orientation = Some(Orientation::Landscape);
    assert_eq!(
        lp_options(&one, A4)[6..],
        ["-o".to_string(), "orientation-requested=4".to_string()]
    );
    one.paper = Some(Paper::A5);
    assert!(lp_options(&one, A4).contains(&"media=A5".to_string()));
}

#[test]
fn the_devmode_follows_the_pdf_or_the_choice() {
    let auto = PrintOptions::default();
    assert_eq!(
        DevModeFields::for_job(&auto, A5_LANDSCAPE),
        DevModeFields {
            fields: 0x3,
            orientation: 2,
            paper_size: 11
        }
    );
    assert_eq!(
        DevModeFields::for_job(&auto, A4),
        DevModeFields {
            fields: 0x3,
            orientation: 1,
            paper_size: 9
        }
    );
    assert_eq!(DevModeFields::for_job(&auto, A4_LANDSCAPE).orientation, 2);
    // A page of another size goes on A4.
    assert_eq!(DevModeFields::for_job(&auto, (100.0, 150.0)).paper_size, 9);
    let chosen = PrintOptions {
        paper: Some(Paper::A5),
        orientation: Some(Orientation::Portrait),
        ..PrintOptions::default()
    };
    assert_eq!(
        DevModeFields::for_job(&chosen, A4_LANDSCAPE),
        DevModeFields {
            fields: 0x3,
            orientation: 1,
            paper_size: 11
        }
    );
    assert_eq!(Paper::of_page(209.9, 297.1), Some(Paper::A4));
    assert_eq!(Paper::of_page(148.0, 210.0), Some(Paper::A5));
    assert_eq!(Paper::of_page(216.0, 279.0), None); // US Letter
}

#[test]
fn spooler_status_bits_read_as_states() {
    assert_eq!(spooler_state(0, 0), (PrinterState::Idle, true, None));
    assert_eq!(spooler_state(0x400, 0).0, PrinterState::Printing);
    assert_eq!(
        spooler_state(0x1, 0),
        (PrinterState::Stopped, true, Some("paused".into()))
    );
    assert_eq!(
        spooler_state(0x80, 0),
        (PrinterState::Offline, true, Some("offline".into()))
    );
    assert_eq!(spooler_state(0, 0x400).0, PrinterState::Offline);
    assert_eq!(
        spooler_state(0x10 | 0x2, 0),
        (
            PrinterState::Error,
            true,
            Some("out of paper, error".into())
        )
    );
    assert!(!spooler_state(0x4, 0).1, "pending deletion takes no jobs");
}
