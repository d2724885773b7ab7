-- The search index now also holds each Chinese word's pinyin initials. Emptying it makes
-- the ledger rebuild it once on open (search::rebuild_if_missing), with the initials.
INSERT INTO asset_fts(asset_fts) VALUES ('delete-all');
