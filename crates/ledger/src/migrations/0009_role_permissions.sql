-- An admin's adjustments to what the power and normal roles may do, over the defaults.
CREATE TABLE role_permissions (
    role       TEXT NOT NULL CHECK (role IN ('power', 'normal')),
    permission TEXT NOT NULL,
    allowed    INTEGER NOT NULL,
    PRIMARY KEY (role, permission)
) STRICT;
