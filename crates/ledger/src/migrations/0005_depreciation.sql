-- Depreciation (issue 6): per-asset parameters beyond the card's, legacy opening balances,
-- CAS 19 revisions, units used, monthly runs and the depreciation ledger (one line per
-- asset per posted period). Money is INTEGER fen; periods are TEXT 'YYYY-MM'.

-- Units-of-production: the total units the asset is expected to produce over its life.
ALTER TABLE assets ADD COLUMN total_units TEXT;

-- A legacy asset's accumulated depreciation through `period` (the schedule goes on from the next).
CREATE TABLE depreciation_openings (
    asset_id        INTEGER PRIMARY KEY REFERENCES assets(id),
    period          TEXT NOT NULL,
    accumulated_fen INTEGER NOT NULL CHECK (accumulated_fen >= 0),
    units_to_date   TEXT NOT NULL DEFAULT '0',
    set_by          TEXT NOT NULL,
    set_at          TEXT NOT NULL
) STRICT;

-- A change of life, salvage or method (CAS 19 art. 19), effective from `effective` on.
-- Old and new values are both kept: the history of the asset's estimates.
CREATE TABLE depreciation_revisions (
    id              INTEGER PRIMARY KEY,
    asset_id        INTEGER NOT NULL REFERENCES assets(id),
    effective       TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (reason != ''),
    old_life_months INTEGER,
    old_salvage_rate TEXT NOT NULL,
    old_salvage_fen INTEGER,
    old_method      TEXT NOT NULL,
    old_total_units TEXT,
    new_life_months INTEGER,
    new_salvage_rate TEXT NOT NULL,
    new_salvage_fen INTEGER,
    new_method      TEXT NOT NULL,
    new_total_units TEXT,
    -- What was charged (and used) through the period before `effective`.
    accumulated_fen INTEGER NOT NULL,
    units_to_date   TEXT NOT NULL DEFAULT '0',
    revised_by      TEXT NOT NULL,
    revised_at      TEXT NOT NULL
) STRICT;
CREATE INDEX depreciation_revisions_asset ON depreciation_revisions(asset_id, id);

-- Units-of-production: units used in a period, entered before that period is run.
CREATE TABLE depreciation_usage (
    asset_id   INTEGER NOT NULL REFERENCES assets(id),
    period     TEXT NOT NULL,
    units      TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    PRIMARY KEY (asset_id, period)
) STRICT;

-- A monthly run (计提折旧). At most one posted run per period; a re-opened run stays,
-- marked, with its lines (nothing is deleted).
CREATE TABLE depreciation_runs (
    id            INTEGER PRIMARY KEY,
    period        TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'posted' CHECK (state IN ('posted', 'reopened')),
    assets        INTEGER NOT NULL,
    total_fen     INTEGER NOT NULL,
    posted_by     TEXT NOT NULL,
    posted_at     TEXT NOT NULL,
    reopened_by   TEXT,
    reopened_at   TEXT,
    reopen_reason TEXT
) STRICT;
CREATE UNIQUE INDEX depreciation_runs_posted ON depreciation_runs(period) WHERE state = 'posted';

-- The depreciation ledger: one line per asset per run, with the category and department
-- the asset had when the period was posted (so summaries stay as posted).
CREATE TABLE depreciation_lines (
    run_id          INTEGER NOT NULL REFERENCES depreciation_runs(id),
    asset_id        INTEGER NOT NULL REFERENCES assets(id),
    period          TEXT NOT NULL,
    amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
    accumulated_fen INTEGER NOT NULL,
    nbv_fen         INTEGER NOT NULL,
    units           TEXT,
    category_id     INTEGER,
    dept_id         INTEGER,
    PRIMARY KEY (run_id, asset_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX depreciation_lines_asset ON depreciation_lines(asset_id, period);

-- Disposal costs (处置费用) of a disposal document, for its gain or loss.
CREATE TABLE disposal_costs (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    cost_fen    INTEGER NOT NULL CHECK (cost_fen >= 0),
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
) STRICT;

-- Per-category defaults for new assets (method, life, salvage rate): a card that leaves
-- them empty gets its category's.
CREATE TABLE category_depreciation (
    category_id  INTEGER PRIMARY KEY REFERENCES categories(id),
    method       TEXT NOT NULL,
    life_months  INTEGER CHECK (life_months IS NULL OR life_months > 0),
    salvage_rate TEXT NOT NULL DEFAULT '0'
) STRICT;
