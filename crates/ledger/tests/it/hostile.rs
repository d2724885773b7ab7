//! Hostile text through every kind of input the core takes: SQL and FTS syntax is stored
//! and searched as plain text (every value is a bound parameter), and passwords never
//! appear in the ledger file, its audit log or an error message.

use ledger::{AssetQuery, DocKind, DocRequest, Lang, Role};

use crate::common::{laptop, setup};

const HOSTILE: &[&str] = &[
    "'; DROP TABLE assets; --",
    "\" OR 1=1 --",
    "名称') OR ('1'='1",
    "NEAR(电脑 笔记本) OR *",
    "a\"b\"c AND NOT d",
    "%_\\",
    "\u{0}零\u{0}",
];

#[test]
fn sql_and_search_syntax_is_only_ever_text() {
    let mut f = setup();
    let mut codes = Vec::new();
    for (i, text) in HOSTILE.iter().enumerate() {
        let input = ledger::AssetInput { name: format!("{text}{i}"), model: text.to_string(), dept: format!("部门{text}"), ..laptop("x") };
        match f.ledger.add_asset(&f.admin, &input) {
            Ok(code) => codes.push((code, format!("{text}{i}"))),
            Err(e) => assert_eq!(e.code, ledger::ErrorCode::InvalidInput, "{text:?}: {e}"),
        }
    }
    assert!(codes.len() >= HOSTILE.len() - 1, "hostile names are stored as names: {codes:?}");
    for (code, name) in &codes {
        assert_eq!(&f.ledger.asset(&f.admin, code).unwrap().row.name, name, "stored literally");
        let req = DocRequest { reason: name.clone(), ..DocRequest::new(DocKind::Scrap, vec![code.clone()]) };
        f.ledger.post_document(&f.admin, &req).unwrap();
    }
    for text in HOSTILE {
        let found = f.ledger.list_assets(&f.admin, &AssetQuery { text: text.to_string(), ..AssetQuery::default() });
        let found = found.unwrap_or_else(|e| panic!("searching {text:?} must not fail: {e}"));
        assert!(found.total <= codes.len() as i64);
        let filtered = f.ledger.list_assets(&f.admin, &AssetQuery { dept: Some(format!("部门{text}")), ..AssetQuery::default() }).unwrap();
        assert!(filtered.total <= 1, "a department filter matches one name exactly: {text:?}");
    }
    let all = f.ledger.list_assets(&f.admin, &AssetQuery::default()).unwrap();
    assert_eq!(all.total, codes.len() as i64, "no table was dropped, no row leaked");
    assert!(f.ledger.consistency_problems(&f.admin).unwrap().is_empty());
}

#[test]
fn passwords_are_never_stored_logged_or_echoed() {
    let mut f = setup();
    let secret = "Zz-very-secret-pass-42";
    f.ledger.add_user(&f.admin, "小李", Role::Normal, Some("行政部"), secret).unwrap();
    let wrong = f.ledger.login("小李", "Zz-wrong-secret-99").unwrap_err();
    assert!(!wrong.message(Lang::En).contains("Zz-wrong") && !wrong.message(Lang::ZhCn).contains("Zz-wrong"), "{wrong}");
    f.ledger.login("小李", secret).unwrap();
    let dir = f.ledger.dir().to_path_buf();
    drop(f.ledger);
    let mut everything = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            everything.extend(std::fs::read(&path).unwrap());
        }
    }
    let haystack = String::from_utf8_lossy(&everything);
    for needle in [secret, "Zz-wrong-secret-99", "secret1"] {
        assert!(!haystack.contains(needle), "{needle} is somewhere in the ledger's files");
    }
}
