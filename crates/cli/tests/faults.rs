//! The environment failing under the real `assetdesk` binary: a full disk, a read-only
//! data folder, two processes writing at once, a damaged ledger file. Each refusal is a
//! specific error, nothing is half-written, and the ledger checks out afterwards.
//!
//! A full disk and a read-only folder are real: a size-limited tmpfs mounted (and
//! remounted read-only) for the test. That needs root (CAP_SYS_ADMIN); without it the
//! read-only case uses file permissions and the disk-full case says why it is skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const PASSWORD: &str = "secret-123";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_assetdesk"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--json")
        .args(args)
        .env("ASSETDESK_PASSWORD", PASSWORD)
        .env_remove("LANG")
        .output()
        .expect("run assetdesk")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, args);
    assert!(out.status.success(), "assetdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The `{"error": ...}` of a refused command, after checking it exited 1.
fn refused(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(1), "assetdesk {args:?} should be refused: {}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1, "one line on stderr");
    serde_json::from_slice::<Value>(&out.stdout).expect("JSON error")["error"].clone()
}

fn init(dir: &Path) {
    let out = run(dir, &["init", "--admin", "admin", "--company", "示例单位"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn assets(dir: &Path) -> usize {
    json(dir, &["asset", "list", "--limit", "100000"]).as_array().unwrap().len()
}

fn sound(dir: &Path) {
    let v = json(dir, &["audit", "verify"]);
    assert_eq!((v["ok"].as_bool(), v["problems"].as_array().map(Vec::len)), (Some(true), Some(0)), "{v}");
}

fn csv(dir: &Path, prefix: &str, rows: usize) -> PathBuf {
    let mut text = String::from("资产编号,资产名称,资产类别,使用部门,存放地点,原值(元),购置日期,使用年限,型号,备注\n");
    for i in 0..rows {
        text.push_str(&format!("{prefix}{i:05},联想笔记本电脑{i},电脑,行政部,301室,{}.00,2021-06-01,5,ThinkPad T14 Gen {i},{}\n", 4000 + i, "备注".repeat(20)));
    }
    let file = dir.join(format!("{prefix}.csv"));
    std::fs::write(&file, text).unwrap();
    file
}

fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        if !is_root() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(dir.path()).status().is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { dir })
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn remount(&self, mode: &str) {
        let status = Command::new("mount").args(["-o", &format!("remount,{mode}")]).arg(self.path()).status().unwrap();
        assert!(status.success(), "remount {mode}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// Fills the file system under `dir` until it refuses, then frees `leave` bytes.
fn fill(dir: &Path, leave: usize) {
    use std::io::Write;
    let mut big = std::fs::File::create(dir.join("filler")).unwrap();
    let chunk = vec![0x5au8; 16 * 1024];
    while big.write_all(&chunk).and_then(|_| big.sync_all()).is_ok() {}
    let mut small = std::fs::File::create(dir.join("filler-small")).unwrap();
    let _ = small.write_all(&vec![0u8; leave]);
    drop(small);
    std::fs::remove_file(dir.join("filler-small")).unwrap();
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect()).unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_full_disk_refuses_the_import_and_the_backup_clearly_and_writes_nothing() {
    let Some(fs) = Tmpfs::mount("16m") else {
        eprintln!("skipped: a size-limited tmpfs needs root (CAP_SYS_ADMIN) to mount");
        return;
    };
    let data = fs.path().join("data");
    init(&data);
    let elsewhere = tempfile::tempdir().unwrap();
    json(&data, &["import", csv(elsewhere.path(), "A-", 40).to_str().unwrap()]);
    let big = csv(elsewhere.path(), "B-", 4000);

    fill(fs.path(), 96 * 1024);
    let err = refused(&data, &["import", big.to_str().unwrap()]);
    assert_eq!(err["code"], "disk_full", "{err}");
    assert!(err["message"].as_str().unwrap().contains("disk is full"), "{err}");
    let err = refused(&data, &["backup", "create"]);
    assert_eq!(err["code"], "disk_full", "{err}");
    assert!(ledger::list_backups(&data.join("backups")).unwrap().is_empty());
    assert!(files(&data.join("backups")).iter().all(|f| !f.contains(".partial")), "no partial backup left: {:?}", files(&data.join("backups")));

    std::fs::remove_file(fs.path().join("filler")).unwrap();
    sound(&data);
    assert_eq!(assets(&data), 40, "nothing of the refused import was written");
    assert_eq!(json(&data, &["import", big.to_str().unwrap()])["imported"], 4000, "with space again the same import goes through");
    sound(&data);
}

#[test]
fn a_read_only_data_folder_refuses_writes_clearly_and_keeps_the_ledger() {
    let mount = Tmpfs::mount("8m");
    let plain = tempfile::tempdir().unwrap();
    let data = mount.as_ref().map(|m| m.path().to_path_buf()).unwrap_or_else(|| plain.path().to_path_buf()).join("data");
    init(&data);
    json(&data, &["asset", "add", "--name", "打印机", "--category", "办公设备"]);
    let before = std::fs::read(data.join("ledger.sqlite3")).unwrap();
    let set_read_only = |on: bool| match &mount {
        Some(m) => m.remount(if on { "ro" } else { "rw" }),
        None => {
            use std::os::unix::fs::PermissionsExt;
            for (p, mode) in [(data.join("ledger.sqlite3"), if on { 0o444 } else { 0o644 }), (data.clone(), if on { 0o555 } else { 0o755 })] {
                std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
            }
        }
    };
    set_read_only(true);
    let err = refused(&data, &["asset", "add", "--name", "扫描仪", "--category", "办公设备"]);
    assert_eq!(err["code"], "read_only", "{err}");
    assert!(err["message"].as_str().unwrap().contains("read-only"), "{err}");
    let err = refused(&data, &["backup", "create"]);
    assert_eq!(err["code"], "read_only", "{err}");
    assert_eq!(std::fs::read(data.join("ledger.sqlite3")).unwrap(), before, "the ledger file is untouched");
    set_read_only(false);
    assert_eq!(assets(&data), 1);
    sound(&data);
}

#[test]
fn two_processes_writing_at_once_both_land_and_never_corrupt_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    init(&d);
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let d = d.clone();
            std::thread::spawn(move || {
                for i in 0..12 {
                    let name = format!("并发{w}-{i}");
                    let out = run(&d, &["asset", "add", "--name", &name, "--category", "电脑"]);
                    assert!(out.status.success(), "writer {w} add {i}: {}", String::from_utf8_lossy(&out.stderr));
                    let code = serde_json::from_slice::<Value>(&out.stdout).unwrap()["code"].as_str().unwrap().to_string();
                    let out = run(&d, &["doc", "issue", "--to", "张三", &code]);
                    assert!(out.status.success(), "writer {w} issue {i}: {}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(assets(&d), 24);
    assert_eq!(json(&d, &["asset", "list", "--status", "in_use", "--limit", "100"]).as_array().unwrap().len(), 24);
    sound(&d);
}

fn damage_header(file: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
    f.seek(SeekFrom::Start(0)).unwrap();
    f.write_all(b"this was overwritten by a bad disk sector....").unwrap();
}

#[test]
fn a_damaged_ledger_is_named_and_restored_from_a_backup_keeping_the_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    init(d);
    let code = json(d, &["asset", "add", "--name", "服务器", "--category", "电脑"])["code"].as_str().unwrap().to_string();
    let backup = json(d, &["backup", "create"])["file"].as_str().unwrap().to_string();
    let file = d.join("ledger.sqlite3");
    damage_header(&file);
    let damaged = std::fs::read(&file).unwrap();

    for args in [&["asset", "list"][..], &["audit", "verify"], &["backup", "create"]] {
        let err = refused(d, args);
        assert_eq!(err["code"], "damaged_ledger", "{args:?}: {err}");
        let message = err["message"].as_str().unwrap();
        assert!(message.contains(file.to_str().unwrap()) && message.contains("backup restore"), "names the file and the way out: {message}");
    }
    let bogus = d.join("bogus.sqlite3");
    std::fs::write(&bogus, b"not a backup").unwrap();
    assert_eq!(refused(d, &["backup", "restore", bogus.to_str().unwrap()])["code"], "invalid_input");
    assert_eq!(std::fs::read(&file).unwrap(), damaged, "a refused restore leaves the damaged file where it was");

    let restored = json(d, &["backup", "restore", &backup]);
    let aside = PathBuf::from(restored["damaged_moved_to"].as_str().unwrap());
    assert_eq!(std::fs::read(&aside).unwrap(), damaged, "the damaged file is kept, not deleted");
    assert_eq!(json(d, &["asset", "show", &code])["name"], "服务器");
    sound(d);
    let audit = json(d, &["audit", "list", "--limit", "5"]);
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "backup_restore_damaged" && e["user"] == "(recovery)"), "{audit}");
}

#[test]
fn damage_inside_the_file_is_found_by_the_check_and_restored_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    init(d);
    json(d, &["import", csv(d, "M-", 1500).to_str().unwrap()]);
    let backup = json(d, &["backup", "create"])["file"].as_str().unwrap().to_string();
    let file = d.join("ledger.sqlite3");
    {
        use std::io::{Seek, SeekFrom, Write};
        let len = std::fs::metadata(&file).unwrap().len();
        let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
        f.seek(SeekFrom::Start(len / 2 / 4096 * 4096)).unwrap();
        f.write_all(&[0xff; 3 * 4096]).unwrap();
    }
    assert!(ledger::Ledger::damage(d).is_some(), "quick_check finds a damaged page");
    let err = refused(d, &["audit", "verify"]);
    assert_eq!(err["code"], "damaged_ledger", "{err}");
    let restored = json(d, &["backup", "restore", &backup]);
    assert!(restored["damaged_moved_to"].is_string());
    assert_eq!(assets(d), 1500);
    sound(d);
}

#[test]
fn a_backup_restores_onto_a_new_computer_but_never_replaces_a_sound_ledger_without_a_login() {
    let old = tempfile::tempdir().unwrap();
    init(old.path());
    json(old.path(), &["asset", "add", "--name", "投影仪", "--category", "办公设备"]);
    let backup = json(old.path(), &["backup", "create"])["file"].as_str().unwrap().to_string();

    let fresh = tempfile::tempdir().unwrap();
    let data = fresh.path().join("AssetDesk");
    let restored = json(&data, &["backup", "restore", &backup]);
    assert!(restored["damaged_moved_to"].is_null());
    assert_eq!(assets(&data), 1);
    sound(&data);

    // A sound ledger goes through the administrator's restore (login, restore point).
    let out = Command::new(env!("CARGO_BIN_EXE_assetdesk"))
        .arg("--data-dir")
        .arg(old.path())
        .args(["--json", "backup", "restore", &backup])
        .env("ASSETDESK_PASSWORD", "wrong-password")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"], "unauthenticated");
    let err = ledger::Ledger::restore_damaged(old.path(), Path::new(&backup)).unwrap_err();
    assert_eq!(err.code, ledger::ErrorCode::Conflict, "{err}");
}

/// Regression: `assetdesk asset list | head` panicked ("failed printing to stdout") when
/// the reader went away; now it stops quietly, as Unix tools do.
#[test]
fn a_reader_that_goes_away_stops_the_output_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    for i in 0..3 {
        json(dir.path(), &["asset", "add", "--name", &format!("椅子{i}"), "--category", "家具"]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_assetdesk"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--json", "asset", "list"])
        .env("ASSETDESK_PASSWORD", PASSWORD)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // nobody reads: the first write finds the pipe closed
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "ended by SIGPIPE like any Unix tool: {:?}", out.status);
}
