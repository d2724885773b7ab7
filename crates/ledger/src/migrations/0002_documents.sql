-- Lifecycle documents: what each document carries, and enough on each journal line to
-- reverse it (the asset's state before and after).

ALTER TABLE documents ADD COLUMN state TEXT NOT NULL DEFAULT 'posted'
    CHECK (state IN ('posted', 'pending', 'voided', 'rejected'));
ALTER TABLE documents ADD COLUMN person_id INTEGER REFERENCES people(id);
ALTER TABLE documents ADD COLUMN to_dept_id INTEGER REFERENCES departments(id);
ALTER TABLE documents ADD COLUMN to_location_id INTEGER REFERENCES locations(id);
ALTER TABLE documents ADD COLUMN due_date TEXT;
ALTER TABLE documents ADD COLUMN amount_fen INTEGER;
ALTER TABLE documents ADD COLUMN method TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN reason TEXT NOT NULL DEFAULT '';
-- A return points at the issue it closes; a void at the document it reverses.
ALTER TABLE documents ADD COLUMN source_id INTEGER REFERENCES documents(id);
ALTER TABLE documents ADD COLUMN confirmed_by TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_kind ON documents(kind, doc_date);

ALTER TABLE journal ADD COLUMN prev_status TEXT;
ALTER TABLE journal ADD COLUMN prev_dept_id INTEGER;
ALTER TABLE journal ADD COLUMN prev_location_id INTEGER;
ALTER TABLE journal ADD COLUMN prev_custodian_id INTEGER;
ALTER TABLE journal ADD COLUMN dept_id INTEGER;
ALTER TABLE journal ADD COLUMN location_id INTEGER;
ALTER TABLE journal ADD COLUMN custodian_id INTEGER;
CREATE INDEX journal_document ON journal(document_id);

-- Defects (缺陷) and faults (故障) are records beside the asset's state.
CREATE TABLE incidents (
    id             INTEGER PRIMARY KEY,
    asset_id       INTEGER NOT NULL REFERENCES assets(id),
    kind           TEXT NOT NULL CHECK (kind IN ('defect', 'fault')),
    opened_doc_id  INTEGER NOT NULL REFERENCES documents(id),
    closed_doc_id  INTEGER REFERENCES documents(id),
    description    TEXT NOT NULL,
    cause          TEXT NOT NULL DEFAULT '',
    cause_category TEXT NOT NULL DEFAULT '',
    handling       TEXT NOT NULL DEFAULT '',
    vendor         TEXT NOT NULL DEFAULT '',
    cost_fen       INTEGER,
    -- The status the asset returns to when a fault is repaired.
    status_before  TEXT NOT NULL
) STRICT;
CREATE INDEX incidents_open ON incidents(asset_id) WHERE closed_doc_id IS NULL;
