-- Known issues: a ticket a coordinator announced to requesters with a short public notice
-- ("Mail is down in building B, we are on it"). The banner shows while the ticket is open;
-- people it affects too file a child of it in one click. Requesters name it by its own `id`, which
-- says nothing about the ticket's number. The row goes when the ticket is resolved or closed.
CREATE TABLE known_issues (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL UNIQUE REFERENCES tickets (id) ON DELETE CASCADE,
    notice     TEXT    NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
);
