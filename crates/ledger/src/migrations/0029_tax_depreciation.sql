-- The tax schedule (税务折旧, issue 21): an enterprise's second depreciation beside the
-- book one, for the income-tax return (企业所得税). Its own method and life, set per
-- category (inherited down the category tree) and per asset (overriding the category).
-- An asset with neither follows the book schedule for tax too.
CREATE TABLE IF NOT EXISTS category_tax_depreciation (
    category_id INTEGER PRIMARY KEY REFERENCES categories(id),
    method      TEXT NOT NULL CHECK (method IN ('straight-line', 'double-declining', 'sum-of-years', 'one-time')),
    -- NULL for one-time (一次性税前扣除: the whole tax base in the first month charged).
    life_months INTEGER CHECK (life_months IS NULL OR life_months BETWEEN 1 AND 1200),
    CHECK ((method = 'one-time') = (life_months IS NULL))
) STRICT;
CREATE TABLE IF NOT EXISTS asset_tax_depreciation (
    asset_id    INTEGER PRIMARY KEY REFERENCES assets(id),
    method      TEXT NOT NULL CHECK (method IN ('straight-line', 'double-declining', 'sum-of-years', 'one-time')),
    life_months INTEGER CHECK (life_months IS NULL OR life_months BETWEEN 1 AND 1200),
    CHECK ((method = 'one-time') = (life_months IS NULL))
) STRICT;
