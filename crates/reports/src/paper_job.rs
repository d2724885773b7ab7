//! Which PDF a print button means (issue 18): the one place that turns "the slip of
//! LY-2026-0001 on A5" or "this report" into the PDF, its job title, its file name and
//! the papers it may be laid out on. The app's print preview and 保存并打印 use it, so
//! what is previewed, saved and printed is the same document.

use ledger::{Actor, Lang, Ledger};

use crate::{Paper, Section, TableOptions};

/// A printable the clerk asked for by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printable {
    /// A document's signed-form slip (领用单, 调拨单 ...).
    Slip { doc_no: String },
    /// A consumable movement's slip.
    ConsumableSlip { doc_no: String },
    /// An asset's card.
    Card { code: String },
}

/// A rendered paper job: what the preview shows, the printer gets and 保存PDF writes.
#[derive(Debug, Clone)]
pub struct PaperJob {
    pub pdf: Vec<u8>,
    /// The job's name in the system queue ("领用单 LY-2026-0001").
    pub title: String,
    /// The file name (without `.pdf`) when saved.
    pub stem: String,
    /// Rows it holds, for the export record.
    pub rows: usize,
    /// The paper it was laid out on, and the others it may be laid out on.
    pub paper: Paper,
    pub papers: Vec<Paper>,
}

impl Paper {
    /// The preview's word for a paper (`a5`, `a4`, `a4-landscape`).
    pub fn choice(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
            Paper::A4Landscape => "a4-landscape",
        }
    }

    pub fn from_choice(s: &str) -> Option<Paper> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4-landscape" | "a4l" => Some(Paper::A4Landscape),
            other => Paper::parse(other),
        }
    }
}

impl Printable {
    /// The papers this printable's layout supports, its usual one first.
    pub fn papers(&self) -> Vec<Paper> {
        match self {
            Printable::Slip { .. } | Printable::ConsumableSlip { .. } => vec![Paper::A5, Paper::A4],
            Printable::Card { .. } => vec![Paper::A4, Paper::A5],
        }
    }

    /// Lays it out on `paper` (its usual paper when `None` or not one it supports), with
    /// the ledger's data as `actor` may see it.
    pub fn render(&self, ledger: &Ledger, actor: &Actor, lang: Lang, paper: Option<Paper>) -> ledger::Result<PaperJob> {
        let papers = self.papers();
        let paper = paper.filter(|p| papers.contains(p)).unwrap_or(papers[0]);
        let org = ledger.settings()?.org_name;
        let en = lang == Lang::En;
        let (pdf, title, stem, rows) = match self {
            // A repair order's number (BX-…) prints its 维修单 (issue 22).
            Printable::Slip { doc_no } if ledger.is_repair_order(doc_no)? => {
                let order = ledger.repair_order(actor, doc_no)?;
                let title = format!("{} {}", if en { "Repair order" } else { "维修单" }, order.row.order_no);
                (crate::render_repair_slip(&order, &org, lang, paper), title, order.row.order_no.clone(), 1)
            }
            Printable::Slip { doc_no } => {
                let detail = ledger.document(actor, doc_no)?;
                let title = format!("{} {}", detail.row.kind.label(lang), detail.row.doc_no);
                (crate::render_slip(&detail, &org, lang, paper), title, detail.row.doc_no.clone(), detail.lines.len())
            }
            Printable::ConsumableSlip { doc_no } => {
                let m = ledger.consumable_move(actor, doc_no)?;
                let title = format!("{} {}", if en { "Consumables slip" } else { "耗材单" }, m.doc_no);
                (crate::render_consumable_slip(&m, &org, lang, paper), title, m.doc_no.clone(), 1)
            }
            Printable::Card { code } => {
                let card = ledger.asset(actor, code)?;
                let title = format!("{} {}", if en { "Asset card" } else { "资产卡片" }, card.row.code);
                let stem = format!("{}-{}", if en { "asset-card" } else { "资产卡片" }, card.row.code);
                (crate::render_asset_card(&card, &org, lang, paper), title, stem, 1)
            }
        };
        Ok(PaperJob { pdf, title, stem, rows, paper, papers })
    }
}

impl PaperJob {
    /// A table report (the 报表 page's register and changes): portrait A4 up to seven
    /// columns, landscape beyond, unless the clerk chose the other; fingerprinted with the
    /// audit chain's head as the printed reports are.
    pub fn table_report(ledger: &Ledger, title: &str, stem: &str, sections: &[Section], lang: Lang, paper: Option<Paper>) -> ledger::Result<PaperJob> {
        let mut options = TableOptions::report(sections.first().map(|s| s.1.len()).unwrap_or(0));
        let papers = vec![options.paper, if options.paper == Paper::A4 { Paper::A4Landscape } else { Paper::A4 }];
        if let Some(p) = paper.filter(|p| papers.contains(p)) {
            options.paper = p;
        }
        let pdf = crate::render_tables_fingerprinted(&ledger.settings()?.org_name, title, sections, lang, &options, &ledger.audit_fingerprint()?);
        Ok(PaperJob {
            pdf,
            title: title.to_string(),
            stem: stem.to_string(),
            rows: sections.iter().map(|s| s.2.len()).sum(),
            paper: options.paper,
            papers,
        })
    }
}
