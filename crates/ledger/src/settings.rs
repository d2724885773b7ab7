//! System parameters kept in the ledger's `settings` table.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::auth::{Actor, Permission};
use crate::codes::CodeRule;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::{audit, Lang};

pub(crate) const ORG_NAME: &str = "org_name";
pub(crate) const ASSET_CODE_RULE: &str = "asset_code_rule";
pub(crate) const LANGUAGE: &str = "language";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub org_name: String,
    pub asset_code_rule: String,
    pub language: Lang,
}

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub(crate) fn put(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

impl Ledger {
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            org_name: get(&self.conn, ORG_NAME)?.unwrap_or_default(),
            asset_code_rule: get(&self.conn, ASSET_CODE_RULE)?.unwrap_or_else(|| CodeRule::DEFAULT.to_string()),
            language: get(&self.conn, LANGUAGE)?.map(|l| Lang::parse(&l)).unwrap_or_default(),
        })
    }

    pub fn update_settings(&mut self, actor: &Actor, new: &Settings) -> Result<()> {
        actor.require(Permission::ManageSettings)?;
        let org = new.org_name.trim();
        if org.is_empty() {
            return Err(Error::invalid("org_name", "organisation name is required", "单位名称不能为空"));
        }
        CodeRule::parse(&new.asset_code_rule)?;
        let old = self.settings()?;
        let tx = crate::db::begin(&mut self.conn)?;
        for (key, before, after) in [
            (ORG_NAME, old.org_name.as_str(), org),
            (ASSET_CODE_RULE, old.asset_code_rule.as_str(), new.asset_code_rule.trim()),
            (LANGUAGE, old.language.as_str(), new.language.as_str()),
        ] {
            if before != after {
                put(&tx, key, after)?;
                audit::record(&tx, &actor.name, "setting_change", key, &format!("{before} -> {after}"))?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
