//! The asset card (资产卡片) as a plain printable page: identity, where and who, value
//! and depreciation settings, and the history of documents, continued over pages.
//! (The card's custom fields and attachments are not on it yet.)

use ledger::{AssetDetail, Lang};

use crate::page::{fit, Pages, Paper};
use crate::slip::page_footer;
use crate::table::money;

const MARGIN: f32 = 14.0;
const ROW_H: f32 = 6.5;

fn or_dash(s: Option<&str>) -> String {
    match s {
        Some(s) if !s.trim().is_empty() => s.to_string(),
        _ => "—".to_string(),
    }
}

/// Label/value pairs in reading order, grouped as the card screen groups them.
fn groups(a: &AssetDetail, lang: Lang) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let zh = lang == Lang::ZhCn;
    let t = |z: &'static str, e: &'static str| if zh { z } else { e };
    let r = &a.row;
    let date = |d: Option<String>| or_dash(d.as_deref());
    vec![
        (
            t("基本信息", "Identity"),
            vec![
                (t("资产编码", "Code"), r.code.clone()),
                (t("资产名称", "Name"), r.name.clone()),
                (t("资产类别", "Category"), r.category.clone()),
                (t("规格型号", "Model"), or_dash(Some(&r.model))),
                (t("序列号", "Serial"), or_dash(Some(&a.serial))),
                (t("状态", "Status"), r.status.label(lang).to_string()),
            ],
        ),
        (
            t("使用信息", "Where and who"),
            vec![
                (t("使用部门", "Department"), or_dash(r.dept.as_deref())),
                (t("存放位置", "Location"), or_dash(r.location.as_deref())),
                (t("保管人", "Custodian"), or_dash(r.custodian.as_deref())),
                (t("供应商", "Supplier"), or_dash(Some(&a.supplier))),
                (t("保修截止", "Warranty until"), date(a.warranty_until.map(|d| d.to_string()))),
            ],
        ),
        (
            t("价值信息", "Value"),
            vec![
                (t("原值", "Original value"), money(&r.value)),
                (t("取得日期", "Acquired"), date(r.acquired.map(|d| d.to_string()))),
                (t("折旧方法", "Method"), a.method.label(lang).to_string()),
                (t("使用年限", "Useful life"), or_dash(a.life_years.map(|y| if zh { format!("{y} 年") } else { format!("{y} years") }).as_deref())),
                (t("残值率", "Salvage rate"), format!("{}%", (a.salvage_rate * rust_decimal::Decimal::from(100)).normalize())),
                (t("残值", "Salvage"), or_dash(a.salvage.map(|s| money(&s)).as_deref())),
            ],
        ),
    ]
}

/// The card of one asset as PDF bytes (A4 portrait or A5 landscape).
pub fn render_asset_card(a: &AssetDetail, org_name: &str, lang: Lang, paper: Paper) -> Vec<u8> {
    let zh = lang == Lang::ZhCn;
    let title = if zh { "固定资产卡片" } else { "Fixed asset card" };
    let mut pages = Pages::new(&format!("{title} {}", a.row.code), paper);
    let (page_w, page_h) = paper.size_mm();
    let width = page_w - 2.0 * MARGIN;
    let pattern = if zh { "第 {n} 页 共 {total} 页" } else { "Page {n} of {total}" };
    let heads: [&str; 6] = if zh {
        ["日期", "单据号", "业务", "经办人", "对方", "办理后状态"]
    } else {
        ["Date", "Document", "Kind", "Operator", "Counterparty", "Status after"]
    };
    let shares = [0.15, 0.2, 0.15, 0.15, 0.2, 0.15];
    let cols: Vec<f32> = shares.iter().map(|s| s * width).collect();
    let bottom = page_h - MARGIN - 8.0;

    // The field block decides where the history starts on page 1; count pages first.
    let field_rows: usize = groups(a, lang).iter().map(|(_, f)| 1 + f.len().div_ceil(2)).sum();
    let first_top = MARGIN + 18.0 + field_rows as f32 * ROW_H + 8.0 + ROW_H;
    let per_page = |top: f32| (((bottom - top) / ROW_H).floor() as usize).max(1);
    let first_capacity = per_page(first_top);
    let other_capacity = per_page(MARGIN + 16.0 + ROW_H);
    let n = a.history.len();
    let total_pages = if n <= first_capacity { 1 } else { 1 + (n - first_capacity).div_ceil(other_capacity) };

    let mut index = 0;
    for page_no in 1..=total_pages {
        let mut y = MARGIN;
        pages.text_centered(page_w / 2.0, y, 10.0, org_name);
        y += 6.0;
        pages.text_centered(page_w / 2.0, y, 16.0, title);
        y += 10.0;
        if page_no == 1 {
            for (heading, fields) in groups(a, lang) {
                pages.bold_text(MARGIN, y, 10.0, heading);
                y += ROW_H;
                for pair in fields.chunks(2) {
                    for (i, (k, v)) in pair.iter().enumerate() {
                        let x = MARGIN + i as f32 * width / 2.0;
                        pages.text(x, y, 9.5, &fit(&format!("{k}：{v}"), 9.5, width / 2.0 - 2.0));
                    }
                    y += ROW_H;
                }
            }
            y += 2.0;
            pages.bold_text(MARGIN, y, 10.0, if zh { "变动记录" } else { "History" });
            y += ROW_H;
        } else {
            pages.text(MARGIN, y, 9.5, &format!("{}：{}  {}", if zh { "资产编码" } else { "Code" }, a.row.code, a.row.name));
            y += ROW_H;
        }
        pages.line(MARGIN, y, MARGIN + width, y, 0.8);
        let mut x = MARGIN;
        for (c, head) in heads.iter().enumerate() {
            pages.text(x + 1.0, y + 1.4, 9.0, head);
            x += cols[c];
        }
        y += ROW_H;
        pages.line(MARGIN, y, MARGIN + width, y, 0.5);
        if n == 0 {
            pages.text(MARGIN + 1.0, y + 1.4, 9.0, if zh { "（无）" } else { "(none)" });
        }
        let capacity = if page_no == 1 { first_capacity } else { other_capacity };
        for h in a.history.iter().skip(index).take(capacity) {
            index += 1;
            let cells = [
                h.date.to_string(),
                h.doc_no.clone(),
                h.kind_label(lang).to_string(),
                h.operator.clone(),
                h.counterparty.clone(),
                h.status.label(lang).to_string(),
            ];
            let mut x = MARGIN;
            for (c, cell) in cells.iter().enumerate() {
                pages.text(x + 1.0, y + 1.4, 9.0, &fit(cell, 9.0, cols[c] - 2.0));
                x += cols[c];
            }
            y += ROW_H;
            pages.line(MARGIN, y, MARGIN + width, y, 0.2);
        }
        page_footer(&mut pages, paper, pattern, page_no, total_pages);
    }
    pages.finish()
}
