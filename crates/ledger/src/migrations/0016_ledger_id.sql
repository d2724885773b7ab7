-- Issue 26: every ledger gets a random id. Its audit key (kept outside the ledger) and
-- its anchor file are named by it; a backup carries it, so a restored copy keeps its key.
-- Keying the old SHA-256 chain needs that key and is done in Rust when the ledger opens
-- (tamper.rs, `upgrade_chain`), not here.
INSERT OR IGNORE INTO settings(key, value) VALUES ('ledger_id', lower(hex(randomblob(16))));
