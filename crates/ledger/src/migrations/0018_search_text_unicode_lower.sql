-- Search text is now lower-cased in full (Rust's to_lowercase, as the search box's words
-- are), not only its ASCII letters: a model stored as "ＰＣ" is found by "ＰＣ". Emptying
-- the index makes the ledger rebuild it, and every asset's search text, once on open
-- (search::rebuild_if_missing).
INSERT INTO asset_fts(asset_fts) VALUES ('delete-all');
