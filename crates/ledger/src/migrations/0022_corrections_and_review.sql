-- Putting mistakes right (issue 20): the field-by-field before/after of each card
-- correction (so it can be reverted), and the clerk's review of each stocktake
-- difference line before close.
-- Written so that re-running it on a ledger that already has the tables is harmless.

-- One row per field a 资产变更 (edit) document changed.
CREATE TABLE IF NOT EXISTS card_changes (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    asset_id    INTEGER NOT NULL REFERENCES assets(id),
    field       TEXT NOT NULL,
    before      TEXT NOT NULL,
    after       TEXT NOT NULL,
    PRIMARY KEY (document_id, field)
) STRICT;
CREATE INDEX IF NOT EXISTS card_changes_asset ON card_changes(asset_id);

-- The review decision of one difference line (surplus, missing, misplaced) of a task,
-- keyed by the line's asset code. The latest decision counts; each one is audited.
CREATE TABLE IF NOT EXISTS stocktake_reviews (
    stocktake_id INTEGER NOT NULL REFERENCES stocktakes(id),
    code         TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'noted')),
    note         TEXT NOT NULL DEFAULT '',
    user_id      INTEGER NOT NULL REFERENCES users(id),
    decided_at   TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, code)
) STRICT, WITHOUT ROWID;
