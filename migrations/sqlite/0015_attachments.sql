-- Attached files. The bytes live in a table of their own, once per content (SHA-256), so ticket
-- queries never read them and the same screenshot attached twice is stored once.
CREATE TABLE attachment_blobs (
    sha256 TEXT    PRIMARY KEY,
    size   INTEGER NOT NULL CHECK (size >= 0),
    bytes  BLOB    NOT NULL
);

-- One file on a ticket (and, when it came with one, on its note). `public_id` is the random
-- name in URLs; `internal` files are for IT only. A removed file keeps its row (the history
-- names it) and loses nothing but the right to be read.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id   TEXT    NOT NULL UNIQUE,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    note_id     INTEGER REFERENCES notes (id) ON DELETE SET NULL,
    uploader_id INTEGER NOT NULL REFERENCES users (id),
    file_name   TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT    NOT NULL REFERENCES attachment_blobs (sha256),
    internal    INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
    created_at  INTEGER NOT NULL,
    removed_at  INTEGER,
    removed_by  INTEGER REFERENCES users (id)
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, id);
CREATE INDEX attachments_blob ON attachments (sha256);
