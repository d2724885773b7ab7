//! The search index stays right after every operation that changes what is searched:
//! random sequences of registrations (single, bulk, import), card edits, documents and
//! their voids, register renames and stocktakes closed with surplus and moved assets, and
//! after each step every query's answer from the index (`list_assets`) equals a plain
//! scan of the assets table joined to its registers.
//!
//! The scan is the specification, written without the index's code: a query word
//! (lower-cased) matches an asset when it is a substring of one word of its code, name,
//! model, serial, category, department, location or custodian, or of that word's pinyin
//! initials (two or more) or full pinyin; every query word must match.
//!
//! `PROPTEST_CASES=200` for a long run (default 16 sequences of up to 24 steps).

use std::collections::BTreeSet;

use ledger::{AssetInput, AssetQuery, DocKind, DocRequest, ImportAsset, RegisterKind, ScanInput, ScanSource, StocktakeInput};
use proptest::prelude::*;

use crate::common::{setup, Fixture};

/// Word pieces: Chinese with pinyin, ASCII, a digit and a dash, so substrings, initials
/// and full pinyin all occur, across word boundaries too.
const PIECES: [&str; 11] = ["联想", "笔记本", "电脑", "打印", "T14", "pro", "A", "7", "-x", "柜", "ＰＣ"];
const CATEGORIES: [&str; 3] = ["电子设备", "办公家具", "Printer"];
const DEPTS: [&str; 3] = ["行政部", "财务部", "IT 部"];
const LOCATIONS: [&str; 3] = ["301室", "库房 A", "财务室"];
const PEOPLE: [&str; 3] = ["张伟", "李四", "Wang Wu"];
/// Fixed queries beside the random ones: initials, full pinyin, words that span fields.
const QUERIES: [&str; 12] = ["lx", "bjb", "diannao", "zw", "xzb", "301", "a", "室", "t14 联想", "pd", "dian nao", "zc"];

#[derive(Debug, Clone)]
struct Card {
    name: String,
    model: String,
    serial: String,
    category: usize,
}

#[derive(Debug, Clone)]
enum Step {
    Register { card: Card, dept: usize, location: usize, person: usize },
    Bulk { cards: Vec<Card> },
    Import { cards: Vec<Card>, dept: usize },
    Edit { asset: usize, card: Card },
    Issue { asset: usize, dept: usize, location: usize, person: usize },
    Transfer { asset: usize, dept: usize, location: usize },
    Return { asset: usize },
    Void { doc: usize },
    Rename { kind: usize, which: usize, suffix: String },
    /// A stocktake of everything: `found` scanned where they are, `moved` scanned at
    /// another location, `surplus` unknown codes; then closed.
    Stocktake { found: Vec<usize>, moved: Vec<(usize, usize)>, surplus: Vec<u8> },
}

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES.to_vec()), 1..3).prop_map(|p| p.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..3).prop_map(|w| w.join(" "))
}

fn card() -> impl Strategy<Value = Card> {
    (text(), prop_oneof![Just(String::new()), word()], prop_oneof![Just(String::new()), "[A-Z]{1,2}[0-9]{1,3}"], 0..CATEGORIES.len())
        .prop_map(|(name, model, serial, category)| Card { name, model, serial, category })
}

fn step() -> impl Strategy<Value = Step> {
    let n = 3usize;
    prop_oneof![
        4 => (card(), 0..n, 0..n, 0..n).prop_map(|(card, dept, location, person)| Step::Register { card, dept, location, person }),
        1 => prop::collection::vec(card(), 1..4).prop_map(|cards| Step::Bulk { cards }),
        1 => (prop::collection::vec(card(), 1..4), 0..n).prop_map(|(cards, dept)| Step::Import { cards, dept }),
        3 => (0..16usize, card()).prop_map(|(asset, card)| Step::Edit { asset, card }),
        2 => (0..16usize, 0..n, 0..n, 0..n).prop_map(|(asset, dept, location, person)| Step::Issue { asset, dept, location, person }),
        2 => (0..16usize, 0..n, 0..n).prop_map(|(asset, dept, location)| Step::Transfer { asset, dept, location }),
        1 => (0..16usize).prop_map(|asset| Step::Return { asset }),
        2 => (0..12usize).prop_map(|doc| Step::Void { doc }),
        1 => (0..4usize, 0..n, "[a-z]{1,2}").prop_map(|(kind, which, suffix)| Step::Rename { kind, which, suffix }),
        2 => (prop::collection::vec(0..16usize, 0..4), prop::collection::vec((0..16usize, 0..n), 0..3), prop::collection::vec(0..4u8, 0..3))
            .prop_map(|(found, moved, surplus)| Step::Stocktake { found, moved, surplus }),
    ]
}

fn input(card: &Card) -> AssetInput {
    AssetInput {
        name: card.name.clone(),
        model: card.model.clone(),
        serial: card.serial.clone(),
        category: CATEGORIES[card.category].into(),
        acquired: "2025-03-01".into(),
        value: "100".into(),
        ..AssetInput::default()
    }
}

/// The registers as the test renames them (index: category, dept, location, person).
struct Names {
    lists: [Vec<String>; 4],
}

impl Names {
    fn new() -> Names {
        let own = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Names { lists: [own(&CATEGORIES), own(&DEPTS), own(&LOCATIONS), own(&PEOPLE)] }
    }
}

fn codes(f: &Fixture) -> Vec<String> {
    let q = AssetQuery { limit: 0, ..AssetQuery::default() };
    let mut all: Vec<String> = f.ledger.list_assets(&f.admin, &q).unwrap().rows.into_iter().map(|r| r.code).collect();
    all.sort();
    all
}

fn run(f: &mut Fixture, names: &mut Names, docs: &mut Vec<String>, surplus_seq: &mut usize, step: &Step) {
    let all = codes(f);
    let pick = |i: usize| all.get(i % all.len().max(1)).cloned();
    let (cats, depts, locs, people) = (&names.lists[0], &names.lists[1], &names.lists[2], &names.lists[3]);
    // Refusals (an asset in the wrong state for a document, …) are part of the game:
    // whatever is refused must leave the index as right as before.
    match step {
        Step::Register { card, dept, location, person } => {
            let mut i = input(card);
            i.category = cats[card.category].clone();
            i.dept = depts[*dept].clone();
            i.location = locs[*location].clone();
            i.custodian = people[*person].clone();
            f.ledger.add_asset(&f.admin, &i).unwrap();
        }
        Step::Bulk { cards } => {
            let inputs: Vec<AssetInput> = cards.iter().map(|c| AssetInput { category: cats[c.category].clone(), ..input(c) }).collect();
            f.ledger.add_assets(&f.admin, &inputs).unwrap();
        }
        Step::Import { cards, dept } => {
            let rows: Vec<ImportAsset> = cards
                .iter()
                .enumerate()
                .map(|(n, c)| ImportAsset {
                    row: n + 2,
                    input: AssetInput { category: cats[c.category].clone(), dept: depts[*dept].clone(), ..input(c) },
                    status: None,
                    opening: None,
                    custom: Vec::new(),
                })
                .collect();
            f.ledger.import_assets(&f.admin, "test.csv", &rows, false, false, &mut |_, _| true).unwrap();
        }
        Step::Edit { asset, card } => {
            if let Some(code) = pick(*asset) {
                let i = AssetInput { category: cats[card.category].clone(), ..input(card) };
                f.ledger.edit_asset(&f.admin, &code, &i).unwrap();
            }
        }
        Step::Issue { asset, dept, location, person } => {
            if let Some(code) = pick(*asset) {
                let req = DocRequest {
                    person: people[*person].clone(),
                    dept: depts[*dept].clone(),
                    location: locs[*location].clone(),
                    ..DocRequest::new(DocKind::Issue, vec![code])
                };
                docs.extend(f.ledger.post_document(&f.admin, &req).ok());
            }
        }
        Step::Transfer { asset, dept, location } => {
            if let Some(code) = pick(*asset) {
                let req =
                    DocRequest { dept: depts[*dept].clone(), location: locs[*location].clone(), ..DocRequest::new(DocKind::Transfer, vec![code]) };
                docs.extend(f.ledger.post_document(&f.admin, &req).ok());
            }
        }
        Step::Return { asset } => {
            if let Some(code) = pick(*asset) {
                docs.extend(f.ledger.post_document(&f.admin, &DocRequest::new(DocKind::Return, vec![code])).ok());
            }
        }
        Step::Void { doc } => {
            if let Some(no) = docs.get(doc % docs.len().max(1)).cloned() {
                let _ = f.ledger.void_document(&f.admin, &no, "录错了");
            }
        }
        Step::Rename { kind, which, suffix } => {
            let kinds = [RegisterKind::Category, RegisterKind::Department, RegisterKind::Location, RegisterKind::Person];
            let old = names.lists[*kind][*which].clone();
            let new = format!("{old}{suffix}");
            f.ledger.rename_register(&f.admin, kinds[*kind], &old, &new).unwrap();
            names.lists[*kind][*which] = new;
        }
        Step::Stocktake { found, moved, surplus } => {
            let input = StocktakeInput { name: "年末盘点".into(), plan_start: "2026-12-01".into(), ..StocktakeInput::default() };
            let id = f.ledger.create_stocktake(&f.admin, &input).unwrap();
            f.ledger.start_stocktake(&f.admin, id).unwrap();
            for code in found.iter().filter_map(|i| pick(*i)) {
                f.ledger.record_scan(&f.admin, id, &ScanInput::new(code, ScanSource::Manual)).unwrap();
            }
            for (code, location) in moved.iter().filter_map(|(i, l)| Some((pick(*i)?, *l))) {
                let scan = ScanInput { location: locs[location].clone(), ..ScanInput::new(code, ScanSource::Keyboard) };
                f.ledger.record_scan(&f.admin, id, &scan).unwrap();
            }
            for n in surplus {
                *surplus_seq += 1;
                let code = format!("PY{n}-{surplus_seq}");
                f.ledger.record_scan(&f.admin, id, &ScanInput::new(code, ScanSource::Manual)).unwrap();
            }
            f.ledger.close_stocktake(&f.admin, id, ledger::UnreviewedLines::Accept).unwrap();
        }
    }
}

/// The words a query word may be a substring of, for one asset: each word of its fields,
/// and each Chinese word's pinyin initials (two or more) and full pinyin.
fn haystack(fields: &[String]) -> Vec<String> {
    use pinyin::ToPinyin;
    let mut words = Vec::new();
    for word in fields.iter().flat_map(|f| f.split_whitespace()) {
        let word = word.to_lowercase();
        let initials: String = word.as_str().to_pinyin().flatten().map(|p| p.first_letter()).collect();
        let full: String = word.as_str().to_pinyin().flatten().map(|p| p.plain()).collect();
        if initials.chars().count() >= 2 {
            words.push(initials);
        }
        if !full.is_empty() {
            words.push(full);
        }
        words.push(word);
    }
    words
}

/// The plain scan: every asset read from the assets table with its register names.
fn scan_table(f: &Fixture) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(ledger::Ledger::file_in(f.ledger.dir())).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT a.code, a.name, a.model, a.serial, coalesce(c.name, ''), coalesce(d.name, ''), coalesce(l.name, ''), coalesce(p.name, '') \
             FROM assets a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN departments d ON d.id = a.dept_id \
             LEFT JOIN locations l ON l.id = a.location_id LEFT JOIN people p ON p.id = a.custodian_id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, (0..8).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<Vec<_>>>()?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    rows.into_iter().map(|(code, fields)| (code, haystack(&fields))).collect()
}

fn check(f: &Fixture, queries: &[String], after: &Step) -> Result<(), TestCaseError> {
    let table = scan_table(f);
    for query in queries.iter().map(String::as_str).chain(QUERIES) {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let expected: BTreeSet<String> =
            table.iter().filter(|(_, hay)| words.iter().all(|w| hay.iter().any(|h| h.contains(w.as_str())))).map(|(c, _)| c.clone()).collect();
        let q = AssetQuery { text: query.into(), limit: 0, ..AssetQuery::default() };
        let found: BTreeSet<String> = f.ledger.list_assets(&f.admin, &q).unwrap().rows.into_iter().map(|r| r.code).collect();
        prop_assert_eq!(&found, &expected, "query {:?} after {:?}", query, after);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_index_answers_what_a_plain_scan_of_the_assets_answers(
        steps in prop::collection::vec(step(), 1..24),
        queries in prop::collection::vec(prop_oneof![word(), "[a-z0-9-]{1,3}", (word(), word()).prop_map(|(a, b)| format!("{a} {b}"))], 6),
    ) {
        let mut f = setup();
        let mut names = Names::new();
        let kinds = [RegisterKind::Category, RegisterKind::Department, RegisterKind::Location, RegisterKind::Person];
        for (kind, list) in kinds.iter().zip(&names.lists) {
            for name in list {
                f.ledger.add_register(&f.admin, *kind, name, None).unwrap();
            }
        }
        let (mut docs, mut surplus_seq) = (Vec::new(), 0);
        // Pieces of what is stored, too, so most queries find something.
        let mut queries = queries;
        queries.extend(PIECES.iter().map(|p| p.chars().take(2).collect::<String>()));
        for step in &steps {
            run(&mut f, &mut names, &mut docs, &mut surplus_seq, step);
            check(&f, &queries, step)?;
        }
    }
}
