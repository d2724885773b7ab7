//! The ledger selection bar's actions (issue 27): which kinds the selection may take
//! and, for the others, why not, in the UI language.

use ledger::{Lang, SelectionAction};
use serde::Serialize;

#[derive(Serialize)]
pub struct SelectionActionDto {
    pub kind: &'static str,
    pub allowed: bool,
    /// The first refusals, as the post would word them.
    pub reasons: Vec<String>,
    /// How many selected assets cannot take it.
    pub refused: usize,
}

impl SelectionActionDto {
    pub fn new(a: SelectionAction, lang: Lang) -> Self {
        SelectionActionDto {
            kind: a.kind.as_str(),
            allowed: a.refused == 0,
            reasons: a.refusals.iter().map(|e| e.message(lang).to_string()).collect(),
            refused: a.refused,
        }
    }
}
