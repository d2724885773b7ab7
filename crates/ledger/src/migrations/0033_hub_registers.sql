-- Issue 24: registers, users and shared settings kept together through a hub
-- (docs/hub.md, "Registers"). Re-runnable, as the upgrade tests replay late migrations.

-- Each register entry as it last went to or came from the hub: a desk pushes the
-- entries whose name or state differ from this, and applies a pulled change only when
-- it is later in the hub's order than `hub_seq` (the hub's order decides).
CREATE TABLE IF NOT EXISTS hub_register_synced (
    kind      TEXT NOT NULL,  -- dept, location, category, person, user, setting, role
    local_key TEXT NOT NULL,  -- the entry's id here (a setting's key, a role's name)
    name      TEXT NOT NULL,
    state     TEXT NOT NULL,  -- JSON, the form it travels in
    hub_seq   INTEGER NOT NULL,
    hub_site  TEXT NOT NULL,  -- the site whose change that was
    PRIMARY KEY (kind, local_key)
) STRICT;

-- What a pull decided against someone: this desk's change replaced by a later one on the
-- hub, another site's change that came before this desk's own (superseded), a creation
-- meeting an entry the hub already had (merged), or a change this desk's rules refused
-- (conflict: nothing of it applied).
CREATE TABLE IF NOT EXISTS hub_register_notes (
    id        INTEGER PRIMARY KEY,
    hub_seq   INTEGER NOT NULL,
    site      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    name      TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('replaced', 'superseded', 'merged', 'conflict')),
    message   TEXT NOT NULL,
    noted_at  TEXT NOT NULL
) STRICT;
