-- 0005 was edited after its first builds (2026-11-23): the first version lacked the
-- per-category depreciation defaults. A ledger made with it (schema_history.rs knows its
-- checksum as a variant) gets the table here, exactly as today's 0005 defines it; for
-- every other ledger this does nothing.
CREATE TABLE IF NOT EXISTS category_depreciation (
    category_id  INTEGER PRIMARY KEY REFERENCES categories(id),
    method       TEXT NOT NULL,
    life_months  INTEGER CHECK (life_months IS NULL OR life_months > 0),
    salvage_rate TEXT NOT NULL DEFAULT '0'
) STRICT;
