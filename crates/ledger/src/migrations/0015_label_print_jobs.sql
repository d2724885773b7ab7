-- Label print jobs (issue 18): every job handed to a printer, whether it arrived, the
-- printer's words when it failed, and retries, so no failed job is lost silently.
-- IF NOT EXISTS: reopening a ledger whose user_version was rewound replays this safely.
CREATE TABLE IF NOT EXISTS label_print_jobs (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    user        TEXT NOT NULL,
    -- The configured printer's name, or the address when printed to one directly.
    printer     TEXT NOT NULL,
    destination TEXT NOT NULL,
    template    TEXT NOT NULL,
    language    TEXT NOT NULL,
    -- Asset codes in print order, one per line.
    codes       TEXT NOT NULL,
    labels      INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'cancelled', 'retried')),
    error       TEXT NOT NULL DEFAULT '',
    retry_of    INTEGER REFERENCES label_print_jobs(id)
);
CREATE INDEX IF NOT EXISTS label_print_jobs_recent ON label_print_jobs(id DESC);
