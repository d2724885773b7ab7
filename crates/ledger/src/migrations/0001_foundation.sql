-- Foundation: settings, users, registers, assets, documents/journal, audit log.
-- Money is INTEGER fen; dates are TEXT 'YYYY-MM-DD'; times are TEXT RFC 3339 (UTC).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE departments (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE categories (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE locations (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE people (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    dept_id INTEGER REFERENCES departments(id),
    active  INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'power', 'normal')),
    dept_id       INTEGER REFERENCES departments(id),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
) STRICT;

-- Per-key counters for asset codes and document numbers ("ZC-2026-" -> 12).
CREATE TABLE sequences (
    key  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE assets (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    category_id   INTEGER NOT NULL REFERENCES categories(id),
    model         TEXT NOT NULL DEFAULT '',
    serial        TEXT NOT NULL DEFAULT '',
    dept_id       INTEGER REFERENCES departments(id),
    location_id   INTEGER REFERENCES locations(id),
    custodian_id  INTEGER REFERENCES people(id),
    acquired      TEXT,
    value_fen     INTEGER NOT NULL DEFAULT 0 CHECK (value_fen >= 0),
    life_months   INTEGER CHECK (life_months IS NULL OR life_months > 0),
    salvage_rate  TEXT NOT NULL DEFAULT '0',
    salvage_fen   INTEGER,
    method        TEXT NOT NULL DEFAULT 'straight-line',
    status        TEXT NOT NULL DEFAULT 'in_stock',
    notes         TEXT NOT NULL DEFAULT '',
    -- Lower-cased code, name, model, serial and register names: what the search box reads.
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX assets_status ON assets(status);
CREATE INDEX assets_dept ON assets(dept_id);
CREATE INDEX assets_location ON assets(location_id);
CREATE INDEX assets_category ON assets(category_id);
CREATE INDEX assets_custodian ON assets(custodian_id);
CREATE INDEX assets_name ON assets(name);

-- A business document (registration, issue, return, ...) with its number.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc_no       TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    doc_date     TEXT NOT NULL,
    operator_id  INTEGER NOT NULL REFERENCES users(id),
    counterparty TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    voided_by    INTEGER REFERENCES documents(id),
    created_at   TEXT NOT NULL
) STRICT;

-- Append-only: one row per asset a document touched, with the state it left behind.
CREATE TABLE journal (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    asset_id    INTEGER NOT NULL REFERENCES assets(id),
    status      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX journal_asset ON journal(asset_id, id);

-- Every write, chained by hash so an edited, removed or reordered entry shows.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
