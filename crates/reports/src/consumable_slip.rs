//! A consumable movement's slip (issue 7): 耗材领用单, 入库单, 退库单, 盘点调整单 or 冲销单
//! with the organisation, number, who and why, the item line with quantity, unit price
//! and amount, and signature lines for both parties.

use ledger::{format_money, format_qty, Lang, MoveKind, MoveRow};

use crate::page::{fit, Pages, Paper};
use crate::slip::{page_footer, signature_lines};

const MARGIN: f32 = 14.0;

fn signatures(kind: MoveKind, lang: Lang) -> Vec<&'static str> {
    use MoveKind::*;
    match (kind, lang) {
        (Issue, Lang::ZhCn) => vec!["领用人签字", "发放人签字"],
        (Receive, Lang::ZhCn) => vec!["交货人签字", "验收人签字"],
        (Return, Lang::ZhCn) => vec!["退库人签字", "接收人签字"],
        (Adjust, Lang::ZhCn) => vec!["盘点人签字", "审核人签字"],
        (Void, Lang::ZhCn) => vec!["经办人签字", "审核人签字"],
        (Issue, Lang::En) => vec!["Received by", "Issued by"],
        (Receive, Lang::En) => vec!["Delivered by", "Checked by"],
        (Return, Lang::En) => vec!["Returned by", "Received by"],
        (Adjust, Lang::En) => vec!["Counted by", "Checked by"],
        (Void, Lang::En) => vec!["Prepared by", "Checked by"],
    }
}

/// The slip of one consumable movement as PDF bytes.
pub fn render_consumable_slip(m: &MoveRow, org_name: &str, lang: Lang, paper: Paper) -> Vec<u8> {
    let zh = lang == Lang::ZhCn;
    let pick = |z: &'static str, e: &'static str| if zh { z } else { e };
    let title = format!("{}{}", m.kind.label(lang), pick("单", ""));
    let mut pages = Pages::new(&format!("{title} {}", m.doc_no), paper);
    let (page_w, _) = paper.size_mm();
    let width = page_w - 2.0 * MARGIN;
    let mut y = MARGIN;
    pages.text_centered(page_w / 2.0, y, 10.0, org_name);
    y += 6.0;
    pages.text_centered(page_w / 2.0, y, 16.0, &title);
    if m.state == "voided" {
        pages.text(page_w - MARGIN - 24.0, y, 14.0, pick("已冲销", "VOIDED"));
    }
    y += 10.0;
    pages.text(MARGIN, y, 9.5, &format!("{}:{}", pick("单据号", "No."), m.doc_no));
    pages.text(MARGIN + width * 0.4, y, 9.5, &format!("{}:{}", pick("日期", "Date"), m.date));
    pages.text(MARGIN + width * 0.7, y, 9.5, &format!("{}:{}", pick("经办人", "Operator"), m.operator));
    y += 6.0;
    let fields: Vec<(&str, String)> = [
        (pick("领用部门", "Department"), m.dept.clone().unwrap_or_default()),
        (pick("领用人", "Person"), m.person.clone().unwrap_or_default()),
        (pick("供应商", "Supplier"), m.supplier.clone()),
        (pick("用途", "Purpose"), m.purpose.clone()),
        (pick("原因", "Reason"), m.reason.clone()),
        (pick("来源单据", "Source"), m.source.clone().unwrap_or_default()),
        (pick("冲销单据", "Voided by"), m.voided_by.clone().unwrap_or_default()),
        (pick("备注", "Notes"), m.notes.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    for pair in fields.chunks(2) {
        for (i, (k, v)) in pair.iter().enumerate() {
            pages.text(MARGIN + i as f32 * width / 2.0, y, 9.5, &fit(&format!("{k}:{v}"), 9.5, width / 2.0 - 2.0));
        }
        y += 6.0;
    }
    y += 2.0;
    let heads = if zh {
        ["序号", "编码", "名称", "规格", "单位", "数量", "单价", "金额"]
    } else {
        ["#", "Code", "Name", "Spec", "Unit", "Quantity", "Unit price", "Amount"]
    };
    let shares = [0.06, 0.12, 0.22, 0.16, 0.08, 0.11, 0.12, 0.13];
    let cols: Vec<f32> = shares.iter().map(|s| s * width).collect();
    let row_h = 7.0;
    let cells = [
        "1".to_string(),
        m.item_code.clone(),
        m.item_name.clone(),
        m.spec.clone(),
        m.unit.clone(),
        format_qty(m.qty_change),
        format_money(m.unit_price),
        format_money(m.value_change),
    ];
    for (row, texts) in [heads.map(str::to_string), cells].iter().enumerate() {
        pages.line(MARGIN, y, MARGIN + width, y, if row == 0 { 0.8 } else { 0.5 });
        let mut x = MARGIN;
        for (c, t) in texts.iter().enumerate() {
            pages.text(x + 1.0, y + 1.6, 9.0, &fit(t, 9.0, cols[c] - 2.0));
            x += cols[c];
        }
        y += row_h;
    }
    pages.line(MARGIN, y, MARGIN + width, y, 0.5);
    y += 6.0;
    pages.text(
        MARGIN,
        y,
        9.5,
        &format!("{}:{} {}  {}:{}", pick("结存数量", "Balance"), format_qty(m.qty_after), m.unit, pick("结存金额", "Balance value"), format_money(m.value_after)),
    );
    signature_lines(&mut pages, paper, signatures(m.kind, lang), lang);
    page_footer(&mut pages, paper, pick("第 {n} 页 共 {total} 页", "Page {n} of {total}"), 1, 1);
    pages.finish()
}
