-- Issue 21: categories as a tree (GB/T 14885 classes and the clerk's own under them),
-- and the account codes a month's depreciation voucher (折旧分配凭证) is posted to.
-- Side tables, not new columns, so re-applying over a newer schema changes nothing.

-- A category's parent and, for seeded categories, the standard's class code; no row:
-- a top category of the clerk's own.
CREATE TABLE IF NOT EXISTS category_tree (
    category_id INTEGER PRIMARY KEY REFERENCES categories(id),
    parent_id   INTEGER REFERENCES categories(id),
    class_code  TEXT
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS category_tree_class_code ON category_tree(class_code) WHERE class_code IS NOT NULL;
CREATE INDEX IF NOT EXISTS category_tree_parent ON category_tree(parent_id);

-- A category's accounts: the asset account (固定资产) and the accumulated depreciation
-- account credited (累计折旧). Either may be empty: the ledger default applies.
CREATE TABLE IF NOT EXISTS category_accounts (
    category_id          INTEGER PRIMARY KEY REFERENCES categories(id),
    asset_account        TEXT NOT NULL DEFAULT '',
    depreciation_account TEXT NOT NULL DEFAULT ''
) STRICT;

-- A department's expense account debited (管理费用, 业务活动费用 …) and its cost centre.
CREATE TABLE IF NOT EXISTS department_accounts (
    dept_id         INTEGER PRIMARY KEY REFERENCES departments(id),
    expense_account TEXT NOT NULL DEFAULT '',
    cost_centre     TEXT NOT NULL DEFAULT ''
) STRICT;
