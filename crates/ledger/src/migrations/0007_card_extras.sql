-- Custom fields an admin defines for every asset card, and attachments (photos,
-- scanned invoices) kept inside the ledger so that backups carry them too.
CREATE TABLE custom_fields (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    kind     TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date')),
    required INTEGER NOT NULL DEFAULT 0,
    active   INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE custom_values (
    asset_id INTEGER NOT NULL REFERENCES assets(id),
    field_id INTEGER NOT NULL REFERENCES custom_fields(id),
    value    TEXT NOT NULL,
    PRIMARY KEY (asset_id, field_id)
) STRICT;

CREATE TABLE attachments (
    id        INTEGER PRIMARY KEY,
    asset_id  INTEGER NOT NULL REFERENCES assets(id),
    name      TEXT NOT NULL,
    mime      TEXT NOT NULL,
    size      INTEGER NOT NULL,
    data      BLOB NOT NULL,
    added_at  TEXT NOT NULL,
    added_by  TEXT NOT NULL,
    removed   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX attachments_asset ON attachments(asset_id);
