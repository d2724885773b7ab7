//! A private cupsd for the end-to-end tests (which are Python and cannot use the Rust
//! harness directly): `assetdesk-test-cupsd --queue NAME=DEVICE_URI [--default NAME]
//! [--stopped NAME] [--rejecting NAME] [--reason NAME=REASON]`. Prints `CUPS_SERVER=127.0.0.1:PORT` once ready,
//! then runs until its standard input closes (the test's end), and stops cupsd.

use std::io::{Read, Write};

use test_cups::{Cupsd, Queue};

fn main() {
    let mut queues: Vec<Queue> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        let find = |queues: &mut Vec<Queue>, name: &str| -> usize {
            queues
                .iter()
                .position(|q| q.name == name)
                .unwrap_or_else(|| usage(&format!("no --queue {name}=... before {flag}")))
        };
        match flag.as_str() {
            "--queue" => {
                let (name, uri) = value
                    .split_once('=')
                    .unwrap_or_else(|| usage("--queue takes NAME=DEVICE_URI"));
                queues.push(Queue::new(name, uri));
            }
            "--default" => {
                let i = find(&mut queues, &value);
                queues[i].default = true;
            }
            "--stopped" => {
                let i = find(&mut queues, &value);
                queues[i].stopped = true;
            }
            "--reason" => {
                let (name, reason) = value
                    .split_once('=')
                    .unwrap_or_else(|| usage("--reason takes NAME=REASON"));
                let i = find(&mut queues, name);
                queues[i].reasons.push(reason.to_string());
            }
            "--rejecting" => {
                let i = find(&mut queues, &value);
                queues[i].accepting = false;
            }
            other => usage(&format!("unknown option {other}")),
        }
    }
    let cupsd = Cupsd::start(&queues);
    println!("CUPS_SERVER={}", cupsd.server());
    std::io::stdout().flush().unwrap();
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
    drop(cupsd);
}

fn usage(problem: &str) -> ! {
    eprintln!("assetdesk-test-cupsd: {problem}\nusage: assetdesk-test-cupsd --queue NAME=DEVICE_URI [--default NAME] [--stopped NAME] [--rejecting NAME] [--reason NAME=REASON]");
    std::process::exit(2)
}
