//! Tamper evidence (issue 26), probed as an auditor would: real ledger files changed with
//! SQLite behind AssetDesk's back, the real `assetdesk` binary asked `audit verify`.
//! Each ledger gets its own config folder (ASSETDESK_CONFIG_DIR) for its audit key, so
//! a test can lose the key without touching any other test or the real home.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::{params, Connection};
use serde_json::Value;
use sha2::{Digest, Sha256};

use support::PASSWORD;

struct Desk {
    data: tempfile::TempDir,
    config: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let desk = Desk { data: tempfile::tempdir().unwrap(), config: tempfile::tempdir().unwrap() };
        let out = desk.run(&["init", "--admin", "admin", "--company", "示例单位"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        desk
    }
    fn dir(&self) -> &Path {
        self.data.path()
    }
    fn ledger_file(&self) -> PathBuf {
        self.dir().join("ledger.sqlite3")
    }
    fn command(&self, args: &[&str]) -> Command {
        let mut c = support::command(self.dir(), args);
        c.env("ASSETDESK_CONFIG_DIR", self.config.path());
        c
    }
    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run assetdesk")
    }
    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(out.status.success(), "assetdesk {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("JSON")
    }
    /// `audit verify --json`: exit code and answer.
    fn verify(&self) -> (i32, Value) {
        let out = self.run(&["--json", "audit", "verify"]);
        (out.status.code().unwrap_or(-1), serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(&out.stdout))))
    }
    fn add(&self, name: &str) -> String {
        self.json(&["asset", "add", "--name", name, "--category", "电脑", "--value", "5000", "--acquired", "2026-01-05"])["code"].as_str().unwrap().to_string()
    }
    fn sql(&self) -> Connection {
        Connection::open(self.ledger_file()).unwrap()
    }
    fn audit_rows(&self) -> i64 {
        self.sql().query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap()
    }
    fn anchor_seq(&self) -> i64 {
        let text = std::fs::read_to_string(self.dir().join("audit-anchor")).unwrap();
        text.lines().find_map(|l| l.strip_prefix("seq=")).unwrap().parse().unwrap()
    }
    fn key_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.config.path().join("audit-keys")) {
            Ok(d) => d.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

fn kinds(answer: &Value) -> Vec<String> {
    answer["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap().to_string()).collect()
}

fn assert_intact(desk: &Desk) -> Value {
    let (code, answer) = desk.verify();
    assert_eq!(code, 0, "{answer:#}");
    assert_eq!(answer["ok"], true);
    assert_eq!(answer["status"], "ok");
    answer
}

#[test]
fn an_intact_ledger_verifies_with_its_fingerprint() {
    let desk = Desk::new();
    desk.add("笔记本");
    let answer = assert_intact(&desk);
    let entries = answer["entries"].as_i64().unwrap();
    assert!(entries >= 2, "{answer:#}");
    assert_eq!(answer["head"]["seq"], entries);
    assert_eq!(answer["anchor"]["seq"], entries, "every write moves the anchor");
    let fp = answer["fingerprint"].as_str().unwrap();
    assert_eq!(fp, format!("{}-{entries}", &answer["head"]["hash"].as_str().unwrap()[..8]));
}

#[test]
fn deleting_the_newest_audit_entry_is_detected() {
    let desk = Desk::new();
    desk.add("笔记本");
    desk.add("台式机");
    let before = assert_intact(&desk)["entries"].as_i64().unwrap();
    desk.sql().execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)", []).unwrap();
    let (code, answer) = desk.verify();
    assert_eq!(code, 1, "{answer:#}");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["entries"], before - 1);
    assert_eq!(answer["status"], "rollback");
    assert_eq!(kinds(&answer), ["behind_anchor"]);
    let message = answer["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains(&format!("ends at entry {}", before - 1)) && message.contains(&format!("records entry {before}")), "{message}");
    // Every open says so too, cheaply (the head against the anchor).
    let out = desk.run(&["asset", "list"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: the ledger's audit log ends at entry"), "{}", String::from_utf8_lossy(&out.stderr));
    // New writes fill the deleted numbers with other hashes: still found, and the anchor
    // stays where it was (a write moves it only along its own chain).
    let anchored = desk.anchor_seq();
    desk.add("打印机");
    desk.add("扫描仪");
    let (code, answer) = desk.verify();
    assert_eq!(code, 1, "{answer:#}");
    assert_eq!(answer["status"], "tampered");
    assert_eq!(kinds(&answer), ["differs_at_anchor"]);
    assert_eq!(desk.anchor_seq(), anchored);
}

#[test]
fn an_edited_anchor_is_detected() {
    let desk = Desk::new();
    desk.add("笔记本");
    desk.add("台式机");
    let file = desk.dir().join("audit-anchor");
    let original = std::fs::read_to_string(&file).unwrap();
    let seq = desk.anchor_seq();
    let hash_before: String = desk.sql().query_row("SELECT hash FROM audit_log WHERE id = ?1", [seq - 1], |r| r.get(0)).unwrap();
    // Shortened to match a deleted tail, and (separately) claiming an unknown key.
    desk.sql().execute("DELETE FROM audit_log WHERE id = ?1", [seq]).unwrap();
    let shortened: String = original
        .lines()
        .map(|l| if l.starts_with("seq=") { format!("seq={}", seq - 1) } else if l.starts_with("hash=") { format!("hash={hash_before}") } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, format!("{shortened}\n")).unwrap();
    let (code, answer) = desk.verify();
    assert_eq!(code, 1);
    assert_eq!(kinds(&answer), ["anchor_forged"], "{answer:#}");
    let other_key: String = shortened.lines().map(|l| if l.starts_with("key_id=") { "key_id=0000000000000000".to_string() } else { l.to_string() }).collect::<Vec<_>>().join("\n");
    std::fs::write(&file, format!("{other_key}\n")).unwrap();
    let (code, answer) = desk.verify();
    assert_eq!(code, 1);
    assert_eq!(kinds(&answer), ["anchor_forged"], "{answer:#}");
}

#[test]
fn deleting_the_newest_document_with_its_traces_is_detected() {
    let desk = Desk::new();
    let a = desk.add("笔记本");
    let before_doc = desk.audit_rows();
    let doc = desk.json(&["doc", "issue", "--to", "张三", "--dept", "财务部", &a])["doc"].as_str().unwrap().to_string();
    assert_intact(&desk);
    // Everything the document left: its journal line, its audit rows (and those after
    // it), its number, and the asset put back where it was before.
    let conn = desk.sql();
    let (doc_id, kind): (i64, String) = conn.query_row("SELECT id, kind FROM documents WHERE doc_no = ?1", [&doc], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(kind, "issue");
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF;
         UPDATE assets SET status = 'in_stock', dept_id = NULL, custodian_id = NULL WHERE code = '{a}';
         DELETE FROM journal WHERE document_id = {doc_id};
         DELETE FROM documents WHERE id = {doc_id};
         DELETE FROM audit_log WHERE id > {before_doc};
         UPDATE sequences SET last = last - 1 WHERE key LIKE 'LY%';"
    ))
    .unwrap();
    drop(conn);
    let (code, answer) = desk.verify();
    assert_eq!(code, 1, "{answer:#}");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["problems"], Value::Array(vec![]), "the ledger agrees with itself: only the anchor can tell: {answer:#}");
    assert_eq!(answer["status"], "rollback");
    assert!(kinds(&answer).contains(&"behind_anchor".to_string()), "{answer:#}");
}

/// The published (pre-issue-26) formula: plain SHA-256 over length-prefixed fields.
fn plain_hash(prev: &str, id: i64, at: &str, user: &str, action: &str, target: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, &id.to_string(), at, user, action, target, detail] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn an_edited_middle_entry_with_hashes_recomputed_is_detected() {
    let desk = Desk::new();
    for name in ["笔记本", "台式机", "打印机"] {
        desk.add(name);
    }
    assert_intact(&desk);
    let conn = desk.sql();
    let edited = 3;
    conn.execute("UPDATE audit_log SET user_name = 'mallory' WHERE id = ?1", [edited]).unwrap();
    // Recompute every hash from the edited row on, as the file alone allows.
    let rows: Vec<(i64, String, String, String, String, String)> = conn
        .prepare("SELECT id, at, user_name, action, target, detail FROM audit_log WHERE id >= ?1 ORDER BY id")
        .unwrap()
        .query_map([edited], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut prev: String = conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [edited - 1], |r| r.get(0)).unwrap();
    for (id, at, user, action, target, detail) in rows {
        let hash = plain_hash(&prev, id, &at, &user, &action, &target, &detail);
        conn.execute("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1", params![id, prev, hash]).unwrap();
        prev = hash;
    }
    drop(conn);
    let (code, answer) = desk.verify();
    assert_eq!(code, 1, "{answer:#}");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["status"], "tampered");
    assert_eq!(answer["broken_at"], edited);
    let found = kinds(&answer);
    assert!(found.contains(&"chain_broken".to_string()) && found.contains(&"differs_at_anchor".to_string()), "{answer:#}");
}

#[test]
fn an_older_copy_put_back_beside_a_newer_backup_is_a_rollback() {
    let desk = Desk::new();
    for i in 0..5 {
        desk.add(&format!("早期 {i}"));
    }
    let old_copy = desk.config.path().join("old-ledger.sqlite3");
    std::fs::copy(desk.ledger_file(), &old_copy).unwrap();
    let old_entries = desk.sql().query_row("SELECT MAX(id) FROM audit_log", [], |r| r.get::<_, i64>(0)).unwrap();
    for i in 0..5 {
        desk.add(&format!("后来 {i}"));
    }
    desk.json(&["backup", "create"]);
    assert_intact(&desk);

    std::fs::copy(&old_copy, desk.ledger_file()).unwrap();
    let (code, answer) = desk.verify();
    assert_eq!(code, 1, "{answer:#}");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["status"], "rollback");
    assert_eq!(answer["entries"], old_entries);
    assert_eq!(kinds(&answer), ["behind_anchor", "behind_backup"]);
    assert!(answer["newest_backup"]["seq"].as_i64().unwrap() > old_entries);

    // The anchor removed as well: the newest backup still tells.
    std::fs::remove_file(desk.dir().join("audit-anchor")).unwrap();
    let (code, answer) = desk.verify();
    assert_eq!(code, 1);
    assert_eq!(kinds(&answer), ["anchor_missing", "behind_backup"], "{answer:#}");
}

#[test]
fn backup_restore_is_the_audited_way_back() {
    let desk = Desk::new();
    desk.add("笔记本");
    let backup = desk.json(&["backup", "create"])["file"].as_str().unwrap().to_string();
    desk.add("台式机");
    desk.add("打印机");
    desk.json(&["backup", "restore", &backup]);
    let answer = assert_intact(&desk);
    assert_eq!(answer["anchor"]["seq"], answer["head"]["seq"], "the restore moved the anchor back to the restored head");
    let log = desk.json(&["audit", "list", "--limit", "1"]);
    assert_eq!(log[0]["action"], "backup_restore");
}

#[test]
fn a_kill_between_commit_and_anchor_write_raises_no_alarm_and_the_next_write_repairs_it() {
    let desk = Desk::new();
    desk.add("笔记本");
    let anchored = desk.anchor_seq();
    let out = desk
        .command(&["--json", "asset", "add", "--name", "台式机", "--category", "电脑", "--value", "3000", "--acquired", "2026-01-05"])
        .env("ASSETDESK_TEST_ABORT_AFTER_COMMIT", "asset_add")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the hook aborted it");
    #[cfg(unix)]
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&out.status), Some(libc::SIGABRT));
    // The write is committed; the anchor was not moved.
    let names: i64 = desk.sql().query_row("SELECT COUNT(*) FROM assets WHERE name = '台式机'", [], |r| r.get(0)).unwrap();
    assert_eq!(names, 1);
    assert_eq!(desk.anchor_seq(), anchored);
    let answer = assert_intact(&desk);
    assert!(answer["head"]["seq"].as_i64().unwrap() > anchored, "the ledger is ahead of its anchor: {answer:#}");
    assert_eq!(answer["findings"], Value::Array(vec![]));
    // The next write anchors the head again.
    desk.add("打印机");
    let answer = assert_intact(&desk);
    assert_eq!(desk.anchor_seq(), answer["head"]["seq"].as_i64().unwrap());
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_fresh_ledgers_files_are_its_owners_only() {
    let desk = Desk::new();
    desk.add("笔记本");
    let backup = PathBuf::from(desk.json(&["backup", "create"])["file"].as_str().unwrap());
    let point = PathBuf::from(desk.json(&["backup", "restore", backup.to_str().unwrap()])["restore_point"].as_str().unwrap_or_default());
    let d = desk.dir();
    assert_eq!(mode(d), 0o700);
    for file in [desk.ledger_file(), d.join("audit-anchor"), backup.clone(), PathBuf::from(format!("{}.sha256", backup.display()))] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    // -wal/-shm exist while a connection is open.
    let conn = desk.sql();
    conn.query_row("SELECT COUNT(*) FROM assets", [], |r| r.get::<_, i64>(0)).unwrap();
    for suffix in ["-wal", "-shm"] {
        let f = PathBuf::from(format!("{}{suffix}", desk.ledger_file().display()));
        if f.exists() {
            assert_eq!(mode(&f), 0o600, "{}", f.display());
        }
    }
    drop(conn);
    assert_eq!(mode(&d.join("backups")), 0o700);
    assert_eq!(mode(&d.join("restore-points")), 0o700);
    for entry in std::fs::read_dir(d.join("restore-points")).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
    if !point.as_os_str().is_empty() {
        assert_eq!(mode(&point), 0o600);
    }
    let keys = desk.key_files();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(mode(&keys[0]), 0o600);
    assert_eq!(mode(keys[0].parent().unwrap()), 0o700);
}

#[cfg(unix)]
#[test]
fn an_old_ledgers_files_are_tightened_when_it_opens() {
    use std::os::unix::fs::PermissionsExt;
    let desk = Desk::new();
    desk.add("笔记本");
    let backup = PathBuf::from(desk.json(&["backup", "create"])["file"].as_str().unwrap());
    let d = desk.dir();
    let loosen = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    loosen(d, 0o755);
    loosen(&d.join("backups"), 0o755);
    for f in [desk.ledger_file(), d.join("audit-anchor"), backup.clone()] {
        loosen(&f, 0o644);
    }
    desk.json(&["asset", "list"]);
    assert_eq!(mode(d), 0o700);
    assert_eq!(mode(&d.join("backups")), 0o700);
    for f in [desk.ledger_file(), d.join("audit-anchor"), backup] {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}

#[test]
fn a_missing_key_means_cannot_check_and_an_admin_rekeys() {
    let desk = Desk::new();
    desk.add("笔记本");
    for key in desk.key_files() {
        std::fs::remove_file(key).unwrap();
    }
    let (code, answer) = desk.verify();
    assert_eq!(code, 1, "{answer:#}");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["status"], "key_missing", "neither ok nor tampered: {answer:#}");
    assert_eq!(kinds(&answer), ["key_missing"]);
    let stderr = String::from_utf8_lossy(&desk.run(&["audit", "verify"]).stderr).to_string();
    assert!(stderr.contains("cannot check the audit log: its key is missing"), "{stderr}");

    // A write without the key is refused and saves nothing.
    let rows = desk.audit_rows();
    let out = desk.run(&["--json", "asset", "add", "--name", "台式机", "--category", "电脑", "--value", "1", "--acquired", "2026-01-05"]);
    assert_eq!(out.status.code(), Some(1));
    let refusal: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(refusal["error"]["code"], "audit_key_missing");
    assert_eq!(desk.audit_rows(), rows);
    assert_eq!(desk.sql().query_row("SELECT COUNT(*) FROM assets", [], |r| r.get::<_, i64>(0)).unwrap(), 1);

    let rekeyed = desk.json(&["audit", "rekey"]);
    assert_eq!(rekeyed["ok"], true, "{rekeyed:#}");
    assert_intact(&desk);
    let last = desk.json(&["audit", "list", "--limit", "1"]);
    assert_eq!(last[0]["action"], "audit_rekey");
    assert!(last[0]["detail"].as_str().unwrap().contains("old key missing"), "{last:#}");
    desk.add("台式机");
    assert_intact(&desk);
}

#[test]
fn rekey_with_the_key_verifies_first_and_replaces_it() {
    let desk = Desk::new();
    desk.add("笔记本");
    let old = desk.key_files();
    let rekeyed = desk.json(&["audit", "rekey"]);
    assert_eq!(rekeyed["ok"], true);
    let new = desk.key_files();
    assert_eq!(new.len(), 1);
    assert_ne!(old, new, "a new key replaced the old one");
    assert_intact(&desk);
    // A broken chain is not re-keyed: that would hide the break.
    desk.sql().execute("UPDATE audit_log SET detail = 'nothing' WHERE id = 2", []).unwrap();
    let out = desk.run(&["--json", "audit", "rekey"]);
    assert_eq!(out.status.code(), Some(1));
    let refusal: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(refusal["error"]["code"], "conflict");
}

#[test]
fn a_refused_command_writes_nothing() {
    let desk = Desk::new();
    desk.json(&["register", "add", "dept", "行政部"]);
    desk.json(&["user", "add", "clerk", "--role", "normal", "--dept", "行政部"]);
    let rows = desk.audit_rows();
    // Forbidden for the user, bad input for the admin, an unknown asset: no trace.
    let forbidden = desk.command(&["--json", "--user", "clerk", "user", "add", "eve", "--role", "admin"]).env("ASSETDESK_PASSWORD", support::NEW_USER_PASSWORD).output().unwrap();
    assert_eq!(forbidden.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&forbidden.stdout).unwrap()["error"]["code"], "forbidden");
    let bad = desk.run(&["--json", "asset", "add", "--name", "x", "--category", "电脑", "--value", "abc", "--acquired", "2026-01-05"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(desk.run(&["asset", "show", "NOPE-1"]).status.code(), Some(1));
    assert_eq!(desk.audit_rows(), rows, "no login or other entry for refused commands");
    let _ = PASSWORD;
}

#[test]
fn long_bad_input_is_quoted_shortly() {
    let desk = Desk::new();
    let long = "x".repeat(10_000);
    for args in [vec!["asset", "show", long.as_str()], vec!["asset", "add", "--name", "x", "--category", "电脑", "--value", long.as_str(), "--acquired", "2026-01-05"]] {
        let out = desk.run(&args);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(stderr.chars().count() < 400, "{} characters: {}", stderr.chars().count(), &stderr[..200]);
        assert!(stderr.contains(&"x".repeat(80)) && stderr.contains("(10000 chars)"), "{stderr}");
    }
}

#[test]
fn an_old_unkeyed_chain_is_verified_and_keyed_on_open() {
    let desk = Desk::new();
    desk.add("笔记本");
    desk.add("台式机");
    // Make it a ledger from before issue 26: no id, no key, plain SHA-256 chain, no anchor.
    let conn = desk.sql();
    conn.execute_batch("DELETE FROM settings WHERE key IN ('ledger_id', 'audit_key_id', 'audit_keyed_from'); PRAGMA user_version = 15;").unwrap();
    let rows: Vec<(i64, String, String, String, String, String)> = conn
        .prepare("SELECT id, at, user_name, action, target, detail FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut prev = "0".repeat(64);
    for (id, at, user, action, target, detail) in &rows {
        let hash = plain_hash(&prev, *id, at, user, action, target, detail);
        conn.execute("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1", params![id, prev, hash]).unwrap();
        prev = hash;
    }
    drop(conn);
    std::fs::remove_file(desk.dir().join("audit-anchor")).unwrap();
    for key in desk.key_files() {
        std::fs::remove_file(key).unwrap();
    }

    let answer = assert_intact(&desk);
    // Opening an older schema adds two entries: the backup before the upgrade, then the keying.
    assert_eq!(answer["entries"], rows.len() as i64 + 2, "the upgrade backup and the keying: {answer:#}");
    let last = desk.json(&["audit", "list", "--limit", "1"]);
    assert_eq!(last[0]["action"], "audit_chain_keyed");
    assert!(last[0]["detail"].as_str().unwrap().contains(&format!("SHA-256 chain of {} entries verified", rows.len() + 1)), "{last:#}");
    assert_eq!(desk.key_files().len(), 1);

    // The old part is sealed by the first keyed entry: recomputing it no longer passes.
    let conn = desk.sql();
    conn.execute("UPDATE audit_log SET detail = 'rewritten' WHERE id = 2", []).unwrap();
    let mut prev: String = conn.query_row("SELECT hash FROM audit_log WHERE id = 1", [], |r| r.get(0)).unwrap();
    for (id, at, user, action, target, _) in rows.iter().skip(1) {
        let detail: String = conn.query_row("SELECT detail FROM audit_log WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        let hash = plain_hash(&prev, *id, at, user, action, target, &detail);
        conn.execute("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1", params![id, prev, hash]).unwrap();
        prev = hash;
    }
    drop(conn);
    let (code, answer) = desk.verify();
    assert_eq!(code, 1);
    assert_eq!(answer["status"], "tampered");
    assert_eq!(answer["broken_at"], rows.len() as i64 + 1, "the keyed entry no longer links: {answer:#}");
}

#[test]
fn two_writers_at_once_never_move_the_anchor_back() {
    let desk = Desk::new();
    // Two processes writing the same ledger at the same time (the app and a cron job),
    // several rounds: each commit anchors after it, in whatever order they finish.
    for round in 0..4 {
        let children: Vec<_> = (0..2)
            .map(|w| {
                desk.command(&["--json", "asset", "add", "--name", &format!("并发 {round}-{w}"), "--category", "电脑", "--value", "100", "--acquired", "2026-01-05"])
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        let answer = assert_intact(&desk);
        assert_eq!(desk.anchor_seq(), answer["head"]["seq"].as_i64().unwrap(), "round {round}: the later commit's anchor stands");
    }
}
