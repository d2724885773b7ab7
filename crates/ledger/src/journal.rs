//! Documents and the append-only journal. Every change of an asset's state, place or
//! person is a numbered document; an asset's history is read back from here.

use chrono::NaiveDate;
use rusqlite::{params, Transaction};

use crate::auth::Actor;
use crate::codes;
use crate::db;
use crate::error::Result;
use crate::model::{AssetStatus, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// 资产新增: the asset enters the ledger.
    Register,
    /// 资产变更: descriptive fields of the card changed.
    Edit,
}

impl DocKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DocKind::Register => "register",
            DocKind::Edit => "edit",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            DocKind::Register => "XZ",
            DocKind::Edit => "BG",
        }
    }
    pub(crate) fn label_of(kind: &str, lang: Lang) -> &str {
        match (kind, lang) {
            ("register", Lang::ZhCn) => "资产新增",
            ("register", Lang::En) => "Registered",
            ("edit", Lang::ZhCn) => "资产变更",
            ("edit", Lang::En) => "Card edited",
            (other, _) => other,
        }
    }
}

/// Opens a document; its lines follow with [`add_line`].
pub(crate) fn open_document(tx: &Transaction, actor: &Actor, kind: DocKind, date: NaiveDate, counterparty: &str, notes: &str) -> Result<(i64, String)> {
    let doc_no = codes::next_doc_no(tx, kind.prefix(), date)?;
    tx.execute(
        "INSERT INTO documents(doc_no, kind, doc_date, operator_id, counterparty, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![doc_no, kind.as_str(), date.to_string(), actor.user_id, counterparty, notes, db::now()],
    )?;
    Ok((tx.last_insert_rowid(), doc_no))
}

pub(crate) fn add_line(tx: &Transaction, document_id: i64, asset_id: i64, status: AssetStatus, detail: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO journal(document_id, asset_id, status, detail) VALUES (?1, ?2, ?3, ?4)",
        params![document_id, asset_id, status.as_str(), detail],
    )?;
    Ok(())
}
