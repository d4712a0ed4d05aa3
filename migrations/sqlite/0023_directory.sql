-- Sign-in with the company directory. An account made or claimed by a directory remembers which
-- one (`ldap`, later `oidc`) and the person's id there (an LDAP entry's DN, an OpenID subject):
-- its password is the directory's, and the directory's sync can switch it off.
ALTER TABLE users ADD COLUMN directory TEXT;
ALTER TABLE users ADD COLUMN directory_id TEXT;
CREATE UNIQUE INDEX users_directory ON users (directory, directory_id);

-- Each run of a directory's sync. `claim` is unique so that, of several processes, the first to
-- claim a period runs it and the others leave it.
CREATE TABLE directory_syncs (
    id          INTEGER PRIMARY KEY,
    directory   TEXT    NOT NULL,
    claim       TEXT    NOT NULL UNIQUE,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    outcome     TEXT    NOT NULL DEFAULT 'running',
    detail      TEXT    NOT NULL DEFAULT '',
    seen        INTEGER NOT NULL DEFAULT 0
);

-- What a directory did to an account: created, linked, role changed (at sign-in), deactivated
-- (by a sync, which `sync_id` names).
CREATE TABLE directory_changes (
    id        INTEGER PRIMARY KEY,
    directory TEXT    NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action    TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '',
    sync_id   INTEGER REFERENCES directory_syncs (id) ON DELETE SET NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX directory_changes_at ON directory_changes (at);
