//! Header words the clerk taught the importer. When the clerk maps a column by hand
//! ("设备名" is the name, "内部编号" means nothing), the word is remembered in the
//! ledger and read the same way in every later sheet, from the app or the CLI. A
//! taught word outranks the built-in synonyms; teaching the built-in meaning back
//! forgets the word.

use std::collections::{BTreeMap, HashMap};

use super::plan::ImportPlan;
use super::synonyms::{header_key, match_header, ImportField};

/// The stored word for "this column means nothing".
const IGNORE: &str = "ignore";

/// Folded header word → its meaning (`None`: a column to leave unmapped).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearnedHeaders(HashMap<String, Option<ImportField>>);

impl LearnedHeaders {
    /// From the ledger's stored words; a word naming no field this version knows is
    /// passed over, so a ledger taught by a newer version still imports.
    pub fn from_words(words: &BTreeMap<String, String>) -> Self {
        let field = |key: &str| ImportField::ALL.iter().copied().find(|f| f.as_key() == key);
        LearnedHeaders(
            words
                .iter()
                .filter_map(|(word, meaning)| match meaning.as_str() {
                    IGNORE => Some((word.clone(), None)),
                    key => field(key).map(|f| (word.clone(), Some(f))),
                })
                .collect(),
        )
    }

    /// What a header cell means: a taught word first (rank 0, the strongest), else the
    /// built-in synonyms.
    pub fn match_header(&self, text: &str) -> Option<(ImportField, usize)> {
        match self.0.get(&header_key(text)) {
            Some(meaning) => meaning.map(|f| (f, 0)),
            None => match_header(text),
        }
    }
}

/// What a plan's mapping teaches, as (folded header word, meaning) for
/// `Ledger::remember_import_headers`: `Some(field key)` or `Some("ignore")` where the
/// clerk's choice differs from the built-in reading, `None` (forget) where it agrees.
pub fn lessons(plan: &ImportPlan) -> Vec<(String, Option<String>)> {
    let mut lessons: Vec<(String, Option<String>)> = plan
        .columns
        .iter()
        // A custom field's column is found by its name, not by a learned word.
        .filter(|c| !header_key(&c.header).is_empty() && c.custom.is_none())
        .map(|c| {
            let built_in = match_header(&c.header).map(|(f, _)| f);
            let meaning = (c.field != built_in).then(|| c.field.map_or(IGNORE, ImportField::as_key).to_string());
            (header_key(&c.header), meaning)
        })
        .collect();
    lessons.sort();
    lessons.dedup_by(|a, b| a.0 == b.0);
    lessons
}
