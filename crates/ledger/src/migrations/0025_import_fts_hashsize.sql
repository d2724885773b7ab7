-- A large import writes its whole search index in one transaction (issue 25). FTS5
-- flushes its pending terms to a new segment each time they pass `hashsize` (1 MB by
-- default), and merging those segments was most of the index's cost: 16 MB of pending
-- terms per flush cuts the segments sixteenfold. Small transactions never reach it.
INSERT INTO asset_fts(asset_fts, rank) VALUES ('hashsize', 16777216);
