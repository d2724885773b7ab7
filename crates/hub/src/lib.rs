//! The optional PostgreSQL hub (issue 24; design and rules in docs/hub.md). Each desk's
//! SQLite ledger stays the offline truth; the hub holds every site's posted documents
//! and journal lines under global ids (site + the desk's local id). This crate talks
//! PostgreSQL; everything that touches the desk's ledger is `ledger::hub_sync`.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use ledger::{Actor, Error, ErrorCode, HubDocument, HubMembership, HubPushOutcome, Ledger, PullOutcome, Result};
use postgres::{Client, NoTls};
use serde::Serialize;
use sha2::{Digest, Sha256};

mod registers;
pub use registers::RegisterReport;

/// The hub schema's migrations, applied in order by `init`; the applied version is
/// `assetdesk_hub.schema_version`. Append only.
const MIGRATIONS: &[&str] = &["
-- desk_id: the desk's ledger id, so a second desk can never take a site already taken
-- (their global ids would collide).
CREATE TABLE assetdesk_hub.sites (
    site      text PRIMARY KEY,
    prefix    text NOT NULL UNIQUE,
    desk_id   text NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now()
);
-- One row per posted document of any desk. seq is the hub's order: pushes take a lock
-- that serialises them, so seq order is commit order and a puller never skips a row.
CREATE TABLE assetdesk_hub.documents (
    seq       bigserial PRIMARY KEY,
    site      text NOT NULL REFERENCES assetdesk_hub.sites(site),
    local_id  bigint NOT NULL,
    doc_no    text NOT NULL,
    kind      text NOT NULL,
    doc_date  text NOT NULL,
    identity  text NOT NULL,
    payload   text NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (site, local_id),
    UNIQUE (site, doc_no)
);
CREATE TABLE assetdesk_hub.journal_lines (
    site       text NOT NULL,
    local_id   bigint NOT NULL,
    line_no    integer NOT NULL,
    asset_code text NOT NULL,
    status     text NOT NULL,
    dept       text NOT NULL,
    location   text NOT NULL,
    custodian  text NOT NULL,
    PRIMARY KEY (site, local_id, line_no),
    FOREIGN KEY (site, local_id) REFERENCES assetdesk_hub.documents(site, local_id)
);
CREATE INDEX journal_lines_asset ON assetdesk_hub.journal_lines(asset_code);
", "
-- A line of a document that moves nothing (a card edit, a value change, a loan extension,
-- or the void of one): not part of the asset's chain the push checks a document against.
ALTER TABLE assetdesk_hub.journal_lines ADD COLUMN neutral boolean NOT NULL DEFAULT false;
",
// Version 3: registers, users and shared settings (docs/hub.md, "Registers"): one row
// per change of one entry, its whole state, in the hub's order.
"
CREATE TABLE assetdesk_hub.register_changes (
    seq          bigserial PRIMARY KEY,
    site         text NOT NULL REFERENCES assetdesk_hub.sites(site),
    kind         text NOT NULL,
    name         text NOT NULL,
    renamed_from text NOT NULL DEFAULT '',
    state        text NOT NULL,
    pushed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX register_changes_entry ON assetdesk_hub.register_changes(kind, name, seq);
CREATE INDEX register_changes_renamed ON assetdesk_hub.register_changes(kind, renamed_from) WHERE renamed_from <> '';
"];

/// Documents per push transaction (and per pull read).
pub const BATCH: usize = 200;

/// Only the host part of a connection string, for messages (never a password).
fn where_of(url: &str) -> String {
    match url.parse::<postgres::Config>() {
        Ok(cfg) => {
            let hosts: Vec<String> = cfg
                .get_hosts()
                .iter()
                .map(|h| match h {
                    postgres::config::Host::Tcp(name) => name.clone(),
                    #[cfg(unix)]
                    postgres::config::Host::Unix(path) => path.display().to_string(),
                })
                .collect();
            let port = cfg.get_ports().first().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{}{port}", hosts.join(","))
        }
        Err(_) => "?".into(),
    }
}

/// The connection string with its password masked, for showing it (status, join).
pub fn redacted(url: &str) -> String {
    if let Some(rest) = url.strip_prefix("postgres://").or_else(|| url.strip_prefix("postgresql://")) {
        let scheme = &url[..url.len() - rest.len()];
        if let Some((auth, host)) = rest.split_once('@') {
            if let Some((user, _)) = auth.split_once(':') {
                return format!("{scheme}{user}:***@{host}");
            }
        }
        return url.to_string();
    }
    url.split_whitespace()
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => kv.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn unreachable(url: &str, e: &postgres::Error) -> Error {
    let at = where_of(url);
    Error::new(
        ErrorCode::Io,
        format!("cannot reach the hub at {at} ({e}); nothing was synced — this desk keeps working, sync again when the hub is back"),
        format!("无法连接数据中心 {at}（{e}）；本次未同步——本机照常使用，数据中心恢复后再同步"),
    )
}

pub(crate) fn hub_failed(url: &str, e: postgres::Error) -> Error {
    if e.is_closed() || e.as_db_error().is_none() {
        return unreachable(url, &e);
    }
    let at = where_of(url);
    // postgres::Error's Display says only "db error"; the server's own words say why.
    let why = e.as_db_error().map(|d| format!("{} ({})", d.message(), d.code().code())).unwrap_or_else(|| e.to_string());
    Error::new(ErrorCode::Io, format!("the hub at {at} refused the request: {why}"), format!("数据中心 {at} 拒绝了请求：{why}"))
}

/// Opens a connection (5 s to connect unless the URL says otherwise).
pub fn connect(url: &str) -> Result<Client> {
    let mut cfg: postgres::Config = url.parse().map_err(|e| {
        Error::invalid("url", format!("hub URL is not a PostgreSQL connection string: {e}"), format!("数据中心地址不是有效的 PostgreSQL 连接串：{e}"))
    })?;
    if cfg.get_connect_timeout().is_none() {
        cfg.connect_timeout(Duration::from_secs(5));
    }
    cfg.connect(NoTls).map_err(|e| unreachable(url, &e))
}

fn schema_version(client: &mut Client, url: &str) -> Result<i32> {
    let exists: bool = client
        .query_one("SELECT to_regclass('assetdesk_hub.schema_version') IS NOT NULL", &[])
        .map_err(|e| hub_failed(url, e))?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client.query_one("SELECT COALESCE(MAX(version), 0) FROM assetdesk_hub.schema_version", &[]).map_err(|e| hub_failed(url, e))?.get(0))
}

fn require_schema(client: &mut Client, url: &str) -> Result<()> {
    match schema_version(client, url)? {
        v if v == MIGRATIONS.len() as i32 => Ok(()),
        0 => Err(Error::new(ErrorCode::NotInitialized, "the hub has no AssetDesk schema yet: run assetdesk hub init --url …", "数据中心尚未建立 AssetDesk 结构：请先运行 assetdesk hub init --url …")),
        v if v > MIGRATIONS.len() as i32 => Err(Error::new(ErrorCode::NewerSchema, format!("the hub's schema ({v}) is newer than this AssetDesk: upgrade this desk"), format!("数据中心的结构版本（{v}）比本机 AssetDesk 新：请升级本机"))),
        v => Err(Error::new(ErrorCode::Conflict, format!("the hub's schema ({v}) is older: run assetdesk hub init --url … to upgrade it"), format!("数据中心的结构版本（{v}）较旧：请运行 assetdesk hub init --url … 升级"))),
    }
}

/// `hub init`: creates or upgrades the hub schema; idempotent (running it twice, or from
/// two desks at once, applies each migration once). Returns the schema version.
pub fn init(url: &str) -> Result<i32> {
    let mut client = connect(url)?;
    let mut tx = client.transaction().map_err(|e| hub_failed(url, e))?;
    // Two desks initialising at once: the second waits, then finds the work done.
    tx.execute("SELECT pg_advisory_xact_lock(20240024)", &[]).map_err(|e| hub_failed(url, e))?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS assetdesk_hub;
         CREATE TABLE IF NOT EXISTS assetdesk_hub.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());",
    )
    .map_err(|e| hub_failed(url, e))?;
    let current: i32 = tx.query_one("SELECT COALESCE(MAX(version), 0) FROM assetdesk_hub.schema_version", &[]).map_err(|e| hub_failed(url, e))?.get(0);
    if current > MIGRATIONS.len() as i32 {
        return Err(Error::new(ErrorCode::NewerSchema, format!("the hub's schema ({current}) is newer than this AssetDesk"), format!("数据中心的结构版本（{current}）比本机 AssetDesk 新")));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(sql).map_err(|e| hub_failed(url, e))?;
        tx.execute("INSERT INTO assetdesk_hub.schema_version(version) VALUES ($1)", &[&(i as i32 + 1)]).map_err(|e| hub_failed(url, e))?;
    }
    tx.commit().map_err(|e| hub_failed(url, e))?;
    Ok(MIGRATIONS.len() as i32)
}

/// `hub join`: registers this desk as `site` on the hub (its prefix unique there), then
/// records the membership in the ledger. Rejoining as the same site is allowed.
pub fn join(ledger: &mut Ledger, actor: &Actor, url: &str, site: &str, prefix: &str) -> Result<HubMembership> {
    actor.require(ledger::Permission::ManageSettings)?;
    let (site, prefix) = (site.trim(), prefix.trim());
    ledger::check_hub_site(site, prefix)?;
    let mut client = connect(url)?;
    require_schema(&mut client, url)?;
    // The ledger's checks first (prefix form, a desk keeps its site), so the hub gets no
    // site row the desk would then refuse.
    if let Some(m) = ledger.hub_membership()? {
        if m.site != site {
            return ledger.join_hub(actor, url, site, prefix);
        }
    }
    let desk_id = ledger.hub_desk_id()?;
    let row = client
        .query_opt(
            "WITH ins AS (INSERT INTO assetdesk_hub.sites(site, prefix, desk_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING site, prefix, desk_id) \
             SELECT site, prefix, desk_id FROM ins UNION ALL SELECT site, prefix, desk_id FROM assetdesk_hub.sites WHERE site = $1 OR prefix = $2 LIMIT 1",
            &[&site, &prefix, &desk_id],
        )
        .map_err(|e| hub_failed(url, e))?;
    if let Some(row) = row {
        let (held_site, held_prefix, held_desk): (String, String, String) = (row.get(0), row.get(1), row.get(2));
        if held_site != site || held_prefix != prefix {
            return Err(Error::conflict(
                format!("the hub already has site {held_site} with prefix {held_prefix}; each site needs its own name and prefix"),
                format!("数据中心已有站点 {held_site}（前缀 {held_prefix}）；每个站点的名称和前缀都须唯一"),
            )
            .with_field("site"));
        }
        if held_desk != desk_id {
            return Err(Error::conflict(
                format!("site {site} is already joined by another desk; each desk joins as its own site"),
                format!("站点 {site} 已由另一台电脑加入；每台电脑须作为单独的站点加入"),
            )
            .with_field("site"));
        }
    }
    let me = ledger.join_hub(actor, url, site, prefix)?;
    // The hub's registers, users and shared settings come to the desk at once.
    registers::sync(ledger, actor, &mut client, &me, &mut RegisterReport::default())?;
    Ok(me)
}

fn membership_of(ledger: &Ledger) -> Result<HubMembership> {
    ledger.hub_membership()?.ok_or_else(|| {
        Error::new(ErrorCode::NotInitialized, "this desk has not joined a hub (assetdesk hub join --url … --site …)", "本机尚未加入数据中心（assetdesk hub join --url … --site …）")
    })
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub pushed: usize,
    pub pulled: usize,
    pub applied: usize,
    pub conflicts: usize,
    pub unsupported: usize,
    /// Registers, users and shared settings (docs/hub.md, "Registers").
    pub registers: RegisterReport,
}

/// Push: this desk's documents the hub lacks, one PostgreSQL transaction per batch, each
/// checked against the hub first (docs/hub.md, "Conflict rules"): every line must follow
/// the hub's latest line for its asset — the state the desk planned from is the hub's
/// current one. A document that does not is refused (not written to the hub, recorded on
/// this desk as a conflict to resolve); this desk's later documents touching its assets
/// wait behind it; the others go on. Idempotent: a document already on the hub (a push
/// killed after the hub's commit, before the desk recorded it) is recorded, not sent again,
/// and every insert is `ON CONFLICT DO NOTHING` on the global id.
pub fn push(ledger: &mut Ledger, client: &mut Client, me: &HubMembership) -> Result<usize> {
    let url = &me.url;
    // A refusal the clerk resolved (voided here) stays here with its void.
    ledger.hub_withdraw_resolved()?;
    let hold = ledger.hub_hold()?;
    let held: HashSet<i64> = hold.held.iter().map(|(id, _)| *id).collect();
    let mut blocked = hold.blocked_codes;
    let mut pushed = 0;
    let mut after = -1;
    loop {
        let batch = ledger.hub_outbox(after, BATCH)?;
        let Some(last) = batch.last().map(|d| d.order_key) else { break };
        after = last;
        let mut tx = client.transaction().map_err(|e| hub_failed(url, e))?;
        // Self-conflicting, and readers are not blocked: pushes take turns, so the seq
        // they get is the order they commit in, and the check below sees every push
        // committed before this one.
        tx.batch_execute("LOCK TABLE assetdesk_hub.documents IN SHARE ROW EXCLUSIVE MODE").map_err(|e| hub_failed(url, e))?;
        let ids: Vec<i64> = batch.iter().map(|d| d.local_id).collect();
        let present: HashMap<i64, i64> = tx
            .query("SELECT local_id, seq FROM assetdesk_hub.documents WHERE site = $1 AND local_id = ANY($2)", &[&me.site, &ids])
            .map_err(|e| hub_failed(url, e))?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let mut codes: Vec<&str> = batch.iter().flat_map(|d| d.lines.iter().map(|l| l.asset_code.as_str())).collect();
        codes.sort_unstable();
        codes.dedup();
        // The hub's latest line for each asset: its document's global id, site and number.
        let mut latest: HashMap<String, (String, String, String)> = HashMap::new();
        for r in tx
            .query(
                "SELECT DISTINCT ON (l.asset_code) l.asset_code, d.site, d.local_id, d.doc_no FROM assetdesk_hub.journal_lines l \
                 JOIN assetdesk_hub.documents d ON d.site = l.site AND d.local_id = l.local_id \
                 WHERE l.asset_code = ANY($1) AND NOT l.neutral ORDER BY l.asset_code, d.seq DESC, l.line_no DESC",
                &[&codes],
            )
            .map_err(|e| hub_failed(url, e))?
        {
            let (code, site, local_id, doc_no): (String, String, i64, String) = (r.get(0), r.get(1), r.get(2), r.get(3));
            latest.insert(code, (format!("{site}:{local_id}"), site, doc_no));
        }
        let doc_stmt = tx
            .prepare(
                "INSERT INTO assetdesk_hub.documents(site, local_id, doc_no, kind, doc_date, identity, payload) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (site, local_id) DO NOTHING RETURNING seq",
            )
            .map_err(|e| hub_failed(url, e))?;
        let line_stmt = tx
            .prepare(
                "INSERT INTO assetdesk_hub.journal_lines(site, local_id, line_no, asset_code, status, dept, location, custodian, neutral) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
            )
            .map_err(|e| hub_failed(url, e))?;
        let mut outcomes = Vec::new();
        for doc in &batch {
            if let Some(&hub_seq) = present.get(&doc.local_id) {
                outcomes.push(HubPushOutcome::Pushed { local_id: doc.local_id, hub_seq });
                continue;
            }
            if held.contains(&doc.local_id) || doc.lines.iter().any(|l| blocked.contains(&l.asset_code)) {
                blocked.extend(doc.lines.iter().map(|l| l.asset_code.clone()));
                continue;
            }
            if let Some(message) = refusal(doc, &latest) {
                blocked.extend(doc.lines.iter().map(|l| l.asset_code.clone()));
                outcomes.push(HubPushOutcome::Refused { local_id: doc.local_id, message });
                continue;
            }
            let payload = serde_json::to_string(doc).expect("a document serialises");
            let row = tx
                .query_opt(&doc_stmt, &[&me.site, &doc.local_id, &doc.doc_no, &doc.kind, &doc.doc_date, &doc.identity(), &payload])
                .map_err(|e| hub_failed(url, e))?;
            let Some(row) = row else { continue };
            pushed += 1;
            for (i, l) in doc.lines.iter().enumerate() {
                tx.execute(&line_stmt, &[&me.site, &doc.local_id, &(i as i32 + 1), &l.asset_code, &l.status, &l.dept, &l.location, &l.custodian, &l.neutral])
                    .map_err(|e| hub_failed(url, e))?;
                if l.neutral {
                    continue;
                }
                latest.insert(l.asset_code.clone(), (format!("{}:{}", me.site, doc.local_id), me.site.clone(), doc.doc_no.clone()));
            }
            outcomes.push(HubPushOutcome::Pushed { local_id: doc.local_id, hub_seq: row.get(0) });
        }
        tx.commit().map_err(|e| hub_failed(url, e))?;
        ledger.record_hub_push(&outcomes)?;
    }
    Ok(pushed)
}

/// Why the hub refuses `doc` (zh / en), or None: every line must follow the hub's latest
/// line for its asset, and a registration's asset must be new to the hub.
fn refusal(doc: &HubDocument, latest: &HashMap<String, (String, String, String)>) -> Option<String> {
    let (mut en, mut zh) = (Vec::new(), Vec::new());
    // A document that moves nothing neither refuses nor is refused.
    for l in doc.lines.iter().filter(|l| !l.neutral) {
        let code = &l.asset_code;
        match (l.follows.as_deref(), latest.get(code)) {
            (None, None) => {}
            (Some(f), Some((on_hub, _, _))) if f == on_hub => {}
            (None, Some((_, site, no))) => {
                en.push(format!("asset code {code} is already on the hub (document {no} of site {site})"));
                zh.push(format!("资产编码 {code} 在数据中心已有（站点 {site} 的单据 {no}）"));
            }
            (Some(_), Some((_, site, no))) => {
                en.push(format!("asset {code} was moved on the hub by document {no} of site {site}, which this desk had not applied when it made this one"));
                zh.push(format!("资产 {code} 在数据中心已由站点 {site} 的单据 {no} 办理，本机开此单时尚未应用该单据"));
            }
            (Some(_), None) => {
                en.push(format!("asset {code} is not on the hub"));
                zh.push(format!("资产 {code} 在数据中心没有记录"));
            }
        }
    }
    if en.is_empty() {
        return None;
    }
    let no = &doc.doc_no;
    Some(format!(
        "单据 {no} 未推送：{}。请在本机冲销该单（它与冲销单只留在本机，不再推送），再运行 hub retry 应用对方的单据；如仍需要，按资产现状重新开单 / \
         {no} was not pushed: {}. Void it on this desk (it and its void then stay here only, never pushed), run hub retry for the other desk's document, and post it again on the asset as it now stands if still needed",
        zh.join("；"),
        en.join("; ")
    ))
}

/// Pull: the other sites' documents after the desk's cursor, in the hub's order, each
/// applied (or recorded as a conflict) in one local transaction with its record.
pub fn pull(ledger: &mut Ledger, actor: &Actor, client: &mut Client, me: &HubMembership, report: &mut SyncReport) -> Result<()> {
    let url = &me.url;
    loop {
        let cursor = ledger.hub_pull_cursor()?;
        let rows = client
            .query("SELECT seq, site, payload FROM assetdesk_hub.documents WHERE seq > $1 AND site <> $2 ORDER BY seq LIMIT $3", &[&cursor, &me.site, &(BATCH as i64)])
            .map_err(|e| hub_failed(url, e))?;
        if rows.is_empty() {
            return Ok(());
        }
        for row in rows {
            let (seq, site, payload): (i64, String, String) = (row.get(0), row.get(1), row.get(2));
            let doc: HubDocument = serde_json::from_str(&payload).map_err(|e| {
                Error::new(ErrorCode::Internal, format!("hub document {seq} of {site} is unreadable: {e}"), format!("数据中心的单据 {seq}（{site}）无法读取：{e}"))
            })?;
            report.pulled += 1;
            match ledger.apply_hub_document(actor, &site, seq, &doc)? {
                PullOutcome::Applied => report.applied += 1,
                PullOutcome::Conflict(_) => report.conflicts += 1,
                PullOutcome::Unsupported => report.unsupported += 1,
                PullOutcome::AlreadyPulled => report.pulled -= 1,
            }
        }
    }
}

/// `hub retry`: every pulled document recorded as a conflict, fetched from the hub again
/// and tried once more on this desk as it stands now (in the hub's order).
pub fn retry_conflicts(ledger: &mut Ledger, actor: &Actor) -> Result<SyncReport> {
    actor.require(ledger::Permission::ManageSettings)?;
    let me = membership_of(ledger)?;
    let mut client = connect(&me.url)?;
    require_schema(&mut client, &me.url)?;
    let mut conflicts = ledger.hub_pulled(Some("conflict"))?;
    conflicts.sort_by_key(|c| c.hub_seq);
    let mut report = SyncReport::default();
    for c in conflicts {
        let row = client.query_one("SELECT site, payload FROM assetdesk_hub.documents WHERE seq = $1", &[&c.hub_seq]).map_err(|e| hub_failed(&me.url, e))?;
        let (site, payload): (String, String) = (row.get(0), row.get(1));
        let doc: HubDocument = serde_json::from_str(&payload).map_err(|e| {
            Error::new(ErrorCode::Internal, format!("hub document {} is unreadable: {e}", c.hub_seq), format!("数据中心的单据 {} 无法读取：{e}", c.hub_seq))
        })?;
        report.pulled += 1;
        match ledger.retry_hub_document(actor, &site, c.hub_seq, &doc)? {
            PullOutcome::Applied => report.applied += 1,
            PullOutcome::Conflict(_) => report.conflicts += 1,
            PullOutcome::Unsupported => report.unsupported += 1,
            PullOutcome::AlreadyPulled => report.pulled -= 1,
        }
    }
    Ok(report)
}

/// `hub sync`: push, then pull. With the hub down it fails with a clear error before
/// anything changes; the desk keeps working and the next sync catches up.
pub fn sync(ledger: &mut Ledger, actor: &Actor) -> Result<SyncReport> {
    actor.require(ledger::Permission::ManageSettings)?;
    let me = membership_of(ledger)?;
    let mut client = connect(&me.url)?;
    require_schema(&mut client, &me.url)?;
    // Registers first each way, so the documents find the entries they name.
    let mut registers = RegisterReport::default();
    registers::push(ledger, actor, &mut client, &me, &mut registers)?;
    let mut report = SyncReport { pushed: push(ledger, &mut client, &me)?, ..SyncReport::default() };
    let me = membership_of(ledger)?;
    registers::pull(ledger, actor, &mut client, &me, &mut registers)?;
    report.registers = registers;
    pull(ledger, actor, &mut client, &me, &mut report)?;
    Ok(report)
}

/// What `hub status` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HubStatus {
    pub joined: Option<HubMembership>,
    /// Whether the hub answered just now (None: not joined); the error's text when not.
    pub reachable: Option<bool>,
    pub error: String,
    /// This desk's documents not yet on the hub (counted locally).
    pub to_push: usize,
    /// The first of them still awaiting approval or confirmation: pushed once it takes
    /// effect (it holds back nothing else).
    pub held_back_by: Option<String>,
    /// This desk's documents the hub refused: conflicts for the clerk to resolve here.
    pub refused: Vec<ledger::PushRefusal>,
    /// This desk's documents waiting behind a refused one (they touch its assets).
    pub held: Vec<String>,
    /// Other sites' documents on the hub not yet pulled (needs the hub).
    pub to_pull: Option<i64>,
    pub conflicts: usize,
    pub unsupported: usize,
}

/// `error` is in `lang`.
pub fn status(ledger: &Ledger, lang: ledger::Lang) -> Result<HubStatus> {
    let Some(me) = ledger.hub_membership()? else {
        return Ok(HubStatus {
            joined: None,
            reachable: None,
            error: String::new(),
            to_push: 0,
            held_back_by: None,
            refused: Vec::new(),
            held: Vec::new(),
            to_pull: None,
            conflicts: 0,
            unsupported: 0,
        });
    };
    let (to_push, held_back_by) = ledger.hub_unpushed()?;
    let refused = ledger.hub_refused()?;
    let held = ledger.hub_hold()?.held.into_iter().map(|(_, no)| no).collect();
    let conflicts = ledger.hub_pulled(Some("conflict"))?.len();
    let unsupported = ledger.hub_pulled(Some("unsupported"))?.len();
    let cursor = ledger.hub_pull_cursor()?;
    let remote = connect(&me.url).and_then(|mut c| {
        require_schema(&mut c, &me.url)?;
        Ok(c.query_one("SELECT COUNT(*) FROM assetdesk_hub.documents WHERE seq > $1 AND site <> $2", &[&cursor, &me.site]).map_err(|e| hub_failed(&me.url, e))?.get::<_, i64>(0))
    });
    let (reachable, error, to_pull) = match remote {
        Ok(n) => (Some(true), String::new(), Some(n)),
        Err(e) => (Some(false), e.message(lang).to_string(), None),
    };
    Ok(HubStatus { joined: Some(me), reachable, error, to_push, held_back_by, refused, held, to_pull, conflicts, unsupported })
}

/// One site in `hub verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteCheck {
    pub site: String,
    pub hub_documents: usize,
    pub desk_documents: usize,
    pub hub_hash: String,
    pub desk_hash: String,
    pub agree: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub sites: Vec<SiteCheck>,
    pub agree: bool,
}

fn hash_of(identities: &[String]) -> String {
    let mut h = Sha256::new();
    for id in identities {
        h.update(id.as_bytes());
        h.update(b"\n");
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// `hub verify`: per site, the hub's documents and this desk's (its own up to the pushed
/// mark; the others' as pulled) agree in count and in a hash of their identities.
pub fn verify(ledger: &Ledger) -> Result<VerifyReport> {
    let me = membership_of(ledger)?;
    let mut client = connect(&me.url)?;
    require_schema(&mut client, &me.url)?;
    let desk = ledger.hub_site_summaries()?;
    let rows = client.query("SELECT site, identity FROM assetdesk_hub.documents ORDER BY site, seq", &[]).map_err(|e| hub_failed(&me.url, e))?;
    let mut hub: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        let (site, identity): (String, String) = (row.get(0), row.get(1));
        match hub.iter_mut().find(|(s, _)| *s == site) {
            Some((_, ids)) => ids.push(identity),
            None => hub.push((site, vec![identity])),
        }
    }
    let mut sites: Vec<String> = hub.iter().map(|(s, _)| s.clone()).chain(desk.iter().map(|s| s.site.clone())).collect();
    sites.sort();
    sites.dedup();
    let empty = Vec::new();
    let checks: Vec<SiteCheck> = sites
        .into_iter()
        .map(|site| {
            let on_hub = hub.iter().find(|(s, _)| *s == site).map(|(_, ids)| ids).unwrap_or(&empty);
            let on_desk = desk.iter().find(|s| s.site == site).map(|s| &s.identities).unwrap_or(&empty);
            let (hub_hash, desk_hash) = (hash_of(on_hub), hash_of(on_desk));
            SiteCheck { agree: hub_hash == desk_hash, site, hub_documents: on_hub.len(), desk_documents: on_desk.len(), hub_hash, desk_hash }
        })
        .collect();
    Ok(VerifyReport { agree: checks.iter().all(|c| c.agree), sites: checks })
}

/// The push half of [`sync`] alone, for the app's background sync in a session that may
/// not apply pulled documents (they are applied in the logged-in user's name, so only a
/// settings manager pulls): this desk's posted documents go up, nothing comes down.
pub fn push_only(ledger: &mut Ledger) -> Result<usize> {
    let me = membership_of(ledger)?;
    let mut client = connect(&me.url)?;
    require_schema(&mut client, &me.url)?;
    push(ledger, &mut client, &me)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_shown_url_hides_its_password() {
        assert_eq!(super::redacted("postgres://hub:s3cret@db.example:5432/assetdesk"), "postgres://hub:***@db.example:5432/assetdesk");
        assert_eq!(super::redacted("postgresql://hub@db/assetdesk"), "postgresql://hub@db/assetdesk");
        assert_eq!(super::redacted("host=db user=hub password=s3cret dbname=x"), "host=db user=hub password=*** dbname=x");
    }
}
