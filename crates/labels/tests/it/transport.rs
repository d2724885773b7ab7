//! Transports against real endpoints: a TCP listener standing in for a printer's raw
//! port 9100, a file, and a private cupsd with a raw queue.

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use labels::{builtin, render_zpl, send, LabelError, PrinterSettings, PrinterUri, DEFAULT_TIMEOUT};

use test_cups::start_cupsd;

use crate::common::{sample, tool_exists};

fn zpl_job() -> Vec<u8> {
    let t = builtin("50x30-code128").unwrap();
    render_zpl(
        &t,
        &[sample("ZC-2026-00012"), sample("ZC-2026-00013")],
        &PrinterSettings::default(),
    )
    .unwrap()
}

/// Accepts connections and hands back, per connection, everything received until the
/// peer closes.
fn sink(listener: TcpListener) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut received = Vec::new();
            stream.unwrap().read_to_end(&mut received).unwrap();
            if tx.send(received).is_err() {
                return;
            }
        }
    });
    rx
}

#[test]
fn tcp_delivers_the_exact_bytes() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = sink(listener);
    let job = zpl_job();
    let uri: PrinterUri = format!("tcp://127.0.0.1:{port}").parse().unwrap();
    send(&uri, &job, DEFAULT_TIMEOUT).unwrap();
    assert_eq!(received.recv_timeout(Duration::from_secs(10)).unwrap(), job);
}

#[test]
fn a_refused_connection_names_host_and_port() {
    // Bind then release a port so nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let uri = PrinterUri::Tcp {
        host: "127.0.0.1".into(),
        port,
    };
    let err = send(&uri, b"^XA^XZ", Duration::from_secs(2)).unwrap_err();
    assert!(matches!(err, LabelError::Connect { .. }), "{err:?}");
    assert!(
        err.message_en().contains(&format!("127.0.0.1:{port}")),
        "{}",
        err.message_en()
    );
    assert!(
        err.message_zh()
            .contains(&format!("无法连接打印机 127.0.0.1:{port}")),
        "{}",
        err.message_zh()
    );
    assert_eq!(err.code(), "printer_unreachable");
}

#[test]
fn a_printer_that_stops_reading_times_out_with_a_clear_error() {
    // Listening but never reading: the kernel accepts the connection, the socket
    // buffers fill, and the write must give up after the timeout, not hang.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let job = vec![b'A'; 64 << 20];
    let started = Instant::now();
    let err = send(
        &PrinterUri::Tcp {
            host: "127.0.0.1".into(),
            port,
        },
        &job,
        Duration::from_secs(1),
    )
    .unwrap_err();
    assert!(matches!(err, LabelError::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        err.message_en().contains(&format!("127.0.0.1:{port}")),
        "{}",
        err.message_en()
    );
    assert_eq!(err.code(), "printer_timeout");
    drop(listener);
}

#[test]
fn file_transport_writes_the_exact_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lp0");
    let job = zpl_job();
    send(
        &format!("file:{}", path.display()).parse().unwrap(),
        &job,
        DEFAULT_TIMEOUT,
    )
    .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), job);
    let err = send(
        &PrinterUri::File(dir.path().join("no/such/dir/lp0")),
        &job,
        DEFAULT_TIMEOUT,
    )
    .unwrap_err();
    assert_eq!(err.code(), "io");
    assert!(err.message_en().contains("no/such/dir/lp0"));
}

#[test]
fn printer_uris_parse_and_print_back() {
    let cases = [
        (
            "tcp://192.168.1.50:9100",
            PrinterUri::Tcp {
                host: "192.168.1.50".into(),
                port: 9100,
            },
        ),
        (
            "tcp://zebra.local",
            PrinterUri::Tcp {
                host: "zebra.local".into(),
                port: 9100,
            },
        ),
        (
            "tcp://[::1]:9101",
            PrinterUri::Tcp {
                host: "::1".into(),
                port: 9101,
            },
        ),
        (
            "cups:Zebra_GK420",
            PrinterUri::Cups {
                queue: "Zebra_GK420".into(),
                server: None,
            },
        ),
        (
            "cups://127.0.0.1:6310/labels",
            PrinterUri::Cups {
                queue: "labels".into(),
                server: Some("127.0.0.1:6310".into()),
            },
        ),
        ("file:/dev/usb/lp0", PrinterUri::File("/dev/usb/lp0".into())),
        (
            "winspool:ZDesigner GK888t",
            PrinterUri::WindowsSpooler("ZDesigner GK888t".into()),
        ),
    ];
    for (text, uri) in cases {
        let parsed: PrinterUri = text.parse().unwrap();
        assert_eq!(parsed, uri, "{text}");
        assert_eq!(parsed.to_string().parse::<PrinterUri>().unwrap(), uri);
    }
    for bad in [
        "",
        "lpt1",
        "tcp://host:notaport",
        "tcp://:9100",
        "cups:",
        "cups:my queue",
        "file:",
        "http://x",
    ] {
        let err = bad.parse::<PrinterUri>().unwrap_err();
        assert_eq!(err.code(), "bad_printer_uri", "{bad}");
        assert!(err.message_zh().contains("无法识别打印机地址"));
    }
}

#[cfg(not(windows))]
#[test]
fn the_windows_spooler_is_a_clear_error_elsewhere() {
    let err = send(
        &PrinterUri::WindowsSpooler("ZDesigner".into()),
        b"x",
        DEFAULT_TIMEOUT,
    )
    .unwrap_err();
    assert_eq!(err.code(), "unsupported");
    assert!(err.message_en().contains("Windows spooler"));
}

#[test]
fn cups_raw_queue_delivers_zpl_and_tspl_bytes_exactly() {
    if !tool_exists("cupsd") || !tool_exists("lp") {
        eprintln!(
            "SKIPPED cups_raw_queue_delivers_zpl_and_tspl_bytes_exactly: cupsd or lp not installed \
             (Debian: apt-get install cups-daemon cups-client)"
        );
        return;
    }
    let printer = TcpListener::bind("127.0.0.1:0").unwrap();
    let printer_port = printer.local_addr().unwrap().port();
    let received = sink(printer);
    let cupsd = start_cupsd("labels", &format!("socket://127.0.0.1:{printer_port}"));
    let job = zpl_job();
    let uri: PrinterUri = format!("cups://127.0.0.1:{}/labels", cupsd.port)
        .parse()
        .unwrap();
    send(&uri, &job, DEFAULT_TIMEOUT).unwrap();
    let got = received
        .recv_timeout(Duration::from_secs(30))
        .expect("the CUPS socket backend delivered the job");
    assert_eq!(got, job);

    // TSPL with GBK text and a native BARCODE arrives untouched too (a raw queue; the
    // socket backend opens a new connection per job).
    let tspl = labels::render_tspl(&builtin("50x30-code128").unwrap(), &[sample("ZC-2026-00012")], &PrinterSettings::default()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("联想笔记本电脑");
    assert!(tspl.windows(gbk.len()).any(|w| w == &gbk[..]));
    send(&uri, &tspl, DEFAULT_TIMEOUT).unwrap();
    let got = received.recv_timeout(Duration::from_secs(30)).expect("the TSPL job arrived");
    assert_eq!(got, tspl);

    // An unknown queue is refused by CUPS with its own words.
    let uri: PrinterUri = format!("cups://127.0.0.1:{}/nosuchqueue", cupsd.port)
        .parse()
        .unwrap();
    let err = send(&uri, &job, DEFAULT_TIMEOUT).unwrap_err();
    assert!(
        matches!(&err, LabelError::Cups { queue, .. } if queue == "nosuchqueue"),
        "{err:?}"
    );
    assert!(
        err.message_en().contains("does not exist"),
        "{}",
        err.message_en()
    );
}
