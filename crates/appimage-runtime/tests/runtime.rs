//! The runtime as an AppImage uses it: the built runtime followed by a real squashfs
//! image (made by mksquashfs) of a small AppDir whose AppRun reports what it was given.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Writing an executable and starting programs take turns: a fork in another test while
/// the file is still open for writing would make its exec fail with "Text file busy".
static EXEC_WRITE: Mutex<()> = Mutex::new(());

fn write_executable(path: &Path, bytes: &[u8]) {
    let _turn = EXEC_WRITE.lock().unwrap_or_else(|e| e.into_inner());
    fs::write(path, bytes).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn start(command: &mut Command) -> Child {
    let _turn = EXEC_WRITE.lock().unwrap_or_else(|e| e.into_inner());
    command.spawn().unwrap()
}

fn run(command: &mut Command) -> Output {
    start(command.stdout(Stdio::piped()).stderr(Stdio::piped())).wait_with_output().unwrap()
}

const RUNTIME: &str = env!("CARGO_BIN_EXE_assetdesk-appimage-runtime");

/// AppRun writes its environment and arguments to $REPORT; with SLEEP=1 it then waits.
const APP_RUN: &str = r#"#!/bin/sh
{
  echo "APPIMAGE=$APPIMAGE"
  echo "APPDIR=$APPDIR"
  echo "ARGV0=$ARGV0"
  echo "OWD=$OWD"
  for a in "$@"; do echo "ARG=$a"; done
  echo "DATA=$(cat "$APPDIR/usr/share/数据 文件.txt")"
} >"$REPORT.partial"
mv "$REPORT.partial" "$REPORT"
[ "$SLEEP" = 1 ] && exec sleep 60
exit 7
"#;

struct Fixture {
    dir: tempfile::TempDir,
    appimage: PathBuf,
}

impl Fixture {
    fn new(data: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let appdir = dir.path().join("AppDir");
        fs::create_dir_all(appdir.join("usr/share")).unwrap();
        fs::create_dir_all(appdir.join("usr/bin")).unwrap();
        fs::write(appdir.join("AppRun"), APP_RUN).unwrap();
        fs::set_permissions(appdir.join("AppRun"), fs::Permissions::from_mode(0o755)).unwrap();
        fs::write(appdir.join("usr/share/数据 文件.txt"), data).unwrap();
        fs::write(appdir.join("usr/bin/tool"), "#!/bin/sh\necho tool\n").unwrap();
        fs::set_permissions(appdir.join("usr/bin/tool"), fs::Permissions::from_mode(0o750)).unwrap();
        std::os::unix::fs::symlink("usr/share/数据 文件.txt", appdir.join("link")).unwrap();
        let image = dir.path().join("image.squashfs");
        assert!(Path::new("/usr/bin/mksquashfs").exists(), "mksquashfs (squashfs-tools) must be installed: scripts/setup.sh test");
        let made = run(Command::new("mksquashfs").arg(&appdir).arg(&image).args(["-comp", "gzip", "-all-root", "-noappend", "-quiet", "-no-progress"]));
        assert!(made.status.success(), "{}", stderr(&made));
        let appimage = dir.path().join("Test.AppImage");
        let mut bytes = fs::read(RUNTIME).unwrap();
        bytes.extend(fs::read(&image).unwrap());
        write_executable(&appimage, &bytes);
        fs::create_dir(dir.path().join("cache")).unwrap();
        Fixture { dir, appimage }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The AppImage run from the fixture's folder with a private cache and report file.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.appimage);
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("REPORT", self.path("report"))
            .env("ASSETDESK_APPIMAGE_DEBUG", "1")
            .env_remove("APPIMAGE_EXTRACT_AND_RUN");
        command
    }

    fn report(&self) -> Vec<String> {
        fs::read_to_string(self.path("report")).unwrap().lines().map(str::to_owned).collect()
    }

    fn value(&self, key: &str) -> String {
        let prefix = format!("{key}=");
        self.report().iter().find_map(|l| l.strip_prefix(&prefix).map(str::to_owned)).unwrap()
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn cached_versions(fixture: &Fixture) -> Vec<String> {
    let root = fixture.path("cache/assetdesk/appimage");
    let mut names: Vec<String> = fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn the_offset_is_the_runtime_size_and_a_squashfs_starts_there() {
    let fixture = Fixture::new("一");
    let output = run(&mut fixture.command(&["--appimage-offset"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let offset: u64 = String::from_utf8(output.stdout).unwrap().trim().parse().unwrap();
    assert_eq!(offset, fs::metadata(RUNTIME).unwrap().len());
    assert_eq!(&fs::read(&fixture.appimage).unwrap()[offset as usize..offset as usize + 4], b"hsqs");
}

#[test]
fn extract_writes_the_appdir_with_modes_symlinks_and_chinese_names() {
    let fixture = Fixture::new("台账数据");
    let output = run(&mut fixture.command(&["--appimage-extract"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let root = fixture.path("squashfs-root");
    assert_eq!(fs::read_to_string(root.join("usr/share/数据 文件.txt")).unwrap(), "台账数据");
    assert_eq!(fs::read_to_string(root.join("AppRun")).unwrap(), APP_RUN);
    assert_eq!(fs::metadata(root.join("AppRun")).unwrap().permissions().mode() & 0o777, 0o755);
    assert_eq!(fs::metadata(root.join("usr/bin/tool")).unwrap().permissions().mode() & 0o777, 0o750);
    assert_eq!(fs::read_link(root.join("link")).unwrap(), Path::new("usr/share/数据 文件.txt"));
    // A second extraction does not write over the first.
    let again = run(&mut fixture.command(&["--appimage-extract"]));
    assert!(!again.status.success());
    assert!(stderr(&again).contains("squashfs-root exists already"), "{}", stderr(&again));
}

#[test]
fn extract_and_run_sets_the_spec_environment_passes_arguments_and_the_exit_code() {
    let fixture = Fixture::new("一");
    let output = run(&mut fixture.command(&["--appimage-extract-and-run", "两 个", "--data-dir"]));
    assert_eq!(output.status.code(), Some(7), "{}", stderr(&output));
    let appdir = fixture.value("APPDIR");
    let cache = fixture.path("cache/assetdesk/appimage");
    assert!(appdir.starts_with(cache.to_str().unwrap()), "{appdir}");
    assert_eq!(Path::new(&appdir).file_name().unwrap().len(), 32, "keyed by the image's hash: {appdir}");
    assert!(stderr(&output).contains(&format!("extracted to {appdir}")));
    assert_eq!(fixture.value("APPIMAGE"), fixture.appimage.to_str().unwrap());
    assert_eq!(fixture.value("ARGV0"), fixture.appimage.to_str().unwrap());
    assert_eq!(fixture.value("OWD"), fixture.dir.path().to_str().unwrap());
    assert_eq!(fixture.value("DATA"), "一");
    let args: Vec<_> = fixture.report().into_iter().filter_map(|l| l.strip_prefix("ARG=").map(str::to_owned)).collect();
    assert_eq!(args, ["两 个", "--data-dir"]);

    // The next start uses the same folder as it is (a file left there survives), also
    // when asked through APPIMAGE_EXTRACT_AND_RUN=1.
    fs::write(Path::new(&appdir).join("left-here"), "x").unwrap();
    let again = run(fixture.command(&[]).env("APPIMAGE_EXTRACT_AND_RUN", "1"));
    assert_eq!(again.status.code(), Some(7), "{}", stderr(&again));
    assert_eq!(fixture.value("APPDIR"), appdir);
    assert!(Path::new(&appdir).join("left-here").exists());
    assert_eq!(cached_versions(&fixture).len(), 1);
}

#[test]
fn a_new_version_gets_its_own_folder_and_the_old_one_is_removed() {
    let fixture = Fixture::new("版本一");
    assert_eq!(run(&mut fixture.command(&["--appimage-extract-and-run"])).status.code(), Some(7));
    let first = cached_versions(&fixture);
    let newer = Fixture::new("版本二");
    write_executable(&fixture.appimage, &fs::read(&newer.appimage).unwrap());
    assert_eq!(run(&mut fixture.command(&["--appimage-extract-and-run"])).status.code(), Some(7));
    assert_eq!(fixture.value("DATA"), "版本二");
    let second = cached_versions(&fixture);
    assert_eq!(second.len(), 1);
    assert_ne!(first, second);
}

#[test]
fn with_squashfuse_it_runs_from_a_mount_and_unmounts_afterwards() {
    let fixture = Fixture::new("挂载");
    let output = run(&mut fixture.command(&["参数"]));
    assert_eq!(output.status.code(), Some(7), "{}", stderr(&output));
    let appdir = fixture.value("APPDIR");
    assert!(stderr(&output).contains(&format!("mounted at {appdir}")), "squashfuse and /dev/fuse are needed here: {}", stderr(&output));
    assert_eq!(fixture.value("DATA"), "挂载");
    assert!(!Path::new(&appdir).exists(), "the mount point {appdir} is left behind");
    assert!(!fixture.path("cache/assetdesk").exists(), "nothing is extracted when mounted");
}

#[test]
fn sigterm_reaches_the_app_and_the_mount_is_still_removed() {
    let fixture = Fixture::new("信号");
    let mut child = start(fixture.command(&[]).env("SLEEP", "1"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while !fixture.path("report").exists() {
        assert!(Instant::now() < deadline, "AppRun never ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    let appdir = fixture.value("APPDIR");
    assert!(Path::new(&appdir).join("AppRun").exists());
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(128 + libc::SIGTERM));
    assert!(!Path::new(&appdir).exists(), "the mount point {appdir} is left behind");
}

#[test]
fn a_runtime_without_its_image_says_the_file_is_damaged() {
    let fixture = Fixture::new("一");
    let truncated = fixture.path("Truncated.AppImage");
    write_executable(&truncated, &fs::read(RUNTIME).unwrap());
    let output = run(&mut Command::new(&truncated));
    assert_eq!(output.status.code(), Some(127));
    assert!(stderr(&output).contains("holds no squashfs image after its runtime"), "{}", stderr(&output));
    let unknown = run(&mut fixture.command(&["--appimage-mount-please"]));
    assert_eq!(unknown.status.code(), Some(127));
    assert!(stderr(&unknown).contains("unknown option --appimage-mount-please"), "{}", stderr(&unknown));
}
