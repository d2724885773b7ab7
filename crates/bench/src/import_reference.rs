//! The fair floor for our import (issue 25): SQLite writing exactly the rows our import
//! wrote — assets, their search-index tokens (unigrams, bigrams, pinyin initials and
//! full pinyin), the registration document and its journal lines, the registers and
//! audit entries — into the ledger as it was before the import (our own migrations:
//! same tables, indexes, FTS5 index, pragmas), in one transaction, with one prepared
//! INSERT per table.
//!
//! It runs on the SQLite the ledger is built with (rusqlite's bundled one, compiled
//! optimised), not the sqlite3 CLI: Debian's CLI (3.40) cannot open the ledger's FTS5
//! table (contentless_delete needs 3.43). The rows are taken from the ledger our import
//! produced and decoded before the clock starts, so the reference does no parsing of
//! the clerk's sheet, no validation and no token building: what separates us from it
//! is exactly that work plus our per-row overhead.

use std::path::Path;
use std::time::{Duration, Instant};

use ledger::Ledger;
use rusqlite::types::Value;

/// The tables an import writes, parents before children (foreign keys stay on).
const WRITTEN: &[&str] = &["categories", "departments", "locations", "people", "documents", "assets", "journal", "incidents", "sequences", "audit_log"];

/// One table's rows to write.
struct Load {
    table: String,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// Takes the rows our import added to `imported` (the ledger directory it wrote) beyond
/// `before` (a copy of that ledger's file taken just before the import), then times
/// SQLite writing them into another copy of `before`: (wall time, CPU seconds).
pub(crate) fn fair_reference(before: &Path, imported: &Path, work: &Path) -> (Duration, f64) {
    let fresh = work.join("fair-reference.sqlite3");
    let _ = std::fs::remove_file(work.join("fair-reference.sqlite3-wal"));
    std::fs::copy(before, &fresh).expect("copy the ledger as it was before the import");

    let conn = rusqlite::Connection::open(Ledger::file_in(imported)).expect("open the imported ledger");
    conn.execute("ATTACH ?1 AS fresh", [before.to_string_lossy()]).expect("attach");
    check_nothing_else_written(&conn);
    let mut loads = Vec::new();
    for table in WRITTEN {
        let columns = columns_of(&conn, table);
        let column_list = columns.join(", ");
        let rows = rows_of(&conn, &format!("SELECT {column_list} FROM main.{table} EXCEPT SELECT {column_list} FROM fresh.{table}"));
        loads.push(Load { table: table.to_string(), columns, rows });
    }
    // The index's tokens, built by the ledger's own tokeniser from each asset's search text.
    let tokens = rows_of(&conn, "SELECT id, search_text FROM main.assets")
        .into_iter()
        .map(|r| match (&r[0], &r[1]) {
            (Value::Integer(id), Value::Text(text)) => vec![Value::Integer(*id), Value::Text(ledger::search_index_tokens(text))],
            other => panic!("unexpected asset row {other:?}"),
        })
        .collect();
    loads.push(Load { table: "asset_fts".into(), columns: vec!["rowid".into(), "tokens".into()], rows: tokens });
    drop(conn);

    let start = Instant::now();
    let cpu = crate::heavy::thread_cpu();
    let mut db = rusqlite::Connection::open(&fresh).expect("open the reference ledger");
    for (pragma, value) in [("journal_mode", "WAL"), ("synchronous", "FULL"), ("foreign_keys", "ON"), ("cache_size", "-32768"), ("temp_store", "MEMORY")] {
        db.pragma_update(None, pragma, value).unwrap();
    }
    let tx = db.transaction().unwrap();
    for load in &loads {
        let marks = (1..=load.columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let (table, column_list) = (&load.table, load.columns.join(", "));
        let mut insert = tx.prepare(&format!("INSERT OR REPLACE INTO main.{table}({column_list}) VALUES ({marks})")).unwrap();
        for row in &load.rows {
            insert.execute(rusqlite::params_from_iter(row)).unwrap();
        }
    }
    tx.commit().unwrap();
    drop(db);
    let took = start.elapsed();
    let cpu = crate::heavy::thread_cpu() - cpu;

    // The reference holds what ours holds: the same assets, found by the same search.
    let check = rusqlite::Connection::open(&fresh).unwrap();
    let ours = rusqlite::Connection::open(Ledger::file_in(imported)).unwrap();
    let count = |c: &rusqlite::Connection, sql: &str, params: &[&str]| -> i64 { c.query_row(sql, rusqlite::params_from_iter(params), |r| r.get(0)).unwrap() };
    let lxbj = ledger::search_match_expr("lxbj").unwrap();
    for (sql, params) in [
        ("SELECT count(*) FROM assets", vec![]),
        ("SELECT count(*) FROM journal", vec![]),
        ("SELECT count(*) FROM asset_fts WHERE asset_fts MATCH ?1", vec![lxbj.as_str()]),
    ] {
        assert_eq!(count(&check, sql, &params), count(&ours, sql, &params), "the fair reference differs from our import: {sql}");
    }
    (took, cpu)
}

fn rows_of(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect()).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// Every table our import changed is one the reference writes too.
fn check_nothing_else_written(conn: &rusqlite::Connection) {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'asset_fts%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for table in tables.iter().filter(|t| !WRITTEN.contains(&t.as_str())) {
        let column_list = columns_of(conn, table).join(", ");
        let changed: i64 = conn
            .query_row(&format!("SELECT count(*) FROM (SELECT {column_list} FROM main.{table} EXCEPT SELECT {column_list} FROM fresh.{table})"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(changed, 0, "the import wrote {table}, which the fair reference does not load: add it to WRITTEN");
    }
}

fn columns_of(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')")).unwrap().query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

