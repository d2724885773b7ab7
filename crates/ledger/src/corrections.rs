//! Putting mistakes right (issue 20): voiding a registration (资产新增) or a whole import
//! batch while none of its assets has a later document, and putting back a card change.
//!
//! A voided registration keeps its assets (nothing is deleted): each takes the status
//! `voided` through a 冲销 document, so the history says what happened and by whom.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::journal::{self, DocHeader, DocKind};
use crate::ledger::Ledger;
use crate::model::AssetStatus;
use crate::{audit, db, AssetInput};

/// What an import's 资产新增 document is noted with (import.rs writes it).
pub(crate) const IMPORT_NOTE: &str = "导入历史数据";

/// How many blockers a refusal names before saying "and N more".
const BLOCKERS_SHOWN: usize = 20;

/// One imported batch: its 资产新增 document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBatch {
    pub doc_no: String,
    pub date: NaiveDate,
    /// The imported file's name (empty for batches imported before it was kept).
    pub file: String,
    pub operator: String,
    pub assets: i64,
    /// posted | voided
    pub state: String,
    pub voided_by: Option<String>,
}

/// Why one asset of a registration stops it being voided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidBlocker {
    /// The spreadsheet row, for an imported asset.
    pub row: Option<usize>,
    pub code: String,
    /// The later document, or what else holds the asset (a depreciation period, a stocktake).
    pub blocked_by: String,
    pub error: Error,
}

/// One field a card change changed, as stored for putting it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Stores the fields an edit document changed (assets.rs calls it in the edit's
/// transaction); with `reverts`, that earlier change is marked put back.
pub(crate) fn record_card_changes(tx: &Transaction, doc_id: i64, asset_id: i64, changed: &[(&str, &str, String, String)], reverts: Option<i64>) -> Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO card_changes(document_id, asset_id, field, before, after) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (field, _, before, after) in changed {
        stmt.execute(params![doc_id, asset_id, field, before, after])?;
    }
    if let Some(original) = reverts {
        tx.execute("UPDATE documents SET state = 'voided', voided_by = ?1 WHERE id = ?2", params![doc_id, original])?;
    }
    Ok(())
}

/// The spreadsheet row an import's journal line names ("导入第 N 行").
fn row_of(detail: &str) -> Option<usize> {
    detail.strip_prefix("导入第 ")?.strip_suffix(" 行")?.parse().ok()
}

/// Every asset of registration `doc_id` that something later depends on.
fn blockers(tx: &Transaction, doc_id: i64) -> Result<Vec<VoidBlocker>> {
    let lines: Vec<(i64, i64, String, String)> = tx
        .prepare("SELECT j.id, j.asset_id, a.code, j.detail FROM journal j JOIN assets a ON a.id = j.asset_id WHERE j.document_id = ?1 ORDER BY j.id")?
        .query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut later_doc = tx.prepare(
        // A later document voided together with its void cancels out; a card edit moves nothing.
        "SELECT d.doc_no FROM journal j JOIN documents d ON d.id = j.document_id \
         WHERE j.asset_id = ?1 AND j.id > ?2 AND d.state != 'voided' AND d.kind NOT IN ('void', 'edit') ORDER BY j.id LIMIT 1",
    )?;
    let mut posted = tx.prepare(
        "SELECT MAX(l.period) FROM depreciation_lines l JOIN depreciation_runs r ON r.id = l.run_id AND r.state = 'posted' WHERE l.asset_id = ?1",
    )?;
    let mut counting = tx.prepare(
        "SELECT s.id FROM stocktakes s WHERE s.state = 'counting' AND (EXISTS (SELECT 1 FROM stocktake_expected e WHERE e.stocktake_id = s.id AND e.asset_id = ?1) \
         OR EXISTS (SELECT 1 FROM stocktake_scans c WHERE c.stocktake_id = s.id AND c.asset_id = ?1)) LIMIT 1",
    )?;
    let mut pending = tx.prepare(
        "SELECT d.doc_no FROM pending_transfer_lines p JOIN documents d ON d.id = p.document_id WHERE p.asset_id = ?1 AND d.state = 'pending' LIMIT 1",
    )?;
    let mut found = Vec::new();
    for (line_id, asset_id, code, detail) in lines {
        let row = row_of(&detail);
        let mut block = |blocked_by: String, en: String, zh: String| {
            let e = Error::conflict(en, zh);
            let error = match row {
                Some(r) => e.in_row(r),
                None => e,
            };
            found.push(VoidBlocker { row, code: code.clone(), blocked_by, error });
        };
        if let Some(doc) = later_doc.query_row(params![asset_id, line_id], |r| r.get::<_, String>(0)).optional()? {
            block(doc.clone(), format!("asset {code} has a later document {doc}; void that first"), format!("资产 {code} 之后已有单据 {doc}，请先冲销该单据"));
            continue;
        }
        if let Some(period) = posted.query_row([asset_id], |r| r.get::<_, Option<String>>(0))? {
            block(
                format!("depreciation {period}"),
                format!("asset {code} has depreciation posted through {period}; re-open the periods first"),
                format!("资产 {code} 已计提折旧至 {period}，请先反结账"),
            );
            continue;
        }
        if let Some(task) = counting.query_row([asset_id], |r| r.get::<_, i64>(0)).optional()? {
            block(
                format!("stocktake {task}"),
                format!("asset {code} is being counted in stocktake {task}; close that stocktake first"),
                format!("资产 {code} 正在盘点任务 {task} 中，请先结束该盘点"),
            );
            continue;
        }
        if let Some(doc) = pending.query_row([asset_id], |r| r.get::<_, String>(0)).optional()? {
            block(doc.clone(), format!("asset {code} is in transfer {doc} awaiting confirmation"), format!("资产 {code} 在待确认的调拨单 {doc} 中"));
        }
    }
    Ok(found)
}

/// The blockers as one refusal: every one named (up to a screenful), nothing changed.
fn refusal(doc_no: &str, blockers: Vec<VoidBlocker>) -> Error {
    let total = blockers.len();
    let mut e = Error::combine(blockers.into_iter().take(BLOCKERS_SHOWN).map(|b| b.error).collect()).expect("at least one blocker");
    if total > BLOCKERS_SHOWN {
        let more = total - BLOCKERS_SHOWN;
        e = Error::combine(vec![e, Error::conflict(format!("and {more} more"), format!("另有 {more} 项"))]).expect("two errors");
    }
    Error::combine(vec![
        Error::conflict(format!("{doc_no} cannot be voided; nothing was changed"), format!("单据 {doc_no} 不能冲销，未做任何更改")),
        e,
    ])
    .expect("two errors")
    .with_field("doc")
}

/// Voids registration `doc_id` inside `tx` (already checked: posted, a registration) and
/// commits: every asset it registered becomes `voided` under one 冲销 document.
pub(crate) fn void_registration(tx: crate::db::WriteTx, actor: &Actor, doc_id: i64, doc_no: &str, reason: &str) -> Result<String> {
    let void_no = void_registration_in(&tx, actor, doc_id, doc_no, reason, None)?;
    tx.commit()?;
    Ok(void_no)
}

/// [`void_registration`] inside the caller's transaction; `pulled`: the number and date
/// another desk gave the void, pulled from the hub (issue 24).
pub(crate) fn void_registration_in(tx: &rusqlite::Transaction, actor: &Actor, doc_id: i64, doc_no: &str, reason: &str, pulled: Option<(&str, NaiveDate)>) -> Result<String> {
    actor.require(Permission::RegisterAsset)?;
    let found = blockers(tx, doc_id)?;
    if !found.is_empty() {
        return Err(refusal(doc_no, found));
    }
    let assets: Vec<i64> = tx.prepare("SELECT asset_id FROM journal WHERE document_id = ?1 ORDER BY id")?.query_map([doc_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if let Some(scope) = actor.scope_dept() {
        for asset_id in &assets {
            let dept: Option<i64> = tx.query_row("SELECT dept_id FROM assets WHERE id = ?1", [asset_id], |r| r.get(0))?;
            if dept != Some(scope) {
                return Err(Error::forbidden(format!("{doc_no} registered assets of another department"), format!("单据 {doc_no} 含其他部门的资产，无权冲销")));
            }
        }
    }
    let header = DocHeader { reason: reason.trim(), source_id: Some(doc_id), counterparty: doc_no, ..DocHeader::default() };
    let (void_id, void_no) = journal::open_or_pulled(tx, actor, DocKind::Void, db::today(), &header, pulled)?;
    for asset_id in &assets {
        let before = crate::documents::placement_of(tx, *asset_id)?;
        let after = journal::Placement { status: AssetStatus::Voided, ..before };
        crate::documents::set_placement(tx, *asset_id, after)?;
        journal::add_line(tx, void_id, *asset_id, Some(before), after, &format!("冲销 {doc_no}"))?;
    }
    // An import's 维修中 rows opened a fault; the void closes it with the asset.
    tx.execute("UPDATE incidents SET closed_doc_id = ?1 WHERE opened_doc_id = ?2 AND closed_doc_id IS NULL", params![void_id, doc_id])?;
    tx.execute("UPDATE documents SET state = 'voided', voided_by = ?1 WHERE id = ?2", params![void_id, doc_id])?;
    audit::record(tx, &actor.name, "doc_void", doc_no, &format!("{void_no}: {} assets voided: {}", assets.len(), reason.trim()))?;
    Ok(void_no)
}

/// The card as an input, so a revert changes only the fields it puts back.
fn input_of(d: &crate::AssetDetail) -> AssetInput {
    use crate::money::format_money;
    AssetInput {
        code: d.row.code.clone(),
        name: d.row.name.clone(),
        category: d.row.category.clone(),
        model: d.row.model.clone(),
        serial: d.serial.clone(),
        dept: String::new(),
        location: String::new(),
        custodian: String::new(),
        acquired: d.row.acquired.map(|a| a.to_string()).unwrap_or_default(),
        value: format_money(d.row.value),
        life_years: d.life_years.map(|y| y.to_string()).unwrap_or_default(),
        salvage_rate: if d.salvage.is_some() { String::new() } else { d.salvage_rate.to_string() },
        salvage: d.salvage.map(format_money).unwrap_or_default(),
        method: d.method.as_str().to_string(),
        supplier: d.supplier.clone(),
        warranty_until: d.warranty_until.map(|w| w.to_string()).unwrap_or_default(),
        notes: d.notes.clone(),
    }
}

/// The stored field of `input` by its key.
fn field_mut<'a>(input: &'a mut AssetInput, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "name" => &mut input.name,
        "category" => &mut input.category,
        "model" => &mut input.model,
        "serial" => &mut input.serial,
        "acquired" => &mut input.acquired,
        "value" => &mut input.value,
        "life_years" => &mut input.life_years,
        "salvage_rate" => &mut input.salvage_rate,
        "salvage" => &mut input.salvage,
        "method" => &mut input.method,
        "notes" => &mut input.notes,
        "supplier" => &mut input.supplier,
        "warranty_until" => &mut input.warranty_until,
        _ => return None,
    })
}

impl Ledger {
    /// Import batches (each import's 资产新增 document), newest first.
    pub fn import_batches(&self, actor: &Actor) -> Result<Vec<ImportBatch>> {
        actor.require(Permission::RegisterAsset)?;
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_no, d.doc_date, u.name, (SELECT COUNT(*) FROM journal j WHERE j.document_id = d.id), d.state, \
             (SELECT v.doc_no FROM documents v WHERE v.id = d.voided_by), d.counterparty \
             FROM documents d JOIN users u ON u.id = d.operator_id WHERE d.kind = 'register' AND d.notes = ?1 ORDER BY d.id DESC",
        )?;
        let rows = stmt
            .query_map([IMPORT_NOTE], |r| {
                let date: String = r.get(1)?;
                Ok(ImportBatch { doc_no: r.get(0)?, date: date.parse().unwrap_or_default(), file: r.get(6)?, operator: r.get(2)?, assets: r.get(3)?, state: r.get(4)?, voided_by: r.get(5)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// What stops registration (or import batch) `doc_no` being voided now; empty: nothing.
    pub fn void_blockers(&self, actor: &Actor, doc_no: &str) -> Result<Vec<VoidBlocker>> {
        actor.require(Permission::ViewAssets)?;
        let tx = self.conn.unchecked_transaction()?;
        let (doc_id, kind, _) = registration(&tx, doc_no)?;
        if kind != DocKind::Register {
            return Err(not_registration(doc_no));
        }
        blockers(&tx, doc_id)
    }

    /// Voids an import batch: every asset it brought in, all or none (see `void_document`).
    pub fn void_import(&mut self, actor: &Actor, batch: &str, reason: &str) -> Result<String> {
        let is_import: Option<String> = self.conn.query_row("SELECT notes FROM documents WHERE doc_no = ?1 AND kind = 'register'", [batch.trim()], |r| r.get(0)).optional()?;
        if is_import.as_deref() != Some(IMPORT_NOTE) {
            let b = crate::error::quoted(batch.trim());
            return Err(Error::not_found(format!("no import batch {b} (see import list)"), format!("找不到导入批次 {b}（见导入记录列表）")).with_field("batch"));
        }
        self.void_document(actor, batch, reason)
    }

    /// The fields card change `doc_no` (a 资产变更 document) changed.
    pub fn card_changes(&self, actor: &Actor, doc_no: &str) -> Result<Vec<CardChange>> {
        actor.require(Permission::ViewAssets)?;
        let mut stmt = self.conn.prepare(
            "SELECT c.field, c.before, c.after FROM card_changes c JOIN documents d ON d.id = c.document_id WHERE d.doc_no = ?1 ORDER BY c.rowid",
        )?;
        let rows = stmt.query_map([doc_no.trim()], |r| Ok(CardChange { field: r.get(0)?, before: r.get(1)?, after: r.get(2)? }))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn registration(tx: &Transaction, doc_no: &str) -> Result<(i64, DocKind, String)> {
    tx.query_row("SELECT id, kind, state FROM documents WHERE doc_no = ?1", [doc_no.trim()], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .optional()?
        .map(|(id, kind, state)| (id, DocKind::parse(&kind).unwrap_or(DocKind::Edit), state))
        .ok_or_else(|| Error::not_found(format!("no document numbered {}", doc_no.trim()), format!("找不到单据 {}", doc_no.trim())).with_field("doc"))
}

fn not_registration(doc_no: &str) -> Error {
    Error::invalid("doc", format!("{} is not a registration", doc_no.trim()), format!("{} 不是资产新增单", doc_no.trim()))
}

/// Puts back card change `doc_id` (voiding a 资产变更 document): each field it changed
/// returns to its earlier value, by a new 资产变更 document, if no later change touched
/// those fields. Called by `void_document` with the transaction it checked the document in.
pub(crate) fn revert_card_change(ledger: &mut Ledger, actor: &Actor, doc_id: i64, doc_no: &str) -> Result<String> {
    let changes: Vec<(i64, CardChange)> = ledger
        .conn
        .prepare("SELECT asset_id, field, before, after FROM card_changes WHERE document_id = ?1 ORDER BY rowid")?
        .query_map([doc_id], |r| Ok((r.get(0)?, CardChange { field: r.get(1)?, before: r.get(2)?, after: r.get(3)? })))?
        .collect::<rusqlite::Result<_>>()?;
    let Some(asset_id) = changes.first().map(|(id, _)| *id) else {
        return Err(Error::conflict(
            format!("{doc_no} recorded no field values to put back (a depreciation revision, or a change made before this version)"),
            format!("单据 {doc_no} 没有记录可还原的字段值（折旧调整或旧版本的变更）"),
        ));
    };
    let code: String = ledger.conn.query_row("SELECT code FROM assets WHERE id = ?1", [asset_id], |r| r.get(0))?;
    // A later change of the same field (not itself put back) must be put back first.
    let mut later = ledger.conn.prepare(
        "SELECT d.doc_no FROM card_changes c JOIN documents d ON d.id = c.document_id \
         WHERE c.asset_id = ?1 AND c.field = ?2 AND c.document_id > ?3 AND d.state = 'posted' ORDER BY d.id DESC LIMIT 1",
    )?;
    let mut errors = Vec::new();
    for (_, change) in &changes {
        if let Some(doc) = later.query_row(params![asset_id, change.field, doc_id], |r| r.get::<_, String>(0)).optional()? {
            errors.push(Error::conflict(
                format!("{} of asset {code} was changed again by {doc}; void that first", change.field),
                format!("资产 {code} 的字段 {} 之后又由 {doc} 修改，请先冲销该单据", change.field),
            ));
        }
    }
    drop(later);
    if let Some(e) = Error::combine(errors) {
        return Err(e);
    }
    let card = ledger.asset(actor, &code)?;
    let mut input = input_of(&card);
    for (_, change) in &changes {
        if let Some(slot) = field_mut(&mut input, &change.field) {
            *slot = change.before.clone();
        }
    }
    // Salvage is a rate or an amount, never both: the amount put back wins.
    if changes.iter().any(|(_, c)| c.field == "salvage") {
        if input.salvage.is_empty() {
            if input.salvage_rate.is_empty() {
                input.salvage_rate = card.salvage_rate.to_string();
            }
        } else {
            input.salvage_rate.clear();
        }
    }
    ledger.edit_asset_reverting(actor, &code, &input, Some((doc_id, doc_no)))?;
    let new_no: String = ledger.conn.query_row("SELECT doc_no FROM documents WHERE id = (SELECT voided_by FROM documents WHERE id = ?1)", [doc_id], |r| r.get(0))?;
    Ok(new_no)
}
