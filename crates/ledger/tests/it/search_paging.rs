//! The list's pages of a search (issue 25) are found two ways: dense matches by walking
//! the sort order and probing the search index per asset, rare ones by collecting the
//! matches and sorting them. Whichever way a page is found it must be exactly the slice
//! of the whole ordered answer, and the count the number of matches, with or without
//! other filters and for a department clerk.
//!
//! With 3,000 assets, "电脑" matches 2,970: its first page walks (≈50 × 3,000 / 2,970
//! probes, ×30, is under 2,970), a page at offset 2,000 collects; "投影" (30 matches)
//! always collects.

use ledger::{AssetInput, AssetQuery, AssetSort, AssetStatus, DocKind, DocRequest, Role, SortDir};

use crate::common::setup;

fn seeded() -> crate::common::Fixture {
    let mut f = setup();
    let inputs: Vec<AssetInput> = (0..3_000)
        .map(|i| AssetInput {
            name: if i % 100 == 0 { "爱普生投影仪".into() } else { format!("联想笔记本电脑{}", i % 7) },
            category: "电子设备".into(),
            dept: ["行政部", "财务部", "教务处"][i % 3].into(),
            acquired: "2025-03-01".into(),
            // Values repeat, so the code decides ties in a value sort.
            value: format!("{}.00", 1_000 + (i * 37) % 500),
            ..AssetInput::default()
        })
        .collect();
    let codes = f.ledger.add_assets(&f.admin, &inputs).unwrap();
    // Some in use, so a status filter narrows a department.
    let issued: Vec<String> = codes.iter().step_by(4).take(400).cloned().collect();
    f.ledger.post_document(&f.admin, &DocRequest { person: "张伟".into(), ..DocRequest::new(DocKind::Issue, issued) }).unwrap();
    f
}

fn codes(f: &crate::common::Fixture, actor: &ledger::Actor, q: &AssetQuery) -> (i64, Vec<String>) {
    let page = f.ledger.list_assets(actor, q).unwrap();
    (page.total, page.rows.into_iter().map(|r| r.code).collect())
}

#[test]
fn every_page_of_a_search_is_the_slice_of_the_whole_answer() {
    let f = seeded();
    let sorts = [(AssetSort::Code, SortDir::Asc), (AssetSort::Value, SortDir::Desc), (AssetSort::Name, SortDir::Asc), (AssetSort::Dept, SortDir::Asc)];
    for text in ["电脑", "投影", "lxbj", "笔记本 电脑", "不存在的词"] {
        for (sort, dir) in sorts {
            for (dept, status) in [(None, None), (Some("财务部"), None), (Some("行政部"), Some(AssetStatus::InUse))] {
                let base = AssetQuery { text: text.into(), sort, dir, dept: dept.map(Into::into), status, ..AssetQuery::default() };
                // limit 0: every match, always collected and sorted — the reference.
                let (total, all) = codes(&f, &f.admin, &base);
                assert_eq!(total as usize, all.len(), "{text} {sort:?}: the count is the number of matches");
                for offset in [0, 50, 2_000] {
                    let (page_total, page) = codes(&f, &f.admin, &AssetQuery { offset, limit: 50, ..base.clone() });
                    let want: Vec<String> = all.iter().skip(offset as usize).take(50).cloned().collect();
                    assert_eq!(page_total, total, "{text} {sort:?} {dept:?} {status:?} offset {offset}: count");
                    assert_eq!(page, want, "{text} {sort:?} {dir:?} {dept:?} {status:?} offset {offset}: page");
                }
            }
        }
    }
    let (dense, _) = codes(&f, &f.admin, &AssetQuery { text: "电脑".into(), limit: 50, ..AssetQuery::default() });
    assert_eq!(dense, 2_970);
    let (rare, _) = codes(&f, &f.admin, &AssetQuery { text: "投影".into(), limit: 50, ..AssetQuery::default() });
    assert_eq!(rare, 30);
}

#[test]
fn a_department_clerk_searches_only_their_department() {
    let mut f = seeded();
    f.ledger.add_user(&f.admin, "clerk", Role::Normal, Some("财务部"), "secret2").unwrap();
    let clerk = f.ledger.login("clerk", "secret2").unwrap();
    let (total, page) = codes(&f, &clerk, &AssetQuery { text: "电脑".into(), limit: 50, ..AssetQuery::default() });
    let (_, theirs) = codes(&f, &f.admin, &AssetQuery { text: "电脑".into(), dept: Some("财务部".into()), ..AssetQuery::default() });
    assert_eq!(total as usize, theirs.len());
    assert_eq!(page, theirs[..50].to_vec());
}
