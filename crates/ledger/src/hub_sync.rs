//! The desk's side of a PostgreSQL hub (issue 24; design in docs/hub.md). The hub itself
//! (schema, push, pull, verify over PostgreSQL) is crates/hub; this module is everything
//! that reads or writes the desk's SQLite ledger for it: the membership (settings), the
//! site prefix of document numbers, the outbox of this desk's documents, and applying a
//! pulled document through the ledger's own registration path, all or nothing.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::assets::{insert_asset, validate, RegisterCache};
use crate::auth::{Actor, Permission};
use crate::error::{Error, Result};
use crate::journal::{self, DocHeader, DocKind, Placement};
use crate::ledger::Ledger;
use crate::model::AssetStatus;
use crate::{audit, db, settings};

const HUB_URL: &str = "hub.url";
const HUB_SITE: &str = "hub.site";
const HUB_PREFIX: &str = "hub.prefix";
/// The highest local document id pushed, for showing only: what is pushed is
/// `hub_pushed` (a document may be pushed after later ones, e.g. once approved).
const HUB_PUSHED: &str = "hub.pushed_up_to";

/// This desk's membership of a hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubMembership {
    pub url: String,
    /// The site's name as the organisation says it (分校A).
    pub site: String,
    /// The ASCII code put before this desk's document numbers (A1 → A1-LY-2026-00012).
    pub prefix: String,
    pub pushed_up_to: i64,
}

/// One journal line as it travels: register entries by name (ids are per desk).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubLine {
    pub asset_code: String,
    pub status: String,
    pub dept: String,
    pub location: String,
    pub custodian: String,
    /// The global id (site:local_id) of the document whose line this one follows on the
    /// pushing desk for that asset: the state it was planned from. None: the asset's first
    /// line (its registration). The push refuses a document whose lines do not follow the
    /// hub's latest line for their assets (docs/hub.md, "Conflict rules").
    #[serde(default)]
    pub follows: Option<String>,
    /// A line of a document that moves nothing (a card edit, a value change, a loan
    /// extension, or the void of one): outside the chain the push checks, never refused.
    #[serde(default)]
    pub neutral: bool,
}

/// A journal line as the outbox reads it: line id, asset id and code, status, placement ids.
type RawLine = (i64, i64, String, String, Option<i64>, Option<i64>, Option<i64>);

/// Documents that move nothing, as an SQL condition on document `d` (with `s` free):
/// card edits, value changes, loan extensions and the voids of those.
const NEUTRAL: &str = "(d.kind IN ('edit', 'value-change', 'loan-extend') OR (d.kind = 'void' AND EXISTS \
     (SELECT 1 FROM documents s WHERE s.id = d.source_id AND s.kind IN ('edit', 'value-change', 'loan-extend'))))";

/// One posted document of a desk, as pushed to and pulled from the hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubDocument {
    /// The id in the desk that made it; with its site, the global id.
    pub local_id: i64,
    pub doc_no: String,
    pub kind: String,
    pub doc_date: String,
    pub operator: String,
    pub lines: Vec<HubLine>,
    /// Registrations only: the cards of the assets it registered, placed as registered.
    pub assets: Vec<crate::AssetInput>,
    /// Movements: what the clerk filled in besides the assets.
    #[serde(default)]
    pub header: HubHeader,
    /// The pushing desk's site prefix, for numbers it made before it joined.
    #[serde(default)]
    pub site_prefix: String,
    /// The desk's order for pushing: its first journal line (a document approved or
    /// confirmed late goes after what moved its assets meanwhile). Not sent.
    #[serde(skip)]
    pub order_key: i64,
}

impl HubDocument {
    /// The number this document has on the desks that pull it: its own, when it carries
    /// its site's prefix (everything made since joining); a number made before joining
    /// gets the prefix put before it, so it cannot meet another desk's old numbers.
    pub fn pulled_number(&self, number: &str) -> String {
        if number.is_empty() || self.site_prefix.is_empty() || number.starts_with(&format!("{}-", self.site_prefix)) {
            number.to_string()
        } else {
            format!("{}-{number}", self.site_prefix)
        }
    }
}

/// A movement's form fields, register entries by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HubHeader {
    pub person: String,
    pub dept: String,
    pub location: String,
    pub due: String,
    pub notes: String,
    pub reason: String,
    pub method: String,
    /// A return's issue document, or the document a void reverses (its number is the
    /// same on every desk).
    pub source: String,
    /// Repair: its cost. Disposal: the proceeds.
    pub amount: String,
    /// Repair: what it found and did (of its fault), as the form has them.
    pub vendor: String,
    pub cause: String,
    pub cause_category: String,
    pub handling: String,
    pub warranty: String,
    pub recheck: String,
}

/// The kinds a pull applies through the ledger's own posting path (`post_in`).
const PULLED_MOVEMENTS: &[DocKind] = &[
    DocKind::Issue,
    DocKind::Return,
    DocKind::Transfer,
    DocKind::Loan,
    DocKind::LoanReturn,
    DocKind::Scrap,
    DocKind::Dispose,
    DocKind::WriteOff,
    DocKind::Defect,
    DocKind::DefectClear,
    DocKind::Fault,
    DocKind::Repair,
];

fn header_of(conn: &Connection, doc_id: i64) -> Result<HubHeader> {
    let mut h = conn.query_row(
        "SELECT COALESCE(p.name, ''), COALESCE(dp.name, ''), COALESCE(l.name, ''), COALESCE(d.due_date, ''), d.notes, d.reason, d.method, COALESCE(s.doc_no, ''), \
         d.amount_fen, CASE WHEN d.kind = 'repair' THEN d.counterparty ELSE '' END \
         FROM documents d LEFT JOIN people p ON p.id = d.person_id LEFT JOIN departments dp ON dp.id = d.to_dept_id \
         LEFT JOIN locations l ON l.id = d.to_location_id LEFT JOIN documents s ON s.id = d.source_id WHERE d.id = ?1",
        [doc_id],
        |r| {
            Ok(HubHeader {
                person: r.get(0)?,
                dept: r.get(1)?,
                location: r.get(2)?,
                due: r.get(3)?,
                notes: r.get(4)?,
                reason: r.get(5)?,
                method: r.get(6)?,
                source: r.get(7)?,
                amount: r.get::<_, Option<i64>>(8)?.map(|f| crate::money::from_cents(f).to_string()).unwrap_or_default(),
                vendor: r.get(9)?,
                ..HubHeader::default()
            })
        },
    )?;
    // What a repair or a cleared defect recorded on the incident it closed.
    let closed = conn
        .query_row(
            "SELECT cause, cause_category, handling, under_warranty, recheck FROM incidents WHERE closed_doc_id = ?1 ORDER BY id LIMIT 1",
            [doc_id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<bool>>(3)?, r.get::<_, String>(4)?)),
        )
        .optional()?;
    if let Some((cause, category, handling, warranty, recheck)) = closed {
        (h.cause, h.cause_category, h.handling, h.recheck) = (cause, category, handling, recheck);
        h.warranty = match warranty {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => String::new(),
        };
    }
    Ok(h)
}

impl HubDocument {
    /// What `hub verify` hashes for one document, the same on the hub and on every desk:
    /// the parts that never change once posted.
    pub fn identity(&self) -> String {
        let codes: Vec<&str> = self.lines.iter().map(|l| l.asset_code.as_str()).collect();
        format!("{}|{}|{}|{}|{}", self.local_id, self.doc_no, self.kind, self.doc_date, codes.join(","))
    }
}

/// What applying one pulled document did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PullOutcome {
    Applied,
    /// Refused by the conflict rules; nothing of it was applied. The message says why.
    Conflict(String),
    /// A kind this version does not apply yet (recorded, so status shows it).
    Unsupported,
    /// Pulled before: nothing done.
    AlreadyPulled,
}

/// A row of `hub_pulled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PulledRecord {
    pub global_id: String,
    pub hub_seq: i64,
    pub site: String,
    pub doc_no: String,
    pub kind: String,
    pub outcome: String,
    pub message: String,
}

/// What one push decided for one of this desk's documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubPushOutcome {
    /// On the hub, at `hub_seq` in the hub's order.
    Pushed { local_id: i64, hub_seq: i64 },
    /// Not written to the hub (docs/hub.md, "Conflict rules"); `message` (zh / en) says why.
    Refused { local_id: i64, message: String },
}

/// One of this desk's documents the hub refused: a conflict for its clerk to resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PushRefusal {
    pub doc_no: String,
    pub kind: String,
    /// Why, in both languages (zh / en), and the way out.
    pub message: String,
}

/// What waits behind refused documents: nothing of it is pushed until they are resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HubHold {
    /// Local ids of this desk's refused documents.
    pub refused: Vec<i64>,
    /// This desk's later documents touching an asset of a refused (or held) one.
    pub held: Vec<(i64, String)>,
    /// The assets those touch: a document touching one waits too.
    pub blocked_codes: std::collections::HashSet<String>,
}

/// What the desk holds of one site: its documents' count and the identities to hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubSiteSummary {
    pub site: String,
    pub identities: Vec<String>,
}

/// The prefix document numbers get on a joined desk (None before `hub join`).
pub(crate) fn site_prefix(conn: &Connection) -> Result<Option<String>> {
    settings::get(conn, HUB_PREFIX)
}

/// Site prefixes are ASCII (they go on barcodes and slips), 1–8 letters or digits.
fn check_prefix(prefix: &str) -> Result<()> {
    if prefix.is_empty() || prefix.len() > 8 || !prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let q = crate::error::quoted(prefix);
        return Err(Error::invalid(
            "prefix",
            format!("site prefix '{q}' must be 1 to 8 ASCII letters or digits (it starts this desk's document numbers, e.g. A1-LY-2026-00012)"),
            format!("站点前缀「{q}」须为 1 到 8 个英文字母或数字（本机单据编号以它开头，如 A1-LY-2026-00012）"),
        ));
    }
    Ok(())
}

/// The form of a site name and its prefix, checked before the hub or the ledger records either.
pub fn check_site(site: &str, prefix: &str) -> Result<()> {
    let site = site.trim();
    if site.is_empty() || site.chars().count() > 40 || site.contains(':') {
        return Err(Error::invalid("site", "site name is required: up to 40 characters, without ':'", "站点名称不能为空：最多 40 个字符，不能含冒号"));
    }
    check_prefix(prefix.trim())
}

fn membership(conn: &Connection) -> Result<Option<HubMembership>> {
    let Some(site) = settings::get(conn, HUB_SITE)? else { return Ok(None) };
    Ok(Some(HubMembership {
        url: settings::get(conn, HUB_URL)?.unwrap_or_default(),
        site,
        prefix: settings::get(conn, HUB_PREFIX)?.unwrap_or_default(),
        pushed_up_to: settings::get(conn, HUB_PUSHED)?.and_then(|v| v.parse().ok()).unwrap_or(0),
    }))
}

fn not_joined() -> Error {
    Error::new(crate::ErrorCode::NotInitialized, "this desk has not joined a hub (assetdesk hub join --url … --site …)", "本机尚未加入数据中心（assetdesk hub join --url … --site …）")
}

fn placement_names(conn: &Connection, dept: Option<i64>, location: Option<i64>, custodian: Option<i64>) -> Result<[String; 3]> {
    let name = |table: &str, id: Option<i64>| -> Result<String> {
        Ok(match id {
            Some(id) => conn.query_row(&format!("SELECT name FROM {table} WHERE id = ?1"), [id], |r| r.get(0))?,
            None => String::new(),
        })
    };
    Ok([name("departments", dept)?, name("locations", location)?, name("people", custodian)?])
}

/// The card as a form would give it, placed where `line` (its registration) put it.
fn card_of(conn: &Connection, asset_id: i64, line: &HubLine) -> Result<crate::AssetInput> {
    Ok(conn.query_row(
        "SELECT a.code, a.name, c.name, a.model, a.serial, COALESCE(a.acquired, ''), a.value_fen, a.life_months, a.salvage_rate, \
         a.salvage_fen, a.method, a.notes, a.supplier, COALESCE(a.warranty_until, '') \
         FROM assets a JOIN categories c ON c.id = a.category_id WHERE a.id = ?1",
        [asset_id],
        |r| {
            let fen: i64 = r.get(6)?;
            let life: Option<i64> = r.get(7)?;
            let salvage_fen: Option<i64> = r.get(9)?;
            let rate: String = r.get(8)?;
            Ok(crate::AssetInput {
                code: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                model: r.get(3)?,
                serial: r.get(4)?,
                acquired: r.get(5)?,
                value: crate::money::from_cents(fen).to_string(),
                life_years: life.map(|m| (m / 12).to_string()).unwrap_or_default(),
                salvage_rate: if salvage_fen.is_some() || rate == "0" { String::new() } else { rate },
                salvage: salvage_fen.map(|f| crate::money::from_cents(f).to_string()).unwrap_or_default(),
                method: r.get(10)?,
                notes: r.get(11)?,
                supplier: r.get(12)?,
                warranty_until: r.get(13)?,
                dept: line.dept.clone(),
                location: line.location.clone(),
                custodian: line.custodian.clone(),
            })
        },
    )?)
}

impl Ledger {
    /// The hub this desk joined, if any.
    pub fn hub_membership(&self) -> Result<Option<HubMembership>> {
        membership(&self.conn)
    }

    /// What tells this desk from every other on the hub: the ledger's own random id (a
    /// restored backup is the same desk; another desk is refused a site already taken).
    pub fn hub_desk_id(&self) -> Result<String> {
        settings::get(&self.conn, crate::audit::LEDGER_ID)?.ok_or_else(|| Error::new(crate::ErrorCode::Internal, "this ledger has no id", "本台账缺少编号"))
    }

    /// Records that this desk joined the hub at `url` as `site`; its document numbers get
    /// `prefix` from now on. Joining again with the same site (e.g. a new URL) is allowed;
    /// another site is refused, since numbers and global ids already carry the first one.
    pub fn join_hub(&mut self, actor: &Actor, url: &str, site: &str, prefix: &str) -> Result<HubMembership> {
        actor.require(Permission::ManageSettings)?;
        let (url, site, prefix) = (url.trim(), site.trim(), prefix.trim());
        check_site(site, prefix)?;
        if let Some(m) = membership(&self.conn)? {
            if m.site != site || m.prefix != prefix {
                return Err(Error::conflict(
                    format!("this desk already joined the hub as site {} (prefix {}); a desk keeps its site", m.site, m.prefix),
                    format!("本机已作为站点 {}（前缀 {}）加入数据中心，站点不能更改", m.site, m.prefix),
                )
                .with_field("site"));
            }
        }
        let tx = db::begin(&mut self.conn)?;
        settings::put(&tx, HUB_URL, url)?;
        settings::put(&tx, HUB_SITE, site)?;
        settings::put(&tx, HUB_PREFIX, prefix)?;
        audit::record(&tx, &actor.name, "hub_join", site, &format!("prefix {prefix}"))?;
        tx.commit()?;
        Ok(membership(&self.conn)?.expect("just joined"))
    }

    /// This desk's own documents still to push (its pulled ones excluded; neither pushed,
    /// refused nor withdrawn), in the order their lines entered the journal, after order key
    /// `after`, at most `limit`. A document awaiting approval or transfer confirmation is
    /// not among them (a pushed document never changes, a held one still may) and holds
    /// back nothing: when it takes effect its lines follow whatever moved its assets
    /// meanwhile, and so does its place in the push. Rejected ones never took effect.
    pub fn hub_outbox(&self, after: i64, limit: usize) -> Result<Vec<HubDocument>> {
        let me = membership(&self.conn)?.ok_or_else(not_joined)?;
        let mut docs = Vec::new();
        let mut stmt = self.conn.prepare(
            &format!(
                "SELECT d.id, d.doc_no, d.kind, d.doc_date, COALESCE(u.name, ''), COALESCE((SELECT MIN(j.id) FROM journal j WHERE j.document_id = d.id), 0) AS k, {NEUTRAL} \
                 FROM documents d LEFT JOIN users u ON u.id = d.operator_id \
                 WHERE d.state IN ('posted', 'voided') AND k > ?1 \
                   AND NOT EXISTS (SELECT 1 FROM hub_pulled p WHERE p.document_id = d.id) \
                   AND NOT EXISTS (SELECT 1 FROM hub_pushed h WHERE h.document_id = d.id) ORDER BY k LIMIT ?2"
            ),
        )?;
        let rows: Vec<(i64, String, String, String, String, i64, bool)> = stmt
            .query_map(params![after, limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut lines_stmt = self.conn.prepare(
            "SELECT j.id, j.asset_id, a.code, j.status, j.dept_id, j.location_id, j.custodian_id FROM journal j JOIN assets a ON a.id = j.asset_id \
             WHERE j.document_id = ?1 ORDER BY j.id",
        )?;
        // The line before, skipping documents that stay on this desk only; its global id.
        // (and documents that move nothing, outside the chain).
        let mut follows_stmt = self.conn.prepare(&format!(
            "SELECT COALESCE((SELECT p.global_id FROM hub_pulled p WHERE p.document_id = j.document_id), ?3 || ':' || j.document_id) \
             FROM journal j JOIN documents d ON d.id = j.document_id WHERE j.asset_id = ?1 AND j.id < ?2 AND NOT {NEUTRAL} \
               AND NOT EXISTS (SELECT 1 FROM hub_pushed h WHERE h.document_id = j.document_id AND h.outcome = 'withdrawn') \
             ORDER BY j.id DESC LIMIT 1"
        ))?;
        for (id, doc_no, kind, doc_date, operator, order_key, neutral) in rows {
            let raw: Vec<RawLine> = lines_stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut lines = Vec::with_capacity(raw.len());
            let mut assets = Vec::new();
            for (line_id, asset_id, asset_code, status, dept, location, custodian) in raw {
                let [dept, location, custodian] = placement_names(&self.conn, dept, location, custodian)?;
                let follows = follows_stmt.query_row(params![asset_id, line_id, me.site], |r| r.get(0)).optional()?;
                let line = HubLine { asset_code, status, dept, location, custodian, follows, neutral };
                if kind == DocKind::Register.as_str() {
                    assets.push(card_of(&self.conn, asset_id, &line)?);
                }
                lines.push(line);
            }
            let header = if kind == DocKind::Register.as_str() { HubHeader::default() } else { header_of(&self.conn, id)? };
            docs.push(HubDocument { local_id: id, doc_no, kind, doc_date, operator, lines, assets, header, site_prefix: me.prefix.clone(), order_key });
        }
        Ok(docs)
    }

    /// What waits behind this desk's refused documents: every later document of this desk
    /// (not yet pushed) touching one of their assets, and then one of those documents'
    /// assets, in journal order. Nothing of it is pushed until the refusal is resolved.
    pub fn hub_hold(&self) -> Result<HubHold> {
        let any: bool = self.conn.query_row("SELECT EXISTS(SELECT 1 FROM hub_pushed WHERE outcome = 'refused')", [], |r| r.get(0))?;
        if !any {
            return Ok(HubHold::default());
        }
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.doc_no, h.outcome IS NOT NULL, COALESCE((SELECT MIN(j.id) FROM journal j WHERE j.document_id = d.id), 0) AS k \
             FROM documents d LEFT JOIN hub_pushed h ON h.document_id = d.id \
             WHERE d.state IN ('posted', 'voided') AND (h.outcome IS NULL OR h.outcome = 'refused') \
               AND NOT EXISTS (SELECT 1 FROM hub_pulled p WHERE p.document_id = d.id) ORDER BY k",
        )?;
        let docs: Vec<(i64, String, bool)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut codes_stmt = self.conn.prepare("SELECT a.code FROM journal j JOIN assets a ON a.id = j.asset_id WHERE j.document_id = ?1")?;
        let mut hold = HubHold::default();
        for (id, doc_no, refused) in docs {
            let codes: Vec<String> = codes_stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if refused {
                hold.refused.push(id);
            } else if codes.iter().any(|c| hold.blocked_codes.contains(c)) {
                hold.held.push((id, doc_no));
            } else {
                continue;
            }
            hold.blocked_codes.extend(codes);
        }
        Ok(hold)
    }

    /// The clerk's way out of a refusal (docs/hub.md): a refused document, or one held
    /// behind it, that was voided here (or put back, for a card change) by a document not
    /// yet pushed is withdrawn with its void: both stay on this desk only, never pushed, and
    /// what waited behind them goes on. Returns the numbers withdrawn.
    pub fn hub_withdraw_resolved(&mut self) -> Result<Vec<String>> {
        let hold = self.hub_hold()?;
        if hold.refused.is_empty() {
            return Ok(Vec::new());
        }
        let held: std::collections::HashSet<i64> = hold.held.iter().map(|(id, _)| *id).collect();
        let tx = db::begin(&mut self.conn)?;
        let mut withdrawn = Vec::new();
        for id in hold.refused.iter().chain(held.iter()) {
            let (doc_no, void): (String, Option<i64>) = tx.query_row("SELECT doc_no, voided_by FROM documents WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let Some(void) = void.filter(|v| held.contains(v)) else { continue };
            let void_no: String = tx.query_row("SELECT doc_no FROM documents WHERE id = ?1", [void], |r| r.get(0))?;
            for (doc, note) in [(*id, format!("voided by {void_no}")), (void, format!("voids {doc_no}"))] {
                tx.execute(
                    "INSERT INTO hub_pushed(document_id, outcome, hub_seq, message, at) VALUES (?1, 'withdrawn', NULL, ?2, ?3) \
                     ON CONFLICT(document_id) DO UPDATE SET outcome = 'withdrawn', message = message || ' (' || ?2 || ')', at = ?3",
                    params![doc, note, db::now()],
                )?;
            }
            audit::record(&tx, "hub", "hub_withdraw", &doc_no, &format!("{doc_no} + {void_no}: stay on this desk only"))?;
            withdrawn.push(doc_no);
        }
        tx.commit()?;
        Ok(withdrawn)
    }

    /// Records what a push decided (after the hub's commit: a crash before this loses
    /// nothing, the next push finds the documents on the hub and records them then).
    pub fn record_hub_push(&mut self, outcomes: &[HubPushOutcome]) -> Result<()> {
        if outcomes.is_empty() {
            return Ok(());
        }
        let tx = db::begin(&mut self.conn)?;
        let mut highest = settings::get(&tx, HUB_PUSHED)?.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        for o in outcomes {
            let (id, outcome, seq, message) = match o {
                HubPushOutcome::Pushed { local_id, hub_seq } => {
                    highest = highest.max(*local_id);
                    (*local_id, "pushed", Some(*hub_seq), "")
                }
                HubPushOutcome::Refused { local_id, message } => (*local_id, "refused", None, message.as_str()),
            };
            tx.execute(
                "INSERT OR REPLACE INTO hub_pushed(document_id, outcome, hub_seq, message, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, outcome, seq, message, db::now()],
            )?;
            if outcome == "refused" {
                let doc_no: String = tx.query_row("SELECT doc_no FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
                audit::record(&tx, "hub", "hub_push_refused", &doc_no, message)?;
            }
        }
        settings::put(&tx, HUB_PUSHED, &highest.to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// This desk's documents the hub refused, not yet resolved, oldest first.
    pub fn hub_refused(&self) -> Result<Vec<PushRefusal>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_no, d.kind, h.message FROM hub_pushed h JOIN documents d ON d.id = h.document_id WHERE h.outcome = 'refused' ORDER BY d.id",
        )?;
        let rows = stmt.query_map([], |r| Ok(PushRefusal { doc_no: r.get(0)?, kind: r.get(1)?, message: r.get(2)? }))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// This desk's documents not yet on the hub (awaiting approval, held behind a refusal,
    /// or simply not pushed yet; refused and withdrawn ones not counted), and the number of
    /// the first one awaiting approval or confirmation (pushed once it takes effect).
    pub fn hub_unpushed(&self) -> Result<(usize, Option<String>)> {
        membership(&self.conn)?.ok_or_else(not_joined)?;
        let count: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM documents d WHERE d.state <> 'rejected' \
             AND NOT EXISTS (SELECT 1 FROM hub_pulled p WHERE p.document_id = d.id) \
             AND NOT EXISTS (SELECT 1 FROM hub_pushed h WHERE h.document_id = d.id)",
            [],
            |r| r.get(0),
        )?;
        let pending = self
            .conn
            .query_row(
                "SELECT d.doc_no FROM documents d WHERE d.state = 'pending' \
                 AND NOT EXISTS (SELECT 1 FROM hub_pulled p WHERE p.document_id = d.id) ORDER BY d.id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok((count as usize, pending))
    }

    /// The hub order number the next pull starts after.
    pub fn hub_pull_cursor(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COALESCE(MAX(hub_seq), 0) FROM hub_pulled", [], |r| r.get(0))?)
    }

    /// Applies one document another desk (`site`) pushed, in one transaction with its
    /// `hub_pulled` row: after a crash either both are there or neither, so the next pull
    /// applies it exactly once. Conflicts (docs/hub.md, "Conflict rules") apply nothing
    /// and are recorded with their reason.
    pub fn apply_hub_document(&mut self, actor: &Actor, site: &str, hub_seq: i64, doc: &HubDocument) -> Result<PullOutcome> {
        self.apply_pulled(actor, site, hub_seq, doc, false)
    }

    /// Tries a pulled document that was a conflict once more, e.g. after the clerk voided
    /// this desk's own document that stood in its way. Its record is replaced by the new
    /// outcome in the same transaction; a document not recorded as a conflict is left alone.
    pub fn retry_hub_document(&mut self, actor: &Actor, site: &str, hub_seq: i64, doc: &HubDocument) -> Result<PullOutcome> {
        self.apply_pulled(actor, site, hub_seq, doc, true)
    }

    fn apply_pulled(&mut self, actor: &Actor, site: &str, hub_seq: i64, doc: &HubDocument, retry: bool) -> Result<PullOutcome> {
        actor.require(Permission::ManageSettings)?;
        let me = membership(&self.conn)?.ok_or_else(not_joined)?;
        if me.site == site {
            return Err(Error::invalid("site", "a desk does not pull its own documents", "本机不拉取自己的单据"));
        }
        let global_id = format!("{site}:{}", doc.local_id);
        let recorded: Option<String> = self.conn.query_row("SELECT outcome FROM hub_pulled WHERE global_id = ?1", [&global_id], |r| r.get(0)).optional()?;
        let proceed = if retry { recorded.as_deref() == Some("conflict") } else { recorded.is_none() };
        if !proceed {
            return Ok(PullOutcome::AlreadyPulled);
        }
        // While the hub refuses this desk's own document on an asset (or holds one behind
        // it), the hub's documents on that asset wait too: the clerk resolves the refusal
        // first (voids it), then `hub retry` applies them on the state the hub has.
        let blocked: Vec<String> = {
            let hold = self.hub_hold()?;
            doc.lines.iter().map(|l| l.asset_code.clone()).filter(|c| hold.blocked_codes.contains(c)).collect()
        };
        let tx = db::begin(&mut self.conn)?;
        if retry {
            tx.execute("DELETE FROM hub_pulled WHERE global_id = ?1", [&global_id])?;
        }
        // A savepoint, so a conflict found half-way rolls back what was already written
        // of this document and the conflict row is still recorded.
        tx.execute_batch("SAVEPOINT hub_apply")?;
        let applied = match DocKind::parse(&doc.kind) {
            _ if !blocked.is_empty() => Err(Error::conflict(
                format!("this desk has a document on asset {} that the hub refused (see hub status); void it here first, then hub retry", blocked.join(", ")),
                format!("本机有涉及资产 {} 的单据被数据中心拒收（见 hub status），请先在本机冲销该单据，再运行 hub retry", blocked.join("、")),
            )),
            Ok(DocKind::Register) => apply_registration(&tx, actor, doc).map(Some),
            Ok(kind) if PULLED_MOVEMENTS.contains(&kind) => apply_movement(&tx, actor, kind, doc).map(Some),
            Ok(DocKind::Void) => apply_void(&tx, actor, doc),
            Ok(DocKind::LoanExtend) => apply_loan_extension(&tx, actor, doc).map(Some),
            _ => Ok(None),
        };
        tx.execute_batch(if applied.is_ok() { "RELEASE hub_apply" } else { "ROLLBACK TO hub_apply; RELEASE hub_apply" })?;
        let (outcome, document_id, message) = match applied {
            Ok(Some(id)) => (PullOutcome::Applied, Some(id), String::new()),
            Ok(None) => (PullOutcome::Unsupported, None, String::new()),
            // Rule failures are the conflicts; a storage failure is not, and rolls back all.
            Err(e) if matches!(e.code, crate::ErrorCode::Conflict | crate::ErrorCode::InvalidInput | crate::ErrorCode::NotFound | crate::ErrorCode::Forbidden) => {
                let message = format!("{} / {}", e.message(crate::Lang::ZhCn), e.message(crate::Lang::En));
                (PullOutcome::Conflict(message.clone()), None, message)
            }
            Err(e) => return Err(e),
        };
        let word = match &outcome {
            PullOutcome::Applied => "applied",
            PullOutcome::Conflict(_) => "conflict",
            _ => "unsupported",
        };
        tx.execute(
            "INSERT INTO hub_pulled(global_id, hub_seq, site, doc_no, kind, outcome, document_id, message, identity, pulled_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![global_id, hub_seq, site, doc.pulled_number(&doc.doc_no), doc.kind, word, document_id, message, doc.identity(), db::now()],
        )?;
        audit::record(&tx, &actor.name, "hub_pull", &doc.pulled_number(&doc.doc_no), &format!("{global_id} {word}"))?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Pulled documents, newest first; `outcome` filters (applied/conflict/unsupported).
    pub fn hub_pulled(&self, outcome: Option<&str>) -> Result<Vec<PulledRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT global_id, hub_seq, site, doc_no, kind, outcome, message FROM hub_pulled WHERE ?1 IS NULL OR outcome = ?1 ORDER BY hub_seq DESC",
        )?;
        let rows = stmt
            .query_map([outcome], |r| {
                Ok(PulledRecord { global_id: r.get(0)?, hub_seq: r.get(1)?, site: r.get(2)?, doc_no: r.get(3)?, kind: r.get(4)?, outcome: r.get(5)?, message: r.get(6)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Per site, what this desk holds: its own documents the hub took (in the hub's order)
    /// and, for every other site, the identities it pulled.
    pub fn hub_site_summaries(&self) -> Result<Vec<HubSiteSummary>> {
        let me = membership(&self.conn)?.ok_or_else(not_joined)?;
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.doc_no, d.kind, d.doc_date FROM hub_pushed h JOIN documents d ON d.id = h.document_id \
             WHERE h.outcome = 'pushed' ORDER BY h.hub_seq IS NOT NULL, h.hub_seq, d.id",
        )?;
        let docs: Vec<(i64, String, String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut codes_stmt = self.conn.prepare("SELECT a.code FROM journal j JOIN assets a ON a.id = j.asset_id WHERE j.document_id = ?1 ORDER BY j.id")?;
        let mut own = Vec::with_capacity(docs.len());
        for (local_id, doc_no, kind, doc_date) in docs {
            let lines = codes_stmt
                .query_map([local_id], |r| {
                    Ok(HubLine { asset_code: r.get(0)?, status: String::new(), dept: String::new(), location: String::new(), custodian: String::new(), follows: None, neutral: false })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let doc = HubDocument { local_id, doc_no, kind, doc_date, operator: String::new(), lines, assets: Vec::new(), header: HubHeader::default(), site_prefix: String::new(), order_key: 0 };
            own.push(doc.identity());
        }
        let mut summaries = vec![HubSiteSummary { site: me.site.clone(), identities: own }];
        let mut stmt = self.conn.prepare("SELECT site, identity FROM hub_pulled ORDER BY site, hub_seq")?;
        let rows: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        for (site, identity) in rows {
            match summaries.iter_mut().find(|s| s.site == site) {
                Some(s) => s.identities.push(identity),
                None => summaries.push(HubSiteSummary { site, identities: vec![identity] }),
            }
        }
        Ok(summaries)
    }
}

/// When the desk last synced with the hub (the app's status page), and how often the app
/// syncs by itself: plain settings, no audit entry (a sync records its documents itself).
const HUB_LAST_SYNC: &str = "hub.last_sync";
const HUB_INTERVAL: &str = "hub.sync_seconds";
/// The app's background sync: every minute unless set otherwise, 5 s to 1 hour.
pub const HUB_INTERVAL_DEFAULT: u32 = 60;
pub const HUB_INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 5..=3600;

impl Ledger {
    /// Remembers that a sync with the hub completed at `at` (RFC 3339).
    pub fn mark_hub_synced(&mut self, at: &str) -> Result<()> {
        let tx = db::begin(&mut self.conn)?;
        settings::put(&tx, HUB_LAST_SYNC, at)?;
        tx.commit()?;
        Ok(())
    }

    /// When the last sync completed (None: never).
    pub fn hub_last_sync(&self) -> Result<Option<String>> {
        settings::get(&self.conn, HUB_LAST_SYNC)
    }

    /// Seconds between the app's background syncs.
    pub fn hub_sync_seconds(&self) -> Result<u32> {
        Ok(settings::get(&self.conn, HUB_INTERVAL)?.and_then(|v| v.parse().ok()).unwrap_or(HUB_INTERVAL_DEFAULT))
    }

    /// Sets the seconds between background syncs (settings managers only).
    pub fn set_hub_sync_seconds(&mut self, actor: &Actor, seconds: u32) -> Result<()> {
        actor.require(Permission::ManageSettings)?;
        if !HUB_INTERVAL_RANGE.contains(&seconds) {
            return Err(Error::invalid(
                "sync_seconds",
                format!("the sync interval must be {} to {} seconds, not {seconds}", HUB_INTERVAL_RANGE.start(), HUB_INTERVAL_RANGE.end()),
                format!("同步间隔须为 {} 到 {} 秒，不能是 {seconds}", HUB_INTERVAL_RANGE.start(), HUB_INTERVAL_RANGE.end()),
            ));
        }
        let tx = db::begin(&mut self.conn)?;
        settings::put(&tx, HUB_INTERVAL, &seconds.to_string())?;
        audit::record(&tx, &actor.name, "hub_interval", "hub", &format!("{seconds} s"))?;
        tx.commit()?;
        Ok(())
    }
}

/// A registration from another desk through the ledger's own steps: the card validated
/// as a form is (and the accounting regime's rules), registers resolved or created by
/// name, the asset inserted in stock, one journal line each, under the other desk's
/// number. Rule: an asset code this desk already has is a conflict (the later
/// registration is refused whole).
fn apply_registration(tx: &Transaction, actor: &Actor, doc: &HubDocument) -> Result<i64> {
    let date = NaiveDate::parse_from_str(&doc.doc_date, "%Y-%m-%d").map_err(|_| Error::invalid("doc_date", format!("bad date {}", doc.doc_date), format!("日期 {} 无效", doc.doc_date)))?;
    crate::periods::check_open(tx, date)?;
    let doc_no = number_free(tx, doc)?;
    let notes = format!("hub: {} ({})", doc.operator, doc.doc_no);
    let doc_id = journal::insert_document(tx, actor, DocKind::Register, date, &DocHeader { notes: &notes, ..DocHeader::default() }, &doc_no)?;
    let mut registers = RegisterCache::default();
    for input in &doc.assets {
        let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM assets WHERE code = ?1)", [&input.code], |r| r.get(0))?;
        if exists {
            return Err(Error::conflict(
                format!("asset code {} is already registered on this desk; {doc_no} from the hub was not applied", input.code),
                format!("资产编码 {} 在本机已登记，数据中心的单据 {doc_no} 未应用", input.code),
            )
            .with_field("code"));
        }
        let valid = validate(input)?;
        valid.check_regime(tx, &input.category)?;
        let ids = registers.resolve(tx, actor, input)?;
        let asset_id = insert_asset(tx, &input.code, input, &valid, &ids, AssetStatus::InStock)?;
        let placed = Placement { status: AssetStatus::InStock, dept_id: ids.dept_id, location_id: ids.location_id, custodian_id: ids.custodian_id };
        journal::add_line(tx, doc_id, asset_id, None, placed, "")?;
    }
    if doc.assets.len() != doc.lines.len() {
        return Err(Error::invalid("assets", "a registration from the hub must carry one card per line", "数据中心的资产新增单每行须带一张卡片"));
    }
    Ok(doc_id)
}

/// A movement from another desk through `post_in`, the path the desk's own documents
/// take: every line planned against the asset as it stands here (a state that does not
/// allow it, e.g. an asset already issued, is the conflict), under the other desk's number.
/// The document's number on this desk, refused when this desk already uses it.
fn number_free(tx: &Transaction, doc: &HubDocument) -> Result<String> {
    let doc_no = doc.pulled_number(&doc.doc_no);
    let taken: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM documents WHERE doc_no = ?1)", [&doc_no], |r| r.get(0))?;
    if taken {
        return Err(Error::conflict(format!("document number {doc_no} is already in use here"), format!("单据编号 {doc_no} 在本机已被使用")));
    }
    Ok(doc_no)
}

fn apply_movement(tx: &Transaction, actor: &Actor, kind: DocKind, doc: &HubDocument) -> Result<i64> {
    let doc_no = number_free(tx, doc)?;
    let h = &doc.header;
    let mut req = crate::DocRequest::new(kind, doc.lines.iter().map(|l| l.asset_code.clone()).collect());
    req.date = doc.doc_date.clone();
    req.person = h.person.clone();
    req.dept = h.dept.clone();
    req.location = h.location.clone();
    req.due = h.due.clone();
    req.notes = h.notes.clone();
    req.reason = h.reason.clone();
    req.method = h.method.clone();
    req.amount = h.amount.clone();
    req.vendor = h.vendor.clone();
    req.cause = h.cause.clone();
    req.cause_category = h.cause_category.clone();
    req.handling = h.handling.clone();
    req.warranty = h.warranty.clone();
    req.recheck = h.recheck.clone();
    // The issue a return names was made by some desk; where it was this desk's own, it
    // is here under its number, else under the number its pull gave it.
    req.source = local_source(tx, doc, &h.source)?;
    Ledger::post_in_numbered(tx, actor, &req, Some(&doc_no))?;
    Ok(tx.query_row("SELECT id FROM documents WHERE doc_no = ?1", [&doc_no], |r| r.get(0))?)
}

fn local_source(tx: &Transaction, doc: &HubDocument, source: &str) -> Result<String> {
    if source.is_empty() {
        return Ok(String::new());
    }
    let pulled = doc.pulled_number(source);
    let here: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM documents WHERE doc_no = ?1)", [&pulled], |r| r.get(0))?;
    Ok(if here { pulled } else { source.to_string() })
}

/// A void from another desk, through the ledger's own void of the document it names
/// (kept under the other desk's number and date): refused when that document is not
/// here, is already voided, or a later document here touches its assets. None: it voids a
/// kind this version does not pull (a card change, a value change).
fn apply_void(tx: &Transaction, actor: &Actor, doc: &HubDocument) -> Result<Option<i64>> {
    let doc_no = number_free(tx, doc)?;
    let date = NaiveDate::parse_from_str(&doc.doc_date, "%Y-%m-%d").map_err(|_| Error::invalid("doc_date", format!("bad date {}", doc.doc_date), format!("日期 {} 无效", doc.doc_date)))?;
    let source = local_source(tx, doc, &doc.header.source)?;
    let found: Option<(i64, String, String)> =
        tx.query_row("SELECT id, kind, state FROM documents WHERE doc_no = ?1", [&source], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    let Some((id, kind, state)) = found else {
        return Err(Error::not_found(
            format!("{doc_no} voids {source}, which is not on this desk"),
            format!("{doc_no} 冲销的单据 {source} 不在本机"),
        ));
    };
    if state != "posted" {
        return Err(Error::conflict(format!("{doc_no} voids {source}, which is {state} here"), format!("{doc_no} 冲销的单据 {source} 在本机不是已过账状态")));
    }
    let kind = DocKind::parse(&kind)?;
    let pulled = Some((doc_no.as_str(), date));
    let reason = doc.header.reason.as_str();
    match kind {
        DocKind::Register => crate::corrections::void_registration_in(tx, actor, id, &source, reason, pulled)?,
        DocKind::Edit | DocKind::ValueChange => return Ok(None),
        _ => crate::documents::void_in(tx, actor, id, &source, kind, reason, pulled)?,
    };
    Ok(Some(tx.query_row("SELECT id FROM documents WHERE doc_no = ?1", [&doc_no], |r| r.get(0))?))
}

/// A loan extension from another desk, through the ledger's own extension of the asset's
/// loan (under the other desk's number and date): refused when the asset is not on loan
/// here or the new due date is not after the one in force here.
fn apply_loan_extension(tx: &Transaction, actor: &Actor, doc: &HubDocument) -> Result<i64> {
    let doc_no = number_free(tx, doc)?;
    let date = NaiveDate::parse_from_str(&doc.doc_date, "%Y-%m-%d").map_err(|_| Error::invalid("doc_date", format!("bad date {}", doc.doc_date), format!("日期 {} 无效", doc.doc_date)))?;
    let [line] = doc.lines.as_slice() else {
        return Err(Error::invalid("lines", format!("loan extension {doc_no} from the hub must name one asset"), format!("数据中心的续借单 {doc_no} 须只含一项资产")));
    };
    crate::loans::extend_loan_in(tx, actor, &line.asset_code, &doc.header.due, &doc.header.notes, Some((&doc_no, date)))?;
    Ok(tx.query_row("SELECT id FROM documents WHERE doc_no = ?1", [&doc_no], |r| r.get(0))?)
}
