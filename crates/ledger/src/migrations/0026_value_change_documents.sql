-- Value-change documents (issue 21): 改扩建 adds value, 减值 impairment (enterprise),
-- 评估 revaluation. The document (kind 'value-change') carries the number, date,
-- operator and reason; this row carries what it did to the asset's value, so the
-- depreciation engine and the register read each asset's value at any month.
CREATE TABLE IF NOT EXISTS value_changes (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    asset_id        INTEGER NOT NULL REFERENCES assets(id),
    change          TEXT NOT NULL CHECK (change IN ('add', 'impair', 'revalue')),
    -- YYYY-MM of the document date: from this month end the register shows the new value.
    doc_period      TEXT NOT NULL,
    -- The first month charged on the new value (the document's month under the
    -- government regime, the month after under the enterprise regime).
    effective       TEXT NOT NULL,
    -- As typed: the amount added, the impairment, or the appraised value.
    amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
    -- What it changed: 原值 (cost) and 减值准备 (impairment provision).
    cost_delta_fen  INTEGER NOT NULL,
    impairment_fen  INTEGER NOT NULL CHECK (impairment_fen >= 0),
    cost_before_fen INTEGER NOT NULL,
    nbv_before_fen  INTEGER NOT NULL,
    -- Accumulated depreciation through the month before `effective` (refreshed when that
    -- month is posted), where the new plan over the remaining life starts.
    accumulated_fen INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'posted' CHECK (state IN ('posted', 'voided')),
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS value_changes_asset ON value_changes(asset_id, state);
