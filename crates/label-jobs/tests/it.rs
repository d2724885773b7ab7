//! Label jobs over a real ledger: template and printer stores, permissions by role,
//! reprints with reasons, and refusals that leave nothing behind.

use label_jobs::{Destination, Job, JobRequest, LabelSettings, PrinterEntry, Store, DEFAULT_TEMPLATE};
use labels::Format;
use ledger::{Actor, AssetInput, Ledger, Role, SetupInput};

struct Fixture {
    dir: tempfile::TempDir,
    ledger: Ledger,
    admin: Actor,
    code: String,
}

fn setup() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (mut ledger, admin) = Ledger::create(
        dir.path(),
        &SetupInput {
            org_name: "示例单位".into(),
            admin_name: "admin".into(),
            admin_password: "secret1".into(),
            language: None,
        },
    )
    .unwrap();
    let input = AssetInput {
        name: "联想笔记本电脑".into(),
        category: "电脑".into(),
        dept: "行政部".into(),
        acquired: "2025-03-01".into(),
        ..Default::default()
    };
    let code = ledger.add_asset(&admin, &input).unwrap();
    Fixture { dir, ledger, admin, code }
}

fn user(f: &mut Fixture, name: &str, role: Role, dept: Option<&str>) -> Actor {
    f.ledger.add_user(&f.admin, name, role, dept, "pass-123").unwrap();
    f.ledger.login(name, "pass-123").unwrap()
}

fn label_actions(f: &Fixture) -> Vec<(String, String, String)> {
    f.ledger
        .audit_entries(&f.admin, 100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("label_"))
        .map(|e| (e.action, e.target, e.detail))
        .collect()
}

fn pdf_request(f: &Fixture, file: &str) -> JobRequest {
    JobRequest::new(vec![f.code.clone()], Format::Pdf, Destination::File(f.dir.path().join(file)))
}

#[test]
fn label_data_comes_from_the_ledger_and_the_organisation() {
    let f = setup();
    let sources = f.ledger.label_sources(&f.admin, std::slice::from_ref(&f.code), "").unwrap();
    let data = label_jobs::label_data(&sources[0]);
    assert_eq!(
        (data.code.as_str(), data.name.as_str(), data.dept.as_str()),
        (f.code.as_str(), "联想笔记本电脑", "行政部")
    );
    assert_eq!(data.org, "示例单位");
    assert_eq!(data.acquired, "2025-03-01");
    assert!(!sources[0].printed_before);
}

#[test]
fn first_print_then_reprint_only_with_a_reason() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let outcome = {
        let req = pdf_request(&f, "a.pdf");
        let who = f.admin.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap();
    assert_eq!((outcome.labels, outcome.reprints), (1, 0));
    assert_eq!(f.ledger.label_reprints(&f.admin, &[f.code.clone()]).unwrap(), vec![f.code.clone()]);

    let err = {
        let req = pdf_request(&f, "b.pdf");
        let who = f.admin.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(err.fields(), vec!["reason".to_string()]);
    assert!(
        err.message(ledger::Lang::ZhCn).contains("补打"),
        "{}",
        err.message(ledger::Lang::ZhCn)
    );
    assert!(!f.dir.path().join("b.pdf").exists());

    let mut req = pdf_request(&f, "b.pdf");
    req.reason = "标签损坏".into();
    let outcome = Job::run(&mut f.ledger, &f.admin.clone(), &store, &req).unwrap();
    assert_eq!(outcome.reprints, 1);
    let mut actions = label_actions(&f);
    actions.retain(|a| a.0 == "label_print" || a.0 == "label_reprint");
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert_eq!(actions[0].0, "label_reprint");
    assert!(actions[0].2.contains("标签损坏"));
    assert_eq!(actions[1].0, "label_print");
    assert!(actions[1].2.contains(DEFAULT_TEMPLATE), "{}", actions[1].2);
}

#[test]
fn a_misfit_refuses_the_whole_job_before_anything_is_written() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let mut req = JobRequest::new(vec![f.code.clone()], Format::Zpl, Destination::File(f.dir.path().join("x.zpl")));
    req.template = Some("40x30-code128".into());
    let err = Job::run(&mut f.ledger, &f.admin.clone(), &store, &req).unwrap_err();
    assert_eq!(err.code(), "barcode_too_large");
    assert!(!f.dir.path().join("x.zpl").exists());
    assert!(label_actions(&f).is_empty());
}

#[test]
fn roles_normal_users_print_their_own_department_power_users_manage_templates() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let clerk = user(&mut f, "clerk", Role::Normal, Some("行政部"));
    let outsider = user(&mut f, "outsider", Role::Normal, Some("财务部"));
    let power = user(&mut f, "power", Role::Power, None);

    {
        let req = pdf_request(&f, "c.pdf");
        let who = clerk.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap();
    let err = {
        let req = pdf_request(&f, "d.pdf");
        let who = outsider.clone();
        Job::run(&mut f.ledger, &who, &store, &req)
    }
    .unwrap_err();
    assert_eq!(err.code(), "not_found");

    let mut t = labels::builtin("60x40-qr").unwrap();
    t.name = "我的二维码".into();
    assert_eq!(store.save(&clerk, &t, None).unwrap_err().code(), "forbidden");
    store.save(&power, &t, None).unwrap();
    assert_eq!(
        store.save(&power, &t, None).unwrap_err().code(),
        "conflict",
        "a new template may not take a used name"
    );
    store.save(&power, &t, Some("我的二维码")).unwrap();
}

#[test]
fn templates_are_files_builtins_are_read_only_and_the_default_follows_renames() {
    let f = setup();
    let store = Store::new(f.dir.path());
    let list = store.list().unwrap();
    assert_eq!(list.iter().filter(|t| t.builtin).count(), labels::builtin_names().len());
    assert_eq!(list.iter().find(|t| t.is_default).unwrap().name, DEFAULT_TEMPLATE);

    let builtin = labels::builtin("50x30-code128").unwrap();
    assert_eq!(store.save(&f.admin, &builtin, None).unwrap_err().code(), "conflict");
    assert_eq!(store.delete(&f.admin, "50x30-code128").unwrap_err().code(), "conflict");

    let mut mine = builtin.clone();
    mine.name = "资产标签".into();
    store.save(&f.admin, &mine, None).unwrap();
    assert!(f.dir.path().join("label-templates").join("资产标签.json").is_file());
    store.set_default_template(&f.admin, "资产标签").unwrap();
    assert!(store
        .list()
        .unwrap()
        .iter()
        .any(|t| t.name == "资产标签" && t.is_default && !t.builtin));

    let mut renamed = mine.clone();
    renamed.name = "资产标签2".into();
    store.save(&f.admin, &renamed, Some("资产标签")).unwrap();
    assert!(!f.dir.path().join("label-templates").join("资产标签.json").exists());
    assert_eq!(store.settings().unwrap().default_template, "资产标签2");

    let exported = f.dir.path().join("out").join("t.json");
    store.export("资产标签2", &exported).unwrap();
    assert_eq!(store.import(&f.admin, &exported).unwrap_err().code(), "conflict", "same name twice");
    std::fs::write(
        &exported,
        std::fs::read_to_string(&exported).unwrap().replace("资产标签2", "导入的"),
    )
    .unwrap();
    assert_eq!(store.import(&f.admin, &exported).unwrap().name, "导入的");

    store.delete(&f.admin, "资产标签2").unwrap();
    assert_eq!(store.settings().unwrap().default_template(), DEFAULT_TEMPLATE);

    for bad in ["", "a/b", "..x", "x:y"] {
        let mut t = mine.clone();
        t.name = bad.into();
        assert_eq!(store.save(&f.admin, &t, None).unwrap_err().code(), "invalid_input", "{bad:?}");
    }
}

#[test]
fn printer_settings_are_checked() {
    let f = setup();
    let store = Store::new(f.dir.path());
    let zebra = PrinterEntry {
        dpi: 300,
        darkness: Some(20),
        ..PrinterEntry::new("仓库斑马", "tcp://10.0.0.5:9100", Format::Zpl)
    };
    let mut s = LabelSettings {
        default_printer: "仓库斑马".into(),
        printers: vec![zebra.clone()],
        ..Default::default()
    };
    store.save_settings(&f.admin, &s).unwrap();
    assert_eq!(store.settings().unwrap(), s);

    s.printers[0].uri = "lpt1".into();
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "bad_printer_uri");
    s.printers[0] = PrinterEntry { dpi: 250, ..zebra.clone() };
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "invalid_input");
    s.printers = vec![zebra.clone(), zebra.clone()];
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "invalid_input");
    s.printers = vec![zebra];
    s.default_printer = "nowhere".into();
    assert_eq!(store.save_settings(&f.admin, &s).unwrap_err().code(), "invalid_input");
}

/// A raw TCP printer on 127.0.0.1: every connection's bytes, in order.
struct TcpPrinter {
    port: u16,
    jobs: std::sync::mpsc::Receiver<Vec<u8>>,
}

fn tcp_printer() -> TcpPrinter {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, jobs) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut data = Vec::new();
            stream.unwrap().read_to_end(&mut data).unwrap();
            if tx.send(data).is_err() {
                return;
            }
        }
    });
    TcpPrinter { port, jobs }
}

fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn printers_are_added_changed_made_default_and_removed() {
    let f = setup();
    let store = Store::new(f.dir.path());
    let tsc = PrinterEntry::new("前台TSC", "tcp://127.0.0.1:9100", Format::Tspl);
    store.add_printer(&f.admin, tsc.clone()).unwrap();
    // The first printer becomes the default.
    assert_eq!(store.printer(None).unwrap(), tsc);
    let err = store.add_printer(&f.admin, tsc.clone()).unwrap_err();
    assert_eq!(err.code(), "conflict");
    store.add_printer(&f.admin, PrinterEntry::new("仓库斑马", "cups:Zebra_GK420", Format::Zpl)).unwrap();
    store.set_default_printer(&f.admin, "仓库斑马").unwrap();
    assert_eq!(store.printer(None).unwrap().name, "仓库斑马");

    let changed = store
        .update_printer(&f.admin, "前台TSC", |p| {
            p.offset_x_mm = 1.5;
            p.offset_y_mm = -0.5;
            p.dpi = 300;
            p.label_width_mm = Some(50.0);
            p.label_height_mm = Some(30.0);
        })
        .unwrap();
    assert_eq!(store.printer(Some("前台TSC")).unwrap(), changed);
    let s = changed.settings(1).unwrap();
    assert_eq!((s.offset_x_mm, s.offset_y_mm, s.stock_mm), (1.5, -0.5, Some((50.0, 30.0))));

    // Each refusal names the field and changes nothing.
    for (edit, code, words) in [
        (Box::new(|p: &mut PrinterEntry| p.darkness = Some(16)) as Box<dyn Fn(&mut PrinterEntry)>, "invalid_input", "darkness"),
        (Box::new(|p: &mut PrinterEntry| p.offset_x_mm = 25.0), "invalid_input", "offset_x_mm"),
        (Box::new(|p: &mut PrinterEntry| p.label_height_mm = None), "invalid_input", "宽度和高度"),
        (Box::new(|p: &mut PrinterEntry| p.uri = "lpt1".into()), "bad_printer_uri", "lpt1"),
    ] {
        let err = store.update_printer(&f.admin, "前台TSC", |p| edit(p)).unwrap_err();
        assert_eq!(err.code(), code);
        assert!(err.message(ledger::Lang::ZhCn).contains(words), "{}", err.message(ledger::Lang::ZhCn));
    }
    assert_eq!(store.printer(Some("前台TSC")).unwrap(), changed);
    // Small stock is fine (30 x 20 mm labels are common).
    store.update_printer(&f.admin, "前台TSC", |p| (p.label_width_mm, p.label_height_mm) = (Some(30.0), Some(20.0))).unwrap();

    store.remove_printer(&f.admin, "仓库斑马").unwrap();
    assert_eq!(store.printer(None).unwrap_err().code(), "invalid_input", "no default any more");
    assert_eq!(store.remove_printer(&f.admin, "仓库斑马").unwrap_err().code(), "not_found");
    // Managing printers needs the template permission.
    let mut f = f;
    let clerk = user(&mut f, "clerk", Role::Normal, Some("行政部"));
    let err = store.add_printer(&clerk, PrinterEntry::new("x", "tcp://127.0.0.1", Format::Tspl)).unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

#[test]
fn a_job_to_a_tcp_printer_arrives_as_tspl_with_gbk_text_and_is_in_the_history() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let printer = tcp_printer();
    let entry = PrinterEntry::new("前台TSC", &format!("tcp://127.0.0.1:{}", printer.port), Format::Tspl);
    store.add_printer(&f.admin, entry.clone()).unwrap();
    let req = JobRequest::for_printer(vec![f.code.clone()], &entry).unwrap();
    let outcome = Job::run(&mut f.ledger, &f.admin, &store, &req).unwrap();
    let job = printer.jobs.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    // The TSPL status query first (the listener does not answer: sent anyway, noted).
    assert_eq!(&job[..3], b"\x1b!?");
    assert_eq!(outcome.bytes, job.len() - 3);
    assert_eq!(outcome.status, labels::StatusSeen::Unknown);
    let (gbk_name, _, _) = encoding_rs::GBK.encode("名称：联想笔记本电脑");
    assert!(job.windows(gbk_name.len()).any(|w| w == &gbk_name[..]), "the name in GBK");
    let text = String::from_utf8_lossy(&job);
    assert!(text.contains(&format!("\"128M\"")) && text.contains(&f.code[f.code.len() - 3..]));

    let jobs = f.ledger.label_jobs(&f.admin, 10).unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].status, ledger::LabelJobStatus::Sent);
    assert!(jobs[0].error.contains("状态未知") && jobs[0].error.contains("status unknown"), "noted: {}", jobs[0].error);
    assert_eq!((jobs[0].printer.as_str(), jobs[0].codes.clone()), ("前台TSC", vec![f.code.clone()]));
    let actions: Vec<String> = label_actions(&f).into_iter().map(|a| a.0).collect();
    assert!(actions.contains(&"label_job".to_string()) && actions.contains(&"label_print".to_string()), "{actions:?}");
}

#[test]
fn a_failed_job_is_kept_with_the_reason_and_a_retry_prints_it() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let port = closed_port();
    let entry = PrinterEntry::new("前台TSC", &format!("tcp://127.0.0.1:{port}"), Format::Tspl);
    store.add_printer(&f.admin, entry.clone()).unwrap();
    let req = JobRequest::for_printer(vec![f.code.clone()], &entry).unwrap();
    let err = Job::run(&mut f.ledger, &f.admin, &store, &req).unwrap_err();
    assert_eq!(err.code(), "printer_unreachable");
    let failed = &f.ledger.label_jobs(&f.admin, 10).unwrap()[0];
    assert_eq!(failed.status, ledger::LabelJobStatus::Failed);
    assert!(failed.error.contains(&format!("无法连接打印机 127.0.0.1:{port}")), "{}", failed.error);
    assert!(failed.error.contains("cannot connect"), "both languages: {}", failed.error);
    // Not printed, so not a reprint: no label_print entry yet.
    assert!(!label_actions(&f).iter().any(|a| a.0 == "label_print"));
    assert!(label_actions(&f).iter().any(|a| a.0 == "label_job_failed"));

    // The printer comes back (at another port): the retry goes there, the old job says so.
    let printer = tcp_printer();
    store.update_printer(&f.admin, "前台TSC", |p| p.uri = format!("tcp://127.0.0.1:{}", printer.port)).unwrap();
    let id = failed.id;
    Job::retry(&mut f.ledger, &f.admin, &store, id).unwrap();
    assert!(!printer.jobs.recv_timeout(std::time::Duration::from_secs(10)).unwrap().is_empty());
    let jobs = f.ledger.label_jobs(&f.admin, 10).unwrap();
    assert_eq!(jobs[0].status, ledger::LabelJobStatus::Sent);
    assert_eq!(jobs[0].retry_of, Some(id));
    assert_eq!(jobs[1].status, ledger::LabelJobStatus::Retried);
    // A sent job cannot be retried (that would be a reprint, with its reason).
    let err = Job::retry(&mut f.ledger, &f.admin, &store, jobs[0].id).unwrap_err();
    assert_eq!(err.code(), "conflict");
    // A reprint keeps its reason in the history and the audit log.
    let mut req = JobRequest::for_printer(vec![f.code.clone()], &store.printer(None).unwrap()).unwrap();
    req.reason = "标签磨损".into();
    Job::run(&mut f.ledger, &f.admin, &store, &req).unwrap();
    assert_eq!(f.ledger.label_jobs(&f.admin, 1).unwrap()[0].reason, "标签磨损");
    assert!(label_actions(&f).iter().any(|a| a.0 == "label_reprint" && a.2.contains("标签磨损")));
}

#[test]
fn a_thousand_labels_go_as_one_job_with_progress_and_can_be_cancelled_before_sending() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let input = AssetInput { name: "椅子".into(), category: "家具".into(), dept: "行政部".into(), ..Default::default() };
    let inputs = vec![input; 999];
    let mut codes = vec![f.code.clone()];
    codes.extend(f.ledger.add_assets(&f.admin, &inputs).unwrap());
    assert_eq!(codes.len(), 1000);
    let printer = tcp_printer();
    let entry = PrinterEntry::new("前台TSC", &format!("tcp://127.0.0.1:{}", printer.port), Format::Tspl);
    let req = JobRequest::for_printer(codes.clone(), &entry).unwrap();

    // Cancelled at label 10: nothing sent, nothing in the history.
    let mut seen = 0;
    let err = Job::prepare_with_progress(&f.ledger, &f.admin, &store, &req, &mut |done, total| {
        assert_eq!(total, 1000);
        seen = done;
        done < 10
    })
    .err()
    .unwrap();
    assert_eq!((err.code(), seen), ("cancelled", 10));
    assert!(f.ledger.label_jobs(&f.admin, 10).unwrap().is_empty());

    let mut last = 0;
    let job = Job::prepare_with_progress(&f.ledger, &f.admin, &store, &req, &mut |done, _| {
        assert_eq!(done, last + 1);
        last = done;
        true
    })
    .unwrap();
    let id = job.begin(&mut f.ledger, &f.admin).unwrap();
    let delivered = job.deliver();
    job.finish(&mut f.ledger, &f.admin, id, delivered).unwrap();
    let received = printer.jobs.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
    assert_eq!(String::from_utf8_lossy(&received).matches("\r\nPRINT 1,1\r\n").count(), 1000);
    // One connection: nothing else arrives.
    assert!(printer.jobs.recv_timeout(std::time::Duration::from_millis(200)).is_err());
    assert_eq!(f.ledger.label_jobs(&f.admin, 10).unwrap()[0].labels, 1000);
}

#[test]
fn the_test_page_reaches_the_printer_with_its_offsets() {
    let f = setup();
    let store = Store::new(f.dir.path());
    let printer = tcp_printer();
    let mut entry = PrinterEntry::new("前台TSC", &format!("tcp://127.0.0.1:{}", printer.port), Format::Tspl);
    entry.offset_x_mm = -1.0;
    let bytes = label_jobs::send_test_page(&f.ledger, &store, &entry).unwrap();
    let received = printer.jobs.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert_eq!(received.len(), bytes);
    let (offsets, _, _) = encoding_rs::GBK.encode("X -1.00 mm Y +0.00 mm");
    assert!(received.windows(offsets.len()).any(|w| w == &offsets[..]));
    let (name, _, _) = encoding_rs::GBK.encode("测试页 前台TSC");
    assert!(received.windows(name.len()).any(|w| w == &name[..]));
}

#[test]
fn a_job_cancelled_half_way_records_the_labels_that_went_out_as_printed() {
    let mut f = setup();
    let store = Store::new(f.dir.path());
    let input = AssetInput { name: "椅子".into(), category: "家具".into(), dept: "行政部".into(), ..Default::default() };
    let mut codes = vec![f.code.clone()];
    codes.extend(f.ledger.add_assets(&f.admin, &vec![input; 19]).unwrap());
    let printer = tcp_printer();
    let mut entry = PrinterEntry::new("前台TSC", &format!("tcp://127.0.0.1:{}", printer.port), Format::Tspl);
    entry.mode = labels::Mode::Bitmap;
    let mut req = JobRequest::for_printer(codes.clone(), &entry).unwrap();
    req.copies = 2;
    let job = Job::prepare(&f.ledger, &f.admin, &store, &req).unwrap();
    let id = job.begin(&mut f.ledger, &f.admin).unwrap();
    // The clerk cancels once 5 labels (10 with copies) are out.
    let delivered = job.deliver_with_progress(&mut |done, total| {
        assert_eq!(total, 40);
        done < 10
    });
    let err = job.finish(&mut f.ledger, &f.admin, id, delivered).unwrap_err();
    assert_eq!(err.code(), "cancelled");
    let received = printer.jobs.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert_eq!(String::from_utf8_lossy(&received).matches("\r\nPRINT 1,2\r\n").count(), 5);

    let row = &f.ledger.label_jobs(&f.admin, 1).unwrap()[0];
    assert_eq!(row.status, ledger::LabelJobStatus::Cancelled);
    assert!(row.error.contains("已发送 10 / 40"), "{}", row.error);
    let mut printed: Vec<String> = label_actions(&f).into_iter().filter(|a| a.0 == "label_print").map(|a| a.1).collect();
    printed.sort();
    let mut expected = codes[..5].to_vec();
    expected.sort();
    assert_eq!(printed, expected, "the five that went out, no more");
    // Printing them again is a reprint (a reason is needed); the other fifteen are not.
    let mut reprints = f.ledger.label_reprints(&f.admin, &codes).unwrap();
    reprints.sort();
    assert_eq!(reprints, expected);
}

#[test]
fn a_printer_out_of_paper_fails_the_job_with_why_and_a_retry_prints_it_once_it_is_ready() {
    use std::io::{Read, Write};
    let mut f = setup();
    let store = Store::new(f.dir.path());
    // A TSPL printer that answers the status query: first 0x04 (out of paper), then 0x00.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, jobs) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for (answer, stream) in [0x04u8, 0x00].into_iter().zip(listener.incoming()) {
            let mut conn = stream.unwrap();
            let mut query = [0u8; 3];
            conn.read_exact(&mut query).unwrap();
            conn.write_all(&[answer]).unwrap();
            let mut rest = Vec::new();
            let _ = conn.read_to_end(&mut rest);
            tx.send(rest).unwrap();
        }
    });
    let entry = PrinterEntry::new("前台TSC", &format!("tcp://127.0.0.1:{port}"), Format::Tspl);
    store.add_printer(&f.admin, entry.clone()).unwrap();
    let req = JobRequest::for_printer(vec![f.code.clone()], &entry).unwrap();
    let err = Job::run(&mut f.ledger, &f.admin, &store, &req).unwrap_err();
    assert_eq!(err.code(), "printer_not_ready");
    assert!(jobs.recv_timeout(std::time::Duration::from_secs(10)).unwrap().is_empty(), "nothing but the query was sent");
    let failed = f.ledger.label_jobs(&f.admin, 1).unwrap().remove(0);
    assert_eq!(failed.status, ledger::LabelJobStatus::Failed);
    assert!(failed.error.contains("缺纸") && failed.error.contains("out of paper"), "{}", failed.error);
    assert!(!label_actions(&f).iter().any(|a| a.0 == "label_print"), "not printed");

    let outcome = Job::retry(&mut f.ledger, &f.admin, &store, failed.id).unwrap();
    assert_eq!(outcome.status, labels::StatusSeen::Ready);
    assert!(String::from_utf8_lossy(&jobs.recv_timeout(std::time::Duration::from_secs(10)).unwrap()).contains("PRINT 1,1"));
    let rows = f.ledger.label_jobs(&f.admin, 2).unwrap();
    assert_eq!((rows[0].status, rows[0].error.as_str()), (ledger::LabelJobStatus::Sent, ""));
    assert_eq!(rows[1].status, ledger::LabelJobStatus::Retried);
}
