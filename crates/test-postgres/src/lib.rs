//! A PostgreSQL of the test's own, from the distribution's packages (Debian:
//! `/usr/lib/postgresql/<major>/bin`): `initdb` into a temp dir (trust authentication,
//! one superuser `assetdesk`), then the `postgres` server as a child of the test on a free
//! localhost port with its unix socket in the same temp dir. No systemd, no container,
//! nothing of the machine's own cluster touched.
//!
//! The server is the test's child (rather than `pg_ctl start`'s daemon) so that on Linux
//! it dies with the test (`PR_SET_PDEATHSIG`): a killed test run leaves no server behind.
//! `stop` (fast shutdown, as `pg_ctl stop -m fast`) and `start` again model a hub outage.
//! PostgreSQL refuses to run as root; under root the binaries run as the `postgres` user
//! that Debian's package creates.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A private PostgreSQL cluster; its server is stopped and its directory removed on drop.
pub struct Postgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    pub port: u16,
    server: Option<Child>,
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(mut child) = self.server.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The newest `/usr/lib/postgresql/<major>/bin` holding `initdb` and `postgres`, or `PG_BIN`.
pub fn find_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let major = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").exists() && bin.join("postgres").exists()).then_some((major, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

impl Postgres {
    /// initdb + start; panics with the tool's output when PostgreSQL is missing or fails.
    pub fn start() -> Postgres {
        let bin = find_bin().expect("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (Debian package `postgresql`; scripts/setup.sh installs it) — or set PG_BIN");
        let dir = tempfile::tempdir().expect("temp dir for PostgreSQL");
        run_as_owner_setup(dir.path());
        let data = dir.path().join("data");
        let out = command(&bin, "initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "assetdesk", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"])
            .stdin(Stdio::null())
            .output()
            .expect("run initdb");
        assert!(out.status.success(), "initdb failed: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let mut pg = Postgres { bin, dir, port: free_port(), server: None };
        pg.start_again();
        pg
    }

    /// The connection string for the client: superuser `assetdesk`, database `postgres`,
    /// through the unix socket in the cluster's directory.
    pub fn url(&self) -> String {
        format!("host={} port={} user=assetdesk dbname=postgres", self.dir.path().display(), self.port)
    }

    /// The same cluster over TCP on 127.0.0.1 (a `postgres://` URL, as a clerk types it).
    pub fn tcp_url(&self) -> String {
        format!("postgres://assetdesk@127.0.0.1:{}/postgres", self.port)
    }

    pub fn is_running(&self) -> bool {
        self.server.is_some()
    }

    /// The server's log so far (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Fast shutdown (SIGINT: open sessions are ended, the data stays); waits for exit.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.server.take() {
            #[cfg(unix)]
            // SAFETY: kill(2) on our own child's pid.
            unsafe {
                libc::kill(child.id() as i32, libc::SIGINT);
            }
            #[cfg(not(unix))]
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server on the same data, port and socket; waits until it accepts connections.
    pub fn start_again(&mut self) {
        assert!(self.server.is_none(), "server already running");
        let log = std::fs::File::create(self.dir.path().join("server.log")).expect("server log");
        let socket_dir = self.dir.path().display().to_string();
        // Small and unsynced: a test's cluster holds a few thousand rows, many run at once,
        // and its data is thrown away (a crash test kills the client, never the server).
        let mut cmd = command(&self.bin, "postgres");
        cmd.arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-p", &self.port.to_string(), "-k", &socket_dir, "-h", "127.0.0.1", "-c", "fsync=off", "-c", "max_connections=40", "-c", "shared_buffers=16MB"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log);
        #[cfg(target_os = "linux")]
        // SAFETY: the hook only calls prctl, which is async-signal-safe.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("start postgres");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ready = Command::new(self.bin.join("pg_isready"))
                .args(["-q", "-h", &socket_dir, "-p", &self.port.to_string(), "-U", "assetdesk", "-d", "postgres"])
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ready {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("postgres exited ({status}) before accepting connections:\n{}", self.log());
            }
            assert!(Instant::now() < deadline, "postgres did not accept connections within 60 s:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
        self.server = Some(child);
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

/// A localhost port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The uid/gid the server runs as: the test's own, or `postgres` under root.
#[cfg(unix)]
fn server_user() -> Option<(u32, u32)> {
    // SAFETY: getpwnam returns a pointer into static storage, read at once.
    unsafe {
        if libc::geteuid() != 0 {
            return None;
        }
        let pw = libc::getpwnam(c"postgres".as_ptr());
        assert!(!pw.is_null(), "running as root, but there is no `postgres` user to run PostgreSQL as (Debian's postgresql package creates it)");
        Some(((*pw).pw_uid, (*pw).pw_gid))
    }
}

/// Under root the cluster's directory belongs to the server user.
fn run_as_owner_setup(dir: &Path) {
    #[cfg(unix)]
    if let Some((uid, gid)) = server_user() {
        std::os::unix::fs::chown(dir, Some(uid), Some(gid)).expect("chown the cluster directory");
    }
    let _ = dir;
}

/// One of the cluster's binaries, run as the server user.
fn command(bin: &Path, tool: &str) -> Command {
    #[allow(unused_mut)]
    let mut cmd = Command::new(bin.join(tool));
    #[cfg(unix)]
    if let Some((uid, gid)) = server_user() {
        use std::os::unix::process::CommandExt;
        // std drops root's supplementary groups itself when uid is set.
        cmd.uid(uid).gid(gid);
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_stops_and_starts_again_on_the_same_socket() {
        let mut pg = Postgres::start();
        let sock = pg.dir().join(format!(".s.PGSQL.{}", pg.port));
        assert!(sock.exists(), "socket {sock:?} missing:\n{}", pg.log());
        pg.stop();
        assert!(!sock.exists(), "socket left after stop");
        assert!(std::net::TcpStream::connect(("127.0.0.1", pg.port)).is_err(), "still listening after stop");
        pg.start_again();
        assert!(sock.exists());
        assert!(std::net::TcpStream::connect(("127.0.0.1", pg.port)).is_ok());
    }
}
