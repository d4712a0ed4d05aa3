-- The requester's rating of the help they got, and private tracking links that let someone
-- without an account follow one ticket (only its public side).

CREATE TABLE ratings (
    ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    TEXT,
    rated_at   INTEGER NOT NULL
);

CREATE TABLE tracking_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    -- SHA-256 of the random token in the link; the token itself is shown once.
    token_hash TEXT    NOT NULL UNIQUE,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX tracking_links_ticket ON tracking_links (ticket_id);

-- What a person typed into a form that was refused, kept briefly so that a browser without
-- JavaScript shows the form again with their text and the errors beside the fields.
CREATE TABLE form_drafts (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    form     TEXT    NOT NULL,
    values_json TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, form)
);
