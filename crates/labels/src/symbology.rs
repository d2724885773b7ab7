//! Turns text into modules (bars or matrix cells). Every renderer draws from this one
//! result, so the PDF, ZPL and TSPL outputs and the fit check agree to the module.

use barcoders::sym::{code128::Code128, code39::Code39};
use qrcode::{EcLevel, QrCode};

use crate::template::Symbology;

/// Quiet zone each side, in modules, that must stay blank (and on the label).
pub fn quiet_zone_modules(symbology: Symbology) -> u32 {
    match symbology {
        Symbology::Code128 | Symbology::Code39 => 10,
        Symbology::Qr => 4,
        Symbology::DataMatrix => 1,
    }
}

/// An encoded symbol, quiet zones excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Symbol {
    /// One module per entry, `true` = bar.
    Linear(Vec<bool>),
    /// Row-major cells, `true` = dark.
    Matrix {
        width: usize,
        height: usize,
        cells: Vec<bool>,
    },
}

impl Symbol {
    /// Width in modules.
    pub fn width_modules(&self) -> usize {
        match self {
            Symbol::Linear(m) => m.len(),
            Symbol::Matrix { width, .. } => *width,
        }
    }

    /// Runs of bars as (first module, width in modules), left to right.
    pub fn bars(&self) -> Vec<(usize, usize)> {
        let Symbol::Linear(modules) = self else {
            return Vec::new();
        };
        let mut bars = Vec::new();
        let mut start = None;
        for (i, &dark) in modules.iter().chain(std::iter::once(&false)).enumerate() {
            match (dark, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    bars.push((s, i - s));
                    start = None;
                }
                _ => {}
            }
        }
        bars
    }
}

/// Why text cannot be encoded; `what` completes "cannot encode ...".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeRefusal {
    pub what_en: String,
}

/// Characters Code 39 can encode (without the full-ASCII extension).
const CODE39_CHARSET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

/// Encodes `text`, refusing what the symbology cannot carry.
pub fn encode(symbology: Symbology, text: &str) -> Result<Symbol, EncodeRefusal> {
    let refuse = |what: String| EncodeRefusal { what_en: what };
    match symbology {
        Symbology::Code128 => {
            if let Some(c) = text.chars().find(|c| !(' '..='~').contains(c)) {
                return Err(refuse(char_description(
                    c,
                    "Code 128 set B/C carries printable ASCII only",
                )));
            }
            let data = code128_with_code_sets(text);
            Code128::new(&data)
                .map(|b| Symbol::Linear(b.encode().into_iter().map(|m| m == 1).collect()))
                .map_err(|e| refuse(format!("\"{text}\" ({e})")))
        }
        Symbology::Code39 => {
            if let Some(c) = text.chars().find(|c| !CODE39_CHARSET.contains(*c)) {
                return Err(refuse(char_description(
                    c,
                    "Code 39 carries only 0-9, A-Z, space and - . $ / + %",
                )));
            }
            Code39::new(text)
                .map(|b| Symbol::Linear(b.encode().into_iter().map(|m| m == 1).collect()))
                .map_err(|e| refuse(format!("\"{text}\" ({e})")))
        }
        Symbology::Qr => {
            let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
                .map_err(|e| refuse(format!("\"{text}\" ({e})")))?;
            let width = code.width();
            let cells = code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect();
            Ok(Symbol::Matrix {
                width,
                height: width,
                cells,
            })
        }
        Symbology::DataMatrix => {
            // Square symbols only: a template reserves a square, and the encoder would
            // otherwise pick a long rectangle for some lengths.
            let code = datamatrix::DataMatrix::encode_str(
                text,
                datamatrix::SymbolList::default().enforce_square(),
            )
            .map_err(|e| refuse(format!("\"{text}\" ({e:?})")))?;
            let bitmap = code.bitmap();
            let (width, height) = (bitmap.width(), bitmap.height());
            let mut cells = vec![false; width * height];
            for (x, y) in bitmap.pixels() {
                cells[y * width + x] = true;
            }
            Ok(Symbol::Matrix {
                width,
                height,
                cells,
            })
        }
    }
}

fn char_description(c: char, rule: &str) -> String {
    format!("'{c}' (U+{:04X}): {rule}", c as u32)
}

/// Code 128 data for barcoders: start in set B, and switch to set C for runs of
/// digits long enough to save width (asset codes are often mostly digits).
pub fn code128_with_code_sets(text: &str) -> String {
    const SET_B: char = 'Ɓ';
    const SET_C: char = 'Ć';
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out = String::new();
    let mut current: Option<char> = None;
    let mut i = 0;
    while i < n {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let at_start = i == 0;
        let at_end = i + run == n;
        // A switch costs one symbol each way; pairs of digits save one symbol each.
        let worth = match (at_start, at_end) {
            (true, true) => run >= 2 && run % 2 == 0,
            (true, false) | (false, true) => run >= 4,
            (false, false) => run >= 6,
        };
        if run > 0 && worth {
            // Odd runs: the first digit goes in set B so set C gets pairs only.
            let odd = run % 2 == 1;
            if odd {
                if current != Some(SET_B) {
                    out.push(SET_B);
                }
                out.push(chars[i]);
            }
            let from = i + usize::from(odd);
            out.push(SET_C);
            current = Some(SET_C);
            out.extend(&chars[from..i + run]);
            i += run;
        } else {
            let end = if run > 0 { i + run } else { i + 1 };
            if current != Some(SET_B) {
                out.push(SET_B);
                current = Some(SET_B);
            }
            out.extend(&chars[i..end]);
            i = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_use_set_c() {
        assert_eq!(code128_with_code_sets("ZC-2026-000123"), "ƁZC-2026-Ć000123");
        assert_eq!(code128_with_code_sets("12345678"), "Ć12345678");
        assert_eq!(code128_with_code_sets("12345"), "Ɓ12345");
        assert_eq!(code128_with_code_sets("AB12345"), "ƁAB1Ć2345");
        assert_eq!(code128_with_code_sets("A12B"), "ƁA12B");
        assert_eq!(code128_with_code_sets("A123456B"), "ƁAĆ123456ƁB");
    }

    #[test]
    fn bars_are_runs_of_dark_modules() {
        let s = Symbol::Linear(vec![true, true, false, true, false, false, true]);
        assert_eq!(s.bars(), vec![(0, 2), (3, 1), (6, 1)]);
    }
}
