-- Issue 22: an asset's supplier (0011) and a consumable receipt's (0012), kept as free
-- text until now, point at the supplier register (0021) like repair orders and
-- maintenance plans do.
--
-- Link tables rather than new columns: consumable movements are append-only (0012's
-- trigger refuses any change to a voided one), and a link table leaves that guard as it
-- is; and, as in 0027, re-applying over a newer schema changes nothing. The old text
-- columns stay (a published migration never changes, and readers that predate the link
-- still read them); they hold the name as written, and the register's name is shown.

CREATE TABLE IF NOT EXISTS asset_suppliers (
    asset_id    INTEGER PRIMARY KEY REFERENCES assets(id),
    supplier_id INTEGER NOT NULL REFERENCES suppliers(id)
) STRICT;
CREATE INDEX IF NOT EXISTS asset_suppliers_supplier ON asset_suppliers(supplier_id);

CREATE TABLE IF NOT EXISTS consumable_move_suppliers (
    move_id     INTEGER PRIMARY KEY REFERENCES consumable_moves(id),
    supplier_id INTEGER NOT NULL REFERENCES suppliers(id)
) STRICT;
CREATE INDEX IF NOT EXISTS consumable_move_suppliers_supplier ON consumable_move_suppliers(supplier_id);

-- Every distinct old text, trimmed of spaces, tabs, line breaks and the ideographic
-- space, becomes a register entry unless the register has that name already (then
-- that entry, active or not, is the one linked); identical names merge into one.
INSERT OR IGNORE INTO suppliers(name, created_at)
SELECT DISTINCT name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (
    SELECT trim(supplier, ' ' || char(9, 10, 13, 12288)) AS name FROM assets
    UNION ALL
    SELECT trim(supplier, ' ' || char(9, 10, 13, 12288)) AS name FROM consumable_moves
)
WHERE name <> '';

INSERT OR IGNORE INTO asset_suppliers(asset_id, supplier_id)
SELECT a.id, s.id FROM assets a JOIN suppliers s ON s.name = trim(a.supplier, ' ' || char(9, 10, 13, 12288));

INSERT OR IGNORE INTO consumable_move_suppliers(move_id, supplier_id)
SELECT m.id, s.id FROM consumable_moves m JOIN suppliers s ON s.name = trim(m.supplier, ' ' || char(9, 10, 13, 12288));
