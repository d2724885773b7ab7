-- Issue 24 (re-runnable, as the upgrade tests replay late migrations): every document this desk took from the hub, applied or not, so a re-pull
-- applies nothing twice and a conflict stays visible until resolved. `hub_seq` is the
-- hub's order; the next pull starts after the highest one here.
CREATE TABLE IF NOT EXISTS hub_pulled (
    global_id   TEXT PRIMARY KEY,          -- site + ':' + the other desk's local document id
    hub_seq     INTEGER NOT NULL UNIQUE,
    site        TEXT NOT NULL,
    doc_no      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    -- 'applied', 'conflict' (refused by the rules: nothing applied) or 'unsupported'
    -- (a kind this version does not apply yet).
    outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'conflict', 'unsupported')),
    document_id INTEGER REFERENCES documents(id),
    message     TEXT NOT NULL DEFAULT '',
    identity    TEXT NOT NULL,             -- the line `hub verify` hashes
    pulled_at   TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS hub_pulled_site ON hub_pulled(site, hub_seq);
