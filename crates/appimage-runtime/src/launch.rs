//! Running the AppDir's AppRun: from a FUSE mount of the image when squashfuse and
//! fusermount are there (nothing written to disk), else from a copy extracted once into
//! the cache folder (the usual case on a desktop without squashfuse, and always with
//! `--appimage-extract-and-run`). The environment is the AppImage spec's: APPIMAGE (this
//! file), APPDIR (the AppDir), ARGV0 (the name it was started by), OWD (the folder it
//! was started from).

use crate::image;
use std::env;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};

pub struct Launch {
    pub appimage: PathBuf,
    pub offset: u64,
    pub argv0: OsString,
    pub args: Vec<OsString>,
}

/// `ASSETDESK_APPIMAGE_DEBUG=1` says on stderr which way the AppDir was made available.
fn debug(message: &str) {
    if env::var_os("ASSETDESK_APPIMAGE_DEBUG").is_some_and(|v| v == "1") {
        eprintln!("appimage: {message}");
    }
}

impl Launch {
    /// Mounts when it can (unless `force_extract`), else extracts; returns the exit code.
    pub fn run(&self, force_extract: bool) -> io::Result<i32> {
        if !force_extract {
            if let Some(mount) = Mount::try_new(&self.appimage, self.offset) {
                debug(&format!("mounted at {}", mount.dir.display()));
                let status = run_forwarding_signals(self.command(&mount.dir));
                drop(mount);
                return Ok(exit_code(status?));
            }
        }
        let appdir = self.extracted()?;
        debug(&format!("extracted to {}", appdir.display()));
        // Nothing to clean up afterwards: the runtime becomes AppRun.
        Err(self.command(&appdir).exec())
    }

    fn command(&self, appdir: &Path) -> Command {
        let mut command = Command::new(appdir.join("AppRun"));
        command.args(&self.args).env("APPIMAGE", &self.appimage).env("APPDIR", appdir).env("ARGV0", &self.argv0);
        if let Ok(owd) = env::current_dir() {
            command.env("OWD", owd);
        }
        command
    }

    /// The AppDir extracted into `<cache>/assetdesk/appimage/<hash>`, made on first use.
    /// Extracting goes to a temporary sibling renamed into place, so a half-written folder
    /// is never used and two starts at once do not collide. Other versions' folders are
    /// removed once this one is in place.
    fn extracted(&self) -> io::Result<PathBuf> {
        let hash = image::payload_hash(&self.appimage, self.offset)?;
        let cache = cache_root()?;
        let appdir = cache.join(&hash[..32]);
        if appdir.join("AppRun").exists() {
            return Ok(appdir);
        }
        fs::create_dir_all(&cache)?;
        let partial = cache.join(format!(".{}.partial-{}", &hash[..32], std::process::id()));
        let _ = fs::remove_dir_all(&partial);
        if let Err(e) = image::extract(&self.appimage, self.offset, &partial) {
            let _ = fs::remove_dir_all(&partial);
            return Err(io::Error::new(e.kind(), format!("extracting the AppImage into {}: {e}", cache.display())));
        }
        if fs::rename(&partial, &appdir).is_err() {
            // Another start put the same version in place first.
            let _ = fs::remove_dir_all(&partial);
        }
        for entry in fs::read_dir(&cache)?.flatten() {
            if entry.path() != appdir && !entry.file_name().to_string_lossy().starts_with('.') {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        Ok(appdir)
    }
}

/// `$XDG_CACHE_HOME/assetdesk/appimage`, else `~/.cache/assetdesk/appimage`.
fn cache_root() -> io::Result<PathBuf> {
    let base = env::var_os("XDG_CACHE_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").filter(|v| !v.is_empty()).map(|home| PathBuf::from(home).join(".cache")))
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "neither XDG_CACHE_HOME nor HOME is set: nowhere to extract the AppImage"))?;
    Ok(base.join("assetdesk").join("appimage"))
}

/// A squashfuse mount of the image, unmounted (lazily if still busy) when dropped.
struct Mount {
    dir: PathBuf,
    fusermount: PathBuf,
}

impl Mount {
    fn try_new(appimage: &Path, offset: u64) -> Option<Mount> {
        if !Path::new("/dev/fuse").exists() {
            return None;
        }
        let squashfuse = find_program("squashfuse")?;
        let fusermount = find_program("fusermount3").or_else(|| find_program("fusermount"))?;
        let base = env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|d| d.is_dir()).unwrap_or_else(env::temp_dir);
        let dir = base.join(format!(".mount_AssetDesk-{}", std::process::id()));
        fs::create_dir(&dir).ok()?;
        let mounted = Command::new(squashfuse)
            .arg("-o")
            .arg(format!("ro,offset={offset}"))
            .arg(appimage)
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted || !dir.join("AppRun").exists() {
            // No FUSE permission here (containers, some hardened desktops): extract instead.
            let _ = Command::new(&fusermount).arg("-u").arg(&dir).stderr(Stdio::null()).status();
            let _ = fs::remove_dir(&dir);
            return None;
        }
        forward_termination_signals();
        Some(Mount { dir, fusermount })
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let quiet = |args: &[&str]| {
            Command::new(&self.fusermount).args(args).arg(&self.dir).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
        };
        if !quiet(&["-u"]) {
            quiet(&["-u", "-z"]);
        }
        let _ = fs::remove_dir(&self.dir);
    }
}

fn find_program(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?).map(|dir| dir.join(name)).find(|candidate| candidate.is_file())
}

/// While AppRun runs as our child (the mounted case), SIGTERM/SIGINT/SIGHUP sent to the
/// runtime go on to it, so the runtime can still unmount after it ends.
static CHILD_PID: AtomicI32 = AtomicI32::new(0);

fn forward_termination_signals() {
    extern "C" fn forward(signal: libc::c_int) {
        let child = CHILD_PID.load(Ordering::SeqCst);
        if child > 0 {
            unsafe { libc::kill(child, signal) };
        }
    }
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        unsafe { libc::signal(signal, forward as *const () as libc::sighandler_t) };
    }
}

/// Runs the child to its end, remembering its pid for the signal forwarding.
fn run_forwarding_signals(mut command: Command) -> io::Result<ExitStatus> {
    let mut child = command.spawn()?;
    CHILD_PID.store(child.id() as i32, Ordering::SeqCst);
    let status = child.wait();
    CHILD_PID.store(0, Ordering::SeqCst);
    status
}

fn exit_code(status: ExitStatus) -> i32 {
    status.code().unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}
