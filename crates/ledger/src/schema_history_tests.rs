//! Migration order, published checksums, refusal of a changed migration, known variants,
//! and the generator of the committed fixture ledgers (one per schema a main build wrote).

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::*;
use crate::{ErrorCode, Lang, Ledger, SetupInput};

/// The SHA-256 of every published migration. A migration is published once it is on
/// main; its line here never changes (add one for a new migration).
const PUBLISHED: &[(i64, &str)] = &[
    (1, "0e385973aca312557456227c9ed045224586ae7fe6e968bd71016a4588375016"),
    (2, "b6567343d8bf4963f3e4f3d87d59c316671744c8f8adbcdb6ccd1f5b3c814438"),
    (3, "d56320fc1a8251eaffa0616cd0d379574dad75b716d2c8a0ec241491e6944f65"),
    (4, "38f98ff3f3b7448305d606c3f6470fcd128a89fbd85a521a12f0b6c81df071b9"),
    (5, "786c444a20e9d5dc0a4cd2af9dcd3924ed95bda079528bc5b6d82fdfcd684a6e"),
    (6, "26ccb359eb23a66ca34c479c3e7902f9044c7d824f1534910adc838eba8edee5"),
    (7, "48623b012c79b5cce0549f7ee21f54f1973a3ffde0356d64b823a33e9d5d77d4"),
    (8, "f9a495566e4fa889d202b58f26c78d2009930895b6c906d2e2e2355ffa8d0bda"),
    (9, "694fa46c2120bdb609819d066cd3110c9691c3a40fe9a6c3bfe95f7c7579b848"),
    (10, "204cf1ecd8be1bbe7a56e334e6628511a38f8d901caebb39fbd45521bb2a3cd6"),
    (11, "0327b80503a252e1217fec8d3ebf1b81006f1f07f5a6fdc0aeeef7cf80c53798"),
    (12, "0fd72d843f893d5b934960a7c7679fa30faa16fe5ad2390ff0e0bf5322d0b74e"),
    (13, "336381927472ba2bb90b4e8139ee9936d34c00235f51c69ead99bd895f9ce55c"),
    (14, "747360051b0bd467f0369fa85528c3d0f6a7ba07163d4536f2116efe641a11e2"),
    (15, "6e83519605fe3251af057db67d7fb3af3891537680717aa1875af13527b0b130"),
    (16, "1c5845e2678f7e591ac3cc387f1820834add2e475594e07a3630e8f0b3bb7c25"),
    (17, "bd06439575e45e57c02311e9c090e6883a5b733cce72d8cee4f391a6a2806b5c"),
    (18, "233a6723dca2c57e8e62401aba0bb7afbdafe2d296ab1a6abb2f84dd49dfd993"),
    (19, "fd35ccd8a55fc7f6ee9cd968740a52f77e817bccdf3e7fc6e1bfbeccfb650a25"),
    (20, "fdb84fbc128040d1f87d7d97b3e5dbe9175b7ddd84fc33cede19322a9f1f15df"),
    (21, "ae6a10b27eab86c419fba30858c334c7f227caa89cf953038b71b1bea6c31cad"),
    (22, "0f78d31dab3fa7d105dd7ff7196245fe6cb0037d0fb26f0e012b5afafb737fb9"),
    (23, "c8f57df3df48f941e685166c7d4e5039885a00301fc781c428539e6ae9982d37"),
    (24, "d708c7c79db8b7824805ae3a7dd8ca6c30db682f75ecbeb31bad0ee7e311377e"),
    (25, "f50b06b850c5b115d32615c82ff1ccfc20b684b53d8205b1d879e0505da0ce84"),
    (26, "6b481b15ce742ecaaadafda08fd8aa74b3f07dd429b309287eacd49178f2c4a0"),
    (27, "c5fbfd1c2d718dea7a7535f835ac6b8b7ea6b90a22b3ad562bd20e2e5c23283f"),
    (28, "6d32fde6ba3eb941981d8880526e15757653bd7672904dacac8052c9f4eaba5b"),
    (29, "215a5d5410a989dc9927034527f6f5da5431cfde2ce0e8252a26dcd39426df92"),
    (30, "a6165338a2fef17360305cfaca40783b44544f80c6d3f3e4f62253159c3d69a5"),
    (31, "fbb5a5e2d622516e712a32d05953ecd6e88eae7ac9c40127f4415b9f32fd724c"),
    (32, "e89c1a02ccc8826f4b3efc172fec55553799a512d279f7af43fb812ca956b69b"),
    (33, "dffc4ab675c383b75082a236e84c8a1a0e5169c17075b03485e1e81a4e5afac1"),
];

#[test]
fn migrations_are_numbered_in_the_order_they_apply_and_every_file_is_listed() {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version, i as i64 + 1, "{}", m.name);
        assert!(m.name.starts_with(&format!("{:04}_", m.version)), "{} is not numbered {}", m.name, m.version);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/migrations");
    let mut files: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let listed: Vec<String> = MIGRATIONS.iter().map(|m| format!("{}.sql", m.name)).collect();
    assert_eq!(files, listed, "every file in migrations/ is in MIGRATIONS, in numeric order");
}

#[test]
fn published_migrations_never_change() {
    assert_eq!(PUBLISHED.len(), MIGRATIONS.len(), "a new migration adds its checksum to PUBLISHED");
    for (m, (version, sum)) in MIGRATIONS.iter().zip(PUBLISHED) {
        assert_eq!(m.version, *version);
        assert_eq!(checksum(m.sql), *sum, "{}.sql changed after it was published: write a new migration instead", m.name);
    }
    assert_eq!(checksum("a;\r\nb;\r\n"), checksum("a;\nb;\n"), "line ends do not count");
}

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret-123".into(), ..Default::default() };
    drop(Ledger::create(tmp.path(), &setup).unwrap());
    let file = Ledger::file_in(tmp.path());
    (tmp, file)
}

fn history(file: &Path) -> Vec<(i64, String, String, String)> {
    let conn = Connection::open(file).unwrap();
    let mut stmt = conn.prepare("SELECT version, name, sha256, how FROM schema_migrations ORDER BY version").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    rows
}

#[test]
fn a_new_ledger_records_every_migration_with_its_checksum() {
    let (_tmp, file) = fresh();
    let rows = history(&file);
    assert_eq!(rows.len(), MIGRATIONS.len());
    for ((version, name, sum, how), m) in rows.iter().zip(MIGRATIONS) {
        assert_eq!((*version, name.as_str(), sum.clone(), how.as_str()), (m.version, m.name, checksum(m.sql), "applied"));
    }
}

#[test]
fn a_ledger_whose_migration_changed_is_refused_naming_it_and_left_untouched() {
    let (tmp, file) = fresh();
    let conn = Connection::open(&file).unwrap();
    conn.execute("UPDATE schema_migrations SET sha256 = ?1 WHERE version = 3", ["0123456789ab".repeat(5) + "cdef"]).unwrap();
    drop(conn);
    let before = std::fs::read(&file).unwrap();

    let err = Ledger::open(tmp.path()).err().expect("refused");
    assert_eq!(err.code, ErrorCode::MigrationChanged);
    assert_eq!(err.code.as_str(), "migration_changed");
    let (en, zh) = (err.message(Lang::En), err.message(Lang::ZhCn));
    assert!(en.contains("0003_search.sql") && en.contains("0123456789ab…") && en.contains("must never change"), "{en}");
    assert!(zh.contains("0003_search.sql") && zh.contains("迁移脚本") && zh.contains("未做任何更改"), "{zh}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
    assert!(!tmp.path().join("restore-points").exists(), "no upgrade backup either");
}

#[test]
fn a_known_earlier_variant_is_accepted() {
    let (tmp, file) = fresh();
    let conn = Connection::open(&file).unwrap();
    conn.execute("UPDATE schema_migrations SET sha256 = ?1 WHERE version = 15", [KNOWN_VARIANTS[1].1]).unwrap();
    drop(conn);
    Ledger::open(tmp.path()).unwrap();
}

#[test]
fn a_ledger_made_with_the_first_0005_is_recorded_as_that_variant_and_gets_category_defaults() {
    // The first 0005 had no category_depreciation; a ledger from before the history has
    // no schema_migrations.
    let (tmp, file) = fresh();
    let conn = Connection::open(&file).unwrap();
    conn.execute_batch("DROP TABLE category_depreciation; DROP TABLE schema_migrations; PRAGMA user_version = 18;").unwrap();
    drop(conn);

    Ledger::open(tmp.path()).unwrap();
    let rows = history(&file);
    assert_eq!(rows.len(), MIGRATIONS.len());
    assert_eq!((rows[4].2.as_str(), rows[4].3.as_str()), (KNOWN_VARIANTS[0].1, "backfilled"), "0005 as that ledger had it");
    assert!(rows[..18].iter().all(|r| r.3 == "backfilled") && rows[18..].iter().all(|r| r.3 == "applied"), "{rows:?}");
    let conn = Connection::open(&file).unwrap();
    let table: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = 'category_depreciation'", [], |r| r.get(0)).unwrap();
    assert_eq!(table, 1, "0020 created it");
    drop(conn);
    Ledger::open(tmp.path()).unwrap();
}

/// The migrations, in the order a main build applied them, for each schema version a
/// main build ever wrote (git history of db.rs on main's first-parent line): 4 and 5
/// are the card-extras-first layouts of 2026-11-23 04:23–04:32; 10 and up include 0006
/// applied after 0010; 14 is release 0.1.0's.
pub(crate) fn mainline_layouts() -> Vec<Vec<i64>> {
    let list_order: Vec<i64> = [1, 2, 3, 4, 5, 7, 8, 9, 10, 6, 11, 12, 13, 14, 15, 16, 17].into();
    let mut layouts: Vec<Vec<i64>> = (1..=17).map(|n| list_order[..n].to_vec()).collect();
    layouts[3] = vec![1, 2, 3, 7];
    layouts[4] = vec![1, 2, 3, 4, 7];
    layouts
}

pub(crate) const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/mainline");

/// Writes `tests/fixtures/mainline/ledger-schema-NN.sqlite3`: the schema replayed as a
/// main build applied it, with a little data put in right after 0001 (as the first
/// registration would have): an organisation, the admin 管理员 (password secret-123),
/// one asset in use by 张伟, its registration document, a plain SHA-256 audit entry.
/// Run once when a layout is added: `cargo test -p assetdesk-ledger -- --ignored write_mainline_fixtures`.
#[test]
#[ignore]
fn write_mainline_fixtures() {
    std::fs::create_dir_all(FIXTURE_DIR).unwrap();
    for layout in mainline_layouts() {
        let file = Path::new(FIXTURE_DIR).join(format!("ledger-schema-{:02}.sqlite3", layout.len()));
        let _ = std::fs::remove_file(&file);
        let mut conn = Connection::open(&file).unwrap();
        conn.execute_batch("PRAGMA page_size = 1024; PRAGMA journal_mode = DELETE;").unwrap();
        conn.pragma_update(None, "application_id", crate::db::APPLICATION_ID).unwrap();
        let tx = conn.transaction().unwrap();
        for version in &layout {
            tx.execute_batch(MIGRATIONS[*version as usize - 1].sql).unwrap();
            if *version == 1 {
                seed(&tx);
            }
        }
        tx.pragma_update(None, "user_version", layout.len() as i64).unwrap();
        tx.commit().unwrap();
        conn.execute_batch("VACUUM").unwrap();
    }
}

fn seed(tx: &rusqlite::Transaction) {
    let at = "2026-11-23T04:00:00.000Z";
    let hash = crate::auth::hash_password("secret-123").unwrap();
    tx.execute_batch(
        "INSERT INTO settings(key, value) VALUES ('org_name', '示例单位 总务处'), ('asset_code_rule', 'ZC-{YYYY}-{SEQ5}'), ('language', 'zh-CN');
         INSERT INTO departments(id, name) VALUES (1, '财务科');
         INSERT INTO categories(id, name) VALUES (1, '电子设备');
         INSERT INTO locations(id, name) VALUES (1, '三楼301');
         INSERT INTO people(id, name, dept_id) VALUES (1, '张伟', 1);
         INSERT INTO sequences(key, last) VALUES ('ZC-2026-', 1), ('XZ-2026-', 1);",
    )
    .unwrap();
    tx.execute("INSERT INTO users(id, name, role, password_hash, created_at) VALUES (1, '管理员', 'admin', ?1, ?2)", rusqlite::params![hash, at]).unwrap();
    tx.execute(
        "INSERT INTO assets(id, code, name, category_id, model, dept_id, location_id, custodian_id, acquired, value_fen, life_months, status, created_at, updated_at) \
         VALUES (1, 'ZC-2026-00001', '联想笔记本', 1, 'T14', 1, 1, 1, '2026-01-05', 520000, 60, 'in_use', ?1, ?1)",
        [at],
    )
    .unwrap();
    tx.execute("INSERT INTO documents(id, doc_no, kind, doc_date, operator_id, created_at) VALUES (1, 'XZ-2026-00001', 'register', '2026-11-23', 1, ?1)", [at])
        .unwrap();
    tx.execute("INSERT INTO journal(document_id, asset_id, status) VALUES (1, 1, 'in_use')", []).unwrap();
    let prev = crate::audit::GENESIS;
    let hash = crate::audit::entry_hash(None, prev, 1, at, "管理员", "ledger_init", "示例单位 总务处", "");
    tx.execute(
        "INSERT INTO audit_log(id, at, user_name, action, target, detail, prev_hash, hash) VALUES (1, ?1, '管理员', 'ledger_init', '示例单位 总务处', '', ?2, ?3)",
        rusqlite::params![at, prev, hash],
    )
    .unwrap();
}
