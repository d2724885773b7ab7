-- Which migrations this ledger has, each with the SHA-256 of its SQL as applied
-- (schema_history.rs checks them on every open: a published migration that changed
-- makes the open refuse). `how`: 'applied' by the runner; 'backfilled' for those a
-- ledger already had when its history began, read from its user_version.
-- IF NOT EXISTS: reopening a ledger whose user_version was set back replays this safely.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    how         TEXT NOT NULL CHECK (how IN ('applied', 'backfilled')),
    recorded_at TEXT NOT NULL
) STRICT;
