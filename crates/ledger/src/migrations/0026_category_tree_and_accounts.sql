-- Issue 21: categories as a tree (GB/T 14885 classes and the clerk's own under them),
-- and the account codes a month's depreciation voucher (折旧分配凭证) is posted to.
ALTER TABLE categories ADD COLUMN parent_id INTEGER REFERENCES categories(id);
-- The class code of the standard (GB/T 14885-2022) for seeded categories; NULL for the clerk's own.
ALTER TABLE categories ADD COLUMN class_code TEXT;
CREATE UNIQUE INDEX categories_class_code ON categories(class_code) WHERE class_code IS NOT NULL;
CREATE INDEX categories_parent ON categories(parent_id);

-- A category's accounts: the asset account (固定资产) and the accumulated depreciation
-- account credited (累计折旧). Either may be empty: the ledger default applies.
CREATE TABLE category_accounts (
    category_id          INTEGER PRIMARY KEY REFERENCES categories(id),
    asset_account        TEXT NOT NULL DEFAULT '',
    depreciation_account TEXT NOT NULL DEFAULT ''
) STRICT;

-- A department's expense account debited (管理费用, 业务活动费用 …) and its cost centre.
CREATE TABLE department_accounts (
    dept_id         INTEGER PRIMARY KEY REFERENCES departments(id),
    expense_account TEXT NOT NULL DEFAULT '',
    cost_centre     TEXT NOT NULL DEFAULT ''
) STRICT;
