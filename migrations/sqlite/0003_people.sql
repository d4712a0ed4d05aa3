-- Teams, routing of categories to teams, and an audit log of changes to people and settings.

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

ALTER TABLE categories ADD COLUMN team_id INTEGER REFERENCES teams (id) ON DELETE SET NULL;

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id INTEGER REFERENCES users (id),
    at       INTEGER NOT NULL,
    subject  TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    detail   TEXT
);
CREATE INDEX audit_log_subject ON audit_log (subject, id);
