//! Bringing a legacy ledger in: validated rows from a spreadsheet (planned by the
//! exchange crate) registered under one 资产新增 document, all or nothing, or skipping
//! the invalid rows when the clerk chooses. Rows already in the ledger are recognised
//! and skipped, so importing the same file twice adds nothing.

use rusqlite::{params, OptionalExtension, Transaction};

use crate::assets::{insert_asset, validate, RegisterCache, ValidInput};
use crate::auth::{Actor, Permission};
use crate::error::{Error, ErrorCode, Result};
use crate::journal::{self, DocHeader, DocKind, Placement};
use crate::ledger::Ledger;
use crate::model::AssetStatus;
use crate::money::{to_cents, Money};
use crate::valuation::write_opening;
use crate::Period;
use crate::{audit, db, AssetInput};

/// Called with (rows written, rows to write) as an import goes; returns false to cancel.
pub type ImportProgress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

/// One spreadsheet row, as the clerk's sheet numbers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportAsset {
    pub row: usize,
    pub input: AssetInput,
    /// The legacy status (在用, 闲置...), kept as the asset's starting state.
    pub status: Option<AssetStatus>,
    /// Accumulated depreciation brought over from the old books, if the sheet has it.
    pub opening: Option<ImportOpening>,
    /// Custom field values (field name, value), checked as the card checks them.
    pub custom: Vec<(String, String)>,
}

/// 期初累计折旧: depreciation already charged up to the end of `period`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOpening {
    pub period: Period,
    pub accumulated: Money,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// (row, code) of each asset registered (or that would be, in a dry run).
    pub imported: Vec<(usize, String)>,
    /// Rows whose asset is already in the ledger (same code, or same card without a code).
    pub already_present: Vec<usize>,
    /// Rows the ledger refused, with why.
    pub errors: Vec<(usize, Error)>,
}

/// An asset matching this card is already in the ledger.
fn already_present(tx: &Transaction, input: &AssetInput) -> Result<bool> {
    let code = input.code.trim();
    if !code.is_empty() {
        return Ok(tx.prepare_cached("SELECT EXISTS(SELECT 1 FROM assets WHERE code = ?1)")?.query_row([code], |r| r.get(0))?);
    }
    // Without a code, the same name, model, serial, date and value mean the same asset.
    let valid = validate(input)?;
    let found: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM assets WHERE name = ?1 AND model = ?2 AND serial = ?3 AND acquired IS ?4 AND value_fen = ?5 LIMIT 1",
        )?
        .query_row(params![valid.name, input.model.trim(), input.serial.trim(), valid.acquired.map(|d| d.to_string()), to_cents(valid.value)], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// The settings key holding the header words the clerk taught the importer, one
/// "word<TAB>meaning" line each.
const IMPORT_HEADER_WORDS: &str = "import_header_words";

impl Ledger {
    /// Header words the clerk taught the importer (folded word → field key or
    /// "ignore"); the exchange crate gives them meaning.
    pub fn import_header_words(&self, actor: &Actor) -> Result<std::collections::BTreeMap<String, String>> {
        actor.require(Permission::RegisterAsset)?;
        let stored = crate::settings::get(&self.conn, IMPORT_HEADER_WORDS)?.unwrap_or_default();
        Ok(stored.lines().filter_map(|l| l.split_once('\t')).map(|(w, m)| (w.to_string(), m.to_string())).collect())
    }

    /// Remembers (or, for `None`, forgets) what header words mean, for later imports.
    pub fn remember_import_headers(&mut self, actor: &Actor, lessons: &[(String, Option<String>)]) -> Result<()> {
        let mut words = self.import_header_words(actor)?;
        let before = words.clone();
        for (word, meaning) in lessons {
            // Tabs and line breaks would break the stored lines; folded words have none.
            if word.is_empty() || word.contains(['\t', '\n']) || meaning.as_deref().is_some_and(|m| m.is_empty() || m.contains(['\t', '\n'])) {
                return Err(Error::invalid("mapping", format!("header word '{word_q}' cannot be remembered", word_q = crate::error::quoted(&word)), format!("无法记住表头「{word_q}」", word_q = crate::error::quoted(&word))));
            }
            match meaning {
                Some(m) => words.insert(word.clone(), m.clone()),
                None => words.remove(word),
            };
        }
        if words == before {
            return Ok(());
        }
        let stored: String = words.iter().map(|(w, m)| format!("{w}\t{m}\n")).collect();
        let tx = crate::db::begin(&mut self.conn)?;
        crate::settings::put(&tx, IMPORT_HEADER_WORDS, &stored)?;
        let changed: Vec<String> = lessons.iter().map(|(w, m)| format!("{w}={}", m.as_deref().unwrap_or("-"))).collect();
        audit::record(&tx, &actor.name, "import_mapping", "", &changed.join(", "))?;
        tx.commit()?;
        Ok(())
    }

    /// Imports `rows`. Without `skip_invalid`, any refused row refuses the whole import
    /// and nothing is written; with `dry_run`, nothing is written either way.
    ///
    /// A row can also be refused while it is written (its opening balance does not fit
    /// the asset it became). Undoing single rows with savepoints would copy every page a
    /// row touches, tripling the cost of a 100,000-row import; instead such a pass is
    /// rolled back whole and, when invalid rows are to be skipped, written once more
    /// without them. A dry run writes too, then rolls back: it finds every error the
    /// real import would. `source` (the file's name) is kept on the batch's document.
    pub fn import_assets(&mut self, actor: &Actor, source: &str, rows: &[ImportAsset], skip_invalid: bool, dry_run: bool, progress: ImportProgress) -> Result<ImportOutcome> {
        actor.require(Permission::RegisterAsset)?;
        actor.require(Permission::ManageRegisters)?;
        let rule = crate::codes::CodeRule::parse(&self.settings()?.asset_code_rule)?;
        let mut refused_in_writing: Vec<(usize, Error)> = Vec::new();
        loop {
            let tx = crate::db::begin(&mut self.conn)?;
            let (mut outcome, accepted) = check_rows(&tx, rows)?;
            let skip: std::collections::HashSet<usize> = refused_in_writing.iter().map(|(row, _)| *row).collect();
            outcome.errors.extend(refused_in_writing.iter().cloned());
            let accepted: Vec<_> = accepted.into_iter().filter(|(item, _)| !skip.contains(&item.row)).collect();
            if accepted.is_empty() {
                outcome.errors.sort_by_key(|(row, _)| *row);
                return Ok(outcome);
            }
            let today = db::today();
            let header = DocHeader { notes: crate::corrections::IMPORT_NOTE, counterparty: source.trim(), ..DocHeader::default() };
            let (doc_id, doc_no) = journal::open_document(&tx, actor, DocKind::Register, today, &header)?;
            let mut registers = RegisterCache::default();
            let mut refused_now = Vec::new();
            for (done, (item, valid)) in accepted.iter().enumerate() {
                if done % 500 == 0 && !progress(done, accepted.len()) {
                    return Err(Error::conflict("the import was cancelled; nothing was imported", "已取消导入，未导入任何数据"));
                }
                match write_row(&tx, actor, &rule, today, doc_id, item, valid, &mut registers) {
                    Ok(code) => outcome.imported.push((item.row, code)),
                    Err(e) if matches!(e.code, ErrorCode::InvalidInput | ErrorCode::Conflict | ErrorCode::NotFound) => refused_now.push((item.row, e)),
                    Err(e) => return Err(e),
                }
            }
            progress(accepted.len(), accepted.len());
            if !refused_now.is_empty() && skip_invalid && !dry_run {
                // This pass holds the refused rows' partial writes: roll it back and
                // write the others again.
                drop(tx);
                refused_in_writing.extend(refused_now);
                continue;
            }
            outcome.errors.extend(refused_now);
            outcome.errors.sort_by_key(|(row, _)| *row);
            // Dropping the transaction rolls it back: a dry run, a refused all-or-nothing
            // import, or nothing left to import writes nothing.
            if dry_run || outcome.imported.is_empty() || (!skip_invalid && !outcome.errors.is_empty()) {
                return Ok(outcome);
            }
            let openings = accepted.iter().filter(|(item, _)| item.opening.is_some()).count();
            audit::record(&tx, &actor.name, "import", &doc_no, &format!("{} assets, {} opening balances, {} already present, {} refused", outcome.imported.len(), openings, outcome.already_present.len(), outcome.errors.len()))?;
            tx.commit()?;
            return Ok(outcome);
        }
    }
}

/// The checks that need no writing: each row's fields, rows already in the ledger, and
/// codes given twice (the first occurrence stays). Returns the outcome so far and the
/// rows to write.
fn check_rows<'a>(tx: &Transaction, rows: &'a [ImportAsset]) -> Result<(ImportOutcome, Vec<(&'a ImportAsset, ValidInput)>)> {
    let mut outcome = ImportOutcome::default();
    let mut accepted = Vec::new();
    let mut seen_codes = std::collections::HashSet::new();
    let fields = crate::card_extras::active_fields(tx)?;
    for item in rows {
        if let Some(e) = check_custom(&fields, &item.custom) {
            outcome.errors.push((item.row, e));
            continue;
        }
        // The accounting regime's rules (issue 21) after the row's own.
        let checked = validate(&item.input).and_then(|v| {
            v.check_regime(tx, &item.input.category)?;
            Ok(v)
        });
        let valid = match checked {
            Ok(v) => v,
            Err(e) => {
                outcome.errors.push((item.row, e));
                continue;
            }
        };
        if already_present(tx, &item.input)? {
            outcome.already_present.push(item.row);
            continue;
        }
        let code = item.input.code.trim();
        if !code.is_empty() {
            if let Err(e) = crate::codes::validate_code(code) {
                outcome.errors.push((item.row, e));
                continue;
            }
            if !seen_codes.insert(code.to_string()) {
                outcome.errors.push((item.row, Error::conflict(format!("asset code {code} repeats"), format!("资产编码 {code} 重复")).with_field("code")));
                continue;
            }
        }
        accepted.push((item, valid));
    }
    Ok((outcome, accepted))
}

/// Every bad custom value of a row at once, as the card names them.
fn check_custom(fields: &[crate::CustomField], values: &[(String, String)]) -> Option<Error> {
    let errors = values.iter().filter_map(|(name, value)| match fields.iter().find(|f| &f.name == name) {
        Some(f) => crate::card_extras::check_value(f, value).err(),
        None => Some(crate::card_extras::unknown_field(name)),
    });
    Error::combine(errors.collect())
}

/// Registers one accepted row (and its opening balance) under the import document.
#[allow(clippy::too_many_arguments)]
fn write_row(
    tx: &Transaction,
    actor: &Actor,
    rule: &crate::codes::CodeRule,
    today: chrono::NaiveDate,
    doc_id: i64,
    item: &ImportAsset,
    valid: &ValidInput,
    registers: &mut RegisterCache,
) -> Result<String> {
    let code = match item.input.code.trim() {
        "" => {
            let mut exists = |c: &str| -> Result<bool> { Ok(tx.prepare_cached("SELECT EXISTS(SELECT 1 FROM assets WHERE code = ?1)")?.query_row([c], |r| r.get(0))?) };
            rule.next_code(tx, today, &mut exists)?
        }
        given => given.to_string(),
    };
    let ids = registers.resolve(tx, actor, &item.input)?;
    let status = item.status.unwrap_or(AssetStatus::InStock);
    let asset_id = insert_asset(tx, &code, &item.input, valid, &ids, status)?;
    let placed = Placement { status, dept_id: ids.dept_id, location_id: ids.location_id, custodian_id: ids.custodian_id };
    journal::add_line(tx, doc_id, asset_id, None, placed, &format!("导入第 {} 行", item.row))?;
    for (name, value) in &item.custom {
        tx.prepare_cached("INSERT INTO custom_values(asset_id, field_id, value) SELECT ?1, id, ?3 FROM custom_fields WHERE name = ?2")?
            .execute(rusqlite::params![asset_id, name, value.trim()])?;
    }
    if status == AssetStatus::UnderRepair {
        // An asset that arrives 维修中 (损坏, 待修…) has an open fault like one reported in
        // AssetDesk: Home's 待修故障 counts it and a repair document can close it. Repaired,
        // it goes back to whoever holds it, else to stock.
        let after = if ids.custodian_id.is_some() { AssetStatus::InUse } else { AssetStatus::InStock };
        tx.prepare_cached("INSERT INTO incidents(asset_id, kind, opened_doc_id, description, status_before) VALUES (?1, 'fault', ?2, ?3, ?4)")?
            .execute(rusqlite::params![asset_id, doc_id, format!("导入时为维修中（第 {} 行）", item.row), after.as_str()])?;
    }
    if let Some(opening) = &item.opening {
        write_opening(tx, actor, &code, opening.period, opening.accumulated, None).map_err(|e| e.for_field("accumulated_depreciation"))?;
    }
    Ok(code)
}
