//! The PostgreSQL hub (issue 24, preview; docs/hub.md): create its schema, join this
//! desk, sync, status, verify. The use cases need the `hub` feature (the CLI's); the
//! wire types are always here, for the generated TypeScript. The hub's own code is crates/hub; permissions (settings
//! managers only) are checked there and in the ledger.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[cfg(feature = "hub")]
use crate::{Ctx, Result};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubInitRequest")]
pub struct HubInitRequestDto {
    /// A PostgreSQL connection string: `postgres://user@host/db` or `host=… dbname=…`.
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubInitResult")]
pub struct HubInitDto {
    pub schema_version: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubJoinRequest")]
pub struct HubJoinRequestDto {
    pub url: String,
    /// The site's name (分校A).
    pub site: String,
    /// 1–8 ASCII letters or digits before this desk's document numbers (A1-LY-2026-00012).
    /// Empty: the site name itself when it is such a code (a Chinese name needs one given).
    #[serde(default)]
    #[ts(optional)]
    pub prefix: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubMembership")]
pub struct HubMembershipDto {
    /// The connection string, its password masked.
    pub url: String,
    pub site: String,
    pub prefix: String,
    #[ts(type = "number")]
    pub pushed_up_to: i64,
}

#[cfg(feature = "hub")]
impl From<ledger::HubMembership> for HubMembershipDto {
    fn from(m: ledger::HubMembership) -> Self {
        // Shown to the clerk and printed by the CLI: never the password.
        HubMembershipDto { url: hub::redacted(&m.url), site: m.site, prefix: m.prefix, pushed_up_to: m.pushed_up_to }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubSyncResult")]
pub struct HubSyncDto {
    #[ts(type = "number")]
    pub pushed: usize,
    #[ts(type = "number")]
    pub pulled: usize,
    #[ts(type = "number")]
    pub applied: usize,
    #[ts(type = "number")]
    pub conflicts: usize,
    #[ts(type = "number")]
    pub unsupported: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubPulledDocument")]
pub struct HubPulledDto {
    pub global_id: String,
    pub site: String,
    pub doc_no: String,
    pub kind: String,
    /// applied | conflict | unsupported
    pub outcome: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubRefusedDocument")]
pub struct HubRefusedDto {
    pub doc_no: String,
    pub kind: String,
    /// Why, in both languages (zh / en), and the way out: void it here.
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubStatus")]
pub struct HubStatusDto {
    /// None: this desk has not joined a hub.
    pub joined: Option<HubMembershipDto>,
    /// Whether the hub answered just now (None when not joined).
    pub reachable: Option<bool>,
    /// Why it did not, in the caller's language.
    pub error: String,
    #[ts(type = "number")]
    pub to_push: usize,
    /// The first document still awaiting approval or confirmation: pushed once it takes
    /// effect (it holds back nothing else).
    pub held_back_by: Option<String>,
    /// This desk's documents the hub refused (another desk moved one of their assets
    /// first): conflicts to resolve here, oldest first.
    pub refused: Vec<HubRefusedDto>,
    /// This desk's documents waiting behind a refused one (they touch its assets).
    pub held: Vec<String>,
    /// None: unknown while the hub is unreachable.
    #[ts(type = "number | null")]
    pub to_pull: Option<i64>,
    /// The documents pulled but refused by the rules, newest first.
    pub conflicts: Vec<HubPulledDto>,
    #[ts(type = "number")]
    pub unsupported: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubSiteCheck")]
pub struct HubSiteCheckDto {
    pub site: String,
    #[ts(type = "number")]
    pub hub_documents: usize,
    #[ts(type = "number")]
    pub desk_documents: usize,
    pub hub_hash: String,
    pub desk_hash: String,
    pub agree: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubVerifyResult")]
pub struct HubVerifyDto {
    pub sites: Vec<HubSiteCheckDto>,
    pub agree: bool,
}

#[cfg(feature = "hub")]
/// `hub init`: the hub's schema created or upgraded (idempotent).
pub fn init(cx: &mut Ctx, req: HubInitRequestDto) -> Result<HubInitDto> {
    cx.actor.require(ledger::Permission::ManageSettings)?;
    Ok(HubInitDto { schema_version: hub::init(req.url.trim())? })
}

#[cfg(feature = "hub")]
/// `hub join`: this desk registered on the hub as a site.
pub fn join(cx: &mut Ctx, req: HubJoinRequestDto) -> Result<HubMembershipDto> {
    let site = req.site.trim();
    let prefix = match req.prefix.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => p.to_string(),
        _ if !site.is_empty() && site.len() <= 8 && site.bytes().all(|b| b.is_ascii_alphanumeric()) => site.to_string(),
        _ => {
            return Err(crate::Error::invalid(
                "prefix",
                format!("site {} needs a prefix for its document numbers: 1 to 8 ASCII letters or digits (--prefix A1)", crate::quoted(site)),
                format!("站点「{}」须指定单据编号前缀：1 到 8 个英文字母或数字（--prefix A1）", crate::quoted(site)),
            ))
        }
    };
    Ok(hub::join(cx.ledger, cx.actor, req.url.trim(), site, &prefix)?.into())
}

#[cfg(feature = "hub")]
/// `hub sync`: push this desk's documents, pull the others'.
pub fn sync(cx: &mut Ctx) -> Result<HubSyncDto> {
    let r = hub::sync(cx.ledger, cx.actor)?;
    Ok(HubSyncDto { pushed: r.pushed, pulled: r.pulled, applied: r.applied, conflicts: r.conflicts, unsupported: r.unsupported })
}

#[cfg(feature = "hub")]
/// `hub retry`: the conflicts tried again (after the clerk cleared what stood in the way).
pub fn retry(cx: &mut Ctx) -> Result<HubSyncDto> {
    let r = hub::retry_conflicts(cx.ledger, cx.actor)?;
    Ok(HubSyncDto { pushed: r.pushed, pulled: r.pulled, applied: r.applied, conflicts: r.conflicts, unsupported: r.unsupported })
}

#[cfg(feature = "hub")]
/// `hub status`: membership, what waits to go either way, conflicts. Works offline.
pub fn status(cx: &mut Ctx) -> Result<HubStatusDto> {
    cx.actor.require(ledger::Permission::ManageSettings)?;
    let s = hub::status(cx.ledger, cx.lang)?;
    let conflicts = cx
        .ledger
        .hub_pulled(Some("conflict"))?
        .into_iter()
        .map(|p| HubPulledDto { global_id: p.global_id, site: p.site, doc_no: p.doc_no, kind: p.kind, outcome: p.outcome, message: p.message })
        .collect();
    let refused = s.refused.into_iter().map(|r| HubRefusedDto { doc_no: r.doc_no, kind: r.kind, message: r.message }).collect();
    Ok(HubStatusDto { joined: s.joined.map(Into::into), reachable: s.reachable, error: s.error, to_push: s.to_push, held_back_by: s.held_back_by, refused, held: s.held, to_pull: s.to_pull, conflicts, unsupported: s.unsupported })
}

#[cfg(feature = "hub")]
/// `hub verify`: per site, the hub and this desk hold the same documents.
pub fn verify(cx: &mut Ctx) -> Result<HubVerifyDto> {
    cx.actor.require(ledger::Permission::ManageSettings)?;
    let v = hub::verify(cx.ledger)?;
    Ok(HubVerifyDto {
        agree: v.agree,
        sites: v
            .sites
            .into_iter()
            .map(|c| HubSiteCheckDto { site: c.site, hub_documents: c.hub_documents, desk_documents: c.desk_documents, hub_hash: c.hub_hash, desk_hash: c.desk_hash, agree: c.agree })
            .collect(),
    })
}
