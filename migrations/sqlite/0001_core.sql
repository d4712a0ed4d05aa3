-- Switchboard core schema (SQLite). Timestamps are Unix milliseconds (UTC).

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('requester', 'technician', 'coordinator', 'admin')),
    password_hash TEXT,
    phone         TEXT,
    tier          INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    capacity      INTEGER NOT NULL DEFAULT 8 CHECK (capacity >= 0),
    availability  TEXT    NOT NULL DEFAULT 'on_duty' CHECK (availability IN ('on_duty', 'away', 'off')),
    off_until     INTEGER,
    created_at    INTEGER NOT NULL
);

-- Server-side sessions; the cookie holds a random token whose SHA-256 is stored here.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- REST API bearer tokens, stored hashed like sessions.
CREATE TABLE api_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    fields_json TEXT NOT NULL DEFAULT '[]',
    position    INTEGER NOT NULL DEFAULT 0
);

INSERT INTO categories (slug, name, position, fields_json) VALUES
 ('hardware', 'Hardware', 1,
  '[{"key":"asset_tag","label":"Asset tag (sticker on the device)","required":true,"hint":"e.g. LAP-0412"},{"key":"device","label":"Device type","required":false,"hint":"laptop, desktop, printer, phone…"}]'),
 ('software', 'Software', 2,
  '[{"key":"application","label":"Application","required":true,"hint":"e.g. Outlook"},{"key":"version","label":"Version","required":false,"hint":null}]'),
 ('network', 'Network', 3,
  '[{"key":"building","label":"Building","required":true,"hint":null},{"key":"room","label":"Room","required":true,"hint":null},{"key":"outlet","label":"Wall outlet number","required":false,"hint":"printed on the socket"}]'),
 ('account', 'Account or access', 4,
  '[{"key":"system","label":"Which system","required":true,"hint":"e.g. VPN, payroll, shared drive"}]'),
 ('facilities', 'Facilities', 5,
  '[{"key":"building","label":"Building","required":true,"hint":null},{"key":"room","label":"Room","required":false,"hint":null}]'),
 ('other', 'Other', 6, '[]');

-- A technician's skill in a category, 1 (basic) to 3 (expert).
CREATE TABLE skills (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    PRIMARY KEY (user_id, category_id)
);

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    category_id     INTEGER NOT NULL REFERENCES categories (id),
    requester_id    INTEGER NOT NULL REFERENCES users (id),
    assignee_id     INTEGER REFERENCES users (id),
    impact          TEXT    NOT NULL CHECK (impact IN ('low', 'medium', 'high')),
    urgency         TEXT    NOT NULL CHECK (urgency IN ('low', 'medium', 'high')),
    priority        TEXT    NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    priority_reason TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed', 'cancelled')),
    waiting_on      TEXT    CHECK (waiting_on IN ('requester', 'third_party', 'facility')),
    location        TEXT,
    asset_tag       TEXT,
    contact         TEXT,
    fields_json     TEXT    NOT NULL DEFAULT '{}',
    escalated       INTEGER NOT NULL DEFAULT 0,
    reopened        INTEGER NOT NULL DEFAULT 0,
    resolution      TEXT,
    channel         TEXT    NOT NULL DEFAULT 'portal',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'waiting') = (waiting_on IS NOT NULL))
);
CREATE INDEX tickets_open_queue ON tickets (status, priority, created_at);
CREATE INDEX tickets_requester ON tickets (requester_id, updated_at);
CREATE INDEX tickets_assignee ON tickets (assignee_id, status);

CREATE TABLE watchers (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX watchers_user ON watchers (user_id);

CREATE TABLE notes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id       INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id       INTEGER NOT NULL REFERENCES users (id),
    body            TEXT    NOT NULL,
    visibility      TEXT    NOT NULL CHECK (visibility IN ('public', 'internal')),
    minutes         INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    idempotency_key TEXT UNIQUE,
    created_at      INTEGER NOT NULL
);
CREATE INDEX notes_ticket ON notes (ticket_id, id);

-- Every accepted change, written in the same transaction as the change: the ticket's history and
-- the board's change feed (ordered by id).
CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    actor_id   INTEGER REFERENCES users (id),
    at         INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    from_value TEXT,
    to_value   TEXT,
    detail     TEXT,
    internal   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
