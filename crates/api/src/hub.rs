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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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

// ---- The app (issue 24): the sync indicator, the background sync, the 数据中心 page. ----

/// What the app's sync indicator shows, after each background round (event `hub-sync`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "HubSyncState")]
pub struct HubSyncStateDto {
    /// not_joined | synced | syncing | offline | error | conflicts
    #[ts(type = "'not_joined' | 'synced' | 'syncing' | 'offline' | 'error' | 'conflicts'")]
    pub state: String,
    /// This desk's documents not yet on the hub.
    #[ts(type = "number")]
    pub to_push: usize,
    /// The document awaiting approval or confirmation that holds back the push.
    pub held_back_by: Option<String>,
    #[ts(type = "number")]
    pub conflicts: usize,
    /// When a sync last completed (RFC 3339), None: never.
    pub last_sync: Option<String>,
    /// Why the last round failed, in the UI language (offline / error).
    pub error: String,
    /// False: this user's session pushes but does not pull (only a settings manager
    /// applies other desks' documents, in their name).
    pub pulls: bool,
    /// Seconds between background rounds.
    pub interval_seconds: u32,
    /// What the last round did (None: it failed or none ran yet).
    pub last: Option<HubSyncDto>,
}

impl HubSyncStateDto {
    /// The state while a round runs (the counts of the last one kept).
    pub fn syncing(mut self) -> Self {
        if self.state != "not_joined" {
            self.state = "syncing".into();
        }
        self
    }
}

/// The 数据中心 page's status: all of it from this desk's ledger (instant, offline too).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubOverview")]
pub struct HubOverviewDto {
    pub joined: Option<HubMembershipDto>,
    pub sync: HubSyncStateDto,
    /// Every site this desk knows, with how many of its documents the desk holds.
    pub sites: Vec<HubSiteDto>,
    /// Other sites' documents pulled and applied here.
    #[ts(type = "number")]
    pub pulled: usize,
    /// Pulled but of a kind this version does not apply yet.
    #[ts(type = "number")]
    pub unsupported: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubSite")]
pub struct HubSiteDto {
    pub site: String,
    /// This desk's own site.
    pub own: bool,
    #[ts(type = "number")]
    pub documents: usize,
}

/// One pulled document refused by the conflict rules, as the conflict list shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "HubConflict")]
pub struct HubConflictDto {
    pub global_id: String,
    pub site: String,
    pub doc_no: String,
    pub kind: String,
    /// The kind's name in the UI language.
    pub kind_label: String,
    /// Why it was refused, in the UI language.
    pub reason: String,
    #[ts(type = "number")]
    pub hub_seq: i64,
    /// This desk's own document, refused by the hub at push (another site moved one of its
    /// assets first): the way out is voiding it (and what waits behind it), not 重试.
    pub refused_push: bool,
}

/// The conflict list's search (document, site, kind or reason) and site filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(rename = "HubConflictQuery")]
pub struct HubConflictQueryDto {
    #[serde(default)]
    #[ts(optional)]
    pub query: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub site: Option<String>,
}

/// A conflict's reason is stored in both languages, "zh / en" (hub_sync::apply_pulled).
pub fn reason_in(message: &str, lang: ledger::Lang) -> String {
    match (message.split_once(" / "), lang) {
        (Some((_, en)), ledger::Lang::En) => en.to_string(),
        (Some((zh, _)), _) => zh.to_string(),
        (None, _) => message.to_string(),
    }
}

#[cfg(feature = "hub")]
fn local_state(cx: &Ctx, state: Option<&str>, error: String, last: Option<HubSyncDto>) -> Result<HubSyncStateDto> {
    let interval_seconds = cx.ledger.hub_sync_seconds()?;
    let pulls = cx.actor.can(ledger::Permission::ManageSettings);
    if cx.ledger.hub_membership()?.is_none() {
        return Ok(HubSyncStateDto { state: "not_joined".into(), to_push: 0, held_back_by: None, conflicts: 0, last_sync: None, error, pulls, interval_seconds, last });
    }
    let (to_push, held_back_by) = cx.ledger.hub_unpushed()?;
    // The clerk's to-do either way: the other sites' documents this desk could not apply,
    // and this desk's own the hub refused (another site moved the asset first).
    let conflicts = cx.ledger.hub_pulled(Some("conflict"))?.len() + cx.ledger.hub_refused()?.len();
    let state = match state {
        Some(s) => s,
        None if conflicts > 0 => "conflicts",
        None => "synced",
    };
    Ok(HubSyncStateDto { state: state.into(), to_push, held_back_by, conflicts, last_sync: cx.ledger.hub_last_sync()?, error, pulls, interval_seconds, last })
}

#[cfg(feature = "hub")]
/// The indicator's counts from this desk's ledger alone (no network); `state` is the
/// last round's (offline stays offline until a round finds the hub again).
pub fn sync_state(cx: &mut Ctx, last_state: Option<&str>) -> Result<HubSyncStateDto> {
    let keep = last_state.filter(|s| matches!(*s, "offline" | "error"));
    local_state(cx, keep, String::new(), None)
}

#[cfg(feature = "hub")]
/// One round of the app's background sync, as any logged-in user: push this desk's
/// posted documents; pull and apply the other sites' only in a session that may manage
/// settings (they are applied in that user's name). The hub down is not an error here:
/// the state says `offline`, with how many documents wait to go up.
pub fn background(cx: &mut Ctx) -> Result<HubSyncStateDto> {
    if cx.ledger.hub_membership()?.is_none() {
        return local_state(cx, None, String::new(), None);
    }
    let round = if cx.actor.can(ledger::Permission::ManageSettings) {
        hub::sync(cx.ledger, cx.actor)
    } else {
        hub::push_only(cx.ledger).map(|pushed| hub::SyncReport { pushed, ..hub::SyncReport::default() })
    };
    match round {
        Ok(r) => {
            cx.ledger.mark_hub_synced(&chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))?;
            let last = HubSyncDto { pushed: r.pushed, pulled: r.pulled, applied: r.applied, conflicts: r.conflicts, unsupported: r.unsupported };
            local_state(cx, None, String::new(), Some(last))
        }
        // The hub unreachable (or gone mid-round): offline, whatever got through is kept.
        Err(e) if e.code == ledger::ErrorCode::Io && !e.message(ledger::Lang::En).contains("refused the request") => {
            local_state(cx, Some("offline"), e.message(cx.lang).to_string(), None)
        }
        Err(e) => local_state(cx, Some("error"), e.message(cx.lang).to_string(), None),
    }
}

#[cfg(feature = "hub")]
/// The 数据中心 page (settings managers).
pub fn overview(cx: &mut Ctx, last_state: Option<&str>) -> Result<HubOverviewDto> {
    cx.actor.require(ledger::Permission::ManageSettings)?;
    let sync = sync_state(cx, last_state)?;
    let Some(me) = cx.ledger.hub_membership()? else {
        return Ok(HubOverviewDto { joined: None, sync, sites: Vec::new(), pulled: 0, unsupported: 0 });
    };
    let sites = cx
        .ledger
        .hub_site_summaries()?
        .into_iter()
        .map(|s| HubSiteDto { own: s.site == me.site, documents: s.identities.len(), site: s.site })
        .collect();
    let pulled = cx.ledger.hub_pulled(Some("applied"))?.len();
    let unsupported = cx.ledger.hub_pulled(Some("unsupported"))?.len();
    Ok(HubOverviewDto { joined: Some(me.into()), sync, sites, pulled, unsupported })
}

#[cfg(feature = "hub")]
/// The conflicts, newest first, as searched and filtered (settings managers).
pub fn conflicts(cx: &mut Ctx, query: &HubConflictQueryDto) -> Result<Vec<HubConflictDto>> {
    cx.actor.require(ledger::Permission::ManageSettings)?;
    let lang = cx.lang;
    let needle = query.query.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_lowercase);
    let site = query.site.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let label = |kind: &str| ledger::DocKind::parse(kind).map(|k| k.label(lang).to_string()).unwrap_or_else(|_| kind.to_string());
    let own_site = cx.ledger.hub_membership()?.map(|m| m.site).unwrap_or_default();
    let refused = cx.ledger.hub_refused()?.into_iter().map(|r| HubConflictDto {
        kind_label: label(&r.kind),
        reason: reason_in(&r.message, lang),
        global_id: format!("{own_site}:{}", r.doc_no),
        site: own_site.clone(),
        doc_no: r.doc_no,
        kind: r.kind,
        hub_seq: 0,
        refused_push: true,
    });
    Ok(refused
        .chain(cx.ledger.hub_pulled(Some("conflict"))?.into_iter().map(|p| HubConflictDto {
            kind_label: label(&p.kind),
            reason: reason_in(&p.message, lang),
            global_id: p.global_id,
            site: p.site,
            doc_no: p.doc_no,
            kind: p.kind,
            hub_seq: p.hub_seq,
            refused_push: false,
        }))
        .filter(|c| site.is_none_or(|s| c.site == s))
        .filter(|c| {
            needle.as_ref().is_none_or(|n| [&c.doc_no, &c.site, &c.kind_label, &c.reason, &c.global_id].iter().any(|f| f.to_lowercase().contains(n.as_str())))
        })
        .collect())
}

#[cfg(feature = "hub")]
/// The conflicts as listed (same search and filter), as a table to export.
pub fn conflicts_table(cx: &mut Ctx, query: &HubConflictQueryDto) -> Result<crate::export::Table> {
    use exchange::{column, Cell, ColumnKind::*};
    let lang = cx.lang;
    let rows = conflicts(cx, query)?;
    let columns = vec![
        column("单据编号", "Document", lang, Text, 20.0),
        column("站点", "Site", lang, Text, 12.0),
        column("单据类型", "Kind", lang, Text, 12.0),
        column("原因", "Reason", lang, Text, 60.0),
        column("全局编号", "Global id", lang, Text, 14.0),
    ];
    let cells = rows.into_iter().map(|c| vec![Cell::Text(c.doc_no), Cell::Text(c.site), Cell::Text(c.kind_label), Cell::Text(c.reason), Cell::Text(c.global_id)]).collect();
    let (stem, sheet) = if lang == ledger::Lang::En { ("hub-conflicts", "Hub conflicts") } else { ("数据中心冲突", "数据中心冲突") };
    Ok(crate::export::Table::new(stem, sheet, (columns, cells)))
}

#[cfg(feature = "hub")]
/// Seconds between the app's background syncs (settings managers).
pub fn set_interval(cx: &mut Ctx, seconds: u32) -> Result<u32> {
    cx.ledger.set_hub_sync_seconds(cx.actor, seconds)?;
    cx.ledger.hub_sync_seconds()
}
