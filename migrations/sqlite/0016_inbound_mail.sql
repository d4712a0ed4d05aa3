-- Mail that reached the help desk's mailbox or its pipe. One row per Message-ID, written in the
-- transaction of the ticket change it caused (or on its own when it changed nothing), so the same
-- message fetched twice, or copied to several help desk addresses, is acted on once.
-- `outcome` is created, noted, ignored, held or dropped; `why` a stable code. A held message keeps
-- its raw bytes until a coordinator files, attaches or drops it (then they are cleared).
CREATE TABLE inbound_mail (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id  TEXT    NOT NULL UNIQUE,
    sender      TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    outcome     TEXT    NOT NULL,
    why         TEXT,
    ticket_id   INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    raw         BLOB,
    received_at INTEGER NOT NULL,
    decided_by  INTEGER REFERENCES users (id),
    decided_at  INTEGER
);
CREATE INDEX inbound_mail_sender ON inbound_mail (sender, received_at);
CREATE INDEX inbound_mail_ticket ON inbound_mail (ticket_id);
CREATE INDEX inbound_mail_outcome ON inbound_mail (outcome, received_at);

-- When mail to a person last came back undeliverable (a delivery status report).
ALTER TABLE users ADD COLUMN mail_bounced_at INTEGER;
