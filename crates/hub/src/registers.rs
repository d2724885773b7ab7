//! Registers (departments, locations, categories, people), users and the organisation's
//! shared settings on the hub (docs/hub.md, "Registers"): `assetdesk_hub.register_changes`,
//! one row per change of one entry, its whole state, in the hub's order (`seq`). The
//! desk's side (what changed here, applying a change) is `ledger::hub_registers`.

use ledger::{Actor, HubMembership, HubRegisterChange, HubRegisterPulled, Ledger, RegisterApplied, Result};
use postgres::Client;
use serde::Serialize;

use crate::hub_failed;

/// Changes per pull read (each batch one desk transaction).
const PULL_BATCH: i64 = 500;

/// What one sync did with registers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegisterReport {
    /// This desk's entries sent (new, renamed or changed).
    pub pushed: usize,
    /// Other sites' changes taken, applied or not.
    pub pulled: usize,
    /// Pulls that decided against someone (replaced, superseded, merged), noted.
    pub notes: usize,
    /// Changes this desk's rules refused (nothing of them applied), noted.
    pub conflicts: usize,
}

impl RegisterReport {
    fn add(&mut self, r: &RegisterApplied) {
        self.pulled += r.applied + r.conflicts;
        self.notes += r.notes;
        self.conflicts += r.conflicts;
    }
}

/// The newest change of entry (kind, name) on the hub, unless a later one renamed it away.
const LATEST: &str = "SELECT c.seq, c.site, c.state FROM assetdesk_hub.register_changes c WHERE c.kind = $1 AND c.name = $2 \
     AND NOT EXISTS (SELECT 1 FROM assetdesk_hub.register_changes r WHERE r.kind = c.kind AND r.renamed_from = c.name AND r.seq > c.seq) \
     ORDER BY c.seq DESC LIMIT 1";

/// Push: this desk's new, renamed or changed entries, in one hub transaction. An entry
/// never synced before (made here apart, or before joining) whose name the hub already
/// has from another site is not sent: it takes the hub's state (noted as merged). An
/// entry the hub already holds as this desk sent it (a crash before the local mark) is
/// not sent twice.
pub(crate) fn push(ledger: &mut Ledger, actor: &Actor, client: &mut Client, me: &HubMembership, report: &mut RegisterReport) -> Result<()> {
    let outbox = ledger.hub_register_outbox()?;
    if outbox.is_empty() {
        return Ok(());
    }
    let url = &me.url;
    let mut pushed = Vec::new();
    let mut take = Vec::new();
    let mut tx = client.transaction().map_err(|e| hub_failed(url, e))?;
    // As for documents: pushes take turns, so seq order is commit order for the pullers.
    tx.batch_execute("LOCK TABLE assetdesk_hub.register_changes IN SHARE ROW EXCLUSIVE MODE").map_err(|e| hub_failed(url, e))?;
    let latest = tx.prepare(LATEST).map_err(|e| hub_failed(url, e))?;
    let insert = tx
        .prepare("INSERT INTO assetdesk_hub.register_changes(site, kind, name, renamed_from, state) VALUES ($1, $2, $3, $4, $5) RETURNING seq")
        .map_err(|e| hub_failed(url, e))?;
    for o in outbox {
        let c = &o.change;
        let last = tx.query_opt(&latest, &[&c.kind, &c.name]).map_err(|e| hub_failed(url, e))?;
        let last: Option<(i64, String, String)> = last.map(|r| (r.get(0), r.get(1), r.get(2)));
        match last {
            Some((seq, site, state)) if site == me.site && state == c.state => pushed.push((o, seq)),
            Some((seq, site, state)) if o.first && site != me.site => {
                take.push(HubRegisterPulled { seq, site, change: HubRegisterChange { kind: c.kind.clone(), name: c.name.clone(), renamed_from: String::new(), state } })
            }
            _ => {
                let seq: i64 = tx.query_one(&insert, &[&me.site, &c.kind, &c.name, &c.renamed_from, &c.state]).map_err(|e| hub_failed(url, e))?.get(0);
                report.pushed += 1;
                pushed.push((o, seq));
            }
        }
    }
    tx.commit().map_err(|e| hub_failed(url, e))?;
    ledger.mark_hub_registers_pushed(&pushed)?;
    if !take.is_empty() {
        let r = ledger.apply_hub_registers(actor, &take, None)?;
        report.notes += r.notes;
        report.conflicts += r.conflicts;
    }
    Ok(())
}

/// Pull: the other sites' changes after this desk's register cursor, in the hub's order,
/// a batch per desk transaction with the cursor.
pub(crate) fn pull(ledger: &mut Ledger, actor: &Actor, client: &mut Client, me: &HubMembership, report: &mut RegisterReport) -> Result<()> {
    let url = &me.url;
    loop {
        let cursor = ledger.hub_register_cursor()?;
        let rows = client
            .query(
                "SELECT seq, site, kind, name, renamed_from, state FROM assetdesk_hub.register_changes WHERE seq > $1 AND site <> $2 ORDER BY seq LIMIT $3",
                &[&cursor, &me.site, &PULL_BATCH],
            )
            .map_err(|e| hub_failed(url, e))?;
        let Some(last) = rows.last().map(|r| r.get::<_, i64>(0)) else { return Ok(()) };
        let batch: Vec<HubRegisterPulled> = rows
            .iter()
            .map(|r| HubRegisterPulled { seq: r.get(0), site: r.get(1), change: HubRegisterChange { kind: r.get(2), name: r.get(3), renamed_from: r.get(4), state: r.get(5) } })
            .collect();
        let r = ledger.apply_hub_registers(actor, &batch, Some(last))?;
        report.add(&r);
    }
}

/// Push, then pull (a desk's join brings the hub's registers at once this way).
pub(crate) fn sync(ledger: &mut Ledger, actor: &Actor, client: &mut Client, me: &HubMembership, report: &mut RegisterReport) -> Result<()> {
    push(ledger, actor, client, me, report)?;
    pull(ledger, actor, client, me, report)
}
