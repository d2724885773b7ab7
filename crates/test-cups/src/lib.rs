//! A cupsd of the test's own: started from a temp dir with its own `cupsd.conf`,
//! `cups-files.conf` and `printers.conf` (no systemd, no root config touched), listening
//! on a free localhost port, killed on drop. Queues are raw (no PPD), so a queue's
//! device receives exactly what was submitted: ZPL for a label, the PDF itself for a
//! slip (CUPS's socket backend repeats the file once per copy).
//!
//! Point `lp` / `lpstat` at it with `CUPS_SERVER=<Cupsd::server()>` or `-h`.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

/// One queue of the test cupsd.
#[derive(Debug, Clone)]
pub struct Queue {
    pub name: String,
    /// `socket://127.0.0.1:PORT`, `file:///path` ...
    pub device_uri: String,
    pub default: bool,
    /// A stopped queue (CUPS "disabled") still takes jobs; they wait.
    pub stopped: bool,
    /// A queue that does not accept jobs refuses `lp` outright.
    pub accepting: bool,
    /// printer-state-reasons the queue starts with (`media-empty-error`), as a printer
    /// reports them through its backend.
    pub reasons: Vec<String>,
}

impl Queue {
    pub fn new(name: &str, device_uri: &str) -> Queue {
        Queue {
            name: name.to_string(),
            device_uri: device_uri.to_string(),
            default: false,
            stopped: false,
            accepting: true,
            reasons: Vec::new(),
        }
    }
    pub fn reason(mut self, reason: &str) -> Queue {
        self.reasons.push(reason.to_string());
        self
    }
    pub fn default(mut self) -> Queue {
        self.default = true;
        self
    }
    pub fn stopped(mut self) -> Queue {
        self.stopped = true;
        self
    }
    pub fn rejecting(mut self) -> Queue {
        self.accepting = false;
        self
    }
}

/// A running private cupsd; killed (and its directory removed) on drop.
pub struct Cupsd {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Cupsd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Cupsd {
    /// `HOST:PORT` for `CUPS_SERVER` or `lp -h`.
    pub fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The scheduler's error log so far (for failure messages).
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log/error_log")).unwrap_or_default()
    }

    /// Starts cupsd with these queues and waits until it accepts connections.
    pub fn start(queues: &[Queue]) -> Cupsd {
        let dir = tempfile::tempdir().expect("temp dir for cupsd");
        let root = dir.path();
        for sub in ["spool", "tmp", "cache", "state", "log"] {
            std::fs::create_dir(root.join(sub)).unwrap();
        }
        // cupsd runs backends as an unprivileged user, who must reach the spool files.
        set_mode(root, 0o755);
        let port = free_port();
        let write = |name: &str, text: String| std::fs::write(root.join(name), text).unwrap();
        write(
            "cupsd.conf",
            format!(
                "Listen 127.0.0.1:{port}\nLogLevel warn\nBrowsing No\nWebInterface No\nDefaultAuthType None\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            ),
        );
        let r = root.display();
        write(
            "cups-files.conf",
            format!(
                "ServerRoot {r}\nRequestRoot {r}/spool\nTempDir {r}/tmp\nCacheDir {r}/cache\nStateDir {r}/state\n\
                 ErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\nPageLog {r}/log/page_log\nFileDevice Yes\n"
            ),
        );
        // No PPD: raw queues, bytes pass through untouched.
        let mut printers = String::new();
        for q in queues {
            let tag = if q.default {
                "DefaultPrinter"
            } else {
                "Printer"
            };
            let reasons: String = q.reasons.iter().map(|r| format!("Reason {r}\n")).collect();
            printers.push_str(&format!(
                "<{tag} {}>\nState {}\nAccepting {}\nDeviceURI {}\n{reasons}</Printer>\n",
                q.name,
                if q.stopped { "Stopped" } else { "Idle" },
                if q.accepting { "Yes" } else { "No" },
                q.device_uri
            ));
        }
        write("printers.conf", printers);
        let mut command = Command::new("cupsd");
        // Linux: cupsd dies with the thread that started it (the test), so a test run
        // that is killed leaves no scheduler behind.
        // SAFETY: the hook only calls prctl, which is async-signal-safe.
        #[cfg(target_os = "linux")]
        unsafe {
            use std::os::unix::process::CommandExt;
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let child = command
            .arg("-f")
            .arg("-c")
            .arg(root.join("cupsd.conf"))
            .arg("-s")
            .arg(root.join("cups-files.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start cupsd (Debian: apt-get install cups)");
        let mut cupsd = Cupsd { child, port, dir };
        // Ready when it accepts connections; connect attempts are the condition waited on.
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = cupsd.child.try_wait() {
                panic!("cupsd exited ({status}): {}", cupsd.error_log());
            }
            assert!(
                Instant::now() < deadline,
                "cupsd did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        cupsd
    }
}

/// One raw queue named `queue` sending to `device_uri` (the labels tests' form).
pub fn start_cupsd(queue: &str, device_uri: &str) -> Cupsd {
    Cupsd::start(&[Queue::new(queue, device_uri)])
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

pub fn tool_exists(name: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
        .unwrap_or(false)
}

/// A printer's raw port (9100) on localhost: every connection is one job, handed over
/// whole when the sender closes.
pub struct RawPrinter {
    pub port: u16,
    jobs: Mutex<mpsc::Receiver<Vec<u8>>>,
}

impl RawPrinter {
    pub fn start() -> RawPrinter {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, jobs) = mpsc::channel();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut received = Vec::new();
                if stream.read_to_end(&mut received).is_ok() && tx.send(received).is_err() {
                    return;
                }
            }
        });
        RawPrinter {
            port,
            jobs: Mutex::new(jobs),
        }
    }

    /// `socket://127.0.0.1:PORT`, the CUPS device URI of this printer.
    pub fn device_uri(&self) -> String {
        format!("socket://127.0.0.1:{}", self.port)
    }

    /// The next job, waiting up to `timeout`.
    pub fn next_job(&self, timeout: Duration) -> Option<Vec<u8>> {
        self.jobs.lock().unwrap().recv_timeout(timeout).ok()
    }
}

/// The PDFs in a job that may hold several back to back (one per copy).
pub fn split_pdfs(job: &[u8]) -> Vec<&[u8]> {
    let marker = b"%PDF-";
    let starts: Vec<usize> = (0..job.len().saturating_sub(marker.len() - 1))
        .filter(|&i| &job[i..i + marker.len()] == marker)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| &job[s..starts.get(n + 1).copied().unwrap_or(job.len())])
        .collect()
}
