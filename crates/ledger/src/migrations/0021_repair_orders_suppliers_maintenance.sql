-- Repairs and maintenance as a workflow (issue 22): the supplier register, repair orders
-- with their states, events and costs, and maintenance plans with what was done.
-- IF NOT EXISTS throughout: the schema-history tests replay it on ledgers that already have it.

-- 供应商/维修单位: a register beside departments, locations and categories, with contact
-- details and what they supply or repair. Deactivated, never deleted.
CREATE TABLE IF NOT EXISTS suppliers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    contact    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    supplies   TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
) STRICT;

-- 维修单: 报修 reported → 受理 accepted → 送修 sent → 完成 completed → 验收 verified, or
-- 无法修复 cannot_fix. The asset's status moves through the ordinary documents: sending
-- posts a 故障登记 (GZ, asset 维修中), completing a 故障维修 (WX, asset back).
CREATE TABLE IF NOT EXISTS repair_orders (
    id             INTEGER PRIMARY KEY,
    order_no       TEXT NOT NULL UNIQUE,
    asset_id       INTEGER NOT NULL REFERENCES assets(id),
    state          TEXT NOT NULL CHECK (state IN ('reported', 'accepted', 'sent', 'completed', 'verified', 'cannot_fix')),
    fault          TEXT NOT NULL,
    reported_on    TEXT NOT NULL,
    reported_by    TEXT NOT NULL,
    -- 在保 in / 过保 out / unknown (no warranty end on the card), as of the day it was reported.
    warranty       TEXT NOT NULL CHECK (warranty IN ('in', 'out', 'unknown')),
    warranty_until TEXT,
    -- Where the asset belonged when the fault was reported (the report groups by these).
    dept_id        INTEGER REFERENCES departments(id),
    category_id    INTEGER REFERENCES categories(id),
    supplier_id    INTEGER REFERENCES suppliers(id),
    -- In-house repair: the technician (empty when sent to a supplier).
    technician     TEXT NOT NULL DEFAULT '',
    accepted_on    TEXT,
    sent_on        TEXT,
    completed_on   TEXT,
    closed_on      TEXT,
    handling       TEXT NOT NULL DEFAULT '',
    fault_doc_id   INTEGER REFERENCES documents(id),
    repair_doc_id  INTEGER REFERENCES documents(id),
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS repair_orders_asset ON repair_orders(asset_id);
CREATE INDEX IF NOT EXISTS repair_orders_state ON repair_orders(state);

-- Each step of an order, append-only: the order's own history.
CREATE TABLE IF NOT EXISTS repair_events (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES repair_orders(id),
    state      TEXT NOT NULL,
    event_date TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    doc_id     INTEGER REFERENCES documents(id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS repair_events_order ON repair_events(order_id);
CREATE TRIGGER IF NOT EXISTS repair_events_append_only_u BEFORE UPDATE ON repair_events BEGIN SELECT RAISE(ABORT, 'repair events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS repair_events_append_only_d BEFORE DELETE ON repair_events BEGIN SELECT RAISE(ABORT, 'repair events are append-only'); END;

-- A repair's costs (exact fen), each expensed (费用化) or capitalised (资本化, added to the
-- asset's value by a value-change document, named in value_doc). Append-only.
CREATE TABLE IF NOT EXISTS repair_costs (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES repair_orders(id),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    invoice     TEXT NOT NULL DEFAULT '',
    treatment   TEXT NOT NULL CHECK (treatment IN ('expensed', 'capitalised')),
    value_doc   TEXT,
    cost_date   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS repair_costs_order ON repair_costs(order_id);
CREATE TRIGGER IF NOT EXISTS repair_costs_append_only_u BEFORE UPDATE ON repair_costs BEGIN SELECT RAISE(ABORT, 'repair costs are append-only'); END;
CREATE TRIGGER IF NOT EXISTS repair_costs_append_only_d BEFORE DELETE ON repair_costs BEGIN SELECT RAISE(ABORT, 'repair costs are append-only'); END;

-- 保养计划: for one asset or for every asset of a category, every N days or months.
CREATE TABLE IF NOT EXISTS maintenance_plans (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    asset_id    INTEGER REFERENCES assets(id),
    category_id INTEGER REFERENCES categories(id),
    every_n     INTEGER NOT NULL CHECK (every_n BETWEEN 1 AND 3650),
    unit        TEXT NOT NULL CHECK (unit IN ('days', 'months')),
    next_due    TEXT NOT NULL,
    supplier_id INTEGER REFERENCES suppliers(id),
    active      INTEGER NOT NULL DEFAULT 1,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CHECK ((asset_id IS NULL) <> (category_id IS NULL))
) STRICT;
CREATE INDEX IF NOT EXISTS maintenance_plans_due ON maintenance_plans(next_due) WHERE active = 1;

-- What was done on a plan, append-only.
CREATE TABLE IF NOT EXISTS maintenance_records (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES maintenance_plans(id),
    done_on    TEXT NOT NULL,
    due_was    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    user_name  TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS maintenance_records_plan ON maintenance_records(plan_id);
CREATE TRIGGER IF NOT EXISTS maintenance_records_append_only_u BEFORE UPDATE ON maintenance_records BEGIN SELECT RAISE(ABORT, 'maintenance records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS maintenance_records_append_only_d BEFORE DELETE ON maintenance_records BEGIN SELECT RAISE(ABORT, 'maintenance records are append-only'); END;
