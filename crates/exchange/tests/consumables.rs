//! Consumables workbooks (issue 7) written from a real ledger and read back with
//! calamine: stock with its low-stock flag, movements signed by direction, statistics
//! with their total, the budget with subtotals per type.

use calamine::{open_workbook, Data, Reader, Xlsx};
use ledger::{ItemInput, Lang, Ledger, MoveKind, MoveQuery, MoveRequest, NaiveDate, SetupInput, StatsBy, StatsQuery};

fn read(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let sheet = book.sheet_names()[0].clone();
    book.worksheet_range(&sheet).unwrap().rows().map(|r| r.to_vec()).collect()
}

fn write(dir: &std::path::Path, name: &str, table: (Vec<exchange::Column>, Vec<Vec<exchange::Cell>>)) -> Vec<Vec<Data>> {
    let path = dir.join(name);
    exchange::write_xlsx(&path, "耗材", &table.0, &table.1, &mut |_, _| true).unwrap();
    read(&path)
}

#[test]
fn stock_moves_stats_and_budget_read_back_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let setup = SetupInput { org_name: "示例单位".into(), admin_name: "admin".into(), admin_password: "secret1".into(), language: None };
    let (mut ledger, admin) = Ledger::create(dir.path(), &setup).unwrap();
    let item = ItemInput { name: "中性笔".into(), kind: "文具".into(), spec: "0.5mm 黑".into(), unit: "支".into(), threshold: "3".into() };
    let pen = ledger.add_consumable_item(&admin, &item).unwrap();
    for (qty, price) in [("3", "10.00"), ("2", "12.35")] {
        let mut r = MoveRequest::new(MoveKind::Receive, &pen, qty);
        r.price = price.into();
        r.date = "2026-01-05".into();
        ledger.post_consumable(&admin, &r).unwrap();
    }
    let mut issue = MoveRequest::new(MoveKind::Issue, &pen, "2.5");
    issue.dept = "行政部".into();
    issue.person = "张三".into();
    issue.date = "2026-02-01".into();
    let doc = ledger.post_consumable(&admin, &issue).unwrap();

    let stock = write(dir.path(), "stock.xlsx", exchange::consumable_stock_table(&ledger.consumable_stock(&admin, "").unwrap(), Lang::ZhCn));
    assert_eq!(stock[0][0], Data::String("编码".into()));
    assert_eq!(&stock[1][..3], &[Data::String(pen.clone()), Data::String("中性笔".into()), Data::String("文具".into())]);
    // 54.70 - 27.35 = 27.35 left for 2.5 pens: 10.94 each, and the row says it is low.
    assert_eq!((&stock[1][5], &stock[1][6], &stock[1][7], &stock[1][9]), (&Data::Float(2.5), &Data::Float(10.94), &Data::Float(27.35), &Data::String("库存不足".into())));
    assert_eq!((&stock[2][0], &stock[2][7]), (&Data::String("合计".into()), &Data::Float(27.35)));

    let moves = write(dir.path(), "moves.xlsx", exchange::consumable_moves_table(&ledger.consumable_moves(&admin, &MoveQuery::default()).unwrap(), Lang::En));
    assert_eq!(moves.len(), 4);
    assert_eq!(moves[0][0], Data::String("Document".into()));
    assert_eq!((&moves[1][0], &moves[1][1]), (&Data::String(doc.clone()), &Data::String("Consumable issue".into())));
    assert_eq!((&moves[1][6], &moves[1][8], &moves[1][9], &moves[1][10]), (&Data::Float(-2.5), &Data::Float(-27.35), &Data::String("行政部".into()), &Data::String("张三".into())));
    assert_eq!((&moves[1][15], &moves[1][16]), (&Data::Float(2.5), &Data::Float(27.35)), "the balance the issue left");

    let stats = ledger.consumable_stats(&admin, &StatsQuery { by: Some(StatsBy::Dept), ..StatsQuery::default() }).unwrap();
    let stats = write(dir.path(), "stats.xlsx", exchange::consumable_stats_table(&stats, Lang::ZhCn));
    assert_eq!(stats[0][1], Data::String("部门".into()));
    assert_eq!(&stats[1][1..], &[Data::String("行政部".into()), Data::Float(2.5), Data::Float(27.35)]);
    assert_eq!((&stats[2][0], &stats[2][3]), (&Data::String("合计".into()), &Data::Float(27.35)));

    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    ledger.set_consumable_budget(&admin, 2027, &pen, "10", "", "").unwrap();
    let (lines, totals) = ledger.consumable_budget(&admin, 2027, as_of).unwrap();
    let budget = write(dir.path(), "budget.xlsx", exchange::consumable_budget_table(2027, &lines, &totals, Lang::ZhCn));
    // 10 planned at the latest price 12.35; a subtotal for 文具 and the grand total.
    assert_eq!((&budget[1][1], &budget[1][10], &budget[1][11], &budget[1][12], &budget[1][13]), (&Data::String(pen), &Data::Float(10.0), &Data::Float(12.35), &Data::Float(123.5), &Data::String("已调整".into())));
    assert_eq!((&budget[2][2], &budget[2][12]), (&Data::String("文具 小计".into()), &Data::Float(123.5)));
    assert_eq!((&budget[3][2], &budget[3][12]), (&Data::String("合计".into()), &Data::Float(123.5)));
}
