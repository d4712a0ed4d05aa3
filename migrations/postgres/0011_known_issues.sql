-- Known issues: a ticket a coordinator announced to requesters with a short public notice
-- ("Mail is down in building B, we are on it"). The banner shows while the ticket is open;
-- people it affects too file a child of it in one click.
CREATE TABLE known_issues (
    ticket_id  BIGINT  PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    notice     TEXT    NOT NULL,
    created_by BIGINT  NOT NULL REFERENCES users (id),
    created_at BIGINT  NOT NULL
);
