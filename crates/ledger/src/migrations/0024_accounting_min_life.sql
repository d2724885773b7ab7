-- Issue 21: a category's minimum depreciation life (政府固定资产折旧年限表, per GB/T 14885
-- class). A government ledger refuses a shorter life; the regime itself is a setting.
CREATE TABLE IF NOT EXISTS category_min_life (
    category_id     INTEGER PRIMARY KEY REFERENCES categories(id),
    min_life_months INTEGER NOT NULL CHECK (min_life_months > 0)
) STRICT;
