//! A document's slip: organisation, title, number, the header fields, the lines as a
//! table (continued over pages), and signature lines for both parties.

use ledger::{format_money, DocKind, DocumentDetail, Lang, ValueChangeKind};

use crate::page::{fit, Pages, Paper};

const MARGIN: f32 = 14.0;

struct Words {
    title_suffix: &'static str,
    no: &'static str,
    date: &'static str,
    operator: &'static str,
    voided: &'static str,
    columns: [&'static str; 9],
    total: &'static str,
    page: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::ZhCn => Words {
            title_suffix: "单",
            no: "单据号",
            date: "日期",
            operator: "经办人",
            voided: "已冲销",
            columns: ["序号", "资产编码", "资产名称", "办理前", "办理后", "部门", "位置", "保管人", "原值"],
            total: "合计 {count} 项",
            page: "第 {n} 页 共 {total} 页",
        },
        Lang::En => Words {
            title_suffix: "",
            no: "No.",
            date: "Date",
            operator: "Operator",
            voided: "VOIDED",
            columns: ["#", "Code", "Name", "Before", "After", "Department", "Location", "Custodian", "Value"],
            total: "Total, {count} assets",
            page: "Page {n} of {total}",
        },
    }
}

/// Who signs a document of this kind, besides the clerk.
fn signatures(kind: DocKind, lang: Lang) -> Vec<&'static str> {
    use DocKind::*;
    match lang {
        Lang::ZhCn => match kind {
            Issue => vec!["领用人签字", "发放人签字"],
            Return => vec!["退库人签字", "接收人签字"],
            Transfer => vec!["调出部门签字", "调入部门签字"],
            Loan => vec!["借用人签字", "出借人签字"],
            LoanReturn => vec!["归还人签字", "接收人签字"],
            Repair | Fault => vec!["维修方签字", "使用部门签字"],
            Scrap | Dispose | WriteOff => vec!["经办人签字", "审批人签字"],
            _ => vec!["经办人签字", "审核人签字"],
        },
        Lang::En => match kind {
            Issue => vec!["Received by", "Issued by"],
            Return => vec!["Returned by", "Received by"],
            Transfer => vec!["Sending department", "Receiving department"],
            Loan => vec!["Borrower", "Lender"],
            LoanReturn => vec!["Returned by", "Received by"],
            Repair | Fault => vec!["Repairer", "User department"],
            Scrap | Dispose | WriteOff => vec!["Prepared by", "Approved by"],
            _ => vec!["Prepared by", "Checked by"],
        },
    }
}

/// What the person and the department of a document of `kind` are called on its slip:
/// an issue goes to a 领用部门, only a transfer has a 调入部门.
fn party_words(kind: DocKind, lang: Lang) -> (&'static str, &'static str) {
    use DocKind::*;
    match lang {
        Lang::ZhCn => match kind {
            Issue => ("领用人", "领用部门"),
            Loan => ("借用人", "借用部门"),
            Return => ("退库人", "退库部门"),
            LoanReturn => ("归还人", "归还部门"),
            Transfer => ("接收人", "调入部门"),
            StocktakeAdjust => ("相关人员", "更正后部门"),
            _ => ("相关人员", "部门"),
        },
        Lang::En => match kind {
            Issue => ("Issued to", "Issued to department"),
            Loan => ("Borrower", "Borrowing department"),
            Return => ("Returned by", "Returning department"),
            LoanReturn => ("Returned by", "Returning department"),
            Transfer => ("Received by", "To department"),
            StocktakeAdjust => ("Person", "Corrected department"),
            _ => ("Person", "Department"),
        },
    }
}

/// The document's method as the clerk reads it: a value change stores its kind's word
/// (add, impair, revalue), which the slip names in the slip's language.
fn method_words(d: &DocumentDetail, lang: Lang) -> String {
    match (d.row.kind, ValueChangeKind::parse(&d.method)) {
        (DocKind::ValueChange, Ok(kind)) => kind.label(lang).to_string(),
        _ => d.method.clone(),
    }
}

fn header_fields(d: &DocumentDetail, lang: Lang) -> Vec<(String, String)> {
    let zh = lang == Lang::ZhCn;
    let label = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
    let mut out = Vec::new();
    let mut push = |k: String, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            out.push((k, v));
        }
    };
    let (person, dept) = party_words(d.row.kind, lang);
    push(person.to_string(), d.person.clone());
    push(dept.to_string(), d.to_dept.clone());
    push(label("存放位置", "Location"), d.to_location.clone());
    push(label("归还日期", "Due"), d.due.map(|x| x.to_string()));
    push(label("金额", "Amount"), d.amount.map(format_money));
    push(label("方式", "Method"), Some(method_words(d, lang)));
    push(label("原因", "Reason"), Some(d.reason.clone()));
    push(label("来源单据", "Source"), d.source.clone());
    push(label("备注", "Notes"), Some(d.row.notes.clone()));
    // Approvals (issue 20): who applied and who decided, with their dates.
    if let Some(a) = &d.approval {
        push(label("申请人", "Applicant"), Some(format!("{} {}", a.applicant, a.applied_on())));
        let decider = a.approver.clone().unwrap_or_default();
        let on = a.decided_on().unwrap_or_default();
        match a.state {
            "approved" => push(label("审批人", "Approved by"), Some(format!("{decider} {on}"))),
            "rejected" => {
                push(label("驳回人", "Rejected by"), Some(format!("{decider} {on}")));
                push(label("驳回原因", "Rejection reason"), Some(a.reason.clone()));
            }
            _ => push(label("审批", "Approval"), Some(label("待审批", "awaiting approval"))),
        }
    }
    out
}

/// The slip of one document as PDF bytes.
pub fn render_slip(d: &DocumentDetail, org_name: &str, lang: Lang, paper: Paper) -> Vec<u8> {
    let w = words(lang);
    let title = format!("{}{}", d.row.kind.label(lang), w.title_suffix);
    let mut pages = Pages::new(&format!("{} {}", title, d.row.doc_no), paper);
    let (page_w, page_h) = paper.size_mm();
    let width = page_w - 2.0 * MARGIN;
    // Column widths as shares of the table width.
    let shares = [0.05, 0.15, 0.19, 0.08, 0.08, 0.12, 0.11, 0.10, 0.12];
    let cols: Vec<f32> = shares.iter().map(|s| s * width).collect();
    let row_h = 7.0;
    let footer_h = 32.0;

    // Lines per page: the first page carries the header block; the last the signatures.
    let header_lines = header_fields(d, lang);
    let header_h = 30.0 + 6.0 * header_lines.len().div_ceil(2) as f32;
    // One row of the last page holds the total of 原值.
    let first_capacity = (((page_h - MARGIN - header_h - footer_h - 10.0 - row_h) / row_h).floor() as usize).max(1);
    let other_capacity = (((page_h - 2.0 * MARGIN - footer_h - 10.0 - row_h) / row_h).floor() as usize).max(1);
    let total_value = d.total_value();
    let value_col = shares.len() - 1;
    let total_pages = if d.lines.len() <= first_capacity { 1 } else { 1 + (d.lines.len() - first_capacity).div_ceil(other_capacity) };

    let mut index = 0;
    for page_no in 1..=total_pages {
        let mut y = MARGIN;
        pages.text_centered(page_w / 2.0, y, 10.0, org_name);
        y += 6.0;
        pages.text_centered(page_w / 2.0, y, 16.0, &title);
        if d.row.state == "voided" {
            pages.text(page_w - MARGIN - 24.0, y, 14.0, w.voided);
        }
        y += 10.0;
        pages.text(MARGIN, y, 9.5, &format!("{}:{}", w.no, d.row.doc_no));
        pages.text(MARGIN + width * 0.4, y, 9.5, &format!("{}:{}", w.date, d.row.date));
        pages.text(MARGIN + width * 0.7, y, 9.5, &format!("{}:{}", w.operator, d.row.operator));
        y += 6.0;
        if page_no == 1 {
            for pair in header_lines.chunks(2) {
                for (i, (k, v)) in pair.iter().enumerate() {
                    let x = MARGIN + i as f32 * width / 2.0;
                    pages.text(x, y, 9.5, &fit(&format!("{k}:{v}"), 9.5, width / 2.0 - 2.0));
                }
                y += 6.0;
            }
        }
        y += 2.0;
        // Table head.
        pages.line(MARGIN, y, MARGIN + width, y, 0.8);
        let mut x = MARGIN;
        for (c, head) in w.columns.iter().enumerate() {
            if c == value_col {
                right_aligned(&mut pages, x + cols[c] - 1.0, y + 1.6, 9.0, head);
            } else {
                pages.text(x + 1.0, y + 1.6, 9.0, head);
            }
            x += cols[c];
        }
        y += row_h;
        pages.line(MARGIN, y, MARGIN + width, y, 0.5);
        let capacity = if page_no == 1 { first_capacity } else { other_capacity };
        for line in d.lines.iter().skip(index).take(capacity) {
            index += 1;
            let status = |s: Option<ledger::AssetStatus>| s.map(|s| s.label(lang).to_string()).unwrap_or_default();
            let cells = [
                index.to_string(),
                line.code.clone(),
                line.name.clone(),
                status(line.prev_status),
                status(Some(line.status)),
                line.dept.clone().unwrap_or_default(),
                line.location.clone().unwrap_or_default(),
                line.custodian.clone().unwrap_or_default(),
                crate::table::money(&line.value),
            ];
            let mut x = MARGIN;
            for (c, cell) in cells.iter().enumerate() {
                if c == value_col {
                    right_aligned(&mut pages, x + cols[c] - 1.0, y + 1.6, 9.0, cell);
                } else {
                    pages.text(x + 1.0, y + 1.6, 9.0, &fit(cell, 9.0, cols[c] - 2.0));
                }
                x += cols[c];
            }
            y += row_h;
            pages.line(MARGIN, y, MARGIN + width, y, 0.2);
        }
        if page_no == total_pages {
            pages.bold_text(MARGIN + 1.0, y + 1.6, 9.0, &w.total.replace("{count}", &d.lines.len().to_string()));
            right_aligned(&mut pages, MARGIN + width - 1.0, y + 1.6, 9.0, &crate::table::money(&total_value));
            y += row_h;
            pages.line(MARGIN, y, MARGIN + width, y, 0.8);
        }
        if page_no == total_pages {
            signature_lines(&mut pages, paper, signatures(d.row.kind, lang), lang);
        }
        page_footer(&mut pages, paper, w.page, page_no, total_pages);
    }
    pages.finish()
}

/// `text` ending at `right` (amounts line up on their last digit).
fn right_aligned(pages: &mut Pages, right: f32, y: f32, size_pt: f32, text: &str) {
    pages.text(right - crate::page::text_width_mm(text, size_pt), y, size_pt, text);
}

/// Signature lines for both parties and the clerk, and a date, at the foot of a slip.
pub(crate) fn signature_lines(pages: &mut Pages, paper: Paper, mut slots: Vec<&str>, lang: Lang) {
    let (page_w, page_h) = paper.size_mm();
    let width = page_w - 2.0 * MARGIN;
    slots.push(if lang == Lang::ZhCn { "日期" } else { "Date" });
    let sy = page_h - MARGIN - 14.0;
    let slot_w = width / slots.len() as f32;
    for (i, s) in slots.iter().enumerate() {
        let x = MARGIN + i as f32 * slot_w;
        pages.text(x, sy, 9.5, &format!("{s}:"));
        pages.line(x + crate::page::text_width_mm(s, 9.5) + 4.0, sy + 5.0, x + slot_w - 4.0, sy + 5.0, 0.5);
    }
}

/// "第 n 页 共 m 页" at the foot, then a fresh page.
pub(crate) fn page_footer(pages: &mut Pages, paper: Paper, pattern: &str, page_no: usize, total_pages: usize) {
    let (page_w, page_h) = paper.size_mm();
    let label = pattern.replace("{n}", &page_no.to_string()).replace("{total}", &total_pages.to_string());
    pages.text_centered(page_w / 2.0, page_h - MARGIN + 3.0, 8.0, &label);
    pages.new_page();
}
