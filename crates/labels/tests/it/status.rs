//! The status query before a raw-port or serial job (issue 18): a real TCP listener (and
//! a pty for the serial line) answering as a TSPL or ZPL printer does. Paper out, head
//! open or paused refuse the job before a byte of it is sent; no answer sends it anyway.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use labels::{send_checked, LabelError, PrinterUri, StatusProblem, StatusQuery, StatusSeen, DEFAULT_TIMEOUT, STATUS_TIMEOUT};

const JOB: &[u8] = b"SIZE 50 mm,30 mm\r\nCLS\r\nTEXT 10,10,\"3\",0,1,1,\"A\"\r\nPRINT 1,1\r\n";

/// A printer on a raw port: reads the query (`query_len` bytes), answers `answer` (or
/// nothing), then hands back everything it received until the peer closed.
fn printer(query_len: usize, answer: Option<&'static [u8]>) -> (PrinterUri, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut received = vec![0u8; query_len];
        conn.read_exact(&mut received).unwrap();
        if let Some(answer) = answer {
            conn.write_all(answer).unwrap();
        }
        let _ = conn.read_to_end(&mut received);
        tx.send(received).unwrap();
    });
    (format!("tcp://127.0.0.1:{port}").parse().unwrap(), rx)
}

fn send(uri: &PrinterUri, query: StatusQuery) -> Result<StatusSeen, LabelError> {
    send_checked(uri, JOB, &[JOB.len()], Some(query), DEFAULT_TIMEOUT, &mut |_, _| true)
}

#[test]
fn a_tspl_printer_out_of_paper_refuses_the_job_before_any_of_it_is_sent() {
    let (uri, received) = printer(3, Some(&[0x04]));
    let err = send(&uri, StatusQuery::Tspl).unwrap_err();
    assert_eq!(err.code(), "printer_not_ready");
    assert!(matches!(&err, LabelError::NotReady { problems, .. } if problems == &[StatusProblem::PaperOut]));
    assert!(err.message_zh().contains("缺纸") && err.message_zh().contains("重试"), "{}", err.message_zh());
    assert!(err.message_en().contains("out of paper") && err.message_en().contains("retry"), "{}", err.message_en());
    assert_eq!(received.recv_timeout(Duration::from_secs(10)).unwrap(), b"\x1b!?", "only the query went out");
}

#[test]
fn a_tspl_printer_with_its_head_open_or_paused_says_so_in_both_languages() {
    let (uri, _received) = printer(3, Some(&[0x11]));
    let err = send(&uri, StatusQuery::Tspl).unwrap_err();
    assert!(err.message_zh().contains("打印头未合上") && err.message_zh().contains("已暂停"), "{}", err.message_zh());
    assert!(err.message_en().contains("print head is open") && err.message_en().contains("paused"), "{}", err.message_en());
}

#[test]
fn a_ready_tspl_printer_gets_the_job_after_the_query() {
    // 0x20: printing (another job): not a problem.
    let (uri, received) = printer(3, Some(&[0x20]));
    assert_eq!(send(&uri, StatusQuery::Tspl).unwrap(), StatusSeen::Ready);
    let got = received.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(&got[..3], b"\x1b!?");
    assert_eq!(&got[3..], JOB);
}

#[test]
fn a_printer_that_does_not_answer_gets_the_job_anyway_after_the_short_timeout() {
    let (uri, received) = printer(3, None);
    let started = Instant::now();
    assert_eq!(send(&uri, StatusQuery::Tspl).unwrap(), StatusSeen::Unknown);
    let waited = started.elapsed();
    assert!(waited >= STATUS_TIMEOUT && waited < STATUS_TIMEOUT + Duration::from_secs(3), "{waited:?}");
    assert_eq!(&received.recv_timeout(Duration::from_secs(10)).unwrap()[3..], JOB);
}

#[test]
fn a_zpl_printer_answers_host_status_head_up_and_paper_out_refuse_ready_sends() {
    let head_up: &[u8] = b"\x02030,1,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,1,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n";
    let (uri, received) = printer(3, Some(head_up));
    let err = send(&uri, StatusQuery::Zpl).unwrap_err();
    assert!(matches!(&err, LabelError::NotReady { problems, .. } if problems == &[StatusProblem::PaperOut, StatusProblem::HeadOpen]), "{err}");
    assert_eq!(received.recv_timeout(Duration::from_secs(10)).unwrap(), b"~HS");

    let ready: &[u8] = b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n";
    let (uri, received) = printer(3, Some(ready));
    assert_eq!(send(&uri, StatusQuery::Zpl).unwrap(), StatusSeen::Ready);
    assert_eq!(&received.recv_timeout(Duration::from_secs(10)).unwrap()[3..], JOB);
}

/// A serial label printer on a pty: the master end answers the status byte as the
/// printer would; paper out refuses, ready receives the job.
#[cfg(unix)]
#[test]
fn a_serial_printer_on_a_pty_is_asked_too() {
    use serialport::{SerialPort, TTYPort};

    fn serial_printer(answer: u8) -> (PrinterUri, mpsc::Receiver<(Vec<u8>, TTYPort)>) {
        let (mut master, slave) = TTYPort::pair().expect("a pty pair");
        let name = slave.name().expect("the pty's name");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            master.set_timeout(Duration::from_millis(100)).unwrap();
            let deadline = Instant::now() + Duration::from_secs(15);
            let mut got = Vec::new();
            let mut answered = false;
            let mut buf = [0u8; 256];
            while Instant::now() < deadline {
                match master.read(&mut buf) {
                    Ok(n) if n > 0 => got.extend_from_slice(&buf[..n]),
                    // Nothing yet, or no one has the other end open (EIO): wait.
                    _ => {}
                }
                if !answered && got.starts_with(b"\x1b!?") {
                    master.write_all(&[answer]).unwrap();
                    answered = true;
                }
                if got.ends_with(b"PRINT 1,1\r\n") {
                    break;
                }
                if answered && answer != 0 && got.len() >= 3 {
                    std::thread::sleep(Duration::from_millis(300));
                    break;
                }
            }
            // The slave end stays open until the job is read: a pty drops what its
            // master has not read once the last slave closes.
            drop(slave);
            // The master goes back with the bytes: closed here, it would race the
            // sender's final drain (tcdrain on a pty whose master is gone is EIO).
            tx.send((got, master)).unwrap();
        });
        (PrinterUri::Serial { port: name, baud: 9600 }, rx)
    }

    let (uri, received) = serial_printer(0x04);
    let err = send(&uri, StatusQuery::Tspl).unwrap_err();
    assert_eq!(err.code(), "printer_not_ready");
    assert_eq!(received.recv_timeout(Duration::from_secs(20)).unwrap().0, b"\x1b!?");

    let (uri, received) = serial_printer(0x00);
    assert_eq!(send(&uri, StatusQuery::Tspl).unwrap(), StatusSeen::Ready);
    let (got, _master) = received.recv_timeout(Duration::from_secs(20)).unwrap();
    assert_eq!(&got[3..], JOB);
}

#[test]
fn serial_addresses_parse_with_a_default_speed() {
    assert_eq!("serial:COM3".parse::<PrinterUri>().unwrap(), PrinterUri::Serial { port: "COM3".into(), baud: 9600 });
    let fast: PrinterUri = "serial:/dev/ttyUSB0@115200".parse().unwrap();
    assert_eq!(fast.to_string(), "serial:/dev/ttyUSB0@115200");
    assert_eq!("serial:COM3@fast".parse::<PrinterUri>().unwrap_err().code(), "bad_printer_uri");
    assert_eq!("serial:".parse::<PrinterUri>().unwrap_err().code(), "bad_printer_uri");
}
