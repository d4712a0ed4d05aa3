-- Known issues: a ticket a coordinator announced to requesters with a short public notice
-- ("Mail is down in building B, we are on it"). The banner shows while the ticket is open;
-- people it affects too file a child of it in one click.
CREATE TABLE known_issues (
    ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    notice     TEXT    NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
);
