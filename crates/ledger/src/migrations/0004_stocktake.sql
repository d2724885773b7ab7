-- Stocktake (盘点): tasks with their scope, the expected set snapshotted at start, and
-- the scans (append-only) that feed them from any number of scanning sessions.

CREATE TABLE stocktakes (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    plan_start        TEXT,
    plan_end          TEXT,
    scope_dept_id     INTEGER REFERENCES departments(id),
    scope_location_id INTEGER REFERENCES locations(id),
    scope_category_id INTEGER REFERENCES categories(id),
    responsible       TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'counting', 'closed')),
    created_by        INTEGER NOT NULL REFERENCES users(id),
    created_at        TEXT NOT NULL,
    started_at        TEXT,
    closed_at         TEXT,
    -- The stocktake-adjustment document written at close, if any.
    close_doc_id      INTEGER REFERENCES documents(id),
    -- Running counters, kept in the scan's transaction so a verdict costs no COUNT(*).
    expected_count    INTEGER NOT NULL DEFAULT 0,
    found_count       INTEGER NOT NULL DEFAULT 0,
    scan_count        INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The assets expected at start, with where the ledger had them then.
CREATE TABLE stocktake_expected (
    stocktake_id INTEGER NOT NULL REFERENCES stocktakes(id),
    asset_id     INTEGER NOT NULL REFERENCES assets(id),
    -- The first scan that found it.
    found_scan_id INTEGER,
    dept_id      INTEGER,
    location_id  INTEGER,
    PRIMARY KEY (stocktake_id, asset_id)
) STRICT, WITHOUT ROWID;

-- One scanning session: a serial scanner, the keyboard, a batch file, manual entry.
CREATE TABLE stocktake_sessions (
    id           INTEGER PRIMARY KEY,
    stocktake_id INTEGER NOT NULL REFERENCES stocktakes(id),
    source       TEXT NOT NULL CHECK (source IN ('serial', 'keyboard', 'manual', 'batch')),
    device       TEXT NOT NULL DEFAULT '',
    user_id      INTEGER NOT NULL REFERENCES users(id),
    started_at   TEXT NOT NULL
) STRICT;

-- Append-only: every accepted scan, with the verdict it got when it arrived.
CREATE TABLE stocktake_scans (
    id           INTEGER PRIMARY KEY,
    stocktake_id INTEGER NOT NULL REFERENCES stocktakes(id),
    session_id   INTEGER REFERENCES stocktake_sessions(id),
    code         TEXT NOT NULL,
    scanned_at   TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('serial', 'keyboard', 'manual', 'batch')),
    location_id  INTEGER REFERENCES locations(id),
    verdict      TEXT NOT NULL CHECK (verdict IN ('found', 'misplaced', 'surplus', 'duplicate', 'out_of_scope')),
    asset_id     INTEGER REFERENCES assets(id),
    -- Where the ledger had the asset when it was scanned (for misplaced assets).
    recorded_dept_id     INTEGER,
    recorded_location_id INTEGER,
    user_id      INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX stocktake_scans_code ON stocktake_scans(stocktake_id, code);

CREATE TRIGGER stocktake_scans_no_update BEFORE UPDATE ON stocktake_scans
BEGIN SELECT RAISE(ABORT, 'stocktake scans are append-only'); END;
CREATE TRIGGER stocktake_scans_no_delete BEFORE DELETE ON stocktake_scans
BEGIN SELECT RAISE(ABORT, 'stocktake scans are append-only'); END;
