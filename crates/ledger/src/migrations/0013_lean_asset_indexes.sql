-- The single-column indexes of 0001 repeat the leading column of the (column, code)
-- sort indexes of 0003, which serve the same lookups and filters. Each one cost a
-- B-tree insert per asset written: a 100,000-row import maintained six for nothing.
DROP INDEX assets_status;
DROP INDEX assets_dept;
DROP INDEX assets_location;
DROP INDEX assets_category;
DROP INDEX assets_custodian;
DROP INDEX assets_name;
