//! The adapters stay thin (issue 23). The desktop shell's commands (src-tauri/src) and
//! the CLI (crates/cli/src) parse, call one function of the api crate (crates/api),
//! and render. Two rules, read from the source files:
//!
//! 1. No SQL in an adapter, ever: no `rusqlite`, no `.execute(` / `.prepare(` /
//!    `.query_row(` / `.execute_batch(`, no string holding an SQL statement
//!    (`SELECT … FROM`, `INSERT INTO`, `UPDATE … SET`, `DELETE FROM`, `CREATE TABLE`,
//!    `PRAGMA`), and neither adapter's Cargo.toml lists rusqlite as a (non-dev)
//!    dependency. SQL lives in crates/ledger alone.
//! 2. An adapter reaches the core only through the api crate: outside comments, a file
//!    may not name the core crates that read the ledger (`ledger::`, `use ledger`,
//!    `reports::`, `exchange::`, `label_jobs::` as crate paths), the `Ledger` or `Actor`
//!    types, or the two doors the unported code still uses to get them
//!    (`AppState::as_user(`, the CLI's `open_as(`). The files not yet ported are listed
//!    in `NOT_YET_PORTED` below; the list only shrinks: a listed file that no longer
//!    breaks rule 2 fails the test until it is taken off the list.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Adapter files that still call the core directly, each with what moves it. Port a
/// file (see ARCHITECTURE.md, "Adding a command"), then delete its line.
const NOT_YET_PORTED: &[&str] = &[];

fn adapter_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["src-tauri/src", "crates/cli/src"] {
        walk(&root().join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 20, "found the adapters' sources: {files:?}");
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/")
}

/// The file's lines without `//` comments (doc comments included).
fn code_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let code = match line.find("//") {
                // Not inside a string literal ("file://…"): an even number of quotes before it.
                Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
                _ => line,
            };
            (i + 1, code.to_string())
        })
        .collect()
}

/// Where `word` occurs as a path's first segment: not preceded by an identifier
/// character or `::` (so `crate::reports::…` is a module of the adapter, not the crate).
fn crate_path_at(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = &line[..at];
        let prev = before.chars().last();
        !before.ends_with("::") && !prev.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn word_at(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let prev = line[..at].chars().last();
        let next = line[at + word.len()..].chars().next();
        !prev.is_some_and(|c| c.is_alphanumeric() || c == '_') && !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// What in `line` breaks rule 1 (SQL), if anything.
fn sql_in(line: &str) -> Option<&'static str> {
    const CALLS: &[&str] = &["rusqlite", ".execute(", ".execute_batch(", ".prepare(", ".prepare_cached(", ".query_row(", ".query_map("];
    if let Some(c) = CALLS.iter().find(|c| line.contains(**c)) {
        return Some(c);
    }
    // SQL statements as the ledger writes them: upper-case keywords inside a string.
    const STATEMENTS: &[(&str, &str)] =
        &[("SELECT ", " FROM "), ("INSERT INTO ", ""), ("UPDATE ", " SET "), ("DELETE FROM ", ""), ("CREATE TABLE", ""), ("PRAGMA ", ""), ("DROP TABLE", "")];
    let in_strings: String = line.split('"').skip(1).step_by(2).collect::<Vec<_>>().join("\"");
    STATEMENTS.iter().find(|(head, tail)| in_strings.contains(head) && in_strings.contains(tail)).map(|(head, _)| *head)
}

/// What in `line` breaks rule 2 (the core reached around the api crate), if anything.
fn core_call_in(line: &str) -> Option<&'static str> {
    for path in ["ledger::", "reports::", "exchange::", "label_jobs::"] {
        if crate_path_at(line, path) {
            return Some(path);
        }
    }
    for used in ["use ledger", "use reports", "use exchange", "use label_jobs"] {
        if line.trim_start().starts_with(used) {
            return Some(used);
        }
    }
    for ty in ["Ledger", "Actor"] {
        if word_at(line, ty) {
            return Some(ty);
        }
    }
    ["as_user(", "open_as("].into_iter().find(|door| line.contains(door))
}

#[test]
fn adapters_contain_no_sql() {
    let mut found = Vec::new();
    for file in adapter_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            if let Some(what) = sql_in(&line) {
                found.push(format!("{}:{n}: {what}  ({})", relative(&file), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "SQL belongs in crates/ledger, not in an adapter:\n{}", found.join("\n"));
    for manifest in ["src-tauri/Cargo.toml", "crates/cli/Cargo.toml"] {
        let text = std::fs::read_to_string(root().join(manifest)).unwrap();
        let deps = text.split("[dependencies]").nth(1).unwrap_or("").split("\n[").next().unwrap_or("");
        assert!(!deps.contains("rusqlite"), "{manifest} lists rusqlite as a dependency (dev-dependencies for tests are fine)");
    }
}

#[test]
fn ported_adapters_reach_the_core_only_through_the_api_crate() {
    let mut found = Vec::new();
    let mut clean_but_listed = Vec::new();
    for file in adapter_files() {
        let name = relative(&file);
        let text = std::fs::read_to_string(&file).unwrap();
        let breaks: Vec<String> = code_lines(&text)
            .into_iter()
            .filter_map(|(n, line)| core_call_in(&line).map(|what| format!("{name}:{n}: {what}  ({})", line.trim())))
            .collect();
        match (NOT_YET_PORTED.contains(&name.as_str()), breaks.is_empty()) {
            (false, false) => found.extend(breaks),
            (true, true) => clean_but_listed.push(name),
            _ => {}
        }
    }
    assert!(
        found.is_empty(),
        "these adapter files call the core directly; call the api crate (crates/api) instead, or, while porting, list the file in NOT_YET_PORTED:\n{}",
        found.join("\n")
    );
    assert!(clean_but_listed.is_empty(), "ported: take these off NOT_YET_PORTED in {}:\n{}", file!(), clean_but_listed.join("\n"));
    for listed in NOT_YET_PORTED {
        assert!(root().join(listed).is_file(), "{listed} is in NOT_YET_PORTED but does not exist; take it off the list");
    }
}

/// The rules themselves, on lines that must and must not trip them.
#[test]
fn the_rules_catch_what_they_say() {
    assert_eq!(sql_in(r#"tx.execute("UPDATE assets SET x = 1", [])?;"#), Some(".execute("));
    assert_eq!(sql_in(r#"let q = "SELECT code FROM assets";"#), Some("SELECT "));
    assert_eq!(sql_in(r#"let q = format!("DELETE FROM t WHERE id = {id}");"#), Some("DELETE FROM "));
    assert_eq!(sql_in(r#"out.result(json!({"state": "posted"}), || "SELECT a printer".into());"#), None);
    assert_eq!(sql_in("let n = rows.len(); // count"), None);
    assert_eq!(core_call_in("use ledger::{Actor, Ledger};"), Some("ledger::"));
    assert_eq!(core_call_in("let x = reports::render_slip(&d);"), Some("reports::"));
    assert_eq!(core_call_in("Command::Report(cmd) => crate::reports::report(cli, out, cmd),"), None);
    assert_eq!(core_call_in("state.as_user(|l, a| l.asset(a, &code))"), Some("as_user("));
    assert_eq!(core_call_in("fn f(ledger: &mut Ledger) {}"), Some("Ledger"));
    assert_eq!(core_call_in("state.call(|cx| api::assets::list(cx, query))"), None);
    assert_eq!(core_call_in("let name = \"LedgerSheet\";"), None);
    let lines = code_lines("let a = 1; // ledger::Ledger in a comment\n/// use ledger;\nlet u = \"http://x\"; api::f()");
    assert!(lines.iter().all(|(_, l)| core_call_in(l).is_none()), "{lines:?}");
}
