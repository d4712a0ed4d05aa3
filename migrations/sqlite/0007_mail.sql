-- What each person wants to be told and how, and the transactional outbox of email: a message is
-- written in the transaction of the change that causes it and delivered by a worker afterwards.

CREATE TABLE notification_prefs (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- Comma-separated notification kinds the person does not want.
    muted   TEXT    NOT NULL DEFAULT '',
    email   INTEGER NOT NULL DEFAULT 1,
    digest  TEXT    NOT NULL DEFAULT 'off' CHECK (digest IN ('off', 'hourly', 'daily'))
);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ticket_id       INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    to_email        TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    -- Sent with the person's other digest messages instead of on its own.
    digest          INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    -- When the worker may (next) try; a worker sending it pushes this ahead as its lease.
    next_attempt_at INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'held', 'failed')),
    sent_at         INTEGER,
    -- Why the last attempt failed, or why mail is held (no SMTP server configured).
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
