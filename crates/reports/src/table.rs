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

/// "1,600.00": two places, thousands grouped, as printed money reads.
pub(crate) fn money(m: &rust_decimal::Decimal) -> String {
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

/// How a table report is laid out. [`render_tables`] uses [`TableOptions::default`]:
/// A4 landscape, one line per row, as the stocktake and depreciation reports print.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableOptions {
    pub paper: Paper,
    /// Long text wraps onto up to three lines instead of being cut with "…"; numbers,
    /// dates and money get the width they need, the text columns share the rest.
    pub wrap: bool,
    /// Each section's last row (its subtotal) in bold, with a rule above it.
    pub bold_last_row: bool,
}

impl Default for TableOptions {
    fn default() -> TableOptions {
        TableOptions { paper: Paper::A4Landscape, wrap: false, bold_last_row: false }
    }
}

impl TableOptions {
    /// A standard report of `columns` columns: portrait A4 up to seven, landscape beyond;
    /// text wraps; subtotals in bold.
    pub fn report(columns: usize) -> TableOptions {
        TableOptions { paper: if columns > 7 { Paper::A4Landscape } else { Paper::A4 }, wrap: true, bold_last_row: true }
    }
}

/// Up to this many lines per wrapped cell; the last one ends with "…" if still too long.
const MAX_LINES: usize = 3;
const LINE_H: f32 = 3.6;

/// `text` broken into lines that fit `width_mm` (at characters: CJK text has no spaces).
fn wrap(text: &str, size_pt: f32, width_mm: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if !current.is_empty() && text_width_mm(&format!("{current}{c}"), size_pt) > width_mm {
            // A Latin word moves whole to the next line when the line has a space before it.
            let word_start = current.rfind(' ').filter(|&i| c.is_ascii_alphanumeric() && current[i + 1..].chars().all(|w| w.is_ascii_alphanumeric()));
            match word_start {
                Some(i) if i > 0 => {
                    let word = current.split_off(i + 1);
                    lines.push(current.trim_end().to_string());
                    current = word;
                }
                _ => lines.push(std::mem::take(&mut current)),
            }
        }
        current.push(c);
    }
    lines.push(current);
    if lines.len() > MAX_LINES {
        let rest: String = lines[MAX_LINES - 1..].concat();
        lines.truncate(MAX_LINES - 1);
        lines.push(fit(&rest, size_pt, width_mm));
    }
    lines
}

/// Column widths (mm) over `width`: by the columns' weights, or (wrapping) numbers,
/// dates and money first at the width their widest cell needs.
fn widths(columns: &[Column], rows: &[&Vec<Cell>], width: f32, wrapping: bool) -> Vec<f32> {
    let weights: Vec<f32> = columns.iter().map(|c| c.width.max(4.0) as f32).collect();
    let by_weight = |cols: &[usize], room: f32| -> Vec<(usize, f32)> {
        let sum: f32 = cols.iter().map(|&i| weights[i]).sum();
        cols.iter().map(|&i| (i, weights[i] / sum * room)).collect()
    };
    let all: Vec<usize> = (0..columns.len()).collect();
    if !wrapping {
        return by_weight(&all, width).into_iter().map(|(_, w)| w).collect();
    }
    let mut out = vec![0.0; columns.len()];
    let mut fixed = 0.0;
    let mut text_cols = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        if c.kind == ColumnKind::Text {
            text_cols.push(i);
            continue;
        }
        let widest = rows.iter().filter_map(|r| r.get(i)).map(|cell| text_width_mm(&text_of(cell), FONT)).fold(text_width_mm(&c.header, FONT), f32::max);
        out[i] = widest + 2.5;
        fixed += out[i];
    }
    if text_cols.is_empty() || fixed > width * 0.75 {
        return by_weight(&all, width).into_iter().map(|(_, w)| w).collect();
    }
    for (i, w) in by_weight(&text_cols, width - fixed) {
        out[i] = w;
    }
    out
}

/// A row laid out: each cell's lines, and the row's height.
struct Laid {
    cells: Vec<Vec<String>>,
    height: f32,
}

fn lay_out(row: &[Cell], columns: &[Column], widths: &[f32], wrapping: bool) -> Laid {
    let cells: Vec<Vec<String>> = columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let text = row.get(c).map(text_of).unwrap_or_default();
            if wrapping && col.kind == ColumnKind::Text {
                // Like a spreadsheet, text runs on over the empty cells to its right.
                let free: f32 = (c + 1..columns.len()).take_while(|&n| matches!(row.get(n), None | Some(Cell::Empty))).map(|n| widths[n]).sum();
                wrap(&text, FONT, widths[c] + free - 2.0)
            } else {
                vec![fit(&text, FONT, widths[c] - 2.0)]
            }
        })
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
    Laid { cells, height: ROW_H + (lines - 1) as f32 * LINE_H }
}

/// What goes on one page: the section it belongs to, whether its heading starts
/// there, and the range of its rows.
struct Slice {
    section: usize,
    heading: bool,
    rows: std::ops::Range<usize>,
}

fn paginate(heights: &[Vec<f32>], first_top: f32, top: f32, bottom: f32) -> Vec<Vec<Slice>> {
    let mut pages: Vec<Vec<Slice>> = vec![Vec::new()];
    let mut y = first_top;
    for (s, rows) in heights.iter().enumerate() {
        // A heading, the column header and at least one row must fit together.
        let first = rows.first().copied().unwrap_or(ROW_H);
        if y + 9.0 + ROW_H + first > bottom {
            pages.push(Vec::new());
            y = top;
        }
        y += 9.0 + ROW_H;
        let mut start = 0;
        let mut heading = true;
        loop {
            let mut end = start;
            while end < rows.len() && (end == start || y + rows[end] <= bottom) {
                y += rows[end];
                end += 1;
            }
            pages.last_mut().unwrap().push(Slice { section: s, heading, rows: start..end });
            y += 4.0;
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

/// Renders the sections under `title` for `org` as PDF bytes (A4 landscape, one line a row).
pub fn render_tables(org: &str, title: &str, sections: &[Section], lang: Lang) -> Vec<u8> {
    render_tables_with(org, title, sections, lang, &TableOptions::default())
}

/// Renders the sections under `title` for `org` as PDF bytes, laid out as `options` says.
pub fn render_tables_with(org: &str, title: &str, sections: &[Section], lang: Lang, options: &TableOptions) -> Vec<u8> {
    render_tables_fingerprinted(org, title, sections, lang, options, "")
}

/// As [`render_tables_with`], with the ledger's 审计指纹 (audit fingerprint, issue 26) in
/// every page's footer, so a printed period-close or register report can be matched
/// with `assetdesk audit verify` later. Empty: no fingerprint line.
pub fn render_tables_fingerprinted(org: &str, title: &str, sections: &[Section], lang: Lang, options: &TableOptions, fingerprint: &str) -> Vec<u8> {
    let paper = options.paper;
    let (page_w, page_h) = paper.size_mm();
    let width = page_w - 2.0 * MARGIN;
    let mut pages = Pages::new(title, paper);
    let bottom = page_h - MARGIN - 8.0;
    let laid: Vec<(Vec<f32>, Vec<Laid>)> = sections
        .iter()
        .map(|(_, columns, rows)| {
            // Sections with the same columns share their widths, so subtotals line up.
            let same = |other: &Vec<Column>| other.len() == columns.len() && other.iter().zip(columns).all(|(a, b)| a.header == b.header);
            let all_rows: Vec<&Vec<Cell>> = sections.iter().filter(|s| same(&s.1)).flat_map(|s| s.2.iter()).collect();
            let w = widths(columns, &all_rows, width, options.wrap);
            let laid = rows.iter().map(|r| lay_out(r, columns, &w, options.wrap)).collect();
            (w, laid)
        })
        .collect();
    let heights: Vec<Vec<f32>> = laid.iter().map(|(_, rows)| rows.iter().map(|r| r.height).collect()).collect();
    let layout = paginate(&heights, MARGIN + 16.0, MARGIN, bottom);
    let total = layout.len();
    for (n, slices) in layout.iter().enumerate() {
        let mut y = MARGIN;
        if n == 0 {
            pages.text_centered(page_w / 2.0, y, 10.0, org);
            pages.text_centered(page_w / 2.0, y + 6.0, 15.0, title);
            y += 16.0;
        }
        for slice in slices {
            let (heading, columns, _) = &sections[slice.section];
            let (widths, rows) = &laid[slice.section];
            if slice.heading {
                pages.text(MARGIN, y + 2.0, 11.0, heading);
                y += 9.0;
            }
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
            for r in slice.rows.clone() {
                let strong = options.bold_last_row && r + 1 == rows.len();
                if strong {
                    pages.line(MARGIN, y, MARGIN + width, y, 0.8);
                }
                let mut x = MARGIN;
                for (c, col) in columns.iter().enumerate() {
                    for (l, text) in rows[r].cells[c].iter().enumerate() {
                        let tx = if right(col) { x + widths[c] - 1.0 - text_width_mm(text, FONT) } else { x + 1.0 };
                        let ty = y + 1.4 + l as f32 * LINE_H;
                        if strong {
                            pages.bold_text(tx, ty, FONT, text);
                        } else {
                            pages.text(tx, ty, FONT, text);
                        }
                    }
                    x += widths[c];
                }
                y += rows[r].height;
                pages.line(MARGIN, y, MARGIN + width, y, if strong { 0.8 } else { 0.15 });
            }
            y += 4.0;
        }
        let label = match lang {
            Lang::ZhCn => format!("第 {} 页 共 {total} 页", n + 1),
            Lang::En => format!("Page {} of {total}", n + 1),
        };
        pages.text_centered(page_w / 2.0, page_h - MARGIN, 8.0, &label);
        if !fingerprint.is_empty() {
            let stamp = match lang {
                Lang::ZhCn => format!("审计指纹 {fingerprint}"),
                Lang::En => format!("Audit fingerprint {fingerprint}"),
            };
            pages.text(MARGIN, page_h - MARGIN, 8.0, &stamp);
        }
        pages.new_page();
    }
    pages.finish()
}
