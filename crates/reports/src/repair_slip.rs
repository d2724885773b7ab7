//! A repair order's slip (维修单, issue 22): organisation, number, the asset, the fault,
//! warranty, where it was repaired, each step with its date and who, the costs, and
//! signature lines for the repairer, the requester (验收) and the clerk.

use ledger::{format_money, Lang, RepairDetail};

use crate::page::{fit, Pages, Paper};
use crate::slip::{page_footer, signature_lines};

const MARGIN: f32 = 14.0;

/// The slip of one repair order as PDF bytes.
pub fn render_repair_slip(d: &RepairDetail, org_name: &str, lang: Lang, paper: Paper) -> Vec<u8> {
    let zh = lang == Lang::ZhCn;
    let pick = |z: &'static str, e: &'static str| if zh { z } else { e };
    let title = pick("维修单", "Repair order");
    let r = &d.row;
    let mut pages = Pages::new(&format!("{title} {}", r.order_no), paper);
    let (page_w, _) = paper.size_mm();
    let width = page_w - 2.0 * MARGIN;
    let mut y = MARGIN;
    pages.text_centered(page_w / 2.0, y, 10.0, org_name);
    y += 6.0;
    pages.text_centered(page_w / 2.0, y, 16.0, title);
    y += 10.0;
    pages.text(MARGIN, y, 9.5, &format!("{}：{}", pick("单据号", "No."), r.order_no));
    pages.text(MARGIN + width * 0.4, y, 9.5, &format!("{}：{}", pick("状态", "State"), r.state.label(lang)));
    pages.text(MARGIN + width * 0.7, y, 9.5, &format!("{}：{}", pick("保修", "Warranty"), r.warranty.label(lang)));
    y += 6.0;
    let repairer = r.supplier.clone().unwrap_or_else(|| r.technician.clone());
    let contact = [d.supplier_contact.as_str(), d.supplier_phone.as_str()].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    let fields: Vec<(&str, String)> = [
        (pick("资产编码", "Asset code"), r.code.clone()),
        (pick("资产名称", "Asset name"), r.name.clone()),
        (pick("规格型号", "Model"), d.model.clone()),
        (pick("序列号", "Serial"), d.serial.clone()),
        (pick("部门", "Department"), r.dept.clone().unwrap_or_default()),
        (pick("类别", "Category"), r.category.clone()),
        (pick("报修日期", "Reported on"), r.reported_on.to_string()),
        (pick("报修人", "Reported by"), r.reported_by.clone()),
        (pick("保修截止", "Warranty until"), r.warranty_until.map(|d| d.to_string()).unwrap_or_default()),
        (pick("维修单位", "Repaired by"), repairer),
        (pick("联系方式", "Contact"), contact),
        (pick("费用合计", "Total cost"), format_money(r.cost)),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    for pair in fields.chunks(2) {
        for (i, (k, v)) in pair.iter().enumerate() {
            pages.text(MARGIN + i as f32 * width / 2.0, y, 9.5, &fit(&format!("{k}：{v}"), 9.5, width / 2.0 - 2.0));
        }
        y += 6.0;
    }
    pages.text(MARGIN, y, 9.5, &fit(&format!("{}：{}", pick("故障现象", "Fault"), r.fault), 9.5, width));
    y += 6.0;
    if !r.handling.is_empty() {
        pages.text(MARGIN, y, 9.5, &fit(&format!("{}：{}", pick("处理情况", "Work done"), r.handling), 9.5, width));
        y += 6.0;
    }
    y += 2.0;
    let table = |pages: &mut Pages, y: &mut f32, heads: [&str; 4], rows: Vec<[String; 4]>| {
        let shares = [0.18, 0.2, 0.2, 0.42];
        let cols: Vec<f32> = shares.iter().map(|s| s * width).collect();
        let all = std::iter::once(heads.map(str::to_string)).chain(rows);
        for (i, texts) in all.enumerate() {
            pages.line(MARGIN, *y, MARGIN + width, *y, if i == 0 { 0.8 } else { 0.5 });
            let mut x = MARGIN;
            for (c, t) in texts.iter().enumerate() {
                pages.text(x + 1.0, *y + 1.6, 9.0, &fit(t, 9.0, cols[c] - 2.0));
                x += cols[c];
            }
            *y += 7.0;
        }
        pages.line(MARGIN, *y, MARGIN + width, *y, 0.5);
        *y += 5.0;
    };
    let steps = d
        .events
        .iter()
        .map(|e| [e.date.to_string(), e.state.label(lang).to_string(), e.user.clone(), [e.doc_no.clone().unwrap_or_default(), e.note.clone()].join(" ").trim().to_string()])
        .collect();
    table(&mut pages, &mut y, [pick("日期", "Date"), pick("环节", "Step"), pick("经办人", "By"), pick("单据/说明", "Document / note")], steps);
    if !d.costs.is_empty() {
        let costs = d
            .costs
            .iter()
            .map(|c| [c.date.to_string(), format_money(c.amount), c.treatment.label(lang).to_string(), [c.invoice.clone(), c.note.clone()].join(" ").trim().to_string()])
            .collect();
        table(&mut pages, &mut y, [pick("日期", "Date"), pick("金额", "Amount"), pick("处理", "Booked as"), pick("发票号/说明", "Invoice / note")], costs);
    }
    let signatures = if zh { vec!["维修方签字", "报修人验收签字", "经办人签字"] } else { vec!["Repairer", "Verified by requester", "Clerk"] };
    signature_lines(&mut pages, paper, signatures, lang);
    page_footer(&mut pages, paper, pick("第 {n} 页 共 {total} 页", "Page {n} of {total}"), 1, 1);
    pages.finish()
}
