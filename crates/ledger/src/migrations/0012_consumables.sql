-- Low-value consumables (低值易耗品): items with their stock on hand, and the numbered,
-- append-only movements (receipts, issues, returns, count adjustments, voids) that
-- change it. Quantities are INTEGER thousandths of the item's unit (qty_milli);
-- values are INTEGER fen. Stock is valued at weighted average cost.

CREATE TABLE consumable_items (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL UNIQUE,
    type           TEXT NOT NULL,
    spec           TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL,
    threshold_milli INTEGER NOT NULL DEFAULT 0 CHECK (threshold_milli >= 0),
    -- The balance the movements add up to, kept here so a read never sums the history.
    qty_milli      INTEGER NOT NULL DEFAULT 0 CHECK (qty_milli >= 0),
    value_fen      INTEGER NOT NULL DEFAULT 0 CHECK (value_fen >= 0),
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    CHECK (qty_milli > 0 OR value_fen = 0)
) STRICT;
CREATE INDEX consumable_items_type ON consumable_items(type);

-- One row per document: its signed effect on the item's quantity and value, and the
-- balance it left behind. A void is a row of its own pointing at what it reverses.
CREATE TABLE consumable_moves (
    id              INTEGER PRIMARY KEY,
    doc_no          TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('receive', 'issue', 'return', 'adjust', 'void')),
    item_id         INTEGER NOT NULL REFERENCES consumable_items(id),
    move_date       TEXT NOT NULL,
    qty_milli       INTEGER NOT NULL,
    value_fen       INTEGER NOT NULL,
    -- Receipts: the price paid per unit, in fen.
    price_fen       INTEGER,
    supplier        TEXT NOT NULL DEFAULT '',
    dept_id         INTEGER REFERENCES departments(id),
    person_id       INTEGER REFERENCES people(id),
    purpose         TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    -- A return points at its issue; a void at the movement it reverses.
    source_id       INTEGER REFERENCES consumable_moves(id),
    operator_id     INTEGER NOT NULL REFERENCES users(id),
    state           TEXT NOT NULL DEFAULT 'posted' CHECK (state IN ('posted', 'voided')),
    voided_by       INTEGER REFERENCES consumable_moves(id),
    qty_after_milli INTEGER NOT NULL,
    value_after_fen INTEGER NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX consumable_moves_item ON consumable_moves(item_id, id);
CREATE INDEX consumable_moves_date ON consumable_moves(kind, move_date);
CREATE INDEX consumable_moves_source ON consumable_moves(source_id);

-- The journal is append-only: a movement is never deleted; its number, kind, item, date,
-- quantity and value never change (the posting fills in its details in the same
-- transaction), and once voided it never changes again.
CREATE TRIGGER consumable_moves_no_delete BEFORE DELETE ON consumable_moves
BEGIN
    SELECT RAISE(ABORT, 'consumable movements are append-only');
END;
CREATE TRIGGER consumable_moves_no_update BEFORE UPDATE ON consumable_moves
WHEN NEW.id != OLD.id OR NEW.doc_no != OLD.doc_no OR NEW.kind != OLD.kind OR NEW.item_id != OLD.item_id
  OR NEW.qty_milli != OLD.qty_milli OR NEW.value_fen != OLD.value_fen OR NEW.move_date != OLD.move_date
  OR OLD.state = 'voided'
BEGIN
    SELECT RAISE(ABORT, 'consumable movements are append-only');
END;

-- Next year's budget: the clerk's overrides of the forecast, per item and year.
CREATE TABLE consumable_budget (
    year       INTEGER NOT NULL,
    item_id    INTEGER NOT NULL REFERENCES consumable_items(id),
    qty_milli  INTEGER CHECK (qty_milli IS NULL OR qty_milli >= 0),
    price_fen  INTEGER CHECK (price_fen IS NULL OR price_fen >= 0),
    note       TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, item_id)
) STRICT;
