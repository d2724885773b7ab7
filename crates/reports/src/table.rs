//! Tabular reports as PDF: one or more titled sections, each a table that continues
//! over pages with its header repeated, on A4 landscape, with page numbers.

use exchange::{Cell, Column, ColumnKind};
use ledger::Lang;

use crate::page::{fit, text_width_mm, Pages, Paper};

const MARGIN: f32 = 12.0;
const ROW_H: f32 = 6.5;
const FONT: f32 = 8.5;

/// One titled table of a report: (heading, columns, rows), as the Excel exports build them.
pub type Section = (String, Vec<Column>, Vec<Vec<Cell>>);

fn money(m: &rust_decimal::Decimal) -> String {
    let s = format!("{:.2}", m.round_dp(2));
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let (sign, digits) = int.strip_prefix('-').map(|d| ("-", d)).unwrap_or(("", int));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Money(m) => money(m),
        Cell::Date(d) => d.to_string(),
        Cell::Integer(n) => n.to_string(),
        Cell::Number(n) => n.normalize().to_string(),
        Cell::Empty => String::new(),
    }
}

/// What goes on one page: the section it belongs to, whether its heading starts
/// there, and the range of its rows.
struct Slice {
    section: usize,
    heading: bool,
    rows: std::ops::Range<usize>,
}

fn paginate(sections: &[Section], first_top: f32, top: f32, bottom: f32) -> Vec<Vec<Slice>> {
    let mut pages: Vec<Vec<Slice>> = vec![Vec::new()];
    let mut y = first_top;
    for (s, (_, _, rows)) in sections.iter().enumerate() {
        // A heading, the column header and at least one row must fit together.
        if y + 9.0 + 2.0 * ROW_H > bottom {
            pages.push(Vec::new());
            y = top;
        }
        y += 9.0 + ROW_H;
        let mut start = 0;
        let mut heading = true;
        loop {
            let room = (((bottom - y) / ROW_H).floor() as usize).max(1);
            let end = (start + room).min(rows.len());
            pages.last_mut().unwrap().push(Slice { section: s, heading, rows: start..end });
            y += (end - start) as f32 * ROW_H + 4.0;
            if end >= rows.len() {
                break;
            }
            pages.push(Vec::new());
            y = top + ROW_H;
            start = end;
            heading = false;
        }
    }
    pages
}

/// Renders the sections under `title` for `org` as PDF bytes.
pub fn render_tables(org: &str, title: &str, sections: &[Section], lang: Lang) -> Vec<u8> {
    let paper = Paper::A4Landscape;
    let (page_w, page_h) = paper.size_mm();
    let width = page_w - 2.0 * MARGIN;
    let mut pages = Pages::new(title, paper);
    let bottom = page_h - MARGIN - 8.0;
    let layout = paginate(sections, MARGIN + 16.0, MARGIN, bottom);
    let total = layout.len();
    for (n, slices) in layout.iter().enumerate() {
        let mut y = MARGIN;
        if n == 0 {
            pages.text_centered(page_w / 2.0, y, 10.0, org);
            pages.text_centered(page_w / 2.0, y + 6.0, 15.0, title);
            y += 16.0;
        }
        for slice in slices {
            let (heading, columns, rows) = &sections[slice.section];
            if slice.heading {
                pages.text(MARGIN, y + 2.0, 11.0, heading);
                y += 9.0;
            }
            let weights: Vec<f32> = columns.iter().map(|c| c.width.max(4.0) as f32).collect();
            let sum: f32 = weights.iter().sum();
            let widths: Vec<f32> = weights.iter().map(|w| w / sum * width).collect();
            let right = |c: &Column| matches!(c.kind, ColumnKind::Money | ColumnKind::Integer | ColumnKind::Number);
            pages.line(MARGIN, y, MARGIN + width, y, 0.8);
            let mut x = MARGIN;
            for (c, col) in columns.iter().enumerate() {
                let head = fit(&col.header, FONT, widths[c] - 2.0);
                let hx = if right(col) { x + widths[c] - 1.0 - text_width_mm(&head, FONT) } else { x + 1.0 };
                pages.text(hx, y + 1.4, FONT, &head);
                x += widths[c];
            }
            y += ROW_H;
            pages.line(MARGIN, y, MARGIN + width, y, 0.5);
            for row in &rows[slice.rows.clone()] {
                let mut x = MARGIN;
                for (c, col) in columns.iter().enumerate() {
                    let text = fit(&row.get(c).map(text_of).unwrap_or_default(), FONT, widths[c] - 2.0);
                    let tx = if right(col) { x + widths[c] - 1.0 - text_width_mm(&text, FONT) } else { x + 1.0 };
                    pages.text(tx, y + 1.4, FONT, &text);
                    x += widths[c];
                }
                y += ROW_H;
                pages.line(MARGIN, y, MARGIN + width, y, 0.15);
            }
            y += 4.0;
        }
        let label = match lang {
            Lang::ZhCn => format!("第 {} 页 共 {total} 页", n + 1),
            Lang::En => format!("Page {} of {total}", n + 1),
        };
        pages.text_centered(page_w / 2.0, page_h - MARGIN, 8.0, &label);
        pages.new_page();
    }
    pages.finish()
}
