-- Issue 24 (re-runnable, as the upgrade tests replay late migrations): what became of
-- each of this desk's own documents at the hub. 'pushed' (on the hub, at hub_seq),
-- 'refused' (the hub had moved one of its assets since this desk last saw it: not on the
-- hub, shown as a conflict to resolve, its reason in message) or 'withdrawn' (a refused
-- document, or one held behind it, voided here: it and its void stay on this desk only).
-- A document without a row is still to push.
CREATE TABLE IF NOT EXISTS hub_pushed (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('pushed', 'refused', 'withdrawn')),
    hub_seq     INTEGER,
    message     TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
) STRICT;
-- Pushes before this table went in id order up to the mark `hub.pushed_up_to`, stopping
-- before the first pending document and leaving rejected ones out: those are on the hub.
INSERT OR IGNORE INTO hub_pushed(document_id, outcome, hub_seq, message, at)
SELECT d.id, 'pushed', NULL, '', d.created_at FROM documents d
 WHERE d.id <= CAST(COALESCE((SELECT value FROM settings WHERE key = 'hub.pushed_up_to'), '0') AS INTEGER)
   AND d.state NOT IN ('rejected', 'pending')
   AND d.id NOT IN (SELECT document_id FROM hub_pulled WHERE document_id IS NOT NULL);
