-- Recurring work: tickets that file themselves on a schedule, kept by coordinators.
-- `schedule` is domain::recurring::Schedule as JSON (first date, local time, repetition), read in
-- the desk's time zone. `next_run_at` (ms since 1970, NULL when paused) is claimed by the
-- transaction that files the ticket: it moves on only if it still holds the value read, so each
-- occurrence is filed once whichever process gets there, and runs missed while the desk was down
-- are filed once, not once each.
CREATE TABLE recurring_tickets (
    id             INTEGER PRIMARY KEY,
    title          TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    category_id    INTEGER NOT NULL REFERENCES categories (id),
    impact         TEXT    NOT NULL CHECK (impact IN ('low', 'medium', 'high')),
    urgency        TEXT    NOT NULL CHECK (urgency IN ('low', 'medium', 'high')),
    assignee_id    INTEGER REFERENCES users (id),
    schedule       TEXT    NOT NULL,
    next_run_at    INTEGER,
    last_ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    created_by     INTEGER NOT NULL REFERENCES users (id),
    created_at     INTEGER NOT NULL
);
CREATE INDEX recurring_tickets_due ON recurring_tickets (next_run_at);
