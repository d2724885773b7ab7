-- The search index now also holds each Chinese word's full pinyin (issue 27). Emptying
-- it makes the ledger rebuild it once on open (search::rebuild_if_missing), with it.
INSERT INTO asset_fts(asset_fts) VALUES ('delete-all');
